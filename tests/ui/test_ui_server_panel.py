"""The phones panel: a clear warning when no network reaches the phones; start and stop."""

from __future__ import annotations

import httpx

from summit_app.server.network import Address, Kind
from summit_app.ui import commands
from summit_app.ui import server_panel as panel_module
from summit_app.ui.server_panel import NO_NETWORK, ServerPanel


def test_a_laptop_with_only_loopback_is_warned(qtbot, session, monkeypatch):
    monkeypatch.setattr(
        panel_module, "candidate_addresses", lambda: [Address("lo", "127.0.0.1", Kind.LOOPBACK)]
    )
    panel = ServerPanel(session)
    qtbot.addWidget(panel)
    assert panel.warning.text() == NO_NETWORK
    assert not panel.warning.isHidden()


def test_a_laptop_on_wifi_is_not_warned_and_wifi_comes_first(qtbot, session, monkeypatch):
    monkeypatch.setattr(
        panel_module,
        "candidate_addresses",
        lambda: [
            Address("wlan0", "192.168.1.20", Kind.WIFI, preferred=True),
            Address("lo", "127.0.0.1", Kind.LOOPBACK),
        ],
    )
    panel = ServerPanel(session)
    qtbot.addWidget(panel)
    assert panel.warning.isHidden()
    assert panel.address_combo.currentData() == "192.168.1.20"
    assert panel.address_combo.currentText() == "192.168.1.20  (wlan0: Wi-Fi, recommended)"


def test_a_laptop_with_only_docker_and_a_vpn_is_warned(qtbot, session, monkeypatch):
    monkeypatch.setattr(
        panel_module,
        "candidate_addresses",
        lambda: [
            Address("docker0", "172.17.0.1", Kind.VIRTUAL),
            Address("tun0", "10.8.0.2", Kind.VPN),
            Address("lo", "127.0.0.1", Kind.LOOPBACK),
        ],
    )
    panel = ServerPanel(session)
    qtbot.addWidget(panel)
    assert panel.warning.text() == NO_NETWORK
    assert panel.address_combo.count() == 3  # the facilitator can still pick one


def test_start_shows_the_join_url_and_stop_clears_it(qtbot, session):
    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.server_started) as started:
        assert panel.start("127.0.0.1")
    assert started.args[0].startswith("http://127.0.0.1:")
    assert "/j/" in panel.url_label.text()
    assert not panel.qr_label.pixmap().isNull()
    with qtbot.waitSignal(panel.server_stopped):
        panel.toggle()
    assert panel.url_label.text() == ""
    assert not panel.running


def test_a_poll_the_facilitator_opens_reaches_a_phone_without_waiting_for_the_hub(qtbot, session):
    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.server_started):
        assert panel.start("127.0.0.1")
    server = panel.server
    assert server is not None and server.hub is not None
    server.hub.watch_s = 30  # the hub's own look at the file would come far too late
    code = session.summit.info().join_code
    poll = session.summit.polls.polls()[0]
    with httpx.Client(base_url=server.url, timeout=10) as phone:
        assert phone.get(f"/j/{code}").status_code == 200
        with phone.stream("GET", "/api/events") as stream:
            lines = stream.iter_lines()
            assert next(lines).startswith("retry:")
            commands.open_poll(session, poll.id)  # the window's command pokes the hub
            heard = next(
                line for line in lines if line.startswith("data:") and poll.question in line
            )
            assert f'"id":{poll.id}' in heard
    with qtbot.waitSignal(panel.server_stopped):
        panel.toggle()


def test_a_double_click_on_start_leaves_the_phones_server_running(qtbot, session, monkeypatch):
    # One button starts and stops; a rehearsal's double click started it and stopped it again.
    from summit_app.ui import guard

    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    panel.address_combo.setCurrentIndex(panel.address_combo.findData("127.0.0.1"))
    monkeypatch.setattr(guard, "now", lambda: 50.0)  # both clicks in the same moment
    with qtbot.waitSignal(panel.server_started):
        panel.start_button.click()
        panel.start_button.click()
    qtbot.wait(200)
    assert panel.running
    monkeypatch.setattr(guard, "now", lambda: 52.0)  # a deliberate press later stops it
    with qtbot.waitSignal(panel.server_stopped):
        panel.start_button.click()
    assert not panel.running

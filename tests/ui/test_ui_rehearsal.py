"""The morning of a summit, rehearsed: settings, preview then live, phones voting over HTTP,
the projector unplugged and plugged back, and every hazard of a nervous stage tried."""

from __future__ import annotations

import httpx
import pytest
from offscreen_screens import laptop, projector
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from summit_app.server.network import Address, Kind
from summit_app.ui import guard
from summit_app.ui import server_panel as server_panel_module
from summit_app.ui.main_window import MainWindow
from summit_app.ui.stage import Mode, Scene
from summit_app.ui.summit_settings_dialog import SummitSettingsDialog

Key = Qt.Key
PHONES = 5


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    loopback = [Address("loopback", "127.0.0.1", Kind.LOOPBACK)]
    monkeypatch.setattr(server_panel_module, "candidate_addresses", lambda: loopback)


def _double_click(monkeypatch, button) -> None:
    """Two presses 0.2 s apart, as a nervous double click makes them."""
    moments = iter((1000.0, 1000.2))
    monkeypatch.setattr(guard, "now", lambda: next(moments))
    button.click()
    button.click()
    later = iter(range(2000, 1_000_000))
    monkeypatch.setattr(guard, "now", lambda: float(next(later)))


@pytest.mark.slow
def test_a_short_summit_rehearsed_as_on_the_day(qtbot, tmp_path, screens, answers, monkeypatch):
    screens.set([laptop()])  # the projector is not plugged in yet
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    path = tmp_path / "leadership.summit"
    assert window.create_summit(path, "summit-day")  # the projector closes with the file
    session, stage = window.session, window.stage
    room = window.projector.view

    # -- Settings: the template's "Our summit" gets its own name, on the room's screen.
    window.menus.summit_settings.trigger()
    settings = window.findChild(SummitSettingsDialog, "summit_settings")
    settings.title.setText("SEL clinical and care leadership summit")
    settings.venue.setText("Guy's Hospital")
    settings.groups.setPlainText("Nursing\nPharmacy\nGeneral practice\nSocial care")
    settings.save()
    assert session.summit.info().title == "SEL clinical and care leadership summit"
    qtbot.waitUntil(lambda: room.item_title.text() == "SEL clinical and care leadership summit")
    window.activateWindow()  # the dialog has closed: the control window has the keys again
    qtbot.waitUntil(window.isActiveWindow)

    # -- Phones: the server on this laptop, the join corner on the room's screen.
    server = window.server_panel
    server.port = 0
    assert server.start(), server.status.text()
    stage.set_preview(Scene(Mode.ITEM))
    window.projector_panel.take_button.click()
    qtbot.waitUntil(lambda: room.corner_text().startswith("Join: 127.0.0.1:"))
    phones = [httpx.Client(timeout=10) for _ in range(PHONES)]
    try:
        for phone in phones:
            assert phone.get(server.server.join_url).status_code == 200
        qtbot.waitUntil(lambda: session.summit.people.count() == PHONES, timeout=5000)

        # -- Run: a double click on Next moves the day once.
        window.menus.next_item.trigger()  # Ctrl+Right starts the first item
        items = session.summit.agenda.items()
        assert session.summit.live().current_item_id == items[0].id
        _double_click(monkeypatch, window.run_panel.next_button)
        assert session.summit.live().current_item_id == items[1].id

        # -- A poll opened while the room sees only the live screen.
        polls = window.polls_panel
        window.focus_tab(3)
        poll = session.summit.polls.polls()[0]
        polls.choose(poll.id)
        assert polls.reveal_button.text() == "Hide results"  # the template shows them live
        polls.reveal_button.click()  # the room sees them only when revealed
        _double_click(monkeypatch, polls.open_button)  # opens once, not open-and-closed
        assert session.summit.polls.poll(poll.id).state.value == "open"
        assert room.showing is Mode.ITEM  # browsing and opening changed only the preview
        assert window.projector_panel.preview_view.showing is Mode.POLL
        base = server.server.url
        for phone, option in zip(phones[:3], poll.options, strict=False):
            voted = phone.post(
                f"{base}/api/ballot", json={"poll_id": poll.id, "choices": {str(option.id): 1}}
            )
            assert voted.status_code == 200, voted.text
        qtbot.keyClick(polls.list, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert room.showing is Mode.POLL
        qtbot.waitUntil(lambda: room.footer_text.text() == f"3 of {PHONES} phones voted")
        assert room.poll_options.texts()[0] == f"1. {poll.options[0].text}"
        assert room.poll_results.bar_texts() == []  # results stay hidden until revealed

        # -- The projector: shown with one screen, then plugged in, out and in again.
        window.menus.projector.trigger()  # F5
        shown = window.projector
        assert shown.isVisible() and not shown.isFullScreen()
        assert QApplication.activeWindow() is window  # it never takes the keyboard
        assert QApplication.activeWindow() is not shown
        screens.set([laptop(), projector("HDMI-1")])
        qtbot.waitUntil(lambda: shown.isFullScreen() and shown.screen().name() == "HDMI-1")
        screens.set([laptop()])
        qtbot.waitUntil(lambda: not shown.isVisible())
        assert "disconnected" in window.statusBar().currentMessage()
        window.menus.projector.trigger()  # the facilitator closes the projector window...
        assert not window.projector_panel.screens.wanted
        screens.set([laptop(), projector("HDMI-2", 1280, 720)])
        assert not shown.isVisible()  # ...so a screen appearing does not open it
        window.menus.projector.trigger()  # and reopens it on the screen that appeared
        assert shown.isFullScreen() and shown.screen().name() == "HDMI-2"
        assert shown.geometry().size().toTuple() == (1280, 720)

        # -- Hazards, each refused or asked about.
        answers.reply = False
        window.close()  # Ctrl+Q mid-vote
        assert window.isVisible() and server.running
        assert "Phones are voting on" in answers.asked[-1]
        window.agenda_panel.select("item", items[1].id)
        window.agenda_panel.remove_selected()  # Delete on the running item
        assert "is running now" in answers.asked[-1]
        assert session.summit.live().current_item_id == items[1].id
        window.run_panel.end_button.click()
        assert answers.asked[-1].startswith("End the day now?")
        assert session.summit.live().current_item_id == items[1].id
        second = MainWindow()
        qtbot.addWidget(second)
        assert not second.open_path(path)  # the same file in a second window
        box = second.findChild(QMessageBox, "error_box")
        assert "already open in another Summit (process" in box.text()
        box.close()
        for keys in ("Alt+2", "Alt+1"):  # then the arrow keys, meant for the agenda
            next(a for a in window.menus.tab_actions if a.shortcut().toString() == keys).trigger()
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Up)
        assert session.summit.info().start_time == "09:30"
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_B)  # a clicker's blank
        assert room.showing is Mode.BLANK
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_B)
        assert room.showing is Mode.POLL

        # -- Results: closed, revealed, on the room's screen as bars.
        window.focus_tab(3)
        polls.open_button.click()
        polls.reveal_button.click()
        qtbot.waitUntil(lambda: len(room.poll_results.bar_texts()) == len(poll.options))
        assert room.poll_status.text() == "Voting closed · 3 people voted"

        # -- Quitting, now asked and answered: the server stops; reopening offers phones back.
        polls.open_button.click()  # voting again, for the latecomers
        answers.reply = True
        window.close()
        assert not window.isVisible() and not server.running
    finally:
        for phone in phones:
            phone.close()
    answers.reply = False
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_path(path)
    assert "phones were voting on" in answers.asked[-1]
    assert again.banner.isVisibleTo(again)
    answers.reply = True
    again.close()

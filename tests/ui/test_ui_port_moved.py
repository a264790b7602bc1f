"""The port phones know taken on restart: the server moves, and the facilitator and the room
are told plainly that phones must scan the new code (issue 23, finding 8)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from shown_window import shown_window

from summit_app.core import Summit
from summit_app.ui import settings
from summit_app.ui.server_panel import SERVED_PORT_KEY
from summit_app.ui.stage import Mode, Scene
from summit_app.ui.stage_view import MOVED


@pytest.fixture
def taken_port() -> Iterator[int]:
    """The port phones were last served on, which another program now listens on."""
    taken = socket.socket()
    taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    settings.settings().setValue(SERVED_PORT_KEY, port)
    yield port
    taken.close()


def test_a_taken_port_moves_the_phones_and_says_so_to_the_facilitator_and_the_room(
    qtbot, summit_path, taken_port
):
    port = taken_port
    with Summit.open(summit_path) as summit:
        summit.people.join()  # a phone joined on the port before
    window = shown_window(qtbot, summit_path)
    panel = window.server_panel
    assert panel.port == port  # the port phones were last served on is tried first
    assert panel.start("127.0.0.1")
    server = panel.server
    assert server is not None and server.port != port and server.moved_from == port
    said = f"Port {port} is taken"
    assert panel.moved
    assert panel.warning.isVisibleTo(panel) and said in panel.warning.text()
    assert f"(port {port} is taken)" in panel.status.text()
    line = window.banner_text
    assert window.banner.isVisibleTo(window) and said in line.toolTip()
    assert server.short_url in line.text() and "scan the new code" in line.text()
    assert not window.banner_serve.isVisibleTo(window)
    # The room: the join screen under its code, and every screen's corner.
    stage, view = window.stage, window.projector.view
    assert stage.join_moved and stage.join_url == server.join_url
    stage.set_preview(Scene(Mode.JOIN))
    stage.take()
    assert view.moved_label.isVisibleTo(view) and view.moved_label.text() == MOVED
    assert view.url_label.text() == server.short_url
    stage.set_preview(Scene(Mode.ITEM))
    stage.take()
    assert view.corner_text() == f"Join (new address): {server.short_url}"
    # The next start keeps the port phones now know.
    assert settings.settings().value(SERVED_PORT_KEY, type=int) == server.port
    panel.stop()
    assert not panel.warning.isVisibleTo(panel)
    assert not stage.join_moved


def test_a_taken_port_with_no_phone_joined_yet_is_only_noted(qtbot, summit_path, taken_port):
    window = shown_window(qtbot, summit_path)
    panel = window.server_panel
    assert panel.start("127.0.0.1")
    assert not panel.moved and not window.stage.join_moved
    assert f"(port {taken_port} is taken)" in panel.status.text()
    assert not window.banner.isVisibleTo(window)
    panel.stop()


def test_the_moved_port_banner_arriving_moves_no_control(qtbot, summit_path, taken_port, tmp_path):
    """The banner comes seconds after Start, where the facilitator's pointer already is: the
    Phones tab's buttons stay where they were, and the banner's sentence is whole."""
    with Summit.open(summit_path) as summit:
        summit.people.join()
    window = shown_window(qtbot, summit_path)
    window.resize(1366, 728)
    panel = window.server_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.start_button.isVisible(), timeout=3000)
    qtbot.wait(50)

    def place() -> tuple[object, ...]:
        button, tabs = panel.start_button, window.tabs
        return (
            button.mapTo(window, button.rect().topLeft()),
            button.size(),
            tabs.mapTo(window, tabs.rect().topLeft()),
        )

    before = place()
    assert not window.banner.isVisibleTo(window)
    assert panel.start("127.0.0.1")
    qtbot.waitUntil(lambda: window.banner.isVisibleTo(window), timeout=3000)
    qtbot.wait(50)
    assert place() == before
    # Readable: its line shows whole in the strip kept for it on a laptop; the whole
    # sentence is its tooltip and what a screen reader is told.
    text = window.banner_text
    assert "scan the new code" in text.text()
    assert text.fontMetrics().horizontalAdvance(text.text()) <= text.contentsRect().width()
    assert text.sizeHint().height() <= text.height()
    assert window.banner.geometry() == window.banner_strip.rect()
    assert "Phones that joined before" in text.toolTip()
    assert window.banner.accessibleDescription() == text.toolTip()
    window.grab().save(str(tmp_path / "banner.png"))
    panel.stop()
    qtbot.waitUntil(lambda: not window.banner.isVisibleTo(window), timeout=3000)
    assert place() == before

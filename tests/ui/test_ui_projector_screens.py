"""A projector that survives the room: unplugged, plugged back, another one, a new resolution."""

from __future__ import annotations

from offscreen_screens import laptop, projector

from summit_app.ui.main_window import MainWindow


def _window(qtbot, summit_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    return window


def test_the_projector_follows_screens_as_they_come_and_go(qtbot, summit_path, screens):
    screens.set([laptop()])  # the laptop's own screen first, as on a real laptop
    screens.set([laptop(), projector("HDMI-1")])
    window = _window(qtbot, summit_path)
    assert window.screen().name() == "laptop"
    panel = window.projector_panel
    assert [panel.screen_combo.itemData(i) for i in range(panel.screen_combo.count())] == [
        "laptop",
        "HDMI-1",
    ]
    panel.set_visible(True)
    shown = window.projector
    assert shown.isVisible() and shown.screen().name() == "HDMI-1"
    assert shown.geometry() == shown.screen().geometry()

    # Unplugged: the window goes with it, rather than landing on the laptop's screen.
    screens.set([laptop()])
    qtbot.waitUntil(lambda: not shown.isVisible())
    assert panel.screen_combo.count() == 1
    assert "disconnected" in window.statusBar().currentMessage()

    # Plugged back in (at another resolution): full screen on it again.
    screens.set([laptop(), projector("HDMI-1", 1280, 720)])
    qtbot.waitUntil(lambda: shown.isVisible())
    assert shown.screen().name() == "HDMI-1"
    assert shown.geometry().size().toTuple() == (1280, 720)
    assert panel.screen_combo.count() == 2

    # The venue's projector changes its resolution: the window fits it again.
    screens.set([laptop(), projector("HDMI-1", 3840, 2160)])
    qtbot.waitUntil(lambda: shown.geometry().size().toTuple() == (3840, 2160))

    # Another projector instead of the first.
    screens.set([laptop(), projector("DP-2", 1920, 1080)])
    qtbot.waitUntil(lambda: shown.isVisible() and shown.screen().name() == "DP-2")


def test_with_only_the_laptop_screen_the_projector_is_a_window_not_a_wall(
    qtbot, summit_path, screens
):
    screens.set([laptop()])
    window = _window(qtbot, summit_path)
    window.projector_panel.set_visible(True)
    assert window.projector.isVisible() and not window.projector.isFullScreen()
    assert "Only one screen" in window.statusBar().currentMessage()
    screens.set([laptop(), projector("HDMI-1")])
    qtbot.waitUntil(lambda: window.projector.screen().name() == "HDMI-1")
    assert window.projector.isFullScreen()


def test_type_scales_with_the_screen(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    view = window.projector.view
    window.run_panel.start_first()
    window.projector_panel.show_mode("item")
    sizes = {}
    for height in (1080, 2160):
        window.projector.resize(height * 16 // 9, height)
        window.projector.show()
        qtbot.waitUntil(lambda h=height: view.height() == h)
        sizes[height] = (view.item_title.font().pixelSize(), view.item_timer.font().pixelSize())
    assert sizes[2160][0] == 2 * sizes[1080][0]
    assert sizes[1080][0] >= 60  # the title reads from the back of a hall
    assert sizes[1080][1] >= 240  # so does the clock

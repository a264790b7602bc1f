"""The LIVE thumbnail in the presenter strip is the projector's own picture, whatever changed:
the facilitator must be able to trust it."""

from __future__ import annotations

from offscreen_screens import laptop, projector
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from shown_window import shown_window

from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import Author, PromptKind
from summit_app.ui.live_monitor import GAP_MS
from summit_app.ui.main_window import MainWindow
from summit_app.ui.stage import Mode

TOLERANCE = 3  # mean difference per colour channel, of 255: scaling's rounding, no more


def _room(window: MainWindow, size: QSize) -> QImage:
    """What the room sees, shrunk to the thumbnail's size (letterboxed on black)."""
    picture = window.projector.view.grab().toImage()
    fitted = picture.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    painter.drawImage(
        (size.width() - fitted.width()) // 2, (size.height() - fitted.height()) // 2, fitted
    )
    painter.end()
    return image


def _difference(a: QImage, b: QImage) -> float:
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size(), (a.size(), b.size())
    x, y = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(p - q) for p, q in zip(x, y, strict=True)) / len(x)


def _matches(window: MainWindow) -> bool:
    thumbnail = window.projector_panel.live_view.grab().toImage()
    return _difference(thumbnail, _room(window, thumbnail.size())) <= TOLERANCE


def test_the_live_thumbnail_is_what_the_room_sees_after_every_change(qtbot, summit_path, screens):
    screens.set([laptop()])
    screens.set([laptop(), projector("HDMI-1", 1920, 1080)])
    window = shown_window(qtbot, summit_path)
    panel, summit = window.projector_panel, window.session.summit

    def same(what: str) -> None:
        qtbot.waitUntil(lambda: _matches(window), timeout=3000)

    # Hidden projector first: LIVE still shows what the room will see.
    same("hidden")
    panel.set_visible(True)
    assert window.projector.screen().name() == "HDMI-1"
    same("shown")

    poll = summit.polls.polls()[0]
    window.polls_panel.choose(poll.id)
    window.polls_panel.open_button.click()
    person = summit.people.join()
    window.session.announce(Changes.unknown(Area.PEOPLE, origin=Origin.FACILITATOR))
    panel.take_button.click()
    same("a poll")
    summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    window.session.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))
    same("a ballot")
    window.polls_panel.reveal_button.click()
    same("results revealed")
    panel.freeze_button.click()
    other = summit.people.join()
    summit.polls.cast_ballot(poll.id, other.id, {poll.options[1].id: 1})
    window.session.announce(Changes.unknown(Area.POLLS, Area.PEOPLE, origin=Origin.FACILITATOR))
    same("frozen while a ballot arrives")
    panel.freeze_button.click()
    same("unfrozen")
    panel.stage.toggle_blank()
    same("blanked")
    panel.stage.toggle_blank()
    same("back from black")

    window.run_panel.start_first()
    panel.show_mode(Mode.ITEM)
    same("the running item")

    window.audience_panel.new_prompt(PromptKind.WORDS, "One word for today")
    cloud = window.audience_panel.prompt_id
    window.audience_panel.open_button.click()
    panel.show_mode(Mode.WORDS)
    for text in ("time", "support", "training"):
        summit.words.add_word(cloud, text, Author.PARTICIPANT, summit.people.join().id)
    window.session.server_event("word", {})
    qtbot.waitUntil(lambda: len(window.projector.view.words_screen.cloud.shown_texts()) == 3)
    same("a word cloud")

    window.audience_panel.new_prompt(PromptKind.QUESTIONS, "Questions for the panel")
    qa = window.audience_panel.prompt_id
    window.audience_panel.open_button.click()
    panel.show_mode(Mode.QUESTION)
    summit.questions.ask(qa, "Who funds protected time?", Author.PARTICIPANT, person.id)
    window.session.server_event("question", {})
    same("a question scene")

    # The projector's window changes shape, or goes to another screen.
    panel.full_screen.setChecked(False)
    same("not full screen")
    panel.full_screen.setChecked(True)
    screens.set([laptop(), projector("HDMI-1", 1024, 768)])
    qtbot.waitUntil(lambda: window.projector.size().toTuple() == (1024, 768))
    same("a 4:3 projector")
    screens.set([laptop(), projector("DP-2", 3840, 2160)])
    qtbot.waitUntil(
        lambda: window.projector.isVisible() and window.projector.screen().name() == "DP-2"
    )
    same("another screen")


def test_the_live_thumbnail_rests_while_nothing_changes(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)  # the projector hidden: grabbing it must not loop
    panel = window.projector_panel
    panel.show_mode(Mode.POLL)
    qtbot.wait(100)
    pictures: list[int] = []
    panel.live_view._soon.timeout.connect(lambda: pictures.append(1))
    qtbot.wait(1000)
    assert len(pictures) <= 1  # at most the ticker's second; it looped 200 times a second
    assert _matches(window)


def test_a_burst_of_repaints_is_grabbed_once_at_once_and_once_at_its_end(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    live = window.projector_panel.live_view
    qtbot.wait(2 * GAP_MS)  # at rest
    grabs: list[int] = []
    live._soon.timeout.connect(lambda: grabs.append(1))
    for _ in range(20):  # the room's results repainting with each batch of ballots
        live.source.drawn.emit()
        qtbot.wait(5)
    qtbot.wait(2 * GAP_MS)
    assert 1 <= len(grabs) <= 3, grabs  # one a frame, 20 or more, before
    assert _matches(window)

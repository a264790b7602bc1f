"""What the room sees on the projector: only what the facilitator sent live."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from summit_app.core.changes import Area, Changes, Origin
from summit_app.ui import settings
from summit_app.ui.main_window import MainWindow
from summit_app.ui.projector_screens import SCREEN_KEY
from summit_app.ui.projector_window import Mode


def _window(qtbot, summit_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    return window


def test_the_notes_wall_never_shows_hidden_notes_and_shows_markup_as_typed(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    summit = window.session.summit
    prompt = summit.agenda.prompts()[0]
    theme = summit.notes.add_theme(prompt.id, "Workforce")
    summit.notes.add_note(prompt.id, "<b>Nurses</b> at the table", theme_id=theme.id)
    secret = summit.notes.add_note(prompt.id, "Name and shame Dr X")
    summit.notes.set_hidden(secret.id, True)
    window.session.announce(Changes.unknown(Area.NOTES, origin=Origin.FACILITATOR))
    window.projector_panel.show_mode(Mode.NOTES)
    wall = window.projector.view.note_labels()
    assert "<b>Nurses</b> at the table" in wall
    assert "Workforce" in wall
    assert not any("Dr X" in text for text in wall)
    labels = window.projector.findChildren(QLabel)
    assert all(label.textFormat().name == "PlainText" for label in labels if label.text())


def test_while_voting_the_room_sees_the_options_and_turnout_not_the_results(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    summit = window.session.summit
    poll = summit.polls.polls()[0]
    window.polls_panel.choose(poll.id)
    window.polls_panel.open_button.click()
    people = [summit.people.join() for _ in range(4)]
    summit.polls.cast_ballot(poll.id, people[0].id, {poll.options[0].id: 1})
    window.session.announce(Changes.unknown(Area.POLLS, Area.PEOPLE, origin=Origin.FACILITATOR))
    window.projector_panel.take_button.click()
    view = window.projector.view
    qtbot.waitUntil(lambda: view.footer_text.text() == "1 of 4 phones voted")
    assert view.poll_question.text() == "Which priority first?"
    assert view.poll_options.texts() == ["1. Workforce", "2. Digital", "3. Access"]
    assert view.poll_body.currentWidget() is view.poll_options
    assert view.poll_results.bar_texts() == []
    window.polls_panel.reveal_button.click()
    qtbot.waitUntil(lambda: view.poll_results.bar_texts()[:1] == [("Workforce", "100% · 1 vote")])


def test_current_item_and_timer_show_without_controls(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    window.run_panel.start_first()
    window.projector_panel.show_mode(Mode.ITEM)
    view = window.projector.view
    assert view.item_title.text() == "Welcome"
    assert view.item_detail.text() == "Dr Ada Lovelace, Chair, SEL ICS"
    assert view.item_timer.text() in {"15:00", "14:59"}
    assert view.footer_text.text() == "Next: What have we heard"
    assert window.projector.findChildren(QAbstractButton) == []
    assert window.projector.findChildren(QLineEdit) == []


def test_every_screen_but_blank_has_the_join_corner_once_phones_can_join(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    projector = window.projector
    view = projector.view
    window.projector_panel.show_mode(Mode.JOIN)
    assert "appears when phones can join" in view.url_label.text()
    projector.set_join_address("http://192.168.1.20:8765/j/abcdefghijklmnop")
    qtbot.waitUntil(lambda: view.url_label.text() == "192.168.1.20:8765/j/abcdefghijklmnop")
    assert not view.qr_label.pixmap().isNull()
    assert view.joined_label.text() == "0 phones joined"
    assert view.corner_text() == ""  # the Join screen shows the address big instead
    projector.set_join_address(
        "http://192.168.1.20:8765/j/abcdefghijklmnop", "192.168.1.20:8765 code 482 913"
    )
    for mode in (Mode.ITEM, Mode.POLL, Mode.NOTES):
        window.projector_panel.show_mode(mode)
        qtbot.waitUntil(lambda: view.corner_text() == "Join: 192.168.1.20:8765 code 482 913")
    window.projector_panel.show_mode(Mode.BLANK)
    qtbot.waitUntil(lambda: view.corner_text() == "")


def test_the_chosen_screen_is_remembered(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    panel = window.projector_panel
    panel.set_visible(True)
    assert window.projector.isVisible()
    panel.full_screen.setChecked(False)
    panel._screen_chosen()
    assert settings.settings().value(SCREEN_KEY) == panel.screen_combo.currentData()
    panel.set_visible(False)
    assert not window.projector.isVisible()

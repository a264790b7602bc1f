"""What the room sees on the projector, chosen from the control window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from summit_app.ui import settings
from summit_app.ui.main_window import MainWindow
from summit_app.ui.projector_panel import SCREEN_KEY
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
    window.session.changed("notes")
    window.projector_panel.show_mode(Mode.NOTES)
    wall = window.projector.note_labels()
    assert "<b>Nurses</b> at the table" in wall
    assert "Workforce" in wall
    assert not any("Dr X" in text for text in wall)
    labels = window.projector.findChildren(QLabel)
    assert all(label.textFormat().name == "PlainText" for label in labels if label.text())


def test_poll_results_stay_hidden_until_revealed(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    summit = window.session.summit
    poll = summit.polls.polls()[0]
    summit.polls.open_poll(poll.id)
    person = summit.people.join()
    summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    window.session.changed("polls", "live")
    window.projector_panel.show_mode(Mode.POLL)
    projector = window.projector
    assert projector.poll_question.text() == "Which priority first?"
    assert projector.poll_results.bar_texts() == []
    assert projector.poll_results.caption() == "Results hidden until revealed"
    window.polls_panel.choose(poll.id)
    window.polls_panel.reveal_button.click()
    qtbot.waitUntil(
        lambda: projector.poll_results.bar_texts()[:1] == [("Workforce", "100% · 1 vote")]
    )


def test_current_item_and_timer_show_without_controls(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    window.run_panel.start_first()
    window.projector_panel.show_mode(Mode.ITEM)
    projector = window.projector
    assert projector.item_title.text() == "Welcome"
    assert projector.item_timer.text() in {"15:00", "14:59"}
    assert projector.item_next.text() == "Next: What have we heard"
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    assert projector.findChildren(QAbstractButton) == []
    assert projector.findChildren(QLineEdit) == []


def test_join_page_shows_the_qr_code_once_a_url_is_known(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    projector = window.projector
    window.projector_panel.show_mode(Mode.JOIN)
    assert "appears when voting starts" in projector.url_label.text()
    projector.set_join_url("http://192.168.1.20:8765/j/abc")
    assert projector.url_label.text() == "192.168.1.20:8765/j/abc"
    assert not projector.qr_label.pixmap().isNull()
    assert projector.joined_label.text() == "0 phones joined"


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

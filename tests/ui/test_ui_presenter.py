"""Preview and live: browsing never changes the projector; one deliberate action does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shown_window import shown_window

from summit_app.core.changes import Area, Changes, Origin
from summit_app.ui.stage import Mode, Scene

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def test_browsing_polls_and_questions_changes_only_the_preview(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    stage, room = window.stage, window.projector.view
    summit = window.session.summit
    poll = summit.polls.polls()[0]
    prompt = summit.agenda.prompts()[0]
    assert room.scene == Scene(Mode.ITEM)
    window.polls_panel.choose(poll.id)
    assert stage.preview == Scene(Mode.POLL, poll_id=poll.id)
    assert window.projector_panel.preview_view.showing is Mode.POLL
    window.polls_panel.open_button.click()  # voting opens: still only in the preview
    window.note_board.choose_prompt(prompt.id)
    assert stage.preview == Scene(Mode.NOTES, prompt_id=prompt.id)
    assert room.showing is Mode.ITEM and window.projector_panel.live_view.showing is Mode.ITEM
    window.projector_panel.scene_buttons[Mode.POLL].click()
    assert stage.preview == Scene(Mode.POLL, poll_id=poll.id)
    assert room.showing is Mode.ITEM
    window.projector_panel.take_button.click()
    assert room.showing is Mode.POLL and room.scene.poll_id == poll.id
    assert window.projector_panel.live_label.text().startswith("LIVE")


def test_ctrl_enter_sends_the_preview_live_even_from_the_note_box(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.projector_panel.preview_mode(Mode.JOIN)
    window.focus_tab(2)
    board = window.note_board
    assert QApplication.focusWidget() is board.capture
    qtbot.keyClicks(board.capture, "half a note")
    qtbot.keyClick(board.capture, Key.Key_Return, Ctrl)
    assert window.projector.view.showing is Mode.JOIN
    assert board.capture.text() == "half a note"  # the typing is not lost or sent


def test_blank_with_b_or_period_and_back_to_the_same_screen(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.projector_panel.show_mode(Mode.ITEM)
    window.projector_panel.set_visible(True)
    assert QApplication.activeWindow() is window  # the projector never took the keyboard
    window.focus_tab(0)
    tree = window.agenda_panel.tree
    qtbot.keyClick(tree, Key.Key_B)
    room = window.projector.view
    assert room.showing is Mode.BLANK and room.corner_text() == ""
    assert window.projector_panel.live_label.text().startswith("BLANK")
    qtbot.keyClick(tree, Key.Key_Period)
    assert room.showing is Mode.ITEM
    # In a text box, B is a letter.
    window.focus_tab(2)
    qtbot.keyClicks(window.note_board.capture, "b.")
    assert window.note_board.capture.text() == "b."
    assert room.showing is Mode.ITEM


def test_a_clicker_moves_the_day_from_any_tab_once_the_projector_is_up(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.projector_panel.set_visible(True)
    window.focus_tab(3)  # the Polls tab, the list has the focus
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)
    assert window.run_panel.now_label.text() == "Welcome"
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)
    assert window.run_panel.now_label.text() == "What have we heard"
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageUp)
    assert window.run_panel.now_label.text() == "Welcome"


def test_before_the_day_page_down_just_scrolls(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.focus_tab(0)
    qtbot.keyClick(window.agenda_panel.tree, Key.Key_PageDown)
    assert window.session.summit.live().current_item_id is None


def test_freeze_holds_the_rooms_picture_while_ballots_arrive(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    summit = window.session.summit
    poll = summit.polls.polls()[0]
    window.polls_panel.choose(poll.id)
    window.polls_panel.open_button.click()
    person = summit.people.join()
    window.session.announce(Changes.unknown(Area.PEOPLE, origin=Origin.FACILITATOR))
    window.projector_panel.take_button.click()
    room = window.projector.view
    qtbot.waitUntil(lambda: room.footer_text.text() == "0 of 1 phone voted")
    window.projector_panel.freeze_button.click()
    summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    window.session.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))
    qtbot.wait(50)
    assert room.footer_text.text() == "0 of 1 phone voted"
    assert window.projector_panel.live_label.text().startswith("FROZEN")
    window.projector_panel.freeze_button.click()
    qtbot.waitUntil(lambda: room.footer_text.text() == "1 of 1 phone voted")


def test_after_alt_2_alt_1_the_arrow_keys_move_in_the_agenda_not_the_start_time(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    for keys in ("Alt+2", "Alt+1"):
        action = next(a for a in window.menus.tab_actions if a.shortcut().toString() == keys)
        action.trigger()
    focus = QApplication.focusWidget()
    assert focus is window.agenda_panel.tree
    qtbot.keyClick(focus, Key.Key_Up)
    qtbot.keyClick(focus, Key.Key_Down)
    assert window.session.summit.info().start_time == "09:30"
    assert window.agenda_panel.start_time.focusPolicy() == Qt.FocusPolicy.ClickFocus


def test_showing_the_projector_never_takes_the_focus(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.focus_tab(2)
    window.menus.projector.trigger()  # F5
    assert window.projector.isVisible()
    flags = window.projector.windowFlags()
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert QApplication.activeWindow() is window
    assert QApplication.focusWidget() is window.note_board.capture


def test_after_the_day_ends_a_clicker_or_next_starts_nothing_until_resumed(
    qtbot, summit_path, answers
):
    window = shown_window(qtbot, summit_path)
    window.projector_panel.set_visible(True)
    run = window.run_panel
    window.focus_tab(3)
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)
    assert run.now_label.text() == "What have we heard"
    answers.reply = True
    run.end_button.click()
    summit = window.session.summit
    ended = {item.id: (item.actual_start, item.actual_end) for item in summit.agenda.items()}
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)  # the clicker, out of habit
    run.next_button.click()
    run.back_button.click()
    assert summit.live().current_item_id is None
    assert {i.id: (i.actual_start, i.actual_end) for i in summit.agenda.items()} == ended
    assert run.notice.text().startswith("The day has ended, so Next and Back move nothing.")
    assert not run.end_button.isEnabled()
    assert run.start_button.text() == "Resume the day…"
    answers.reply = False
    run.start_button.click()
    assert answers.asked[-1] == (
        "The day has ended. Resume it with “What have we heard”? Its clock goes on from now."
    )
    assert summit.live().current_item_id is None
    answers.reply = True
    run.start_button.click()
    assert run.now_label.text() == "What have we heard"
    assert run.notice.text() == ""

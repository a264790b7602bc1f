"""Opening voting lines the vote up in the preview, so Ctrl+Enter shows the room what phones
are answering (a rehearsal opened a vote with the notes wall previewed: Ctrl+Enter sent the
wall and the room never saw the vote)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from shown_window import shown_window

from summit_app.core.model import PollState
from summit_app.ui.stage import Mode, Scene


def test_open_voting_previews_the_vote_and_ctrl_enter_shows_it(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.run_panel.start_first()
    summit = window.session.summit
    poll = next(p for p in summit.polls.polls() if p.state is PollState.DRAFT)
    polls = window.polls_panel
    window.tabs.setCurrentWidget(polls)
    polls.choose(poll.id)
    # Then the notes wall is lined up (the board's prompt chosen, as when an item starts).
    prompt = summit.agenda.prompts()[0]
    window.stage.set_preview(Scene(Mode.NOTES, prompt_id=prompt.id))
    qtbot.mouseClick(polls.open_button, Qt.MouseButton.LeftButton)
    assert summit.polls.poll(poll.id).state is PollState.OPEN
    assert window.stage.preview == Scene(Mode.POLL, poll_id=poll.id)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.stage.live == Scene(Mode.POLL, poll_id=poll.id)

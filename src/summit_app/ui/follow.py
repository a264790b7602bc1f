"""The console follows the running item.

When an item starts (Next, Back, a clicker, a double click in the Run tab, or the file
reopened with it running), its notes question, its poll and its Q&A or word cloud become
what the Notes, Polls, Q&A and Moderation tabs show, and its poll (else its question) the
projector's preview: Ctrl+Enter then shows this item's screen, never an earlier one's.
An item with none of these leaves the tabs as they were and previews its Now screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summit_app.core.model import PollState, PromptKind
from summit_app.ui.stage import Mode, Scene

if TYPE_CHECKING:
    from summit_app.ui.main_window import MainWindow

AUDIENCE_MODES = {PromptKind.QUESTIONS: Mode.QUESTION, PromptKind.WORDS: Mode.WORDS}
# An open poll first (the vote under way), then one still to run, then a closed one.
POLL_ORDER = {PollState.OPEN: 0, PollState.DRAFT: 1, PollState.CLOSED: 2}


def follow_item(window: MainWindow, item_id: int) -> Scene:
    """Point the tabs and the preview at `item_id`'s question and poll; the scene previewed."""
    assert window.session is not None  # the window follows items only with a summit open
    summit = window.session.summit
    prompts = summit.agenda.prompts(item_id)
    notes = [p for p in prompts if p.kind is PromptKind.NOTES]
    audience = [p for p in prompts if p.kind in AUDIENCE_MODES]
    polls = sorted(
        (p for p in summit.polls.polls() if p.item_id == item_id),
        key=lambda p: POLL_ORDER[p.state],
    )
    scene = Scene(Mode.ITEM)
    if audience:
        window.audience_panel.choose_prompt(audience[0].id)
        scene = Scene(AUDIENCE_MODES[audience[0].kind], prompt_id=audience[0].id)
    if notes:
        window.note_board.choose_prompt(notes[0].id)
        scene = Scene(Mode.NOTES, prompt_id=notes[0].id)
    if prompts:
        window.moderation_panel.choose_prompt((notes or audience or prompts)[0].id)
    if polls:
        window.polls_panel.choose(polls[0].id)
        scene = Scene(Mode.POLL, poll_id=polls[0].id)
    window.stage.set_preview(scene)
    return scene

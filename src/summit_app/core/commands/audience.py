"""Q&A, word clouds and moderation: what the facilitator does with the room's input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summit_app.core.commands import command
from summit_app.core.model import Prompt
from summit_app.core.store import Summit


@command
def add_prompt(summit: Summit, /, item_id: int, text: str, kind: str, max_words: int = 3) -> Prompt:
    """A new Q&A, word-cloud or notes prompt on an agenda item."""
    return summit.agenda.add_prompt(item_id, text, kind, max_words=max_words)


@command
def set_prompt_rules(summit: Summit, /, prompt_id: int, **rules: Any) -> Prompt:
    return summit.agenda.set_prompt_rules(prompt_id, **rules)


@command
def set_question_state(summit: Summit, /, question_id: int, state: str) -> None:
    summit.questions.set_state(question_id, state)


@command
def merge_questions(summit: Summit, /, question_id: int, into_id: int) -> None:
    summit.questions.merge(question_id, into_id)


@command
def hide_question(summit: Summit, /, question_id: int, hidden: bool) -> None:
    summit.questions.set_hidden(question_id, hidden)


@command
def ask_question(summit: Summit, /, prompt_id: int, text: str) -> None:
    summit.questions.ask(prompt_id, text)


@command
def add_word(summit: Summit, /, prompt_id: int, text: str) -> None:
    summit.words.add_word(prompt_id, text)


@command
def hide_word(summit: Summit, /, prompt_id: int, word: str, hidden: bool) -> None:
    summit.words.set_word_hidden(prompt_id, word, hidden)


@command
def approve(summit: Summit, /, held: Sequence[tuple[str, int]]) -> None:
    """Let these held inputs ((kind, id) pairs) through to the room."""
    for kind, row_id in held:
        summit.moderation.approve(kind, row_id)


@command
def reject(summit: Summit, /, held: Sequence[tuple[str, int]]) -> None:
    for kind, row_id in held:
        summit.moderation.hide(kind, row_id)


@command
def approve_all(summit: Summit, /, prompt_id: int | None = None) -> int:
    return summit.moderation.approve_all(prompt_id)


@command
def set_summit_moderated(summit: Summit, /, on: bool) -> None:
    summit.moderation.set_summit_moderated(on)


@command
def set_word_lists(summit: Summit, /, blocked: Sequence[str], allowed: Sequence[str]) -> None:
    summit.moderation.set_word_lists(blocked, allowed)

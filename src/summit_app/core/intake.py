"""One intake for what phones type: sticky notes, questions and cloud words.

The rules are the same for all three and are kept here once. From a phone: in verified mode
only a card holder may send; the prompt must be the one the facilitator has open and take
that kind of input; the text must be neither empty nor too long; and it waits for approval
when the prompt is moderated or the profanity filter flags it. A closed prompt refuses
whatever is sent (`StateError`) before its text is looked at. What the facilitator types (or
a template loads) passes only the text and kind checks. Each repository then keeps the input
in its own table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summit_app.core.agenda import AgendaRepo
from summit_app.core.cards import CardsRepo
from summit_app.core.checks import NOTE_MAX_CHARS, need_text
from summit_app.core.db import Db
from summit_app.core.errors import NotFoundError, StateError, ValidationError
from summit_app.core.model import Author, Prompt, PromptKind
from summit_app.core.moderation import ModerationRepo
from summit_app.core.people import PeopleRepo
from summit_app.core.wording import WORD_MAX_CHARS

QUESTION_MAX_CHARS = 300


@dataclass(frozen=True)
class Kind:
    """One kind of typed input and the sentences its refusals say."""

    prompt_kind: PromptKind
    empty: str  # blank text
    max_chars: int
    what: str  # "That note" (is too long)
    wrong_kind: str  # "{kind}" is the prompt's kind
    closed: str  # the prompt is not the one open for phones
    gone: str  # a phone sent to a prompt that no longer exists


NOTES = Kind(
    PromptKind.NOTES,
    "A note cannot be empty.",
    NOTE_MAX_CHARS,
    "That note",
    "This question takes {kind}, not notes.",
    "This question is not taking notes right now.",
    "That question is not taking notes any more.",
)
QUESTIONS = Kind(
    PromptKind.QUESTIONS,
    "A question cannot be empty.",
    QUESTION_MAX_CHARS,
    "That question",
    "This prompt is not taking questions.",
    "Questions are not open right now.",
    "Those questions are closed now.",
)
WORDS = Kind(
    PromptKind.WORDS,
    "Write a word first.",
    WORD_MAX_CHARS,
    "That answer",
    "This prompt is not collecting words.",
    "This question is not taking words right now.",
    "That question is not taking words any more.",
)


@dataclass(frozen=True)
class Taken:
    """Input let in: its prompt, and whether it waits for the facilitator (and why)."""

    prompt: Prompt
    held: bool = False
    flagged: str = ""  # the listed words found, joined by ", "


def take(
    db: Db,
    kind: Kind,
    prompt_id: int,
    text: str,
    author: Author,
    participant_id: int | None = None,
    check: Callable[[Prompt], None] | None = None,
) -> Taken:
    """Check one input against the rules (inside the caller's write); raise a SummitError
    with the sentence for whoever sent it, changing nothing. `check` adds a kind's own
    rule (a phone's share of cloud words) once the prompt is known to take the input.

    The participant, if any, counts as taking part from now on."""
    if author is Author.PARTICIPANT:
        if participant_id is not None:
            CardsRepo(db).may_act(participant_id)
        try:
            prompt = AgendaRepo(db).prompt(prompt_id)
        except NotFoundError:
            raise NotFoundError(kind.gone) from None
        if db.live().open_prompt_id != prompt_id:
            raise StateError(kind.closed)
        check_text(kind, text)
        _right_kind(kind, prompt)
        if check is not None:
            check(prompt)
        screening = ModerationRepo(db).screen(prompt, text)
        taken = Taken(prompt, screening.held, screening.flagged)
    else:
        check_text(kind, text)
        taken = Taken(AgendaRepo(db).prompt(prompt_id))
        _right_kind(kind, taken.prompt)
        if check is not None:
            check(taken.prompt)
    if participant_id is not None:
        PeopleRepo(db).acted(participant_id)  # sending anything is taking part
    return taken


def check_text(kind: Kind, text: str) -> None:
    """The text's own rules (also for an edit of input already in): not empty, not too long."""
    need_text(text, kind.empty, kind.max_chars, kind.what)


def _right_kind(kind: Kind, prompt: Prompt) -> None:
    if prompt.kind is not kind.prompt_kind:
        raise ValidationError(kind.wrong_kind.format(kind=prompt.kind.value))

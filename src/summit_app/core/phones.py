"""What a phone may do, as commands: vote, post a note, ask, upvote, send a word, pick a group.

The participant web server calls these and nothing else to write; each runs in the caller's
transaction (the server's group commit gives each its own savepoint) and raises a SummitError
whose type says what kind of refusal it is (`NotAllowedError` without a card in verified
mode, `NotFoundError`, `StateError` when the poll or prompt is not open, `ValidationError`)
with the sentence the phone shows. Typed input goes through the one intake (intake.py).

Each returns the rows it wrote; the typed changes value (core/changes.py, issue 19) is not
returned yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from summit_app.core.cards import CardsRepo
from summit_app.core.db import Db
from summit_app.core.errors import NotFoundError, StateError
from summit_app.core.model import Author, Note, Participant, Question, Word
from summit_app.core.notes import NotesRepo
from summit_app.core.people import PeopleRepo
from summit_app.core.polls import PollsRepo
from summit_app.core.questions import QuestionsRepo
from summit_app.core.words import WordsRepo

POLL_GONE = "That poll is not running any more."


@dataclass(frozen=True)
class Voted:
    """A ballot as saved, and whether phones see its results.

    (No count of the poll's ballots: a COUNT(*) on every ballot made each vote slower the
    more were stored; the window counts when it shows them.)"""

    choices: dict[int, int]
    show_results: bool


def cast_ballot(db: Db, me: Participant, poll_id: int, choices: Mapping[int, int]) -> Voted:
    """This phone's ballot in an open poll, replacing its earlier one."""
    polls = PollsRepo(db)
    with db.write():
        CardsRepo(db).may_act(me.id)
        try:
            poll = polls.poll(poll_id)
        except NotFoundError:
            raise NotFoundError(POLL_GONE) from None
        saved = polls.cast(poll, me.id, choices)
        return Voted(saved.choices, poll.show_results)


def post_note(db: Db, me: Participant, prompt_id: int, text: str) -> Note:
    return NotesRepo(db).add_note(prompt_id, text, Author.PARTICIPANT, participant_id=me.id)


def ask(db: Db, me: Participant, prompt_id: int, text: str) -> Question:
    return QuestionsRepo(db).ask(prompt_id, text, Author.PARTICIPANT, me.id)


def send_word(db: Db, me: Participant, prompt_id: int, text: str) -> Word:
    return WordsRepo(db).add_word(prompt_id, text, Author.PARTICIPANT, me.id)


def upvote(db: Db, me: Participant, question_id: int, up: bool = True) -> Question:
    """One upvote from this phone, or (`up` false) taking it back."""
    questions = QuestionsRepo(db)
    with db.write():
        CardsRepo(db).may_act(me.id)
        if up:
            return questions.upvote(question_id, me.id)
        return questions.withdraw_upvote(question_id, me.id)


def set_group(db: Db, me: Participant, group: str | None) -> Participant:
    """The professional group this phone says it belongs to; a voting card that names a
    group sets it for good."""
    cards = CardsRepo(db)
    with db.write():
        cards.may_act(me.id)
        card = cards.of_participant(me.id)
        if card and card.group:
            raise StateError(f"Your voting card sets your group: {card.group}.")
        return PeopleRepo(db).set_group(me.id, group)

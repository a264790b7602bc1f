"""Questions from the room for a Q&A prompt, their upvotes, and the facilitator's handling.

Phones ask and upvote (one upvote per phone per question, withdrawable); the facilitator
marks one as being answered (the projector shows it), then answered, merges duplicates and
hides any. A merged question keeps its row; its upvoters count for the one it joined.
"""

from __future__ import annotations

from typing import Any

from summit_app.core import intake
from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, StateError, ValidationError
from summit_app.core.model import Author, Question, QuestionState
from summit_app.core.people import PeopleRepo

UNKNOWN = "That question is not on the list any more."

# Distinct upvoters of each question and of the questions merged into it. Written with IN
# (not OR) so that SQLite probes the upvotes' (question_id, participant_id) index.
_UPVOTES = """
    (SELECT COUNT(DISTINCT u.participant_id) FROM upvotes u WHERE u.question_id IN
        (SELECT q.id UNION ALL SELECT m.id FROM questions m WHERE m.merged_into = q.id))
"""


QA_CLOSED = "This Q&A has closed, so upvotes are not taken any more."


class QuestionsRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- reading -------------------------------------------------------------------------

    def questions(self, prompt_id: int | None = None, by: str = "votes") -> list[Question]:
        """Every question (hidden, held and merged ones too), by upvotes or by time."""
        where = "WHERE q.prompt_id = ?" if prompt_id is not None else ""
        order = "upvotes DESC, q.created_at, q.id" if by == "votes" else "q.created_at, q.id"
        rows = self._s.rows(
            f"SELECT q.*, {_UPVOTES} AS upvotes FROM questions q {where} ORDER BY {order}",
            (prompt_id,) if prompt_id is not None else (),
        )
        return [_question(r) for r in rows]

    def shown(self, prompt_id: int) -> list[Question]:
        """What the room sees, as phones list it: open ones by upvotes, then answered ones."""
        shown = [q for q in self.questions(prompt_id) if q.is_shown]
        return sorted(shown, key=lambda q: q.state is QuestionState.ANSWERED)

    def question(self, question_id: int) -> Question:
        rows = self._s.rows(
            f"SELECT q.*, {_UPVOTES} AS upvotes FROM questions q WHERE q.id = ?", (question_id,)
        )
        if not rows:
            raise NotFoundError(f"There is no question {question_id}.")
        return _question(rows[0])

    def answering(self, prompt_id: int | None = None) -> Question | None:
        """The question being answered now (in one prompt, or the latest marked anywhere)."""
        where = " AND prompt_id = ?" if prompt_id is not None else ""
        row = self._s.execute(
            f"SELECT id FROM questions WHERE state = 'answering'{where}"
            " ORDER BY answered_at DESC, id DESC LIMIT 1",
            (prompt_id,) if prompt_id is not None else (),
        ).fetchone()
        return self.question(row[0]) if row else None

    def upvoted_by(self, prompt_id: int, participant_id: int) -> set[int]:
        """The questions of a Q&A this phone upvoted (read on every phone's state poll:
        it probes the upvotes' index once per question rather than scanning them)."""
        rows = self._s.execute(
            "SELECT question_id FROM upvotes WHERE participant_id = ? AND question_id IN"
            " (SELECT id FROM questions WHERE prompt_id = ?)",
            (participant_id, prompt_id),
        )
        return {row[0] for row in rows}

    def asked_by(self, prompt_id: int, participant_id: int) -> list[Question]:
        """This phone's own questions, oldest first (upvotes not counted: not needed)."""
        rows = self._s.rows(
            "SELECT q.*, 0 AS upvotes FROM questions q WHERE q.prompt_id = ?"
            " AND q.participant_id = ? ORDER BY q.created_at, q.id",
            (prompt_id, participant_id),
        )
        return [_question(r) for r in rows]

    def upvote_count(self) -> int:
        return int(self._s.execute("SELECT COUNT(*) FROM upvotes").fetchone()[0])

    # -- asking and upvoting -------------------------------------------------------------

    def ask(
        self,
        prompt_id: int,
        text: str,
        author: Author | str = Author.FACILITATOR,
        participant_id: int | None = None,
        created_at: str | None = None,
    ) -> Question:
        """A question, kept exactly as typed; a phone's waits for approval when the prompt
        is moderated or the profanity filter flags it."""
        author = Author(author)
        with self._s.write():
            taken = intake.take(self._s, intake.QUESTIONS, prompt_id, text, author, participant_id)
            held, flagged = taken.held, taken.flagged
            cur = self._s.execute(
                "INSERT INTO questions (prompt_id, text, author, participant_id, is_held,"
                " flagged, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (prompt_id, text, author.value, participant_id, int(held), flagged,
                 created_at or now()),
            )  # fmt: skip
        return self.question(int(cur.lastrowid or 0))

    def upvote(self, question_id: int, participant_id: int, at: str | None = None) -> Question:
        """One upvote from this phone; a second one, or one on a question the room does not
        see or that was answered, is refused and changes nothing."""
        with self._s.write():
            question = self._open(question_id)
            if question.merged_into is not None:
                raise StateError(
                    "That question was merged with a similar one: upvote that one instead."
                )
            if question.state is QuestionState.ANSWERED:
                raise StateError("That question has been answered already.")
            if self._has_upvote(question_id, participant_id):
                raise StateError("You have already upvoted that question.")
            PeopleRepo(self._s).acted(participant_id)
            self._s.execute(
                "INSERT INTO upvotes (question_id, participant_id, cast_at) VALUES (?, ?, ?)",
                (question_id, participant_id, at or now()),
            )
        return self.question(question_id)

    def withdraw_upvote(self, question_id: int, participant_id: int) -> Question:
        with self._s.write():
            self._open(question_id)
            if not self._has_upvote(question_id, participant_id):
                raise StateError("You have not upvoted that question.")
            self._s.execute(
                "DELETE FROM upvotes WHERE question_id = ? AND participant_id = ?",
                (question_id, participant_id),
            )
        return self.question(question_id)

    def _open(self, question_id: int) -> Question:
        """A question the room sees, in a Q&A still open: once it closes, upvotes (and
        taking them back) would change the order the room left and the pack prints."""
        question = self._visible(question_id)
        if self._s.live().open_prompt_id != question.prompt_id:
            raise StateError(QA_CLOSED)
        return question

    def _visible(self, question_id: int) -> Question:
        try:
            question = self.question(question_id)
        except NotFoundError:
            raise NotFoundError(UNKNOWN) from None
        if question.is_hidden or question.is_held:
            raise NotFoundError(UNKNOWN)
        return question

    def _has_upvote(self, question_id: int, participant_id: int) -> bool:
        return (
            self._s.execute(
                "SELECT 1 FROM upvotes WHERE question_id = ? AND participant_id = ?",
                (question_id, participant_id),
            ).fetchone()
            is not None
        )

    # -- the facilitator's handling ------------------------------------------------------

    def set_state(self, question_id: int, state: QuestionState | str) -> Question:
        """Open, being answered (the one the projector shows; the one before it counts as
        answered), or answered."""
        state = QuestionState(state)
        with self._s.write():
            question = self.question(question_id)
            if state is not QuestionState.OPEN and not question.is_shown:
                raise ValidationError("Show or approve that question before answering it.")
            if state is QuestionState.ANSWERING:
                self._s.execute(
                    "UPDATE questions SET state = 'answered' WHERE prompt_id = ?"
                    " AND state = 'answering' AND id != ?",
                    (question.prompt_id, question_id),
                )
            answered_at = None if state is QuestionState.OPEN else now()
            self._s.execute(
                "UPDATE questions SET state = ?, answered_at = ? WHERE id = ?",
                (state.value, answered_at, question_id),
            )
            self._s.touch()
        return self.question(question_id)

    def merge(self, question_id: int, into_id: int) -> Question:
        """Merge a duplicate into another question of the same prompt: it leaves the list,
        its upvoters count for `into_id`, and questions merged into it follow it."""
        with self._s.write():
            if question_id == into_id:
                raise ValidationError("A question cannot be merged with itself.")
            source, target = self.question(question_id), self.question(into_id)
            if source.prompt_id != target.prompt_id:
                raise ValidationError("Only questions of the same Q&A can be merged.")
            if target.merged_into is not None:
                into_id = target.merged_into
            self._s.execute(
                "UPDATE questions SET merged_into = ? WHERE merged_into = ?", (into_id, question_id)
            )
            self._s.execute(
                "UPDATE questions SET merged_into = ?, state = CASE WHEN state = 'answering'"
                " THEN 'open' ELSE state END WHERE id = ?",
                (into_id, question_id),
            )
        return self.question(into_id)

    def set_hidden(self, question_id: int, hidden: bool) -> Question:
        with self._s.write():
            self.question(question_id)
            self._s.execute(
                "UPDATE questions SET is_hidden = ?, is_held = 0 WHERE id = ?",
                (int(hidden), question_id),
            )
        return self.question(question_id)

    def edit(self, question_id: int, text: str) -> Question:
        intake.check_text(intake.QUESTIONS, text)
        with self._s.write():
            self.question(question_id)
            self._s.execute("UPDATE questions SET text = ? WHERE id = ?", (text, question_id))
        return self.question(question_id)


def _question(row: dict[str, Any]) -> Question:
    return Question(
        **{
            **row,
            "author": Author(row["author"]),
            "state": QuestionState(row["state"]),
            "is_hidden": bool(row["is_hidden"]),
            "is_held": bool(row["is_held"]),
        }
    )

"""Answers to a words prompt, counted into a word cloud.

Each answer is one to three words, stored exactly as typed beside its normal form (case,
surrounding punctuation and simple plurals folded: `core.wording.cloud_word`); answers with
the same normal form are one word of the cloud. A phone may send up to the prompt's
`max_words` answers, each word once. The facilitator can hide a word from the cloud (every
answer of it, later ones too); nothing is deleted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from summit_app.core import intake
from summit_app.core.agenda import AgendaRepo
from summit_app.core.db import Db, now
from summit_app.core.errors import LimitError, NotFoundError
from summit_app.core.model import Author, Prompt, Word, WordCount
from summit_app.core.wording import cloud_word


class WordsRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    def words(self, prompt_id: int | None = None) -> list[Word]:
        where = "WHERE prompt_id = ?" if prompt_id is not None else ""
        rows = self._s.rows(
            f"SELECT * FROM words {where} ORDER BY prompt_id, id",
            (prompt_id,) if prompt_id is not None else (),
        )
        return [_word(r) for r in rows]

    def word(self, word_id: int) -> Word:
        rows = self._s.rows("SELECT * FROM words WHERE id = ?", (word_id,))
        if not rows:
            raise NotFoundError(f"There is no word {word_id}.")
        return _word(rows[0])

    def sent_by(self, prompt_id: int, participant_id: int) -> list[Word]:
        rows = self._s.rows(
            "SELECT * FROM words WHERE prompt_id = ? AND participant_id = ? ORDER BY id",
            (prompt_id, participant_id),
        )
        return [_word(r) for r in rows]

    def add_word(
        self,
        prompt_id: int,
        text: str,
        author: Author | str = Author.FACILITATOR,
        participant_id: int | None = None,
        created_at: str | None = None,
    ) -> Word:
        """One answer. A phone's waits for approval when the prompt is moderated or the
        profanity filter flags it; over its limit, or a word it sent already, is refused."""
        author = Author(author)
        key = ""

        def one_to_three_words(prompt: Prompt) -> None:
            nonlocal key
            key = cloud_word(text)
            if author is Author.PARTICIPANT and participant_id is not None:
                mine = self.sent_by(prompt_id, participant_id)
                if any(w.word == key for w in mine):
                    raise LimitError("You have sent that word already.")
                if len(mine) >= prompt.max_words:
                    many = "word" if prompt.max_words == 1 else "words"
                    raise LimitError(
                        f"You have sent {prompt.max_words} {many}, the most for this question."
                    )

        with self._s.write():
            taken = intake.take(
                self._s, intake.WORDS, prompt_id, text, author, participant_id, one_to_three_words
            )
            held, flagged = taken.held, taken.flagged
            cur = self._s.execute(
                "INSERT INTO words (prompt_id, text, word, author, participant_id, is_held,"
                " flagged, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (prompt_id, text, key, author.value, participant_id, int(held), flagged,
                 created_at or now()),
            )  # fmt: skip
        return self.word(int(cur.lastrowid or 0))

    def cloud(self, prompt_id: int, include_hidden: bool = False) -> list[WordCount]:
        """The cloud's words, most answers first (then the first typed): only answers the
        room may see count. With `include_hidden`, hidden words are listed too, marked."""
        hidden = self.hidden_words(prompt_id)
        groups: dict[str, list[Word]] = {}
        for answer in self.words(prompt_id):
            if not answer.is_held and not answer.is_hidden:
                groups.setdefault(answer.word, []).append(answer)
        counts = []
        for key, answers in groups.items():
            if key in hidden and not include_hidden:
                continue
            forms = Counter(a.text.strip() for a in answers)
            order = {a.text.strip(): i for i, a in reversed(list(enumerate(answers)))}
            ranked = sorted(forms, key=lambda f: (-forms[f], order[f]))
            counts.append(
                (
                    answers[0].id,
                    WordCount(key, ranked[0], len(answers), tuple(ranked), key in hidden),
                )
            )
        counts.sort(key=lambda pair: (-pair[1].count, pair[0]))
        return [count for _, count in counts]

    def shown_count(self, prompt_id: int) -> int:
        """How many answers the room sees (not held, not hidden, not of a hidden word)."""
        row = self._s.execute(
            "SELECT COUNT(*) FROM words WHERE prompt_id = ? AND is_held = 0 AND is_hidden = 0"
            " AND word NOT IN (SELECT word FROM hidden_words WHERE prompt_id = ?)",
            (prompt_id, prompt_id),
        ).fetchone()
        return int(row[0])

    def hidden_words(self, prompt_id: int) -> set[str]:
        rows = self._s.execute("SELECT word FROM hidden_words WHERE prompt_id = ?", (prompt_id,))
        return {row[0] for row in rows}

    def set_word_hidden(self, prompt_id: int, word: str, hidden: bool) -> None:
        """Hide a word of the cloud (by its normal form), or show it again."""
        with self._s.write():
            AgendaRepo(self._s).prompt(prompt_id)
            if hidden:
                self._s.execute(
                    "INSERT OR IGNORE INTO hidden_words (prompt_id, word) VALUES (?, ?)",
                    (prompt_id, word),
                )
            else:
                self._s.execute(
                    "DELETE FROM hidden_words WHERE prompt_id = ? AND word = ?", (prompt_id, word)
                )


def _word(row: dict[str, Any]) -> Word:
    return Word(
        **{
            **row,
            "author": Author(row["author"]),
            "is_hidden": bool(row["is_hidden"]),
            "is_held": bool(row["is_held"]),
        }
    )

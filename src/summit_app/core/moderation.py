"""Moderation: what phones send may wait for the facilitator before the room sees it.

Per prompt or for the whole summit, phones' notes, questions and cloud words are held in a
queue until the facilitator approves them (one, or all) or hides them; with moderation off
they go live at once. The profanity filter holds back flagged input either way. Nothing is
ever deleted: hidden input stays in the file and the CSV, marked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from summit_app.core.checks import need_text
from summit_app.core.db import Db
from summit_app.core.errors import NotFoundError, ValidationError
from summit_app.core.model import Prompt
from summit_app.core.profanity import WordFilter, summit_filter

# The tables whose rows can be held, by the name the queue gives their kind.
HELD_TABLES = {"note": "notes", "question": "questions", "word": "words"}
MAX_LIST_WORDS = 500


@dataclass(frozen=True)
class Screening:
    """What happens to a phone's input: held back (and why) or shown at once."""

    held: bool
    flagged: str = ""  # the listed words found, joined by ", "


@dataclass(frozen=True)
class HeldInput:
    """One item waiting in the queue."""

    kind: str  # "note", "question" or "word"
    id: int
    prompt_id: int
    text: str
    flagged: str
    created_at: str


class ModerationRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- settings ------------------------------------------------------------------------

    def summit_moderated(self) -> bool:
        return bool(self._s.execute("SELECT moderated FROM summit").fetchone()[0])

    def set_summit_moderated(self, on: bool) -> None:
        with self._s.write():
            self._s.execute("UPDATE summit SET moderated = ? WHERE id = 1", (int(bool(on)),))

    def is_moderated(self, prompt: Prompt) -> bool:
        """Whether phones' input to `prompt` waits for approval."""
        return self.summit_moderated() if prompt.moderated is None else prompt.moderated

    def word_lists(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The summit's own words to hold back, and words to let through despite the list."""
        row = self._s.execute("SELECT blocked_words, allowed_words FROM summit").fetchone()
        return tuple(json.loads(row[0])), tuple(json.loads(row[1]))

    def set_word_lists(self, blocked: Sequence[str], allowed: Sequence[str]) -> None:
        lists = [_clean_list(blocked), _clean_list(allowed)]
        with self._s.write():
            self._s.execute(
                "UPDATE summit SET blocked_words = ?, allowed_words = ? WHERE id = 1",
                tuple(json.dumps(words, ensure_ascii=False) for words in lists),
            )

    def filter(self) -> WordFilter:
        blocked, allowed = self.word_lists()
        return summit_filter(blocked, allowed)

    def screen(self, prompt: Prompt, text: str) -> Screening:
        """Whether a phone's `text` for `prompt` is held, and which listed words it has."""
        flagged = ", ".join(self.filter().found(text))
        return Screening(bool(flagged) or self.is_moderated(prompt), flagged)

    # -- the queue -----------------------------------------------------------------------

    def held(self, prompt_id: int | None = None) -> list[HeldInput]:
        """Everything waiting, oldest first (for one prompt, or all)."""
        found: list[HeldInput] = []
        for kind, table in HELD_TABLES.items():
            where = " AND prompt_id = ?" if prompt_id is not None else ""
            params = (prompt_id,) if prompt_id is not None else ()
            for row in self._s.rows(
                f"SELECT id, prompt_id, text, flagged, created_at FROM {table}"
                f" WHERE is_held = 1{where}",
                params,
            ):
                found.append(HeldInput(kind, **row))
        return sorted(found, key=lambda h: (h.created_at, h.kind, h.id))

    def held_count(self, prompt_id: int | None = None) -> int:
        return len(self.held(prompt_id))

    def approve(self, kind: str, row_id: int) -> None:
        """Let one held input through to the room."""
        self._set(kind, row_id, "is_held = 0, is_hidden = 0")

    def hide(self, kind: str, row_id: int) -> None:
        """Keep one input from the room for good (it stays in the file, marked hidden)."""
        self._set(kind, row_id, "is_held = 0, is_hidden = 1")

    def approve_all(self, prompt_id: int | None = None, include_flagged: bool = False) -> int:
        """Approve everything waiting (for one prompt, or all); flagged input only when
        asked, so one hasty click cannot put a slur on the projector. Returns how many."""
        approved = 0
        with self._s.write():
            for held in self.held(prompt_id):
                if held.flagged and not include_flagged:
                    continue
                self.approve(held.kind, held.id)
                approved += 1
        return approved

    def _set(self, kind: str, row_id: int, assignments: str) -> None:
        table = HELD_TABLES.get(kind)
        if table is None:
            raise ValidationError(f"'{kind}' is not something phones send.")
        with self._s.write():
            cur = self._s.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (row_id,))
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no {kind} {row_id}.")


def _clean_list(words: Sequence[str]) -> list[str]:
    """The facilitator's list: each entry as typed (trimmed), once, blanks dropped."""
    if isinstance(words, str):
        raise ValidationError("Give the words as a list.")
    cleaned: list[str] = []
    for word in words:
        need_text(word, "A word in the list is empty.", 100, "A word in the list")
        if word.strip() not in cleaned:
            cleaned.append(word.strip())
    if len(cleaned) > MAX_LIST_WORDS:
        raise ValidationError(f"A word list holds at most {MAX_LIST_WORDS} words.")
    return cleaned

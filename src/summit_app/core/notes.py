"""Sticky notes and the themes they are clustered into."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from summit_app.core import intake, ordering
from summit_app.core.agenda import AgendaRepo
from summit_app.core.checks import need_text
from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, ValidationError
from summit_app.core.model import Author, Note, Theme

THEME_COLOURS = ("#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc")


class NotesRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- notes ---------------------------------------------------------------------------

    def notes(self, prompt_id: int | None = None, include_hidden: bool = True) -> list[Note]:
        """The notes, in board order; without `include_hidden`, only what the room may see
        (neither hidden nor waiting for approval)."""
        where, params = [], []
        if prompt_id is not None:
            where.append("prompt_id = ?")
            params.append(prompt_id)
        if not include_hidden:
            where.append("is_hidden = 0 AND is_held = 0")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._s.rows(
            f"SELECT * FROM notes {clause} ORDER BY prompt_id, position, id", tuple(params)
        )
        return [_note(r) for r in rows]

    def notes_after(self, prompt_id: int, after_id: int, include_hidden: bool = True) -> list[Note]:
        """The prompt's notes added after note `after_id` (ids only grow), oldest first:
        what a window showing the notes up to `after_id` has not seen yet."""
        hidden = "" if include_hidden else " AND is_hidden = 0 AND is_held = 0"
        rows = self._s.rows(
            f"SELECT * FROM notes WHERE prompt_id = ? AND id > ?{hidden} ORDER BY id",
            (prompt_id, after_id),
        )
        return [_note(r) for r in rows]

    def notes_with_ids(self, note_ids: Iterable[int]) -> list[Note]:
        """Those of these notes that still exist, in no order: what a view showing the
        notes redraws after a change names them (a removed note is simply not returned)."""
        wanted = sorted(set(note_ids))
        found: list[Note] = []
        for start in range(0, len(wanted), 500):  # under SQLite's limit of bound values
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._s.rows(f"SELECT * FROM notes WHERE id IN ({marks})", tuple(chunk))
            found += [_note(r) for r in rows]
        return found

    def note(self, note_id: int) -> Note:
        rows = self._s.rows("SELECT * FROM notes WHERE id = ?", (note_id,))
        if not rows:
            raise NotFoundError(f"There is no note {note_id}.")
        return _note(rows[0])

    def add_note(
        self,
        prompt_id: int,
        text: str,
        author: Author | str = Author.FACILITATOR,
        participant_id: int | None = None,
        theme_id: int | None = None,
        is_quote: bool = False,
        created_at: str | None = None,
        table_id: int | None = None,
    ) -> Note:
        """Add a note, its text kept exactly as typed.

        A participant's note passes the phones' intake (intake.py): only to the prompt the
        facilitator has open, and it waits for approval when the prompt is moderated or the
        profanity filter flags it. A table host's note (`table_id`) passes it too.
        """
        author = Author(author)
        with self._s.write():
            taken = intake.take(self._s, intake.NOTES, prompt_id, text, author, participant_id)
            held, flagged = taken.held, taken.flagged
            if theme_id is not None:
                self._theme_of_prompt(theme_id, prompt_id)
            pos = ordering.next_position(self._s, "notes", prompt_id)
            cur = self._s.execute(
                "INSERT INTO notes (prompt_id, text, author, participant_id, theme_id, is_quote,"
                " position, created_at, is_held, flagged, table_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    prompt_id,
                    text,
                    author.value,
                    participant_id,
                    theme_id,
                    int(is_quote),
                    pos,
                    created_at or now(),
                    int(held),
                    flagged,
                    table_id,
                ),
            )
        return self.note(int(cur.lastrowid or 0))

    def edit_note(self, note_id: int, text: str) -> Note:
        intake.check_text(intake.NOTES, text)
        with self._s.write():
            self.note(note_id)
            self._s.execute("UPDATE notes SET text = ? WHERE id = ?", (text, note_id))
        return self.note(note_id)

    def set_hidden(self, note_id: int, hidden: bool) -> Note:
        return self._set_flag(note_id, "is_hidden", hidden)

    def set_quote(self, note_id: int, quote: bool) -> Note:
        return self._set_flag(note_id, "is_quote", quote)

    def set_theme(self, note_id: int, theme_id: int | None) -> Note:
        with self._s.write():
            note = self.note(note_id)
            if theme_id is not None:
                self._theme_of_prompt(theme_id, note.prompt_id)
            self._s.execute("UPDATE notes SET theme_id = ? WHERE id = ?", (theme_id, note_id))
        return self.note(note_id)

    def remove_note(self, note_id: int) -> None:
        with self._s.write():
            self._s.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def merge_notes(self, note_ids: Sequence[int]) -> Note:
        """The first note stands for all: it counts them (and what they counted), keeps
        its theme, and the others go. Notes of one prompt only."""
        if len(note_ids) < 2:
            raise ValidationError("Merging needs at least two notes.")
        with self._s.write():
            notes = [self.note(i) for i in note_ids]
            if len({n.prompt_id for n in notes}) > 1:
                raise ValidationError("Only notes of the same question can be merged.")
            total = sum(n.count for n in notes)
            self._s.execute("UPDATE notes SET count = ? WHERE id = ?", (total, notes[0].id))
            for note in notes[1:]:
                self._s.execute("DELETE FROM notes WHERE id = ?", (note.id,))
        return self.note(notes[0].id)

    def _set_flag(self, note_id: int, column: str, value: bool) -> Note:
        with self._s.write():
            self.note(note_id)
            self._s.execute(f"UPDATE notes SET {column} = ? WHERE id = ?", (int(value), note_id))
        return self.note(note_id)

    # -- themes --------------------------------------------------------------------------

    def themes(self, prompt_id: int | None = None) -> list[Theme]:
        if prompt_id is None:
            rows = self._s.rows("SELECT * FROM themes ORDER BY prompt_id, position, id")
        else:
            rows = self._s.rows(
                "SELECT * FROM themes WHERE prompt_id = ? ORDER BY position, id", (prompt_id,)
            )
        return [Theme(**r) for r in rows]

    def theme(self, theme_id: int) -> Theme:
        rows = self._s.rows("SELECT * FROM themes WHERE id = ?", (theme_id,))
        if not rows:
            raise NotFoundError(f"There is no theme {theme_id}.")
        return Theme(**rows[0])

    def add_theme(
        self, prompt_id: int, name: str, summary: str = "", colour: str | None = None
    ) -> Theme:
        need_text(name, "A theme needs a name.", 200, "That theme name")
        with self._s.write():
            AgendaRepo(self._s).prompt(prompt_id)
            pos = ordering.next_position(self._s, "themes", prompt_id)
            colour = colour or self._free_colour(prompt_id)
            cur = self._s.execute(
                "INSERT INTO themes (prompt_id, position, name, summary, colour)"
                " VALUES (?, ?, ?, ?, ?)",
                (prompt_id, pos, name, summary, colour),
            )
        return self.theme(int(cur.lastrowid or 0))

    def _free_colour(self, prompt_id: int) -> str:
        """The palette's first colour no theme of the prompt has, else its least used: by
        position, a theme added after others were removed took a colour still on the wall."""
        used = [
            row[0]
            for row in self._s.execute(
                "SELECT colour FROM themes WHERE prompt_id = ?", (prompt_id,)
            )
        ]
        return min(THEME_COLOURS, key=lambda c: (used.count(c), THEME_COLOURS.index(c)))

    def update_theme(
        self,
        theme_id: int,
        name: str | None = None,
        summary: str | None = None,
        colour: str | None = None,
    ) -> Theme:
        theme = self.theme(theme_id)
        if name is not None:
            need_text(name, "A theme needs a name.", 200, "That theme name")
        with self._s.write():
            self._s.execute(
                "UPDATE themes SET name = ?, summary = ?, colour = ? WHERE id = ?",
                (
                    theme.name if name is None else name,
                    theme.summary if summary is None else summary,
                    theme.colour if colour is None else colour,
                    theme_id,
                ),
            )
        return self.theme(theme_id)

    def move_theme(self, theme_id: int, position: int) -> None:
        with self._s.write():
            ordering.move(self._s, "themes", theme_id, position)

    def remove_theme(self, theme_id: int) -> None:
        """Remove a theme; its notes go back to unsorted, never lost."""
        with self._s.write():
            prompt_id = ordering.parent_of(self._s, "themes", theme_id)
            self._s.execute("UPDATE notes SET theme_id = NULL WHERE theme_id = ?", (theme_id,))
            self._s.execute("DELETE FROM themes WHERE id = ?", (theme_id,))
            ordering.renumber(self._s, "themes", prompt_id)

    def _theme_of_prompt(self, theme_id: int, prompt_id: int) -> None:
        if self.theme(theme_id).prompt_id != prompt_id:
            raise ValidationError("That theme belongs to another question.")


def _note(row: dict[str, Any]) -> Note:
    return Note(
        **{
            **row,
            "author": Author(row["author"]),
            "is_quote": bool(row["is_quote"]),
            "is_hidden": bool(row["is_hidden"]),
            "is_held": bool(row["is_held"]),
            "is_key": bool(row["is_key"]),
        }
    )

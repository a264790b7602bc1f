"""Sections, agenda items, speakers and prompts, and running the day."""

from __future__ import annotations

import json
from typing import Any

from summit_app.core import ordering
from summit_app.core.checks import need_int, need_text
from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, ValidationError
from summit_app.core.model import Item, ItemKind, Prompt, PromptKind, Section, Speaker
from summit_app.core.schedule import seconds_between

ITEM_FIELDS = {
    "title", "kind", "planned_minutes", "description", "actual_start", "actual_end", "writeup"
}  # fmt: skip
SPEAKER_FIELDS = {"name", "role", "organisation", "key_points"}


class AgendaRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- sections ------------------------------------------------------------------------

    def sections(self) -> list[Section]:
        return [Section(**r) for r in self._s.rows("SELECT * FROM sections ORDER BY position, id")]

    def section(self, section_id: int) -> Section:
        rows = self._s.rows("SELECT * FROM sections WHERE id = ?", (section_id,))
        if not rows:
            raise NotFoundError(f"There is no section {section_id}.")
        return Section(**rows[0])

    def add_section(self, title: str, introduction: str = "") -> Section:
        need_text(title, "A section needs a title.")
        with self._s.write():
            pos = ordering.next_position(self._s, "sections")
            cur = self._s.execute(
                "INSERT INTO sections (position, title, introduction) VALUES (?, ?, ?)",
                (pos, title, introduction),
            )
        return self.section(int(cur.lastrowid or 0))

    def update_section(
        self, section_id: int, title: str | None = None, introduction: str | None = None
    ) -> Section:
        """Change the title, the introduction or both; what is not given is kept."""
        if title is not None:
            need_text(title, "A section needs a title.")
        with self._s.write():
            old = self.section(section_id)
            self._s.execute(
                "UPDATE sections SET title = ?, introduction = ? WHERE id = ?",
                (
                    old.title if title is None else title,
                    old.introduction if introduction is None else introduction,
                    section_id,
                ),
            )
        return self.section(section_id)

    def remove_section(self, section_id: int) -> None:
        with self._s.write():
            self._s.execute("DELETE FROM sections WHERE id = ?", (section_id,))
            ordering.renumber(self._s, "sections", None)

    def move_section(self, section_id: int, position: int) -> None:
        with self._s.write():
            ordering.move(self._s, "sections", section_id, position)

    # -- items ---------------------------------------------------------------------------

    def items(self, section_id: int | None = None) -> list[Item]:
        """Items in agenda order: by section, then position."""
        sql = (
            "SELECT items.* FROM items JOIN sections ON sections.id = items.section_id"
            " {where} ORDER BY sections.position, sections.id, items.position, items.id"
        )
        if section_id is None:
            rows = self._s.rows(sql.format(where=""))
        else:
            rows = self._s.rows(sql.format(where="WHERE section_id = ?"), (section_id,))
        return [_item(r) for r in rows]

    def item(self, item_id: int) -> Item:
        rows = self._s.rows("SELECT * FROM items WHERE id = ?", (item_id,))
        if not rows:
            raise NotFoundError(f"There is no agenda item {item_id}.")
        return _item(rows[0])

    def add_item(
        self,
        section_id: int,
        title: str,
        kind: ItemKind | str = ItemKind.OTHER,
        planned_minutes: int = 10,
        description: str = "",
    ) -> Item:
        need_text(title, "An agenda item needs a title.")
        kind = _kind(kind)
        _check_minutes(planned_minutes)
        with self._s.write():
            self.section(section_id)
            pos = ordering.next_position(self._s, "items", section_id)
            cur = self._s.execute(
                "INSERT INTO items (section_id, position, title, kind, planned_minutes,"
                " description) VALUES (?, ?, ?, ?, ?, ?)",
                (section_id, pos, title, kind.value, planned_minutes, description),
            )
        return self.item(int(cur.lastrowid or 0))

    def update_item(self, item_id: int, **fields: Any) -> Item:
        unknown = set(fields) - ITEM_FIELDS
        if unknown:
            raise TypeError(f"unknown item fields: {sorted(unknown)}")
        if "title" in fields:
            need_text(fields["title"], "An agenda item needs a title.")
        if "kind" in fields:
            fields["kind"] = _kind(fields["kind"]).value
        if "planned_minutes" in fields:
            _check_minutes(fields["planned_minutes"])
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            with self._s.write():
                self.item(item_id)
                self._s.execute(
                    f"UPDATE items SET {assignments} WHERE id = ?", (*fields.values(), item_id)
                )
        return self.item(item_id)

    def remove_item(self, item_id: int) -> None:
        """Remove the item with its speakers, prompts and polls (the write-up's blocks after
        it are moved by `rules.Agenda`, which the facade offers as `summit.agenda`)."""
        with self._s.write():
            section_id = ordering.parent_of(self._s, "items", item_id)
            self._s.execute(
                "UPDATE summit SET current_item_id = NULL WHERE current_item_id = ?", (item_id,)
            )
            self._s.execute(
                "UPDATE summit SET open_prompt_id = NULL WHERE open_prompt_id IN"
                " (SELECT id FROM prompts WHERE item_id = ?)",
                (item_id,),
            )
            self._s.execute("DELETE FROM items WHERE id = ?", (item_id,))
            ordering.renumber(self._s, "items", section_id)

    def move_item(self, item_id: int, position: int, section_id: int | None = None) -> None:
        with self._s.write():
            if section_id is not None:
                self.section(section_id)
            ordering.move(self._s, "items", item_id, position, section_id)

    # -- running the day -----------------------------------------------------------------

    def current_item(self) -> Item | None:
        item_id = self._s.live().current_item_id
        return self.item(item_id) if item_id is not None else None

    def start_item(self, item_id: int, at: str | None = None) -> Item:
        """Make `item_id` the running item, ending the one that was running.

        The first start of an item is kept; going back to an item clears its end. A prompt
        an earlier item left open to phones closes: phones see only what the running item
        opens (a later vote's phones were shown Section 1's note form).
        """
        at = at or now()
        with self._s.write():
            self.item(item_id)
            current = self._s.live().current_item_id
            if current is not None and current != item_id:
                self._end_pause(current, at)
                self._s.execute("UPDATE items SET actual_end = ? WHERE id = ?", (at, current))
            self._s.execute(
                "UPDATE items SET actual_start = COALESCE(actual_start, ?), actual_end = NULL"
                " WHERE id = ?",
                (at, item_id),
            )
            self._s.execute("UPDATE summit SET current_item_id = ? WHERE id = 1", (item_id,))
            self._s.execute(
                "UPDATE summit SET open_prompt_id = NULL WHERE id = 1 AND open_prompt_id IN"
                " (SELECT id FROM prompts WHERE item_id != ?)",
                (item_id,),
            )
            self._s.touch()
        return self.item(item_id)

    def end_day(self, at: str | None = None) -> None:
        """End the running item and leave nothing running."""
        with self._s.write():
            current = self._s.live().current_item_id
            if current is not None:
                self._end_pause(current, at or now())
                self._s.execute(
                    "UPDATE items SET actual_end = ? WHERE id = ?", (at or now(), current)
                )
            self._s.execute("UPDATE summit SET current_item_id = NULL WHERE id = 1")
            self._s.touch()

    def pause(self, at: str | None = None) -> Item:
        """Stop the running item's clock (a fire alarm, a speaker's laptop); `resume` goes on."""
        with self._s.write():
            item = self._running("pause")
            if item.paused_at is None:
                self._s.execute(
                    "UPDATE items SET paused_at = ? WHERE id = ?", (at or now(), item.id)
                )
        return self.item(item.id)

    def resume(self, at: str | None = None) -> Item:
        with self._s.write():
            item = self._running("resume")
            self._end_pause(item.id, at or now())
        return self.item(item.id)

    def add_minutes(self, minutes: int) -> Item:
        """Give the running item more time on the day; its planned length stays as planned."""
        need_int(minutes, 1, 240, "Add from 1 to 240 minutes at a time.")
        with self._s.write():
            item = self._running("add time to")
            self._s.execute(
                "UPDATE items SET extra_minutes = extra_minutes + ? WHERE id = ?",
                (minutes, item.id),
            )
        return self.item(item.id)

    def _running(self, verb: str) -> Item:
        item = self.current_item()
        if item is None or item.actual_start is None:
            raise ValidationError(f"Nothing is running to {verb}: start an item first.")
        return item

    def _end_pause(self, item_id: int, at: str) -> None:
        """Add a pause that is under way to the item's paused time (inside a write)."""
        item = self.item(item_id)
        if item.paused_at is None:
            return
        paused = max(0, seconds_between(item.paused_at, at))
        self._s.execute(
            "UPDATE items SET paused_seconds = paused_seconds + ?, paused_at = NULL WHERE id = ?",
            (paused, item_id),
        )

    # -- speakers ------------------------------------------------------------------------

    def speakers(self, item_id: int | None = None) -> list[Speaker]:
        if item_id is None:
            rows = self._s.rows(
                "SELECT speakers.* FROM speakers JOIN items ON items.id = speakers.item_id"
                " JOIN sections ON sections.id = items.section_id"
                " ORDER BY sections.position, items.position, speakers.position"
            )
        else:
            rows = self._s.rows(
                "SELECT * FROM speakers WHERE item_id = ? ORDER BY position", (item_id,)
            )
        return [_speaker(r) for r in rows]

    def add_speaker(
        self,
        item_id: int,
        name: str,
        role: str = "",
        organisation: str = "",
        key_points: tuple[str, ...] | list[str] = (),
    ) -> Speaker:
        need_text(name, "A speaker needs a name.")
        with self._s.write():
            self.item(item_id)
            pos = ordering.next_position(self._s, "speakers", item_id)
            cur = self._s.execute(
                "INSERT INTO speakers (item_id, position, name, role, organisation, key_points)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, pos, name, role, organisation, json.dumps(list(key_points))),
            )
        return self._speaker(int(cur.lastrowid or 0))

    def update_speaker(self, speaker_id: int, **fields: Any) -> Speaker:
        unknown = set(fields) - SPEAKER_FIELDS
        if unknown:
            raise TypeError(f"unknown speaker fields: {sorted(unknown)}")
        if "name" in fields:
            need_text(fields["name"], "A speaker needs a name.")
        if "key_points" in fields:
            fields["key_points"] = json.dumps(list(fields["key_points"]))
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            with self._s.write():
                self._speaker(speaker_id)
                self._s.execute(
                    f"UPDATE speakers SET {assignments} WHERE id = ?",
                    (*fields.values(), speaker_id),
                )
        return self._speaker(speaker_id)

    def remove_speaker(self, speaker_id: int) -> None:
        with self._s.write():
            item_id = ordering.parent_of(self._s, "speakers", speaker_id)
            self._s.execute("DELETE FROM speakers WHERE id = ?", (speaker_id,))
            ordering.renumber(self._s, "speakers", item_id)

    def _speaker(self, speaker_id: int) -> Speaker:
        rows = self._s.rows("SELECT * FROM speakers WHERE id = ?", (speaker_id,))
        if not rows:
            raise NotFoundError(f"There is no speaker {speaker_id}.")
        return _speaker(rows[0])

    # -- prompts -------------------------------------------------------------------------

    def prompts(self, item_id: int | None = None) -> list[Prompt]:
        if item_id is None:
            rows = self._s.rows(
                "SELECT prompts.* FROM prompts JOIN items ON items.id = prompts.item_id"
                " JOIN sections ON sections.id = items.section_id"
                " ORDER BY sections.position, items.position, prompts.position"
            )
        else:
            rows = self._s.rows(
                "SELECT * FROM prompts WHERE item_id = ? ORDER BY position", (item_id,)
            )
        return [_prompt(r) for r in rows]

    def prompt(self, prompt_id: int) -> Prompt:
        rows = self._s.rows("SELECT * FROM prompts WHERE id = ?", (prompt_id,))
        if not rows:
            raise NotFoundError(f"There is no prompt {prompt_id}.")
        return _prompt(rows[0])

    def add_prompt(
        self,
        item_id: int,
        text: str,
        kind: PromptKind | str = PromptKind.NOTES,
        max_words: int = 3,
        moderated: bool | None = None,
        writeup: str = "",
    ) -> Prompt:
        """A prompt for phones' notes, cloud words or questions (`kind`)."""
        need_text(text, "A prompt needs a question.")
        kind = _prompt_kind(kind)
        _check_max_words(max_words)
        with self._s.write():
            self.item(item_id)
            pos = ordering.next_position(self._s, "prompts", item_id)
            cur = self._s.execute(
                "INSERT INTO prompts (item_id, position, text, kind, max_words, moderated,"
                " writeup) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (item_id, pos, text, kind.value, max_words, _flag(moderated), writeup),
            )
        return self.prompt(int(cur.lastrowid or 0))

    def set_prompt_rules(
        self,
        prompt_id: int,
        kind: PromptKind | str | None = None,
        max_words: int | None = None,
        moderated: bool | None | str = "keep",
    ) -> Prompt:
        """Change what a prompt takes, how many words a phone may send, or its moderation
        (True, False, or None to follow the summit). The kind is fixed once input arrived."""
        with self._s.write():
            old = self.prompt(prompt_id)
            new_kind = old.kind if kind is None else _prompt_kind(kind)
            if new_kind is not old.kind and self.has_input(prompt_id):
                raise ValidationError(
                    "This prompt already has answers, so what it takes cannot change."
                    " Add a new prompt instead."
                )
            words = old.max_words if max_words is None else _check_max_words(max_words)
            mod = old.moderated if moderated == "keep" else moderated
            self._s.execute(
                "UPDATE prompts SET kind = ?, max_words = ?, moderated = ? WHERE id = ?",
                (new_kind.value, words, _flag(mod), prompt_id),  # type: ignore[arg-type]
            )
        return self.prompt(prompt_id)

    def has_input(self, prompt_id: int) -> bool:
        """Whether anything (notes, questions, cloud words) was sent to the prompt."""
        return any(
            self._s.execute(
                f"SELECT 1 FROM {table} WHERE prompt_id = ? LIMIT 1", (prompt_id,)
            ).fetchone()
            for table in ("notes", "questions", "words")
        )

    def update_prompt(self, prompt_id: int, text: str) -> Prompt:
        need_text(text, "A prompt needs a question.")
        with self._s.write():
            self.prompt(prompt_id)
            self._s.execute("UPDATE prompts SET text = ? WHERE id = ?", (text, prompt_id))
        return self.prompt(prompt_id)

    def remove_prompt(self, prompt_id: int) -> None:
        with self._s.write():
            item_id = ordering.parent_of(self._s, "prompts", prompt_id)
            self._s.execute(
                "UPDATE summit SET open_prompt_id = NULL WHERE open_prompt_id = ?", (prompt_id,)
            )
            self._s.execute("DELETE FROM prompts WHERE id = ?", (prompt_id,))
            ordering.renumber(self._s, "prompts", item_id)

    def open_prompt(self, prompt_id: int | None) -> None:
        """Open a prompt for participants' notes (None closes it)."""
        with self._s.write():
            if prompt_id is not None:
                self.prompt(prompt_id)
            self._s.execute("UPDATE summit SET open_prompt_id = ? WHERE id = 1", (prompt_id,))
            self._s.touch()


def _prompt(row: dict[str, Any]) -> Prompt:
    moderated = row.get("moderated")
    return Prompt(
        **{
            **row,
            "kind": PromptKind(row["kind"]),
            "moderated": None if moderated is None else bool(moderated),
        }
    )


def _prompt_kind(kind: PromptKind | str) -> PromptKind:
    try:
        return PromptKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in PromptKind)
        raise ValidationError(f"'{kind}' is not a kind of prompt ({kinds}).") from None


def _check_max_words(value: int) -> int:
    return need_int(value, 1, 20, "Each phone may send from 1 to 20 words.")


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def _item(row: dict[str, Any]) -> Item:
    return Item(**{**row, "kind": ItemKind(row["kind"])})


def _speaker(row: dict[str, Any]) -> Speaker:
    return Speaker(**{**row, "key_points": tuple(json.loads(row["key_points"]))})


def _kind(kind: ItemKind | str) -> ItemKind:
    try:
        return ItemKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in ItemKind)
        raise ValidationError(f"'{kind}' is not a kind of agenda item ({kinds}).") from None


def _check_minutes(minutes: int) -> None:
    need_int(minutes, 0, 24 * 60, "Planned minutes must be a whole number from 0 to 1440.")

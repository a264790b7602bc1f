"""What the programme team writes and chooses for the write-up pack: `summit.writeup`.

Reading (what the renderers use; every text is stored as typed, `narrative.parse(text)`
gives its paragraphs, runs and lists):

- `summit.info().introduction`: the introduction, printed before the objectives;
  `narrative_blocks(None)`: blocks printed after the objectives (the seed's "This pack
  provides an overview of our discussions").
- `Section.introduction`, `Item.writeup`, `Prompt.writeup` (a lead-in printed after the
  question), `Theme.summary` (several lines), `Speaker.key_points` (the speaker's prose,
  one paragraph or list item a point: `narrative.parse_lines(speaker.key_points)`).
  `Item.description` is the facilitator's and never printed.
- `flow(section_id)`: the section's items and narrative blocks in reading order;
  `narrative_blocks(section_id)`: only its blocks, in that order.
- `closing_texts()`: `ClosingTexts(thanks, actions_intro, commitments_intro)`.
- `pack_options()`: `PackOptions(include_agenda, include_participation,
  include_group_tables, include_data_appendix, closing_order, anonymity_threshold,
  publication, closing_themes)`; `closing_order` is a permutation of
  `model.CLOSING_PAGES`; `publication` is what the cover says ("" for a draft);
  `closing_themes` the ids of the themes the closing table holds, in order (None: all).
- Actions and commitments: `summit.people.actions()` in the team's order.

Writing: `set_summit_introduction`, `set_section_introduction`, `set_item_writeup`,
`set_prompt_writeup`, `set_key_points`, `add_block`, `update_block`, `place_block`,
`move_block`, `shift_block`, `remove_block`, `set_closing_texts`, `set_pack_options`; each one
transaction (inside a History command, one undo step). A refused value raises
ValidationError with a sentence and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from summit_app.core.agenda import AgendaRepo
from summit_app.core.checks import need_int, need_narrative, need_text
from summit_app.core.db import Db
from summit_app.core.errors import NotFoundError, ValidationError
from summit_app.core.model import (
    CLOSING_PAGES,
    ClosingTexts,
    Item,
    NarrativeBlock,
    PackOptions,
    Prompt,
    Section,
    Speaker,
)
from summit_app.core.summit_info import edit_info

Entry = Item | NarrativeBlock
MAX_ANONYMITY_THRESHOLD = 1000
MAX_PUBLICATION_CHARS = 80
_FLAGS = ("include_agenda", "include_participation", "include_group_tables",
          "include_data_appendix")  # fmt: skip


class WriteupRepo:
    def __init__(self, db: Db) -> None:
        self._s = db
        self._agenda = AgendaRepo(db)

    # -- the authored texts --------------------------------------------------------------

    def set_summit_introduction(self, text: str) -> None:
        edit_info(self._s, introduction=text)  # the settings dialog's command, its checks

    def set_section_introduction(self, section_id: int, text: str) -> Section:
        need_narrative(text, "A section's introduction")
        return self._agenda.update_section(section_id, introduction=text)

    def set_item_writeup(self, item_id: int, text: str) -> Item:
        need_narrative(text, "An item's write-up")
        return self._agenda.update_item(item_id, writeup=text)

    def set_prompt_writeup(self, prompt_id: int, text: str) -> Prompt:
        need_narrative(text, "A question's lead-in")
        with self._s.write():
            self._agenda.prompt(prompt_id)
            self._s.execute("UPDATE prompts SET writeup = ? WHERE id = ?", (text, prompt_id))
        return self._agenda.prompt(prompt_id)

    def set_key_points(self, speaker_id: int, points: Sequence[str]) -> Speaker:
        """The speaker's points as a list, each kept whole (blank ones dropped)."""
        kept = [p for p in points if isinstance(p, str) and p.strip()]
        for point in kept:
            need_narrative(point, "A key point")
            if "\n" in point or "\r" in point:
                raise ValidationError("A key point is one line; add another point instead.")
        return self._agenda.update_speaker(speaker_id, key_points=kept)

    # -- narrative blocks ----------------------------------------------------------------

    def narrative_block(self, block_id: int) -> NarrativeBlock:
        rows = self._s.rows("SELECT * FROM narrative_blocks WHERE id = ?", (block_id,))
        if not rows:
            raise NotFoundError(f"There is no block of text {block_id}.")
        return NarrativeBlock(**rows[0])

    def narrative_blocks(self, section_id: int | None) -> list[NarrativeBlock]:
        """The section's blocks in reading order (None: the introduction's)."""
        return [e for e in self.flow(section_id) if isinstance(e, NarrativeBlock)]

    def flow(self, section_id: int | None) -> list[Entry]:
        """The section's items and blocks in reading order: each item is followed by the
        blocks placed after it; blocks placed before the first item come first."""
        if section_id is None:
            rows = self._s.rows(
                "SELECT * FROM narrative_blocks WHERE section_id IS NULL ORDER BY position, id"
            )
            return [NarrativeBlock(**r) for r in rows]
        items = self._agenda.items(section_id)
        ids = {item.id for item in items}
        after: dict[int | None, list[NarrativeBlock]] = {}
        for row in self._s.rows(
            "SELECT * FROM narrative_blocks WHERE section_id = ? ORDER BY position, id",
            (section_id,),
        ):
            block = NarrativeBlock(**row)
            anchor = block.after_item_id if block.after_item_id in ids else None
            after.setdefault(anchor, []).append(block)
        entries: list[Entry] = list(after.get(None, []))
        for item in items:
            entries += [item, *after.get(item.id, [])]
        return entries

    def add_block(
        self, section_id: int | None, text: str, index: int | None = None, title: str = ""
    ) -> NarrativeBlock:
        """A new block at `index` of the section's flow (None: at its end)."""
        need_text(text, "A block of text needs some text.")
        need_narrative(text, "A block of text")
        need_narrative(title, "A block's heading")
        with self._s.write():
            if section_id is not None:
                self._agenda.section(section_id)
            end = len(self.flow(section_id))
            cur = self._s.execute(
                "INSERT INTO narrative_blocks (section_id, position, title, text)"
                " VALUES (?, ?, ?, ?)",
                (section_id, 0, title, text),
            )
            block_id = int(cur.lastrowid or 0)
            self.place_block(block_id, end if index is None else index)
        return self.narrative_block(block_id)

    def update_block(
        self, block_id: int, text: str | None = None, title: str | None = None
    ) -> NarrativeBlock:
        old = self.narrative_block(block_id)
        text = old.text if text is None else text
        title = old.title if title is None else title
        need_text(text, "A block of text needs some text; remove the block instead.")
        need_narrative(text, "A block of text")
        need_narrative(title, "A block's heading")
        with self._s.write():
            self._s.execute(
                "UPDATE narrative_blocks SET text = ?, title = ? WHERE id = ?",
                (text, title, block_id),
            )
        return self.narrative_block(block_id)

    def place_block(self, block_id: int, index: int) -> NarrativeBlock:
        """Put the block at `index` of its section's flow."""
        return self.move_block(block_id, self.narrative_block(block_id).section_id, index)

    def move_block(self, block_id: int, section_id: int | None, index: int) -> NarrativeBlock:
        """Put the block at `index` of `section_id`'s flow (None: the introduction's)."""
        need_int(index, -(1 << 31), 1 << 31, "A position must be a whole number.")
        with self._s.write():
            block = self.narrative_block(block_id)
            if section_id is not None:
                self._agenda.section(section_id)
            if section_id != block.section_id:
                left = [e for e in self.flow(block.section_id) if not _is(e, block_id)]
                self._rewrite(block.section_id, left)
            entries = [e for e in self.flow(section_id) if not _is(e, block_id)]
            entries.insert(max(0, min(index, len(entries))), block)
            self._rewrite(section_id, entries)
        return self.narrative_block(block_id)

    def shift_block(self, block_id: int, delta: int) -> NarrativeBlock:
        """Move the block `delta` places along its section's flow (past items or blocks)."""
        block = self.narrative_block(block_id)
        entries = self.flow(block.section_id)
        index = next(i for i, e in enumerate(entries) if _is(e, block_id))
        return self.place_block(block_id, max(0, index + delta))

    def remove_block(self, block_id: int) -> None:
        with self._s.write():
            block = self.narrative_block(block_id)
            self._s.execute("DELETE FROM narrative_blocks WHERE id = ?", (block_id,))
            self._rewrite(block.section_id, self.flow(block.section_id))

    def item_leaving(self, item_id: int) -> None:
        """Before an item is removed or moved to another section: the blocks after it stay
        where they are in the reading, after the item before it (inside the caller's write)."""
        section_id = self._agenda.item(item_id).section_id
        entries = [e for e in self.flow(section_id) if not _is_item(e, item_id)]
        self._rewrite(section_id, entries)

    def _rewrite(self, section_id: int | None, entries: list[Entry]) -> None:
        """Store each block's place from the flow `entries` (only what changed)."""
        anchor: int | None = None
        position = 0
        for entry in entries:
            if isinstance(entry, Item):
                anchor = entry.id
                continue
            if (entry.section_id, entry.after_item_id, entry.position) != (
                section_id,
                anchor,
                position,
            ):
                self._s.execute(
                    "UPDATE narrative_blocks SET section_id = ?, after_item_id = ?, position = ?"
                    " WHERE id = ?",
                    (section_id, anchor, position, entry.id),
                )
            position += 1

    # -- the closing pages and the pack's options ----------------------------------------

    def closing_texts(self) -> ClosingTexts:
        row = self._row()
        return ClosingTexts(row["thanks"], row["actions_intro"], row["commitments_intro"])

    def set_closing_texts(self, texts: ClosingTexts) -> ClosingTexts:
        for value, what in (
            (texts.thanks, "The thank-you"),
            (texts.actions_intro, "The actions' introduction"),
            (texts.commitments_intro, "The commitments' introduction"),
        ):
            need_narrative(value, what)
        with self._s.write():
            self._s.execute(
                "UPDATE writeup SET thanks = ?, actions_intro = ?, commitments_intro = ?"
                " WHERE id = 1",
                (texts.thanks, texts.actions_intro, texts.commitments_intro),
            )
        return self.closing_texts()

    def pack_options(self) -> PackOptions:
        row = self._row()
        try:
            stored = [p for p in json.loads(row["closing_order"]) if p in CLOSING_PAGES]
        except (ValueError, TypeError):
            stored = []
        order = list(dict.fromkeys(stored)) + [p for p in CLOSING_PAGES if p not in stored]
        return PackOptions(
            **{flag: bool(row[flag]) for flag in _FLAGS},
            closing_order=tuple(order),
            anonymity_threshold=int(row["anonymity_threshold"]),
            publication=row["publication"],
            closing_themes=_theme_ids(row["closing_themes"]),
        )

    def set_pack_options(self, options: PackOptions) -> PackOptions:
        if sorted(options.closing_order) != sorted(CLOSING_PAGES):
            pages = ", ".join(CLOSING_PAGES)
            raise ValidationError(f"The closing pages must each come once: {pages}.")
        need_int(
            options.anonymity_threshold,
            2,
            MAX_ANONYMITY_THRESHOLD,
            "The smallest group shown must be a whole number of people from 2 to"
            f" {MAX_ANONYMITY_THRESHOLD}: a group of one would show how that person voted.",
        )
        publication = " ".join(options.publication.split())
        if len(publication) > MAX_PUBLICATION_CHARS:
            raise ValidationError(
                "What the cover says (a publication date or a version) must be at most"
                f" {MAX_PUBLICATION_CHARS} characters."
            )
        themes = options.closing_themes
        values = [int(bool(getattr(options, flag))) for flag in _FLAGS]
        with self._s.write():
            if themes is not None:
                themes = tuple(dict.fromkeys(themes))
                known = (
                    {
                        r["id"]
                        for r in self._s.rows(
                            f"SELECT id FROM themes WHERE id IN ({', '.join('?' * len(themes))})",
                            themes,
                        )
                    }
                    if themes
                    else set()
                )
                if set(themes) - known:
                    raise ValidationError("The closing table can only hold themes of this summit.")
            self._s.execute(
                f"UPDATE writeup SET {', '.join(f'{f} = ?' for f in _FLAGS)},"
                " closing_order = ?, anonymity_threshold = ?, publication = ?,"
                " closing_themes = ? WHERE id = 1",
                (
                    *values,
                    json.dumps(list(options.closing_order)),
                    options.anonymity_threshold,
                    publication,
                    None if themes is None else json.dumps(list(themes)),
                ),
            )
        return self.pack_options()

    def _row(self) -> dict[str, Any]:
        return self._s.rows("SELECT * FROM writeup WHERE id = 1")[0]


def _theme_ids(stored: str | None) -> tuple[int, ...] | None:
    """The closing table's themes as stored (a JSON list of ids), None for every theme."""
    if stored is None:
        return None
    try:
        ids = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(ids, list):
        return None
    return tuple(i for i in ids if isinstance(i, int) and not isinstance(i, bool))


def _is_item(entry: Entry, item_id: int) -> bool:
    return isinstance(entry, Item) and entry.id == item_id


def _is(entry: Entry, block_id: int) -> bool:
    return isinstance(entry, NarrativeBlock) and entry.id == block_id

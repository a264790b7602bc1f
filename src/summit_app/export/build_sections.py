"""Each section of the day as the pack tells it: the team's narrative in reading order, each
speaker's prose, each question once with its lead-in, notes grouped by theme, each poll.

What the facilitator typed for the room (an item's description, "how to join in from your
phone") is never printed: an item speaks through its write-up text. An item's title is a
heading only where it gathers several things (speakers, questions, polls) that would
otherwise run together; a lone question or poll is its own heading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from summit_app.core import narrative
from summit_app.core.model import NarrativeBlock, Note, PromptKind, Speaker
from summit_app.core.tables import raised_by
from summit_app.export.build_audience import cloud_blocks, questions_blocks
from summit_app.export.build_results import poll_blocks, rooms_table
from summit_app.export.data import ItemBlock, PromptBlock, SectionBlock, ThemeBlock, is_break
from summit_app.export.model import Block, Bullets, Heading, Para, Part, PartKind, Run, Tone
from summit_app.export.typeset import (
    blocks,
    heading,
    narrative_text,
    one_line,
    short_question,
    text_runs,
)

OTHER_NOTES = "Other notes"
NUMBERED = re.compile(r"\s*(section|part|session)\s+\w{1,4}\s*[:.\-\u2013\u2014]", re.IGNORECASE)


def section_part(number: int, block: SectionBlock) -> Part | None:
    section = block.section
    story: list[Block] = list(narrative_text(section.introduction))
    rooms: tuple[tuple[str, int, int], ...] = ()  # the breakout rooms whose part this is
    for entry in block.flow:
        if isinstance(entry, NarrativeBlock):
            story += narrative_block(entry)
            rooms = ()
        elif not is_break(entry.item):
            if entry.rooms and entry.rooms != rooms:
                story += room_blocks(entry)
            rooms = entry.rooms
            story += item_blocks(entry, section.title)
    if not story:
        return None  # nothing happened here worth a page: it stays in the agenda
    # A title numbered by the team ("Section 1: ...") keeps its own number, not a second one.
    named = section.title if NUMBERED.match(section.title) else f"Section {number}: {section.title}"
    title = heading(named)
    return Part(title, f"section-{section.id}", tuple(clamp_levels(story)), PartKind.SECTION)


def room_blocks(block: ItemBlock) -> list[Block]:
    """The heading of a breakout room's part ("Breakout B: Workforce") and its turnout:
    the people who took part by phone, and those the room counted by hand or at tables."""
    names = [one_line(name) for name, _, _ in block.rooms]
    title = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

    def people(n: int) -> str:
        return f"{n:,} {'person' if n == 1 else 'people'}"

    def without(n: int) -> str:
        return f" by phone, and {n:,} more counted by hand or at tables"

    if len(block.rooms) == 1:
        _, phones, counted = block.rooms[0]
        text = f"Run in its own room: {people(phones)} took part there"
        text += f"{without(counted)}." if counted else "."
    else:
        each = "; ".join(
            f"{one_line(name)}, {people(phones)}{without(counted) if counted else ''}"
            for name, phones, counted in block.rooms
        )
        text = f"Run in {len(block.rooms)} rooms at once. Who took part: {each}."
    return [
        Heading(heading(title), 2, f"room-{block.item.id}"),
        Para((Run(text),), Tone.BYLINE),
    ]


def narrative_block(block: NarrativeBlock, level: int = 2) -> list[Block]:
    out: list[Block] = []
    if block.title.strip():
        out.append(Heading(heading(block.title), level, f"block-{block.id}"))
    return out + list(narrative_text(block.text))


def item_blocks(block: ItemBlock, section_title: str = "") -> list[Block]:
    item = block.item
    prompts = [p for p in block.prompts if not p.is_empty]
    things = int(bool(block.speakers)) + len(prompts) + len(block.polls)
    questions = {one_line(p.prompt.text) for p in prompts}
    for poll in block.polls:
        questions |= {
            one_line(poll.result.poll.question),
            short_question(poll.result.poll.question),
        }
    title = one_line(item.title)
    # Not a heading that repeats the section's (an item "Pre-mortem" in "...? Pre-mortem").
    repeats = bool(_key(title)) and _key(section_title).endswith(_key(title))
    titled = things >= 2 and title not in questions and not repeats
    level = 3 if titled else 2
    story: list[Block] = []
    if titled:
        story.append(Heading(heading(item.title), 2, f"item-{item.id}"))
    story += narrative_text(item.writeup)
    for speaker in block.speakers:
        story += speaker_blocks(speaker, level)
    for prompt in prompts:
        story += prompt_blocks(prompt, level)
    for poll in block.polls:
        story += poll_blocks(poll.result, level)
        if poll.by_room:
            story += rooms_table(poll.result, poll.by_room)
    return story


def _key(text: str) -> str:
    return " ".join(
        "".join(c for c in one_line(text).casefold() if c.isalnum() or c == " ").split()
    )


def speaker_blocks(speaker: Speaker, level: int) -> list[Block]:
    out: list[Block] = [Heading(heading(speaker.name), level, f"speaker-{speaker.id}")]
    byline = ", ".join(one_line(x) for x in (speaker.role, speaker.organisation) if x.strip())
    if byline:
        out.append(Para((Run(byline),), Tone.BYLINE))
    points = [p for p in speaker.key_points if p.strip()]
    out += blocks(narrative.parse_lines(points))
    return out


def prompt_blocks(block: PromptBlock, level: int) -> list[Block]:
    prompt = block.prompt
    if prompt.kind is PromptKind.QUESTIONS:
        return questions_blocks(block, level)
    if prompt.kind is PromptKind.WORDS:
        return cloud_blocks(block, level)
    out: list[Block] = [Heading(heading(prompt.text), level, f"prompt-{prompt.id}")]
    out += narrative_text(prompt.writeup)
    themed = False
    for theme in block.themes:
        if theme.notes or theme.theme.summary.strip():
            out += theme_blocks(theme, level + 1, block.room_tables, block.table_labels)
            themed = themed or bool(theme.notes)
    if block.unthemed:
        if themed:
            out.append(Heading(OTHER_NOTES, level + 1))
        out += notes_blocks(block.unthemed, block.table_labels)
    return out


def theme_blocks(
    block: ThemeBlock, level: int, room_tables: int = 0, labels: Mapping[int, str] | None = None
) -> list[Block]:
    """The theme's name and summary first, how many of the room's tables raised it and the
    key points they starred, then its quotes set apart, then its notes."""
    theme = block.theme
    out: list[Block] = [
        Heading(heading(theme.name), level, f"theme-{theme.id}", swatch=theme.colour)
    ]
    out += narrative_text(theme.summary)
    raised = raised_by(block.tables, room_tables)
    if raised:
        out.append(Para((Run(f"Raised by {raised}."),), Tone.CAPTION))
    keys = block.key_points
    if keys:
        out.append(Para((Run("Key points the tables starred:", bold=True),)))
        out.append(Bullets(tuple(text_runs(tagged(n, labels)) for n in keys), tone=Tone.NOTE))
    return out + notes_blocks(tuple(n for n in block.notes if n not in keys), labels)


def tagged(note: Note, labels: Mapping[int, str] | None = None) -> str:
    """A table's note with its table: 'Shared records (Table 3)', or a breakout room's
    'Shared records (Breakout B: Workforce, table 3)' by `labels`."""
    if not note.table_id:
        return note.label
    table = (labels or {}).get(note.table_id, f"Table {note.table_id}")
    return f"{note.label.strip()} ({table})"


def notes_blocks(notes: tuple[Note, ...], labels: Mapping[int, str] | None = None) -> list[Block]:
    out: list[Block] = []
    for note in notes:
        if note.is_quote and text_runs(note.text):
            # A participant's words set apart, in quotation marks in every edition.
            count = f" (x{note.count})" if note.count > 1 else ""
            words = text_runs(f"\u201c{note.text.strip()}\u201d{count}")
            out.append(Para(words, Tone.QUOTE))
    items = tuple(r for r in (text_runs(tagged(n, labels)) for n in notes if not n.is_quote) if r)
    if items:
        out.append(Bullets(items, tone=Tone.NOTE))
    return out


def clamp_levels(story: list[Block], top: int = 2) -> list[Block]:
    """Headings that never skip a level (a theme's heading under a part's title is a 2)."""
    out: list[Block] = []
    last = top - 1
    for block in story:
        if isinstance(block, Heading):
            level = max(top, min(block.level, last + 1))
            if level != block.level:
                block = Heading(block.text, level, block.anchor, block.contents, block.swatch)
            last = level
        out.append(block)
    return out

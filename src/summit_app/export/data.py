"""Everything the pack prints, read from the summit in one go.

The pack's builders take this plain data, never the Summit, so the reading (a handful
of queries, one snapshot) is separate from what the pack says and each can be tested alone.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

import pypdfium2 as pdfium

from summit_app.core import Summit, schedule
from summit_app.core.breakout import Room
from summit_app.core.decks import SlidePage, read_slides
from summit_app.core.model import (
    Action,
    ClosingTexts,
    Item,
    ItemKind,
    Logo,
    NarrativeBlock,
    Note,
    PackOptions,
    Prompt,
    PromptKind,
    Question,
    Section,
    Speaker,
    SummitInfo,
    Theme,
    WordCount,
)
from summit_app.core.tally import PollResult, Totals, tally_groups

NOT_GIVEN = "Not given"
MAIN_ROOM = "Main room"  # ballots cast in the main room on a poll breakout rooms also ran


@dataclass(frozen=True)
class ThemeBlock:
    theme: Theme
    notes: tuple[Note, ...]

    @property
    def tables(self) -> frozenset[int]:
        """The tables whose hosts sent notes in this theme."""
        return frozenset(n.table_id for n in self.notes if n.table_id is not None)

    @property
    def key_points(self) -> tuple[Note, ...]:
        """The notes in it that their table starred as one of its key points."""
        return tuple(n for n in self.notes if n.is_key and n.table_id is not None)


@dataclass(frozen=True)
class PromptBlock:
    prompt: Prompt
    themes: tuple[ThemeBlock, ...]
    unthemed: tuple[Note, ...]
    # A Q&A's questions the room saw, most upvoted first; a word cloud's shown words.
    questions: tuple[Question, ...] = ()
    cloud: tuple[WordCount, ...] = ()
    phones: int = 0  # how many phones sent the cloud's words
    room_tables: int = 0  # how many tables the room has (the pack says "9 of 15 tables")
    # Each table's label by id ("Table 3", "Breakout B: Workforce, table 3").
    table_labels: Mapping[int, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        if self.questions or self.cloud:
            return False
        return not self.unthemed and not any(t.notes or t.theme.summary for t in self.themes)


@dataclass(frozen=True)
class PollBlock:
    result: PollResult  # with how hand counts were taken, if any (`result.hand_method`)
    # The phones' ballots' running totals by voters' group (None: no group), for the
    # pack's groups and those it folds together.
    groups: Mapping[str | None, Totals] = field(default_factory=dict)
    # A poll several breakout rooms ran: each room's own figures (room name, result);
    # `result` is then the whole summit's, tallied once over every room's ballots.
    by_room: tuple[tuple[str, PollResult], ...] = ()


@dataclass(frozen=True)
class ItemBlock:
    item: Item
    planned_start: str  # HH:MM from the day's start and the planned minutes before it
    planned_end: str
    speakers: tuple[Speaker, ...]
    prompts: tuple[PromptBlock, ...]
    polls: tuple[PollBlock, ...]
    # The breakout rooms that ran this item, each with how many took part there.
    # ... and how many were counted there without a phone (by hand, at tables).
    rooms: tuple[tuple[str, int, int], ...] = ()
    # The breakout room whose file brought its actual times (the last imported of those that
    # ran it): they are that room's laptop's clock, not this one's.
    clock_room: str = ""


@dataclass(frozen=True)
class SectionBlock:
    section: Section
    items: tuple[ItemBlock, ...]
    # The items and the team's narrative blocks in reading order.
    flow: tuple[ItemBlock | NarrativeBlock, ...] = ()


@dataclass(frozen=True)
class AnnexSlide:
    """A slide the team put in the annex, with what the pack prints of it."""

    item_title: str
    deck_name: str
    deck_id: int
    pdf: bytes
    page: int
    pages: int
    caption: str
    slide: SlidePage


@dataclass(frozen=True)
class PackData:
    info: SummitInfo
    sections: tuple[SectionBlock, ...]
    joined: int
    by_group: dict[str, int]  # participants per professional group, NOT_GIVEN for none
    actions: tuple[Action, ...]
    commitments: tuple[Action, ...]
    options: PackOptions = field(default_factory=PackOptions)
    closing: ClosingTexts = field(default_factory=ClosingTexts)
    introduction_blocks: tuple[NarrativeBlock, ...] = ()  # after the objectives
    logo: Logo | None = None
    exported_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    action_rooms: dict[int, str] = field(default_factory=dict)  # agreed in a breakout room
    tables: int = 0  # the tables, the main room's and breakout rooms', when hosts took part
    table_labels: dict[int, str] = field(default_factory=dict)  # "Table 3 (Oak)"

    annex: tuple[AnnexSlide, ...] = ()  # in the agenda's order
    annex_per_page: int = 1

    @property
    def theme_blocks(self) -> dict[int, ThemeBlock]:
        """Every theme with its notes, by theme id."""
        return {t.theme.id: t for i in self.items for p in i.prompts for t in p.themes}

    @property
    def table_notes(self) -> list[Note]:
        """The notes table hosts sent, in the order of the day."""
        return [
            n
            for i in self.items
            for p in i.prompts
            for n in (*(n for t in p.themes for n in t.notes), *p.unthemed)
            if n.table_id is not None
        ]

    @property
    def items(self) -> list[ItemBlock]:
        return [i for s in self.sections for i in s.items]

    @property
    def polls(self) -> list[PollBlock]:
        return [p for i in self.items for p in i.polls]

    @property
    def summarised_themes(self) -> list[Theme]:
        """Themes with a summary, in agenda order: the 'What have we heard' table."""
        return [
            t.theme
            for i in self.items
            for p in i.prompts
            for t in p.themes
            if t.theme.summary.strip()
        ]

    @property
    def groups_collected(self) -> bool:
        return any(name != NOT_GIVEN for name in self.by_group)


def read_pack(summit: Summit) -> PackData:
    """Read the whole summit for the pack; hidden notes are left out here, once.

    All reads share one transaction, so a pack exported while phones are still voting is
    one consistent snapshot (WAL: this blocks no writer, and nothing is written).
    """
    with summit.reading():
        return _read(summit)


def _read(summit: Summit) -> PackData:
    info = summit.info()
    agenda = summit.agenda
    notes_by_prompt: dict[int, list[Note]] = {}
    for note in summit.notes.notes(include_hidden=False):
        notes_by_prompt.setdefault(note.prompt_id, []).append(note)
    themes_by_prompt: dict[int, list[Theme]] = {}
    for theme in summit.notes.themes():
        themes_by_prompt.setdefault(theme.prompt_id, []).append(theme)
    speakers: dict[int, list[Speaker]] = {}
    for speaker in agenda.speakers():
        speakers.setdefault(speaker.item_id, []).append(speaker)
    prompts: dict[int, list[PromptBlock]] = {}
    for prompt in agenda.prompts():
        block = _prompt_block(
            prompt, themes_by_prompt.get(prompt.id, []), notes_by_prompt.get(prompt.id, [])
        )
        prompts.setdefault(prompt.item_id, []).append(_audience(summit, block))
    room_tables = summit.tables.tables()
    labels = summit.tables.labels()
    parts = summit.breakouts.parts()
    # An item breakout rooms ran was discussed at their tables too (and at the main room's
    # before or after).
    at = summit.tables.by_room()
    prompts = {
        item: [
            replace(
                b,
                room_tables=len(room_tables) + sum(at.get(r.uid, 0) for r in parts.get(item, ())),
                table_labels=labels,
            )
            for b in blocks
        ]
        for item, blocks in prompts.items()
    }
    options = summit.writeup.pack_options()
    turnout = summit.breakouts.turnout()
    polls: dict[int, list[PollBlock]] = {}
    # Room id -> the most people a room counted by hand or at its tables in one poll: they
    # took part there too, without a phone.
    counted: dict[int, int] = {}
    for poll_block in poll_results(summit):
        poll = poll_block.result.poll
        shared = len(parts.get(poll.item_id, ())) > 1
        in_rooms = summit.breakouts.results_by_room(poll.id)
        for room, tallied in in_rooms:
            without = tallied.hand_voters + tallied.table_voters
            counted[room.id] = max(counted.get(room.id, 0), without)
        by_room = tuple((room.name, tallied) for room, tallied in in_rooms)
        here = summit.breakouts.main_room_result(poll.id) if shared else None
        if here is not None:
            by_room = ((MAIN_ROOM, here), *by_room)
        polls.setdefault(poll.item_id, []).append(
            replace(poll_block, by_room=by_room if shared else ())
        )

    slots = {slot.item_id: slot for slot in _plan(agenda.items(), info.start_time)}
    sections = []
    for section in agenda.sections():
        items: dict[int, ItemBlock] = {}
        for item in agenda.items(section.id):
            items[item.id] = ItemBlock(
                item=item,
                planned_start=slots[item.id].start_clock,
                planned_end=slots[item.id].end_clock,
                speakers=tuple(speakers.get(item.id, ())),
                prompts=tuple(prompts.get(item.id, ())),
                polls=tuple(polls.get(item.id, ())),
                rooms=tuple(
                    (r.name, turnout.get(r.id, 0), counted.get(r.id, 0))
                    for r in parts.get(item.id, ())
                ),
                clock_room=_clock_room(parts.get(item.id, [])),
            )
        flow = tuple(
            items[e.id] if isinstance(e, Item) else e for e in summit.writeup.flow(section.id)
        )
        sections.append(SectionBlock(section, tuple(items.values()), flow))

    # Those who voted, posted or picked a group: a link preview or a flood of joins is not
    # a person who took part.
    people = summit.people.participants(taking_part=True)
    counts = Counter(p.group or NOT_GIVEN for p in people)
    order = [g for g in info.groups if g in counts] + sorted(
        g for g in counts if g not in info.groups
    )
    actions = summit.people.actions()
    return PackData(
        info=info,
        sections=tuple(sections),
        joined=len(people),
        by_group={g: counts[g] for g in order},
        actions=tuple(a for a in actions if not a.is_commitment),
        commitments=tuple(a for a in actions if a.is_commitment),
        action_rooms=summit.breakouts.row_rooms("actions"),
        options=options,
        closing=summit.writeup.closing_texts(),
        introduction_blocks=tuple(summit.writeup.narrative_blocks(None)),
        logo=summit.logo(),
        tables=len(labels),
        table_labels=labels,
        annex=_annex(summit),
        annex_per_page=summit.decks.annex_per_page(),
    )


def poll_results(summit: Summit, with_groups: bool = True) -> list[PollBlock]:
    """Every poll's result, in agenda order, with its ballots' running totals by group (for
    tallies of merged groups): one query for all the polls, whatever the ballots (reading
    every ballot, even grouped in SQL, took 43 ms at 50,000). `with_groups=False` leaves
    out the groups' tallies (the CSV prints none)."""
    by_poll = summit.polls.group_totals()
    blocks = []
    for poll in summit.polls.polls():
        mine = by_poll.get(poll.id, {})
        counts, voters = summit.polls.hand_counts(poll.id), summit.polls.hand_voters(poll.id)
        tables = summit.polls.table_counts(poll.id)
        result = tally_groups(
            poll, mine, counts, voters, with_groups=with_groups, table_counts=tables
        )
        blocks.append(PollBlock(result, mine))
    return blocks


def _clock_room(rooms: list[Room]) -> str:
    """Which room's laptop timed an item rooms ran: each import writes the item as that
    room's file has it, so its times are the last imported room's."""
    imported = [room for room in rooms if room.imported_at]
    return max(imported, key=lambda room: room.imported_at or "").name if imported else ""


def clock_time(stamp: str | None) -> str:
    """'14:05' from a stored ISO timestamp; '' when there is none or it is unreadable."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).strftime("%H:%M")
    except ValueError:
        return ""


def is_break(item: Item) -> bool:
    return item.kind is ItemKind.BREAK


def _plan(items: list[Item], start_time: str) -> list[schedule.Slot]:
    try:
        return schedule.plan(items, start_time)
    except ValueError:  # an unreadable start time: a pack all the same
        return schedule.plan(items, "09:00")


def _audience(summit: Summit, block: PromptBlock) -> PromptBlock:
    """A Q&A's or a word cloud's input as the room saw it: nothing hidden, held or merged."""
    prompt = block.prompt
    if prompt.kind is PromptKind.QUESTIONS:
        return replace(block, questions=tuple(summit.questions.shown(prompt.id)))
    if prompt.kind is PromptKind.WORDS:
        shown = [w for w in summit.words.words(prompt.id) if not (w.is_held or w.is_hidden)]
        phones = len({w.participant_id or -w.id for w in shown})
        return replace(block, cloud=tuple(summit.words.cloud(prompt.id)), phones=phones)
    return block


def _prompt_block(prompt: Prompt, themes: list[Theme], notes: list[Note]) -> PromptBlock:
    by_theme: dict[int | None, list[Note]] = {}
    for note in notes:
        by_theme.setdefault(note.theme_id, []).append(note)
    return PromptBlock(
        prompt=prompt,
        themes=tuple(ThemeBlock(t, tuple(by_theme.get(t.id, ()))) for t in themes),
        unthemed=tuple(by_theme.get(None, ())),
    )


def _annex(summit: Summit) -> tuple[AnnexSlide, ...]:
    """The slides the team put in the annex, each deck read once."""
    picks = summit.decks.annex()
    if not picks:
        return ()
    titles = {item.id: item.title for item in summit.agenda.items()}
    slides: list[AnnexSlide] = []
    for deck in summit.decks.all():
        pages = [a for a in picks if a.deck_id == deck.id]
        if not pages:
            continue
        pdf = summit.decks.pdf(deck.id)
        wanted = [a.page for a in pages if a.page < deck.pages]
        # A deck whose bytes changed on disk since it was added is left out, never a traceback.
        if hashlib.sha256(pdf).hexdigest() != deck.sha256:
            continue
        try:
            read = read_slides(pdf, wanted)
        except (pdfium.PdfiumError, IndexError):
            continue
        pages = [a for a in pages if a.page in read]
        slides += [
            AnnexSlide(
                titles.get(deck.item_id, ""), deck.name, deck.id, pdf, a.page, deck.pages,
                a.caption, read[a.page],
            )
            for a in pages
        ]  # fmt: skip
    return tuple(slides)

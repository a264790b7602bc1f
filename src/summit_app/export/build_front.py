"""The front of the pack: the introduction with its objectives and lead-in, and the agenda."""

from __future__ import annotations

from summit_app.export.build_sections import narrative_block
from summit_app.export.data import PackData, clock_time
from summit_app.export.model import (
    Block,
    Bullets,
    Cell,
    Column,
    Para,
    Part,
    PartKind,
    Rich,
    Run,
    Table,
    Tone,
)
from summit_app.export.typeset import inline, narrative_text, one_line

KIND_WORDS = {
    "talk": "Talk",
    "discussion": "Discussion",
    "vote": "Vote",
    "ranking": "Ranking",
    "break": "Break",
    "other": "",
}


def introduction(data: PackData) -> list[Part]:
    info = data.info
    story: list[Block] = list(narrative_text(info.introduction))
    objectives = tuple(r for r in (inline(o) for o in info.objectives) if r)
    if objectives:
        story.append(Para((Run("The objectives of the session were to:", bold=True),)))
        story.append(Bullets(objectives, ordered=True))
    for block in data.introduction_blocks:
        story += narrative_block(block)
    if not story:
        return []
    return [Part("Introduction", "intro", tuple(story), PartKind.FRONT)]


def agenda(data: PackData) -> list[Part]:
    """Planned times from the day's start and each item's minutes; actual times as run."""
    if not data.options.include_agenda or not data.items:
        return []
    rows: list[tuple[Cell, ...]] = []
    group_rows = []
    ran = in_rooms = False
    for section in data.sections:
        group_rows.append(len(rows))
        rows.append((one_line(section.section.title), "", "", ""))
        for block in section.items:
            item = block.item
            start, end = clock_time(item.actual_start), clock_time(item.actual_end)
            ran |= bool(start)
            actual: Cell = f"{start}\u2013{end}" if start and end else start
            if actual and block.clock_room:
                # Timed on the room's laptop: a wrong clock or time zone there must not
                # read as this room's day.
                whose = f"clock of {one_line(block.clock_room)}"
                actual = Rich((Para((Run(str(actual)),)), Para((Run(whose),), Tone.CAPTION)))
                in_rooms = True
            rows.append(
                (
                    f"{block.planned_start}\u2013{block.planned_end}",
                    one_line(item.title),
                    KIND_WORDS.get(item.kind.value, ""),
                    actual,
                )
            )
    note = (
        "Planned times follow the agenda from the start of the day; actual times are when"
        " each item was started and ended on the day."
        if ran
        else "Planned times follow the agenda from the start of the day."
    )
    if in_rooms:
        note += (
            " Items run in a breakout room show the times that room's laptop kept, by its own"
            " clock, which may not agree with this one's."
        )
    table = Table(
        (Column("Planned"), Column("Item"), Column("Kind"), Column("Actual")),
        tuple(rows),
        caption="The agenda of the day, section by section.",
        row_headers=False,
        group_rows=tuple(group_rows),
    ).without_empty_columns()  # "Actual" only when the day was run
    story = (Para((Run(note),), Tone.CAPTION), table)
    return [Part("Agenda", "agenda", story, PartKind.FRONT, new_page=False)]

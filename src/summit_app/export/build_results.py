"""A poll's results in the pack: its question once, what the figures mean, then a chart or
a table (never a chart followed by the same table), and the full table for the appendix.

Every figure and word comes from `core.presenting`, as on the projector and the phones.
A chart shows single, multi and points polls and agreement scales; a ranking is a table
(its order is the result, as in the seed's numbered list), and so is a poll with one
option, where bars would add nothing.
"""

from __future__ import annotations

from summit_app.core.model import PollKind
from summit_app.core.presenting import Presentation, present
from summit_app.core.tally import PollResult
from summit_app.export.model import Bar, Block, Chart, Column, Heading, Para, Run, Table, Tone
from summit_app.export.typeset import heading, one_line, plain, short_question

HAND_HEAD = "Counted by hand"
TABLE_HEAD = "Counted at tables"
NO_VOTES = "No votes were cast."
FROM_THEMES = (
    "Its options are the themes the room raised on the question above, as grouped on the day."
)


def poll_blocks(result: PollResult, level: int) -> list[Block]:
    """The question as a heading of `level`, the sentence, and the figure."""
    shown = present(result)
    blocks: list[Block] = question_blocks(shown, level, f"poll-{shown.poll_id}")
    if any(o.theme_id is not None for o in result.poll.options):
        blocks.append(Para((Run(FROM_THEMES),), Tone.CAPTION))
    if not shown.voters:  # not "shares of all 0 votes, cast by 0 people"
        return [*blocks, Para((Run(NO_VOTES),), Tone.CAPTION)]
    blocks.append(Para((Run(plain(shown.sentence)),), Tone.CAPTION))
    if shown.kind is PollKind.RANK or len(shown.rows) < 2:
        blocks.append(full_table(shown))
    else:
        blocks.append(chart(shown))
    if shown.rounding:
        blocks.append(Para((Run(shown.rounding),), Tone.CAPTION))
    return blocks


def question_blocks(shown: Presentation, level: int, anchor: str) -> list[Block]:
    """The poll's short title as its heading, and the question in full under it when the
    phones were told more (`Pick up to 3.`)."""
    short = short_question(shown.question)
    blocks: list[Block] = [Heading(heading(short), level, anchor)]
    if short != one_line(shown.question):
        blocks.append(Para((Run("The question: ", bold=True), Run(plain(shown.question)))))
    return blocks


def chart(shown: Presentation) -> Chart:
    rows = shown.rows
    if shown.kind is PollKind.SCALE:
        bars = tuple(
            Bar(one_line(r.label), tuple(v.share / 100 for v in r.levels), r.caption) for r in rows
        )
        alt = (
            f"Stacked bars: for each of {len(rows)} statements, the share of answers from"
            f" “{shown.scale[0]}” to “{shown.scale[-1]}”. "
            + " ".join(f"{one_line(r.label)}: {r.figure}; mean {r.mean or 'none'}." for r in rows)
        )
        return Chart("Answers by statement", alt, bars, full_table(shown), shown.scale)
    bars = tuple(Bar(one_line(r.label), (r.bar,), r.caption) for r in rows)
    unit = "points" if shown.kind is PollKind.POINTS else "votes"
    alt = (
        f"Bar chart of the share of {unit} for {len(rows)} options, largest first: "
        + "; ".join(f"{one_line(r.label)}, {r.figure}" for r in rows)
        + "."
    )
    return Chart(f"Share of {unit}, by option", alt, bars, full_table(shown))


def full_table(shown: Presentation) -> Table:
    """Every figure of the poll, one row an option, best first."""
    rows = shown.rows
    kind = shown.kind
    if kind is PollKind.RANK:
        columns = [
            Column("Place", numeric=True),
            Column("Option"),
            Column("Points", numeric=True),
            Column("First places", numeric=True),
            Column("Mean place", numeric=True),
        ]
        cells = [
            [str(r.place), one_line(r.label), f"{r.borda:,}", f"{r.count:,}", r.mean] for r in rows
        ]
    elif kind is PollKind.SCALE:
        names = [v.short for v in rows[0].levels] if rows else []
        columns = [
            Column("Statement"),
            *(Column(n, numeric=True) for n in names),
            Column("Answers", numeric=True),
            Column("Mean", numeric=True),
        ]
        cells = [
            [
                one_line(r.label),
                *(f"{v.count:,} ({v.share}%)" if v.count else "0" for v in r.levels),
                f"{r.count:,}",
                r.mean or "–",
            ]
            for r in rows
        ]
    else:
        unit = "Points" if kind is PollKind.POINTS else "Votes"
        columns = [Column("Option"), Column(unit, numeric=True), Column("Share", numeric=True)]
        cells = [[one_line(r.label), f"{r.count:,}", r.figure] for r in rows]
    if shown.hand_marked:
        columns.append(Column(HAND_HEAD, numeric=True))
        for row, r in zip(cells, rows, strict=True):
            row.append(f"{r.hand_count:,}" if r.hand_marked else "")
    if shown.table_voters:  # the tables' counts, never passed off as phones' ballots
        columns.append(Column(TABLE_HEAD, numeric=True))
        for row, r in zip(cells, rows, strict=True):
            row.append(f"{r.table_count:,}")
    caption = f"The figures in full: {shown.voters_text}."
    return Table(
        tuple(columns),
        tuple(tuple(row) for row in cells),
        caption=caption,
        row_headers=kind is not PollKind.RANK,
    )


def appendix_blocks(result: PollResult) -> list[Block]:
    """The poll in the data appendix: its question, the sentence and every figure."""
    shown = present(result)
    blocks = question_blocks(shown, 2, f"data-poll-{shown.poll_id}")
    if not shown.voters:
        return [*blocks, Para((Run(NO_VOTES),), Tone.CAPTION)]
    return [*blocks, Para((Run(plain(shown.sentence)),), Tone.CAPTION), full_table(shown)]


def rooms_table(whole: PollResult, by_room: tuple[tuple[str, PollResult], ...]) -> list[Block]:
    """A poll several breakout rooms ran: each room's figures beside the whole summit's
    (tallied once over every room's ballots), one row an option, best first overall."""
    total = present(whole)
    rooms = [(name, present(result)) for name, result in by_room]
    columns = [
        Column("Option"),
        *(Column(one_line(name), numeric=True) for name, _ in rooms),
        Column("Whole summit", numeric=True),
    ]
    cells = []
    for row in total.rows:
        mine = []
        for _name, shown in rooms:
            match = next((r for r in shown.rows if r.label == row.label), None)
            mine.append(match.figure if match is not None and shown.voters else "–")
        cells.append((one_line(row.label), *mine, row.figure))
    voted = ("Voted", *(f"{shown.voters:,}" for _n, shown in rooms), f"{total.voters:,}")
    caption = (
        "By room: each room's figures (its phones' ballots and any counts it took by hand or"
        " at tables), and the whole summit's, where every room's are counted together once"
        " (not an average of the rooms)."
    )
    return [Table(tuple(columns), (*cells, voted), caption=caption, row_headers=True)]

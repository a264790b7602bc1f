"""Poll results: the kind in words, a bar chart, and a table with the presenter's figures.

Every figure and word comes from `core.presenting`, as on the projector and the phones;
this module only lays them out.
"""

from __future__ import annotations

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from summit_app.core.model import PollKind
from summit_app.core.presenting import Presentation, present
from summit_app.export.charts import bar_chart, scale_chart
from summit_app.export.data import PollBlock
from summit_app.export.flow import grid
from summit_app.export.styles import FRAME_WIDTH
from summit_app.export.text import para

HAND_HEAD = "Counted by hand"


def poll_story(block: PollBlock, s: StyleSheet1) -> list[Flowable]:
    shown = present(block.result)
    head: list[Flowable] = [
        para(shown.question, s["H3"]),
        Paragraph(shown.sentence, s["Caption"]),
    ]
    if not shown.voters:
        return [CondPageBreak(60), KeepTogether(head), Spacer(1, 8)]  # nothing to chart
    if shown.kind is PollKind.RANK:
        body = ranking(shown, s)
    elif shown.kind is PollKind.SCALE:
        body = scale(shown, s)
    else:
        body = choices(shown, s)
    # Question, chart and table stay on one page when they fit; a long table still splits.
    return [CondPageBreak(120), KeepTogether(head + body), Spacer(1, 8)]


def _table(
    shown: Presentation,
    head: list[tuple[str, bool]],
    cells: list[list[object]],
    widths: list[float],
    s: StyleSheet1,
) -> Flowable:
    """A results table: `head` as (title, right-aligned); the first column of `widths` (0)
    takes the room left. A 'Counted by hand' column is added when the presenter marks any."""
    if shown.hand_marked:
        head = [*head, (HAND_HEAD, True)]
        cells = [
            [*row, str(r.hand_count) if r.hand_marked else ""]
            for row, r in zip(cells, shown.rows, strict=True)
        ]
        widths = [*widths, 24 * mm]
    rows: list[list[object]] = [
        [Paragraph(t, s["CellHeadRight"] if right else s["CellHead"]) for t, right in head]
    ]
    rows += cells
    free = widths.index(0)
    widths[free] = FRAME_WIDTH - sum(widths)
    return grid(rows, widths, right=[i for i, (_, right) in enumerate(head) if right])


def choices(shown: Presentation, s: StyleSheet1) -> list[Flowable]:
    rows = shown.rows
    chart = bar_chart(
        [r.label for r in rows], [r.bar for r in rows], [r.figure for r in rows], FRAME_WIDTH
    )
    unit = "Points" if shown.kind is PollKind.POINTS else "Votes"
    head = [("Option", False), (unit, True), ("Share", True)]
    cells: list[list[object]] = [[para(r.label, s["Cell"]), str(r.count), r.figure] for r in rows]
    table = _table(shown, head, cells, [0, 18 * mm, 16 * mm], s)
    return [chart, Spacer(1, 6), table]


def ranking(shown: Presentation, s: StyleSheet1) -> list[Flowable]:
    rows = shown.rows
    chart = bar_chart(
        [r.label for r in rows], [r.bar for r in rows], [r.figure for r in rows], FRAME_WIDTH
    )
    head = [
        ("Place", True),
        ("Option", False),
        ("Borda score", True),
        ("First places", True),
        ("Mean place", True),
    ]
    cells: list[list[object]] = [
        [str(r.place), para(r.label, s["Cell"]), str(r.borda), str(r.count), r.mean] for r in rows
    ]
    table = _table(shown, head, cells, [14 * mm, 0, 20 * mm, 20 * mm, 18 * mm], s)
    return [chart, Spacer(1, 6), table]


def scale(shown: Presentation, s: StyleSheet1) -> list[Flowable]:
    rows = shown.rows
    chart = scale_chart(
        [r.label for r in rows],
        [[v.share for v in r.levels] for r in rows],
        shown.scale,
        FRAME_WIDTH,
    )
    names = [v.short for v in rows[0].levels] if rows else []
    head = [("Statement", False), *((n, True) for n in names), ("Total", True), ("Mean", True)]
    cells: list[list[object]] = [
        [
            para(r.label, s["Cell"]),
            *(f"{v.count} ({v.share}%)" if v.count else "0" for v in r.levels),
            str(r.count),
            r.mean or "–",
        ]
        for r in rows
    ]
    level = 17 * mm if shown.hand_marked else 19 * mm
    table = _table(shown, head, cells, [0, *[level] * len(names), 15 * mm, 13 * mm], s)
    return [chart, Spacer(1, 6), table]

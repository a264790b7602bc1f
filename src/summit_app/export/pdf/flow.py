"""Flowables of the PDF: headings that link and bookmark, contents lines with dot leaders,
pull quotes, theme swatches and results-style tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, FrameBreak, Paragraph, Table, TableStyle

from summit_app.export.pdf.fonts import BOLD, REGULAR
from summit_app.export.pdf.styles import (
    ACCENT,
    FRAME_HEIGHT,
    INK,
    MUTED,
    QUOTE_BAR,
    QUOTE_BG,
    RULE,
    ZEBRA,
)


class HeadingPara(Paragraph):
    """A heading that marks its own place: links and the outline go to the heading itself
    (its top edge), not to the top of its page. `outline_level` None: not in the outline."""

    def __init__(self, text: str, style, anchor: str, title: str, outline_level: int | None):
        super().__init__(text, style)
        self.anchor = anchor
        self.title = title
        self.outline_level = outline_level

    def draw(self) -> None:
        if self.anchor:
            self.canv.bookmarkHorizontal(self.anchor, 0, self.height + self.style.spaceBefore / 2)
        super().draw()


def page_form(anchor: str) -> str:
    return f"page_{anchor}"


PAGE_NUMBER_WIDTH = 28
CELL_PADDING = 5


class ContentsLine(Flowable):
    """One line of the contents: the title (wrapped if need be), a dotted leader from its
    last line to the page number, and the number aligned right on the same baseline.

    The page number is a form filled in once the pack is laid out, so the contents can
    show numbers without building the whole pack twice; the whole line links to the heading.
    """

    def __init__(self, anchor: str, title_markup: str, style, indent: float = 0) -> None:
        super().__init__()
        self.anchor = anchor
        self.indent = indent
        self.para = Paragraph(title_markup, style)
        self.style = style
        self.pad = 3.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        text_width = available_width - self.indent - PAGE_NUMBER_WIDTH - 24
        _, height = self.para.wrap(text_width, available_height)
        self.text_width = text_width
        self.height = height + 2 * self.pad
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.para.drawOn(canvas, self.indent, self.pad)
        lines = self.para.blPara.lines
        last = lines[-1]
        extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]
        end = self.indent + self.text_width - extra
        baseline = (
            self.pad
            + self.para.height
            - self.style.fontSize
            - (len(lines) - 1) * (self.style.leading)
        )
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.9)
        canvas.setLineCap(1)
        canvas.setDash([0, 3.6])
        start, stop = end + 6, self.width - PAGE_NUMBER_WIDTH - 4
        if stop > start:
            canvas.line(start, baseline + 1, stop, baseline + 1)
        canvas.restoreState()
        canvas.saveState()
        canvas.translate(self.width - PAGE_NUMBER_WIDTH, baseline)
        canvas.doForm(page_form(self.anchor))
        canvas.restoreState()
        canvas.linkRect("", self.anchor, (0, 0, self.width, self.height), relative=1, thickness=0)


def define_page_form(canvas, anchor: str, page: int | None, font_size: float) -> None:
    """The page number of `anchor`, right-aligned at x = PAGE_NUMBER_WIDTH, baseline 0."""
    canvas.beginForm(page_form(anchor), 0, -4, PAGE_NUMBER_WIDTH, 14)
    if page is not None:
        canvas.setFont(REGULAR, font_size)
        canvas.setFillColor(INK)
        canvas.drawRightString(PAGE_NUMBER_WIDTH, 0, str(page))
    canvas.endForm()


class GridTable(Table):
    """A table that splits cleanly across pages: at least three rows on each page it takes
    (a table of fewer than six rows moves whole), never a group's heading row alone at the
    foot of a page, and the rest always on the next page under a line naming what it
    continues (made by `continued`) and the repeated header row.

    reportlab lays a split table's remainder out in whatever room the first part left; when
    the split was moved earlier (to keep rows together) that put a second header row
    mid-page, under three rows of the same table.
    """

    MIN_ROWS = 3  # on any page, unless the whole table has fewer
    continued: Callable[[], Flowable] | None = None  # makes the line over each rest
    group_rows: frozenset[int] = frozenset()  # rows (of the table, header 0) heading a group

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802,N803
        split_at = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        rows = len(self._rowHeights)
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        if not split_at or max(self._rowHeights) > 200:
            return split_at  # nothing fits, or giant rows: reportlab's own split
        if rows - header < 2 * self.MIN_ROWS:
            # Too few rows to split well: it moves whole, unless it cannot fit a page.
            return split_at if sum(self._rowHeights) > FRAME_HEIGHT else 0
        split_at = min(split_at, rows - self.MIN_ROWS)
        while split_at - 1 in self.group_rows:  # a group's heading goes with its rows
            split_at -= 1
        return split_at if split_at - header >= self.MIN_ROWS else 0

    def split(self, availWidth, availHeight):  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) < 2:
            return parts
        first, *rest = parts
        for part in rest:
            if isinstance(part, GridTable):
                part.continued, part.group_rows = self.continued, self._rest_groups(first)
        label = [self.continued()] if self.continued else []
        return [first, FrameBreak(), *label, *rest]

    def _rest_groups(self, first: Table) -> frozenset[int]:
        """The group rows of the remainder: its header, then the rows after `first`'s."""
        moved = len(first._rowHeights) - 1  # noqa: SLF001 - rows (less the header) gone before
        return frozenset(g - moved for g in self.group_rows if g - moved >= 1)


def grid(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    right: Sequence[int] = (),
    group_rows: Sequence[int] = (),
    split_in_row: bool = False,
    continued: Callable[[], Flowable] | None = None,
) -> Table:
    """A results-style table: coloured header row repeated on each page, zebra rows;
    `continued` heads its rest on each following page."""
    # split_in_row lets a row taller than a page (a very long summary) split instead of
    # failing; it is off by default because it also splits rows that would fit on the next page.
    table = GridTable(
        list(rows), colWidths=list(widths), repeatRows=1, splitInRow=int(split_in_row)
    )
    table.group_rows = frozenset(group_rows)
    table.continued = continued
    commands: list[tuple] = [
        # Plain-string cells (numbers) are set in the pack's font; they are much cheaper
        # than a Paragraph each, which counts in a day with thousands of table cells.
        ("FONT", (0, 0), (-1, -1), REGULAR, 9, 12),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        # The header's string cells (most of them) in white bold on the accent.
        ("FONT", (0, 0), (-1, 0), BOLD, 9, 12),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ]
    if not group_rows:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    stripe = 0
    for row in range(1, len(rows)) if group_rows else ():
        if row in group_rows:
            commands += [
                ("SPAN", (0, row), (-1, row)),
                ("TOPPADDING", (0, row), (-1, row), 7),
                ("FONT", (0, row), (-1, row), BOLD, 9, 12),
            ]
            stripe = 0
            continue
        if stripe % 2 == 1:
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
        stripe += 1
    for col in right:
        commands.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def pull_quote(paragraph: Paragraph, width: float) -> Table:
    """A quote set apart: tinted box with a coloured bar on its left."""
    table = Table([[paragraph]], colWidths=[width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), QUOTE_BG),
                ("LINEBEFORE", (0, 0), (0, -1), 3, QUOTE_BAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    table.spaceBefore = 4
    table.spaceAfter = 8
    return table


def swatch_table(colour: str, paragraph: Paragraph, width: float) -> Table:
    """A theme heading with a small block of the theme's board colour before it."""
    try:
        fill = colors.HexColor(colour)
    except (ValueError, TypeError):
        fill = ZEBRA
    table = Table([["", paragraph]], colWidths=[7, width - 7], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), fill),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    table.spaceBefore = paragraph.style.spaceBefore
    table.spaceAfter = paragraph.style.spaceAfter
    return table

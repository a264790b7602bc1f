"""Bar charts as rows of text and bars: each label wrapped in full, its bar, its figure.

A chart is a table with no grid: the option's whole text on the left (never cut off),
its bar in the middle, the presenter's figure on the right. The text is real text in
reading order, label then figure, top to bottom, so a reader's copy, search or screen
reader gets "Confirm arrangements for protected time… 15% · 15 votes" rather than a column
of percentages followed by the labels bottom to top. A long chart splits between bars; a
chart of a vote's usual size never does (a key vote's nine bars came out 7 + 2 across pages).
"""

from __future__ import annotations

from reportlab.lib.styles import StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from summit_app.export.model import Chart
from summit_app.export.pdf.fonts import REGULAR
from summit_app.export.pdf.styles import (
    BAR,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    INK,
    MUTED,
    RULE,
    SCALE_COLOURS,
    TRACK,
)
from summit_app.export.pdf.text import cell_lines, plain

BAR_HEIGHT = 8
LABEL_SHARE, FIGURE_SHARE = 0.46, 0.24
STACKED_LABEL_SHARE, STACKED_FIGURE_SHARE = 0.36, 0.3
WHOLE_BARS = 12  # a chart of this many bars or fewer moves to the next page whole...
WHOLE_SHARE = 0.6  # ...unless it is taller than this share of a page


class ChartTable(Table):
    """A chart's table, kept whole on one page when it is of a usual size."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        _, height = self.wrap(available_width, FRAME_HEIGHT)
        if len(self._cellvalues) <= WHOLE_BARS + 1 and height <= WHOLE_SHARE * FRAME_HEIGHT:
            return []  # the frame then moves it to the next page
        return super().split(available_width, available_height)


class BarFlowable(Flowable):
    """One bar on its track: `parts` are lengths 0..1 of the track, stacked left to right."""

    def __init__(self, parts: tuple[float, ...], width: float) -> None:
        super().__init__()
        self.parts = parts
        self.width = width
        self.height = BAR_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(TRACK)
        canvas.setFillColor(TRACK)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        x = 0.0
        stacked = len(self.parts) > 1
        for level, part in enumerate(self.parts):
            length = max(0.0, min(1.0, part)) * self.width
            if length <= 0:
                continue
            canvas.setFillColor(SCALE_COLOURS[level % len(SCALE_COLOURS)] if stacked else BAR)
            canvas.rect(x, 0, length, self.height, stroke=0, fill=1)
            x += length


class Legend(Flowable):
    """The stacked parts' names, each after a square of its colour, wrapped to the width."""

    SIZE = 8

    def __init__(self, names: tuple[str, ...], width: float) -> None:
        super().__init__()
        self.names = names
        self.width = width
        self.places: list[tuple[float, float, int, str]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        x, line = 0.0, 0
        self.places = []
        for level, name in enumerate(self.names):
            step = 12 + stringWidth(name, REGULAR, self.SIZE) + 12
            if x and x + step > self.width:
                x, line = 0.0, line + 1
            self.places.append((x, line, level, name))
            x += step
        self.height = (line + 1) * 13
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        lines = max((p[1] for p in self.places), default=0)
        for x, line, level, name in self.places:
            y = (lines - line) * 13 + 2
            canvas.setFillColor(SCALE_COLOURS[level % len(SCALE_COLOURS)])
            canvas.rect(x, y, 8, 8, stroke=0, fill=1)
            canvas.setFillColor(MUTED)
            canvas.setFont(REGULAR, self.SIZE)
            canvas.drawString(x + 12, y + 1, name)


def chart_flowable(chart: Chart, s: StyleSheet1) -> Table:
    stacked = bool(chart.legend)
    label_share = STACKED_LABEL_SHARE if stacked else LABEL_SHARE
    figure_share = STACKED_FIGURE_SHARE if stacked else FIGURE_SHARE
    widths = [FRAME_WIDTH * label_share, 0.0, FRAME_WIDTH * figure_share]
    widths[1] = FRAME_WIDTH - widths[0] - widths[2]
    bar_width = widths[1] - 12
    rows: list[list[object]] = []
    if stacked:
        rows.append(["", Legend(chart.legend, FRAME_WIDTH - widths[0]), ""])
    for bar in chart.bars:
        label = cell_lines(bar.label, REGULAR, 9, widths[0] - 8)
        figure = cell_lines(bar.figure, REGULAR, 9, widths[2] - 8)
        rows.append(
            [
                plain(bar.label, s["ChartLabel"]) if label is None else label,
                BarFlowable(bar.parts, bar_width),
                plain(bar.figure, s["ChartFigure"]) if figure is None else figure,
            ]
        )
    table = ChartTable(rows, colWidths=widths, repeatRows=1 if stacked else 0)
    commands: list[tuple] = [
        # String cells (most labels and figures) in the labels' font: 9 on 11.5 pt.
        ("FONT", (0, 0), (-1, -1), REGULAR, 9, 11.5),
        ("TEXTCOLOR", (0, 0), (0, -1), INK),
        ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        # The bar sits level with the label's first line (leading 11.5 pt, bar 8 pt).
        ("TOPPADDING", (1, 0), (1, -1), 3 + (11.5 - BAR_HEIGHT) / 2 - 0.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
        ("LEFTPADDING", (1, 0), (1, -1), 6),
        ("LEFTPADDING", (2, 0), (2, -1), 0),
    ]
    if stacked:
        commands += [("SPAN", (1, 0), (2, 0)), ("LINEAFTER", (0, 0), (0, 0), 0, RULE)]
    table.setStyle(TableStyle(commands))
    table.spaceBefore = 4
    table.spaceAfter = 6
    return table

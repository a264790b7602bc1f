"""Horizontal bar charts on reportlab.graphics: one bar per option, best at the top.

Chart labels are cut to one line to keep the bars legible; the table under each chart
carries the full option text.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from summit_app.export.fonts import REGULAR
from summit_app.export.styles import BAR, INK, MUTED, RULE, SCALE_COLOURS
from summit_app.export.text import shorten

ROW = 17  # points per bar
MAX_HEIGHT = 430  # a chart never outgrows about two thirds of a page: many options get thinner bars
LABEL_SIZE = 8
LABEL_SHARE = 0.42  # of the width, for the option labels


def row_height(bars: int) -> float:
    return min(ROW, MAX_HEIGHT / max(bars, 1))


def fit(text: str, width: float, size: float = LABEL_SIZE) -> str:
    """`text` on one line, cut with an ellipsis to fit `width` points."""
    line = shorten(text, 200)
    while line and stringWidth(line, REGULAR, size) > width:
        line = shorten(line, len(line) - 3 if len(line) > 8 else len(line) - 1)
    return line


def bar_chart(
    labels: Sequence[str], values: Sequence[float], value_texts: Sequence[str], width: float
) -> Drawing:
    """Bars for `values` (best first, drawn top down), each labelled with its text.

    `values` are the presenter's bar lengths, 0 to 1 of the best option's bar.
    """
    n = max(len(values), 1)
    label_width = width * LABEL_SHARE
    row = row_height(n)
    height = n * row + 12
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width + 6
    chart.y = 4
    chart.width = width - label_width - 46  # leave room for the value labels
    chart.height = n * row
    # The chart draws its first category at the bottom; reverse so the best is on top.
    chart.data = [list(reversed(values)) or [0]]
    _label_categories(chart, labels, label_width)
    chart.valueAxis.valueMax = 1
    chart.bars[0].fillColor = BAR
    chart.bars.strokeColor = None
    chart.barWidth = row * 0.62
    chart.groupSpacing = row * 0.38
    chart.barLabelFormat = "values"  # take the texts from barLabelArray
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.fillColor = MUTED
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    chart.barLabelArray = [list(reversed(value_texts)) or [""]]
    drawing.add(chart)
    return drawing


def _label_categories(chart: HorizontalBarChart, labels: Sequence[str], width: float) -> None:
    """Option texts to the left of the bars, best on top; no value axis."""
    chart.categoryAxis.categoryNames = [fit(t, width) for t in reversed(labels)] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0


def scale_chart(
    labels: Sequence[str],
    shares: Sequence[Sequence[float]],
    level_names: Sequence[str],
    width: float,
) -> Drawing:
    """One stacked bar per statement: the share of answers at each level, with a legend.

    `shares[i][level]` is the percent of statement i's answers at that level.
    """
    n = max(len(labels), 1)
    label_width = width * LABEL_SHARE
    legend_height = 16
    row = row_height(n)
    height = n * row + 12 + legend_height
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width + 6
    chart.y = legend_height + 4
    chart.width = width - label_width - 12
    chart.height = n * row
    levels = len(level_names)
    chart.data = [[row[level] for row in reversed(shares)] or [0] for level in range(levels)]
    chart.categoryAxis.style = "stacked"
    _label_categories(chart, labels, label_width)
    chart.valueAxis.valueMax = 100
    chart.barWidth = row * 0.62
    chart.groupSpacing = row * 0.38
    chart.bars.strokeColor = None
    for level in range(levels):
        chart.bars[level].fillColor = SCALE_COLOURS[level % len(SCALE_COLOURS)]
    drawing.add(chart)

    # A one-line key under the bars, laid out by hand so long level names never overflow.
    size = 7
    x = width - sum(20 + stringWidth(name, REGULAR, size) for name in level_names) + 4
    for level, name in enumerate(level_names):
        drawing.add(
            Rect(x, 3, 7, 7, fillColor=SCALE_COLOURS[level % len(SCALE_COLOURS)], strokeColor=None)
        )
        drawing.add(String(x + 10, 4, name, fontName=REGULAR, fontSize=size, fillColor=MUTED))
        x += 10 + stringWidth(name, REGULAR, size) + 10
    return drawing

"""A chart as inline SVG: each label wrapped in full beside its bar and figure.

The SVG is an image to assistive technology (`role="img"`, its `<title>` and `<desc>` the
chart's title and text alternative); the same figures are in the table beside it.
"""

from __future__ import annotations

import textwrap

from summit_app.export.model import Chart
from summit_app.export.typeset import html_escape as escape

# Narrow enough that a phone (390 px) shows the labels near their full size.
WIDTH = 440
LABEL_WIDTH, FIGURE_WIDTH = 190, 104
FONT = 13
LINE = 16
CHARS_PER_LINE = 26  # of the label column at 13 px: wrapped by characters, not measured
BAR_HEIGHT = 12
SCALE_COLOURS = ("#c2410c", "#f59e0b", "#cbd5e1", "#60a5fa", "#1d4ed8")
BAR, TRACK, INK, MUTED = "#2a7f9e", "#e6eaf0", "#1f2933", "#4f5966"


def chart_svg(chart: Chart, ident: str) -> str:
    stacked = bool(chart.legend)
    bar_x = LABEL_WIDTH + 10
    bar_width = WIDTH - bar_x - FIGURE_WIDTH - 10
    out: list[str] = []
    y = 4
    if stacked:
        x = bar_x
        for level, name in enumerate(chart.legend):
            colour = SCALE_COLOURS[level % len(SCALE_COLOURS)]
            step = 18 + len(name) * 7
            if x + step > WIDTH:
                x, y = bar_x, y + LINE
            out.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour}"/>')
            out.append(_text(x + 14, y + 10, name, MUTED, size=11))
            x += step
        y += LINE + 8
    for bar in chart.bars:
        lines = textwrap.wrap(bar.label, CHARS_PER_LINE, break_long_words=True) or [""]
        figure = textwrap.wrap(bar.figure, 15) or [""]
        height = max(len(lines), len(figure)) * LINE + 8
        for i, line in enumerate(lines):
            out.append(_text(0, y + FONT + i * LINE, line, INK))
        top = y + (LINE - BAR_HEIGHT) / 2 + 1
        out.append(
            f'<rect x="{bar_x}" y="{top:.1f}" width="{bar_width}" height="{BAR_HEIGHT}"'
            f' fill="{TRACK}"/>'
        )
        x = float(bar_x)
        for level, part in enumerate(bar.parts):
            length = max(0.0, min(1.0, part)) * bar_width
            if length > 0:
                colour = SCALE_COLOURS[level % len(SCALE_COLOURS)] if stacked else BAR
                out.append(
                    f'<rect x="{x:.1f}" y="{top:.1f}" width="{length:.1f}"'
                    f' height="{BAR_HEIGHT}" fill="{colour}"/>'
                )
                x += length
        for i, line in enumerate(figure):
            out.append(_text(bar_x + bar_width + 8, y + FONT + i * LINE, line, MUTED))
        y += height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y}" width="{WIDTH}"'
        f' height="{y}" role="img" aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.alt)}</desc>' + "".join(out) + "</svg>"
    )


def _text(x: float, y: float, text: str, colour: str, size: int = FONT) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}">{escape(text)}</text>'

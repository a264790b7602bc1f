"""A word cloud as inline SVG, laid out by `core.cloud_layout` like the projector's and the
PDF's. Text widths are estimated (no font is at hand here), generously, so words never
overlap; the SVG is an image to assistive technology, and the table beside it has the words.
"""

from __future__ import annotations

import unicodedata
import zlib

from summit_app.core.cloud_layout import layout
from summit_app.export.model import Cloud
from summit_app.export.typeset import html_escape as escape

WIDTH, HEIGHT = 560, 240
MIN_SIZE, MAX_SIZE = 16.0, 44.0
COLOURS = ("#92400e", "#1d4ed8", "#15803d", "#be185d", "#6d28d9", "#0e7490")


def _measure(text: str, size: float) -> tuple[float, float]:
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    return (len(text) - wide) * size * 0.66 + wide * size * 1.05 + 2, size * 1.2


def cloud_svg(cloud: Cloud, ident: str) -> str:
    placed = layout(list(cloud.words), WIDTH, HEIGHT, _measure, MIN_SIZE, MAX_SIZE, gap=2.0)
    out = []
    for word in placed.placed:
        colour = COLOURS[zlib.crc32(word.text.encode()) % len(COLOURS)]
        out.append(
            f'<text x="{word.x + word.width / 2:.1f}" y="{word.y + word.size:.1f}"'
            f' font-size="{word.size:.1f}" font-weight="700" fill="{colour}"'
            f' text-anchor="middle">{escape(word.text)}</text>'
        )
    if placed.left_out:
        more = "word" if placed.left_out == 1 else "words"
        out.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT - 4}" font-size="11" fill="#4f5966"'
            f' text-anchor="middle">and {placed.left_out} more {more}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img"'
        f' aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(cloud.title)}</title>'
        f'<desc id="{ident}-desc">{escape(cloud.alt)}</desc>' + "".join(out) + "</svg>"
    )

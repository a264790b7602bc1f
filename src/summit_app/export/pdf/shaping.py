"""Shaping a word set in more than one font.

reportlab (5.1) shapes each word of a paragraph with harfbuzz using the font of the word's
first fragment, even when the word changes font part-way (an emoji from the fallback font
glued to a letter, a Devanagari word with a Latin full stop, a bold half): the glyph ids
of one font are then looked up in another, and reportlab fails on a glyph it cannot map.
`shape_by_font` shapes each run of one font on its own and joins the results, which is
what harfbuzz expects (one font per buffer), without discretionary ligatures.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph

_shape = ttfonts.shapeFragWord
# reportlab asks for discretionary ligatures too, which set "st" in DejaVu Sans Bold as a
# ligature no one typed; kerning and standard ligatures are what print expects.
FEATURES = {"kern": True, "liga": True}


def shape_by_font(word, features=None, *args, **kwargs):
    features = FEATURES if features is None else features
    runs: list[list] = []
    font = None
    for frag, text in word[1:]:
        name = getattr(frag, "fontName", None) if not hasattr(frag, "cbDefn") else font
        if name != font or not runs:
            runs.append([])
            font = name
        runs[-1].append((frag, text))
    if len(runs) <= 1:
        return _shape(word, features, *args, **kwargs)
    parts = []
    for run in runs:
        width = sum(
            pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize)
            for frag, text in run
            if not hasattr(frag, "cbDefn")
        )
        parts.append(_shape(word.__class__([width, *run]), features, *args, **kwargs))
    if not any(isinstance(p, ttfonts.ShapedFragWord) for p in parts):
        return word
    joined = ttfonts.makeShapedFragWord(word)([sum(p[0] for p in parts)])
    for part in parts:
        joined.extend(part[1:])
    return joined


def install() -> None:
    paragraph.shapeFragWord = shape_by_font

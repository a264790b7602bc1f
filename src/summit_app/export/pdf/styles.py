"""The PDF's look: page, measure, colours and paragraph styles in one place.

Running text is set at 11 pt in a 140 mm measure, about 70 characters a line (DejaVu Sans
averages 5.6 pt a character at 11 pt on the seed's text); tables and charts take the full
160 mm between the margins.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm

from summit_app.export.pdf.fonts import BOLD, OBLIQUE, register_fonts

PAGE = A4
MARGIN = 25 * mm
TOP = 24 * mm  # room for the running header
BOTTOM = 22 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - TOP - BOTTOM
MEASURE = 140 * mm
TEXT_INDENT = FRAME_WIDTH - MEASURE  # the right indent that keeps running text to the measure

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
ACCENT_LIGHT = colors.HexColor("#e8f0fa")
BAR = colors.HexColor("#2a7f9e")
MUTED = colors.HexColor("#56606d")
RULE = colors.HexColor("#cfd6df")
ZEBRA = colors.HexColor("#f5f7fa")
TRACK = colors.HexColor("#eef1f5")
QUOTE_BG = colors.HexColor("#fff8e6")
QUOTE_BAR = colors.HexColor("#e0a526")
# Five levels of the agreement scale, from strongly disagree to strongly agree.
SCALE_COLOURS = tuple(
    colors.HexColor(c) for c in ("#c2410c", "#f59e0b", "#cbd5e1", "#60a5fa", "#1d4ed8")
)


def stylesheet() -> StyleSheet1:
    """All paragraph styles of the pack, on the bundled Unicode font."""
    font = register_fonts()
    sheet = StyleSheet1()

    def add(name: str, **kw: object) -> None:
        kw.setdefault("fontName", font)
        kw.setdefault("fontSize", 11)
        kw.setdefault("leading", kw["fontSize"] * 1.45)  # type: ignore[operator]
        kw.setdefault("textColor", INK)
        kw.setdefault("bulletFontName", font)
        kw.setdefault("rightIndent", TEXT_INDENT)
        sheet.add(ParagraphStyle(name, **kw))  # type: ignore[arg-type]

    add("Body", spaceAfter=7)
    # Lists: the text hangs at 16 pt, its bullet or number in the gutter before it.
    add("Item", leftIndent=16, bulletIndent=3, spaceAfter=4)
    add("Numbered", leftIndent=20, bulletIndent=0, spaceAfter=4)
    add("Note", fontSize=10.5, leftIndent=16, bulletIndent=3, spaceAfter=4)
    add("Quote", fontName=OBLIQUE, fontSize=11, leading=16, rightIndent=0)
    add("Byline", fontSize=10, textColor=MUTED, spaceAfter=6)
    add("Caption", fontSize=9, leading=13, textColor=MUTED, spaceBefore=1, spaceAfter=8)
    add("Small", fontSize=8.5, textColor=MUTED)
    # Above the rest of a table split across pages: what it continues.
    add("Continued", fontName=BOLD, fontSize=10, leading=14, textColor=ACCENT, spaceAfter=4)
    add("HeaderTitle", fontName=BOLD, fontSize=8, leading=10, textColor=ACCENT, rightIndent=0)
    add("CoverTitle", fontName=BOLD, fontSize=28, leading=34, textColor=ACCENT, spaceAfter=14)
    add("CoverLine", fontSize=13, leading=19)
    add("H1", fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT, spaceBefore=26,
        spaceAfter=12)  # fmt: skip
    add("H2", fontName=BOLD, fontSize=14, leading=19, textColor=ACCENT, spaceBefore=16,
        spaceAfter=6)  # fmt: skip
    add("H3", fontName=BOLD, fontSize=12, leading=16, spaceBefore=12, spaceAfter=4,
        rightIndent=0)  # fmt: skip
    add("H4", fontName=BOLD, fontSize=11, leading=15, spaceBefore=10, spaceAfter=3,
        rightIndent=0)  # fmt: skip
    for name, size in (("Cell", 9), ("CellBold", 9)):
        add(name, fontSize=size, leading=12, rightIndent=0, spaceAfter=3,
            fontName=BOLD if name == "CellBold" else font)  # fmt: skip
    add("CellRight", fontSize=9, leading=12, alignment=TA_RIGHT, rightIndent=0)
    add("CellHead", fontName=BOLD, fontSize=9, leading=12, textColor=colors.white,
        rightIndent=0)  # fmt: skip
    add("CellHeadRight", fontName=BOLD, fontSize=9, leading=12, textColor=colors.white,
        alignment=TA_RIGHT, rightIndent=0)  # fmt: skip
    add("ChartLabel", fontSize=9, leading=11.5, rightIndent=0)
    add("ChartFigure", fontSize=9, leading=11.5, textColor=MUTED, rightIndent=0)
    add("Toc", fontSize=11, leading=15, rightIndent=0, alignment=TA_LEFT)
    add("TocSub", fontSize=10, leading=14, leftIndent=14, textColor=MUTED, rightIndent=0)
    return sheet

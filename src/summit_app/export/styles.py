"""The pack's look: page size, colours and paragraph styles in one place."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm

from summit_app.export.fonts import BOLD, OBLIQUE, register_fonts

PAGE = A4
MARGIN = 20 * mm
TOP = 24 * mm  # room for the running header
FRAME_WIDTH = PAGE[0] - 2 * MARGIN

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
ACCENT_LIGHT = colors.HexColor("#e8f0fa")
BAR = colors.HexColor("#2a7f9e")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#cfd6df")
ZEBRA = colors.HexColor("#f5f7fa")
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
        kw.setdefault("fontSize", 10)
        kw.setdefault("leading", kw["fontSize"] * 1.4)  # type: ignore[operator]
        kw.setdefault("textColor", INK)
        kw.setdefault("bulletFontName", font)
        sheet.add(ParagraphStyle(name, **kw))  # type: ignore[arg-type]

    add("Body", spaceAfter=6)
    add("Small", fontSize=8.5, textColor=MUTED)
    add("CoverTitle", fontName=BOLD, fontSize=28, leading=34, textColor=ACCENT, spaceAfter=14)
    add("CoverLine", fontSize=13, leading=19, textColor=INK)
    add("H1", fontName=BOLD, fontSize=19, leading=24, textColor=ACCENT, spaceAfter=10)
    add(
        "H2",
        fontName=BOLD,
        fontSize=13.5,
        leading=18,
        textColor=ACCENT,
        spaceBefore=14,
        spaceAfter=6,
    )
    add("H3", fontName=BOLD, fontSize=11, leading=15, spaceBefore=10, spaceAfter=3)
    add(
        "Prompt",
        fontName=OBLIQUE,
        fontSize=11,
        leading=15.5,
        textColor=ACCENT,
        spaceBefore=10,
        spaceAfter=8,
        # The tinted box (text plus padding) sits exactly between the margins.
        leftIndent=8,
        rightIndent=6,
        borderPadding=(6, 6, 6, 8),
        backColor=ACCENT_LIGHT,
    )
    add("ThemeSummary", spaceAfter=4)
    add("Note", leftIndent=12, bulletIndent=2, spaceAfter=3)
    add("Quote", fontName=OBLIQUE, fontSize=11, leading=15.5, leftIndent=4, rightIndent=4)
    add("Role", fontSize=9.5, textColor=MUTED, spaceAfter=4)
    add("Caption", fontSize=8.5, leading=12, textColor=MUTED, spaceBefore=2, spaceAfter=8)
    add("Cell", fontSize=8.5, leading=11)
    add("CellRight", fontSize=8.5, leading=11, alignment=TA_RIGHT)
    add("CellHead", fontName=BOLD, fontSize=8.5, leading=11, textColor=colors.white)
    add(
        "CellHeadRight",
        fontName=BOLD,
        fontSize=8.5,
        leading=11,
        textColor=colors.white,
        alignment=TA_RIGHT,
    )
    add(
        "CellHeadSmall",
        fontName=BOLD,
        fontSize=7.5,
        leading=9.5,
        textColor=colors.white,
        alignment=TA_RIGHT,
    )
    add("Toc", fontSize=11, leading=16, alignment=TA_LEFT)
    add("TocSub", fontSize=9.5, leading=13, leftIndent=14, textColor=MUTED)
    return sheet

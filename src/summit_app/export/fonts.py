"""The bundled Unicode font, registered with reportlab once per process.

reportlab's built-in Helvetica has only Latin-1 glyphs: a Greek or Cyrillic name would print
as black boxes. DejaVu Sans (resources/fonts/, Bitstream Vera licence) covers Latin, Greek,
Cyrillic, Hebrew, Arabic and many symbols. reportlab does not shape Arabic or reorder
right-to-left text, so those letters print in stored (logical) order, unjoined.

DejaVu has no glyphs for most emoji, so Symbola (resources/fonts/, free for any use) is
registered beside it as a fallback: `summit_app.export.text.safe()` wraps the characters
DejaVu lacks but Symbola has in a `<font>` tag naming it. Symbola's glyphs are monochrome
outlines (no colour emoji), up to Unicode 9 plus a few later ones.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from summit_app.resources import FONTS

REGULAR = "SummitSans"
BOLD = "SummitSans-Bold"
OBLIQUE = "SummitSans-Oblique"
FALLBACK = "SummitSymbola"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    FALLBACK: "Symbola.ttf",
}


_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab (4.x, 5.1) writes such a character (most emoji: 😀 is U+1F600) as five hex digits,
    which PDF readers reject, so copying or searching the pack's text lost the emoji.
    """
    cmap = _reportlab_cmap(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{_pair(code)}>")
    return cmap


def _pair(code: int) -> str:
    high, low = divmod(code - 0x10000, 0x400)
    return f"{0xD800 + high:04X}{0xDC00 + low:04X}"


@cache
def register_fonts() -> str:
    """Register the pack's fonts (once) and return the regular font's name.

    The family mapping lets `<b>` and `<i>` in our own (never the user's) markup pick the
    bold and oblique faces.
    """
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD)
    # Symbola has one face: a fallback run inside <b> or <i> keeps it rather than failing.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK, bold, italic, FALLBACK)
    return REGULAR


@cache
def coverage() -> tuple[frozenset[int], frozenset[int]]:
    """The characters every DejaVu face has a glyph for, and those Symbola has.

    Every face, because user text lands in regular, bold (headings) and oblique (quotes):
    a character one face lacks goes to Symbola everywhere rather than print as a box there.
    """
    register_fonts()

    def cmap(name: str) -> frozenset[int]:
        return frozenset(pdfmetrics.getFont(name).face.charToGlyph)

    sans = cmap(REGULAR) & cmap(BOLD) & cmap(OBLIQUE)
    return sans, cmap(FALLBACK)

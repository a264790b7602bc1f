"""The bundled Unicode font, registered with reportlab once per process.

reportlab's built-in Helvetica has only Latin-1 glyphs: a Greek or Cyrillic name would print
as black boxes. DejaVu Sans (resources/fonts/, Bitstream Vera licence) covers Latin, Greek,
Cyrillic, Hebrew, Arabic and many symbols. reportlab does not shape Arabic or reorder
right-to-left text, so those letters print in stored (logical) order, unjoined.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from summit_app.resources import FONTS

REGULAR = "SummitSans"
BOLD = "SummitSans-Bold"
OBLIQUE = "SummitSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}


@cache
def register_fonts() -> str:
    """Register the pack's fonts (once) and return the regular font's name.

    The family mapping lets `<b>` and `<i>` in our own (never the user's) markup pick the
    bold and oblique faces.
    """
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR

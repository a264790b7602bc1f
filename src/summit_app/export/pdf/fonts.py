"""The pack's fonts, registered with reportlab once per process, and which one each
character is drawn in.

- DejaVu Sans (bundled; regular, bold, oblique): Latin, Greek, Cyrillic, Hebrew, Arabic and
  many symbols. Everything is set in it that it can draw, in all three faces.
- Noto Sans Devanagari (bundled, regular and bold, SIL OFL): Hindi, Marathi, Nepali...
- A CJK font found on this computer (WenQuanYi Micro Hei, Droid Sans Fallback, Microsoft
  YaHei, Arial Unicode...): Chinese, Japanese and Korean fonts are 5 to 20 MB, too big to
  ship. Only fonts with TrueType outlines qualify (reportlab cannot embed CFF ones, such as
  Noto Sans CJK). When none is found, those characters print as empty boxes and the pack's
  log says so.
- Symbola (bundled): monochrome emoji and symbols, up to Unicode 9.

reportlab shapes text through uharfbuzz (Arabic joining, Devanagari conjuncts, combining
marks) in a paragraph whose style has `shaping=1`; `pdf.text` asks for it only where the
text needs it, since shaping every note would slow a long day's pack.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from summit_app.resources import FONTS

REGULAR = "SummitSans"
BOLD = "SummitSans-Bold"
OBLIQUE = "SummitSans-Oblique"
DEVANAGARI = "SummitDevanagari"
DEVANAGARI_BOLD = "SummitDevanagari-Bold"
CJK = "SummitCJK"
SYMBOLS = "SummitSymbola"

_BUNDLED = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
    SYMBOLS: "Symbola.ttf",
}

# Where computers keep a CJK font with TrueType outlines, best first.
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/STHeiti Light.ttc",
)
CJK_SAMPLE = (0x4F1A, 0x3042, 0xD68C)  # 会 あ 회: Chinese, Japanese kana, Korean hangul


@dataclass(frozen=True)
class Fonts:
    """The registered fallbacks, in the order a character is tried, with what each draws."""

    sans: frozenset[int]  # every DejaVu face has these
    fallbacks: tuple[tuple[str, frozenset[int]], ...]  # (font name, characters)
    cjk_path: str | None  # the CJK font found on this computer, if any


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
def fonts() -> Fonts:
    """Register the pack's fonts (once) and say which characters each can draw.

    The family mappings let `<b>` and `<i>` pick the bold and oblique faces; a fallback with
    one face keeps it inside `<b>` or `<i>` rather than failing.
    """
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _BUNDLED.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / filename)))
    _family(REGULAR, BOLD, OBLIQUE)
    _family(DEVANAGARI, DEVANAGARI_BOLD, DEVANAGARI)
    _family(SYMBOLS, SYMBOLS, SYMBOLS)
    fallbacks = [(DEVANAGARI, font_chars(DEVANAGARI) & font_chars(DEVANAGARI_BOLD))]
    cjk_path = _register_cjk()
    if cjk_path is not None:
        _family(CJK, CJK, CJK)
        fallbacks.append((CJK, font_chars(CJK)))
    fallbacks.append((SYMBOLS, font_chars(SYMBOLS)))
    sans = font_chars(REGULAR) & font_chars(BOLD) & font_chars(OBLIQUE)
    return Fonts(sans, tuple(fallbacks), cjk_path)


def register_fonts() -> str:
    """Register the fonts (once) and return the regular face's name."""
    fonts()
    return REGULAR


def _family(regular: str, bold: str, italic: str) -> None:
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 0, 1, italic)
    addMapping(regular, 1, 1, bold)


@cache
def font_chars(name: str) -> frozenset[int]:
    """The characters a registered font draws."""
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _register_cjk() -> str | None:
    for path in cjk_candidates():
        try:
            font = TTFont(CJK, path, subfontIndex=0) if path.endswith(".ttc") else TTFont(CJK, path)
        except (TTFError, OSError, ValueError):
            continue  # CFF outlines, a damaged file: try the next one
        if CJK_SAMPLE[0] in font.face.charToGlyph:
            pdfmetrics.registerFont(font)
            return path
    return None


def cjk_candidates() -> list[str]:
    """Known places first, then what fontconfig knows for Chinese, Japanese and Korean."""
    found = [p for p in CJK_CANDIDATES if os.path.isfile(p)]
    if shutil.which("fc-list"):
        for lang in ("zh-cn", "ja", "ko"):
            try:
                out = subprocess.run(
                    ["fc-list", f":lang={lang}", "file"],
                    capture_output=True,
                    text=True,
                    timeout=5,
                    check=False,
                ).stdout
            except (OSError, subprocess.SubprocessError):
                continue
            for line in sorted(out.splitlines()):
                path = line.split(":")[0].strip()
                if path.endswith((".ttf", ".ttc")) and path not in found:
                    found.append(path)
    return found


def font_for(code: int) -> str | None:
    """The fallback font that draws character `code`, or None for DejaVu (or for none)."""
    table = fonts()
    if code in table.sans:
        return None
    for name, chars in table.fallbacks:
        if code in chars:
            return name
    return None


def has_glyph(code: int) -> bool:
    table = fonts()
    return code in table.sans or any(code in chars for _, chars in table.fallbacks)

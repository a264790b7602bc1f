"""The pack's text as reportlab Paragraphs: escaped, in the right fonts, shaped, and laid
out right to left where it is written so.

A Paragraph parses its text as markup, so every character of the pack's text is escaped:
`<b>`, `&` or an unclosed `<` typed by anyone prints as typed. Our own markup is only what
the pack model says: bold and italic runs, and the fallback fonts.

- Characters DejaVu Sans lacks go to the first fallback that has them (`fonts.font_for`),
  in a `<font>` tag. Zero-width joiners, variation selectors and combining marks stay in the
  run they join, so an emoji sequence or an accented letter stays whole.
- A paragraph with right-to-left letters (Hebrew, Arabic) gets reportlab's bidi layout
  (`wordWrap` "RTL" when its first strong letter is right to left, else "LTR"), and is
  right-aligned when it reads right to left.
- A paragraph with letters that need shaping (Arabic joining, Indic conjuncts, combining
  marks) is shaped by harfbuzz; the others are not, which keeps a long day's pack fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import arabic_reshaper
from bidi.algorithm import get_base_level
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from summit_app.export.model import Inline, Run
from summit_app.export.pdf.fonts import font_chars, fonts
from summit_app.export.typeset import xml_escape as escape

_JOINERS = frozenset({0x200C, 0x200D, 0xFE0E, 0xFE0F})
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Scripts whose letters change shape or position with their neighbours, and combining marks.
_COMPLEX = re.compile(
    "[\u0300-\u036f\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f\u1780-\u18af"
    "\u1a00-\u1aff\u1b00-\u1bff\u1dc0-\u1dff\u20d0-\u20ff\ua800-\uabff\ufb1d-\ufdff"
    "\ufe20-\ufe2f\ufe70-\ufeff]"
)


def markup(runs: Inline) -> str:
    """Paragraph markup that prints `runs` exactly, bold and italic where they are."""
    out = []
    for run in runs:
        text = with_fallback(escape(run.text).replace("\n", "<br/>"))
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def safe(text: str) -> str:
    """Markup for plain text."""
    return with_fallback(escape(text).replace("\n", "<br/>"))


def with_fallback(escaped: str) -> str:
    """Escaped text with each run of characters DejaVu lacks in a font tag for its fallback.

    Safe on escaped markup: tags and entities are ASCII, which DejaVu always has.
    """
    if escaped.isascii():  # the common case, and a long day's 2,000 notes: no work
        return escaped
    return "".join(
        f'<font name="{font}">{run}</font>' if font else run for font, run in font_runs(escaped)
    )


def font_runs(text: str) -> list[tuple[str | None, str]]:
    """`text` cut into runs, each with its fallback font's name (None: DejaVu)."""
    table = fonts()
    chars_of = dict(table.fallbacks)
    out: list[tuple[str | None, str]] = []
    run: list[str] = []
    font: str | None = None
    after_joiner = False
    for char in text:
        code = ord(char)
        has = table.sans if font is None else chars_of[font]
        if code in _JOINERS or (unicodedata.category(char).startswith("M") and code in has):
            if code in has:
                run.append(char)  # a joiner the run's font lacks would print as a box
            after_joiner = code == 0x200D
            continue
        if after_joiner and font is not None and code in has:
            wants = font  # after a joiner, a character the run's font has stays (🧑‍⚕)
        else:
            wants = _font_for(code, table.sans, table.fallbacks)
        if wants != font:
            if run:
                out.append((font, "".join(run)))
            run, font = [], wants
        run.append(char)
        after_joiner = False
    if run:
        out.append((font, "".join(run)))
    return out


def _font_for(code: int, sans, fallbacks) -> str | None:
    if code in sans:
        return None
    for name, chars in fallbacks:
        if code in chars:
            return name
    return None  # no font has it: DejaVu prints its empty box


def paragraph(runs: Inline, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A Paragraph of the pack's text in `style`, laid out as its script needs."""
    text = "".join(r.text for r in runs)
    if len(runs) == 1 and not runs[0].bold and not runs[0].italic and _plain_text(text):
        # One run in the style's own font: hand reportlab its one fragment rather than markup
        # to parse (a third of a long day's Paragraph time went on parsing plain notes).
        frag = _template(style).clone(text=" ".join(text.split()))
        return Paragraph(text, style, bulletText=bullet, frags=[frag])
    if len(runs) == 1 and not runs[0].bold and not runs[0].italic:
        shown = _bidi_ready(text, style.fontName)
        if shown is not None:
            bidi_style = _variant(style, "RTL" if get_base_level(text) == 1 else "LTR", False)
            frag = _template(bidi_style).clone(text=shown)
            return Paragraph(text, bidi_style, bulletText=bullet, frags=[frag])
    return Paragraph(markup(runs), for_text(style, text), bulletText=bullet)


def _bidi_ready(text: str, font: str) -> str | None:
    """Right-to-left text made ready for reportlab's one-fragment bidi layout, or None.

    reportlab (5.1) orders the words of each wrapped line by the bidi algorithm only for an
    unshaped paragraph of one fragment; with shaping on, or with several fragments, it lays
    the words out left to right, so an Arabic or Hebrew note read backwards, word by word.
    So Arabic is joined here instead (arabic_reshaper: its letters' contextual forms, which
    DejaVu draws, as pretix does) and the paragraph goes unshaped, in one fragment. Text
    needing anything else (other scripts to shape, letters the font lacks, line breaks)
    keeps the shaped path."""
    if "\n" in text or _RTL.search(text) is None:
        return None
    shown = arabic_reshaper.reshape(" ".join(text.split()))
    has = font_chars(font)
    if any(ord(c) not in has or (_COMPLEX.match(c) and not _RTL.match(c)) for c in shown):
        return None
    return shown


def _plain_text(text: str) -> bool:
    """Text DejaVu draws whole, with nothing to shape or lay out right to left."""
    if text.isascii():
        return "\n" not in text
    sans = fonts().sans
    return all(ord(c) in sans for c in text) and for_text_plain(text)


def for_text_plain(text: str) -> bool:
    return _RTL.search(text) is None and _COMPLEX.search(text) is None


@cache
def _template(style: ParagraphStyle):
    """The fragment reportlab makes of a plain text in `style` (its font, size, colour)."""
    return Paragraph("x", style).frags[0]


def plain(text: str, style: ParagraphStyle) -> Paragraph:
    return paragraph((Run(text),), style)


def for_text(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """`style`, or its variant for right-to-left or complex-script text."""
    if text.isascii():
        return style
    rtl = _RTL.search(text) is not None
    direction = ("RTL" if get_base_level(text) == 1 else "LTR") if rtl else ""
    shaping = _COMPLEX.search(text) is not None
    if not direction and not shaping:
        return style
    return _variant(style, direction, shaping)


@cache
def _variant(style: ParagraphStyle, direction: str, shaping: bool) -> ParagraphStyle:
    kw: dict[str, object] = {"shaping": int(shaping)}
    if direction:
        kw["wordWrap"] = direction
        if direction == "RTL" and style.alignment == TA_LEFT:
            kw["alignment"] = TA_RIGHT
    return ParagraphStyle(f"{style.name}-{direction}-{int(shaping)}", parent=style, **kw)


@lru_cache(maxsize=4096)  # a long day's 7,000 cells repeat: options in every group table
def cell_lines(text: str, font: str, size: float, width: float) -> str | None:
    """`text` broken into lines for a plain table cell (a fraction of a Paragraph's cost, which
    counts in a long day's thousands of cells), or None where it needs a Paragraph: letters
    DejaVu lacks, right-to-left or complex text, or a word wider than the cell."""
    if not text.isascii():
        sans = fonts().sans
        if any(ord(c) not in sans for c in text) or _RTL.search(text) or _COMPLEX.search(text):
            return None
    lines = simpleSplit(text, font, size, width)
    if any(stringWidth(line, font, size) > width for line in lines):
        return None
    return "\n".join(lines)

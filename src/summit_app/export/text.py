"""User text to reportlab Paragraphs, safely and completely.

A Paragraph parses its text as markup, so a note reading `<b>` or `&` or an unclosed `<`
would be taken as a tag or break the export. Every string a user typed goes through
`safe()` first: markup characters are escaped, characters no PDF text can hold (NUL and
the other C0/C1 controls, lone surrogates) are dropped, line breaks are kept, and
everything else, emoji and right-to-left letters included, stays as typed.

Characters the DejaVu font lacks but the Symbola fallback has (most emoji) are wrapped in a
`<font>` tag naming Symbola, so they print as glyphs rather than empty boxes. Inside an emoji
sequence the zero-width joiner (U+200D) and variation selectors (U+FE0E, U+FE0F) stay with
the font of the run they are in (both fonts have them as zero-width glyphs; one the run's
font lacked would be dropped), so a family or a rainbow flag stays one run. Neither font
composes sequences: 👨‍👩‍👧 prints as its component people side by side, and 🏳️‍🌈 as a
flag and a rainbow.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from summit_app.export.fonts import FALLBACK, coverage

# C0 controls except tab and newline, DEL, C1 controls, and lone surrogates (which a
# str can hold after a bad decode but no PDF can encode).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Zero-width characters that glue an emoji sequence together (ZWJ, text/emoji presentation).
_JOINERS = frozenset({0x200D, 0xFE0E, 0xFE0F})
_OPEN, _CLOSE = f'<font name="{FALLBACK}">', "</font>"


def clean(text: object) -> str:
    """Plain text without characters a PDF cannot hold; line breaks as \\n."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNPRINTABLE.sub("", value)


def safe(text: object) -> str:
    """Escaped markup for a Paragraph that prints `text` exactly as typed."""
    escaped = escape(clean(text))
    return with_fallback(escaped.replace("\n", "<br/>"))


def with_fallback(markup: str) -> str:
    """`markup` with each run of characters only Symbola has wrapped in a font tag for it.

    Safe on escaped markup: tags and entities are ASCII, which DejaVu always has.
    """
    if markup.isascii():  # the common case, and the bench's 2,000 notes: no work
        return markup
    return "".join(f"{_OPEN}{run}{_CLOSE}" if symbols else run for symbols, run in runs(markup))


def runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut into runs, each flagged True if it is for Symbola (False: DejaVu)."""
    sans, symbols = coverage()
    out: list[tuple[bool, str]] = []
    run: list[str] = []
    in_symbols = after_joiner = False
    for char in text:
        code = ord(char)
        if code in _JOINERS:
            if code in (symbols if in_symbols else sans):
                run.append(char)
            after_joiner = code == 0x200D
            continue
        # After a joiner, a character Symbola has stays in its run (🧑‍⚕ is one sequence).
        wants = code in symbols and (code not in sans or (in_symbols and after_joiner))
        if wants != in_symbols:
            if run:
                out.append((in_symbols, "".join(run)))
            run, in_symbols = [], wants
        run.append(char)
        after_joiner = False
    if run:
        out.append((in_symbols, "".join(run)))
    return out


def para(text: object, style: ParagraphStyle, markup_before: str = "") -> Paragraph:
    """A Paragraph of user text; `markup_before` is our own (trusted) markup in front."""
    return Paragraph(markup_before + safe(text), style)


def shorten(text: object, limit: int) -> str:
    """One line of at most `limit` characters, for chart labels (tables carry the full text)."""
    line = " ".join(clean(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"

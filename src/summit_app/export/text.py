"""User text to reportlab Paragraphs, safely and completely.

A Paragraph parses its text as markup, so a note reading `<b>` or `&` or an unclosed `<`
would be taken as a tag or break the export. Every string a user typed goes through
`safe()` first: markup characters are escaped, characters no PDF text can hold (NUL and
the other C0/C1 controls, lone surrogates) are dropped, line breaks are kept, and
everything else, emoji and right-to-left letters included, stays as typed.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

# C0 controls except tab and newline, DEL, C1 controls, and lone surrogates (which a
# str can hold after a bad decode but no PDF can encode).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: object) -> str:
    """Plain text without characters a PDF cannot hold; line breaks as \\n."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNPRINTABLE.sub("", value)


def safe(text: object) -> str:
    """Escaped markup for a Paragraph that prints `text` exactly as typed."""
    escaped = escape(clean(text))
    return escaped.replace("\n", "<br/>")


def para(text: object, style: ParagraphStyle, markup_before: str = "") -> Paragraph:
    """A Paragraph of user text; `markup_before` is our own (trusted) markup in front."""
    return Paragraph(markup_before + safe(text), style)


def shorten(text: object, limit: int) -> str:
    """One line of at most `limit` characters, for chart labels (tables carry the full text)."""
    line = " ".join(clean(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"

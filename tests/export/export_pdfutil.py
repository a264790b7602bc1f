"""Reading a pack back as its reader would: the text of every page."""

import unicodedata
from pathlib import Path

from pypdf import PdfReader

from summit_app.export.typeset import smarten


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    """Whitespace and bullets folded, so a sentence wrapped over lines reads as one."""
    return " ".join(text.replace("•", " ").split())


def as_printed(text: str) -> str:
    """`text` as the pack prints it: curly quotes and real dashes, whitespace folded."""
    return flat(smarten(text))


def letters(text: str) -> str:
    """Text read back with Arabic presentation forms (what shaped glyphs map to) folded
    into the letters typed; everything else as it is."""
    return "".join(
        unicodedata.normalize("NFKC", c) if "\ufb50" <= c <= "\ufeff" else c for c in text
    )

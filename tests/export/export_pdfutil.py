"""Reading a pack back as its reader would: the text of every page."""

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    """Whitespace and bullets folded, so a sentence wrapped over lines reads as one."""
    return " ".join(text.replace("•", " ").split())

"""The nastiest notes phones can send are carried through intact: stored exactly as typed,
read back exactly for the projector, printed in the PDF, and exact in the CSV.

The PDF drops only what the export documents it drops (summit_app.export.typeset: NUL and the
other control characters) and what neither bundled font has a glyph for; it sets quotes
curly, shapes Arabic (read back as presentation forms, folded here into the letters) and
may compose a letter and its combining accent into one glyph (compared here in NFC).
Emoji print in the Symbola fallback font, and whole sequences (a family joined by U+200D,
a rainbow flag with U+FE0F) come back from the PDF's text exactly as typed, though the
monochrome font draws them as their component emoji side by side.
"""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile
from server_room import Room

from summit_app.core import Summit
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import write_pack
from summit_app.export.typeset import clean
from summit_app.resources import FONTS

NASTY = [
    "<b>bold?</b> and <i>italic?</i>",
    "<script>alert('x')</script>",
    "<para>opened and never closed",
    "closed and never opened</para>",
    '<font color="red" size="40">big red</font>',
    "Fish &amp; chips & peas &lt; &#0; &bogus;",
    "1 < 2 and an unclosed <",
    "x" * 500,
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 11,
    "Family 👨‍👩‍👧‍👦, flag 🏳️‍🌈, thumb 👍🏽, nurse 🧑‍⚕️",
    "نحتاج إلى مزيد من الوقت",  # Arabic, right to left
    "צריך יותר זמן לדבר",  # Hebrew, right to left
    "Mixed English עברית and العربية in one line",
    "Combining: e\u0301 a\u0308 n\u0303 Z\u0351\u0358\u0361a\u036al\u0353go",
    "NUL\x00inside and at the end\x00",
    "bell\x07 escape\x1b[31m delete\x7f C1\x85 form\x0c feed",
    "line one\nline two\n\nline four",
    "tab\tinside, \"quotes\", 'single', commas, and; semicolons",
]
EMOJI = ["👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🧑‍⚕️"]


@cache
def font_has() -> frozenset[int]:
    """The characters the pack's bundled fonts (DejaVu Sans, Symbola for emoji) have glyphs for."""
    fonts = [TTFontFile(str(FONTS / name)) for name in ("DejaVuSans.ttf", "Symbola.ttf")]
    return frozenset().union(*(font.charToGlyph for font in fonts))


def printable(text: str) -> str:
    """What the PDF can hold of `text`: the export's clean() (a phone's words are printed
    as typed, straight quotes and all), less characters without a glyph."""
    return "".join(c for c in clean(text) if ord(c) in font_has())


def read_back(text: str) -> str:
    """PDF text with Arabic presentation forms folded into letters, composed as NFC."""
    folded = "".join(
        unicodedata.normalize("NFKC", c) if "\ufb50" <= c <= "\ufeff" else c for c in text
    )
    return unicodedata.normalize("NFC", folded)


def squashed(text: str) -> str:
    """PDF text without whitespace (lines wrap anywhere) or NULs (a glyph the font lacks)."""
    return "".join(text.replace("\x00", "").split())


@pytest.fixture(scope="module")
def posted(room: Room, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Each nasty note posted by its own phone to the open question; the file's path."""
    prompt = room.summit.agenda.add_prompt(room.item_id, "What would you <b>change</b>?")
    room.summit.agenda.open_prompt(prompt.id)
    for text in NASTY:
        answer = room.phone().post("/api/note", json={"prompt_id": prompt.id, "text": text})
        assert answer.status_code == 201, (text, answer.text)
    return room.path, prompt.id


def test_nasty_notes_are_stored_exactly_and_shown_exactly(posted: tuple[Path, int]) -> None:
    path, prompt_id = posted
    with Summit.open(path) as summit:
        # What the projector reads (core level; the projector's own text needs the UI).
        shown = [n.text for n in summit.notes.notes(prompt_id, include_hidden=False)]
    assert shown == NASTY


def test_nasty_notes_print_in_the_pdf(posted: tuple[Path, int], tmp_path: Path) -> None:
    path, _ = posted
    with Summit.open(path) as summit:
        pdf = write_pack(summit, tmp_path / "pack.pdf")
    text = read_back(squashed("\n".join(page.extract_text() for page in PdfReader(pdf).pages)))
    for note in NASTY:
        for word in unicodedata.normalize("NFC", printable(note)).split():
            # pypdf gives right-to-left runs back reversed; either way round, every letter.
            assert word in text or word[::-1] in text, (note, word)


def test_nasty_notes_are_exact_in_the_csv(posted: tuple[Path, int], tmp_path: Path) -> None:
    path, _ = posted
    with Summit.open(path) as summit:
        notes_csv = write_csv(summit, tmp_path / "data")[0]
    with notes_csv.open(encoding="utf-8-sig", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    for note in NASTY:
        assert note in texts


def test_emoji_in_notes_survive_in_the_pdf_text(posted: tuple[Path, int], tmp_path: Path) -> None:
    path, _ = posted
    with Summit.open(path) as summit:
        pdf = write_pack(summit, tmp_path / "pack.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for emoji in EMOJI:
        assert emoji in text


def test_the_font_check_is_not_vacuous() -> None:
    """Letters, RTL scripts, combining marks and emoji are all checked in the PDF."""
    checked = "".join(printable(note) for note in NASTY)
    for letter in "xPעע\u0301<&👨👍🏽🌈\u200d":
        assert letter in checked

"""Speakers' slides: a PDF deck on an agenda item, kept inside the `.summit` file.

A deck is what PowerPoint, Keynote and Google Slides export as PDF. It is checked before
anything is written (`check_pdf`): not a PDF, damaged, password-protected, over 100 MB or
500 pages are each refused with a sentence. The PDF's bytes go once into `deck_files`
(outside the undo log, see schema migration 12); the item's `decks` row points at them, so
replacing or removing a deck, and undoing either, writes one small row. A deck's bytes and
its row are written in one transaction: after a crash or `kill -9` the deck is whole or
absent.

The slides the programme team puts in the pack's annex are `annex_slides` rows: a deck's
page with its caption, printed in the agenda's order, one or two to a page.

PDFium (pypdfium2) reads the PDFs. It must never be entered from two threads at once, even
for different documents, so every use in the app holds `PDFIUM_LOCK`.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium

from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, ValidationError

# A real deck with photos is tens of MB; 100 MB and 500 slides are past any talk's deck.
MAX_BYTES = 100 * 1000 * 1000
MAX_PAGES = 500
NAME_MAX_CHARS = 200
CAPTION_MAX_CHARS = 300
PDFIUM_LOCK = threading.RLock()
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


@dataclass(frozen=True)
class Deck:
    """A deck as the agenda shows it (its bytes are read only when asked: `pdf`)."""

    id: int
    item_id: int
    name: str
    pages: int
    size: int  # bytes
    sha256: str


@dataclass(frozen=True)
class AnnexSlide:
    """A slide the team put in the pack's annex: a deck's page (from 0) and its caption."""

    id: int
    deck_id: int
    page: int
    caption: str


def check_pdf(data: bytes, name: str = "That file") -> int:
    """The number of pages of a PDF Summit can show, or ValidationError with the sentence."""
    what = f"“{name}”" if name != "That file" else name
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"{what} is too big to keep as slides ({len(data) / 1e6:.0f} MB): at most"
            f" {MAX_BYTES / 1e6:.0f} MB. Export the deck again with smaller pictures."
        )
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ValidationError(
            f"{what} is not a PDF. Export the slides as PDF (File › Export or Save as PDF in"
            " PowerPoint, Keynote or Google Slides) and add that."
        )
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) == _PASSWORD_ERROR:
                raise ValidationError(
                    f"{what} is protected by a password, so it cannot be shown. Export the"
                    " slides again without a password."
                ) from None
            raise ValidationError(
                f"{what} is damaged: it cannot be read as a PDF. Export the slides again."
            ) from None
        try:
            pages = len(document)
            if pages == 0:
                raise ValidationError(f"{what} has no pages to show.")
            if pages > MAX_PAGES:
                raise ValidationError(
                    f"{what} has {pages:,} pages: a deck can have at most {MAX_PAGES}."
                )
            for index in range(pages):  # a page PDFium cannot load is a damaged file
                try:
                    width, height = document.get_page_size(index)
                except pdfium.PdfiumError:
                    width = height = 0
                if width <= 0 or height <= 0:
                    raise ValidationError(
                        f"{what} is damaged (page {index + 1} cannot be read). Export the"
                        " slides again."
                    )
        finally:
            document.close()
    return pages


@dataclass(frozen=True)
class SlidePage:
    """A slide as the pack prints it: its size in points and its own text (the alternative
    text of its picture in the HTML and Word editions)."""

    width: float
    height: float
    text: str


def read_slides(pdf: bytes, pages: list[int]) -> dict[int, SlidePage]:
    """The size and text of these slides (pages from 0) of a deck."""
    found: dict[int, SlidePage] = {}
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            for index in pages:
                page = document[index]
                try:
                    width, height = page.get_size()
                    textpage = page.get_textpage()
                    try:
                        text = str(textpage.get_text_range())
                    finally:
                        textpage.close()
                finally:
                    page.close()
                found[index] = SlidePage(float(width), float(height), " ".join(text.split()))
        finally:
            document.close()
    return found


class DecksRepo:
    """`summit.decks`: each agenda item's deck, and the pack's annex of slides."""

    def __init__(self, db: Db) -> None:
        self._s = db

    # -- reading -------------------------------------------------------------------------

    def deck(self, deck_id: int) -> Deck:
        rows = self._s.rows(_SELECT + " WHERE d.id = ?", (deck_id,))
        if not rows:
            raise NotFoundError(f"No deck {deck_id}.")
        return _deck(rows[0])

    def for_item(self, item_id: int) -> Deck | None:
        rows = self._s.rows(_SELECT + " WHERE d.item_id = ?", (item_id,))
        return _deck(rows[0]) if rows else None

    def all(self) -> list[Deck]:
        """Every deck, in the agenda's order."""
        return [
            _deck(row)
            for row in self._s.rows(
                _SELECT + " JOIN items i ON i.id = d.item_id"
                " JOIN sections s ON s.id = i.section_id ORDER BY s.position, i.position"
            )
        ]

    def pdf(self, deck_id: int) -> bytes:
        """The deck's PDF, as it was added."""
        rows = self._s.rows(
            "SELECT f.pdf FROM decks d JOIN deck_files f ON f.id = d.file_id WHERE d.id = ?",
            (deck_id,),
        )
        if not rows:
            raise NotFoundError(f"No deck {deck_id}.")
        return bytes(rows[0]["pdf"])

    # -- writing -------------------------------------------------------------------------

    def set_deck(self, item_id: int, pdf: bytes, name: str) -> Deck:
        """Keep `pdf` as the item's deck, replacing any it had. Checked first: a refused
        file raises ValidationError and nothing is written."""
        name = " ".join(name.split())[:NAME_MAX_CHARS] or "Slides"
        pages = check_pdf(pdf, name)
        digest = hashlib.sha256(pdf).hexdigest()
        with self._s.write():
            if not self._s.rows("SELECT 1 FROM items WHERE id = ?", (item_id,)):
                raise NotFoundError(f"No agenda item {item_id}.")
            found = self._s.rows("SELECT id FROM deck_files WHERE sha256 = ?", (digest,))
            if found:
                file_id = int(found[0]["id"])
            else:
                cursor = self._s.execute(
                    "INSERT INTO deck_files (pdf, sha256, pages) VALUES (?, ?, ?)",
                    (pdf, digest, pages),
                )
                file_id = int(cursor.lastrowid or 0)
            old = self.for_item(item_id)
            if old is None:
                self._s.execute(
                    "INSERT INTO decks (file_id, item_id, name, pages, size, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (file_id, item_id, name, pages, len(pdf), now()),
                )
            else:
                self._s.execute(
                    "UPDATE decks SET file_id = ?, name = ?, pages = ?, size = ?, added_at = ?"
                    " WHERE id = ?",
                    (file_id, name, pages, len(pdf), now(), old.id),
                )
                # Annex picks past the new deck's end would point at nothing.
                self._s.execute(
                    "DELETE FROM annex_slides WHERE deck_id = ? AND page >= ?", (old.id, pages)
                )
            deck = self.for_item(item_id)
        assert deck is not None
        return deck

    def remove_deck(self, item_id: int) -> None:
        with self._s.write():
            if self.for_item(item_id) is None:
                raise NotFoundError("That item has no slides to remove.")
            self._s.execute("DELETE FROM decks WHERE item_id = ?", (item_id,))

    def collect_unused(self, undo_log: str = "") -> int:
        """Delete the PDFs no deck uses and no undo step can bring back; how many went.

        `undo_log` is the undo history's log (JSON) when it is kept in the file: the
        statements that would put a deck row back name their `file_id`."""
        wanted = {int(r["file_id"]) for r in self._s.rows("SELECT file_id FROM decks")}
        wanted |= _file_ids_in(undo_log)
        with self._s.write():
            rows = self._s.rows("SELECT id FROM deck_files")
            gone = [int(r["id"]) for r in rows if int(r["id"]) not in wanted]
            for file_id in gone:
                self._s.execute("DELETE FROM deck_files WHERE id = ?", (file_id,))
        return len(gone)

    # -- the pack's annex ----------------------------------------------------------------

    def annex(self) -> list[AnnexSlide]:
        """The annex's slides in the agenda's order, each deck's in page order."""
        return [
            AnnexSlide(int(r["id"]), int(r["deck_id"]), int(r["page"]), r["caption"])
            for r in self._s.rows(
                "SELECT a.* FROM annex_slides a JOIN decks d ON d.id = a.deck_id"
                " JOIN items i ON i.id = d.item_id JOIN sections s ON s.id = i.section_id"
                " ORDER BY s.position, i.position, a.page"
            )
        ]

    def set_annex_slide(self, deck_id: int, page: int, included: bool, caption: str = "") -> None:
        """Put a slide (its page, from 0) in the annex with its caption, or take it out."""
        deck = self.deck(deck_id)
        if not 0 <= page < deck.pages:
            raise ValidationError(f"“{deck.name}” has no slide {page + 1}.")
        caption = " ".join(caption.split())
        if len(caption) > CAPTION_MAX_CHARS:
            raise ValidationError(
                f"A slide's caption is too long: at most {CAPTION_MAX_CHARS} characters."
            )
        with self._s.write():
            if not included:
                self._s.execute(
                    "DELETE FROM annex_slides WHERE deck_id = ? AND page = ?", (deck_id, page)
                )
                return
            self._s.execute(
                "INSERT INTO annex_slides (deck_id, page, caption) VALUES (?, ?, ?)"
                " ON CONFLICT (deck_id, page) DO UPDATE SET caption = excluded.caption"
                " WHERE caption != excluded.caption",
                (deck_id, page, caption),
            )

    def set_annex_deck(self, deck_id: int, included: bool) -> None:
        """The whole deck in the annex (captions already written are kept), or none of it."""
        deck = self.deck(deck_id)
        with self._s.write():
            if not included:
                self._s.execute("DELETE FROM annex_slides WHERE deck_id = ?", (deck_id,))
                return
            for page in range(deck.pages):
                self._s.execute(
                    "INSERT OR IGNORE INTO annex_slides (deck_id, page) VALUES (?, ?)",
                    (deck_id, page),
                )

    def annex_per_page(self) -> int:
        return int(
            self._s.rows("SELECT annex_per_page FROM writeup WHERE id = 1")[0]["annex_per_page"]
        )

    def set_annex_per_page(self, per_page: int) -> None:
        if per_page not in (1, 2):
            raise ValidationError("The annex prints one or two slides to a page.")
        with self._s.write():
            self._s.execute(
                "UPDATE writeup SET annex_per_page = ? WHERE id = 1 AND annex_per_page != ?",
                (per_page, per_page),
            )


_SELECT = (
    "SELECT d.id, d.item_id, d.name, d.pages, d.size, f.sha256 FROM decks d"
    " JOIN deck_files f ON f.id = d.file_id"
)


def _deck(row: dict[str, Any]) -> Deck:
    return Deck(
        int(row["id"]), int(row["item_id"]), row["name"], int(row["pages"]), int(row["size"]),
        row["sha256"],
    )  # fmt: skip


# How the undo log's statements name a deck row's file: "file_id = 7" in an UPDATE, and the
# second value of an INSERT (the columns' order is the table's: id, file_id, ...).
_UPDATE_FILE = re.compile(r"\bfile_id = (\d+)")
_INSERT_FILE = re.compile(r"INSERT INTO main\.decks \(id, file_id, [^)]*\) VALUES \(\d+, (\d+),")


def _file_ids_in(undo_log: str) -> set[int]:
    if not undo_log:
        return set()
    entries = json.loads(undo_log)
    found: set[int] = set()
    for entry in entries:
        if entry.get("tbl") != "decks":
            continue
        sql = str(entry.get("sql", ""))
        found |= {int(m) for m in _UPDATE_FILE.findall(sql)}
        found |= {int(m) for m in _INSERT_FILE.findall(sql)}
    return found

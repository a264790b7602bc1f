"""A sheet of voting cards to print and cut: ten to an A4 page, each with its QR code.

Each card carries its number (for the register), its group if it was set to one, its QR
code (the card's own link on the laptop's address) and its pass printed under it, to type
when the address has changed since printing. Nothing on a card names its holder. Cut
marks sit at every corner, in the margins and where four cards meet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import qrcode  # type: ignore[import-untyped]
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]

from summit_app.core.cards import grouped
from summit_app.core.model import Card
from summit_app.export.pdf.fonts import BOLD, REGULAR, register_fonts  # before reportlab

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

mm = 72 / 25.4
A4 = (210 * mm, 297 * mm)

CARD_W, CARD_H = 85 * mm, 54 * mm  # a bank card's size: fits a lanyard sleeve or a wallet
COLUMNS, ROWS = 2, 5
MARK = 4 * mm  # cut mark length
INK = (0.08, 0.13, 0.24)
T = TypeVar("T")
MUTED = (0.29, 0.33, 0.41)


def card_link(base_url: str, card: Card) -> str:
    """What a card's QR code opens: the laptop's address and the card's pass."""
    return f"{base_url.rstrip('/')}/c/{card.pass_}"


def write_card_sheet(
    path: Path | str, cards: Sequence[Card], base_url: str, title: str, short_address: str = ""
) -> Path:
    """Write the sheet for `cards` to `path` (PDF); returns the path."""
    return write_sheet(
        path,
        cards,
        lambda canvas, card, x, y: _card(canvas, card, x, y, base_url, title, short_address),
        Sheet(
            f"{title}: voting cards",
            "Voting cards; no card records who holds it",
            f"{title}: voting cards. Cut along the marks. No names are kept.",
        ),
    )


@dataclass(frozen=True)
class Sheet:
    """A sheet of cards: its PDF's title and subject, its footer, and its grid of cards."""

    title: str
    subject: str
    footer: str
    card: tuple[float, float] = (CARD_W, CARD_H)
    grid: tuple[int, int] = (COLUMNS, ROWS)


def write_sheet(
    path: Path | str,
    items: Sequence[T],
    draw: Callable[[Canvas, T, float, float], None],
    sheet: Sheet,
) -> Path:
    """Cards for `items` on A4 pages, each drawn by `draw(canvas, item, x, y)` at its
    bottom-left corner, with cut marks and the footer on every page."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    path = Path(path)
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(sheet.title)
    canvas.setAuthor("Summit")
    canvas.setSubject(sheet.subject)
    (card_w, card_h), (columns, rows) = sheet.card, sheet.grid
    page_w, page_h = A4
    left = (page_w - columns * card_w) / 2
    top = page_h - (page_h - rows * card_h) / 2
    per_page = columns * rows
    for start in range(0, len(items), per_page):
        for i, item in enumerate(items[start : start + per_page]):
            draw(canvas, item, left + (i % columns) * card_w, top - (i // columns + 1) * card_h)
        _cut_marks(canvas, left, top, sheet)
        canvas.setFont(REGULAR, 7)
        canvas.setFillColorRGB(*MUTED)
        canvas.drawCentredString(page_w / 2, 6 * mm, sheet.footer)
        canvas.showPage()
    canvas.save()
    return path


def _card(
    canvas: Canvas, card: Card, x: float, y: float, base_url: str, title: str, short: str
) -> None:
    pad = 5 * mm
    side = 30 * mm  # the QR code, with its pass printed under it
    qr_x, qr_y = x + CARD_W - pad - side, y + CARD_H - pad - side
    _qr(canvas, card_link(base_url, card), qr_x, qr_y, side)
    canvas.setFillColorRGB(*INK)
    canvas.setFont(BOLD, 7)
    canvas.drawCentredString(qr_x + side / 2, qr_y - 5.5 * mm, grouped(card.pass_))
    text_w = CARD_W - 3 * pad - side
    line = y + CARD_H - pad - 2.5 * mm
    canvas.setFont(REGULAR, 6.5)
    canvas.setFillColorRGB(*MUTED)
    canvas.drawString(x + pad, line, _fit(canvas, title, REGULAR, 6.5, text_w))
    line -= 7 * mm
    canvas.setFillColorRGB(*INK)
    canvas.setFont(BOLD, 15)
    canvas.drawString(x + pad, line, f"Card {card.id}")
    line -= 5 * mm
    if card.group:
        canvas.setFont(BOLD, 8.5)
        canvas.drawString(x + pad, line, _fit(canvas, card.group, BOLD, 8.5, text_w))
        line -= 5 * mm
    sentences = ["Scan the square with your phone's camera to vote."]
    if short:
        sentences.append(f"No camera? Go to {short} and type the code under the square.")
    sentences.append("Keep this card: it is your vote. No name is kept.")
    canvas.setFont(REGULAR, 6.5)
    for sentence in sentences:
        for part in _wrap(canvas, sentence, REGULAR, 6.5, text_w):
            canvas.drawString(x + pad, line, part)
            line -= 2.9 * mm
        line -= 0.8 * mm


def _qr(canvas: Canvas, link: str, x: float, y: float, side: float) -> None:
    """The QR code drawn as squares (sharp at any printer's resolution)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(link)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = side / len(matrix)
    canvas.setFillColorRGB(0, 0, 0)
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                canvas.rect(x + col * cell, y + side - (row + 1) * cell, cell, cell, 0, 1)


def _cut_marks(canvas: Canvas, left: float, top: float, sheet: Sheet) -> None:
    (card_w, card_h), (columns, rows) = sheet.card, sheet.grid
    canvas.setStrokeColorRGB(0.4, 0.4, 0.4)
    canvas.setLineWidth(0.4)
    right, bottom = left + columns * card_w, top - rows * card_h
    for col in range(columns + 1):
        x = left + col * card_w
        canvas.line(x, top + 1 * mm, x, top + 1 * mm + MARK)
        canvas.line(x, bottom - 1 * mm, x, bottom - 1 * mm - MARK)
    for row in range(rows + 1):
        y = top - row * card_h
        canvas.line(left - 1 * mm, y, left - 1 * mm - MARK, y)
        canvas.line(right + 1 * mm, y, right + 1 * mm + MARK, y)
    for col in range(1, columns):  # small crosses where four cards meet
        for row in range(1, rows):
            x, y = left + col * card_w, top - row * card_h
            canvas.line(x - 1.5 * mm, y, x + 1.5 * mm, y)
            canvas.line(x, y - 1.5 * mm, x, y + 1.5 * mm)


def _wrap(canvas: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and canvas.stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width`."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"

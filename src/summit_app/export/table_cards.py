"""A sheet of table cards to print and cut: four to an A4 page, one per table.

Each card stands on the table: its number large enough to read across the table, its name
if it has one, the QR code that makes the host's phone the table's device (the table's
pass, printed under it to type if the address changed), and a line telling the host what
to do. A reprinted card says so: the earlier card for that table no longer works.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from summit_app.core.cards import grouped
from summit_app.core.model import Table
from summit_app.export.cards import INK, MUTED, Sheet, _fit, _qr, _wrap, mm, write_sheet
from summit_app.export.pdf.fonts import BOLD, REGULAR

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

CARD_W, CARD_H = 100 * mm, 140 * mm  # A6 with room for the cut marks: stands in a holder
COLUMNS, ROWS = 2, 2
HOST_LINE = (
    "Table host: scan the square with your phone's camera to make it the table's device,"
    " then send the table's points when the facilitator asks, star the three that matter most,"
    " and count the votes of anyone at the table without a phone."
)


def table_link(base_url: str, table: Table) -> str:
    """What a table card's QR code opens: the laptop's address and the table's pass."""
    return f"{base_url.rstrip('/')}/t/{table.pass_}"


def write_table_cards(path: Path | str, tables: Sequence[Table], base_url: str, title: str) -> Path:
    """Write the cards for `tables` to `path` (PDF); returns the path."""
    return write_sheet(
        path,
        tables,
        lambda canvas, table, x, y: _card(canvas, table, x, y, base_url, title),
        Sheet(
            f"{title}: table cards",
            "Table cards for the table hosts",
            f"{title}: table cards. Cut along the marks.",
            card=(CARD_W, CARD_H),
            grid=(COLUMNS, ROWS),
        ),
    )


def _card(canvas: Canvas, table: Table, x: float, y: float, base_url: str, title: str) -> None:
    pad = 7 * mm
    width = CARD_W - 2 * pad
    line = y + CARD_H - pad - 3 * mm
    canvas.setFont(REGULAR, 8)
    canvas.setFillColorRGB(*MUTED)
    canvas.drawString(x + pad, line, _fit(canvas, title, REGULAR, 8, width))
    canvas.setFillColorRGB(*INK)
    canvas.setFont(BOLD, 16)
    line -= 9 * mm
    canvas.drawString(x + pad, line, "Table")
    # The number: about 25 mm tall, read across a round table.
    canvas.setFont(BOLD, 96)
    line -= 27 * mm
    canvas.drawString(x + pad, line, str(table.id))
    if table.name:
        canvas.setFont(BOLD, 13)
        line -= 8 * mm
        canvas.drawString(x + pad, line, _fit(canvas, table.name, BOLD, 13, width))
    side = 38 * mm
    qr_x, qr_y = x + CARD_W - pad - side, y + pad + 42 * mm
    _qr(canvas, table_link(base_url, table), qr_x, qr_y, side)
    canvas.setFont(BOLD, 8)
    canvas.drawCentredString(qr_x + side / 2, qr_y - 5 * mm, grouped(table.pass_))
    text_y = y + pad + 30 * mm
    canvas.setFont(REGULAR, 8.5)
    for part in _wrap(canvas, HOST_LINE, REGULAR, 8.5, width):
        canvas.drawString(x + pad, text_y, part)
        text_y -= 3.8 * mm
    if table.printed > 1:
        canvas.setFont(BOLD, 8)
        canvas.drawString(
            x + pad,
            y + pad,
            f"Reprint {table.printed}: earlier cards for table {table.id} no longer work.",
        )

"""Slide decks for tests and benches, made with reportlab as PowerPoint's "Save as PDF" makes
them: 16:9 pages of text and shapes, vector throughout.

    deck(12)                       # 12 slides, "Slide 1 of 12" ...
    deck(3, password="secret")     # needs a password to open
    heavy_deck(12_000_000, tag=3)  # about 12 MB (a photo of noise), distinct by `tag`
"""

from __future__ import annotations

import io
import random

from PIL import Image

import summit_app.export.pdf  # noqa: F401 - it readies reportlab (right-to-left text) first

WIDTH, HEIGHT = 960.0, 540.0  # points: PowerPoint's 16:9 (13.33 x 7.5 in)
COLOURS = ("#1d4ed8", "#047857", "#b45309", "#7c3aed", "#be123c")


def deck(pages: int, title: str = "Slide", password: str | None = None) -> bytes:
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(
        out, pagesize=(WIDTH, HEIGHT), encrypt=password, invariant=1, pageCompression=1
    )
    for n in range(1, pages + 1):
        c.setFillColor(HexColor(COLOURS[n % len(COLOURS)]))
        c.rect(0, HEIGHT - 90, WIDTH, 90, stroke=0, fill=1)
        c.setFillColor(HexColor("#ffffff"))
        c.setFont("Helvetica-Bold", 40)
        c.drawString(48, HEIGHT - 62, f"{title} {n} of {pages}")
        c.setFillColor(HexColor("#111827"))
        c.setFont("Helvetica", 26)
        for line in range(5):
            c.drawString(72, HEIGHT - 170 - line * 56, f"Point {line + 1} on slide {n}")
        c.setStrokeColor(HexColor("#9ca3af"))
        c.circle(WIDTH - 170, 190, 110, stroke=1, fill=0)
        c.showPage()
    c.save()
    return out.getvalue()


def heavy_deck(size: int, tag: int = 0) -> bytes:
    """A two-slide deck of about `size` bytes: a photo of noise (it does not compress)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    side = int((size / 3) ** 0.5)
    noise = random.Random(tag).randbytes(side * side * 3)
    photo = Image.frombytes("RGB", (side, side), noise)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(WIDTH, HEIGHT), invariant=1)
    c.setFont("Helvetica", 30)
    c.drawString(48, HEIGHT - 60, f"Photos, version {tag}")
    c.drawImage(ImageReader(photo), 200, 40, 400, 400)
    c.showPage()
    c.drawString(48, HEIGHT - 60, "Thank you")
    c.showPage()
    c.save()
    return out.getvalue()

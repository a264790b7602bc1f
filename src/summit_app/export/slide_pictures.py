"""A slide as a picture, for the HTML and Word editions (the PDF prints the slide's own
page): drawn by PDFium at a width that stays sharp on a laptop's screen and in print."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium

from summit_app.core.decks import PDFIUM_LOCK
from summit_app.export.model import Slide

WIDTH = 1280  # pixels: a full-width picture in the HTML edition, 160 mm at 200 dpi in Word


def slide_png(slide: Slide, width: int = WIDTH) -> bytes:
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(slide.pdf)
        try:
            page = document[slide.page]
            try:
                bitmap = page.render(scale=width / page.get_width())
                image = bitmap.to_pil().convert("RGB")  # a copy: the bitmap may go
                bitmap.close()  # now, under the lock, never by the garbage collector elsewhere
            finally:
                page.close()
        finally:
            document.close()
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()

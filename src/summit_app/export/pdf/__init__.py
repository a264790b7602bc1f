"""The PDF edition of the pack, on reportlab: `render_pdf(pack) -> bytes`.

The bidi algorithm is offered to reportlab before any of it is imported (see `bidi`), and
words that change font part-way are shaped run by run (see `shaping`).
"""

from summit_app.export.pdf import bidi

bidi.install()

from summit_app.export.pdf import shaping  # noqa: E402

shaping.install()

from summit_app.export.pdf.render import font_log, render_pdf  # noqa: E402

__all__ = ["font_log", "render_pdf"]

"""The PDF edition of the pack, on reportlab: `render_pdf(pack) -> bytes`.

The bidi algorithm is offered to reportlab before any of it is imported (see `bidi`).
"""

from summit_app.export.pdf import bidi

bidi.install()

from summit_app.export.pdf.render import font_log, render_pdf  # noqa: E402

__all__ = ["font_log", "render_pdf"]

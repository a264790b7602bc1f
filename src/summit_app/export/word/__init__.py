"""The Word edition of the pack: `render_docx(pack) -> bytes`."""

from summit_app.export.word.render import render_docx

__all__ = ["render_docx"]

"""The HTML edition of the pack: `render_html(pack) -> str`."""

from summit_app.export.html.render import render_html

__all__ = ["render_html"]

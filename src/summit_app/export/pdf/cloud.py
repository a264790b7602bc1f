"""A word cloud on the page, laid out by `core.cloud_layout` as the projector's is.

Each word is a Paragraph (escaped, in its fallback fonts, shaped where its script needs it)
drawn at its place, so the PDF's text holds the words as typed. The smallest word is
11 points and the largest 34: every word that is printed is readable, and those that do not
fit are left out of the drawing (the table after it lists the top words, and says so).
"""

from __future__ import annotations

import zlib

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Flowable, Paragraph

from summit_app.core.cloud_layout import CloudLayout, layout
from summit_app.export.model import Cloud
from summit_app.export.pdf.fonts import BOLD
from summit_app.export.pdf.styles import FRAME_WIDTH, MUTED
from summit_app.export.pdf.text import plain

HEIGHT = 200  # points: a cloud takes about a third of a page
MIN_SIZE, MAX_SIZE = 11.0, 34.0
# Dark enough on white for small text (each at least 4.5:1 against the page).
COLOURS = tuple(
    colors.HexColor(c) for c in ("#92400e", "#1d4ed8", "#15803d", "#be185d", "#6d28d9", "#0e7490")
)


class CloudFlowable(Flowable):
    def __init__(self, cloud: Cloud, s: StyleSheet1, width: float = FRAME_WIDTH) -> None:
        super().__init__()
        self.cloud = cloud
        self.width = width
        self.height = HEIGHT
        self._base = s["Body"]
        self._paragraphs: dict[tuple[str, float], Paragraph] = {}
        self.placed: CloudLayout = layout(
            list(cloud.words), width, HEIGHT, self._measure, MIN_SIZE, MAX_SIZE, gap=2.0
        )
        # The page keeps only the band the words use (a small cloud leaves no gap).
        words = self.placed.placed
        self._top = min((w.y for w in words), default=0.0)
        bottom = max((w.y + w.height for w in words), default=0.0)
        self._footer = 12.0 if self.placed.left_out else 0.0
        self.height = bottom - self._top + self._footer

    def _paragraph(self, text: str, size: float) -> Paragraph:
        key = (text, round(size, 2))
        found = self._paragraphs.get(key)
        if found is None:
            colour = COLOURS[zlib.crc32(text.encode()) % len(COLOURS)]
            style = ParagraphStyle(
                f"cloud-{size:.2f}", parent=self._base, fontName=BOLD, fontSize=size,
                leading=size * 1.15, spaceBefore=0, spaceAfter=0, rightIndent=0,
                textColor=colour,
            )  # fmt: skip
            found = self._paragraphs[key] = plain(text, style)
        return found

    def _measure(self, text: str, size: float) -> tuple[float, float]:
        paragraph = self._paragraph(text, size)
        paragraph.wrap(self.width * 4, size * 3)
        return max(paragraph.getActualLineWidths0() or [0.0]) + 1, size * 1.15

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        for word in self.placed.placed:
            paragraph = self._paragraph(word.text, word.size)
            paragraph.wrap(self.width * 4, word.height * 3)
            # The layout measures from the top; the page's y runs upwards.
            top = word.y - self._top
            paragraph.drawOn(canvas, word.x, self.height - top - word.height)
        if self.placed.left_out:
            canvas.setFont(self._base.fontName, 8)
            canvas.setFillColor(MUTED)
            more = "word" if self.placed.left_out == 1 else "words"
            canvas.drawCentredString(
                self.width / 2, 0, f"and {self.placed.left_out} more {more} (in the CSV file)"
            )

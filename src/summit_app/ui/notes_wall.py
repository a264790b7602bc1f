"""The projector's notes wall: themes as coloured columns of cards, any number of notes.

The type is as large as lets every note fit; below a size readable from the back of the
room it stops shrinking and the wall turns into pages that rotate every few seconds
("Page 2 of 5"). Past `MAX_PAGES` the last page says how many notes are not shown
("+37 more"). Painted rather than built from labels, so a wall never grows the window past
the projector; `drawText` takes the note as plain text, so markup shows exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MAX_COLUMNS = 6
MAX_PAGES = 10
ROTATE_S = 10  # seconds a page stays up
WRAP = int(Qt.TextFlag.TextWordWrap)
# Type sizes as a share of the wall's height: the smallest still reads across a hall.
LARGEST, SMALLEST = 1 / 11, 1 / 30


@dataclass(frozen=True)
class WallGroup:
    name: str
    colour: str
    notes: tuple[str, ...]
    theme: str = ""  # the bare name a continued column repeats (`name` may add a count)


@dataclass(frozen=True)
class Block:
    """A theme's header or one note's card, placed in a column."""

    text: str
    colour: str
    height: float
    header: bool


@dataclass
class Page:
    columns: list[list[Block]] = field(default_factory=list)

    def notes(self) -> int:
        return sum(1 for column in self.columns for b in column if not b.header)


class NotesWall(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[WallGroup] = []
        self.pages: list[Page] = []
        self.page = 0
        self.more = 0  # notes that fit on no page
        self.pixel_size = 0  # the notes' type size chosen for this size of wall
        self.column_count = 1
        self._heights: dict[tuple[str, float, float], float] = {}
        self.placed = 0  # cards placed by the last layout, at every size tried (tests read it)
        self.type_basis = 0.0  # the height its type is sized from; 0: the wall's own
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_groups(self, groups: list[WallGroup]) -> None:
        if groups != self.groups:
            self.groups = groups
            self._relayout()

    def set_type_basis(self, height: float) -> None:
        """Size the type from this height rather than the wall's: on the projector, from the
        screen's, so a wall given more of the screen holds more notes, not larger ones."""
        if height != self.type_basis:
            self.type_basis = height
            self._relayout()

    def texts(self) -> list[str]:
        """Every theme and note the wall holds, on every page."""
        return [text for g in self.groups for text in (g.name, *g.notes)]

    def page_texts(self) -> list[str]:
        """What the room sees now: the current page's headers and notes."""
        if not self.pages:
            return []
        return [b.text for column in self.pages[self.page].columns for b in column if b.text]

    def footer(self) -> str:
        if len(self.pages) <= 1 and not self.more:
            return ""
        text = f"Page {self.page + 1} of {len(self.pages)}"
        if self.more and self.page == len(self.pages) - 1:
            text += f" · +{self.more} more"
        return text

    def tick(self, now: datetime) -> None:
        """Turn the page on the room's clock: the projector and the live monitor agree."""
        page = int(now.timestamp() // ROTATE_S) % len(self.pages) if self.pages else 0
        if page != self.page:
            self.page = page
            self.update()

    # -- layout --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._heights.clear()
        self._relayout()

    def _fonts(self, size: int) -> tuple[QFont, QFont]:
        body = QFont(self.font())
        body.setPixelSize(size)
        header = QFont(body)
        header.setPixelSize(round(size * 1.15))
        header.setBold(True)
        return header, body

    def _footer_height(self, size: int) -> float:
        return size * 1.6

    def _columns(self, size: int) -> int:
        # About 22 characters a line at least; never more columns than cards need.
        wanted = int(self.width() // (size * 13)) or 1
        return max(1, min(MAX_COLUMNS, wanted))

    def _layout(self, size: int, limit: int) -> tuple[list[Page], bool]:
        """The pages at this type size, at most `limit` of them; and whether every note
        found a place. It stops at the limit: at 10,000 notes only the first pages' cards
        are measured, whatever the wall holds (laying them all out took 0.1 s a change)."""
        header_font, body_font = self._fonts(size)
        columns = self._columns(size)
        gap, pad = size * 0.45, size * 0.4
        width = (self.width() - gap * (columns - 1)) / columns
        # A wall on one page has no footer: its line is kept only where pages turn. The
        # card's gap below it is not needed under a column's last card.
        height = self.height() - (self._footer_height(size) if limit > 1 else 0) + gap
        header_m, body_m = QFontMetricsF(header_font), QFontMetricsF(body_font)

        def measure(metrics: QFontMetricsF, text: str, inner: float) -> float:
            # Remembered: phones' notes arrive a few at a time, the rest are measured once.
            key = (text, metrics.height(), inner)
            if len(self._heights) > 50_000:
                self._heights.clear()
            if key not in self._heights:
                self._heights[key] = metrics.boundingRect(
                    QRectF(0, 0, inner, 1e6), WRAP, text
                ).height()
            return self._heights[key]

        def card(text: str) -> float:
            return measure(body_m, text, width - 2 * pad) + 2 * pad + gap

        def fits_a_column(group: WallGroup) -> bool:
            total = measure(header_m, group.name, width) + pad
            for text in group.notes:  # stops at the first column's worth, whatever it holds
                total += card(text)
                if total > height:
                    return False
            return True

        pages = [Page([[]])]
        used = 0.0
        # Few themes, each fitting a column: one column each. One running over its column
        # would push the themes after it onto a page of their own, with room left on this one
        # (the demo's 23 notes took two pages, the first a third empty): then themes follow
        # one another down the columns.
        own_columns = len(self.groups) <= columns and all(map(fits_a_column, self.groups))

        class Full(Exception):
            pass

        def next_column() -> None:
            nonlocal used
            used = 0.0
            if len(pages[-1].columns) < columns:
                pages[-1].columns.append([])
            elif len(pages) < limit:
                pages.append(Page([[]]))
            else:
                raise Full

        complete = True
        try:
            for index, group in enumerate(self.groups):
                if index and own_columns:
                    next_column()
                # The theme's header heads its first column; a column it runs on into repeats
                # the name, "continued", as a printed wall would (a colour strip alone read as
                # a stray note under the theme beside it).
                head_h = measure(header_m, group.name, width) + pad
                placed = False
                for text in group.notes:
                    card_h = card(text)
                    if not placed:
                        # A theme starts in the room left under the one before, its header
                        # with its first card (a header alone at a column's foot would not).
                        if used + head_h + card_h > height and pages[-1].columns[-1]:
                            next_column()
                        pages[-1].columns[-1].append(Block(group.name, group.colour, head_h, True))
                        used += head_h
                        placed = True
                    elif used + card_h > height:
                        next_column()
                        name = f"{group.theme or group.name} (continued)"
                        strip = measure(header_m, name, width) + pad
                        pages[-1].columns[-1].append(Block(name, group.colour, strip, True))
                        used += strip
                    pages[-1].columns[-1].append(Block(text, group.colour, card_h, False))
                    used += card_h
                    self.placed += 1
        except Full:
            complete = False
        return [p for p in pages if p.notes()], complete

    def _relayout(self) -> None:
        self.pages, self.more, self.placed = [], 0, 0
        if not self.groups or self.width() < 20 or self.height() < 20:
            self.update()
            return
        basis = self.type_basis or self.height()
        largest = max(5, int(basis * LARGEST))
        smallest = max(4, int(basis * SMALLEST))
        # The largest size at which everything fits one page (fewer pages as type shrinks).
        low, high, best = smallest, largest, None
        while low <= high:
            size = (low + high) // 2
            pages, complete = self._layout(size, 1)
            if complete:
                best, low = (size, pages), size + 1
            else:
                high = size - 1
        if best is not None:
            size, pages = best
        else:
            size = smallest
            pages, complete = self._layout(smallest, MAX_PAGES)
            if not complete:
                total = sum(len(g.notes) for g in self.groups)
                self.more = total - sum(p.notes() for p in pages)
        self.pixel_size, self.pages = size, pages
        self.column_count = self._columns(size)
        self.page = min(self.page, len(pages) - 1) if pages else 0
        self.update()

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.pages:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self.pixel_size
        header_font, body_font = self._fonts(size)
        columns = self.column_count
        gap, pad = size * 0.45, size * 0.4
        width = (self.width() - gap * (columns - 1)) / columns
        for number, column in enumerate(self.pages[self.page].columns):
            left, y = number * (width + gap), 0.0
            for block in column:
                if block.header:
                    painter.fillRect(QRectF(left, y, width, pad * 0.6), QColor(block.colour))
                    painter.setFont(header_font)
                    painter.setPen(QColor(block.colour))
                    painter.drawText(
                        QRectF(left, y + pad * 0.6, width, block.height), WRAP, block.text
                    )
                else:
                    card = QRectF(left, y, width, block.height - gap)
                    painter.fillRect(card, QColor("#fef9c3"))
                    painter.fillRect(
                        QRectF(left, y, pad * 0.4, card.height()), QColor(block.colour)
                    )
                    painter.setFont(body_font)
                    painter.setPen(QColor("#111827"))
                    painter.drawText(card.adjusted(pad, pad, -pad, -pad), WRAP, block.text)
                y += block.height
        footer = self.footer()
        if footer:
            small = QFont(body_font)
            small.setPixelSize(max(4, round(size * 0.8)))
            painter.setFont(small)
            painter.setPen(QColor("#ffffff"))
            area = QRectF(
                0,
                self.height() - self._footer_height(size),
                self.width(),
                self._footer_height(size),
            )
            painter.drawText(
                area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), footer
            )
        painter.end()

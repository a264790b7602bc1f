"""The tabs' own row, right of the last tab: where the window's banners show.

A banner arriving mid-session (the file moved away, phones stranded, the port moved) must
not push the tabs down under the facilitator's pointer, and a line kept empty for it over
the tabs cost every page its height (the Run tab scrolled during a talk in the window's
first size on a 1366x768 laptop). The tab row is there anyway, and its right-hand part is
empty: this corner takes all of it, so the tabs keep their place and their full width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTabWidget, QWidget

GAP = 12  # between the last tab and a banner
# In a window narrowed (the presenter strip folded away), a banner that is showing keeps
# this much room for its words besides its button: the tabs make way (they scroll),
# rather than the banner going unseen.
LEAST_WORDS = 240


class TabCorner(QWidget):
    """The tab widget's top-right corner widget, as wide as the room the tabs leave.

    QTabWidget gives its corner widget the width of its size hint and the tabs the rest:
    the hint is that rest, read afresh at each layout (a resize, a tab's new text)."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__()
        self._tabs = tabs
        tabs.setCornerWidget(self)

    def sizeHint(self) -> QSize:  # noqa: N802
        room = self._tabs.width() - self._tabs.tabBar().sizeHint().width() - GAP
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for banner in self.findChildren(QWidget, options=direct):
            if banner.isVisibleTo(self):
                room = max(room, banner.minimumSizeHint().width() + LEAST_WORDS)
        return QSize(max(room, 0), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

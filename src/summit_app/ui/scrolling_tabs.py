"""Tabs whose pages scroll when the window is smaller than a page wants to be.

A 1366x768 laptop with a task bar, or 1920x1080 at 150%, leaves the control window about
1280x650: the Notes tab alone wanted 513 pixels of height, and with the preview/live strip
under it the window could not be made small enough to show the strip. Each page sits in a
scroll area that gives it all the room there is and scrolls only when there is less than
its minimum. `widget()`, `indexOf()`, `currentWidget()` and `setCurrentWidget()` speak of
the pages themselves, not of their scroll areas, so callers need not know.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class ScrollingTabs(QTabWidget):
    def addTab(self, page: QWidget, label: str) -> int:  # type: ignore[override]  # noqa: N802
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return super().addTab(scroll, label)

    def widget(self, index: int) -> QWidget | None:
        scroll = super().widget(index)
        return scroll.widget() if isinstance(scroll, QScrollArea) else scroll

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]  # noqa: N802
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        for index in range(self.count()):
            if self.widget(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


def behind(page: QWidget) -> bool:
    """Whether `page` is out of sight in a window that is on screen: another tab is in
    front. Such a page may redraw when it is shown rather than on every change (with
    phones voting, the tabs behind redrawing on every edit stalled the window;
    bench/live_edits.py). A page of a window not shown (being built, or a test's) is
    never behind: it redraws when told."""
    return not page.isVisible() and page.window().isVisible()

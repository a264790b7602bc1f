"""The Write-up tab's annex page: which speakers' slides the pack carries, with captions.

Each deck of the day, in the agenda's order, with its slides beneath it: tick a slide (or a
whole deck) to put it in the annex, and type its caption beside it; choose one or two
slides to a page. Every change is one undoable command; the preview follows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.changes import Area, Changes
from summit_app.ui import commands, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession
from summit_app.ui.slide_images import SlideImages

THUMB = QSize(96, 54)
SLIDE_ROLE = Qt.ItemDataRole.UserRole  # (deck id, page) of a slide's row; (deck id, -1) a deck's
PER_PAGE = (("One slide to a page", 1), ("Two slides to a page", 2))


class AnnexPage(QWidget):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.images = SlideImages(session, self)
        self.title = QLabel("Annex: the speakers' slides in the pack")
        self.title.setStyleSheet("font-weight: 700;")
        self.hint = QLabel(
            "Tick the slides the pack should carry and give each a caption. They are printed"
            " in the agenda's order; the PDF keeps them as the slides themselves (sharp and"
            " searchable)."
        )
        self.hint.setWordWrap(True)
        self.per_page = QComboBox()
        describe(self.per_page, "How many slides the annex prints on a page.", "Slides to a page")
        for text, value in PER_PAGE:
            self.per_page.addItem(text, value)
        self.per_page.activated.connect(self._per_page_chosen)
        self.tree = QTreeWidget()
        describe(
            self.tree,
            "Each deck and its slides: tick one to put it in the annex; its caption beside it.",
            "Slides in the annex",
        )
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Slide", "Caption in the pack"])
        self.tree.setIconSize(THUMB)
        self.tree.setColumnWidth(0, 240)
        self.tree.itemChanged.connect(self._item_changed)
        self.empty = QLabel("No item has slides yet: add a deck from the Agenda tab (Slides).")
        self.empty.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("Print"))
        row.addWidget(self.per_page)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self._filling = False
        # Rebuilt after the event that changed it: never inside a row's own signal.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.reload)
        self.images.rendered.connect(self._fill_icons)
        session.changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.SLIDES, Area.WRITEUP, Area.AGENDA):
            self._soon.start()

    def reload(self) -> None:
        if not self.session.is_open:
            return
        summit = self.session.summit
        decks = summit.decks.all()
        picked = {(a.deck_id, a.page): a.caption for a in summit.decks.annex()}
        titles = {item.id: item.title for item in summit.agenda.items()}
        per_page = summit.decks.annex_per_page()
        self.per_page.setCurrentIndex(0 if per_page == 1 else 1)
        self.empty.setVisible(not decks)
        self._filling = True
        try:
            self.tree.clear()
            for deck in decks:
                top = QTreeWidgetItem(self.tree)
                top.setText(0, f"{titles.get(deck.item_id, '')}: {deck.name}")
                top.setToolTip(0, f"{deck.name}, {deck.pages} slides")
                top.setData(0, SLIDE_ROLE, (deck.id, -1))
                chosen = sum((deck.id, page) in picked for page in range(deck.pages))
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                top.setCheckState(0, _state(chosen, deck.pages))
                for page in range(deck.pages):
                    entry = QTreeWidgetItem(top)
                    entry.setText(0, f"Slide {page + 1}")
                    entry.setData(0, SLIDE_ROLE, (deck.id, page))
                    entry.setFlags(
                        entry.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
                    )
                    included = (deck.id, page) in picked
                    entry.setCheckState(
                        0, Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
                    )
                    entry.setText(1, picked.get((deck.id, page), ""))
                    self.images.prepare(deck, page, self._pixels())
                top.setExpanded(True)
        finally:
            self._filling = False
        self._fill_icons()

    def _pixels(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(round(THUMB.width() * ratio), round(THUMB.height() * ratio))

    def _rows(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """Each deck's row with its slides' rows."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                children = [top.child(n) for n in range(top.childCount())]
                rows.append((top, [c for c in children if c is not None]))
        return rows

    def _fill_icons(self) -> None:
        self._filling = True
        try:
            for top, slides in self._rows():
                deck = self.images.deck(top.data(0, SLIDE_ROLE)[0])
                if deck is None:
                    continue
                for page, entry in enumerate(slides):
                    if entry.data(1, SLIDE_ROLE):
                        continue
                    image = self.images.cached(deck, page, self._pixels())
                    if image is not None:
                        entry.setIcon(0, QIcon(QPixmap.fromImage(image)))
                        entry.setData(1, SLIDE_ROLE, True)
        finally:
            self._filling = False

    # -- the team's choices --------------------------------------------------------------

    def _item_changed(self, entry: QTreeWidgetItem, column: int) -> None:
        if self._filling:
            return
        deck_id, page = entry.data(0, SLIDE_ROLE)
        if page < 0:
            if column == 0:
                included = entry.checkState(0) != Qt.CheckState.Unchecked
                dialogs.attempt(
                    self, lambda: commands.set_annex_deck(self.session, deck_id, included)
                )
            self._soon.start()  # a refusal, too, shows the choices as they are
            return
        caption = entry.text(1).strip()
        included = entry.checkState(0) == Qt.CheckState.Checked or (column == 1 and bool(caption))
        dialogs.attempt(
            self,
            lambda: commands.set_annex_slide(self.session, deck_id, page, included, caption),
        )
        self._soon.start()

    def set_slide(self, deck_id: int, page: int, included: bool, caption: str = "") -> None:
        """As ticking the slide and typing its caption (scripts and tests)."""
        for _top, slides in self._rows():
            for entry in slides:
                if entry.data(0, SLIDE_ROLE) == (deck_id, page):
                    self._filling = True
                    entry.setText(1, caption)
                    self._filling = False
                    entry.setCheckState(
                        0, Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
                    )
                    return

    def _per_page_chosen(self) -> None:
        value = int(self.per_page.currentData())
        if value != self.session.summit.decks.annex_per_page():
            dialogs.attempt(self, lambda: commands.set_annex_per_page(self.session, value))


def _state(chosen: int, pages: int) -> Qt.CheckState:
    if chosen == 0:
        return Qt.CheckState.Unchecked
    return Qt.CheckState.Checked if chosen == pages else Qt.CheckState.PartiallyChecked

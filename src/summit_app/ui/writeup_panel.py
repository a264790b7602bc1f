"""The Write-up workspace: the programme team edits what the pack says, and sees the pack.

Left, the pack's outline (introduction, each section's items and blocks of text, actions,
closing pages); in the middle, the editor for the part chosen; right, the pack as it would
be exported now, rebuilt a moment after each edit. Every edit is one undoable command.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import Item, NarrativeBlock
from summit_app.ui import dialogs, shortcuts
from summit_app.ui import writeup_commands as wc
from summit_app.ui.accessible import describe
from summit_app.ui.guard import Guarded
from summit_app.ui.scrolling_tabs import behind
from summit_app.ui.session import SummitSession
from summit_app.ui.writeup_annex import AnnexPage
from summit_app.ui.writeup_closing import ActionsPage, PackPage
from summit_app.ui.writeup_outline import Key, WriteupOutline
from summit_app.ui.writeup_pages import SpeakerPage, TextPage
from summit_app.ui.writeup_preview import PackPreview

NEW_BLOCK_TEXT = "New text: type what the pack should say here."
TEXT_KINDS = {"introduction", "section", "item", "prompt", "theme", "block"}


class WriteupPanel(QWidget):
    typing_expected = True  # its lists keep their keys: see keys.py

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.outline = WriteupOutline()
        describe(self.outline, "The pack's parts in order; choose one to edit it.")
        self.outline.currentItemChanged.connect(lambda *_: self._selected())
        self.text_page = TextPage(session)
        self.speaker_page = SpeakerPage(session)
        self.actions_page = ActionsPage(session)
        self.pack_page = PackPage(session)
        self.annex_page = AnnexPage(session)
        self.pages = QStackedWidget()
        pages = (self.text_page, self.speaker_page, self.actions_page, self.pack_page)
        for page in (*pages, self.annex_page):
            self.pages.addWidget(page)
        self.preview = PackPreview(session.path)
        self.buttons: dict[str, QPushButton] = {}
        tools = QHBoxLayout()
        tips = {"add": "Add a block of formatted text after the part chosen"}
        for key, text, slot, keys in (
            # A nervous double click adds one block, not two.
            ("add", "Add text", Guarded(self.add_block), "Ctrl+Shift+T"),
            ("up", "Up", lambda: self.shift_block(-1), ""),
            ("down", "Down", lambda: self.shift_block(+1), ""),
            ("remove", "Remove text", self.remove_block, ""),
        ):
            button = QPushButton(text)
            button.setToolTip(tips.get(key, ""))
            button.clicked.connect(slot)
            if keys:
                shortcuts.bind(self, button, keys, slot)
            tools.addWidget(button)
            self.buttons[key] = button
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tools)
        column.addWidget(self.outline, 1)
        self.splitter = QSplitter()
        for widget in (left, self.pages, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([300, 460, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        session.changed.connect(self._on_changes)
        session.closed.connect(self._closing)
        self._stale = True
        self._outline_stale = False  # changed while another tab was in front
        self._shown: Key | None = None  # the part whose page the preview was last sent to
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.AGENDA, Area.INFO, Area.WRITEUP, Area.SLIDES) or (
            changes.touches(Area.NOTES) and changes.origin is not Origin.PHONES
        ):
            self._outline_changed()  # the outline shows these (phones only add notes)
        elif changes.touches(Area.NOTES, Area.POLLS, Area.BALLOTS, Area.PEOPLE):
            self._pack_changed()

    def reload(self) -> None:
        if not self.session.is_open:
            return
        self._outline_stale = False
        self.outline.reload(self.session.summit)
        self._selected()
        self._pack_changed()

    def _outline_changed(self) -> None:
        """Rebuild the outline now, or when the tab is shown if another tab is in front:
        with phones voting, rebuilding it on every note hidden or item started while the
        facilitator worked in the Notes or Run tab took 9-49 ms a time (bench/live_edits.py)."""
        if behind(self):
            self._outline_stale = True
        else:
            self.reload()

    def _pack_changed(self) -> None:
        """Rebuild the preview, now if the workspace is showing, else when it is shown."""
        self._stale = True
        if self.isVisible():
            self._stale = False
            self.preview.request()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._outline_stale:
            self.reload()
        elif self._stale:
            self._pack_changed()

    def _selected(self) -> None:
        key = self.outline.key()
        if key is None:
            return
        current = self.pages.currentWidget()
        target = self._page_for(key[0])
        if current is not target and hasattr(current, "leave"):
            current.leave()
        kind, ident = key
        if kind in TEXT_KINDS:
            self.text_page.show_key(key)
        elif kind == "speaker":
            assert ident is not None
            self.speaker_page.show_speaker(ident)
        elif kind == "actions":
            self.actions_page.reload()
        elif kind == "annex":
            self.annex_page.reload()
        else:
            self.pack_page.reload()
        self.pages.setCurrentWidget(target)
        is_block = kind == "block"
        self.buttons["up"].setEnabled(is_block)
        self.buttons["down"].setEnabled(is_block)
        self.buttons["remove"].setEnabled(is_block)
        self.buttons["add"].setEnabled(kind not in ("actions", "pack", "annex"))
        heading = self._heading_of(key) if key != self._shown else None
        self._shown = key  # a reload of the same part leaves the preview where it was
        if heading:
            titles = [s.title for s in self.session.summit.agenda.sections()]
            self.preview.show_heading(heading, ["Introduction", *titles])

    def _page_for(self, kind: str) -> QWidget:
        if kind in TEXT_KINDS:
            return self.text_page
        pages = {"speaker": self.speaker_page, "actions": self.actions_page}
        return {**pages, "annex": self.annex_page}.get(kind, self.pack_page)

    def _heading_of(self, key: Key) -> str | None:
        if key[0] == "annex":
            return "Annex: slides"
        place = self._place(key)
        if place is None:
            return None
        section_id, _ = place
        if section_id is None:
            return "Introduction"
        return self.session.summit.agenda.section(section_id).title

    # -- blocks of text ------------------------------------------------------------------

    def _place(self, key: Key) -> tuple[int | None, int] | None:
        """Where a new block goes for this selection: (section, index in its flow)."""
        s = self.session.summit
        kind, ident = key
        if kind == "introduction":
            return None, len(s.writeup.narrative_blocks(None))
        if kind == "section":
            return ident, 0
        if kind == "block":
            assert ident is not None
            section_id = s.writeup.narrative_block(ident).section_id
            return section_id, _index(s.writeup.flow(section_id), "block", ident) + 1
        item_id = {
            "item": lambda: ident,
            "speaker": lambda: next(x.item_id for x in s.agenda.speakers() if x.id == ident),
            "prompt": lambda: s.agenda.prompt(ident).item_id,  # type: ignore[arg-type]
            "theme": lambda: s.agenda.prompt(s.notes.theme(ident).prompt_id).item_id,  # type: ignore[arg-type]
        }.get(kind)
        if item_id is None:
            return None
        item = s.agenda.item(item_id())  # type: ignore[arg-type]
        return item.section_id, _index(s.writeup.flow(item.section_id), "item", item.id) + 1

    def add_block(self) -> None:
        key = self.outline.key()
        place = self._place(key) if key is not None else None
        if place is None:
            return
        self._leave()
        section_id, index = place
        block = dialogs.attempt(
            self, lambda: wc.add_block(self.session, section_id, NEW_BLOCK_TEXT, index)
        )
        if block is not None:
            self.outline.select(("block", block.id))
            self.text_page.editor.setFocus()
            self.text_page.editor.selectAll()

    def shift_block(self, delta: int) -> None:
        key = self.outline.key()
        if key is not None and key[0] == "block" and key[1] is not None:
            self._leave()
            block_id = key[1]
            dialogs.attempt(self, lambda: wc.shift_block(self.session, block_id, delta) or True)
            self.outline.select(key)

    def remove_block(self) -> None:
        """Remove the chosen block; Edit › Undo brings it back, so nothing is asked."""
        key = self.outline.key()
        if key is not None and key[0] == "block" and key[1] is not None:
            self.text_page.editor.discard()
            block_id = key[1]
            dialogs.attempt(self, lambda: wc.remove_block(self.session, block_id) or True)

    def _closing(self) -> None:
        """The file is closing (Ctrl+W, quitting): typing not saved yet is saved first."""
        self._leave()
        self.preview.stop()

    def _leave(self) -> None:
        page = self.pages.currentWidget()
        if hasattr(page, "leave"):
            page.leave()


def _index(flow: list[Item | NarrativeBlock], kind: str, ident: int) -> int:
    wanted = Item if kind == "item" else NarrativeBlock
    return next(i for i, e in enumerate(flow) if isinstance(e, wanted) and e.id == ident)

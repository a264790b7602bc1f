"""The write-up's outline: the pack's parts in reading order, for choosing what to edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from summit_app.core import Summit
from summit_app.core.model import ItemKind, NarrativeBlock
from summit_app.ui import contrast

KEY_ROLE = Qt.ItemDataRole.UserRole  # (kind, id): what the entry edits
LABEL_CHARS = 70
KIND_WORDS = {
    ItemKind.TALK: "Talk",
    ItemKind.DISCUSSION: "Discussion",
    ItemKind.VOTE: "Vote",
    ItemKind.RANKING: "Ranking",
    ItemKind.BREAK: "Break",
    ItemKind.OTHER: "Item",
}

Key = tuple[str, int | None]


class WriteupOutline(QTreeWidget):
    """The introduction, each section's flow (items, their speakers, questions and themes,
    and the team's blocks of text between them), the actions, the closing and the options."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Write-up outline")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)

    def key(self) -> Key | None:
        item = self.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None

    def reload(self, summit: Summit) -> None:
        current = self.key()
        expanded = {
            self.topLevelItem(i).data(0, KEY_ROLE)
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).isExpanded()
        }
        first_load = self.topLevelItemCount() == 0
        self.blockSignals(True)
        try:
            self.clear()
            self._fill(summit)
        finally:
            self.blockSignals(False)
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            top.setExpanded(first_load or top.data(0, KEY_ROLE) in expanded)
        if not self.select(current or ("introduction", None)):
            self.select(("introduction", None))

    def select(self, key: Key) -> bool:
        for entry in self._entries():
            if entry.data(0, KEY_ROLE) == key:
                parent = entry.parent()
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()
                self.setCurrentItem(entry)
                return True
        return False

    def _entries(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            entry = stack.pop(0)
            found.append(entry)
            stack[0:0] = [entry.child(i) for i in range(entry.childCount())]
        return found

    def _fill(self, s: Summit) -> None:
        # Read each kind once, not per item: a long day's outline rebuilt in 26-66 ms
        # with queries per item (bench/writeup_preview.py), on every save.
        speakers: dict[int, list] = {}
        for speaker in s.agenda.speakers():
            speakers.setdefault(speaker.item_id, []).append(speaker)
        prompts: dict[int, list] = {}
        for prompt in s.agenda.prompts():
            prompts.setdefault(prompt.item_id, []).append(prompt)
        themes: dict[int, list] = {}
        for theme in s.notes.themes():
            themes.setdefault(theme.prompt_id, []).append(theme)
        intro = _entry(self, "Introduction", ("introduction", None), bool(s.info().introduction))
        for block in s.writeup.narrative_blocks(None):
            _block_entry(intro, block)
        for number, section in enumerate(s.agenda.sections(), start=1):
            top = _entry(self, f"Section {number}: {section.title}", ("section", section.id), True)
            for entry in s.writeup.flow(section.id):
                if isinstance(entry, NarrativeBlock):
                    _block_entry(top, entry)
                    continue
                label = f"{KIND_WORDS[entry.kind]}: {entry.title}"
                item = _entry(top, label, ("item", entry.id), bool(entry.writeup.strip()))
                for speaker in speakers.get(entry.id, ()):
                    _entry(item, f"Speaker: {speaker.name}", ("speaker", speaker.id), True)
                for prompt in prompts.get(entry.id, ()):
                    question = _entry(item, f"Question: {prompt.text}", ("prompt", prompt.id), True)
                    for theme in themes.get(prompt.id, ()):
                        _entry(question, f"Theme: {theme.name}", ("theme", theme.id), True)
        _entry(self, "Actions and commitments", ("actions", None), bool(s.people.actions()))
        _entry(self, "Closing pages and what the pack includes", ("pack", None), True)
        if s.decks.all():  # the speakers' slides the pack's annex carries
            _entry(self, "Annex: slides", ("annex", None), bool(s.decks.annex()))


def _block_entry(parent: QTreeWidgetItem, block: NarrativeBlock) -> None:
    first = block.title or next((line for line in block.text.splitlines() if line.strip()), "")
    entry = _entry(parent, f"¶ {first}", ("block", block.id), True)
    entry.setToolTip(0, block.text[:600])


def _entry(parent: QTreeWidget | QTreeWidgetItem, label: str, key: Key, written: bool):
    entry = QTreeWidgetItem(parent)  # type: ignore[arg-type]
    short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
    entry.setText(0, short)
    entry.setToolTip(0, label)
    entry.setData(0, KEY_ROLE, key)
    if not written:
        # Nothing written for the pack here yet.
        entry.setForeground(0, QBrush(contrast.quiet(QGuiApplication.palette())))
    return entry

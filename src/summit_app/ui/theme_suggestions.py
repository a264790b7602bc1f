"""Suggest themes, or sort notes into themes, for one prompt: the facilitator decides.

The model runs on the task runner (core/themes.py, offline); a progress bar shows when it
takes more than half a second. Suggestions are a tree: each proposed theme (its name
editable, from the notes' own words) with its notes and their fit, the least sure marked;
new notes that fit an existing theme are offered to it with the fit. The facilitator
renames, moves notes, merges, splits or discards, then accepts: one undo step
("Accept suggested themes"), through the same command as by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.model import Note, Theme
from summit_app.core.presenting import plural
from summit_app.ui import commands, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession
from summit_app.ui.tasks import TaskRunner

NOTE_ROLE = Qt.ItemDataRole.UserRole
FIT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # None for a new theme, or the existing theme's id
PROGRESS_AFTER_S = 0.5
OPEN_UP_TO = 40  # rows (themes and notes) shown open; more: each theme closed, to open
# Fewer selected notes not in a theme than this are suggested for with the prompt's others:
# one clicked note made "1 new theme suggested" of itself.
FEWEST_SELECTED = 3


@dataclass(frozen=True)
class Row:
    note_id: int
    fit: float
    doubtful: bool  # marked ?
    ticked: bool  # a suggested theme's least sure notes stay ticked; a doubtful placement waits
    sure: float | None = None  # sorted: the share of its closeness that goes to this theme


@dataclass(frozen=True)
class Group:
    name: str
    theme_id: int | None  # an existing theme, or None for a new one
    rows: tuple[Row, ...]


class ThemeSuggestions(QDialog):
    """Suggest themes (mode "suggest") or sort into named themes (mode "sort")."""

    def __init__(
        self,
        session: SummitSession,
        prompt_id: int,
        note_ids: list[int] | None = None,
        mode: str = "suggest",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.prompt_id = prompt_id
        self.mode = mode
        self.count: int | None = None
        self.tasks = TaskRunner(self, name="summit-themes")
        self._progress = 0.0
        self._started = 0.0
        self._notes: dict[int, Note] = {}
        self._existing: list[Theme] = []
        self._edited = False  # renamed, moved, ticked... since the suggestions were shown
        summit = session.summit
        visible = summit.notes.notes(prompt_id, include_hidden=False)
        chosen = set(note_ids or [])
        loose = {n.id for n in visible if n.theme_id is None}
        picked = len(chosen & loose)
        # What was grouped is said: a rehearsal's one clicked note made a theme of itself.
        self.scope = f"the prompt's {plural(len(loose), 'note')} not in a theme"
        if chosen and picked < FEWEST_SELECTED and mode == "suggest":
            self.scope += (
                f" ({plural(picked, 'selected note')} {'is' if picked == 1 else 'are'} too few"
                f" to group: select {FEWEST_SELECTED} or more to group only those)"
            )
            chosen = set()
        elif chosen:
            self.scope = (
                f"the {plural(picked, 'selected note')} (not the prompt's other"
                f" {len(loose) - picked} not in a theme)"
            )
        # A selection is suggested for on its own; the themes keep what they hold.
        self._notes = {
            n.id: n for n in visible if not chosen or n.id in chosen or n.theme_id is not None
        }
        self._existing = summit.notes.themes(prompt_id)
        self.setWindowTitle("Suggest themes" if mode == "suggest" else "Sort into themes")
        self.resize(760, 620)

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        describe(self.progress, "How far the model has got with the notes.", "Progress")
        self.names = QPlainTextEdit()
        describe(self.names, "The themes to sort into, one a line.", "Theme names")
        self.names.setPlaceholderText("One theme name a line")
        self.names.setMaximumHeight(110)
        self.names.setPlainText("\n".join(t.name for t in self._existing))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        # One figure in both modes: a rehearsal read Sort's "100% sure" (its share of
        # closeness) for a note Suggest had marked ? at a fit of 46%.
        self.tree.setHeaderLabels(["Theme and notes", "Fit"])
        header = self.tree.headerItem()
        if header is not None:
            header.setToolTip(
                1,
                "How close each note is to its theme (the model's measure); the ones"
                " marked ? fit less than half, or fit another theme almost as well.",
            )
        self.tree.setColumnWidth(0, 580)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setWordWrap(True)
        describe(
            self.tree,
            "Suggested themes with their notes and how well each fits; untick what you do"
            " not want, double-click a theme to rename it.",
            "Suggested themes",
        )

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        specs: list[tuple[str, str, Callable[[], None]]] = []
        if mode == "suggest":
            specs += [("fewer", "Fewer themes", self.fewer), ("more", "More themes", self.more)]
        else:
            specs += [("sort", "Sort", self.sort)]
        specs += [
            ("merge", "Merge", self.merge),
            ("split", "Split", self.split),
            ("discard", "Discard", self.discard),
        ]
        for key, text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        self.move_button = QPushButton("Move to ▸")
        self.move_button.clicked.connect(self._move_menu)
        row.addWidget(self.move_button)
        row.addStretch(1)
        self.accept_button = QPushButton("Accept ticked")
        self.accept_button.clicked.connect(self.accept_ticked)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        row.addWidget(self.accept_button)
        row.addWidget(close)
        # No default button: Enter ends a rename, and a second Enter ran "Fewer themes" (the
        # first button, made default by QDialog) and the name went back. Accepting writes
        # every ticked theme at once and Close drops the work: neither on a stray Enter.
        for button in (*self.buttons.values(), self.move_button, self.accept_button, close):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        if mode == "sort":
            layout.addWidget(QLabel("Sort into these themes (type or edit the names):"))
            layout.addWidget(self.names)
        else:
            self.names.hide()
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self.tree.itemSelectionChanged.connect(self._sync_buttons)
        self.tree.itemChanged.connect(self._changed)
        self._sync_buttons()
        self.info.setText(f"{'Grouping' if mode == 'suggest' else 'To sort'}: {self.scope}.")
        if mode == "suggest":
            self.run()

    # -- running the model ---------------------------------------------------------------

    def _changed(self) -> None:
        self._edited = True

    def _again(self) -> bool:
        """Whether to run the model again: asked once the facilitator has changed the
        suggestions, as a new run replaces them."""
        again = "Sort again" if self.mode == "sort" else "Suggest again"
        return not self._edited or dialogs.confirm(
            self,
            again,
            f"{again}? Your renames, moves and ticks here will be lost.",
            risky=True,
        )

    def run(self) -> None:
        notes = list(self._notes.values())
        if self.mode == "suggest":
            existing, count = self._existing, self.count

            def work() -> list[Group]:
                return _suggested(notes, existing, count, self._report)
        else:
            names = [n.strip() for n in self.names.toPlainText().splitlines() if n.strip()]
            if not names:
                dialogs.error(self, "Type the names of the themes to sort into, one a line.")
                return
            existing = self._existing

            def work() -> list[Group]:
                return _sorted(notes, existing, names, self._report)

        self._progress = 0.0
        self._started = time.monotonic()
        self._timer.start()
        self.setEnabled(False)
        self.tasks.run(work, self._shown, self._failed)

    def _report(self, share: float) -> None:  # on the worker thread: only a float is set
        self._progress = share

    def _show_progress(self) -> None:
        if time.monotonic() - self._started > PROGRESS_AFTER_S:
            self.progress.show()
            self.progress.setValue(int(self._progress * 100))

    def _finish(self) -> None:
        self._timer.stop()
        self.progress.hide()
        self.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self._finish()
        dialogs.error(self, f"Themes could not be suggested: {error}")

    def _shown(self, groups: list[Group]) -> None:
        self._finish()
        self.tree.clear()
        items = [self._add_group(group) for group in groups]
        if sum(len(g.rows) + 1 for g in groups) <= OPEN_UP_TO:
            self.tree.expandAll()
        else:
            # A rehearsal with 5,000 notes showed the first theme's 898 notes and no other
            # theme: the themes' names and counts first, open where a note waits for a tick.
            for item, group in zip(items, groups, strict=True):
                item.setExpanded(any(not r.ticked for r in group.rows))
        self._edited = False  # building the rows changed them: not the facilitator
        new = sum(g.theme_id is None for g in groups)
        offered = sum(len(g.rows) for g in groups if g.theme_id is not None)
        loose = sum(n.theme_id is None for n in self._notes.values())
        if self.mode == "suggest" and not loose:
            # A rehearsal read "0 new themes suggested. Notes marked ? ..." here, with no why.
            self.info.setText(
                "Every note here is already in a theme, so there is nothing new to group."
                " Suggestions are for notes not yet in a theme: take notes out of a theme,"
                " or remove a theme, to have them grouped again."
            )
            for key in ("fewer", "more"):
                self.buttons[key].setEnabled(False)
            self._sync_buttons()
            return
        if self.mode == "sort":
            # Not "1 new theme suggested; 5 notes offered to themes you have", as a rehearsal
            # read it: the facilitator named the themes.
            placed = sum(len(g.rows) for g in groups)
            waiting = sum(not r.ticked for g in groups for r in g.rows)
            self.info.setText(
                f"{plural(placed, 'note')} sorted into {plural(len(groups), 'theme')}"
                + (f" ({new} of them new)" if new else "")
                + (f". The {waiting} marked ? are the least sure and not ticked" if waiting else "")
                + ": tick or untick, move notes, then Accept ticked (one step of Edit › Undo)."
                + f" Sorted {self.scope}."
            )
            self._sync_buttons()
            return
        words = f"{plural(new, 'new theme')} suggested"
        if offered:
            words += f"; {plural(offered, 'note')} offered to themes you have"
            waiting = sum(not r.ticked for g in groups if g.theme_id is not None for r in g.rows)
            if waiting:
                words += f" ({waiting} of them unsure, so not ticked)"
        # "Notes marked ?" only where there are some (a rehearsal read it over none).
        marked = any(r.doubtful for g in groups for r in g.rows)
        self.info.setText(
            f"Grouped {self.scope}. {words}."
            + (" Notes marked ? are the least sure: check them." if marked else "")
            + " Tick or untick, rename a theme with a double-click, then Accept ticked (one"
            " step of Edit › Undo)."
        )
        self._sync_buttons()

    def _add_group(self, group: Group) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree)
        item.setText(0, group.name if group.theme_id is None else f"Into “{group.name}”")
        item.setData(0, GROUP_ROLE, group.theme_id)
        item.setData(0, NOTE_ROLE, group.name)
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        if group.theme_id is None:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        # One insertion a theme, not one a note (5,000 notes are built on the GUI thread).
        item.addChildren([self._note_item(row) for row in group.rows])
        self._count(item)
        return item

    def _note_item(self, row: Row) -> QTreeWidgetItem:
        note = self._notes[row.note_id]
        child = QTreeWidgetItem()
        child.setText(0, ("? " if row.doubtful else "") + note.text)
        child.setText(1, f"{row.fit:.0%}")
        child.setData(0, NOTE_ROLE, row.note_id)
        child.setData(0, FIT_ROLE, row.fit)
        child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        child.setCheckState(0, Qt.CheckState.Checked if row.ticked else Qt.CheckState.Unchecked)
        if row.doubtful:
            child.setForeground(0, QBrush(QColor("#9a3412")))
            child.setToolTip(
                0,
                "The model is least sure of this note."
                if row.ticked
                else "The model is not sure this note belongs here: tick it to accept it.",
            )
        if row.sure is not None:
            share = "over 99%" if row.sure >= 0.995 else f"{row.sure:.0%}"
            child.setToolTip(
                1,
                f"Fits the theme (its name and the other notes in it) {row.fit:.0%}; of the"
                f" themes, this one has {share} of its closeness.",
            )
        return child

    def _count(self, group: QTreeWidgetItem) -> None:
        group.setText(1, plural(group.childCount(), "note"))

    # -- the facilitator's changes -------------------------------------------------------

    def fewer(self) -> None:
        if self._again():
            self.count = max(2, self._new_count() - 1)
            self.run()

    def more(self) -> None:
        if self._again():
            self.count = self._new_count() + 1
            self.run()

    def sort(self) -> None:
        if self._again():
            self.run()

    def _new_count(self) -> int:
        return sum(1 for g in self._groups() if g.data(0, GROUP_ROLE) is None) or 3

    def _groups(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [g for g in found if g is not None]

    def _selected_groups(self) -> list[QTreeWidgetItem]:
        return [i for i in self.tree.selectedItems() if i.parent() is None]

    def _selected_notes(self) -> list[QTreeWidgetItem]:
        return [i for i in self.tree.selectedItems() if i.parent() is not None]

    def merge(self) -> None:
        """The selected new themes become the first of them."""
        groups = [g for g in self._selected_groups() if g.data(0, GROUP_ROLE) is None]
        if len(groups) < 2:
            return
        into = groups[0]
        for group in groups[1:]:
            for child in group.takeChildren():
                into.addChild(child)
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        self._count(into)
        into.setExpanded(True)
        self._edited = True

    def split(self) -> None:
        """The selected new theme in two, by the model (the notes are embedded already)."""
        groups = [g for g in self._selected_groups() if g.data(0, GROUP_ROLE) is None]
        if len(groups) != 1 or groups[0].childCount() < 2:
            return
        group = groups[0]
        ids = [child.data(0, NOTE_ROLE) for child in _children(group)]
        notes = [self._notes[i] for i in ids]
        self.setEnabled(False)

        def done(parts: list[Group]) -> None:
            self.setEnabled(True)
            index = self.tree.indexOfTopLevelItem(group)
            self.tree.takeTopLevelItem(index)
            for part in reversed(parts):
                item = self._add_group(part)
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
                self.tree.insertTopLevelItem(index, item)
                item.setExpanded(True)
            self._edited = True

        self.tasks.run(lambda: _suggested(notes, [], 2, None), done, self._failed)

    def discard(self) -> None:
        """Selected themes and notes leave the suggestion (the notes stay unsorted)."""
        for item in self._selected_notes():
            parent = item.parent()
            if parent is not None:
                parent.removeChild(item)
                self._count(parent)
        for group in self._selected_groups():
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        self._edited = True

    def move_to(self, target: QTreeWidgetItem) -> None:
        for item in self._selected_notes():
            parent = item.parent()
            if parent is not None and parent is not target:
                parent.removeChild(item)
                target.addChild(item)
                self._count(parent)
        self._count(target)
        target.setExpanded(True)
        self._edited = True

    def _move_menu(self) -> None:
        menu = QMenu(self)
        for group in self._groups():
            menu.addAction(group.text(0), _bound(self.move_to, group))
        menu.exec(self.move_button.mapToGlobal(self.move_button.rect().bottomLeft()))

    def _sync_buttons(self) -> None:
        groups = [g for g in self._selected_groups() if g.data(0, GROUP_ROLE) is None]
        self.buttons["merge"].setEnabled(len(groups) >= 2)
        self.buttons["split"].setEnabled(len(groups) == 1 and groups[0].childCount() >= 2)
        self.buttons["discard"].setEnabled(bool(self.tree.selectedItems()))
        self.move_button.setEnabled(bool(self._selected_notes()))
        self.accept_button.setEnabled(self.tree.topLevelItemCount() > 0)

    # -- accepting -----------------------------------------------------------------------

    def accept_ticked(self) -> None:
        """Ticked themes and notes written as by hand, as one undo step."""
        from summit_app.core.themes import Draft, Offer

        drafts: list[Draft] = []
        offers: list[Offer] = []
        for group in self._groups():
            if group.checkState(0) != Qt.CheckState.Checked:
                continue
            rows = [
                (child.data(0, NOTE_ROLE), child.data(0, FIT_ROLE))
                for child in _children(group)
                if child.checkState(0) == Qt.CheckState.Checked
            ]
            theme_id = group.data(0, GROUP_ROLE)
            existing = next((t for t in self._existing if t.name == group.text(0)), None)
            if theme_id is None and existing is not None:
                theme_id = existing.id  # sorting into a name that is already a theme
            if theme_id is not None:
                offers += [Offer(n, theme_id, fit, 1.0) for n, fit in rows]
            elif rows:
                name = group.text(0).strip() or "Theme"
                drafts.append(Draft(name, tuple(n for n, _ in rows), tuple(f for _, f in rows)))
        if not drafts and not offers:
            return
        done = dialogs.attempt(
            self, lambda: commands.accept_themes(self.session, self.prompt_id, drafts, offers)
        )
        if done is not None:
            self.accept()

    def reject(self) -> None:
        """Close, Escape or the window's close: asked first once the facilitator has changed
        the suggestions (a stray Escape dropped them as silently as Enter had)."""
        if self._edited and not dialogs.confirm(
            self,
            "Close without accepting",
            "Close without accepting? Your renames, moves and ticks here will be lost.",
            risky=True,
        ):
            return
        super().reject()

    def done(self, result: int) -> None:  # noqa: D102 (QDialog's; stop the worker first)
        self.tasks.stop()
        super().done(result)


def _children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (group.child(i) for i in range(group.childCount()))
    return [c for c in found if c is not None]


def _bound(slot: Callable[[QTreeWidgetItem], None], group: QTreeWidgetItem) -> Callable[[], None]:
    return lambda: slot(group)


def _suggested(
    notes: list[Note], existing: list[Theme], count: int | None, progress: Any
) -> list[Group]:
    from summit_app.core import themes

    proposal = themes.propose(notes, existing, count, progress)
    groups = []
    names = {t.id: t.name for t in existing}
    for theme_id in dict.fromkeys(o.theme_id for o in proposal.offers):
        rows = tuple(
            Row(o.note_id, o.fit, o.doubtful, not o.doubtful)
            for o in proposal.offers
            if o.theme_id == theme_id
        )
        groups.append(Group(names[theme_id], theme_id, rows))
    for draft in proposal.drafts:
        unsure = set(draft.least_sure())
        rows = tuple(
            Row(n, f, n in unsure, True) for n, f in zip(draft.note_ids, draft.fits, strict=True)
        )
        groups.append(Group(draft.name, None, rows))
    return groups


def _sorted(
    notes: list[Note], existing: list[Theme], names: list[str], progress: Any
) -> list[Group]:
    """Every note not in a theme placed with one of `names`, doubtful first in each."""
    from summit_app.core import themes

    by_name = {t.name: t for t in existing}
    examples = [
        [i for i, n in enumerate(notes) if name in by_name and n.theme_id == by_name[name].id]
        for name in names
    ]
    placed = themes.sort_into([n.text for n in notes], names, examples, progress=progress)
    groups = []
    for k, name in enumerate(names):
        mine = [p for p in placed if p.theme == k and notes[p.note].theme_id is None]
        mine.sort(key=lambda p: (not p.doubtful, p.fit))  # the doubtful first, then the least fit
        rows = tuple(
            Row(notes[p.note].id, p.fit, p.doubtful, not p.doubtful, p.confidence) for p in mine
        )
        theme = by_name.get(name)
        groups.append(Group(name, theme.id if theme else None, rows))
    return groups

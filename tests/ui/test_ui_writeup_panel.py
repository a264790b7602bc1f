"""The Write-up workspace: the programme team edits what the pack says and sees the pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import NarrativeBlock
from summit_app.core.templates import create_from_template
from summit_app.ui.item_dialog import ItemDialog
from summit_app.ui.session import SummitSession
from summit_app.ui.writeup_panel import NEW_BLOCK_TEXT, WriteupPanel


@pytest.fixture
def demo(tmp_path: Path):
    create_from_template(tmp_path / "demo.summit", "demo").close()
    session = SummitSession.open(tmp_path / "demo.summit")
    yield session
    session.close()


def _panel(qtbot, session: SummitSession) -> WriteupPanel:
    panel = WriteupPanel(session)
    qtbot.addWidget(panel)
    panel.resize(1280, 700)
    panel.show()
    return panel


def _section(session: SummitSession, number: int):
    return session.summit.agenda.sections()[number - 1]


def test_a_section_introduction_is_typed_saved_undone_and_kept_by_a_rename(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    section = _section(demo, 4)
    assert panel.outline.select(("section", section.id))
    editor = panel.text_page.editor
    assert "pre-mortem" in editor.toPlainText()
    editor.setPlainText("We asked for a **pre-mortem** <b>now</b>.")
    editor.commit()
    assert demo.summit.agenda.section(section.id).introduction == (
        "We asked for a **pre-mortem** <b>now</b>."
    )
    from summit_app.ui import commands

    commands.update_section(demo, section.id, "Pre-mortem")  # the Agenda tab's rename
    assert demo.summit.agenda.section(section.id).introduction.startswith("We asked for")
    demo.undo()
    demo.undo()
    assert demo.summit.agenda.section(section.id).introduction.startswith("In the next part")
    assert editor.toPlainText().startswith("In the next part")


def test_typing_pauses_save_and_unsaved_typing_survives_a_reload(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    item = next(i for i in demo.summit.agenda.items() if i.title == "Pre-mortem")
    panel.outline.select(("item", item.id))
    editor = panel.text_page.editor
    assert panel.text_page.description.toPlainText().startswith("Imagine we have failed")
    qtbot.keyClicks(editor, "We imagined failure.")
    panel.reload()  # as after a phone's note, or an edit elsewhere
    assert editor.toPlainText() == "We imagined failure."
    qtbot.waitUntil(lambda: demo.summit.agenda.item(item.id).writeup == "We imagined failure.")
    assert demo.summit.agenda.item(item.id).description.startswith("Imagine we have failed")


def test_a_block_of_text_is_added_after_an_item_moved_and_removed(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    section = _section(demo, 4)
    item = demo.summit.writeup.flow(section.id)[0]
    panel.outline.select(("item", item.id))
    panel.buttons["add"].click()
    block = demo.summit.writeup.flow(section.id)[1]
    assert isinstance(block, NarrativeBlock) and block.text == NEW_BLOCK_TEXT
    assert panel.outline.key() == ("block", block.id)
    editor = panel.text_page.editor
    assert editor.hasFocus() or not panel.isActiveWindow()
    editor.setPlainText("Mitigations:\n1. **Shared vision** <para>\n2. 🎉 *flexible*")
    editor.commit()
    assert demo.summit.writeup.narrative_block(block.id).text.startswith("Mitigations:\n1. **")
    panel.buttons["up"].click()
    assert isinstance(demo.summit.writeup.flow(section.id)[0], NarrativeBlock)
    panel.buttons["remove"].click()
    assert demo.summit.writeup.narrative_blocks(section.id) == []
    demo.undo()
    assert demo.summit.writeup.narrative_blocks(section.id)[0].text.startswith("Mitigations")


def test_the_introductions_blocks_follow_the_objectives(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    panel.outline.select(("introduction", None))
    panel.buttons["add"].click()
    intro = demo.summit.writeup.narrative_blocks(None)
    assert [b.text for b in intro] == [
        "This pack provides an overview of our discussions.",
        NEW_BLOCK_TEXT,
    ]


def test_key_points_are_edited_as_a_list_and_semicolons_stay(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    vanessa = next(s for s in demo.summit.agenda.speakers() if s.name == "Vanessa Burgess")
    demo.summit.writeup.set_key_points(vanessa.id, ["Trust; and we should build on it", "Two"])
    panel.reload()
    panel.outline.select(("speaker", vanessa.id))
    points = panel.speaker_page.points
    assert points.points() == ["Trust; and we should build on it", "Two"]
    points.list.setCurrentRow(1)
    points.buttons["up"].click()
    assert demo.summit.agenda.speakers(vanessa.item_id)[1].key_points == (
        "Two",
        "Trust; and we should build on it",
    )
    points.list.item(0).setText("2. **Second**, now bold")
    assert (
        demo.summit.agenda.speakers(vanessa.item_id)[1].key_points[0] == "2. **Second**, now bold"
    )
    points.buttons["remove"].click()
    assert len(demo.summit.agenda.speakers(vanessa.item_id)[1].key_points) == 1


def test_ok_in_the_item_dialog_keeps_key_points_whole(qtbot, demo) -> None:
    from summit_app.ui.agenda_panel import AgendaPanel

    agenda = AgendaPanel(demo)
    qtbot.addWidget(agenda)
    vanessa = next(s for s in demo.summit.agenda.speakers() if s.name == "Vanessa Burgess")
    points = ["Trust empowered leaders; we should build on and amplify this", "Second; third"]
    demo.summit.writeup.set_key_points(vanessa.id, points)
    dialog: ItemDialog = agenda.item_dialog(vanessa.item_id)
    qtbot.addWidget(dialog)
    agenda.apply_item_dialog(vanessa.item_id, dialog)  # OK with nothing changed
    assert demo.summit.agenda.speakers(vanessa.item_id)[1].key_points == tuple(points)


def test_a_theme_summary_of_several_lines(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    theme = next(t for t in demo.summit.notes.themes() if t.name == "Lack of vision")
    panel.outline.select(("theme", theme.id))
    panel.text_page.editor.setPlainText(
        "A joint strategy was not agreed.\nPeople were not bought in."
    )
    panel.text_page.editor.commit()
    assert demo.summit.notes.theme(theme.id).summary.count("\n") == 1


def test_actions_and_commitments_are_added_edited_ordered_and_removed(
    qtbot, demo, monkeypatch
) -> None:
    from summit_app.ui import dialogs

    panel = _panel(qtbot, demo)
    panel.outline.select(("actions", None))
    page = panel.actions_page
    commitments = page.commitments
    before = [a.text for a in demo.summit.people.actions() if a.is_commitment]
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Mentor **one** new leader")
    commitments.add()
    mine = [a for a in demo.summit.people.actions() if a.is_commitment]
    assert mine[-1].text == "Mentor **one** new leader" and len(mine) == len(before) + 1
    commitments.table.setCurrentCell(commitments.table.rowCount() - 1, 0)
    commitments.move_row(-1)
    mine = [a for a in demo.summit.people.actions() if a.is_commitment]
    assert mine[-2].text == "Mentor **one** new leader"
    row = commitments.table.currentRow()
    commitments.table.item(row, 1).setText("Chloe")
    assert demo.summit.people.action(mine[-2].id).owner == "Chloe"
    commitments.table.item(row, 0).setText("  ")  # refused: an action needs text
    assert demo.summit.people.action(mine[-2].id).text == "Mentor **one** new leader"
    assert commitments.table.item(row, 0).text() == "Mentor **one** new leader"
    commitments.remove()
    assert [a.text for a in demo.summit.people.actions() if a.is_commitment] == before
    page.actions_intro.setPlainText("We will:")
    page.actions_intro.commit()
    assert demo.summit.writeup.closing_texts().actions_intro == "We will:"


def test_the_pack_options_and_the_order_of_the_closing_pages(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    panel.outline.select(("pack", None))
    page = panel.pack_page
    page.boxes["include_agenda"].setChecked(False)
    assert demo.summit.writeup.pack_options().include_agenda is False
    page.order.setCurrentRow(2)  # thanks
    page.move_row(-1)
    assert demo.summit.writeup.pack_options().closing_order[:3] == (
        "commitments",
        "thanks",
        "actions",
    )
    page.threshold.setValue(8)
    assert demo.summit.writeup.pack_options().anonymity_threshold == 8
    demo.undo()
    demo.undo()
    demo.undo()
    assert demo.summit.writeup.pack_options().include_agenda is True
    assert page.boxes["include_agenda"].isChecked()
    assert page.threshold.value() == 5


def test_the_preview_shows_the_pack_and_follows_an_edit(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    qtbot.waitUntil(lambda: panel.preview.view.page_count() > 5, timeout=20_000)
    built = []
    panel.preview.updated.connect(built.append)
    section = _section(demo, 2)
    panel.outline.select(("section", section.id))
    panel.text_page.editor.setPlainText("A new introduction.")
    panel.text_page.editor.commit()
    qtbot.waitUntil(lambda: bool(built), timeout=20_000)
    page = panel.preview.view.current_page()
    text = " ".join(panel.preview.view.page_text(page).split())
    assert page > 2 and section.title in text  # scrolled to the section being edited
    assert "A new introduction." in text
    assert "pages" in panel.preview.status.text()


def test_closing_the_file_mid_build_waits_for_the_preview(qtbot, tmp_path) -> None:
    create_from_template(tmp_path / "demo.summit", "demo").close()
    session = SummitSession.open(tmp_path / "demo.summit")
    panel = _panel(qtbot, session)
    panel.preview._build()
    assert panel.preview.worker is not None
    session.close()
    assert panel.preview.worker is None or panel.preview.worker.is_finished()


def test_nothing_is_built_while_the_workspace_is_not_showing(qtbot, demo) -> None:
    panel = WriteupPanel(demo)
    qtbot.addWidget(panel)
    demo.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))
    qtbot.wait(800)
    assert panel.preview.worker is None and panel.preview.view.page_count() == 0
    panel.show()
    qtbot.waitUntil(lambda: panel.preview.view.page_count() > 0, timeout=20_000)


def test_tree_labels_are_plain_text(qtbot, demo) -> None:
    section = _section(demo, 1)
    demo.summit.writeup.add_block(section.id, "<b>not bold</b> & **bold**")
    panel = _panel(qtbot, demo)
    labels = [e.text(0) for e in panel.outline._entries()]
    assert "¶ <b>not bold</b> & **bold**" in labels
    assert panel.outline.currentItem().data(0, Qt.ItemDataRole.UserRole) == ("introduction", None)


def test_typing_then_closing_the_file_at_once_keeps_the_typing(qtbot, tmp_path) -> None:
    create_from_template(tmp_path / "demo.summit", "demo").close()
    session = SummitSession.open(tmp_path / "demo.summit")
    panel = _panel(qtbot, session)
    panel.outline.select(("introduction", None))
    panel.text_page.editor.setFocus()
    qtbot.keyClick(panel.text_page.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.text_page.editor, " Typed just before quitting.")
    session.close()  # Ctrl+Q a moment later, before the pause that saves
    from summit_app.core import Summit

    with Summit.open(tmp_path / "demo.summit") as again:
        assert again.info().introduction.endswith("might be. Typed just before quitting.")


def test_the_team_sets_the_cover_line_and_chooses_the_closing_themes(qtbot, demo) -> None:
    panel = _panel(qtbot, demo)
    panel.outline.select(("pack", None))
    page = panel.pack_page
    page.publication.setText("Published 20 April 2021")
    page.publication.editingFinished.emit()
    assert demo.summit.writeup.pack_options().publication == "Published 20 April 2021"
    themes = page.themes
    assert themes.count() >= 9
    assert all(themes.item(i).checkState() == Qt.CheckState.Checked for i in range(3))
    first, second = (
        themes.item(0).data(Qt.ItemDataRole.UserRole),
        themes.item(1).data(Qt.ItemDataRole.UserRole),
    )
    themes.item(0).setCheckState(Qt.CheckState.Unchecked)  # left out of the closing table
    chosen = demo.summit.writeup.pack_options().closing_themes
    assert chosen is not None and first not in chosen and chosen[0] == second
    page.themes.setCurrentRow(1)
    page.move_theme(-1)  # the (now first) ticked theme moves below the next one
    chosen = demo.summit.writeup.pack_options().closing_themes
    assert chosen is not None and chosen.index(second) == 1
    demo.undo()
    demo.undo()
    assert demo.summit.writeup.pack_options().closing_themes is None

"""Building the agenda: sections, items, speakers and prompts; reorder, remove, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime

from summit_app.core import Summit
from summit_app.core.model import ItemKind, SummitInfo
from summit_app.ui import commands
from summit_app.ui.agenda_panel import AgendaPanel
from summit_app.ui.session import SummitSession


@pytest.fixture
def blank(tmp_path):
    Summit.create(tmp_path / "away-day.summit", SummitInfo(title="Away day")).close()
    opened = SummitSession.open(tmp_path / "away-day.summit")
    yield opened
    opened.close()


def _titles(session):
    return [i.title for i in session.summit.agenda.items()]


def test_the_facilitator_builds_an_agenda_from_nothing(qtbot, blank):
    panel = AgendaPanel(blank)
    qtbot.addWidget(panel)
    panel.add_section("Morning")
    welcome = panel.add_item("Welcome", ItemKind.TALK, 10)
    panel.add_item("Table discussion", ItemKind.DISCUSSION, 30)

    dialog = panel.item_dialog(welcome.id)
    qtbot.addWidget(dialog)
    dialog.title.setText("Welcome and objectives")
    dialog.minutes.setValue(15)
    assert dialog.speakers.rowCount() == 0  # no blank row to trip over
    dialog.add_speaker.click()
    dialog.speakers.item(0, 0).setText("Dr Ada Lovelace")
    dialog.speakers.item(0, 1).setText("Chair")
    dialog.speakers.item(0, 3).setText("Why we are here\nWhat we hope for")
    dialog.prompts.setPlainText("What brought you here today?")
    panel.apply_item_dialog(welcome.id, dialog)

    agenda = blank.summit.agenda
    assert agenda.item(welcome.id).title == "Welcome and objectives"
    speaker = agenda.speakers(welcome.id)[0]
    assert (speaker.name, speaker.role) == ("Dr Ada Lovelace", "Chair")
    assert speaker.key_points == ("Why we are here", "What we hope for")
    assert [p.text for p in agenda.prompts(welcome.id)] == ["What brought you here today?"]

    panel.start_time.setTime(QTime(9, 0))
    panel.start_time.editingFinished.emit()
    assert blank.summit.info().start_time == "09:00"
    assert panel.day_label.text() == "· planned end 09:45"
    second = panel.model.index(1, 3, panel.model.index(0, 0)).data()
    assert second == "09:15"


def test_items_are_reordered_by_keyboard_and_drag_and_undone(qtbot, blank):
    panel = AgendaPanel(blank)
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    panel.add_section("Morning")
    for title in ("One", "Two", "Three"):
        panel.add_item(title)
    assert _titles(blank) == ["One", "Two", "Three"]
    one = blank.summit.agenda.items()[0]
    panel.select("item", one.id)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _titles(blank) == ["Two", "One", "Three"]

    model = panel.model
    three = model.index_of("item", blank.summit.agenda.items()[2].id)
    data = model.mimeData([three])
    with qtbot.waitSignal(model.item_dropped):
        model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0))
    qtbot.waitUntil(lambda: _titles(blank) == ["Three", "Two", "One"])

    blank.undo()
    blank.undo()
    assert _titles(blank) == ["One", "Two", "Three"]


def test_a_removed_item_with_votes_and_notes_comes_back_whole_with_undo(qtbot, session):
    summit = session.summit
    vote_item = summit.agenda.items()[2]
    poll = summit.polls.polls(vote_item.id)[0]
    summit.polls.open_poll(poll.id)
    with Summit.open(session.path) as server:  # the phones' connection
        for option in poll.options:
            server.polls.cast_ballot(poll.id, server.people.join().id, {option.id: 1})
    discussion = summit.agenda.items()[1]
    prompt = summit.agenda.prompts(discussion.id)[0]
    commands.add_note(session, prompt.id, "protected time")
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    for item in (vote_item, discussion):
        panel.select("item", item.id)
        panel.remove_selected()  # no question asked: undo brings everything back
    assert _titles(session) == ["Welcome"]
    assert summit.polls.ballots() == [] and summit.notes.notes() == []
    session.undo()
    session.undo()
    assert _titles(session) == ["Welcome", "What have we heard", "Priorities"]
    assert summit.polls.result(poll.id).voters == 3
    assert [n.text for n in summit.notes.notes(prompt.id)] == ["protected time"]
    session.redo()
    assert _titles(session) == ["Welcome", "What have we heard"]


def test_a_removed_section_comes_back_with_undo(qtbot, session):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    before = _titles(session)
    afternoon = session.summit.agenda.sections()[1]
    panel.select("section", afternoon.id)
    panel.remove_selected()
    assert _titles(session) == before[:2]
    session.undo()
    assert _titles(session) == before
    assert session.summit.polls.polls()[0].question == "Which priority first?"


def test_a_bad_start_time_cannot_be_typed(qtbot, session):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    panel.start_time.setFocus()
    panel.start_time.selectAll()
    qtbot.keyClicks(panel.start_time, "25:99")
    qtbot.keyClick(panel.start_time, Qt.Key.Key_Return)
    assert session.summit.info().start_time == "09:30"
    assert "“25:99” is not a time" in panel.start_time.toolTip()


def test_speakers_are_added_and_removed_with_buttons_and_reopening_adds_no_rows(qtbot, session):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    welcome = session.summit.agenda.items()[0]
    for _ in range(3):  # opening the dialog again and again grows nothing
        dialog = panel.item_dialog(welcome.id)
        qtbot.addWidget(dialog)
        assert dialog.speakers.rowCount() == 1
        panel.apply_item_dialog(welcome.id, dialog)
    assert [s.name for s in session.summit.agenda.speakers(welcome.id)] == ["Dr Ada Lovelace"]
    dialog = panel.item_dialog(welcome.id)
    qtbot.addWidget(dialog)
    dialog.add_speaker.click()
    dialog.speakers.item(1, 0).setText("Prof Grace Hopper")
    dialog.speakers.setCurrentCell(0, 0)
    dialog.remove_speaker.click()
    panel.apply_item_dialog(welcome.id, dialog)
    assert [s.name for s in session.summit.agenda.speakers(welcome.id)] == ["Prof Grace Hopper"]
    # Tab in the description moves on; it never types a tab into the text.
    dialog.description.setFocus()
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    assert dialog.description.toPlainText() == ""


def test_the_title_column_takes_the_width_so_titles_are_not_cut_beside_empty_space(qtbot, session):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    panel.resize(1366, 600)
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.tree.header()
    others = sum(header.sectionSize(c) for c in (1, 2, 3))
    assert header.sectionSize(0) > panel.tree.viewport().width() - others - 4
    assert header.sectionSize(3) < 120

"""The second stage rehearsal's findings (issue 22), each driven the way the rehearsal did:
a real click on the button, real typing into the focused widget."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from shown_window import shown_window

from summit_app.core import Summit
from summit_app.core.model import PollKind, SummitInfo
from summit_app.server.network import Address, Kind
from summit_app.ui import server_panel as server_panel_module
from summit_app.ui.agenda_panel import AgendaPanel
from summit_app.ui.item_dialog import ItemDialog
from summit_app.ui.main_window import MainWindow
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.results_view import ResultsView
from summit_app.ui.run_panel import RunPanel
from summit_app.ui.session import SummitSession
from summit_app.ui.stage import Mode, Scene
from summit_app.ui.summit_settings_dialog import SummitSettingsDialog

Key = Qt.Key


def test_clicking_add_item_adds_an_item_after_the_selected_one(qtbot, session):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    before = [i.title for i in session.summit.agenda.items()]
    welcome = session.summit.agenda.items()[0]
    panel.select("item", welcome.id)
    qtbot.mouseClick(panel.buttons["item"], Qt.MouseButton.LeftButton)
    after = [i.title for i in session.summit.agenda.items()]
    assert after == [before[0], "New item", *before[1:]]
    added = session.summit.agenda.items()[1]
    assert panel.selected() == ("item", added.id)
    dialog = panel.findChild(ItemDialog)  # open to name it: typing replaces "New item"
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title, "Table discussion")
    qtbot.keyClick(dialog.title, Key.Key_Return)  # Save
    assert session.summit.agenda.item(added.id).title == "Table discussion"


def test_typing_after_clicking_a_note_captures_it_and_never_blanks_the_room(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.run_panel.start_first()
    window.projector_panel.set_visible(True)
    window.projector_panel.show_mode(Mode.ITEM)
    window.focus_tab(2)
    board = window.note_board
    prompt = window.session.summit.agenda.prompts()[0]
    board.choose_prompt(prompt.id)
    qtbot.keyClicks(board.capture, "More time for peers")
    qtbot.keyClick(board.capture, Key.Key_Return)
    first = board.model.index(0, 0, board.model.index(0, 0))
    rect = board.tree.visualRect(first)
    qtbot.mouseClick(board.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QApplication.focusWidget() is board.tree  # as when clustering
    qtbot.keyClicks(QApplication.focusWidget(), "Be bold about budgets.")
    room = window.projector.view
    assert room.showing is Mode.ITEM and not window.stage.blanked
    assert board.capture.text() == "Be bold about budgets."
    qtbot.keyClick(board.capture, Key.Key_Return)
    notes = window.session.summit.notes.notes(prompt.id)
    assert [n.text for n in notes] == ["More time for peers", "Be bold about budgets."]


def test_ctrl_right_moves_the_day_while_the_note_box_has_focus(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.run_panel.start_first()
    window.focus_tab(2)
    board = window.note_board
    qtbot.keyClicks(board.capture, "half typed")
    assert QApplication.focusWidget() is board.capture
    qtbot.keyClick(board.capture, Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.run_panel.now_label.text() == "What have we heard"
    qtbot.keyClick(board.capture, Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert window.run_panel.now_label.text() == "Welcome"
    assert board.capture.text() == "half typed"  # the typing is kept


@pytest.fixture
def day_path(summit_path):
    """The short summit with a ranking that ran and closed in the morning's discussion."""
    path = summit_path
    with Summit.open(path) as s:
        discussion = s.agenda.items()[1]
        ranking = s.polls.add_poll(discussion.id, "Rank the themes", PollKind.RANK, ["A", "B"])
        s.polls.open_poll(ranking.id)
        s.polls.close_poll(ranking.id)
    return path


def test_next_points_every_tab_and_the_preview_at_the_running_item(qtbot, day_path):
    window = shown_window(qtbot, day_path)
    summit = window.session.summit
    welcome, discussion, vote = summit.agenda.items()
    prompt = summit.agenda.prompts(discussion.id)[0]
    ranking, priorities = (
        next(p for p in summit.polls.polls() if p.item_id == i) for i in (discussion.id, vote.id)
    )
    window.run_panel.start_first()
    window.focus_tab(2)
    board = window.note_board
    qtbot.keyClick(board.capture, Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # Next
    assert summit.live().current_item_id == discussion.id
    assert board.prompt_id == prompt.id
    assert window.moderation_panel.prompt_combo.currentData() == prompt.id
    assert window.polls_panel.poll_id == ranking.id
    qtbot.mouseClick(board.open_button, Qt.MouseButton.LeftButton)  # phones post notes
    assert summit.live().open_prompt_id == prompt.id
    qtbot.mouseClick(board.capture, Qt.MouseButton.LeftButton)  # back to typing notes
    qtbot.keyClick(board.capture, Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # Next
    assert summit.live().current_item_id == vote.id
    assert summit.live().open_prompt_id is None  # phones no longer see the morning's form
    assert not board.open_button.isChecked()
    assert window.polls_panel.poll_id == priorities.id
    assert window.stage.preview == Scene(Mode.POLL, poll_id=priorities.id)
    window.menus.take.trigger()  # Ctrl+Enter: this item's vote, not the closed ranking
    assert window.stage.live == Scene(Mode.POLL, poll_id=priorities.id)

    window.session.undo()  # the start and the closing were one step
    assert summit.live().current_item_id == discussion.id
    assert summit.live().open_prompt_id == prompt.id


@pytest.fixture
def two_addresses(monkeypatch):
    """Wi-Fi recommended (as the laptop judged) and the Ethernet the room really uses."""
    addresses = [
        Address("wlan0", "127.0.0.1", Kind.WIFI, preferred=True),
        Address("eth1", "127.0.0.2", Kind.ETHERNET),
    ]
    monkeypatch.setattr(server_panel_module, "candidate_addresses", lambda: addresses)


def _window(qtbot, path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_reopened_mid_vote_phones_come_back_on_the_address_chosen_and_the_poll_is_live(
    qtbot, day_path, answers, two_addresses
):
    window = _window(qtbot, day_path)
    summit = window.session.summit
    phones = window.server_panel
    phones.address_combo.setCurrentIndex(1)  # not the recommended one
    qtbot.mouseClick(phones.start_button, Qt.MouseButton.LeftButton)
    assert phones.server.host == "127.0.0.2"
    joined_at = phones.server.join_url
    window.run_panel.start_item(summit.agenda.items()[2].id)
    priorities = window.polls_panel.poll_id
    qtbot.mouseClick(window.polls_panel.open_button, Qt.MouseButton.LeftButton)
    assert summit.live().open_poll_id == priorities
    answers.reply = True
    window.close()  # asked, and yes: the server stops

    again = _window(qtbot, day_path)  # "Let phones back in?" Yes
    assert "phones were voting on" in answers.asked[-1]
    assert again.server_panel.server.join_url == joined_at
    assert again.projector.isVisible()
    assert again.stage.live == Scene(Mode.POLL, poll_id=priorities)
    assert again.projector.view.showing is Mode.POLL
    assert again.polls_panel.poll_id == priorities
    again.close()


def test_delete_on_a_section_or_note_holding_the_days_results_asks_first(qtbot, session, answers):
    summit = session.summit
    poll = summit.polls.polls()[0]
    summit.polls.open_poll(poll.id)
    for _ in range(3):
        summit.polls.cast_ballot(poll.id, summit.people.join().id, {poll.options[0].id: 1})
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    afternoon = summit.agenda.sections()[1]
    panel.select("section", afternoon.id)
    answers.reply = False
    qtbot.keyClick(panel.tree, Key.Key_Delete)
    assert "section “Afternoon” holds 3 ballots" in answers.asked[-1]
    assert [s.title for s in summit.agenda.sections()] == ["Morning", "Afternoon"]
    answers.reply = True
    qtbot.keyClick(panel.tree, Key.Key_Delete)
    assert [s.title for s in summit.agenda.sections()] == ["Morning"]
    asked = len(answers.asked)
    panel.select("item", summit.agenda.items()[0].id)  # the welcome: nothing in it
    qtbot.keyClick(panel.tree, Key.Key_Delete)
    assert len(answers.asked) == asked and len(summit.agenda.items()) == 1

    board = NoteBoard(session)
    qtbot.addWidget(board)
    with qtbot.waitActive(board):
        board.show()
        board.activateWindow()
    qtbot.keyClicks(board.capture, "Fund the pilots")
    qtbot.keyClick(board.capture, Key.Key_Return)
    board.select_notes([n.id for n in summit.notes.notes()])
    answers.reply = False
    qtbot.keyClick(board.tree, Key.Key_Delete)
    assert answers.asked[-1].startswith("Remove the note “Fund the pilots”?")
    assert [n.text for n in summit.notes.notes()] == ["Fund the pilots"]


def test_stopping_the_server_mid_vote_asks(qtbot, summit_path, answers, two_addresses):
    window = _window(qtbot, summit_path)
    phones = window.server_panel
    qtbot.mouseClick(phones.start_button, Qt.MouseButton.LeftButton)
    poll = window.session.summit.polls.polls()[0]
    window.polls_panel.choose(poll.id)
    qtbot.mouseClick(window.polls_panel.open_button, Qt.MouseButton.LeftButton)
    answers.reply = False
    qtbot.mouseClick(phones.start_button, Qt.MouseButton.LeftButton)  # "Stop the server"
    assert answers.asked[-1].startswith("Phones are voting on “Which priority first?”")
    assert phones.running
    answers.reply = True
    qtbot.mouseClick(phones.start_button, Qt.MouseButton.LeftButton)
    assert not phones.running
    window.close()


def test_escape_in_the_item_dialog_asks_before_throwing_typing_away(qtbot, session, answers):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    welcome = session.summit.agenda.items()[0]
    panel.select("item", welcome.id)
    panel.edit_selected()  # F2, or a double click
    dialog = panel.findChild(ItemDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Key.Key_Escape)  # nothing typed: closes without a question
    assert not dialog.isVisible() and answers.asked == []

    panel.edit_selected()
    dialog = [d for d in panel.findChildren(ItemDialog) if d.isVisible()][0]
    dialog.prompts.setFocus()
    qtbot.keyClicks(dialog.prompts, "What would you stop doing?")
    answers.reply = False
    qtbot.keyClick(dialog.prompts, Key.Key_Escape)
    assert answers.asked[-1].startswith("Throw away what you typed")
    assert dialog.isVisible()
    assert dialog.prompts.toPlainText() == "What would you stop doing?"
    answers.reply = True
    qtbot.keyClick(dialog.prompts, Key.Key_Escape)
    assert not dialog.isVisible()
    assert session.summit.agenda.prompts(welcome.id) == []


def test_dates_and_times_take_natural_typing(qtbot, tmp_path, answers):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.create_summit(tmp_path / "day.summit", "summit-day")
    qtbot.addWidget(window.projector)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    # "Day starts": one click into it, then 15 and Enter.
    start = window.agenda_panel.start_time
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton, pos=start.rect().center())
    qtbot.keyClicks(start, "15")
    qtbot.keyClick(start, Key.Key_Return)
    assert window.session.summit.info().start_time == "15:00"
    assert start.text() == "15:00"

    window.menus.summit_settings.trigger()
    dialog = window.findChild(SummitSettingsDialog, "summit_settings")
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.has_date.setChecked(True)
    field = dialog.date
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    qtbot.keyClicks(field, "13 April 2021")  # typed over the date shown
    qtbot.keyClick(field, Key.Key_Tab)
    assert field.text() == "13 April 2021"
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=field.rect().center())
    qtbot.keyClicks(field, "the 13th")
    dialog.save()
    assert dialog.isVisible()
    assert "“the 13th” is not a date" in dialog.error.text()
    field.setText("13/4/2021")
    dialog.save()
    assert window.session.summit.info().date == "2021-04-13"


def test_the_run_tab_says_not_started_then_hours_late_in_hours(qtbot, session):
    now = datetime.now().replace(hour=15, minute=41, second=0, microsecond=0)
    panel = RunPanel(session, lambda: now)  # the day is planned from 09:30
    qtbot.addWidget(panel)
    assert panel.drift_label.text() == "Not started; planned 09:30 to 10:35"
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.drift_label.text() == "Running 6 hours 11 minutes late; ends 16:46"


AGENDA_TABLE = (
    "Title\tMinutes\tKind\tSpeaker\n"
    "Section 1: Leadership across a system\t\t\t\n"
    "Three perspectives\t30\ttalk\tAngela Helleur, Chief Nurse; Ben Collins, CEO\n"
    "Section 2: What needs to happen\t\t\t\n"
    "Core messages\t20\tdiscussion\t\n"
    "Vote on the initiatives\t15\tvote\t\n"
)


def test_an_agenda_pasted_from_a_spreadsheet_is_added_and_undone_in_one_step(
    qtbot, tmp_path, answers
):
    Summit.create(tmp_path / "blank.summit", SummitInfo(title="Away day")).close()
    window = _window(qtbot, tmp_path / "blank.summit")
    qtbot.addWidget(window.projector)
    tree = window.agenda_panel.tree
    assert QApplication.focusWidget() is tree
    QApplication.clipboard().setText(AGENDA_TABLE)
    qtbot.keyClick(tree, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    agenda = window.session.summit.agenda
    assert [s.title for s in agenda.sections()] == [
        "Section 1: Leadership across a system",
        "Section 2: What needs to happen",
    ]
    assert [(i.title, i.planned_minutes) for i in agenda.items()] == [
        ("Three perspectives", 30),
        ("Core messages", 20),
        ("Vote on the initiatives", 15),
    ]
    assert [s.name for s in agenda.speakers()] == ["Angela Helleur", "Ben Collins"]
    notice = window.agenda_panel.notice.text()
    assert notice.startswith("Added 3 items in 2 sections (1 h 05 min).")
    window.menus.undo.trigger()
    assert agenda.items() == [] and agenda.sections() == []

    html = QMimeData()  # Word puts an HTML table on the clipboard too
    html.setHtml("<table><tr><td>Welcome</td><td>10</td></tr></table>")
    html.setText("Welcome 10")
    QApplication.clipboard().setMimeData(html)
    qtbot.mouseClick(window.agenda_panel.buttons["paste"], Qt.MouseButton.LeftButton)
    assert [(i.title, i.planned_minutes) for i in agenda.items()] == [("Welcome", 10)]

    QApplication.clipboard().setText("Welcome\tsoon")
    qtbot.keyClick(tree, Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    box = window.findChild(QMessageBox, "error_box")
    assert "Row 1: “soon” is not a length of time" in box.text()
    box.close()
    assert len(agenda.items()) == 1


def test_an_agenda_from_a_csv_file_or_another_summit(qtbot, summit_path, tmp_path, answers):
    Summit.create(tmp_path / "new.summit", SummitInfo(title="Next year")).close()
    opened = SummitSession.open(tmp_path / "new.summit")
    panel = AgendaPanel(opened)
    qtbot.addWidget(panel)
    csv_file = tmp_path / "agenda.csv"
    csv_file.write_text("title,minutes,kind\nWelcome,10,talk\nLunch,45,break\n", "utf-8")
    panel.import_csv(csv_file)
    assert [i.kind.value for i in opened.summit.agenda.items()] == ["talk", "break"]
    panel.copy_from_summit(summit_path)
    titles = [i.title for i in opened.summit.agenda.items()]
    assert titles == ["Welcome", "Lunch", "Welcome", "What have we heard", "Priorities"]
    assert [p.question for p in opened.summit.polls.polls()] == ["Which priority first?"]
    opened.undo()
    assert len(opened.summit.agenda.items()) == 2
    opened.close()


def test_the_preview_pages_the_notes_wall_as_the_projector_does(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    summit = window.session.summit
    prompt = summit.agenda.prompts()[0]
    for n in range(60):
        summit.notes.add_note(prompt.id, f"Note {n}: more time for the teams to meet and plan")
    window.session.changed("notes")
    window.projector_panel.set_visible(True)
    window.note_board.choose_prompt(prompt.id)  # the wall goes to the preview
    window.projector_panel.take_button.click()
    room = window.projector.view.notes_wall
    preview = window.projector_panel.preview_view.notes_wall
    qtbot.waitUntil(lambda: len(room.pages) > 1)
    assert window.projector_panel.preview_view.size() == window.projector.view.size()
    # Once the thumbnail is drawn (the event loop's next turn), both walls are alike.
    qtbot.waitUntil(
        lambda: (
            (preview.size(), len(preview.pages), preview.pixel_size)
            == (room.size(), len(room.pages), room.pixel_size)
        ),
        timeout=2000,
    )
    assert not window.projector_panel.preview_monitor.picture().isNull()


def test_a_deleted_section_comes_back_with_undo_after_the_file_is_reopened(
    qtbot, summit_path, answers
):
    with Summit.open(summit_path) as s:
        poll = s.polls.polls()[0]
        s.polls.open_poll(poll.id)
        for _ in range(5):
            s.polls.cast_ballot(poll.id, s.people.join().id, {poll.options[1].id: 1})
        s.polls.close_poll(poll.id)
    window = _window(qtbot, summit_path)
    afternoon = window.session.summit.agenda.sections()[1]
    window.agenda_panel.select("section", afternoon.id)
    qtbot.keyClick(window.agenda_panel.tree, Key.Key_Delete)  # asked, and yes
    assert [s.title for s in window.session.summit.agenda.sections()] == ["Morning"]
    window.close()

    again = _window(qtbot, summit_path)
    assert again.menus.undo.isEnabled()
    assert again.menus.undo.text().startswith("&Undo Remove section")
    again.menus.undo.trigger()  # Ctrl+Z, the day after
    summit = again.session.summit
    assert [s.title for s in summit.agenda.sections()] == ["Morning", "Afternoon"]
    assert summit.polls.ballot_count(summit.polls.polls()[0].id) == 5
    assert summit.polls.result(summit.polls.polls()[0].id).voters == 5
    again.menus.redo.trigger()
    assert [s.title for s in summit.agenda.sections()] == ["Morning"]
    again.close()


NINE = [
    "Confirm arrangements for protected time for clinicians and care professionals",
    "Complete detailed mapping of an ICS governance model for clinical and care professional"
    " leaders and secure funding for identified sessions and roles",
    "Expand the current CPLG to include wider range of clinical and care professionals",
    "Develop a proposal for a SEL systems leadership academy",
    "Facilitated relationship building via networking and inspiration learning events",
    "Set up a pilot 'Walking in each others shoes' shadowing programme",
    "Host a SEL clinical and care professional conference to bring together partners",
    "Establish a SEL next generation systems leadership network",
    "Invite bids for support for a number of systems improvement projects",
]


def test_a_long_option_in_the_control_windows_results_keeps_its_first_words(qtbot, tmp_path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Day")) as s:
        section = s.agenda.add_section("Section 3")
        item = s.agenda.add_item(section.id, "Vote", "vote", 10)
        poll = s.polls.add_poll(item.id, "Which would most help?", PollKind.MULTI, NINE, 3)
        s.polls.open_poll(poll.id)
        for n in range(8):
            picks = {poll.options[(n + k) % 9].id: 1 for k in range(3)}
            s.polls.cast_ballot(poll.id, s.people.join().id, picks)
        result = s.polls.result(poll.id)
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(505, 420)  # the Polls tab's results beside the editor, at 1280x720
    view.set_result(result)
    view.grab()
    drawn = dict(zip([label for label, _ in view.bar_texts()], view.drawn_labels, strict=True))
    for label, shown in drawn.items():
        assert shown == label or (shown.endswith("…") and label.startswith(shown[:-1]))
    assert drawn[NINE[1]].startswith("Complete detailed mapping")
    assert drawn[NINE[1]] != NINE[1]  # too long for its row here: cut at a word, with …

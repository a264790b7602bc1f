"""File › Send a breakout room… and File › Import a breakout room's file…, in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from summit_app.core import Summit, table_host
from summit_app.core.breakout_kit import write_kit
from summit_app.core.merge import import_room
from summit_app.ui.breakout_dialog import ITEM_ID, BreakoutDialog, import_room_file
from summit_app.ui.main_window import MainWindow
from summit_app.ui.note_board import NoteBoard


def _boxes(window: MainWindow, name: str) -> list[str]:
    boxes = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    texts = [b.text() for b in boxes]
    for box in boxes:
        box.close()
    return texts


def test_a_room_is_sent_run_elsewhere_and_imported_as_one_undo_step(qtbot, summit_path, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    session = window.session
    assert window.menus.send_room.isEnabled() and window.menus.import_room.isEnabled()
    dialog = BreakoutDialog(session, window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Breakout B: Workforce")
    titles = [dialog.items.item(r).text() for r in range(dialog.items.count())]
    assert titles[:3] == ["Morning", "    Welcome", "    What have we heard"]
    dialog.items.item(titles.index("    What have we heard")).setCheckState(Qt.CheckState.Checked)
    assert dialog.suggested_path().name == "leadership-Breakout-B-Workforce.summit"
    room_path = tmp_path / "room-b.summit"
    dialog.save(room_path)
    assert dialog.result() == dialog.DialogCode.Accepted and room_path.exists()
    assert window.menus.undo.text() == "&Undo Send Breakout B: Workforce"
    # The agenda shows the item as run elsewhere, and the window refuses to change it.
    model = window.agenda_panel.model
    shown = model.index_of("item", dialog.chosen()[0]).data()
    assert shown == "What have we heard  · run in Breakout B: Workforce"
    board = window.note_board
    board.capture.setText("Typed in the main room")
    board.add_typed_note()
    assert any("run in a breakout room" in t for t in _boxes(window, "error_box"))
    assert session.summit.notes.notes() == []
    # The room runs its part, in a window that says which room it is.
    room_window = MainWindow()
    qtbot.addWidget(room_window)
    room_window.open_path(room_path)
    assert room_window.windowTitle() == "room-b.summit — Breakout B: Workforce — Summit"
    room_window.close_summit()
    with Summit.open(room_path) as room:
        assert room.breakouts.room_name() == "Breakout B: Workforce"
        prompt = room.agenda.prompts()[0].id
        for text in ("Protected learning time", "Rotas a month ahead"):
            room.notes.add_note(prompt, text)
    said = import_room_file(window, session, room_path, last=False)
    assert said is not None and "From Breakout B: Workforce: new: 2 notes." in said
    assert "From Breakout B" in window.statusBar().currentMessage()
    assert _boxes(window, "import_box")
    assert [n.text for n in session.summit.notes.notes()] == [
        "Protected learning time",
        "Rotas a month ahead",
    ]
    assert window.menus.undo.text() == "&Undo Import Breakout B: Workforce"
    window.menus.undo.trigger()
    assert session.summit.notes.notes() == []
    window.menus.redo.trigger()
    assert len(session.summit.notes.notes()) == 2
    # A file that is not a room's is refused with a sentence, and nothing changes.
    assert import_room_file(window, session, summit_path, last=False) is None
    assert any("not a breakout room's file" in t for t in _boxes(window, "error_box"))


def test_next_passes_by_the_items_a_room_runs(qtbot, summit_path, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    summit = window.session.summit
    items = summit.agenda.items()
    write_kit(summit, tmp_path / "b.summit", "Breakout B", [items[1].id])
    with Summit.open(tmp_path / "b.summit") as b:  # the room runs its item first
        b.agenda.start_item(items[1].id)
        b.agenda.end_day()
    import_room_file(window, window.session, tmp_path / "b.summit", last=False)
    _boxes(window, "import_box")
    assert summit.agenda.item(items[1].id).actual_start is not None
    panel = window.run_panel
    panel.refresh()
    assert panel.now_label.text() == "Nothing running"  # this room's day has not begun
    assert panel.next_label.text() == items[0].title
    panel.start_first()
    panel.refresh()
    assert panel.next_label.text() == items[2].title  # not the room's item
    panel.next_item()
    assert summit.live().current_item_id == items[2].id
    assert not _boxes(window, "error_box")  # nothing refused on stage
    panel.previous_item()
    assert summit.live().current_item_id == items[0].id


def test_the_note_board_names_a_breakout_room_s_table(qtbot, session, tmp_path):
    summit = session.summit
    talk = next(i for i in summit.agenda.items() if i.title == "What have we heard")
    prompt = summit.agenda.prompts(talk.id)[0].id
    write_kit(summit, tmp_path / "b.summit", "Breakout B", [talk.id])
    with Summit.open(tmp_path / "b.summit") as b:
        b.tables.set_tables(3)
        b.agenda.open_prompt(prompt)
        _, host = b.tables.claim(b.tables.table(2).pass_, None)
        table_host.post_note(b, host, prompt, "Shared records")
    import_room(summit, tmp_path / "b.summit")
    board = NoteBoard(session)
    qtbot.addWidget(board)
    board.choose_prompt(prompt)
    board.group_by.setCurrentIndex(1)  # by table
    assert board.model.index(0, 0).data() == "Breakout B, table 2  (1)"


def test_sending_a_room_says_where_its_file_went_and_refuses_an_open_poll(
    qtbot, summit_path, tmp_path
):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    session = window.session
    poll = session.summit.polls.polls()[0]
    session.run("Open voting", lambda s: s.polls.open_poll(poll.id))
    dialog = BreakoutDialog(session, window)
    qtbot.addWidget(dialog)
    # A real name to start from, not a grey example that looks filled in.
    assert dialog.name.text() == "Breakout A" and dialog.name.placeholderText().startswith("e.g.")
    dialog.name.setText("Breakout A: Futures")
    rows = [dialog.items.item(r) for r in range(dialog.items.count())]
    next(r for r in rows if r.data(ITEM_ID) == poll.item_id).setCheckState(Qt.CheckState.Checked)
    room_path = tmp_path / "room-a.summit"
    dialog.save(room_path)
    assert _boxes(window, "error_box") == [
        f"Close voting on “{poll.question}” first: phones are voting on it here."
    ]
    assert not room_path.exists() and dialog.result() != dialog.DialogCode.Accepted
    session.run("Close voting", lambda s: s.polls.close_poll(poll.id))
    dialog.save(room_path)
    assert dialog.result() == dialog.DialogCode.Accepted and room_path.exists()
    assert window.statusBar().currentMessage() == (
        f"Breakout A: Futures written to {room_path}: open it on the room's laptop."
    )
    again = BreakoutDialog(session, window)
    qtbot.addWidget(again)
    assert again.name.text() == "Breakout B"

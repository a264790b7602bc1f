"""A whole short summit driven through the real widgets, with a phone on a real server."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt

from summit_app.core.model import ItemKind, PollKind, PollState
from summit_app.ui.main_window import MainWindow
from summit_app.ui.projector_window import Mode


def _type_note(qtbot, board, text):
    board.capture.setFocus()
    qtbot.keyClicks(board.capture, text)
    qtbot.keyClick(board.capture, Qt.Key.Key_Return)


def test_a_short_summit_from_empty_file_to_results(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.create_summit(tmp_path / "summit.summit", "blank")
    session = window.session

    # Build the agenda.
    agenda = window.agenda_panel
    window.tabs.setCurrentWidget(agenda)
    agenda.add_section("Afternoon")
    talk = agenda.add_item("Welcome", ItemKind.TALK, 10)
    table = agenda.add_item("What should we start doing?", ItemKind.DISCUSSION, 20)
    vote = agenda.add_item("Priorities", ItemKind.VOTE, 10)
    dialog = agenda.item_dialog(table.id)
    qtbot.addWidget(dialog)
    dialog.prompts.setPlainText("What should we start doing?")
    agenda.apply_item_dialog(table.id, dialog)
    polls = window.polls_panel
    polls.new_button.click()
    polls.editor.item_combo.setCurrentIndex(polls.editor.item_combo.findData(vote.id))
    polls.editor.question.setText("Which comes first?")
    polls.editor.kind.setCurrentIndex(polls.editor.kind.findData(PollKind.SINGLE))
    polls.editor.options.setPlainText("Workforce\nDigital")
    polls.save_button.click()
    poll = session.summit.polls.polls()[0]

    # Phones join through the server.
    server_panel = window.server_panel
    server_panel.port = 0
    assert server_panel.start("127.0.0.1"), server_panel.status.text()
    assert window.projector.join_url == server_panel.server.join_url
    phone = httpx.Client(timeout=10)
    try:
        assert phone.get(server_panel.server.join_url).status_code == 200
        qtbot.waitUntil(lambda: server_panel.joined_label.text() == "1 phone joined", timeout=5000)

        # Run: start the welcome, then the discussion; notes typed and from a phone.
        run = window.run_panel
        run.start_item(talk.id)
        assert run.now_label.text() == "Welcome"
        run.next_button.click()
        assert run.now_label.text() == "What should we start doing?"
        board = window.note_board
        window.tabs.setCurrentWidget(board)
        board.open_button.click()
        _type_note(qtbot, board, "Nurses at every table")
        _type_note(qtbot, board, "<script>alert(1)</script>")
        base = server_panel.server.url
        sent = phone.post(
            f"{base}/api/note", json={"prompt_id": board.prompt_id, "text": "Shared records"}
        )
        assert sent.status_code == 201, sent.text
        qtbot.waitUntil(lambda: "Shared records" in board.model.note_texts(None), timeout=5000)

        # Cluster, hide the silly one, summarise.
        board.new_theme("Workforce")
        board.new_theme("Digital")
        notes = {n.text: n.id for n in session.summit.notes.notes(board.prompt_id)}
        board.select_notes([notes["Nurses at every table"]])
        board.tree.setFocus()
        qtbot.keyClick(board.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        board.move_notes(
            [notes["Shared records"]], session.summit.notes.themes(board.prompt_id)[1].id
        )
        board.select_notes([notes["<script>alert(1)</script>"]])
        board.toggle_hidden()
        window.projector_panel.show_mode(Mode.NOTES)
        wall = window.projector.view.note_labels()
        assert wall == ["Workforce", "Nurses at every table", "Digital", "Shared records"]

        # Vote: open, a phone votes, a show of hands joins it, results revealed, closed.
        run.next_button.click()
        window.tabs.setCurrentWidget(polls)
        polls.choose(poll.id)
        polls.open_button.click()
        window.projector_panel.show_mode(Mode.POLL)
        voted = phone.post(
            f"{base}/api/ballot", json={"poll_id": poll.id, "choices": {str(poll.options[0].id): 1}}
        )
        assert voted.status_code == 200, voted.text
        qtbot.waitUntil(lambda: "1 ballots" in polls.live_label.text(), timeout=5000)
        qtbot.waitUntil(
            lambda: window.projector.view.poll_results.caption() == "Results hidden until revealed"
        )
        hands = polls.hand_count_dialog()
        qtbot.addWidget(hands)
        hands.set_count(poll.options[1].id, 3)
        hands.voters.setValue(3)
        hands.save()
        polls.reveal_button.click()
        expected = [("Digital", "75% · 3 votes, 3 counted by hand"), ("Workforce", "25% · 1 vote")]
        qtbot.waitUntil(lambda: window.projector.view.poll_results.bar_texts() == expected)
        polls.open_button.click()
        assert session.summit.polls.poll(poll.id).state is PollState.CLOSED
        closed = phone.post(
            f"{base}/api/ballot", json={"poll_id": poll.id, "choices": {str(poll.options[1].id): 1}}
        )
        assert closed.status_code == 409
        run.end_button.click()
        assert all(item.actual_end for item in session.summit.agenda.items())
    finally:
        phone.close()
        window.close()
    assert server_panel.server is None

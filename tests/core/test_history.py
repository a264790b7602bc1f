"""The facilitator's commands: one transaction each, undo that brings things back whole,
and an undo that fails leaves everything where it was."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.errors import ConflictError, StorageError, ValidationError
from summit_app.core.history import Change, History
from summit_app.core.model import Author, ItemKind, PollKind, SummitInfo


def _day(tmp_path: Path) -> tuple[Summit, History, list[Change]]:
    s = Summit.create(tmp_path / "day.summit", SummitInfo(title="Day"))
    changes: list[Change] = []
    return s, History(s, changes.append), changes


def _item_with_everything(s: Summit) -> tuple[int, int, int]:
    section = s.agenda.add_section("Morning")
    item = s.agenda.add_item(section.id, "Priorities", ItemKind.VOTE, 20)
    s.agenda.add_speaker(item.id, "Dr A", "Chair", "", ["context"])
    prompt = s.agenda.add_prompt(item.id, "What matters?")
    theme = s.notes.add_theme(prompt.id, "Workforce")
    s.notes.add_note(prompt.id, "time to train", theme_id=theme.id)
    poll = s.polls.add_poll(item.id, "Pick one", PollKind.SINGLE, ["Yes", "No"])
    s.polls.open_poll(poll.id)
    for _ in range(3):
        person = s.people.join()
        s.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    s.agenda.open_prompt(prompt.id)
    person = s.people.join()
    s.notes.add_note(prompt.id, "from a phone", Author.PARTICIPANT, person.id)
    return section.id, item.id, poll.id


def _everything(s: Summit) -> dict[str, list[tuple]]:
    tables = ["sections", "items", "speakers", "prompts", "themes", "notes", "polls"]
    tables += ["options", "ballots", "hand_counts"]
    return {t: list(s.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()) for t in tables}


def test_a_removed_item_with_ballots_and_notes_comes_back_whole_on_undo(tmp_path: Path) -> None:
    s, history, changes = _day(tmp_path)
    _, item_id, poll_id = _item_with_everything(s)
    before = _everything(s)
    history.run("Remove agenda item", lambda x: x.agenda.remove_item(item_id))
    assert s.polls.ballots() == [] and s.notes.notes() == []
    assert {"items", "polls", "ballots", "notes"} <= changes[-1].tables
    history.undo()
    assert _everything(s) == before
    assert s.polls.result(poll_id).voters == 3
    history.redo()
    assert s.agenda.items() == []
    history.undo()
    assert _everything(s) == before


def test_a_removed_section_comes_back_whole_on_undo(tmp_path: Path) -> None:
    s, history, _ = _day(tmp_path)
    section_id, _, _ = _item_with_everything(s)
    before = _everything(s)
    history.run("Remove section", lambda x: x.agenda.remove_section(section_id))
    assert s.agenda.sections() == []
    history.undo()
    assert _everything(s) == before


def test_several_notes_hidden_at_once_are_one_step_and_one_change(tmp_path: Path) -> None:
    s, history, changes = _day(tmp_path)
    item = s.agenda.add_item(s.agenda.add_section("S").id, "Talk")
    prompt = s.agenda.add_prompt(item.id, "Q")
    ids = [s.notes.add_note(prompt.id, f"note {i}").id for i in range(5)]

    def hide_all(x: Summit) -> None:
        for note_id in ids:
            x.notes.set_hidden(note_id, True)

    history.run("Hide notes", hide_all)
    assert changes[-1].ids("notes") == frozenset(ids)
    assert history.undo_text() == "Hide notes"
    history.undo()
    assert not any(n.is_hidden for n in s.notes.notes())
    assert not history.can_undo() and history.redo_text() == "Hide notes"


def test_a_refused_command_changes_nothing_and_pushes_nothing(tmp_path: Path) -> None:
    s, history, changes = _day(tmp_path)
    item = s.agenda.add_item(s.agenda.add_section("S").id, "Talk")
    prompt = s.agenda.add_prompt(item.id, "Q")

    def add_then_refuse(x: Summit) -> None:
        x.notes.add_note(prompt.id, "kept?")
        x.notes.add_note(prompt.id, "   ")

    with pytest.raises(ValidationError):
        history.run("Add notes", add_then_refuse)
    assert s.notes.notes() == [] and not history.can_undo() and changes == []


def test_an_undo_that_fails_leaves_the_stacks_where_they_were(tmp_path: Path) -> None:
    s, history, _ = _day(tmp_path)
    item = s.agenda.add_item(s.agenda.add_section("S").id, "Talk")
    prompt = s.agenda.add_prompt(item.id, "Q")
    note = history.run("Add note", lambda x: x.notes.add_note(prompt.id, "typed"))
    with Summit.open(s.path) as other:
        other.execute("PRAGMA busy_timeout = 50")
        s.execute("PRAGMA busy_timeout = 50")
        other.execute("BEGIN IMMEDIATE")  # the server's connection mid-write
        try:
            with pytest.raises(StorageError, match="busy"):
                history.undo()
        finally:
            other.execute("ROLLBACK")
    assert history.undo_text() == "Add note" and not history.can_redo()
    assert s.notes.note(note.id).text == "typed"
    history.undo()  # once the file is free, the same undo works
    assert s.notes.notes() == []
    history.redo()  # and the redo after it brings the note back, same id
    assert s.notes.note(note.id).text == "typed"


def test_a_redo_whose_id_a_phone_took_meanwhile_is_refused_and_kept(tmp_path: Path) -> None:
    s, history, _ = _day(tmp_path)
    item = s.agenda.add_item(s.agenda.add_section("S").id, "Talk")
    prompt = s.agenda.add_prompt(item.id, "Q")
    history.run("Open prompt", lambda x: x.agenda.open_prompt(prompt.id))
    note = history.run("Add note", lambda x: x.notes.add_note(prompt.id, "mine"))
    history.undo()
    with Summit.open(s.path) as server:
        person = server.people.join()
        taken = server.notes.add_note(prompt.id, "a phone's", Author.PARTICIPANT, person.id)
    assert taken.id == note.id  # SQLite reuses the highest id once it is gone
    with pytest.raises(ConflictError, match="changed since"):
        history.redo()
    assert history.redo_text() == "Add note"
    assert [n.text for n in s.notes.notes()] == ["a phone's"]


def test_undo_leaves_the_phones_ballots_alone(tmp_path: Path) -> None:
    s, history, _ = _day(tmp_path)
    item = s.agenda.add_item(s.agenda.add_section("S").id, "Vote", ItemKind.VOTE)
    poll = s.polls.add_poll(item.id, "Pick", PollKind.SINGLE, ["A", "B"])
    history.run("Open voting", lambda x: x.polls.open_poll(poll.id))
    with Summit.open(s.path) as server:
        person = server.people.join()
        server.polls.cast_ballot(poll.id, person.id, {poll.options[1].id: 1})
    history.run("Edit poll", lambda x: x.polls.set_show_results(poll.id, True))
    history.undo()
    assert s.polls.ballot_count(poll.id) == 1


def test_the_window_and_the_server_write_at_once_and_neither_is_refused(tmp_path: Path) -> None:
    """Two connections, as the window's and the phone server's, both read then write."""
    s, history, _ = _day(tmp_path)
    item = s.agenda.add_item(s.agenda.add_section("S").id, "Vote", ItemKind.VOTE)
    prompt = s.agenda.add_prompt(item.id, "Q")
    note = s.notes.add_note(prompt.id, "flip me")
    poll = s.polls.add_poll(item.id, "Pick", PollKind.SINGLE, ["A", "B"])
    s.polls.open_poll(poll.id)
    errors: list[BaseException] = []
    voters = 300

    def phones() -> None:
        try:
            with Summit.open(s.path) as server:
                for _ in range(voters):
                    with server.write():  # the gateway's group commit: reads, then writes
                        person = server.people.join()
                        server.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    thread = threading.Thread(target=phones)
    thread.start()
    edits = 0
    while thread.is_alive() and edits < 2000:
        hidden = edits % 2 == 0
        history.run("Hide note", lambda x, h=hidden: x.notes.set_hidden(note.id, h))
        edits += 1
        # A facilitator edits a few times a second, not hundreds: SQLite's busy handler is
        # not fair (the waiting side looks again after 1, 2, 5, 10... ms), and a loop that
        # holds the lock through most of each fsync and takes it back 2 ms later starved the
        # phones' connection past its 2 s timeout on a loaded machine. 50 a second is still
        # far faster than any hand, and the writes still overlap.
        time.sleep(0.02)
    thread.join(30)
    assert not thread.is_alive()
    assert errors == []
    assert edits > 0
    assert s.polls.ballot_count(poll.id) == voters


def test_writes_begin_immediate_so_a_stale_read_cannot_fail_the_write(tmp_path: Path) -> None:
    s, _, _ = _day(tmp_path)
    with Summit.open(s.path) as other:
        with s.write():
            assert s.db.conn.in_transaction
            # The lock is ours from BEGIN: another writer waits (here: gives up at once).
            other.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(StorageError, match="busy"):
                other.execute("BEGIN IMMEDIATE")


def test_the_undo_history_is_kept_in_the_file_and_comes_back_when_it_is_opened(tmp_path):
    path = tmp_path / "kept.summit"
    with Summit.create(path, SummitInfo(title="Kept")) as summit:
        history = History(summit)
        morning = history.run("Add section", lambda s: s.agenda.add_section("Morning"))
        history.run("Add item", lambda s: s.agenda.add_item(morning.id, "Welcome", "talk", 10))
        history.run("Remove section", lambda s: s.agenda.remove_section(morning.id))
        history.undo()  # the section is back; removing it again is on the redo stack
        history.save()
    with Summit.open(path) as summit:
        history = History(summit)
        assert (history.undo_text(), history.redo_text()) == ("Add item", "Remove section")
        history.redo()
        assert summit.agenda.sections() == []
        history.undo()
        history.undo()
        assert [i.title for i in summit.agenda.items()] == []
        assert [s.title for s in summit.agenda.sections()] == ["Morning"]

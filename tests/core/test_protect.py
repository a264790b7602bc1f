"""A summit protected with a passphrase: unreadable without it, whole with it, in every copy."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.core.test_files import build_first_version

from summit_app.core import Summit, cipher
from summit_app.core.breakout_kit import write_kit
from summit_app.core.cipher import PassphraseNeededError, WrongPassphraseError
from summit_app.core.errors import StorageError, SummitFileError
from summit_app.core.merge import import_room
from summit_app.core.protect import partial_path, protect
from summit_app.core.schema import SCHEMA_VERSION
from summit_app.core.store import check_file
from summit_app.core.templates import create_from_template

PASSPHRASE = "harbour lantern cobalt"
SECRET = "Ward 7 staffing gap named by Dr Okonkwo-Lindqvist"


@pytest.fixture(autouse=True)
def _no_keys_left(tmp_path: Path) -> Iterator[None]:
    yield
    for path in tmp_path.rglob("*"):
        cipher.forget(path)


def notes_prompt(summit: Summit) -> int:
    return next(p.id for p in summit.agenda.prompts() if p.kind.value == "notes")


def demo_with_secret(folder: Path) -> Path:
    path = folder / "demo.summit"
    create_from_template(path, "demo").close()
    with Summit.open(path) as summit:
        summit.notes.add_note(notes_prompt(summit), SECRET)
    return path


def ballots_by_poll(summit: Summit) -> list[tuple[str, int]]:
    return [(p.question, len(summit.polls.ballots(p.id))) for p in summit.polls.polls()]


def fresh_session(path: Path) -> None:
    """As a new run of the app: nothing held in memory for the file."""
    cipher.forget(path)


def assert_unreadable_without_passphrase(path: Path) -> None:
    assert SECRET.encode() not in path.read_bytes()
    assert b"SQLite format 3" not in path.read_bytes()[:16]
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT * FROM notes").fetchall()
    finally:
        conn.close()
    if shutil.which("sqlite3"):  # the command-line shell, as someone who found the file
        shell = subprocess.run(
            ["sqlite3", "-readonly", str(path), "SELECT text FROM notes;"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert shell.returncode != 0 and "not a database" in shell.stderr
        assert SECRET not in shell.stdout


def test_a_protected_summit_cannot_be_read_without_its_passphrase(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    fresh_session(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.summit"]
    assert_unreadable_without_passphrase(path)
    with pytest.raises(PassphraseNeededError, match="protected with a passphrase"):
        Summit.open(path)


def test_it_opens_with_the_passphrase_and_everything_is_there(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    with Summit.open(path) as summit:
        before = [(n.id, n.text) for n in summit.notes.notes()]
        polls = ballots_by_poll(summit)
    protect(path, PASSPHRASE)
    fresh_session(path)
    cipher.unlock(path, PASSPHRASE)
    assert check_file(path) == SCHEMA_VERSION
    with Summit.open(path) as summit:
        assert [(n.id, n.text) for n in summit.notes.notes()] == before
        assert [
            (p.question, len(summit.polls.ballots(p.id))) for p in summit.polls.polls()
        ] == polls
        summit.notes.add_note(notes_prompt(summit), "Written while protected")
    fresh_session(path)
    assert_unreadable_without_passphrase(path)  # the new note too, once the WAL is folded in
    assert b"Written while protected" not in path.read_bytes()
    # SQLCipher's own derivation: the passphrase opens it in any SQLCipher tool as well.
    from sqlcipher3 import dbapi2

    other = dbapi2.connect(str(path))
    other.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert other.execute("SELECT count(*) FROM notes WHERE text = ?", (SECRET,)).fetchone() == (1,)
    other.close()


def test_a_wrong_passphrase_is_a_sentence_and_holds_nothing(tmp_path: Path, capfd) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    fresh_session(path)
    with pytest.raises(WrongPassphraseError, match="That passphrase does not open demo.summit"):
        cipher.unlock(path, "harbour lantern cobalt.")
    with pytest.raises(WrongPassphraseError):
        cipher.unlock(path, "")
    assert cipher.key_for(path) is None
    assert capfd.readouterr().err == ""  # SQLCipher's own log lines are silenced
    cipher.unlock(path, PASSPHRASE)  # and the right one still works after wrong ones
    Summit.open(path).close()


def test_the_passphrase_can_be_changed_and_removed(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    protect(path, "a different long phrase")
    fresh_session(path)
    with pytest.raises(WrongPassphraseError):
        cipher.unlock(path, PASSPHRASE)
    cipher.unlock(path, "a different long phrase")
    protect(path, None)
    fresh_session(path)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with Summit.open(path) as summit:
        assert any(n.text == SECRET for n in summit.notes.notes())


def test_a_short_passphrase_is_refused_and_the_file_is_unchanged(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    before = path.read_bytes()
    with pytest.raises(SummitFileError, match="at least 8 characters"):
        protect(path, "short")
    assert path.read_bytes() == before


def test_a_protected_summits_breakout_kit_and_its_import_keep_the_passphrase(
    tmp_path: Path,
) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    room_path = tmp_path / "room.summit"
    with Summit.open(path) as summit:
        item = summit.agenda.items()[1]
        write_kit(summit, room_path, "Breakout B", [item.id])
    fresh_session(room_path)
    assert b"SQLite format 3" not in room_path.read_bytes()[:16]
    with pytest.raises(PassphraseNeededError):
        check_file(room_path)
    cipher.unlock(room_path, PASSPHRASE)  # the room's laptop types the same passphrase
    with Summit.open(room_path) as room:
        assert room.breakouts.room_name() == "Breakout B"
        prompt = room.agenda.add_prompt(item_id(room), "What would help?")
        room.notes.add_note(prompt.id, "From the room, protected")
    fresh_session(room_path)
    assert b"From the room, protected" not in room_path.read_bytes()
    with Summit.open(path) as summit:  # the main summit's key opens its own room's file
        imported = import_room(summit, room_path, last=True)
        assert imported.anything
        assert any(n.text == "From the room, protected" for n in summit.notes.notes())
        assert imported.backup is not None
        backup = imported.backup
    fresh_session(backup)
    assert_unreadable_without_passphrase(backup)


def item_id(summit: Summit) -> int:
    return summit.agenda.items()[0].id


def test_a_copy_kept_and_a_migration_backup_are_protected_too(tmp_path: Path) -> None:
    old = tmp_path / "old.summit"
    build_first_version(old).close()
    protect(old, PASSPHRASE)  # a file from an older Summit, protected
    fresh_session(old)
    cipher.unlock(old, PASSPHRASE)
    with Summit.open(old) as summit:
        assert summit.migrated_from == 1 and summit.backup_path is not None
        backup = summit.backup_path
        kept = summit.keep_copy(tmp_path / "kept.summit")
    for copy in (backup, kept):
        fresh_session(copy)
        assert b"SQLite format 3" not in copy.read_bytes()[:16]
        with pytest.raises(PassphraseNeededError):
            check_file(copy)
        cipher.unlock(copy, PASSPHRASE)
        assert check_file(copy) in (1, SCHEMA_VERSION)


def test_damaged_and_newer_protected_files_are_refused_with_a_sentence(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    data = bytearray(path.read_bytes())
    data[4096 * 5 + 100] ^= 0x10  # inside a page: its check no longer matches
    damaged = tmp_path / "damaged.summit"
    damaged.write_bytes(bytes(data))
    cipher.unlock(damaged, PASSPHRASE)  # page 1 is intact, so the passphrase is accepted
    with pytest.raises(SummitFileError, match="is damaged"):
        check_file(damaged)
    newer = tmp_path / "newer.summit"
    shutil.copy(path, newer)
    cipher.unlock(newer, PASSPHRASE)
    conn = cipher.connection(newer, cipher.key_for(newer))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SummitFileError, match="newer version of Summit"):
        check_file(newer)


def test_a_busy_protected_file_is_the_facilitators_sentence(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    with Summit.open(path) as window, Summit.open(path) as server:
        server.execute("PRAGMA busy_timeout = 50")
        with window.write():
            with pytest.raises(StorageError, match="busy"):
                server.notes.add_note(notes_prompt(server), "While the window writes")


KILLER = """
import sys
from summit_app.core import protect
protect.protect(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
"""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


# When to kill it: as the new file is begun, while its pages are being written, and once
# it has been renamed over the summit (the process may have ended by then: no matter).
KILL_WHEN = {
    "begun": lambda path: partial_path(path).exists(),
    "writing": lambda path: _size(partial_path(path)) > 0,
    "renamed": lambda path: not partial_path(path).exists(),
}


@pytest.mark.parametrize("when", list(KILL_WHEN))
def test_protecting_killed_half_way_leaves_a_readable_summit(tmp_path: Path, when: str) -> None:
    path = demo_with_secret(tmp_path)
    with Summit.open(path) as summit:  # make the rewrite take long enough to be caught
        prompt = notes_prompt(summit)
        with summit.write():
            for n in range(4000):
                summit.notes.add_note(prompt, f"Padding note {n} " + "x" * 200)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(path), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not partial_path(path).exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the rewrite never began"
            time.sleep(0.0005)
        while not KILL_WHEN[when](path) and process.poll() is None:
            assert time.monotonic() < deadline, "the rewrite never got there"
            time.sleep(0.0005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    fresh_session(path)
    try:
        check_file(path)
        protected = False
    except PassphraseNeededError:
        cipher.unlock(path, PASSPHRASE)
        protected = True
    with Summit.open(path) as summit:  # whole, whichever side of the rename it stopped
        assert sum(1 for n in summit.notes.notes() if n.text == SECRET) == 1
        assert len(summit.notes.notes()) > 4000
    print("protected" if protected else "as it was")  # which side the kill fell on
    if not protected:  # the next attempt clears what the killed one left, and succeeds
        protect(path, PASSPHRASE)
    assert not partial_path(path).exists()


def test_close_and_anonymise_keeps_a_protected_summit_protected(tmp_path: Path) -> None:
    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    with Summit.open(path) as summit:
        assert summit.protected
        tokens = [p.token for p in summit.people.participants()]
        summit.anonymise()
        assert summit.info().anonymised_at
    fresh_session(path)
    assert_unreadable_without_passphrase(path)
    assert not [t for t in tokens if t.encode() in path.read_bytes()]
    cipher.unlock(path, PASSPHRASE)
    with Summit.open(path) as summit:
        assert any(n.text == SECRET for n in summit.notes.notes())


def test_a_room_protected_with_another_passphrase_is_refused_with_a_sentence(
    tmp_path: Path,
) -> None:
    path = demo_with_secret(tmp_path)
    room_path = tmp_path / "room.summit"
    with Summit.open(path) as summit:
        write_kit(summit, room_path, "Breakout B", [summit.agenda.items()[1].id])
    protect(room_path, "the room's own passphrase")  # the room's laptop protected it
    fresh_session(room_path)
    with Summit.open(path) as summit:
        before = len(summit.notes.notes())
        with pytest.raises(SummitFileError, match="another passphrase than this summit's"):
            import_room(summit, room_path)
        assert len(summit.notes.notes()) == before


def test_an_undo_that_no_longer_fits_a_protected_summit_is_refused_with_a_sentence(
    tmp_path: Path,
) -> None:
    from summit_app.core.errors import ConflictError
    from summit_app.core.history import History
    from summit_app.core.model import Author

    path = demo_with_secret(tmp_path)
    protect(path, PASSPHRASE)
    with Summit.open(path) as summit:
        history = History(summit, lambda change: None)
        prompt = notes_prompt(summit)
        summit.agenda.open_prompt(prompt)
        note = history.run("Add note", lambda s: s.notes.add_note(prompt, "mine"))
        history.undo()
        with Summit.open(path) as server:  # the phone server's connection, SQLCipher's too
            person = server.people.join()
            taken = server.notes.add_note(prompt, "a phone's", Author.PARTICIPANT, person.id)
        assert taken.id == note.id
        with pytest.raises(ConflictError, match="changed since"):
            history.redo()

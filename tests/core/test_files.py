"""Trust in the file: a refused create leaves nothing behind, a migration keeps a copy of
the file as it was and, if it fails half-way, leaves the file itself untouched; and a
connection is used only on the thread that opened it."""

import sqlite3
import threading
from pathlib import Path

import pytest

from summit_app.core import Summit, SummitFileError, ValidationError, schema
from summit_app.core.model import SummitInfo
from summit_app.core.schema import SCHEMA_VERSION, migrate
from summit_app.core.store import check_file

# A step whose first statement succeeds and whose second fails as it runs (CHECK id = 1).
BROKEN_STEP = (
    "broken",
    "ALTER TABLE summit ADD COLUMN extra TEXT;"
    " INSERT INTO summit (id, title, join_code) VALUES (2, 'Second', 'code');",
)


def build_first_version(path: Path) -> sqlite3.Connection:
    """A summit file as the first version of Summit wrote it; the connection is left open
    (close it to checkpoint, or keep it so the last commit is still only in the WAL)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=1)
    conn.execute("INSERT INTO summit (id, title, join_code) VALUES (1, 'Old day', 'code')")
    conn.commit()
    conn.execute("INSERT INTO sections (position, title) VALUES (0, 'Morning')")
    conn.commit()
    return conn


def version_and_tables(path: Path) -> tuple[int, set[str], list[str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        columns = [row[1] for row in conn.execute("PRAGMA table_info(summit)")]
        return version, tables, columns
    finally:
        conn.close()


@pytest.mark.parametrize(
    "info, message",
    [
        (SummitInfo(title=""), "needs a title"),
        (SummitInfo(title="   "), "needs a title"),
        (SummitInfo(title="Day", start_time="25:99"), "not a time of day"),
    ],
)
def test_a_refused_create_leaves_no_file_and_a_retry_works(tmp_path: Path, info, message):
    path = tmp_path / "day.summit"
    with pytest.raises(ValidationError, match=message):
        Summit.create(path, info)
    assert list(tmp_path.iterdir()) == []
    with Summit.create(path, SummitInfo(title="Day", start_time="10:00")) as summit:
        assert summit.info().start_time == "10:00"


def test_a_create_that_fails_half_way_leaves_no_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "day.summit"
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], BROKEN_STEP))
    with pytest.raises(SummitFileError, match="cannot be created: CHECK constraint failed"):
        Summit.create(path, SummitInfo(title="Day"))
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    Summit.create(path, SummitInfo(title="Day")).close()
    assert check_file(path) == SCHEMA_VERSION


def test_an_older_file_is_copied_with_what_is_in_its_wal_before_it_is_migrated(tmp_path: Path):
    path = tmp_path / "old.summit"
    builder = build_first_version(path)  # kept open: 'Morning' is still only in the WAL
    assert Path(f"{path}-wal").stat().st_size > 0
    with Summit.open(path) as summit:
        assert summit.migrated_from == 1
        assert summit.backup_path == tmp_path / "old.summit.v1.bak"
        assert "old.summit.v1.bak" in (summit.migration_note or "")
        assert summit.agenda.sections()[0].title == "Morning"
    builder.close()
    backup = tmp_path / "old.summit.v1.bak"
    assert check_file(backup) == 1
    assert not Path(f"{backup}-wal").exists()  # one self-contained file
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT title FROM sections").fetchall() == [("Morning",)]
    copy.close()
    with Summit.open(path) as again:  # already up to date: no second copy, no note
        assert again.migrated_from is None and again.migration_note is None


def test_a_migration_that_fails_half_way_leaves_the_file_untouched(tmp_path: Path, monkeypatch):
    path = tmp_path / "old.summit"
    build_first_version(path).close()
    before = path.read_bytes()
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], BROKEN_STEP))
    with pytest.raises(SummitFileError, match="CHECK constraint failed.*The file is unchanged"):
        Summit.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.summit", "old.summit.v1.bak"]
    version, tables, columns = version_and_tables(path)
    assert (version, "extra" in columns, "hand_counts" in tables) == (1, False, False)
    assert version_and_tables(tmp_path / "old.summit.v1.bak") == (version, tables, columns)
    monkeypatch.undo()
    with Summit.open(path) as summit:  # with the real migrations it opens, keeping its data
        assert summit.info().title == "Old day"
        assert summit.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_connection_is_refused_on_a_thread_that_did_not_open_it(tmp_path: Path):
    errors: list[BaseException] = []
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Day")) as summit:

        def elsewhere() -> None:
            try:
                summit.info()
            except BaseException as error:  # noqa: BLE001 - inspected below
                errors.append(error)

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
    assert [type(e) for e in errors] == [sqlite3.ProgrammingError]


def test_opening_the_file_again_in_this_process_keeps_it_locked_for_others(tmp_path: Path):
    """A preview or an export opens the file again while the window writes to it. Were the
    file opened other than through SQLite (to read its header, say), closing it would drop
    this process's locks, and another program closing the file would delete the WAL under
    the window's connection: its next write a disk I/O error, its last ones lost."""
    import subprocess
    import sys

    path = tmp_path / "day.summit"
    window = Summit.create(path, SummitInfo(title="Day"))
    window.update_info(SummitInfo(title="Before"))
    Summit.open(path).close()  # the preview's own connection, in this process
    other = f"from summit_app.core import Summit; Summit.open({str(path)!r}).close()"
    subprocess.run([sys.executable, "-c", other], check=True, timeout=60)
    assert Path(f"{path}-wal").exists()
    window.update_info(SummitInfo(title="After"))
    reader = f"from summit_app.core import Summit; print(Summit.open({str(path)!r}).info().title)"
    seen = subprocess.run(
        [sys.executable, "-c", reader], capture_output=True, text=True, timeout=60
    )
    window.close()
    assert seen.stdout.strip() == "After"

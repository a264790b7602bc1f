"""Breakout rooms from the command line: a kit, an import, and an import killed half-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.core.test_breakout import dump

from summit_app.core import Summit
from summit_app.core.templates import create_from_template


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summit_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,  # never a terminal: a protected file is refused, not asked
    )


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}


def _room(tmp_path: Path, env: dict[str, str]) -> tuple[Path, Path]:
    main = tmp_path / "demo.summit"
    create_from_template(main, "demo").close()
    with Summit.open(main) as summit:
        section = summit.agenda.add_section("Breakouts")
        item = summit.agenda.add_item(section.id, "Workforce", "discussion", 40)
        summit.agenda.add_prompt(item.id, "What would help?")
    room = tmp_path / "workforce.summit"
    done = run_cli(
        "breakout",
        str(main),
        str(room),
        "--room",
        "Breakout B: Workforce",
        "--item",
        "Workforce",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stdout and "Breakout B: Workforce" in done.stdout
    with Summit.open(room) as summit:
        prompt = summit.agenda.prompts()[0].id
        for n in range(20):
            summit.notes.add_note(prompt, f"Room note {n}")
    return main, room


def test_import_from_the_command_line_says_what_came_in_and_keeps_a_copy(tmp_path):
    env = _env(tmp_path)
    main, room = _room(tmp_path, env)
    done = run_cli("import", str(main), str(room), env=env)
    assert done.returncode == 0, done.stderr
    assert "From Breakout B: Workforce: new: 20 notes." in done.stdout
    assert "demo.summit.before-import-1-1.bak" in done.stdout
    log = (tmp_path / "data").rglob("summit.log")
    assert any("new: 20 notes" in p.read_text() for p in log)
    again = run_cli("import", str(main), str(room), env=env)
    assert "Nothing new from Breakout B: Workforce." in again.stdout
    unknown = run_cli(
        "breakout", str(main), str(tmp_path / "x.summit"), "--room", "C", "--item", "Nope", env=env
    )
    assert unknown.returncode == 1 and "No item on the agenda is called “Nope”" in unknown.stderr
    with Summit.open(main) as summit:
        item = summit.agenda.add_item(summit.agenda.sections()[-1].id, "Digital", "vote", 20)
        summit.polls.open_poll(summit.polls.add_poll(item.id, "Which first?", "single", ["A"]).id)
    voting = run_cli(
        "breakout",
        str(main),
        str(tmp_path / "d.summit"),
        "--room",
        "D",
        "--item",
        "Digital",
        env=env,
    )
    assert voting.returncode == 1 and not (tmp_path / "d.summit").exists()
    assert "Close voting on “Which first?” first: phones are voting on it here." in voting.stderr


def test_an_import_killed_half_way_leaves_the_main_file_as_it_was(tmp_path):
    env = _env(tmp_path)
    main, room = _room(tmp_path, env)
    # Make each note the import writes slow (a trigger counting a cross join), so the
    # import is surely half-way through its transaction when it is killed.
    conn = sqlite3.connect(main)
    conn.executescript(
        "CREATE TABLE slow (x INTEGER);"
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000)"
        " INSERT INTO slow SELECT x FROM c;"
        "CREATE TRIGGER slow_notes AFTER INSERT ON notes BEGIN"
        " SELECT count(*) FROM slow a, slow b; END;"
    )
    conn.close()
    before = dump(main)
    # (About 0.2 s a note on an idle machine, 20 notes: seconds inside the transaction.)
    with subprocess.Popen(
        [sys.executable, "-m", "summit_app", "import", str(main), str(room)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        backup = tmp_path / "demo.summit.before-import-1-1.bak"
        deadline = time.monotonic() + 30
        while not backup.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        assert backup.exists(), "the import never got as far as its copy of the main file"
        time.sleep(0.3)  # inside the transaction, writing the slow notes
        assert process.poll() is None, "the import finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        out, _err = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert "From Breakout" not in out
    assert dump(main) == before
    conn = sqlite3.connect(main)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.execute("DROP TRIGGER slow_notes")
    conn.close()
    # Nothing half-done stands in the way: the same file then comes in whole.
    done = run_cli("import", str(main), str(room), env=env)
    assert "new: 20 notes" in done.stdout, done.stderr

"""The command line: errors are one clear line and a non-zero exit, never a traceback."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from summit_app.cli import main
from summit_app.core.schema import SCHEMA_VERSION, migrate
from summit_app.ui.app import NO_SCREEN

NO_SCREEN_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summit_app", *args], capture_output=True, text=True, timeout=60
    )


def test_the_window_with_no_screen_is_one_clear_line_not_an_abort(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in NO_SCREEN_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-m", "summit_app", str(tmp_path / "missing.summit")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0] == f"summit-app: {tmp_path / 'missing.summit'}: no such file."
    assert lines[1] == f"summit-app: {NO_SCREEN}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["", ".", "  "])
def test_new_with_no_name_is_a_sentence(name: str, capsys):
    assert main(["new", name]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_new_into_a_folder_that_is_not_there_makes_no_folders(tmp_path: Path, capsys):
    assert main(["new", str(tmp_path / "typo" / "day.summit")]) == 1
    assert "typo: no such folder" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


def test_exporting_a_file_from_a_newer_version_is_refused(tmp_path: Path, capsys):
    path = tmp_path / "newer.summit"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE summit (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    assert main(["export", str(path)]) == 1
    err = capsys.readouterr().err
    assert "newer version of Summit" in err and len(err.strip().splitlines()) == 1


def test_an_unknown_command_option_is_a_usage_error(capsys):
    try:
        main(["new"])
    except SystemExit as exit:
        assert exit.code == 2
    assert "usage: summit-app" in capsys.readouterr().err


def test_new_from_the_demo_template_then_refuses_to_overwrite(tmp_path: Path, capsys):
    path = tmp_path / "demo.summit"
    assert main(["new", str(path), "--template", "demo"]) == 0
    assert "South East London" in capsys.readouterr().out
    before = path.read_bytes()
    assert main(["new", str(path), "--template", "demo"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_new_with_an_unknown_template_names_the_ones_there_are(tmp_path: Path, capsys):
    assert main(["new", str(tmp_path / "x.summit"), "--template", "nope"]) == 1
    err = capsys.readouterr().err
    assert "no template called 'nope'" in err and "summit-day" in err
    assert not (tmp_path / "x.summit").exists()


def test_templates_lists_every_template(capsys):
    assert main(["templates"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == [
        "demo",
        "functions-ranking",
        "liked-missing-prioritise",
        "pre-mortem",
        "summit-day",
    ]


def test_exporting_a_file_from_an_older_version_says_where_its_copy_is(tmp_path: Path, capsys):
    path = tmp_path / "old.summit"
    conn = sqlite3.connect(path)
    migrate(conn, target=1)
    conn.execute("INSERT INTO summit (id, title, join_code) VALUES (1, 'Old day', 'code')")
    conn.commit()
    conn.close()
    assert main(["export", str(path), "--pdf", str(tmp_path / "old.pdf")]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("old.summit was brought up to date from file format 1")
    assert first.endswith("kept as old.summit.v1.bak.")
    assert (tmp_path / "old.summit.v1.bak").exists()


def test_serve_on_every_address_starts_and_answers(tmp_path: Path) -> None:
    """`--host 0.0.0.0` (every address of the laptop) serves; reached here on 127.0.0.1."""
    import re
    import signal
    import time
    import urllib.request

    path = tmp_path / "day.summit"
    assert main(["new", str(path)]) == 0
    serving = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summit_app",
            "serve",
            str(path),
            "--host",
            "0.0.0.0",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines, deadline = [], time.monotonic() + 30
        while time.monotonic() < deadline and serving.poll() is None:
            line = serving.stdout.readline()
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        port = re.search(r"http://[^:/]+:(\d+)/j/", "".join(lines))
        assert port, "".join(lines) + serving.stderr.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port.group(1)}/", timeout=5) as page:
            assert page.status == 200
    finally:
        serving.send_signal(signal.SIGINT)
        _, err = serving.communicate(timeout=30)
    assert serving.returncode == 0 and "Traceback" not in err, err


def test_a_port_or_host_that_cannot_be_is_a_sentence(tmp_path: Path, capsys) -> None:
    path = tmp_path / "day.summit"
    assert main(["new", str(path)]) == 0
    for args, said in (
        (["--port", "99999"], "99999 is not a port"),
        (["--port", "-1"], "-1 is not a port"),
        (["--host", "not an address"], "not an address"),
    ):
        assert main(["serve", str(path), *args]) == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert said in line and line.startswith("summit-app serve: "), line

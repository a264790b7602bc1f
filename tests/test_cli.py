"""The command line: errors are one clear line and a non-zero exit, never a traceback."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from summit_app.cli import main
from summit_app.core.schema import SCHEMA_VERSION


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summit_app", *args], capture_output=True, text=True, timeout=60
    )


def test_opening_a_missing_file_is_one_clear_line(tmp_path: Path):
    done = run_cli(str(tmp_path / "missing.summit"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"summit-app: {tmp_path / 'missing.summit'}: no such file."
    ]
    assert "Traceback" not in done.stderr


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

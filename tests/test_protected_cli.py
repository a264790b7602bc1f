"""A protected summit from the command line: the passphrase from the environment, phones
voting through `summit-app serve` in its own process, and the refusals as one line."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import docx
import httpx
from pypdf import PdfReader
from tests.test_breakout_cli import run_cli

from summit_app.cli import PASSPHRASE_VARIABLE
from summit_app.core import Summit, cipher
from summit_app.core.model import ItemKind, PollKind
from summit_app.core.protect import protect
from summit_app.core.templates import create_from_template

PASSPHRASE = "harbour lantern cobalt"


def _env(tmp_path: Path, passphrase: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != PASSPHRASE_VARIABLE}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    if passphrase is not None:
        env[PASSPHRASE_VARIABLE] = passphrase
    return env


def protected_summit(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "day.summit"
    create_from_template(path, "summit-day").close()
    with Summit.open(path) as summit:
        section = summit.agenda.add_section("Priorities")
        item = summit.agenda.add_item(section.id, "Prioritise together", ItemKind.VOTE, 30)
        poll = summit.polls.add_poll(item.id, "Which first?", PollKind.SINGLE, ["Staff", "Data"])
        summit.agenda.start_item(item.id)
        summit.polls.open_poll(poll.id)
        poll_id = poll.id
    protect(path, PASSPHRASE)
    cipher.forget(path)  # as a new run would: nothing held in this process
    return path, poll_id


def test_without_the_passphrase_a_command_is_one_sentence(tmp_path: Path) -> None:
    path, _ = protected_summit(tmp_path)
    done = run_cli("export", str(path), "--pdf", str(tmp_path / "p.pdf"), env=_env(tmp_path, None))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"summit-app: day.summit is protected with a passphrase: run this in a terminal to type"
        f" it, or set {PASSPHRASE_VARIABLE} in the environment."
    )
    wrong = run_cli("export", str(path), env=_env(tmp_path, "not the passphrase"))
    assert wrong.returncode == 1
    assert wrong.stderr.startswith("summit-app: That passphrase does not open day.summit.")
    assert "ERROR" not in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "p.pdf").exists() and not (tmp_path / "exports").exists()


def test_export_with_the_passphrase_writes_the_pack(tmp_path: Path) -> None:
    path, _ = protected_summit(tmp_path)
    pdf = tmp_path / "pack.pdf"
    done = run_cli("export", str(path), "--pdf", str(pdf), env=_env(tmp_path, PASSPHRASE))
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Which first?" in text  # the pack itself is not encrypted (README says so)


def test_phones_vote_through_a_separate_serve_process_on_a_protected_summit(
    tmp_path: Path,
) -> None:
    path, poll_id = protected_summit(tmp_path)
    serving = subprocess.Popen(
        [sys.executable, "-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        + ["--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=_env(tmp_path, PASSPHRASE),
    )
    try:
        assert serving.stdout is not None
        lines, deadline = [], time.monotonic() + 60
        while time.monotonic() < deadline and serving.poll() is None:
            line = serving.stdout.readline()
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        found = re.search(r"(http://127\.0\.0\.1:\d+)(/j/\S+)", "".join(lines))
        assert found, "".join(lines)
        base, join = found.groups()
        votes = []
        for n in range(5):
            transport = httpx.HTTPTransport(local_address=f"127.0.3.{n + 1}")
            with httpx.Client(base_url=base, timeout=10, transport=transport) as phone:
                assert phone.get(join).status_code == 200
                option = phone.get("/api/state").json()["poll"]["options"][n % 2]["id"]
                answer = phone.post(
                    "/api/ballot", json={"poll_id": poll_id, "choices": {option: 1}}
                )
                assert answer.status_code == 200, answer.text
                votes.append(option)
    finally:
        serving.send_signal(signal.SIGINT)
        _, err = serving.communicate(timeout=30)
    assert serving.returncode == 0 and "Traceback" not in err, err
    cipher.unlock(path, PASSPHRASE)
    with Summit.open(path) as summit:  # the window's side: the ballots are in the file
        ballots = summit.polls.ballots(poll_id)
        assert sorted(next(iter(b.choices)) for b in ballots) == sorted(votes)
    cipher.forget(path)
    assert b"Which first?" not in path.read_bytes()


def test_the_governance_pack_says_the_file_is_encrypted(tmp_path: Path) -> None:
    path, _ = protected_summit(tmp_path)
    out = tmp_path / "governance.docx"
    done = run_cli("export", str(path), "--governance", str(out), env=_env(tmp_path, PASSPHRASE))
    assert done.returncode == 0, done.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "encrypted with a passphrase (SQLCipher, AES-256)" in text
    assert "This summit file is not encrypted" not in text


def _read_until(fd: int, wanted: str, seen: list[str], times: int = 1) -> None:
    """Read what the terminal shows into `seen` until `wanted` has appeared `times` times
    (bounded in time)."""
    deadline = time.monotonic() + 60
    while "".join(seen).count(wanted) < times:
        left = deadline - time.monotonic()
        assert left > 0, f"never showed {wanted!r}: {''.join(seen)!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                chunk = b""
            assert chunk, f"ended before {wanted!r}: {''.join(seen)!r}"
            seen.append(chunk.decode(errors="replace"))


def test_in_a_terminal_the_passphrase_is_typed_at_a_prompt_that_does_not_show_it(
    tmp_path: Path,
) -> None:
    path, _ = protected_summit(tmp_path)
    pdf = tmp_path / "typed.pdf"
    command = [sys.executable, "-m", "summit_app", "export", str(path), "--pdf", str(pdf)]
    with warnings.catch_warnings():  # 3.12 warns of fork in a threaded process: it execs at once
        warnings.simplefilter("ignore", DeprecationWarning)
        pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of its own, as a facilitator's shell gives
        os.execve(sys.executable, command, _env(tmp_path, None))
    seen: list[str] = []
    try:
        _read_until(fd, "Passphrase for day.summit: ", seen)
        os.write(fd, b"not the passphrase\n")
        _read_until(fd, "That passphrase does not open day.summit.", seen)
        _read_until(fd, "Passphrase for day.summit: ", seen, times=2)
        os.write(fd, PASSPHRASE.encode() + b"\n")
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        try:
            while chunk := os.read(fd, 4096):
                seen.append(chunk.decode(errors="replace"))
        except OSError:
            pass
        os.close(fd)
    shown = "".join(seen)
    assert os.waitstatus_to_exitcode(status) == 0, shown
    assert PASSPHRASE not in shown and "not the passphrase" not in shown  # never echoed
    assert PdfReader(pdf).pages

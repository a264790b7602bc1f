"""Starting and stopping the server, its address, its QR codes and headless serving."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from server_room import make_summit

from summit_app.core import SummitFileError
from summit_app.file_lock import SummitLock, lock_path
from summit_app.server import ROOM_ADVICE, SummitServer
from summit_app.server.qr import qr_png, qr_text

SRC = Path(__file__).resolve().parents[2] / "src"


def serve_command(path: Path) -> list[str]:
    """`summit-app serve FILE --host 127.0.0.1 --port 0`, as the CLI will call it."""
    code = (
        "import sys; from summit_app.server.headless import serve;"
        f" sys.exit(serve({str(path)!r}, '127.0.0.1', 0))"
    )
    return [sys.executable, "-c", code]


def start_serving(path: Path) -> subprocess.Popen:
    """`summit-app serve` in its own process, its output piped to the test."""
    return subprocess.Popen(
        serve_command(path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )


@pytest.fixture
def summit_path(tmp_path: Path) -> Path:
    summit, _ = make_summit(tmp_path / "day.summit")
    summit.close()
    return tmp_path / "day.summit"


def test_a_taken_port_falls_back_to_a_free_one_and_stops_cleanly(summit_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    busy_port = taken.getsockname()[1]
    try:
        server = SummitServer(summit_path, host="127.0.0.1", port=busy_port)
        server.start()
        try:
            assert server.running and server.port != busy_port
            assert server.moved_from == busy_port
            assert f"Port {busy_port} is taken" in server.moved
            assert f"phones now join at 127.0.0.1:{server.port}/" in server.moved
            assert "scan the new code on the screen" in server.moved
            assert server.join_url.startswith(f"http://127.0.0.1:{server.port}/j/")
            assert httpx.get(server.join_url, timeout=5).status_code == 200
        finally:
            server.stop()
        assert not server.running
        server.stop()  # twice is harmless
    finally:
        taken.close()


def test_the_port_phones_know_is_kept_when_the_last_run_lets_go_of_it(summit_path: Path) -> None:
    # The run before (closing, or its thread stopping) still holds the port for a moment.
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen()
    port = held.getsockname()[1]
    threading.Timer(0.3, held.close).start()
    server = SummitServer(summit_path, host="127.0.0.1", port=port)
    server.start()
    try:
        assert server.port == port and server.moved_from is None and server.moved == ""
        assert httpx.get(server.join_url, timeout=5).status_code == 200
    finally:
        server.stop()


def test_a_file_that_is_not_a_summit_is_refused_with_a_message(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.summit"
    bogus.write_text("hello")
    # Opened on the server's thread; the error is handed back to the caller of start().
    with pytest.raises(SummitFileError, match="not a summit file"):
        SummitServer(bogus, host="127.0.0.1", port=0).start()


def test_qr_codes_for_the_gui_and_the_terminal() -> None:
    png = qr_png("http://192.168.1.20:8765/j/abc")
    assert png.startswith(b"\x89PNG")
    text = qr_text("http://192.168.1.20:8765/j/abc")
    assert len(text.splitlines()) > 10 and "▄" in text
    assert "hotspot" in ROOM_ADVICE and "isolation" in ROOM_ADVICE


def test_headless_serve_prints_the_join_url_and_stops_on_sigterm(summit_path: Path) -> None:
    proc = start_serving(summit_path)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(2)]
        join_url = lines[1].strip()
        assert join_url.startswith("http://127.0.0.1:") and "/j/" in join_url
        assert httpx.get(join_url, timeout=5).status_code == 200
        time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
        assert proc.returncode == 0, err
        assert "Stopped." in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_a_served_summit_is_held_so_a_window_says_who_serves_it(summit_path: Path) -> None:
    proc = start_serving(summit_path)
    try:
        assert proc.stdout is not None
        assert "/j/" in [proc.stdout.readline() for _ in range(2)][1]
        with pytest.raises(SummitFileError) as refused:
            SummitLock(summit_path).acquire()
        assert f"already open in another Summit (process {proc.pid} on this computer)" in str(
            refused.value
        )
        assert "or `summit-app serve` in a terminal" in str(refused.value)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
        assert proc.returncode == 0
        assert not lock_path(summit_path).exists()
        window_lock = SummitLock(summit_path)
        window_lock.acquire()  # free again once serving stopped
        window_lock.release()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_serving_a_summit_open_in_a_window_is_refused_in_one_line(summit_path: Path) -> None:
    window_lock = SummitLock(summit_path)
    window_lock.acquire()
    try:
        proc = subprocess.run(
            serve_command(summit_path),
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(SRC)},
            timeout=60,
        )
    finally:
        window_lock.release()
    assert proc.returncode == 1
    assert proc.stderr.startswith(
        "summit-app serve: day.summit is already open in another Summit (process"
    )
    assert "Traceback" not in proc.stderr
    assert lock_path(summit_path).exists() is False


def test_headless_serve_refuses_a_missing_file_in_one_line(tmp_path: Path) -> None:
    from summit_app.server.headless import serve

    missing = tmp_path / "nowhere.summit"
    proc = subprocess.run(
        serve_command(missing),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=30,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"summit-app serve: {missing}: no such file."
    assert serve  # imported in-process too: the module has no side effects

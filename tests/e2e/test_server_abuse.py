"""Abuse: a phone hammering the server, a flood of requests with no pass, and bodies far over
the limit. The room's other phones keep being answered, and no huge body is read whole."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from served import Served, make_vote, serve

from summit_app.server.guards import MAX_BODY_BYTES

HUGE = 50 * 1024 * 1024  # what the abuser claims it will send
PIECE = 4096


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path, int]]:
    path = tmp_path_factory.mktemp("abuse") / "day.summit"
    poll_id, _ = make_vote(path)
    server = serve(path)
    try:
        yield server, path, poll_id
    finally:
        server.stop()


def send_slowly_until_answered(served: Served, head: bytes, chunked: bool) -> tuple[bytes, int]:
    """Send `head`, then body pieces a little at a time, reading as we go; stop when the
    server answers (or after 10 s). Returns (what it answered, body bytes we had sent)."""
    sent, answer = 0, b""
    host, port = served.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        give_up = time.monotonic() + 10
        while time.monotonic() < give_up and sent < HUGE:
            try:
                answer += sock.recv(65536)
                if b"\r\n\r\n" in answer:
                    break
            except BlockingIOError:
                pass
            piece = b"x" * PIECE
            try:
                sock.sendall(f"{PIECE:x}\r\n".encode() + piece + b"\r\n" if chunked else piece)
            except (BlockingIOError, ConnectionError):
                time.sleep(0.01)
                continue
            sent += PIECE
            time.sleep(0.05)  # slowly: some 80 KB a second at most
    return answer, sent


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_huge_body_is_refused_before_it_is_read_whole(
    served: tuple[Served, Path, int], chunked: bool
) -> None:
    server, _, _ = served
    length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {HUGE}"
    head = (
        f"POST /api/note HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Cookie: summit_token=whatever\r\n{length}\r\n\r\n"
    ).encode()
    started = time.monotonic()
    answer, sent = send_slowly_until_answered(server, head, chunked)
    took = time.monotonic() - started
    print(f"413 after {sent // 1024} KB sent of {HUGE // 1024} KB, {took:.2f} s")
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < HUGE // 10
    assert took < 5
    assert MAX_BODY_BYTES < HUGE

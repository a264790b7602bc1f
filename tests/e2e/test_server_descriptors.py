"""With 256 file descriptors (a Mac's default) and 300 idle sockets, the room is still served.

Idle sockets are closed after the keep-alive timeout, the longest-idle make way when the
cap is reached, and accept() never runs out of descriptors, so nothing floods the log.
"""

from __future__ import annotations

import contextlib
import socket
import time
from pathlib import Path

import httpx
import pytest
from served import make_vote, serve

pytestmark = pytest.mark.slow


def phone(url: str, i: int) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=f"127.0.6.{1 + i}")
    # A 5 s timeout: a request that waited on a starved server fails the test.
    return httpx.Client(base_url=url, timeout=5, transport=transport, trust_env=False)


def test_idle_sockets_cannot_starve_a_256_descriptor_server(tmp_path: Path) -> None:
    path = tmp_path / "day.summit"
    poll_id, options = make_vote(path)
    served = serve(path, descriptors=256)
    idle: list[socket.socket] = []
    try:
        host, port = served.url.removeprefix("http://").split(":")
        for i in range(300):  # connect and send nothing, as a hostile or broken client does
            sock = socket.socket()
            sock.bind((f"127.0.7.{1 + i % 250}", 0))
            sock.connect((host, int(port)))
            idle.append(sock)
        time.sleep(0.5)
        with contextlib.ExitStack() as phones:
            for i in range(20):  # phones join, keep a live stream open, and vote
                client = phones.enter_context(phone(served.url, i))
                assert client.get(f"/j/{served.code}").status_code == 200
                phones.enter_context(client.stream("GET", "/api/events", timeout=5))
                ballot = {"poll_id": poll_id, "choices": {str(options[i % 3]): 1}}
                assert client.post("/api/ballot", json=ballot).status_code == 200
        # The idle sockets that were not pushed out are closed by the server itself.
        time.sleep(6)
        closed = 0
        for sock in idle:
            sock.settimeout(0.2)
            try:
                closed += sock.recv(1) == b""
            except (ConnectionResetError, TimeoutError):
                closed += 0
        assert closed >= 290
    finally:
        for sock in idle:
            sock.close()
        served.stop()
    log = "".join(served.output)
    assert "Too many open files" not in log and "Traceback" not in log, log[-2000:]

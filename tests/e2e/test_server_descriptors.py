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
from served import make_vote, room_for_sockets, serve

from summit_app.server.connections import OWN_FDS, accept_batch, connection_budget

pytestmark = pytest.mark.slow


def phone(url: str, i: int) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=f"127.0.6.{1 + i}")
    # A 5 s timeout: a request that waited on a starved server fails the test.
    return httpx.Client(base_url=url, timeout=5, transport=transport, trust_env=False)


def test_idle_sockets_cannot_starve_a_256_descriptor_server(tmp_path: Path) -> None:
    room_for_sockets(300)
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


def test_three_accept_batches_fit_beside_the_budget_and_what_the_process_holds(tmp_path):
    # On a loaded machine asyncio holds up to three accept batches beyond the connections
    # uvicorn counts (connections.accept_batch says why): with a reserve of 64 they took a
    # 256-descriptor server to 260 ("socket.accept() out of system resource" in
    # test_server_slow_senders.py under a whole run's load).
    path = tmp_path / "day.summit"
    make_vote(path)
    served = serve(path, descriptors=256)
    try:
        listing = Path(f"/proc/{served.process.pid}/fd")
        own = len(list(listing.iterdir())) if listing.is_dir() else None
    finally:
        served.stop()
    if own is not None:  # what `serve` holds before any phone connects
        assert own <= OWN_FDS
    for limit in (256, 512, 1024, 4096, 10_240):
        budget = connection_budget(limit)
        batch = accept_batch(budget, limit)
        headroom = batch // 2  # as runner.uvicorn_config gives the protocol
        assert OWN_FDS + budget + headroom + 3 * batch <= limit, (limit, budget, batch)
        assert budget >= 2 * limit // 3
    # A burst is still taken 16 at a time at 256, as before: a smaller listen backlog
    # drops a burst's connections sooner, and each dropped one waits a second.
    assert accept_batch(connection_budget(256), 256) == 16

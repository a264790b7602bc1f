"""Slow senders (slowloris): with 256 file descriptors (a Mac's default), 300 sockets that
trickle their headers or their body a byte at a time, and reconnect when dropped, do not
lock the room's phones out; the slow senders are answered 408 and dropped."""

from __future__ import annotations

import contextlib
import selectors
import socket
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from served import make_vote, room_for_sockets, serve

pytestmark = pytest.mark.slow

SLOW_SOCKETS = 300
SLOW_BODIES = 200  # the rest trickle their headers
TRICKLE_S = 2.0  # one byte this often, per socket
ATTACK_S = 24.0
PHONE_TIMEOUT_S = 5.0


class Trickler(threading.Thread):
    """Keeps SLOW_SOCKETS sockets open against the server, each sending a byte every
    TRICKLE_S; a socket the server closes is replaced. Bounded by ATTACK_S."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.answers: Counter[str] = Counter()
        self.opened = 0
        self.open_now: list[int] = []
        self.stop_at = time.monotonic() + ATTACK_S
        self.selector = selectors.DefaultSelector()

    def head(self, slot: int) -> bytes:
        if slot < SLOW_BODIES:
            return (
                f"POST /api/note HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"
            ).encode()
        return f"POST /api/note HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nX-Slow: ".encode()

    def connect(self, slot: int) -> None:
        sock = socket.socket()
        sock.bind((f"127.0.9.{1 + slot % 250}", 0))
        sock.settimeout(2)
        try:
            sock.connect((self.host, self.port))
            sock.sendall(self.head(slot))
        except OSError:
            sock.close()
            self.answers["refused"] += 1
            return
        sock.setblocking(False)
        self.opened += 1
        self.selector.register(sock, selectors.EVENT_READ, [slot, time.monotonic(), b""])

    def drop(self, sock: socket.socket, data: list) -> None:
        answer = data[2]
        self.answers[answer[:12].decode(errors="replace") or "closed"] += 1
        self.selector.unregister(sock)
        sock.close()

    def run(self) -> None:
        for slot in range(SLOW_SOCKETS):
            self.connect(slot)
        while time.monotonic() < self.stop_at:
            for key, _ in self.selector.select(timeout=0.2):
                sock, data = key.fileobj, key.data
                try:
                    got = sock.recv(4096)
                except OSError:
                    got = b""
                data[2] += got
                if not got:
                    self.drop(sock, data)
                    self.connect(data[0])  # a slowloris comes straight back
            now = time.monotonic()
            for key in list(self.selector.get_map().values()):
                if now - key.data[1] >= TRICKLE_S:
                    key.data[1] = now
                    with contextlib.suppress(OSError):
                        key.fileobj.send(b"a")
            self.open_now.append(len(self.selector.get_map()))
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()


def test_slow_senders_cannot_lock_phones_out_of_a_256_descriptor_server(tmp_path: Path) -> None:
    room_for_sockets(SLOW_SOCKETS)  # the attackers' sockets are this process's own
    path = tmp_path / "day.summit"
    poll_id, options = make_vote(path)
    served = serve(path, descriptors=256)
    host, port = served.url.removeprefix("http://").split(":")
    trickler = Trickler(host, int(port))
    latencies: list[float] = []
    failures: list[str] = []
    try:
        trickler.start()
        time.sleep(3)  # every slot the server has is taken by now
        phone = 0
        while time.monotonic() < trickler.stop_at - 2:
            # A new phone joins and votes, as one arriving late does, every couple of seconds.
            transport = httpx.HTTPTransport(local_address=f"127.0.10.{1 + phone}")
            with httpx.Client(
                base_url=served.url, timeout=PHONE_TIMEOUT_S, transport=transport, trust_env=False
            ) as client:
                started = time.monotonic()
                try:
                    joined = client.get(f"/j/{served.code}")
                    assert joined.status_code == 200, joined.text[:200]
                    ballot = {"poll_id": poll_id, "choices": {str(options[phone % 3]): 1}}
                    answer = client.post("/api/ballot", json=ballot)
                    assert answer.status_code == 200, answer.text
                    latencies.append(time.monotonic() - started)
                except (httpx.HTTPError, AssertionError) as error:
                    failures.append(f"phone {phone}: {type(error).__name__} {error}")
            phone += 1
            time.sleep(1.5)
        trickler.join(ATTACK_S)
    finally:
        trickler.stop_at = 0
        trickler.join(5)
        served.stop()
    held = statistics.median(trickler.open_now) if trickler.open_now else 0
    print(
        f"{len(latencies)} phones voted, {len(failures)} failed; join+vote"
        f" median {1000 * statistics.median(latencies or [0]):.0f} ms,"
        f" max {1000 * max(latencies or [0]):.0f} ms; slow sockets opened {trickler.opened},"
        f" held open (median) {held}; answers {dict(trickler.answers)}"
    )
    assert not failures, (failures, "".join(served.output)[-1000:])
    assert len(latencies) >= 8
    # Slow senders are told why, where the server can: a 408 (request timeout).
    assert trickler.answers["HTTP/1.1 408"] >= SLOW_SOCKETS // 2, trickler.answers
    log = "".join(served.output)
    assert "Too many open files" not in log and "Traceback" not in log, log[-2000:]

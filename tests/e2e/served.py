"""`summit-app serve` in its own process, as a facilitator runs it, and phones for it.

The server gets its own interpreter (and lock), so that the phones in the test's process
measure and hurt the server, not their own client code.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo

SRC = str(Path(__file__).resolve().parents[2] / "src")


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    code: str
    reader: threading.Thread

    def stop(self) -> None:
        """Stop it as Ctrl-C would (SIGTERM), or kill it if it does not stop."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process.wait(5)
        self.reader.join(5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def serve(path: Path) -> Served:
    """Start `python -m summit_app serve PATH --host 127.0.0.1 --port 0`; wait for its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        + ["--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert process.stdout is not None
    printed = []
    for _ in range(30):
        line = process.stdout.readline()
        printed.append(line)
        if not line or line.startswith("http://"):
            break
    if not printed[-1].startswith("http://"):
        process.kill()
        process.wait(5)
        raise AssertionError("the server did not start:\n" + "".join(printed))
    # Keep reading what it prints so its pipe never fills.
    reader = threading.Thread(target=process.stdout.read, daemon=True)
    reader.start()
    base, code = printed[-1].strip().split("/j/")
    return Served(process, base, code, reader)


def make_vote(path: Path) -> tuple[int, list[int]]:
    """A summit with a single-choice poll open: (poll id, option ids)."""
    with Summit.create(path, SummitInfo(title="Leadership summit")) as summit:
        section = summit.agenda.add_section("Priorities")
        item = summit.agenda.add_item(section.id, "Prioritise", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, "First?", PollKind.SINGLE, ["A", "B", "C"])
        summit.polls.open_poll(poll.id)
        return poll.id, [o.id for o in poll.options]


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return False


def shared_client(connections: int = 20) -> httpx.AsyncClient:
    """One client for many phones: it keeps no cookie, so each phone sends its own."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(
        limits=limits,
        timeout=10,
        trust_env=False,
        cookies=http.cookiejar.CookieJar(policy=_NoCookies()),
    )


async def join(client: httpx.AsyncClient, served: Served) -> str:
    """A phone scans the QR code: its Cookie header from now on."""
    response = await client.get(f"{served.url}/j/{served.code}")
    assert response.status_code == 200, response.text
    return f"summit_token={response.cookies['summit_token']}"

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
    output: list[str]

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


def serve(path: Path, descriptors: int | None = None) -> Served:
    """Start `python -m summit_app serve PATH --host 127.0.0.1 --port 0`; wait for its URL.

    `descriptors`: a hard limit on the server's open files (a Mac's default is 256)."""

    def limit() -> None:
        import resource

        if descriptors is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (descriptors, descriptors))

    process = subprocess.Popen(
        [sys.executable, "-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        + ["--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        preexec_fn=limit if descriptors is not None else None,
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
    # Keep reading what it prints so its pipe never fills (and the test can look at it).
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    base, code = printed[-1].strip().split("/j/")
    return Served(process, base, code, reader, output)


def room_for_sockets(count: int) -> None:
    """Make sure this test process can hold `count` sockets of its own besides what it
    already has open (a whole run's earlier tests hold some): the soft limit is raised
    toward the hard one, or the test fails saying why, rather than its own sockets failing
    with "Too many open files" and reading as the server's fault."""
    import resource

    held = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 64
    wanted = held + count + 64  # and the phones' clients, the server's pipe, the file
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            raise AssertionError(
                f"this test needs {wanted} descriptors in its own process ({held} open now),"
                f" but the hard limit is {hard}: raise it (ulimit -Hn) to run it"
            )
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


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


def loopback(i: int) -> str:
    """The i-th phone's own address: joins are limited per address, as on Wi-Fi every phone
    has its own (and all of 127.0.0.0/8 reaches this machine)."""
    return f"127.0.{20 + i // 250}.{1 + i % 250}"


async def join(served: Served, phone: int) -> str:
    """Phone number `phone` scans the QR code from its own address: its Cookie header."""
    transport = httpx.AsyncHTTPTransport(local_address=loopback(phone))
    async with httpx.AsyncClient(transport=transport, timeout=10, trust_env=False) as own:
        response = await own.get(f"{served.url}/j/{served.code}")
    assert response.status_code == 200, response.text
    return f"summit_token={response.cookies['summit_token']}"

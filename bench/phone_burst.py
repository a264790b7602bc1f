"""A room of phones at once: they join, vote and keep polling, against a real server.

Prints how long the burst took, latencies, whether any ballot was lost, and how many
state polls a second the server answers (most are 304 Not Modified).

    PYTHONPATH=src python bench/phone_burst.py [PHONES]
"""

from __future__ import annotations

# ruff: noqa: ANN201
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo

SRC = str(Path(__file__).resolve().parents[1] / "src")
SERVE = (
    "import sys; from summit_app.server.headless import serve;"
    " sys.exit(serve({path!r}, '127.0.0.1', 0))"
)

POLL_SECONDS = 5.0


class Conn:
    """A bare keep-alive HTTP/1.1 connection: light enough that hundreds of phones in this
    one process measure the server, not the client library."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookie = ""

    async def __aenter__(self) -> Conn:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.writer.close()

    async def request(self, method: str, path: str, body: dict | None = None, etag: str = ""):
        data = json.dumps(body).encode() if body is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookie:
            head.append(f"Cookie: {self.cookie}")
        if etag:
            head.append(f"If-None-Match: {etag}")
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        status = int((await self.reader.readline()).split()[1])
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            key, _, value = line.decode().partition(":")
            headers[key.strip().lower()] = value.strip()
        await self.reader.readexactly(int(headers.get("content-length", 0)))
        if "set-cookie" in headers:
            self.cookie = headers["set-cookie"].split(";")[0]
        return status, headers


async def phone(base: tuple[str, int], code: str, poll_id: int, option_id: int, lat: dict) -> int:
    """One phone: join, vote, then poll the state every second (the page polls every 1.5 s)."""
    async with Conn(*base) as conn:
        t = time.perf_counter()
        status, _ = await conn.request("GET", f"/j/{code}")
        lat["join"].append(time.perf_counter() - t)
        assert status == 200, status
        t = time.perf_counter()
        choices = {"poll_id": poll_id, "choices": {option_id: 1}}
        status, _ = await conn.request("POST", "/api/ballot", choices)
        lat["vote"].append(time.perf_counter() - t)
        assert status == 200, status
        etag, polls, end = "", 0, time.perf_counter() + POLL_SECONDS
        while time.perf_counter() < end:
            t = time.perf_counter()
            status, headers = await conn.request("GET", "/api/state", etag=etag)
            lat["state"].append(time.perf_counter() - t)
            etag = headers.get("etag", etag)
            polls += 1
            await asyncio.sleep(1.0)
        return polls


def ms(values: list[float], q: float) -> str:
    values = sorted(values)
    return f"{1000 * values[min(len(values) - 1, int(q * len(values)))]:.0f} ms"


async def burst(base: str, code: str, poll_id: int, options: list[int], n: int) -> None:
    lat: dict[str, list[float]] = {"join": [], "vote": [], "state": []}
    started = time.perf_counter()
    host, port = base.removeprefix("http://").split(":")
    polls = await asyncio.gather(
        *(phone((host, int(port)), code, poll_id, options[i % len(options)], lat) for i in range(n))
    )
    took = time.perf_counter() - started
    print(f"{n} phones joined and voted; burst plus {POLL_SECONDS:.0f} s of polling: {took:.1f} s")
    for kind in ("join", "vote", "state"):
        v = lat[kind]
        print(f"  {kind:<6} median {ms(v, 0.5)}, p95 {ms(v, 0.95)}, max {ms(v, 1)}  ({len(v)})")
    print(f"  state polls answered: {sum(polls)} ({sum(polls) / took:.0f} a second)")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "burst.summit"
        summit = Summit.create(path, SummitInfo(title="Burst"))
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Vote", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, "Which?", PollKind.SINGLE, ["A", "B", "C"])
        summit.polls.open_poll(poll.id)
        options = [o.id for o in poll.options]
        # The server runs in its own process (as `summit-app serve`), so the phones'
        # client code does not share its interpreter lock.
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE.format(path=str(path))],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": SRC},
        )
        try:
            assert server.stdout is not None
            server.stdout.readline()
            join_url = server.stdout.readline().strip()
            base, code = join_url.split("/j/")
            # Keep reading what the server prints ("N joined"...) so its pipe never fills.
            threading.Thread(target=server.stdout.read, daemon=True).start()
            asyncio.run(burst(base, code, poll.id, options, n))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(10)
        stored = summit.polls.ballot_count(poll.id)
        print(f"ballots in the file: {stored} of {n} ({'none lost' if stored == n else 'LOST'})")
        summit.close()
        return 0 if stored == n else 1


if __name__ == "__main__":
    sys.exit(main())

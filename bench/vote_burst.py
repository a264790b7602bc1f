"""The vote burst: a room of phones join, then all vote at once the moment a poll opens.

Runs the real server as `python -m summit_app serve FILE --host 127.0.0.1 --port P` in a
subprocess and N simulated phones (asyncio + httpx.AsyncClient, a bounded pool of
keep-alive connections) in this one. Each phone joins; then the facilitator opens the poll
and every phone polls the state once and sends its ballot. Prints votes a second, latency
median and p99 (timed from when a request goes out on a free connection), errors by kind,
the server's CPU time per phone, and "acknowledged N, stored N" read back from the file
after the server has stopped.

In the same run the same load (per phone a GET then a POST with the same body, same
client, same pool) goes to a bare endpoint of the same stack: bench/bare_app.py, a FastAPI
app whose two routes do nothing, served by uvicorn with the server's settings in its own
subprocess. The ratios of the two are the figures to compare across machines.

    PYTHONPATH=src python bench/vote_burst.py [--phones 2000] [--connections 100]
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo

HERE = Path(__file__).resolve().parent
SRC = str(HERE.parent / "src")
BURST_TIMEOUT_S = 120  # the whole burst gives up after this (bounded in time)
REQUEST_TIMEOUT_S = 60


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """One client is shared by every phone, so it must not keep any phone's cookie."""

    def set_ok(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return False


class Clients:
    """`connections` keep-alive connections in small httpx pools, shared by every phone.

    Small pools, each with its own semaphore so that its queue stays empty: httpcore's pool
    scans all its connections and waiting requests on every change, and one pool of 100
    with 2,000 requests waiting measured the client (quadratic), not the server.
    """

    def __init__(self, connections: int, per_pool: int = 4) -> None:
        limits = httpx.Limits(max_connections=per_pool, max_keepalive_connections=per_pool)
        self.pools = [
            (
                asyncio.Semaphore(per_pool),
                httpx.AsyncClient(
                    limits=limits,
                    timeout=REQUEST_TIMEOUT_S,
                    cookies=http.cookiejar.CookieJar(policy=_NoCookies()),
                    trust_env=False,
                ),
            )
            for _ in range(max(1, connections // per_pool))
        ]

    async def __aenter__(self) -> Clients:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for _, pool in self.pools:
            await pool.aclose()

    async def send(
        self,
        leg: Leg,
        phone: int,
        ok: Callable[[httpx.Response], bool],
        method: str,
        url: str,
        **kwargs: Any,
    ) -> httpx.Response | None:
        """One request once the phone's pool has a free connection, timed from when it is
        sent; counted in `leg` as answered, or as an error by kind."""
        gate, pool = self.pools[phone % len(self.pools)]
        async with gate:
            t = time.perf_counter()
            try:
                response = await pool.request(method, url, **kwargs)
            except httpx.HTTPError as error:
                leg.errors[type(error).__name__] += 1
                return None
            leg.latencies.append(time.perf_counter() - t)
        if not ok(response):
            leg.errors[f"HTTP {response.status_code}"] += 1
            return None
        leg.ok += 1
        return response


@dataclass
class Leg:
    """One kind of request, timed: latencies of answered ones, and errors by kind."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    ok: int = 0
    seconds: float = 0.0
    cpu: float = float("nan")  # the server process's CPU seconds during the leg

    def median(self) -> float:
        return pick(self.latencies, 0.5)

    def p99(self) -> float:
        return pick(self.latencies, 0.99)

    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def line(self, name: str) -> str:
        errors = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())) or "none"
        return (
            f"  {name:<7} {self.ok} ok in {self.seconds:.2f} s = {self.rate():,.0f}/s;"
            f" median {1000 * self.median():.0f} ms, p99 {1000 * self.p99():.0f} ms;"
            f" errors: {errors}"
        )


def pick(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def together(coros: list) -> float:
    """Run all at once; the seconds from the start to the last answer."""
    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*coros), BURST_TIMEOUT_S)
    return time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux's /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_summit(path: Path) -> tuple[int, list[int]]:
    with Summit.create(path, SummitInfo(title="Burst")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Vote", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, "Which?", PollKind.SINGLE, ["A", "B", "C"])
        return poll.id, [o.id for o in poll.options]


def start(args: list[str]) -> tuple[subprocess.Popen, str]:
    """Start a server process; return it and the first URL it prints."""
    process = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert process.stdout is not None
    url = ""
    for _ in range(20):
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("http://"):
            url = line.strip()
            break
    if not url:
        process.kill()
        raise SystemExit("the server did not start")
    # Keep reading what it prints ("N joined"...) so its pipe never fills.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


async def phones_burst(
    base: str,
    code: str,
    path: Path,
    poll_id: int,
    options: list[int],
    n: int,
    conns: int,
    pid: int,
) -> tuple[Leg, Leg, Leg]:
    join, state, vote = Leg(), Leg(), Leg()
    async with Clients(conns) as http:
        cookies: list[str] = []

        async def one_join(i: int) -> None:
            r = await http.send(join, i, lambda r: r.status_code == 200, "GET", f"{base}/j/{code}")
            if r is not None and "summit_token" in r.cookies:
                cookies.append(f"summit_token={r.cookies['summit_token']}")

        cpu = cpu_seconds(pid)
        join.seconds = await together([one_join(i) for i in range(n)])
        join.cpu = cpu_seconds(pid) - cpu

        # The facilitator opens the poll (the GUI's own connection does this)...
        with Summit.open(path) as summit:
            summit.polls.open_poll(poll_id)

        # ...and every phone sees it on its next state poll and votes at once.
        async def one_vote(i: int, cookie: str) -> None:
            headers = {"Cookie": cookie}
            r = await http.send(
                state,
                i,
                lambda r: r.status_code == 200 and r.json()["poll"]["open"],
                "GET",
                f"{base}/api/state",
                headers=headers,
            )
            if r is None:
                return
            body = {"poll_id": poll_id, "choices": {str(options[i % len(options)]): 1}}
            await http.send(
                vote,
                i,
                lambda r: r.status_code == 200 and r.json().get("ok") is True,
                "POST",
                f"{base}/api/ballot",
                json=body,
                headers=headers,
            )

        cpu = cpu_seconds(pid)
        state.seconds = vote.seconds = await together(
            [one_vote(i, c) for i, c in enumerate(cookies)]
        )
        vote.cpu = cpu_seconds(pid) - cpu
    return join, state, vote


async def bare_burst(base: str, n: int, conns: int, pid: int) -> Leg:
    """The vote leg's shape (a GET, then a POST with the same body) against routes that
    do nothing: `leg.ok` counts phones whose POST was answered."""
    get, leg = Leg(), Leg()
    body = {"poll_id": 1, "choices": {"1": 1}}
    async with Clients(conns) as http:

        async def one(i: int) -> None:
            ok = lambda r: r.status_code == 200  # noqa: E731
            if await http.send(get, i, ok, "GET", f"{base}/bare") is not None:
                await http.send(leg, i, ok, "POST", f"{base}/bare", json=body)

        cpu = cpu_seconds(pid)
        leg.seconds = await together([one(i) for i in range(n)])
        leg.cpu = cpu_seconds(pid) - cpu
    leg.errors.update(get.errors)
    return leg


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=100, help="client pool size")
    args = parser.parse_args()
    n, conns = args.phones, args.connections
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "burst.summit"
        poll_id, options = make_summit(path)
        serve = ["-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        server, join_url = start([*serve, "--port", str(free_port())])
        try:
            base, code = join_url.split("/j/")
            join, state, vote = asyncio.run(
                phones_burst(base, code, path, poll_id, options, n, conns, server.pid)
            )
        finally:
            stop(server)
        acknowledged = vote.ok
        with Summit.open(path) as summit:
            stored = summit.polls.ballot_count(poll_id)

    bare_process, bare_url = start([str(HERE / "bare_app.py"), str(free_port())])
    try:
        bare = asyncio.run(bare_burst(bare_url, n, conns, bare_process.pid))
    finally:
        stop(bare_process)

    print(f"{n} phones, {conns} client connections, server: python -m summit_app serve")
    print(join.line("join"))
    print(state.line("state"))
    print(vote.line("vote"))
    print(bare.line("bare"))
    print(
        f"  votes {vote.rate():,.0f}/s vs bare {bare.rate():,.0f}/s: the server's votes a second"
        f" are {vote.rate() / max(bare.rate(), 1e-9):.2f} of the bare stack's;"
        f" vote median latency {vote.median() / bare.median():.2f}x, p99"
        f" {vote.p99() / bare.p99():.2f}x the bare POST's"
    )
    per_vote, per_bare = 1000 * vote.cpu / max(vote.ok, 1), 1000 * bare.cpu / max(bare.ok, 1)
    print(
        f"  server CPU per phone (state poll + ballot): {per_vote:.2f} ms vs bare"
        f" {per_bare:.2f} ms (ratio {per_vote / per_bare:.2f});"
        f" per join {1000 * join.cpu / max(join.ok, 1):.2f} ms"
    )
    lost = acknowledged - stored
    verdict = "none lost" if lost == 0 and acknowledged == n else "NOT ALL SERVED OR LOST"
    print(
        f"acknowledged {acknowledged}, stored {stored} ({n - acknowledged} not served, {lost} lost:"
        f" {verdict})"
    )
    return 0 if stored == acknowledged == n else 1


if __name__ == "__main__":
    sys.exit(main())

"""The load side of bench/vote_burst.py: pooled httpx clients shared by many phones,
timed legs of requests, and the server processes under test."""

from __future__ import annotations

import asyncio
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

T = TypeVar("T")
# The server under test: this checkout's, or another's for a before/after in one run.
SRC = os.environ.get("SUMMIT_BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src")
BURST_TIMEOUT_S = 120  # a whole burst gives up after this (bounded in time)
REQUEST_TIMEOUT_S = 60


def loopback(i: int) -> str:
    """The i-th phone's own address, 127.1.1.1 onwards: all of 127.0.0.0/8 reaches this
    machine, and joins are limited per address as on Wi-Fi, where every phone has its own."""
    return f"127.{1 + i // 62500}.{1 + i // 250 % 250}.{1 + i % 250}"


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
        self.joining = asyncio.Semaphore(connections)

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

    async def join(self, leg: Leg, phone: int, url: str) -> str | None:
        """join(), at most `connections` at once."""
        async with self.joining:
            return await join(leg, phone, url)


async def join(leg: Leg, phone: int, url: str) -> str | None:
    """A phone scans the QR code: the join link, from its own address on a connection of its
    own (as a phone opening a link does); its Cookie header, counted in `leg`."""
    parts = urlsplit(url)
    t = time.perf_counter()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, parts.port, local_addr=(loopback(phone), 0)),
            REQUEST_TIMEOUT_S,
        )
        writer.write(
            f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_TIMEOUT_S)
        await asyncio.wait_for(reader.read(), REQUEST_TIMEOUT_S)
    except (OSError, asyncio.IncompleteReadError, TimeoutError) as error:
        leg.errors[type(error).__name__] += 1
        return None
    finally:
        if writer is not None:
            writer.close()
    leg.latencies.append(time.perf_counter() - t)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    cookie = next(
        (
            line.split(":", 1)[1].strip().split(";")[0]
            for line in lines[1:]
            if line.lower().startswith("set-cookie:") and "summit_token=" in line
        ),
        None,
    )
    if status != 200 or cookie is None:
        leg.errors[f"HTTP {status}"] += 1
        return None
    leg.ok += 1
    return cookie


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


def run(main: Coroutine[Any, Any, T]) -> T:
    """asyncio.run(main), on uvloop where it is installed: the phones' client as light as
    it can be, so the server under test saturates first."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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

"""Where the participant server's time goes, by py-spy, during a vote burst or a broadcast.

Starts `python -m summit_app serve` as bench/vote_burst.py does, joins N phones, then
samples the server process with py-spy (`py-spy record --format raw`, 200 samples a
second, every thread, idle frames left out) while:

- `--what vote`: every phone reads the state and votes at once (bench/vote_burst.py's
  vote leg, on bench/raw_client.py's pool);
- `--what push`: every phone holds an event stream (each from its own loopback address)
  and the facilitator opens a new poll five times, a second apart.

Prints the functions with the most samples: self (the function itself) and total (with
what it calls), as shares of all samples of the server's thread. Linux or macOS with
py-spy installed (`pip install py-spy`; in a container it needs ptrace).

    PYTHONPATH=src python bench/profile_server.py [--what vote|push] [--phones 5000] [--top 25]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from burst_client import free_port, join, loopback, run, start, stop
from raw_client import RawPool
from vote_burst import JOINING_AT_ONCE, Leg, make_summit, one_vote

from summit_app.core import Summit
from summit_app.core.model import PollKind


async def streams(port: int, cookies: list[str], path: Path, item_id: int) -> int:
    """Every phone holds a stream; five polls open a second apart. How many phones heard
    the last one."""
    heard: set[int] = set()

    async def hold(i: int, cookie: str) -> None:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", port, local_addr=(loopback(i), 0)
        )
        writer.write(
            f"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\r\n"
            .encode()
        )  # fmt: skip
        try:
            while chunk := await reader.read(65536):
                if b"Poll 5?" in chunk:
                    heard.add(i)
        finally:
            writer.close()

    tasks = [asyncio.ensure_future(hold(i, c)) for i, c in enumerate(cookies)]
    await asyncio.sleep(3 + len(cookies) / 1000)
    with Summit.open(path) as summit:
        for n in range(1, 6):
            poll = summit.polls.add_poll(item_id, f"Poll {n}?", PollKind.SINGLE, ["A", "B"])
            summit.polls.open_poll(poll.id)
            await asyncio.sleep(1)
    await asyncio.sleep(2)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return len(heard)


async def profile(args: argparse.Namespace, port: int, code: str, path: Path, pid: int) -> str:
    leg, gate = Leg(), asyncio.Semaphore(JOINING_AT_ONCE)

    async def one_join(i: int) -> str | None:
        async with gate:
            return await join(leg, i, f"http://127.0.0.1:{port}/j/{code}")

    cookies = [c for c in await asyncio.gather(*map(one_join, range(args.phones))) if c]
    poll_id, options, _ = args.ids
    with Summit.open(path) as summit:
        summit.polls.open_poll(poll_id)
        item_id = summit.polls.poll(poll_id).item_id
    out = Path(args.folder) / "profile.txt"
    spy = subprocess.Popen(
        [args.py_spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
         "--output", str(out), "--nonblocking", "--threads"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    await asyncio.sleep(1)  # py-spy attaches
    if args.what == "vote":
        pool, state, vote = RawPool("127.0.0.1", port, args.connections), Leg(), Leg()
        await asyncio.gather(
            *(
                one_vote(pool, state, vote, "/api", c, poll_id, options[i % len(options)])
                for i, c in enumerate(cookies)
            )
        )
        pool.close()
        done = f"{vote.ok} of {len(cookies)} ballots acknowledged"
    else:
        done = f"{await streams(port, cookies, path, item_id)} of {len(cookies)} phones heard"
    spy.send_signal(signal.SIGINT)
    spy.wait(30)
    return done + "\n" + top(out.read_text(), args.top)


def top(raw: str, n: int) -> str:
    """The functions with most samples in py-spy's raw (collapsed) stacks."""
    own: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    samples = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not frames or "summit-server" not in frames[0]:
            continue  # the server's thread only (uvicorn runs on it)
        k = int(count)
        samples += k
        names = [f.split(" (")[0] + " (" + f.split(" (")[-1].split(":")[0].rsplit("/", 1)[-1]
                 for f in frames[1:]]  # fmt: skip
        own[names[-1] if names else "?"] += k
        for name in set(names):
            total[name] += k
    lines = [f"{samples} samples of the server's thread; top {n} by self, then by total"]
    lines += [f"  self {100 * c / samples:5.1f}%  {name}" for name, c in own.most_common(n)]
    lines += [f"  total {100 * c / samples:5.1f}%  {name}" for name, c in total.most_common(n)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--what", choices=("vote", "push"), default="vote")
    parser.add_argument("--phones", type=int, default=5000)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    args.py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    with tempfile.TemporaryDirectory() as folder:
        args.folder = folder
        path = Path(folder) / "profile.summit"
        args.ids = make_summit(path)
        port = free_port()
        serve = ["-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        server, join_url = start([*serve, "--port", str(port)])
        started = time.perf_counter()
        try:
            code = join_url.split("/j/")[1]
            print(run(profile(args, port, code, path, server.pid)))
        finally:
            stop(server)
    print(f"({args.what}, {args.phones} phones, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

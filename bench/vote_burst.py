"""The vote burst: a room of phones join, then all vote at once the moment a poll opens.

Runs the real server as `python -m summit_app serve FILE --host 127.0.0.1 --port P` in a
subprocess and N simulated phones in this one. Each phone joins from its own loopback
address on a connection of its own, as a phone opening a link does (joins are limited per
address); then the facilitator opens the poll and every phone reads the state once and
sends its ballot, over a pool of keep-alive connections (bench/raw_client.py: light
enough that the server, not the client, saturates first). Then the facilitator opens a
Q&A, ten phones ask, and every phone reads the list and upvotes one question at once.

The same load (per phone a state read, then its ballot with the same cookie and body)
goes in the same run to the bare endpoint (bench/bare_app.py: the same uvicorn settings,
a copy of the same file with the same pragmas, the same participant lookup and the same
`INSERT ... ON CONFLICT`, committed per ballot; nothing else). The phones vote in
--rounds rounds, each round's legs interleaved in alternating order (Summit then bare,
then bare then Summit), so a change in the machine's load falls on both alike. Prints
votes a second, latency median and p99 (timed from when a request goes out on a free
connection), errors by kind, each server's CPU time per phone, the machine's load, and
"acknowledged N, stored N" for the ballots (both servers) and the upvotes, read back
from the files after the servers have stopped. The last line is the ratio.

    PYTHONPATH=src python bench/vote_burst.py [--phones 5000] [--connections 100] [--rounds 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from burst_client import BURST_TIMEOUT_S, Leg, cpu_seconds, free_port, join, run, start, stop
from raw_client import RawPool

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, PromptKind, SummitInfo

HERE = Path(__file__).resolve().parent
ASKERS = 10  # phones that ask a question; every phone then upvotes one of them
JOINING_AT_ONCE = 200


def make_summit(path: Path) -> tuple[int, list[int], int]:
    with Summit.create(path, SummitInfo(title="Burst")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Vote", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, "Which?", PollKind.SINGLE, ["A", "B", "C"])
        qa = summit.agenda.add_prompt(item.id, "Questions for the panel", PromptKind.QUESTIONS)
        return poll.id, [o.id for o in poll.options], qa.id


async def timed(leg: Leg, pid: int, coros: list) -> None:
    """Run `coros` at once; add their wall and the server's CPU seconds to `leg`."""
    cpu, started = cpu_seconds(pid), time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*coros), BURST_TIMEOUT_S)
    leg.seconds += time.perf_counter() - started
    leg.cpu = (0.0 if leg.cpu != leg.cpu else leg.cpu) + cpu_seconds(pid) - cpu


async def one_vote(
    pool: RawPool, state: Leg, vote: Leg, prefix: str, cookie: str, poll_id: int, option: int
) -> None:
    read = await pool.send(state, "GET", f"{prefix}/state", 200, cookie)
    if read is None:
        return
    body = {"poll_id": poll_id, "choices": {str(option): 1}}
    await pool.send(vote, "POST", f"{prefix}/ballot", 200, cookie, body)


async def burst(
    port: int,
    bare_port: int,
    code: str,
    path: Path,
    bare_path: Path,
    ids: tuple[int, list[int], int],
    pids: tuple[int, int],
    args: argparse.Namespace,
) -> dict[str, Leg]:
    poll_id, options, qa_id = ids
    legs = {name: Leg() for name in ("join", "state", "vote", "bare state", "bare", "upvote")}
    gate = asyncio.Semaphore(JOINING_AT_ONCE)

    async def one_join(i: int) -> str | None:
        async with gate:
            return await join(legs["join"], i, f"http://127.0.0.1:{port}/j/{code}")

    cpu, started = cpu_seconds(pids[0]), time.perf_counter()
    joined = await asyncio.gather(*(one_join(i) for i in range(args.phones)))
    legs["join"].seconds, legs["join"].cpu = (
        time.perf_counter() - started,
        cpu_seconds(pids[0]) - cpu,
    )
    cookies = [c for c in joined if c is not None]

    # The facilitator opens the poll (the GUI's own connection does this); the bare file is
    # a copy of the same file, taken now (the same phones, the same open poll).
    with Summit.open(path) as summit:
        summit.polls.open_poll(poll_id)
    with sqlite3.connect(path) as source, sqlite3.connect(bare_path) as copy:
        source.backup(copy)
    bare_process, _ = start([str(HERE / "bare_app.py"), str(bare_port), str(bare_path)])
    try:
        ours, bare = (
            RawPool("127.0.0.1", port, args.connections),
            RawPool("127.0.0.1", bare_port, args.connections),
        )
        rounds = [list(enumerate(cookies))[r :: args.rounds] for r in range(args.rounds)]
        for r, phones in enumerate(rounds):

            def votes(pool: RawPool, prefix: str, state: Leg, vote: Leg, pid: int):  # noqa: ANN202
                return timed(vote, pid, [
                    one_vote(pool, state, vote, prefix, c, poll_id, options[i % len(options)])
                    for i, c in phones  # noqa: B023 (awaited within this round)
                ])  # fmt: skip

            summit_leg = votes(ours, "/api", legs["state"], legs["vote"], pids[0])
            bare_leg = votes(bare, "/bare", legs["bare state"], legs["bare"], bare_process.pid)
            for leg in (summit_leg, bare_leg) if r % 2 == 0 else (bare_leg, summit_leg):
                await leg
        await upvote_burst(ours, path, qa_id, cookies, pids[0], legs["upvote"])
        ours.close()
        bare.close()
    finally:
        stop(bare_process)
    return legs


async def upvote_burst(
    pool: RawPool, path: Path, qa_id: int, cookies: list[str], pid: int, upvote: Leg
) -> None:
    """The facilitator opens the Q&A, ten phones ask, then every phone reads the list and
    upvotes one question at once: `upvote.ok` counts upvotes the server acknowledged."""
    with Summit.open(path) as summit:
        summit.agenda.open_prompt(qa_id)
    ask, listed = Leg(), Leg()
    ids: list[int] = []

    async def one_ask(i: int) -> None:
        body = {"prompt_id": qa_id, "text": f"Question {i} from the floor?"}
        answer = await pool.send(ask, "POST", "/api/question", 201, cookies[i], body)
        if answer is not None:
            ids.append(answer.json()["id"])  # type: ignore[index]

    await asyncio.gather(*(one_ask(i) for i in range(min(ASKERS, len(cookies)))))

    async def one_upvote(i: int, cookie: str) -> None:
        if await pool.send(listed, "GET", "/api/state", 200, cookie) is not None:
            body = {"question_id": ids[i % len(ids)]}
            await pool.send(upvote, "POST", "/api/upvote", 200, cookie, body)

    await timed(upvote, pid, [one_upvote(i, c) for i, c in enumerate(cookies)])
    upvote.errors.update(ask.errors)
    upvote.errors.update(listed.errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=100, help="client pool size")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds of votes")
    args = parser.parse_args()
    n = args.phones
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        path, bare_path = Path(folder) / "burst.summit", Path(folder) / "bare.summit"
        ids = make_summit(path)
        port = free_port()
        serve = ["-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        server, join_url = start([*serve, "--port", str(port)])
        try:
            code = join_url.split("/j/")[1]
            legs = run(burst(port, free_port(), code, path, bare_path, ids, (server.pid, 0), args))
        finally:
            stop(server)
        with Summit.open(path) as summit:
            stored = summit.polls.ballot_count(ids[0])
            upvotes_stored = summit.questions.upvote_count()
        with sqlite3.connect(bare_path) as bare_file:
            (bare_stored,) = bare_file.execute(
                "SELECT COUNT(*) FROM ballots WHERE poll_id = ?", (ids[0],)
            ).fetchone()
    load_after = os.getloadavg()
    vote, bare, upvote = legs["vote"], legs["bare"], legs["upvote"]
    print(
        f"{n} phones, {args.connections} client connections, {args.rounds} interleaved rounds;"
        f" server: python -m summit_app serve; load average {load[0]:.2f} before,"
        f" {load_after[0]:.2f} after"
    )
    for name, leg in legs.items():
        print(leg.line(name))
    per_vote, per_bare = 1000 * vote.cpu / max(vote.ok, 1), 1000 * bare.cpu / max(bare.ok, 1)
    print(
        f"  server CPU per phone (state read + ballot): {per_vote:.2f} ms vs bare"
        f" {per_bare:.2f} ms (ratio {per_vote / per_bare:.2f});"
        f" per join {1000 * legs['join'].cpu / max(legs['join'].ok, 1):.2f} ms"
    )
    print(
        f"  upvotes {upvote.rate():,.0f}/s (state read + upvote per phone), server CPU per"
        f" phone {1000 * upvote.cpu / max(upvote.ok, 1):.2f} ms;"
        f" upvotes acknowledged {upvote.ok}, stored {upvotes_stored}"
    )
    lost = vote.ok - stored
    verdict = "none lost" if lost == 0 and vote.ok == n else "NOT ALL SERVED OR LOST"
    print(
        f"  acknowledged {vote.ok}, stored {stored} ({n - vote.ok} not served, {lost} lost:"
        f" {verdict}); bare acknowledged {bare.ok}, stored {bare_stored}"
    )
    print(
        f"votes {vote.rate():,.0f}/s vs bare {bare.rate():,.0f}/s: the server's votes a second"
        f" are {vote.rate() / max(bare.rate(), 1e-9):.2f} of the bare stack's; ballot median"
        f" {vote.median() / bare.median():.2f}x, p99 {vote.p99() / bare.p99():.2f}x the bare's"
    )
    return 0 if stored == vote.ok == n == upvote.ok == upvotes_stored else 1


if __name__ == "__main__":
    sys.exit(main())

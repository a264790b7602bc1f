"""The vote burst: a room of phones join, then all vote at once the moment a poll opens.

Runs the real server as `python -m summit_app serve FILE --host 127.0.0.1 --port P` in a
subprocess and N simulated phones (asyncio + httpx.AsyncClient, a bounded pool of
keep-alive connections) in this one. Each phone joins from its own loopback address on a
connection of its own, as a phone opening a link does (joins are limited per address);
then the facilitator opens the poll and every phone polls the state once and sends its
ballot. Then the facilitator opens a Q&A, ten phones ask, and every phone reads the list
and upvotes one question at once. Prints votes a second, latency median and p99 (timed
from when a request goes out on a free connection), errors by kind, the server's CPU time
per phone, and "acknowledged N, stored N" for the ballots and for the upvotes, read back
from the file after the server has stopped.

In the same run the same load (per phone a GET then a POST with the same body, same
client, same pool) goes to a bare endpoint of the same stack: bench/bare_app.py, a FastAPI
app whose two routes do nothing, served by uvicorn with the server's settings in its own
subprocess. The ratios of the two are the figures to compare across machines.

    PYTHONPATH=src python bench/vote_burst.py [--phones 2000] [--connections 100]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from burst_client import Clients, Leg, cpu_seconds, free_port, start, stop, together

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, PromptKind, SummitInfo

HERE = Path(__file__).resolve().parent
ASKERS = 10  # phones that ask a question; every phone then upvotes one of them


def make_summit(path: Path) -> tuple[int, list[int], int]:
    with Summit.create(path, SummitInfo(title="Burst")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Vote", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, "Which?", PollKind.SINGLE, ["A", "B", "C"])
        qa = summit.agenda.add_prompt(item.id, "Questions for the panel", PromptKind.QUESTIONS)
        return poll.id, [o.id for o in poll.options], qa.id


async def phones_burst(
    base: str,
    code: str,
    path: Path,
    poll_id: int,
    options: list[int],
    qa_id: int,
    n: int,
    conns: int,
    pid: int,
) -> tuple[Leg, Leg, Leg, Leg]:
    join, state, vote = Leg(), Leg(), Leg()
    async with Clients(conns) as http:
        cookies: list[str] = []

        async def one_join(i: int) -> None:
            cookie = await http.join(join, i, f"{base}/j/{code}")
            if cookie is not None:
                cookies.append(cookie)

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
        upvote = await upvote_burst(http, base, path, qa_id, cookies, pid)
    return join, state, vote, upvote


async def upvote_burst(
    http: Clients, base: str, path: Path, qa_id: int, cookies: list[str], pid: int
) -> Leg:
    """The facilitator opens the Q&A, ten phones ask, then every phone reads the list and
    upvotes one question at once: `leg.ok` counts upvotes the server acknowledged."""
    with Summit.open(path) as summit:
        summit.agenda.open_prompt(qa_id)
    ask, listed, upvote = Leg(), Leg(), Leg()
    ids: list[int] = []

    async def one_ask(i: int) -> None:
        r = await http.send(
            ask, i, lambda r: r.status_code == 201, "POST", f"{base}/api/question",
            json={"prompt_id": qa_id, "text": f"Question {i} from the floor?"},
            headers={"Cookie": cookies[i]},
        )  # fmt: skip
        if r is not None:
            ids.append(r.json()["id"])

    await together([one_ask(i) for i in range(min(ASKERS, len(cookies)))])

    async def one_upvote(i: int, cookie: str) -> None:
        headers = {"Cookie": cookie}
        r = await http.send(
            listed, i, lambda r: r.status_code == 200 and r.json()["prompt"]["questions"],
            "GET", f"{base}/api/state", headers=headers,
        )  # fmt: skip
        if r is None:
            return
        await http.send(
            upvote, i, lambda r: r.status_code == 200 and r.json().get("ok") is True,
            "POST", f"{base}/api/upvote", json={"question_id": ids[i % len(ids)]},
            headers=headers,
        )  # fmt: skip

    cpu = cpu_seconds(pid)
    upvote.seconds = await together([one_upvote(i, c) for i, c in enumerate(cookies)])
    upvote.cpu = cpu_seconds(pid) - cpu
    upvote.errors.update(ask.errors)
    upvote.errors.update(listed.errors)
    return upvote


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
        poll_id, options, qa_id = make_summit(path)
        serve = ["-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        server, join_url = start([*serve, "--port", str(free_port())])
        try:
            base, code = join_url.split("/j/")
            join, state, vote, upvote = asyncio.run(
                phones_burst(base, code, path, poll_id, options, qa_id, n, conns, server.pid)
            )
        finally:
            stop(server)
        acknowledged = vote.ok
        with Summit.open(path) as summit:
            stored = summit.polls.ballot_count(poll_id)
            upvotes_stored = summit.questions.upvote_count()

    bare_process, bare_url = start([str(HERE / "bare_app.py"), str(free_port())])
    try:
        bare = asyncio.run(bare_burst(bare_url, n, conns, bare_process.pid))
    finally:
        stop(bare_process)

    print(f"{n} phones, {conns} client connections, server: python -m summit_app serve")
    print(join.line("join"))
    print(state.line("state"))
    print(vote.line("vote"))
    print(upvote.line("upvote"))
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
    print(
        f"  upvotes {upvote.rate():,.0f}/s (state read + upvote per phone), server CPU per"
        f" phone {1000 * upvote.cpu / max(upvote.ok, 1):.2f} ms"
    )
    print(
        f"upvotes acknowledged {upvote.ok}, stored {upvotes_stored}"
        f" ({n - upvote.ok} not served, {upvote.ok - upvotes_stored} lost)"
    )
    lost = acknowledged - stored
    verdict = "none lost" if lost == 0 and acknowledged == n else "NOT ALL SERVED OR LOST"
    print(
        f"acknowledged {acknowledged}, stored {stored} ({n - acknowledged} not served, {lost} lost:"
        f" {verdict})"
    )
    return 0 if stored == acknowledged == n == upvote.ok == upvotes_stored else 1


if __name__ == "__main__":
    sys.exit(main())

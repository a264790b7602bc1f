"""What a passphrase costs: ballots a second and the long day's PDF, protected against plain.

Two summits, one plain and one protected with a passphrase (SQLCipher), in the same run:

- Ballots: each served by its own `python -m summit_app serve` (the protected one given its
  passphrase through SUMMIT_PASSPHRASE); --phones phones join both, then vote in --rounds
  rounds, each round's two legs in alternating order (plain then protected, then protected
  then plain) so a change in the machine's load falls on both alike. Each phone reads the
  state and sends its ballot, over bench/vote_burst.py's own legs (`one_vote`, `timed`,
  bench/raw_client.py's pool). Prints each round's ballots a second, their medians, the
  ratio, and "acknowledged N, stored N" read back from both files.
- PDF: bench/export_large.py's long day (1,000 participants, 40 polls, 2,000 notes), its
  copy protected; the pack written --runs times from each, alternating; median wall seconds
  and the ratio.

    PYTHONPATH=src python bench/encryption.py [--phones 1000] [--rounds 5] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from burst_client import Leg, free_port, join, run, start, stop
from export_large import build
from raw_client import RawPool
from vote_burst import make_summit, one_vote, timed

from summit_app.core import Summit, cipher
from summit_app.core.protect import protect
from summit_app.export.pack import write_pack

PASSPHRASE = "bench passphrase for the protected summit"
KINDS = ("plain", "protected")


async def ballots(
    ports: dict[str, int],
    codes: dict[str, str],
    paths: dict[str, Path],
    pids: dict[str, int],
    args: argparse.Namespace,
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, Leg], dict[str, int]]:
    """Join every phone to both servers, open both polls, then the interleaved rounds."""
    polls: dict[str, tuple[int, list[int]]] = {}
    cookies: dict[str, list[str]] = {}
    for kind in KINDS:
        leg, gate = Leg(), asyncio.Semaphore(200)

        async def one_join(
            i: int, kind: str = kind, leg: Leg = leg, gate: asyncio.Semaphore = gate
        ) -> str | None:
            async with gate:
                return await join(leg, i, f"http://127.0.0.1:{ports[kind]}/j/{codes[kind]}")

        joined = await asyncio.gather(*(one_join(i) for i in range(args.phones)))
        cookies[kind] = [c for c in joined if c is not None]
        with Summit.open(paths[kind]) as summit:  # the facilitator opens the poll
            poll = summit.polls.polls()[0]
            summit.polls.open_poll(poll.id)
            polls[kind] = (poll.id, [o.id for o in poll.options])
    pools = {kind: RawPool("127.0.0.1", ports[kind], args.connections) for kind in KINDS}
    rates: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}  # server ms per phone
    legs = {kind: Leg() for kind in KINDS}
    for r in range(args.rounds):
        order = KINDS if r % 2 == 0 else KINDS[::-1]
        for kind in order:
            poll_id, options = polls[kind]
            phones = list(enumerate(cookies[kind]))[r :: args.rounds]
            this, state = Leg(), Leg()
            await timed(this, pids[kind], [
                one_vote(pools[kind], state, this, "/api", c, poll_id, options[i % len(options)])
                for i, c in phones
            ])  # fmt: skip
            rates[kind].append(this.rate())
            cpu[kind].append(1000 * this.cpu / max(this.ok, 1))
            legs[kind].ok += this.ok
            legs[kind].seconds += this.seconds
            legs[kind].errors.update(this.errors)
            legs[kind].errors.update(state.errors)
    for pool in pools.values():
        pool.close()
    return rates, cpu, legs, {kind: polls[kind][0] for kind in KINDS}


def pdf_times(folder: Path, runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    plain = folder / "long-plain.summit"
    build(plain)
    protected = folder / "long-protected.summit"
    shutil.copy(plain, protected)
    protect(protected, PASSPHRASE)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    paths = dict(zip(KINDS, (plain, protected), strict=True))
    summits = {kind: Summit.open(paths[kind]) for kind in KINDS}
    try:
        for kind in KINDS:
            write_pack(summits[kind], folder / f"warm-{kind}.pdf")
        for r in range(runs):
            for kind in KINDS if r % 2 == 0 else KINDS[::-1]:
                started, used = time.perf_counter(), time.process_time()
                write_pack(summits[kind], folder / f"{kind}.pdf")
                times[kind].append(time.perf_counter() - started)
                cpu[kind].append(time.process_time() - used)
    finally:
        for summit in summits.values():
            summit.close()
    return times, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=100, help="client pool size")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of votes")
    parser.add_argument("--runs", type=int, default=5, help="PDFs written from each file")
    args = parser.parse_args()
    load = os.getloadavg()
    os.environ["SUMMIT_PASSPHRASE"] = PASSPHRASE  # read only for the protected file
    with tempfile.TemporaryDirectory(prefix="summit-encryption-") as name:
        folder = Path(name)
        paths = {kind: folder / f"{kind}.summit" for kind in KINDS}
        for kind in KINDS:
            make_summit(paths[kind])
        protect(paths["protected"], PASSPHRASE)
        ports = {kind: free_port() for kind in KINDS}
        servers, codes = {}, {}
        try:
            for kind in KINDS:
                serve = ["-m", "summit_app", "serve", str(paths[kind]), "--host", "127.0.0.1"]
                servers[kind], url = start([*serve, "--port", str(ports[kind])])
                codes[kind] = url.split("/j/")[1]
            pids = {kind: server.pid for kind, server in servers.items()}
            rates, cpu, legs, polls = run(ballots(ports, codes, paths, pids, args))
        finally:
            for server in servers.values():
                stop(server)
        stored = {}
        for kind in KINDS:
            with Summit.open(paths[kind]) as summit:
                stored[kind] = summit.polls.ballot_count(polls[kind])
        pdf, pdf_cpu = pdf_times(folder, args.runs)
        cipher.forget(paths["protected"])
    print(
        f"{args.phones} phones, {args.rounds} interleaved rounds, {args.runs} PDFs each;"
        f" load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    for kind in KINDS:
        each = ", ".join(f"{r:,.0f}" for r in rates[kind])
        lost = legs[kind].ok - stored[kind]
        print(
            f"  {kind:<9} ballots/s by round: {each}; median {statistics.median(rates[kind]):,.0f}"
            f" (server CPU {statistics.median(cpu[kind]):.2f} ms a phone)"
            f"; acknowledged {legs[kind].ok}, stored {stored[kind]} ({lost} lost)"
            + (f"; errors {dict(legs[kind].errors)}" if legs[kind].errors else "")
        )
    for kind in KINDS:
        each = ", ".join(f"{t:.2f}" for t in pdf[kind])
        print(
            f"  {kind:<9} long-day PDF seconds: {each};"
            f" median {statistics.median(pdf[kind]):.2f}"
            f" ({statistics.median(pdf_cpu[kind]):.2f} s CPU)"
        )
    ballots_ratio = statistics.median(rates["protected"]) / statistics.median(rates["plain"])
    pdf_ratio = statistics.median(pdf["protected"]) / statistics.median(pdf["plain"])
    cpu_ratio = statistics.median(cpu["protected"]) / statistics.median(cpu["plain"])
    pdf_cpu_ratio = statistics.median(pdf_cpu["protected"]) / statistics.median(pdf_cpu["plain"])
    print(
        f"protected/plain: ballots a second {ballots_ratio:.2f}x (server CPU a phone"
        f" {cpu_ratio:.2f}x), long-day PDF time {pdf_ratio:.2f}x (CPU {pdf_cpu_ratio:.2f}x);"
        f" medians of {args.rounds} rounds and {args.runs} PDFs"
    )
    whole = all(legs[k].ok == stored[k] == args.phones for k in KINDS)
    return 0 if whole else 1


if __name__ == "__main__":
    raise SystemExit(main())

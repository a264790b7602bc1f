"""How many ballots a second the store takes at each `synchronous` level (WAL mode).

One ballot per transaction, through the real Summit API, as phones' votes arrive.
Prints the median of several runs per level and each level's rate relative to FULL,
measured in the same run (these machines are shared and noisy).

    .venv/bin/python bench/store_sync.py [--ballots 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from summit_app.core import Summit, store
from summit_app.core.model import PollKind, SummitInfo

LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


def ballots_per_second(folder: Path, level: str, count: int) -> float:
    path = folder / f"sync-{level}-{time.monotonic_ns()}.summit"
    with Summit.create(path, SummitInfo(title="bench")) as summit:
        summit.db.execute(f"PRAGMA synchronous = {level}")
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "Vote", "vote")
        poll = summit.polls.add_poll(item.id, "Q", PollKind.MULTI, ["A", "B", "C"], max_choices=2)
        summit.polls.open_poll(poll.id)
        people = [summit.people.join().id for _ in range(count)]
        choice = {poll.options[0].id: 1, poll.options[2].id: 1}
        start = time.perf_counter()
        for person in people:
            summit.polls.cast_ballot(poll.id, person, choice)
        elapsed = time.perf_counter() - start
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rates = {level: [] for level in LEVELS}
        for _ in range(args.runs):  # interleave levels so machine noise hits them alike
            for level in LEVELS:
                rates[level].append(ballots_per_second(Path(tmp), level, args.ballots))
    full = statistics.median(rates["FULL"])
    print(f"{args.ballots} ballots, one per transaction, median of {args.runs} runs (WAL)")
    for level in LEVELS:
        median = statistics.median(rates[level])
        chosen = "  <- chosen" if level == store.SYNCHRONOUS else ""
        print(
            f"  synchronous={level:<7} {median:8.0f} ballots/s"
            f"   x{median / full:4.2f} of FULL{chosen}"
        )


if __name__ == "__main__":
    main()

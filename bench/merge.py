"""How long the main laptop takes to import a breakout room's file, and what it does to
the main file's size.

Builds the demo summit, adds a breakout item with a prompt and 10 polls of 5 options,
writes its kit, and runs the room through core as its phones would: 500 participants who
each vote in every poll (5,000 ballots) and 1,000 notes from them on the prompt, 20 themes;
its 15 table hosts each send a count for every poll and 4 notes, and the facilitator
enters a count of hands on every poll. `--shared`: a second room holds the same item, so
its polls are shared (their options matched by wording, as `core.merge_polls` does).
Then it imports the room's file into fresh copies of the main file (the first import, then
the same file again, then a later copy with 50 more notes), timing each, and prints the
main file's size before and after. Target: the first import under 2 s on this machine.

    PYTHONPATH=src python bench/merge.py [--runs 3] [--participants 500] [--notes 1000]
        [--shared]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from summit_app.core import Summit, table_host
from summit_app.core.breakout_kit import write_kit
from summit_app.core.merge import import_room
from summit_app.core.templates import create_from_template


def build(
    folder: Path,
    participants: int,
    notes: int,
    polls: int,
    kit_copy: Path | None = None,
    shared: bool = False,
) -> tuple[Path, Path]:
    """The main file and a room's file run as described above (and the kit as written)."""
    main_path, room_path = folder / "main.summit", folder / "room.summit"
    with create_from_template(main_path, "demo") as main:
        section = main.agenda.add_section("Breakouts")
        item = main.agenda.add_item(section.id, "Breakout B: Workforce", "discussion", 60)
        prompt = main.agenda.add_prompt(item.id, "What would make the biggest difference?")
        poll_ids = [
            main.polls.add_poll(
                item.id, f"Question {n + 1}", "single", [f"Option {k}" for k in "ABCDE"]
            ).id
            for n in range(polls)
        ]
        write_kit(main, room_path, "Breakout B: Workforce", [item.id])
        if shared:
            write_kit(main, folder / "other-room.summit", "Breakout C: Digital", [item.id])
    if kit_copy is not None:
        shutil.copy(room_path, kit_copy)
    rng = random.Random(27)
    with Summit.open(room_path) as room:
        room.agenda.open_prompt(prompt.id)
        people = []
        with room.write():  # one transaction: building the room is not what is measured
            for _ in range(participants):
                people.append(room.people.join(group="Nursing").id)
            hosts = [room.tables.claim(t.pass_, None)[1] for t in room.tables.tables()]
            for poll_id in poll_ids:
                room.polls.open_poll(poll_id)
                options = [o.id for o in room.polls.poll(poll_id).options]
                for person in people:
                    room.polls.cast_ballot(poll_id, person, {rng.choice(options): 1})
                for host in hosts:
                    table_host.count(room, host, poll_id, {rng.choice(options): 3}, 3)
                room.polls.set_hand_counts(poll_id, [(o, None, 4) for o in options], 20)
            themes = [room.notes.add_theme(prompt.id, f"Theme {n + 1}").id for n in range(20)]
            for n in range(notes):
                room.notes.add_note(
                    prompt.id,
                    f"Note {n + 1}: more protected time for learning, and rotas set earlier",
                    author="participant",
                    participant_id=people[n % len(people)],
                    theme_id=themes[n % len(themes)],
                )
            for n, host in enumerate(hosts * 4):
                table_host.post_note(room, host, prompt.id, f"Table note {n + 1}: shared records")
    return main_path, room_path


def size(path: Path) -> int:
    """The file with its WAL: what a copy of it would carry."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--polls", type=int, default=10)
    parser.add_argument("--shared", action="store_true", help="a second room holds the item")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="summit-merge-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        main_path, room_path = build(
            folder, args.participants, args.notes, args.polls, shared=args.shared
        )
        print(
            f"room: {args.participants} participants, {args.polls} polls"
            f"{' (shared with another room)' if args.shared else ''},"
            f" {args.participants * args.polls} ballots, {args.notes} notes, 15 tables' counts"
            f" and 60 notes, hand counts (built in {time.perf_counter() - started:.1f} s)"
        )
        print(f"room's file: {size(room_path) / 1e6:.2f} MB")
        first, again, later = [], [], []
        for run in range(args.runs):
            copy = folder / f"main-{run}.summit"
            shutil.copy(main_path, copy)
            before = size(copy)
            with Summit.open(copy) as summit:
                t = time.perf_counter()
                result = import_room(summit, room_path)
                first.append(time.perf_counter() - t)
                t = time.perf_counter()
                repeat = import_room(summit, room_path)
                again.append(time.perf_counter() - t)
                assert not repeat.anything, repeat.sentence()
                summit.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                after = size(copy)
            if run == 0:
                print(f"first import: {result.sentence()}")
                print(f"main file: {before / 1e6:.2f} MB before, {after / 1e6:.2f} MB after")
        with Summit.open(room_path) as room:
            prompt = room.agenda.prompts()[-1].id
            for n in range(50):
                room.notes.add_note(prompt, f"Later note {n + 1}")
        for run in range(args.runs):
            with Summit.open(folder / f"main-{run}.summit") as summit:
                t = time.perf_counter()
                result = import_room(summit, room_path)
                later.append(time.perf_counter() - t)
        print(f"later copy: {result.sentence()}")

        def said(times: list[float]) -> str:
            middle = statistics.median(times)
            return f"median {middle:.2f} s (min {min(times):.2f}, max {max(times):.2f})"

        print(f"import the room's file, {args.runs} runs: {said(first)}  [target < 2 s]")
        print(f"the same file again (nothing new): {said(again)}")
        print(f"a later copy (50 more notes): {said(later)}")


if __name__ == "__main__":
    main()

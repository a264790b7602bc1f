"""Does a phone's write, a facilitator's edit and the vote rate stay flat as the day fills up?

For 1k / 10k / 50k notes on one open prompt, and 10k / 50k ballots in one open poll, on a
real `.summit` file (WAL, synchronous FULL, as the app opens it):

- a phone's note (`core.phones.post_note`, the server's command) and a phone's ballot
  (`core.phones.cast_ballot`), each in a transaction of its own as a lone phone's write
  is committed: median ms;
- a facilitator's edit of a note (`notes.edit_note`, as the note board's edit does) and
  a hide (`moderation`-free: `notes.set_hidden`): median ms;
- the write-up pack's editions (`--export-runs`, 3 by default: median CPU ms, as
  bench/export_large.py times them: the PDF as `summit-app export --pdf` writes it, the
  HTML and Word from the pack, the CSV files); per 1,000 notes on the prompt (flat: the
  export grows in step with the notes, no faster), and for the ballots the pack's editions
  whole (flat: a poll is tallied, not printed ballot by ballot) and ballots.csv per 1,000;
  the ballots' voters are in five groups and none, so the pack prints its group tables;
- opening the ballots' file (`Summit.open`: the file check reads every row, the ballots'
  running totals are checked against a recount): median of 3, ms;
- votes a second through the real server (`python -m summit_app serve`, in its own
  process): 1,000 more phones, whose passes are in the file, each read the state and
  vote, on bench/raw_client.py's pool; with the poll's results hidden, then shown to
  phones (each phone's answer then carries results that include its own vote).

Prints one line per size, and the ratio of the largest size's figures to the smallest's
(the goal is flat: within 2x).

The window's rows (`--gui`, or `--gui-only`): the real control window (offscreen) on a
file with 1k / 10k / 50k notes on one prompt, its note board showing that prompt and the
projector showing its notes wall live. The facilitator hides/shows a note (the board's
button), moves one to a theme (Ctrl+1..9) and edits one's text, one edit every 100 ms:
the edit's time on the GUI thread (the click and the events it posts, the projector's
redraw included: median and slowest), and the longest stall a 10 ms timer saw.

    PYTHONPATH=src python bench/scale.py [--phones 1000] [--repeat 100] [--gui | --gui-only]
        [--export-runs 3] [--ballots-only]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from burst_client import BURST_TIMEOUT_S, Leg, cpu_seconds, free_port, run, start, stop
from raw_client import RawPool
from vote_burst import one_vote

from summit_app.core import Summit, phones
from summit_app.core.db import now
from summit_app.core.model import ItemKind, PollKind, SummitInfo

NOTES = (1_000, 10_000, 50_000)
BALLOTS = (10_000, 50_000)
GROUPS = ("Nursing", "Pharmacy", "General practice", "Social care", "Acute care", None)


def median_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for i in range(repeat):
        started = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def participants(summit: Summit, n: int) -> list[tuple[int, str]]:
    """`n` phones that joined (ids and passes), written in one go."""
    with summit.write():
        first = summit.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM participants").fetchone()[0]
        rows = [(first + i, secrets.token_urlsafe(24), now()) for i in range(n)]
        summit.db.conn.executemany(
            "INSERT INTO participants (id, token, joined_at) VALUES (?, ?, ?)", rows
        )
    return [(r[0], r[1]) for r in rows]


def notes_at(folder: Path, n: int, repeat: int, export_runs: int = 3) -> dict[str, float]:
    with Summit.create(folder / f"notes{n}.summit", SummitInfo(title="Scale")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Discuss", ItemKind.DISCUSSION, 30)
        summit.agenda.start_item(item.id)
        prompt = summit.agenda.add_prompt(item.id, "What did we hear?")
        summit.agenda.open_prompt(prompt.id)
        with summit.write():
            summit.db.conn.executemany(
                "INSERT INTO notes (prompt_id, text, author, position, created_at)"
                " VALUES (?, ?, 'facilitator', ?, ?)",
                [(prompt.id, f"Note {i} from the floor", i, now()) for i in range(n)],
            )
        ids = [r[0] for r in summit.execute("SELECT id FROM notes ORDER BY random() LIMIT 500")]
        people = [summit.people.participant(pid) for pid, _ in participants(summit, repeat)]
        return {
            "phone note ms": median_ms(
                lambda i: phones.post_note(summit, people[i], prompt.id, f"Phone note {i}"),
                repeat,
            ),
            "edit ms": median_ms(
                lambda i: summit.notes.edit_note(ids[i % len(ids)], f"Edited {i}"), repeat
            ),
            "hide ms": median_ms(
                lambda i: summit.notes.set_hidden(ids[i % len(ids)], i % 2 == 0), repeat
            ),
            **{
                f"{edition} ms/1k notes": 1000 * ms / n
                for edition, ms in export_ms(summit, folder, export_runs).items()
            },
        }


def export_ms(summit: Summit, folder: Path, runs: int) -> dict[str, float]:
    """Median CPU ms of each edition of the pack, and of the CSV files, for this file."""
    from summit_app.export.csv_export import write_csv
    from summit_app.export.pack import build_pack, render_docx, render_html, write_pack

    def cpu_ms(work: Callable[[], object]) -> float:
        times = []
        for _ in range(runs):
            started = time.process_time()
            work()
            times.append(time.process_time() - started)
        return 1000 * statistics.median(times)

    write_pack(summit, folder / "warm-up.pdf")  # fonts registered, modules imported
    pack = build_pack(summit)
    return {
        "pdf": cpu_ms(lambda: write_pack(summit, folder / "scale.pdf")),
        "html": cpu_ms(lambda: render_html(pack)),
        "word": cpu_ms(lambda: render_docx(pack)),
        "csv": cpu_ms(lambda: write_csv(summit, folder / "scale-data")),
    }


def ballots_at(folder: Path, n: int, args: argparse.Namespace) -> dict[str, float]:
    path = folder / f"ballots{n}.summit"
    with Summit.create(path, SummitInfo(title="Scale")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Vote", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, "Which first?", PollKind.SINGLE, ["A", "B", "C"])
        summit.polls.open_poll(poll.id)
        options = [o.id for o in poll.options]
        stored = participants(summit, n)
        with summit.write():  # the room's groups, and some who gave none, for the pack's tables
            summit.db.conn.executemany(
                "UPDATE participants SET group_name = ? WHERE id = ?",
                [(GROUPS[pid % len(GROUPS)], pid) for pid, _ in stored],
            )
            summit.db.conn.executemany(
                "INSERT INTO ballots (poll_id, participant_id, choices, cast_at)"
                " VALUES (?, ?, ?, ?)",
                [(poll.id, pid, f'{{"{options[pid % 3]}": 1}}', now()) for pid, _ in stored],
            )
        people = [summit.people.participant(pid) for pid, _ in participants(summit, args.repeat)]
        figures = {
            "phone ballot ms": median_ms(
                lambda i: phones.cast_ballot(summit, people[i], poll.id, {options[i % 3]: 1}),
                args.repeat,
            )
        }
        exports = export_ms(summit, folder, args.export_runs)
        figures.update({f"{e} ms": ms for e, ms in exports.items() if e != "csv"})
        figures["csv ms/1k ballots"] = 1000 * exports["csv"] / n
    # Opening the file: its check (every row read) and, where there is one, the totals'.
    figures["open ms"] = median_ms(lambda _: Summit.open(path).close(), 3)
    with Summit.open(path) as summit:
        voters = [token for _, token in participants(summit, 2 * args.phones)]
    for shown, batch in ((False, voters[: args.phones]), (True, voters[args.phones :])):
        if shown:
            with Summit.open(path) as summit:
                summit.polls.set_show_results(poll.id, True)
        rate, cpu = votes_per_second(path, poll.id, options, batch, args.connections)
        label = "shown" if shown else "hidden"
        figures[f"votes/s results {label}"] = rate
        figures[f"server ms/vote results {label}"] = cpu
    return figures


def votes_per_second(
    path: Path, poll_id: int, options: list[int], tokens: list[str], connections: int
) -> tuple[float, float]:
    serve = ["-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
    server, _ = start([*serve, "--port", str(port := free_port())])
    try:

        async def burst() -> tuple[Leg, float]:
            pool, state, vote = RawPool("127.0.0.1", port, connections), Leg(), Leg()
            cpu, started = cpu_seconds(server.pid), time.perf_counter()
            await asyncio.wait_for(
                asyncio.gather(
                    *(
                        one_vote(pool, state, vote, "/api", f"summit_token={t}", poll_id, o)
                        for t, o in zip(tokens, options * len(tokens), strict=False)
                    )
                ),
                BURST_TIMEOUT_S,
            )
            vote.seconds = time.perf_counter() - started
            pool.close()
            return vote, cpu_seconds(server.pid) - cpu

        vote, cpu = run(burst())
    finally:
        stop(server)
    if vote.ok != len(tokens):
        print(f"  not every vote was acknowledged: {vote.ok} of {len(tokens)}; {vote.errors}")
    return vote.rate(), 1000 * cpu / max(vote.ok, 1)


# -- the window's rows ---------------------------------------------------------------------


def board_file(path: Path, n: int) -> int:
    """A file with `n` notes on one prompt, a third unsorted, the rest in six themes;
    returns the prompt's id. (Not open for phones: the window would offer to serve them.)"""
    with Summit.create(path, SummitInfo(title="Scale")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Discuss", ItemKind.DISCUSSION, 30)
        summit.agenda.start_item(item.id)
        prompt = summit.agenda.add_prompt(item.id, "What did we hear?")
        themes = [summit.notes.add_theme(prompt.id, f"Theme {t}").id for t in range(6)]
        with summit.write():
            summit.db.conn.executemany(
                "INSERT INTO notes (prompt_id, text, author, position, created_at, theme_id)"
                " VALUES (?, ?, 'facilitator', ?, ?, ?)",
                [
                    (
                        prompt.id,
                        f"Note {i} from the floor",
                        i,
                        now(),
                        themes[i % 9] if i % 9 < 6 else None,
                    )
                    for i in range(n)
                ],
            )
        return prompt.id


def board_at(folder: Path, n: int, edits: int) -> dict[str, float]:
    """The facilitator's edits on the note board with `n` notes on the prompt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QApplication

    from summit_app.ui import commands
    from summit_app.ui.app import application
    from summit_app.ui.main_window import MainWindow
    from summit_app.ui.projector_window import Mode

    # Keep the facilitator's real recent files and window places out of this run.
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    application()
    path = folder / f"board{n}.summit"
    prompt = board_file(path, n)
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_path(path):
        raise SystemExit(f"the window could not open {path}")
    session, board = window.session, window.note_board
    assert session is not None
    window.tabs.setCurrentWidget(board)
    board.choose_prompt(prompt)
    window.projector_panel.show_mode(Mode.NOTES)
    window.projector.resize(1280, 720)
    window.projector.show()
    QApplication.processEvents()
    summit = session.summit
    ids = [note.id for note in summit.notes.notes(prompt)]
    themes = [None] + [t.id for t in summit.notes.themes(prompt)]
    keys = {s.key().toString(): s for s in board.findChildren(QShortcut) if s.key().toString()}

    def hide(turn: int) -> None:
        board.select_notes([ids[(turn * 7919) % len(ids)]])
        board.buttons["hide"].click()

    def move(turn: int) -> None:
        board.select_notes([ids[(turn * 104_729) % len(ids)]])
        keys[f"Ctrl+{turn % len(themes)}"].activated.emit()

    def edit(turn: int) -> None:
        commands.edit_note(session, ids[(turn * 613) % len(ids)], f"Edited note {turn}")

    took: list[float] = []
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        at = clock.nsecsElapsed()
        gaps.append((at - last[0]) / 1e6 - 10)
        last[0] = at

    def one() -> None:
        turn = len(took)
        started = time.perf_counter()
        (hide, move, edit)[turn % 3](turn // 3)
        QApplication.processEvents()  # what the edit posted: the projector's redraw
        took.append(1000 * (time.perf_counter() - started))
        if len(took) >= edits:
            loop.quit()

    loop = QEventLoop()
    ticker, editor = QTimer(), QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    editor.setInterval(100)
    editor.timeout.connect(one)
    last[0] = clock.nsecsElapsed()
    ticker.start()
    editor.start()
    loop.exec()
    editor.stop()
    ticker.stop()
    shown = len(window.projector.view.note_labels())
    window.close()
    window.projector.close()
    QApplication.processEvents()
    if shown == 0:
        raise SystemExit("the projector's wall showed no notes: the bench is wrong")
    return {
        "edit ms": statistics.median(took),
        "slowest edit ms": max(took),
        "GUI stall ms": max(gaps[1:], default=0.0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=1000, help="voters per votes/s leg")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=100, help="writes timed per figure")
    parser.add_argument("--export-runs", type=int, default=3, help="runs per export figure")
    parser.add_argument("--gui", action="store_true", help="also the window's rows")
    parser.add_argument("--gui-only", action="store_true", help="only the window's rows")
    parser.add_argument("--ballots-only", action="store_true", help="only the ballots' rows")
    parser.add_argument("--edits", type=int, default=30, help="facilitator edits per size")
    parser.add_argument(
        "--board-notes",
        default=",".join(map(str, NOTES)),
        help="the window's sizes, e.g. 1000,10000",
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    tables: list[tuple[str, dict[int, dict[str, float]]]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not args.gui_only and not args.ballots_only:
            tables.append(
                (
                    "notes on the prompt",
                    {n: notes_at(folder, n, args.repeat, args.export_runs) for n in NOTES},
                )
            )
        if not args.gui_only:
            tables.append(
                ("ballots in the poll", {n: ballots_at(folder, n, args) for n in BALLOTS})
            )
        if args.gui or args.gui_only:
            sizes = [int(x) for x in args.board_notes.split(",")]
            board = {n: board_at(folder, n, args.edits) for n in sizes}
            tables.append(("notes on the board and the wall", board))
    for title, table in tables:
        for n, figures in table.items():
            shown = "; ".join(f"{k} {v:,.2f}" for k, v in figures.items())
            print(f"{n:>7,} {title}: {shown}")
        small, large = table[min(table)], table[max(table)]
        ratios = "; ".join(f"{k} {large[k] / small[k]:.2f}x" for k in small)
        print(f"  largest / smallest: {ratios}")
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

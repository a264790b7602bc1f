"""Export time of the write-up pack for a large day, in each of its editions.

Builds (through the core API) a summit with 1,000 participants in professional groups,
40 polls of every kind each with a ballot from every participant, and 2,000 notes in
themes with summaries, quotes and hidden notes; then, five times each, writes the PDF pack
as `summit-app export --pdf` does (read the file, build the pack, render, write), renders
the HTML and Word editions from the same pack, and writes the CSV files as
`summit-app export --csv` does. Prints each one's median wall time and CPU time (the
machine is shared: CPU time is what load inflates least), the page count and the sizes.
Goal: the PDF, Word and HTML each under 1 s, the CSV under 0.3 s.

`--notes N` sets the number of notes (2,000 by default; 20,000 shows how the time grows
with them); `--profile` prints, for each edition, where its time goes (cProfile's top
entries by own time) instead of timing it.

    PYTHONPATH=src python bench/export_large.py [--keep DIR] [--runs N] [--notes N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import DEFAULT_GROUPS, PollKind, SummitInfo
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import (
    build_pack,
    render_docx,
    render_html,
    write_editions,
    write_pack,
)

SECTIONS, ITEMS_PER_SECTION = 8, 5  # 40 items, one poll and one prompt each
PARTICIPANTS, NOTES = 1000, 2000
KINDS = [PollKind.SINGLE, PollKind.MULTI, PollKind.POINTS, PollKind.RANK, PollKind.SCALE]


def build(path: Path, notes: int = NOTES) -> None:
    info = SummitInfo(
        title="A long day: the large-summit benchmark",
        date="1 June 2026",
        venue="The big hall",
        organisers="Benchmark team",
        introduction="A synthetic day to time the export.",
        objectives=("Measure", "Improve"),
    )
    with Summit.create(path, info) as summit, summit.write():
        people = [
            summit.people.join(DEFAULT_GROUPS[i % 9] if i % 5 else None)
            for i in range(PARTICIPANTS)
        ]
        notes_per_prompt = notes // (SECTIONS * ITEMS_PER_SECTION)
        n = 0
        for s in range(SECTIONS):
            section = summit.agenda.add_section(
                f"Section {s + 1} of the day", "What we did in this part of the day."
            )
            for i in range(ITEMS_PER_SECTION):
                item = summit.agenda.add_item(
                    section.id, f"Session {s + 1}.{i + 1}", "discussion", 20
                )
                summit.agenda.add_speaker(
                    item.id,
                    f"Speaker {n}",
                    "Role",
                    "Organisation",
                    ["A key message", "Another key message"],
                )
                prompt = summit.agenda.add_prompt(item.id, f"What did we learn in {s}.{i}?")
                themes = [
                    summit.notes.add_theme(
                        prompt.id, f"Theme {t}", f"Summary of theme {t} in {s}.{i}."
                    )
                    for t in range(4)
                ]
                for k in range(notes_per_prompt):
                    note = summit.notes.add_note(
                        prompt.id,
                        f"Note {k} from session {s}.{i}: " + "we heard something useful. " * 3,
                        theme_id=themes[k % 5].id if k % 5 < 4 else None,
                        is_quote=k % 17 == 0,
                    )
                    if k % 23 == 0:
                        summit.notes.set_hidden(note.id, True)
                n += 1
                kind = KINDS[n % len(KINDS)]
                options = [f"Option {o} for poll {n}, described in a sentence" for o in range(6)]
                poll = summit.polls.add_poll(
                    item.id,
                    f"Poll {n}: which way forward?",
                    kind,
                    options,
                    max_choices=3,
                    points=10,
                )
                summit.polls.open_poll(poll.id)
                ids = [o.id for o in poll.options]
                for p, person in enumerate(people):
                    summit.polls.cast_ballot(poll.id, person.id, _choices(kind, ids, p))
                summit.polls.close_poll(poll.id)


def _choices(kind: PollKind, ids: list[int], p: int) -> dict[int, int]:
    if kind is PollKind.SINGLE:
        return {ids[(p * 7) % len(ids) % (1 + p % len(ids))]: 1}
    if kind is PollKind.MULTI:
        return {ids[(p + k * 2) % len(ids)]: 1 for k in range(1 + p % 3)}
    if kind is PollKind.POINTS:
        return {ids[p % len(ids)]: 6, ids[(p + 3) % len(ids)]: 4}
    if kind is PollKind.RANK:
        order = sorted(range(len(ids)), key=lambda o: (o * (p % 5 + 1)) % len(ids))
        return {ids[o]: place + 1 for place, o in enumerate(order)}
    return {oid: 1 + (p + j) % 5 for j, oid in enumerate(ids)}


def timed(runs: int, work) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `runs` calls of `work`, and its last result."""
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def profile(summit: Summit, folder: Path) -> None:
    """Each edition once under cProfile: its top entries by the time spent in them."""
    pack = build_pack(summit)
    editions = {
        "reading and building the pack": lambda: build_pack(summit),
        "pdf (from the pack)": lambda: write_editions(pack, {"pdf": folder / "large.pdf"}),
        "word (from the pack)": lambda: render_docx(pack),
        "html (from the pack)": lambda: render_html(pack),
        "csv": lambda: write_csv(summit, folder / "large-data"),
    }
    for name, work in editions.items():
        profiler = cProfile.Profile()
        profiler.runcall(work)
        print(f"\n== {name}")
        pstats.Stats(profiler).strip_dirs().sort_stats("tottime").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build and export into this folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--profile", action="store_true", help="where the time goes")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="summit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("large.summit" if args.notes == NOTES else f"large-{args.notes}.summit")
    if not path.exists():
        started = time.perf_counter()
        build(path, args.notes)
        print(f"built {path} in {time.perf_counter() - started:.1f} s")
    with Summit.open(path) as summit:
        write_pack(summit, folder / "warm-up.pdf")  # fonts registered, modules imported
        if args.profile:
            profile(summit, folder)
            return
        pdf_wall, pdf_cpu, pdf = timed(args.runs, lambda: write_pack(summit, folder / "large.pdf"))
        build_wall, build_cpu, pack = timed(args.runs, lambda: build_pack(summit))
        html_wall, html_cpu, html = timed(args.runs, lambda: render_html(pack))
        docx_wall, docx_cpu, word = timed(args.runs, lambda: render_docx(pack))
        csv_wall, csv_cpu, _ = timed(args.runs, lambda: write_csv(summit, folder / "large-data"))
    (folder / "large.html").write_text(html, encoding="utf-8")
    (folder / "large.docx").write_bytes(word)
    pages = len(PdfReader(pdf).pages)
    print(f"{args.notes:,} notes; median of {args.runs}; wall (CPU) seconds")
    print(
        f"pdf:   {pdf_wall:.2f} s ({pdf_cpu:.2f} s CPU), {pages} pages,"
        f" {pdf.stat().st_size / 1e6:.1f} MB; of which reading and building the pack"
        f" {build_wall:.2f} s ({build_cpu:.2f} s CPU)"
    )
    print(
        f"html:  {html_wall:.2f} s ({html_cpu:.2f} s CPU) from the pack, {len(html) / 1e6:.1f} MB"
    )
    print(
        f"word:  {docx_wall:.2f} s ({docx_cpu:.2f} s CPU) from the pack, {len(word) / 1e6:.1f} MB"
    )
    print(f"csv:   {csv_wall:.2f} s ({csv_cpu:.2f} s CPU)")


if __name__ == "__main__":
    main()

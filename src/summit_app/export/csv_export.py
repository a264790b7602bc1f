"""The raw data as CSV: notes.csv, ballots.csv and results.csv.

results.csv carries the presenter's figures (`core.presenting`), the same numbers the
projector, the phones and the PDF show: one row per option, best first.

UTF-8 with a byte order mark ("utf-8-sig"), because Excel reads a BOM-less CSV in the
machine's legacy code page and garbles every accented name; a header row in each file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.core.presenting import SHORT_LEVELS, present
from summit_app.export.pack import ExportError

NOTES_FIELDS = ("id", "prompt", "theme", "text", "author", "quote", "hidden", "created_at")
BALLOTS_FIELDS = ("poll", "participant", "group", "choices", "cast_at")
LEVEL_FIELDS = tuple(name.lower().replace(" ", "_") for name in SHORT_LEVELS)
# One column per meaning: a cell is empty where the poll's kind has no such figure.
RESULTS_FIELDS = (
    "poll",
    "kind",
    "place",
    "option",
    "votes",  # single, multi: votes for the option
    "points",  # points polls: points given to the option
    "percent",  # single, multi, points: share of all votes or points
    "first_places",  # rank: ballots that put the option first
    "ranking_points",  # rank: n - 1 points for a first place ... 0 for last, summed
    "mean_place",  # rank
    "answers",  # scale: answers for the statement
    "mean_level",  # scale: 1 (strongly disagree) to 5 (strongly agree)
    "hand_count",  # part of the figures counted in the room
    *LEVEL_FIELDS,  # scale: answers at each level
    *(f"{name}_percent" for name in LEVEL_FIELDS),
    "poll_voters",  # people who answered the poll (phones and hand counts)
    "poll_votes",  # votes, points or answers in the whole poll (rank: the voters)
)
NOT_GIVEN = "Not given"  # a ballot from someone who chose no group


# Guard against CSV formula injection: a spreadsheet runs a cell that starts with one of
# these as a formula (a note typed as "=HYPERLINK(...)" would become a live link), so
# such cells get a leading apostrophe, which spreadsheets show as plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(summit: Summit, folder: Path | str) -> list[Path]:
    """Write the three CSV files into `folder` and return their paths."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with summit.reading():  # one consistent snapshot for the three files; nothing is written
            return [
                _write(folder / "notes.csv", NOTES_FIELDS, notes_rows(summit)),
                _write(folder / "ballots.csv", BALLOTS_FIELDS, ballots_rows(summit)),
                _write(folder / "results.csv", RESULTS_FIELDS, results_rows(summit)),
            ]
    except OSError as error:
        raise ExportError(
            f"The CSV files could not be written to {folder}: {error.strerror}."
        ) from error


def notes_rows(summit: Summit) -> Iterable[Sequence[object]]:
    prompts = {p.id: p.text for p in summit.agenda.prompts()}
    themes = {t.id: t.name for t in summit.notes.themes()}
    for n in summit.notes.notes():
        yield (
            n.id,
            prompts.get(n.prompt_id, ""),
            themes.get(n.theme_id, "") if n.theme_id is not None else "",
            n.text,
            n.author.value,
            "yes" if n.is_quote else "no",
            "yes" if n.is_hidden else "no",
            n.created_at,
        )


def ballots_rows(summit: Summit) -> Iterable[Sequence[object]]:
    """One row per ballot; choices as 'option text=value' pairs joined by '; ', in the
    poll's option order, or for a ranking by place (its first choice first)."""
    polls = {p.id: p for p in summit.polls.polls()}
    for b in summit.polls.ballots():
        poll = polls.get(b.poll_id)
        if poll is None:
            continue
        texts = {o.id: o.text for o in poll.options}
        order = {o.id: o.position for o in poll.options}
        by_place = poll.kind is PollKind.RANK
        pairs = [
            f"{texts[oid]}={value}"
            for oid, value in sorted(
                b.choices.items(),
                key=lambda kv: (kv[1] if by_place else 0, order.get(kv[0], 0)),
            )
            if oid in texts
        ]
        group = b.group or NOT_GIVEN
        yield (poll.question, b.participant_id, group, "; ".join(pairs), b.cast_at)


def results_rows(summit: Summit) -> Iterable[Sequence[object]]:
    for poll in summit.polls.polls():
        shown = present(summit.polls.result(poll.id))
        kind = shown.kind
        for r in shown.rows:
            levels = [v.count for v in r.levels] or [""] * len(LEVEL_FIELDS)
            shares = [v.share for v in r.levels] or [""] * len(LEVEL_FIELDS)
            rank, scale = kind is PollKind.RANK, kind is PollKind.SCALE
            yield (
                shown.question,
                kind.value,
                r.place,
                r.label,
                r.count if kind in (PollKind.SINGLE, PollKind.MULTI) else "",
                r.count if kind is PollKind.POINTS else "",
                "" if r.share is None else r.share,
                r.count if rank else "",
                r.borda if rank else "",
                r.mean if rank else "",
                r.count if scale else "",
                r.mean if scale else "",
                r.hand_count,
                *levels,
                *shares,
                shown.voters,
                shown.votes,
            )


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([cell(v) for v in row] for row in rows)
    return path

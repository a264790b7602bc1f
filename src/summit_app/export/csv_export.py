"""The raw data as CSV: notes.csv, ballots.csv and results.csv.

UTF-8 with a byte order mark ("utf-8-sig"), because Excel reads a BOM-less CSV in the
machine's legacy code page and garbles every accented name; a header row in each file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.export.pack import ExportError

NOTES_FIELDS = ("id", "prompt", "theme", "text", "author", "quote", "hidden", "created_at")
BALLOTS_FIELDS = ("poll", "participant", "group", "choices", "cast_at")
RESULTS_FIELDS = (
    "poll",
    "option",
    "count",
    "percent",
    "voters",
    "votes",
    "borda",
    "mean",
    "hand_count",
)

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
    """One row per ballot; choices as 'option text=value' pairs joined by '; '."""
    polls = {p.id: p for p in summit.polls.polls()}
    for b in summit.polls.ballots():
        poll = polls.get(b.poll_id)
        if poll is None:
            continue
        texts = {o.id: o.text for o in poll.options}
        order = {o.id: o.position for o in poll.options}
        pairs = [
            f"{texts[oid]}={value}"
            for oid, value in sorted(b.choices.items(), key=lambda kv: order.get(kv[0], 0))
            if oid in texts
        ]
        yield (poll.question, b.participant_id, b.group or "", "; ".join(pairs), b.cast_at)


def results_rows(summit: Summit) -> Iterable[Sequence[object]]:
    for poll in summit.polls.polls():
        result = summit.polls.result(poll.id)
        for r in result.ranked():
            yield (
                poll.question,
                r.option.text,
                r.count,
                r.share_of_votes,
                result.voters,
                result.votes,
                r.borda if poll.kind is PollKind.RANK else "",
                f"{r.mean:.2f}" if r.mean is not None else "",
                r.hand_count,
            )


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([cell(v) for v in row] for row in rows)
    return path

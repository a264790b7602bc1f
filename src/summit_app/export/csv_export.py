"""The raw data as CSV: notes.csv, ballots.csv, results.csv, questions.csv and words.csv.

results.csv carries the presenter's figures (`core.presenting`), the same numbers the
projector, the phones and the PDF show: one row per option, best first.

UTF-8 with a byte order mark ("utf-8-sig"), because Excel reads a BOM-less CSV in the
machine's legacy code page and garbles every accented name; a header row in each file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import Poll, PollKind, PromptKind
from summit_app.core.presenting import SHORT_LEVELS, Presentation, present
from summit_app.export.anonymity import OTHER_GROUPS, fold_counts
from summit_app.export.data import PollBlock, poll_results
from summit_app.export.pack import ExportError

NOTES_FIELDS = (
    "id", "prompt", "theme", "text", "author", "quote", "hidden", "created_at",
    "waiting_for_approval", "flagged", "room", "table", "key_point",
)  # fmt: skip
# "room": the breakout room a row came from (empty: the main room). In results.csv a poll
# several rooms ran has its whole-summit rows ("All rooms") and then each room's.
ALL_ROOMS = "All rooms"
# One row per question, most upvoted first within its Q&A; hidden, waiting and merged ones too.
QUESTIONS_FIELDS = (
    "prompt", "text", "upvotes", "state", "hidden", "waiting_for_approval", "flagged",
    "merged_into", "time", "answered_at", "room",
)  # fmt: skip
# One row per word of a cloud: `count` is the answers the room saw, `waiting` those still
# held for approval, `hidden_answers` those hidden one by one; `hidden` is the whole word.
WORDS_FIELDS = ("prompt", "word", "count", "hidden", "typed_as", "waiting", "hidden_answers")
STATE_WORDS = {"open": "open", "answering": "being answered", "answered": "answered"}
BALLOTS_FIELDS = ("poll", "participant", "group", "choices", "cast_at", "room")
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
    "room",
    "table_count",  # part of the votes that table hosts counted for their tables (not ballots)
    "poll_table_voters",  # people counted by table hosts, part of poll_voters
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
    """Write the CSV files into `folder`, with a README.txt saying which may be published,
    and return the CSV files' paths."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_readme(folder / "README.txt")
        with summit.reading():  # one consistent snapshot for the three files; nothing is written
            # Each poll's ballots read once and tallied once, for ballots.csv and results.csv.
            polls = poll_results(summit, with_groups=False)  # results.csv has no groups
            threshold = summit.writeup.pack_options().anonymity_threshold
            return [
                _write(folder / "notes.csv", NOTES_FIELDS, notes_rows(summit)),
                _write_lines(
                    folder / "ballots.csv",
                    BALLOTS_FIELDS,
                    ballots_lines(
                        polls,
                        summit.polls.ballot_lines(),
                        threshold,
                        bool(summit.info().anonymised_at),
                        summit.breakouts.row_rooms("ballots"),
                    ),
                ),
                _write(folder / "results.csv", RESULTS_FIELDS, results_rows(summit, polls)),
                _write(folder / "questions.csv", QUESTIONS_FIELDS, questions_rows(summit)),
                _write(folder / "words.csv", WORDS_FIELDS, words_rows(summit)),
            ]
    except OSError as error:
        raise ExportError(
            f"The CSV files could not be written to {folder}: {error.strerror}."
        ) from error


# What each file is for, beside them: the folder is often mailed around whole, and a team
# member must see which files may go out with the pack before one does.
README = """\
The raw data of the summit, written by Summit with the write-up pack.

For the programme team. Before you publish any of it, read what each file holds:

  results.csv    Each poll's figures, the same as the pack's. "table_count" is the part of an
                 option's votes that table hosts counted for people without a phone (never
                 ballots). Safe to publish with the pack.
  words.csv      Each word cloud's words and how often the room gave them; words still waiting
                 for approval or hidden are counted in their own columns. Publish only the
                 words shown ("hidden" is "no").
  questions.csv  Every question asked, including hidden, merged and waiting ones and the words
                 the word list flagged. Internal: publish only what the pack shows.
  notes.csv      Every note, including hidden ones, notes waiting for approval and the words
                 the word list flagged; "table" names the table whose host sent it and
                 "key_point" says if that table starred it. Internal: publish only what the
                 pack shows.
  ballots.csv    One row per ballot, pseudonymous: "participant" is a number that only links
                 one person's ballots in this file. A group with fewer ballots in a poll than
                 the pack's anonymity threshold is named "Other groups" (empty where every
                 group is that small), as in the pack. Internal: the times and the links
                 between ballots can still point at someone; do not publish it. Once the
                 summit is closed and anonymised, "participant" is empty and the times are
                 to the minute: nothing links one person's ballots any more.

Where breakout rooms ran part of the day, the "room" column says which room a note, question
or ballot came from (empty: the main room); results.csv gives a poll several rooms ran
for the whole summit ("All rooms") and then for each room.

All files are UTF-8 with a byte order mark, for Excel. A cell starting with =, +, - or @ has
a leading apostrophe, so a spreadsheet never runs a note as a formula.
"""


def _write_readme(path: Path) -> Path:
    path.write_text(README, encoding="utf-8")
    return path


def notes_rows(summit: Summit) -> Iterable[Sequence[object]]:
    prompts = {p.id: p.text for p in summit.agenda.prompts()}
    themes = {t.id: t.name for t in summit.notes.themes()}
    rooms = summit.breakouts.row_rooms("notes")
    tables = summit.tables.labels()
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
            "yes" if n.is_held else "no",
            n.flagged,
            rooms.get(n.id, ""),
            tables.get(n.table_id, f"Table {n.table_id}") if n.table_id is not None else "",
            "yes" if n.is_key else "no",
        )


def questions_rows(summit: Summit) -> Iterable[Sequence[object]]:
    rooms = summit.breakouts.row_rooms("questions")
    for prompt in summit.agenda.prompts():
        if prompt.kind is not PromptKind.QUESTIONS:
            continue
        questions = summit.questions.questions(prompt.id)
        texts = {q.id: q.text for q in questions}
        for q in questions:
            yield (
                prompt.text,
                q.text,
                q.upvotes,
                STATE_WORDS[q.state.value],
                "yes" if q.is_hidden else "no",
                "yes" if q.is_held else "no",
                q.flagged,
                texts.get(q.merged_into, "") if q.merged_into is not None else "",
                q.created_at,
                q.answered_at or "",
                rooms.get(q.id, ""),
            )


def words_rows(summit: Summit) -> Iterable[Sequence[object]]:
    for prompt in summit.agenda.prompts():
        if prompt.kind is not PromptKind.WORDS:
            continue
        answers = summit.words.words(prompt.id)
        shown = {w.word: w for w in summit.words.cloud(prompt.id, include_hidden=True)}
        hidden_words = summit.words.hidden_words(prompt.id)
        keys = list(shown) + sorted({a.word for a in answers} - set(shown))
        for key in keys:
            mine = [a for a in answers if a.word == key]
            count = shown[key].count if key in shown else 0
            typed = (
                shown[key].forms
                if key in shown
                else tuple(dict.fromkeys(a.text.strip() for a in mine))
            )
            yield (
                prompt.text,
                shown[key].text if key in shown else typed[0],
                count,
                "yes" if key in hidden_words else "no",
                "; ".join(typed),
                sum(1 for a in mine if a.is_held),
                sum(1 for a in mine if a.is_hidden),
            )


def ballots_lines(
    polls: Sequence[PollBlock],
    ballots: Iterable[tuple[int, int, int, str | None, dict[int, int], str]],
    threshold: int,
    anonymised: bool = False,
    rooms: Mapping[int, str] | None = None,
) -> Iterable[str]:
    """One CSV line per ballot (`ballots`: `PollsRepo.ballot_lines`), in the order cast;
    choices as 'option text=value' pairs joined by '; ', in the poll's option order, or for
    a ranking by place (its first choice first).

    A long day has 40,000 rows (9.5 MB) but few distinct cells: each question, group and
    choices, and each time with its room, is guarded and CSV-encoded once, and a line is
    joined from them. The csv module scanning every row's every character was two thirds
    of the CSV export's time."""
    shown_group = _ballot_groups(polls, threshold)
    questions = {block.result.poll.id: encoded(block.result.poll.question) for block in polls}
    choices = {block.result.poll.id: _choices_text(block.result.poll) for block in polls}
    rooms = rooms or {}
    middles: dict[tuple[int, str | None, int], str] = {}
    ends: dict[tuple[str, str], str] = {}
    for ballot_id, poll_id, participant, group, picked, cast_at in ballots:
        if poll_id not in questions:
            continue
        middle = middles.get((poll_id, group, id(picked)))
        if middle is None:  # `picked` is kept alive by its poll's `choices`: its id is stable
            shown = shown_group[(poll_id, group or NOT_GIVEN)]
            middle = middles[(poll_id, group, id(picked))] = encoded(
                shown, choices[poll_id](picked)
            )
        room = rooms.get(ballot_id, "")
        end = ends.get((cast_at, room))
        if end is None:
            end = ends[(cast_at, room)] = encoded(cast_at, room)
        # Anonymised, a ballot's participant number is drawn afresh per poll
        # (core/anonymise.py): it links nothing, so it is not printed as if it did.
        who = "" if anonymised else participant
        yield f"{questions[poll_id]},{who},{middle},{end}\r\n"


def encoded(*values: object) -> str:
    """`values` guarded and joined as the csv module writes them inside a longer row (a row
    of one empty cell alone would be written '""')."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([*(cell(v) for v in values), "."])
    return buffer.getvalue()[: -len(",.\r\n")]


def _choices_text(poll: Poll) -> Callable[[dict[int, int]], str]:
    """The poll's ballots' choices as text, each distinct ballot worked out once (a room
    gives a poll few distinct ballots: 40,000 ballots of a long day have 400)."""
    texts = {o.id: o.text for o in poll.options}
    order = {o.id: o.position for o in poll.options}
    by_place = poll.kind is PollKind.RANK
    # Keyed by the dict itself: `ballot_lines` hands identical choices over as one dict.
    seen: dict[int, tuple[dict[int, int], str]] = {}

    def text(picked: dict[int, int]) -> str:
        known = seen.get(id(picked))
        if known is None:
            pairs = sorted(
                ((oid, value) for oid, value in picked.items() if oid in texts),
                key=lambda kv: (kv[1] if by_place else 0, order[kv[0]]),
            )
            # The dict is kept beside its text so its id cannot be reused meanwhile.
            known = seen[id(picked)] = (
                picked,
                "; ".join(f"{texts[oid]}={value}" for oid, value in pairs),
            )
        return known[1]

    return text


def _ballot_groups(polls: Sequence[PollBlock], threshold: int) -> dict[tuple[int, str], str]:
    """(poll, group) to the group a ballot row names: the pack's folding, poll by poll.

    A row holds one person's whole ballot, so a group of one in it is that person's vote: a
    group with fewer ballots than the threshold is named "Other groups", and where every
    group would be folded the column is left empty, as the pack leaves out such a breakdown.
    """
    names: dict[tuple[int, str], str] = {}
    for block in polls:
        poll_id = block.result.poll.id
        sizes: dict[str, int] = {}
        for group, totals in block.groups.items():
            name = group or NOT_GIVEN
            sizes[name] = sizes.get(name, 0) + totals.ballots
        shown, _ = fold_counts(sizes, threshold)
        for name in sizes:
            if not shown:
                names[(poll_id, name)] = ""
            else:
                names[(poll_id, name)] = name if name in shown else OTHER_GROUPS
    return names


def results_rows(summit: Summit, polls: Sequence[PollBlock]) -> Iterable[Sequence[object]]:
    parts = summit.breakouts.parts()
    for block in polls:
        poll = block.result.poll
        rooms = parts.get(poll.item_id, [])
        whole = ALL_ROOMS if len(rooms) > 1 else rooms[0].name if rooms else ""
        yield from _result_rows(present(block.result), whole)
        if len(rooms) > 1:
            for room, result in summit.breakouts.results_by_room(poll.id):
                yield from _result_rows(present(result), room.name)


def _result_rows(shown: Presentation, room: str) -> Iterable[Sequence[object]]:
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
            room,
            r.table_count,
            shown.table_voters,
        )


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        # Whole numbers of our own (ids, counts) need no guard: only a minus sign could
        # start a formula, and str() would be what the writer does with them anyway.
        writer.writerows([v if type(v) is int and v >= 0 else cell(v) for v in row] for row in rows)
    return path


def _write_lines(path: Path, header: Sequence[str], lines: Iterable[str]) -> Path:
    """Write lines already encoded as CSV (`encoded`), after the header."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerow(header)
        handle.writelines(lines)
    return path

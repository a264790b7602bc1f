"""Close and anonymise: after the day, remove what links input to a phone, keep every figure.

One deliberate step (the window confirms it, stops the phone server and clears the undo
history, which holds old rows): afterwards the file holds no pass (phones' cookies, the
cards' printed codes), no participant number that links one person's input across polls or
prompts, and no time finer than the minute on anything a participant sent. Every figure and
every note the pack and the CSV need stay: each poll's ballots, their choices and the group
each came from; each prompt's notes, questions, upvotes and cloud words; who joined, who took
part, and by which group.

Participant numbers are not set to NULL (ballots need one, and each poll takes one ballot a
participant): within each poll, prompt or question, the participants of one group are given
the numbers of others of that group, drawn at random afresh each time. So every count, per
group too, is what it was, while a number no longer follows one person from one poll to the
next. The agenda's own clock (when items started and ended) is the facilitator's and keeps
its seconds; it says nothing about any participant.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from summit_app.core.db import Db, now
from summit_app.core.privacy import days

# (table, the scope within which a participant's numbers are redrawn)
LINKED = (
    ("ballots", "poll_id"),
    ("notes", "prompt_id"),
    ("questions", "prompt_id"),
    ("words", "prompt_id"),
    ("upvotes", "question_id"),
)
# Times to the second on what participants sent, or on their passes.
TIMES = {
    "participants": ("joined_at", "acted_at"),
    "ballots": ("cast_at",),
    "notes": ("created_at",),
    "questions": ("created_at", "answered_at"),
    "upvotes": ("cast_at",),
    "words": ("created_at",),
    "cards": ("created_at", "revoked_at"),
}
PASS_PREFIX = "anonymised-"  # no cookie or card carries it: the pass is gone, the row stays


@dataclass(frozen=True)
class Anonymised:
    """What was removed, for the sentence the facilitator reads."""

    passes: int
    cards: int
    links: int  # rows whose participant number was redrawn
    times: int  # times cut to the minute


def minute(value: str) -> str:
    """An ISO time cut to the minute ('2021-04-13T10:42:17+01:00' -> '...10:42:00+01:00')."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.replace(second=0, microsecond=0).isoformat(timespec="seconds")


def anonymise(db: Db, rng: secrets.SystemRandom | None = None) -> Anonymised:
    """Remove what links input to a phone, in one transaction (see the module's docstring)."""
    rng = rng or secrets.SystemRandom()
    with db.write():
        # The participant numbers swap places for a moment: checked when the step commits.
        db.execute("PRAGMA defer_foreign_keys = ON")
        passes = db.execute(
            f"UPDATE participants SET token = '{PASS_PREFIX}' || id"
            f" WHERE token NOT LIKE '{PASS_PREFIX}%'"
        ).rowcount
        cards = db.execute(
            f"UPDATE cards SET pass = '{PASS_PREFIX}card-' || id, participant_id = NULL"
            f" WHERE pass NOT LIKE '{PASS_PREFIX}%' OR participant_id IS NOT NULL"
        ).rowcount
        groups: dict[str | None, list[int]] = defaultdict(list)
        for row in db.rows("SELECT id, group_name FROM participants ORDER BY id"):
            groups[row["group_name"]].append(row["id"])
        group_of = {pid: group for group, pids in groups.items() for pid in pids}
        links = sum(_redraw(db, table, scope, groups, group_of, rng) for table, scope in LINKED)
        times = sum(_cut(db, table, columns) for table, columns in TIMES.items())
        db.execute("DELETE FROM undo_history")
        db.execute("DELETE FROM note_embeddings")  # derived from the notes' words; rebuilt
        db.execute("UPDATE summit SET anonymised_at = ? WHERE id = 1", (now(),))
    return Anonymised(passes, cards, links, times)


def _redraw(
    db: Db,
    table: str,
    scope: str,
    groups: dict[str | None, list[int]],
    group_of: dict[int, str | None],
    rng: secrets.SystemRandom,
) -> int:
    rows = db.rows(
        f"SELECT id, {scope} AS scope, participant_id FROM {table}"
        " WHERE participant_id IS NOT NULL ORDER BY id"
    )
    by_scope: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        by_scope[row["scope"]].add(row["participant_id"])
    new: dict[tuple[int, int], int] = {}
    for key, pids in by_scope.items():
        in_group: dict[str | None, list[int]] = defaultdict(list)
        for pid in sorted(pids):
            in_group[group_of[pid]].append(pid)
        for group, old in in_group.items():
            drawn = rng.sample(groups[group], len(old))
            new.update({(key, o): d for o, d in zip(old, drawn, strict=True)})
    # Negative first: a poll's ballots take each other's numbers without a moment where two
    # share one (UNIQUE); the foreign keys are checked at commit.
    for row in rows:
        db.execute(
            f"UPDATE {table} SET participant_id = ? WHERE id = ?",
            (-new[(row["scope"], row["participant_id"])], row["id"]),
        )
    db.execute(f"UPDATE {table} SET participant_id = -participant_id WHERE participant_id < 0")
    return len(rows)


def _cut(db: Db, table: str, columns: tuple[str, ...]) -> int:
    cut = 0
    for column in columns:
        rows = db.rows(f"SELECT id, {column} AS at FROM {table} WHERE {column} IS NOT NULL")
        for row in rows:
            short = minute(row["at"])
            if short != row["at"]:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (short, row["id"]))
                cut += 1
    return cut


@dataclass(frozen=True)
class Held:
    """How much personal data the file holds, for the governance pack's inventory."""

    participants: int
    ballots: int
    notes: int  # from phones
    questions: int
    words: int
    upvotes: int
    cards: int


def held(db: Db) -> Held:
    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    return Held(
        participants=count("SELECT COUNT(*) FROM participants"),
        ballots=count("SELECT COUNT(*) FROM ballots"),
        notes=count("SELECT COUNT(*) FROM notes WHERE participant_id IS NOT NULL"),
        questions=count("SELECT COUNT(*) FROM questions WHERE participant_id IS NOT NULL"),
        words=count("SELECT COUNT(*) FROM words WHERE participant_id IS NOT NULL"),
        upvotes=count("SELECT COUNT(*) FROM upvotes"),
        cards=count("SELECT COUNT(*) FROM cards"),
    )


def reminder(db: Db, today: date | None = None) -> str | None:
    """The reminder to show on opening a summit kept longer than its organisers chose: the
    day (its date, or the last phone's join if later) plus the days kept is past. None
    when it is anonymised, when no phone ever joined, or while it is not due."""
    info = db.info()
    if info.anonymised_at:
        return None
    last = db.rows("SELECT MAX(joined_at) AS at FROM participants")[0]["at"]
    if not last:
        return None
    days_seen = [_day(last)]
    if info.date:
        days_seen.append(_day(info.date))
    day = max(d for d in days_seen if d is not None) if any(days_seen) else None
    today = today or date.today()
    if day is None or today <= day + timedelta(days=info.retention_days):
        return None
    return (
        f"This summit took place on {day.day} {day:%B %Y}, more than {days(info.retention_days)}"
        " ago: the time its organisers chose to keep what links input to a phone. File ›"
        " Close and anonymise removes it and keeps every figure and note."
    )


def _day(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None

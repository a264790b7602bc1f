"""Polls, their options, ballots from phones, and counts taken by hand in the room."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from summit_app.core import ordering
from summit_app.core.agenda import AgendaRepo
from summit_app.core.checks import OPTION_MAX_CHARS, need_int, need_text
from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, StateError, ValidationError
from summit_app.core.model import (
    SCALE_LABELS,
    Ballot,
    CountMethod,
    HandCount,
    Option,
    Poll,
    PollKind,
    PollState,
    TableCount,
)
from summit_app.core.people import PeopleRepo
from summit_app.core.storage_errors import storage_errors
from summit_app.core.tally import PollResult, Totals, tally_totals

MAX_OPTIONS = 40
# Counts taken in this file's room: its own, or in a breakout room's file the main file's
# it was given (which the room's count replaces); never those merged in from rooms.
_HERE = " AND (origin IS NULL OR origin = (SELECT main_uid FROM summit))"


class PollsRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- polls ---------------------------------------------------------------------------

    def polls(self, item_id: int | None = None) -> list[Poll]:
        if item_id is None:
            rows = self._s.rows(
                "SELECT polls.* FROM polls JOIN items ON items.id = polls.item_id"
                " JOIN sections ON sections.id = items.section_id"
                " ORDER BY sections.position, items.position, polls.position"
            )
        else:
            rows = self._s.rows(
                "SELECT * FROM polls WHERE item_id = ? ORDER BY position", (item_id,)
            )
        options = self._options_by_poll()
        return [_poll(r, options.get(r["id"], ())) for r in rows]

    def poll(self, poll_id: int) -> Poll:
        rows = self._s.rows("SELECT * FROM polls WHERE id = ?", (poll_id,))
        if not rows:
            raise NotFoundError(f"There is no poll {poll_id}.")
        return _poll(rows[0], self._options_by_poll(poll_id).get(poll_id, ()))

    def add_poll(
        self,
        item_id: int,
        question: str,
        kind: PollKind | str,
        options: Sequence[str],
        max_choices: int = 1,
        points: int = 0,
        show_results: bool = False,
    ) -> Poll:
        kind = _kind(kind)
        need_text(question, "A poll needs a question.", 500, "The question")
        _check_options(options)
        max_choices, points = _check_rules(kind, len(options), max_choices, points)
        with self._s.write():
            AgendaRepo(self._s).item(item_id)
            pos = ordering.next_position(self._s, "polls", item_id)
            cur = self._s.execute(
                "INSERT INTO polls (item_id, position, question, kind, max_choices, points,"
                " show_results) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (item_id, pos, question, kind.value, max_choices, points, int(show_results)),
            )
            poll_id = int(cur.lastrowid or 0)
            self._insert_options(poll_id, options)
        return self.poll(poll_id)

    def update_poll(
        self,
        poll_id: int,
        question: str,
        kind: PollKind | str,
        options: Sequence[str],
        max_choices: int = 1,
        points: int = 0,
        show_results: bool = False,
    ) -> Poll:
        """Edit a poll.

        Once anyone has voted, its kind, rules and the number and order of its options are
        fixed, but an option's wording may still be corrected: the option keeps its identity,
        so every ballot for it still counts for it.
        """
        kind = _kind(kind)
        need_text(question, "A poll needs a question.", 500, "The question")
        _check_options(options)
        max_choices, points = _check_rules(kind, len(options), max_choices, points)
        with self._s.write():
            poll = self.poll(poll_id)
            old_texts = [o.text for o in poll.options]
            reshaped = kind != poll.kind or len(options) != len(old_texts)
            reshaped |= (max_choices, points) != (poll.max_choices, poll.points)
            # The same options in another order would silently move votes between them.
            reordered = sorted(options) == sorted(old_texts) and list(options) != old_texts
            if (reshaped or reordered) and self._has_votes(poll_id):
                raise ValidationError(
                    "People have already voted in this poll, so its kind and its list of"
                    " options cannot change. You can still correct an option's wording."
                )
            self._s.execute(
                "UPDATE polls SET question = ?, kind = ?, max_choices = ?, points = ?,"
                " show_results = ? WHERE id = ?",
                (question, kind.value, max_choices, points, int(show_results), poll_id),
            )
            if reshaped:
                self._s.execute("DELETE FROM options WHERE poll_id = ?", (poll_id,))
                self._insert_options(poll_id, options)
            else:
                for option, text in zip(poll.options, options, strict=True):
                    if option.text != text:
                        self._s.execute(
                            "UPDATE options SET text = ? WHERE id = ?", (text, option.id)
                        )
        return self.poll(poll_id)

    def link_themes(self, poll_id: int, theme_ids: Sequence[int | None]) -> Poll:
        """Each option in turn made from that theme (None: not from a theme)."""
        poll = self.poll(poll_id)
        with self._s.write():
            for option, theme_id in zip(poll.options, theme_ids, strict=True):
                self._s.execute(
                    "UPDATE options SET theme_id = ? WHERE id = ?", (theme_id, option.id)
                )
        return self.poll(poll_id)

    def remove_poll(self, poll_id: int) -> None:
        with self._s.write():
            item_id = ordering.parent_of(self._s, "polls", poll_id)
            self._s.execute("DELETE FROM polls WHERE id = ?", (poll_id,))
            ordering.renumber(self._s, "polls", item_id)

    def open_poll(self, poll_id: int) -> Poll:
        """Open a poll for votes. Only one poll is open at a time: others close."""
        with self._s.write():
            self.poll(poll_id)
            at = now()
            self._s.execute(
                "UPDATE polls SET state = 'closed', closed_at = ? WHERE state = 'open' AND id != ?",
                (at, poll_id),
            )
            self._s.execute(
                "UPDATE polls SET state = 'open', opened_at = ?, closed_at = NULL WHERE id = ?",
                (at, poll_id),
            )
            self._s.touch()
        return self.poll(poll_id)

    def close_poll(self, poll_id: int) -> Poll:
        with self._s.write():
            if self.poll(poll_id).state is PollState.OPEN:
                self._s.execute(
                    "UPDATE polls SET state = 'closed', closed_at = ? WHERE id = ?",
                    (now(), poll_id),
                )
                self._s.touch()
        return self.poll(poll_id)

    def set_show_results(self, poll_id: int, show: bool) -> Poll:
        with self._s.write():
            self.poll(poll_id)
            self._s.execute("UPDATE polls SET show_results = ? WHERE id = ?", (int(show), poll_id))
            self._s.touch()
        return self.poll(poll_id)

    # -- ballots -------------------------------------------------------------------------

    def cast_ballot(self, poll_id: int, participant_id: int, choices: Mapping[int, int]) -> Ballot:
        """Record a participant's ballot, replacing their earlier one in this poll.

        Raises ValidationError, changing nothing, if the poll is not open or the
        choices break its rules.
        """
        with self._s.write():
            return self.cast(self.poll(poll_id), participant_id, choices)

    def cast(self, poll: Poll, participant_id: int, choices: Mapping[int, int]) -> Ballot:
        """cast_ballot() for a poll already read in the caller's write.

        Its cost does not grow with the ballots stored: a few indexed lookups and one
        upsert, the ballot answered from what was written (bench/scale.py)."""
        if poll.state is PollState.DRAFT:
            raise StateError("This poll is not open yet; your vote was not recorded.")
        if poll.state is not PollState.OPEN:
            raise StateError("This poll is closed; your vote was not recorded.")
        clean = validate_choices(poll, choices)
        with self._s.write():
            found = self._s.execute(
                "SELECT group_name FROM participants WHERE id = ?", (participant_id,)
            ).fetchone()
            if found is None:
                raise NotFoundError(f"There is no participant {participant_id}.")
            PeopleRepo(self._s).acted(participant_id)
            cast_at = now()
            (ballot_id,) = self._s.execute(
                "INSERT INTO ballots (poll_id, participant_id, choices, cast_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (poll_id, participant_id)"
                " DO UPDATE SET choices = excluded.choices, cast_at = excluded.cast_at"
                " RETURNING id",
                (poll.id, participant_id, json.dumps(clean), cast_at),
            ).fetchone()
        return Ballot(ballot_id, poll.id, participant_id, clean, cast_at, found[0])

    def ballot(self, poll_id: int, participant_id: int) -> Ballot | None:
        rows = self._ballot_rows(
            "WHERE ballots.poll_id = ? AND participant_id = ?", (poll_id, participant_id)
        )
        return rows[0] if rows else None

    def ballots(self, poll_id: int | None = None) -> list[Ballot]:
        if poll_id is None:
            return self._ballot_rows("", ())
        return self._ballot_rows("WHERE ballots.poll_id = ?", (poll_id,))

    def ballot_count(self, poll_id: int, here: bool = False) -> int:
        """The poll's ballots; `here`: only those this laptop's phones cast (not those a
        breakout room's file carries), to set beside `people.count()`."""
        mine = " AND origin IS NULL" if here else ""
        row = self._s.execute(f"SELECT COUNT(*) FROM ballots WHERE poll_id = ?{mine}", (poll_id,))
        return int(row.fetchone()[0])

    def _ballot_rows(self, where: str, params: tuple[Any, ...]) -> list[Ballot]:
        # Plain rows and one JSON document for all the choices: a long day's 40,000 ballots
        # read in a third of the time that a dict per row and a json.loads per ballot took.
        with storage_errors():  # the rows are read as they are fetched
            rows = self._s.execute(
                "SELECT ballots.id, poll_id, participant_id, choices, cast_at, group_name"
                " FROM ballots JOIN participants ON participants.id = ballots.participant_id"
                f" {where} ORDER BY ballots.id",
                params,
            ).fetchall()
        choices = json.loads("[" + ",".join(r[3] for r in rows) + "]")
        return [
            Ballot(
                id=r[0],
                poll_id=r[1],
                participant_id=r[2],
                choices={int(k): v for k, v in picked.items()},
                cast_at=r[4],
                group=r[5],
            )
            for r, picked in zip(rows, choices, strict=True)
        ]

    def group_totals(self) -> dict[int, dict[str | None, Totals]]:
        """Every poll's running totals by its voters' groups (`ballot_group_totals`, kept by
        the file's triggers; None for no group): for the pack's groups, in as many rows as
        polls, groups, options and values, however many ballots were cast."""
        with storage_errors():
            rows = self._s.execute(
                "SELECT poll_id, group_name, option_id, value, ballots FROM ballot_group_totals"
            ).fetchall()
        picks: dict[tuple[int, str], dict[tuple[int, int], int]] = {}
        ballots: dict[tuple[int, str], int] = {}
        for poll_id, group, option, value, n in rows:
            if option:
                picks.setdefault((poll_id, group), {})[(option, value)] = n
            else:
                ballots[(poll_id, group)] = n
        by_poll: dict[int, dict[str | None, Totals]] = {}
        for (poll_id, group), n in ballots.items():
            totals = Totals(picks.get((poll_id, group), {}), n)
            by_poll.setdefault(poll_id, {})[group or None] = totals
        return by_poll

    def ballot_lines(self) -> Iterator[tuple[int, int, int, str | None, dict[int, int], str]]:
        """Every ballot as (id, poll, participant, group, choices, cast at), in the order
        cast, as the rows are fetched: for ballots.csv, without a `Ballot` per row.
        Identical choices are one dict, decoded once, which the caller must not change."""
        decoded = _decoder()
        with storage_errors():  # the rows are read as they are fetched
            for r in self._s.execute(
                "SELECT ballots.id, poll_id, participant_id, group_name, choices, cast_at"
                " FROM ballots JOIN participants ON participants.id = ballots.participant_id"
                " ORDER BY ballots.id"
            ):
                yield r[0], r[1], r[2], r[3], decoded(r[4]), r[5]

    def result(self, poll_id: int) -> PollResult:
        """The poll's results: phones' ballots and hand counts together (no groups: the
        pack's are tallied from `group_totals`). Read from the poll's running totals,
        so its cost follows the options, not the ballots: with results shown to phones it
        runs at every ballot."""
        return tally_totals(
            self.poll(poll_id),
            self.totals(poll_id),
            self.hand_counts(poll_id),
            self.hand_voters(poll_id),
            table_counts=self.table_counts(poll_id),
        )

    def totals(self, poll_id: int) -> Totals:
        """The poll's running totals (`ballot_totals`, kept by the file's triggers)."""
        rows = self._s.execute(
            "SELECT option_id, value, ballots FROM ballot_totals WHERE poll_id = ?", (poll_id,)
        ).fetchall()
        picks = {(option, value): n for option, value, n in rows if option}
        ballots = sum(n for option, _, n in rows if not option)
        return Totals(picks, ballots)

    def table_counts(self, poll_id: int) -> list[TableCount]:
        """What table hosts counted for this poll, by table (core/table_host.py)."""
        rows = self._s.rows(
            "SELECT * FROM table_counts WHERE poll_id = ? ORDER BY table_id", (poll_id,)
        )
        return [
            TableCount(
                poll_id=r["poll_id"],
                table_id=r["table_id"],
                people=r["people"],
                counts={int(k): v for k, v in json.loads(r["counts"]).items()},
                counted_at=r["counted_at"],
            )
            for r in rows
        ]

    # -- counts taken by hand ------------------------------------------------------------

    def hand_counts(self, poll_id: int, taken_here: bool = False) -> list[HandCount]:
        """The poll's counts taken by hand; `taken_here`: only this room's (see `_HERE`),
        not those a breakout room's file brought in."""
        rows = self._s.rows(
            f"SELECT * FROM hand_counts WHERE poll_id = ?{_HERE if taken_here else ''}"
            " ORDER BY option_id, level",
            (poll_id,),
        )
        return [HandCount(**{**r, "method": CountMethod(r["method"])}) for r in rows]

    def hand_voters(self, poll_id: int, taken_here: bool = False) -> int:
        """How many people were counted by hand, in every room (or only this one)."""
        row = self._s.execute(
            "SELECT (SELECT 1 FROM polls WHERE id = ?), (SELECT COALESCE(SUM(voters), 0)"
            f" FROM hand_voters WHERE poll_id = ?{_HERE if taken_here else ''})",
            (poll_id, poll_id),
        ).fetchone()
        if row[0] is None:
            raise NotFoundError(f"There is no poll {poll_id}.")
        return int(row[1])

    def set_hand_counts(
        self,
        poll_id: int,
        counts: Iterable[tuple[int, int | None, int]],
        voters: int,
        method: CountMethod | str = CountMethod.HANDS,
    ) -> None:
        """Replace the poll's hand counts with `(option_id, level, count)` rows.

        `voters` is how many people took part by hand; `level` is the rank position or
        scale level for rank and scale polls, and None otherwise.
        """
        method = CountMethod(method)
        poll = self.poll(poll_id)
        option_ids = {o.id for o in poll.options}
        levels = _levels(poll)
        rows = []
        for option_id, level, count in counts:
            if option_id not in option_ids:
                raise ValidationError("That count is for an option this poll does not have.")
            if level not in levels:
                raise ValidationError(f"A count's level must be one of {sorted(levels, key=str)}.")
            need_int(count, 0, 1_000_000, "A count must be a whole number, 0 or more.")
            rows.append((poll_id, option_id, level, count, method.value))
        need_int(voters, 0, 1_000_000, "The number of people voting must be 0 or more.")
        with self._s.write():
            self._s.execute(f"DELETE FROM hand_counts WHERE poll_id = ?{_HERE}", (poll_id,))
            self._s.db.conn.executemany(
                "INSERT INTO hand_counts (poll_id, option_id, level, count, method)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            self._s.execute(f"DELETE FROM hand_voters WHERE poll_id = ?{_HERE}", (poll_id,))
            if voters:
                self._s.execute(
                    "INSERT INTO hand_voters (poll_id, voters) VALUES (?, ?)", (poll_id, voters)
                )

    # -- helpers -------------------------------------------------------------------------

    def _has_votes(self, poll_id: int) -> bool:
        return bool(
            self._s.rows(
                "SELECT 1 FROM ballots WHERE poll_id = ? UNION ALL"
                " SELECT 1 FROM hand_counts WHERE poll_id = ? UNION ALL"
                " SELECT 1 FROM table_counts WHERE poll_id = ? LIMIT 1",
                (poll_id, poll_id, poll_id),
            )
        )

    def _insert_options(self, poll_id: int, texts: Sequence[str]) -> None:
        self._s.db.conn.executemany(
            "INSERT INTO options (poll_id, position, text) VALUES (?, ?, ?)",
            [(poll_id, pos, text) for pos, text in enumerate(texts)],
        )

    def _options_by_poll(self, poll_id: int | None = None) -> dict[int, tuple[Option, ...]]:
        if poll_id is None:
            rows = self._s.rows("SELECT * FROM options ORDER BY poll_id, position")
        else:
            rows = self._s.rows(
                "SELECT * FROM options WHERE poll_id = ? ORDER BY position", (poll_id,)
            )
        grouped: dict[int, list[Option]] = {}
        for r in rows:
            grouped.setdefault(r["poll_id"], []).append(Option(**r))
        return {k: tuple(v) for k, v in grouped.items()}


def _decoder() -> Callable[[str], dict[int, int]]:
    """A stored ballot's choices as a dict, each distinct text decoded once."""
    seen: dict[str, dict[int, int]] = {}

    def decoded(text: str) -> dict[int, int]:
        choices = seen.get(text)
        if choices is None:
            choices = seen[text] = {int(k): v for k, v in json.loads(text).items()}
        return choices

    return decoded


def validate_choices(poll: Poll, choices: Mapping[int, int]) -> dict[int, int]:
    """Check a ballot against the poll's rules; return it with only non-zero entries."""
    option_ids = {o.id for o in poll.options}
    if not isinstance(choices, Mapping):
        raise ValidationError("A ballot must map options to values.")
    clean: dict[int, int] = {}
    for option_id, value in choices.items():
        if option_id not in option_ids:
            raise ValidationError("That option is not in this poll.")
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError("Each choice must be a whole number.")
        if value != 0:
            clean[option_id] = value
    kind, n = poll.kind, len(poll.options)
    if kind is PollKind.SINGLE:
        if len(clean) != 1 or set(clean.values()) != {1}:
            raise ValidationError("Pick exactly one option.")
    elif kind is PollKind.MULTI:
        if not clean or set(clean.values()) != {1}:
            raise ValidationError("Pick at least one option.")
        if len(clean) > poll.max_choices:
            raise ValidationError(f"Pick at most {poll.max_choices} options.")
    elif kind is PollKind.POINTS:
        if any(v < 0 for v in clean.values()):
            raise ValidationError("Points cannot be negative.")
        total = sum(clean.values())
        if total == 0:
            raise ValidationError("Give at least one point.")
        if total > poll.points:
            raise ValidationError(f"You have {poll.points} points to give; that was {total}.")
    elif kind is PollKind.RANK:
        if sorted(clean.values()) != list(range(1, n + 1)) or len(clean) != n:
            raise ValidationError(f"Put all {n} options in order, each in its own place.")
    elif kind is PollKind.SCALE:
        if not clean:
            raise ValidationError("Answer at least one statement.")
        if any(not 1 <= v <= len(SCALE_LABELS) for v in clean.values()):
            raise ValidationError(f"Answers are on a scale of 1 to {len(SCALE_LABELS)}.")
    return clean


def _levels(poll: Poll) -> set[int | None]:
    if poll.kind is PollKind.RANK:
        return set(range(1, len(poll.options) + 1))
    if poll.kind is PollKind.SCALE:
        return set(range(1, len(SCALE_LABELS) + 1))
    return {None}


def _kind(kind: PollKind | str) -> PollKind:
    try:
        return PollKind(kind)
    except ValueError:
        kinds = ", ".join(k.value for k in PollKind)
        raise ValidationError(f"'{kind}' is not a kind of poll ({kinds}).") from None


def _check_options(options: Sequence[str]) -> None:
    if isinstance(options, str) or not 1 <= len(options) <= MAX_OPTIONS:
        raise ValidationError(f"A poll needs between 1 and {MAX_OPTIONS} options.")
    for text in options:
        need_text(text, "An option cannot be empty.", OPTION_MAX_CHARS, "An option")
    if len(set(options)) != len(options):
        raise ValidationError("Two options have the same text.")


def _check_rules(kind: PollKind, n: int, max_choices: int, points: int) -> tuple[int, int]:
    if kind is PollKind.MULTI:
        need_int(max_choices, 1, n, f"Pick up to N: N must be from 1 to {n}.")
        return max_choices, 0
    if kind is PollKind.POINTS:
        need_int(points, 1, 1000, "Points to allocate must be from 1 to 1000.")
        return n, points
    if kind is PollKind.RANK and n < 2:
        raise ValidationError("A ranking needs at least two options.")
    return (1 if kind is PollKind.SINGLE else n), 0


def _poll(row: dict[str, Any], options: tuple[Option, ...]) -> Poll:
    return Poll(
        id=row["id"],
        item_id=row["item_id"],
        position=row["position"],
        question=row["question"],
        kind=PollKind(row["kind"]),
        state=PollState(row["state"]),
        max_choices=row["max_choices"],
        points=row["points"],
        show_results=bool(row["show_results"]),
        options=options,
        opened_at=row["opened_at"],
        closed_at=row["closed_at"],
    )

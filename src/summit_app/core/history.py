"""The facilitator's commands, their undo and redo, and what each one changed.

Every facilitator action runs through `History.run`: one transaction (taking the write
lock as it begins), one undo step, one `Change` naming the rows it wrote. The undo log is
kept by SQLite itself, as in sqlite.org's "Automatic Undo/Redo Using SQLite": temporary
triggers, which exist only on the window's connection, record for every row the
facilitator's command inserts, updates or deletes the statement that puts it back. So an
undo restores exactly what the command changed, cascades included: removing an agenda
item with its polls, ballots and notes comes back whole, and phones' writes (on the
server's own connection) are never logged or undone.

An undo or redo runs in one transaction too: if it fails (the file is busy, or a phone
took the id of a row it would bring back), nothing changes and the stacks stay as they were.

Closing the file keeps the stacks and their log in the file (`save`), and opening it brings
them back: Edit › Undo still takes back a deleted section after a restart.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from summit_app.core.breakout import merging
from summit_app.core.changes import Changes
from summit_app.core.cipher import INTEGRITY_ERRORS
from summit_app.core.errors import ConflictError, HeldError
from summit_app.core.storage_errors import HELD_MARK, HELD_SENTENCE

if TYPE_CHECKING:
    from summit_app.core.store import Summit

T = TypeVar("T")

# Enough for a whole day's editing; older steps are forgotten with their log rows.
UNDO_LIMIT = 500
# `changed_at` marks the live state changed for the phones: an undo must move it on, not back.
UNLOGGED_COLUMNS = {"summit": {"changed_at"}}


@dataclass(frozen=True)
class Change:
    """What one command (or its undo or redo) changed: table name -> ids of the rows,
    and for the tables that belong to a poll, table name -> ids of those polls."""

    text: str
    rows: Mapping[str, frozenset[int]] = field(default_factory=dict)
    poll_ids: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """The typed value the views filter on."""
        return Changes.from_rows(self.rows, self.poll_ids)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.rows)

    def ids(self, table: str) -> frozenset[int]:
        return self.rows.get(table, frozenset())

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class Step:
    """One undoable command: its name and its range of the undo log."""

    text: str
    first: int
    last: int
    merging: bool = False  # a breakout room's import: its undo may write the room's rows


class History:
    """The undo and redo stacks of one window's connection to a summit."""

    def __init__(self, summit: Summit, on_change: Callable[[Change], None] | None = None):
        self._summit = summit
        self._on_change = on_change
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._depth = 0  # commands run inside a command join it
        _install_triggers(summit)
        _LOGGED.add(summit)
        _KEPT.add(summit)
        self._restore()

    # -- running commands ----------------------------------------------------------------

    def run(self, text: str, action: Callable[[Summit], T]) -> T:
        """Run `action` as one command: one transaction, one undo step, one Change.

        Raises what the action raises (a SummitError for anything the user caused), and
        then nothing was changed and the stacks are as they were.
        """
        with self.grouped(text):
            return action(self._summit)

    @contextmanager
    def grouped(self, text: str, merging: bool = False) -> Iterator[None]:
        """Several commands as one: one transaction, one undo step, one Change.

        Commands run inside it (or inside another command) join it. `merging`: the step
        imports a breakout room's file, so undoing or redoing it may write the room's rows.
        """
        if self._depth:
            yield
            return
        self._depth += 1
        try:
            with self._summit.write():
                first = self._next_seq()
                yield
                last = self._next_seq() - 1
                if last >= first:
                    self._summit.touch()
                    self._forget(self._redo)
                change = self._change(text, first, last)
        finally:
            self._depth -= 1
        if last >= first:
            self._redo = []
            self._undo.append(Step(text, first, last, merging))
            self._trim()
        self._announce(change)

    # -- undo and redo -------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._undo[-1].text if self._undo else ""

    def redo_text(self) -> str:
        return self._redo[-1].text if self._redo else ""

    def undo(self) -> Change:
        """Undo the last command; on failure nothing changes and the stacks stay put."""
        if not self._undo:
            return Change("Undo")
        step = self._undo[-1]
        inverse, change = self._replay(step, f"Undo {step.text.lower()}")
        self._undo.pop()
        self._redo.append(inverse)
        self._announce(change)
        return change

    def redo(self) -> Change:
        """Redo the last undone command; on failure nothing changes."""
        if not self._redo:
            return Change("Redo")
        step = self._redo[-1]
        inverse, change = self._replay(step, f"Redo {step.text.lower()}")
        self._redo.pop()
        self._undo.append(inverse)
        self._announce(change)
        return change

    def clear(self) -> None:
        with self._summit.write():
            self._summit.execute("DELETE FROM temp.undo_log")
        self._undo, self._redo = [], []

    def save(self) -> None:
        """Keep the stacks and their log in the file, for when it is opened again."""
        conn = self._summit.db.conn
        cursor = conn.execute("SELECT * FROM temp.undo_log ORDER BY seq")
        names = [d[0] for d in cursor.description]
        log = [dict(zip(names, row, strict=True)) for row in cursor]
        steps = {
            "undo": [[s.text, s.first, s.last, s.merging] for s in self._undo],
            "redo": [[s.text, s.first, s.last, s.merging] for s in self._redo],
        }
        kept = json.dumps(log)
        with self._summit.write():
            self._summit.execute(
                "INSERT OR REPLACE INTO undo_history (id, steps, log) VALUES (1, ?, ?)",
                (json.dumps(steps), kept),
            )
            # Slides no deck shows and no kept step can bring back leave the file now.
            self._summit.decks.collect_unused(kept)

    def _restore(self) -> None:
        """The stacks the file was closed with (none in a file from before they were kept)."""
        row = self._summit.execute("SELECT steps, log FROM undo_history").fetchone()
        if row is None:
            return
        steps, log = json.loads(row[0]), json.loads(row[1])
        conn = self._summit.db.conn
        columns = {c[1] for c in conn.execute("PRAGMA temp.table_info(undo_log)")}
        with self._summit.write():
            conn.execute("DELETE FROM temp.undo_log")
            for entry in log:
                names = [n for n in entry if n in columns]
                conn.execute(
                    f"INSERT INTO temp.undo_log ({', '.join(names)})"
                    f" VALUES ({', '.join('?' * len(names))})",
                    [entry[n] for n in names],
                )
        self._undo = [Step(*step) for step in steps["undo"]]
        self._redo = [Step(*step) for step in steps["redo"]]

    def _replay(self, step: Step, text: str) -> tuple[Step, Change]:
        """Run a step's log backwards in one transaction; its statements' own log entries
        are the step that reverses it."""
        conn = self._summit.db.conn
        with self._summit.write():
            # Rows come back children first (the reverse of how they went): checked at commit.
            conn.execute("PRAGMA defer_foreign_keys = ON")
            first = self._next_seq()
            entries = conn.execute(
                "SELECT sql FROM temp.undo_log WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
                (step.first, step.last),
            ).fetchall()
            with merging(self._summit) if step.merging else _nothing():
                for (sql,) in entries:
                    try:
                        cursor = conn.execute(sql)
                    except INTEGRITY_ERRORS as error:
                        if HELD_MARK in str(error):
                            raise HeldError(HELD_SENTENCE) from error
                        raise ConflictError(_conflict(text)) from error
                    if cursor.rowcount == 0:
                        raise ConflictError(_conflict(text))
            try:
                conn.execute("PRAGMA defer_foreign_keys = OFF")  # checks the deferred ones now
                violations = conn.execute("PRAGMA foreign_key_check").fetchall()
            except INTEGRITY_ERRORS as error:
                raise ConflictError(_conflict(text)) from error
            if violations:
                raise ConflictError(_conflict(text))
            conn.execute(
                "DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (step.first, step.last)
            )
            last = self._next_seq() - 1
            self._summit.touch()
            change = self._change(text, first, last)
        return Step(step.text, first, last, step.merging), change

    # -- the log -------------------------------------------------------------------------

    def _next_seq(self) -> int:
        return _next_seq(self._summit)

    def _change(self, text: str, first: int, last: int) -> Change:
        return _read_change(self._summit, text, first, last)

    def _forget(self, steps: list[Step]) -> None:
        for step in steps:
            self._summit.execute(
                "DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (step.first, step.last)
            )

    def _trim(self) -> None:
        if len(self._undo) > UNDO_LIMIT:
            old, self._undo = self._undo[:-UNDO_LIMIT], self._undo[-UNDO_LIMIT:]
            try:
                with self._summit.write():
                    self._forget(old)
            except Exception:  # noqa: BLE001 - a few stale log rows are harmless
                pass

    def _announce(self, change: Change) -> None:
        if change and self._on_change is not None:
            self._on_change(change)


@contextmanager
def recording(summit: Summit) -> Iterator[list[Changes]]:
    """Run the block as one transaction (or inside the caller's) and append to the yielded
    list what it changed, read from the rows it wrote: how a core command returns its
    `Changes` whether or not a window's History runs it."""
    if summit not in _LOGGED:
        _install_triggers(summit)
        _LOGGED.add(summit)
    out: list[Changes] = []
    outermost = not summit.db.conn.in_transaction
    with summit.write():
        first = _next_seq(summit)
        yield out
        last = _next_seq(summit) - 1
        out.append(_read_change(summit, "", first, last).changes)
        if outermost and summit not in _KEPT:  # no undo stack needs the log: empty it
            summit.execute("DELETE FROM temp.undo_log")


# The summits whose connection has the undo log, and those whose log a History keeps.
_LOGGED: weakref.WeakSet[Summit] = weakref.WeakSet()
_KEPT: weakref.WeakSet[Summit] = weakref.WeakSet()


def _next_seq(summit: Summit) -> int:
    row = summit.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM temp.undo_log")
    return int(row.fetchone()[0])


def _read_change(summit: Summit, text: str, first: int, last: int) -> Change:
    rows: dict[str, set[int]] = {}
    polls: dict[str, set[int]] = {}
    for table, row_id, poll_id in summit.execute(
        "SELECT tbl, row_id, poll_id FROM temp.undo_log WHERE seq BETWEEN ? AND ?",
        (first, last),
    ):
        rows.setdefault(table, set()).add(int(row_id))
        if poll_id is not None:
            polls.setdefault(table, set()).add(int(poll_id))
    return Change(
        text,
        {table: frozenset(ids) for table, ids in rows.items()},
        {table: frozenset(ids) for table, ids in polls.items()},
    )


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _conflict(text: str) -> str:
    return f"Cannot {text.lower()}: the summit has changed since (a phone or another edit)."


def _install_triggers(summit: Summit) -> None:
    """The temporary undo log and one trigger per table and kind of write."""
    conn = summit.db.conn
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS undo_log"
        " (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id INTEGER NOT NULL, sql TEXT NOT NULL,"
        " poll_id INTEGER)"  # the poll a row belongs to: which tallies the change concerns
    )
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%'"
            # The ballots' totals: the triggers rewrite them when an undo writes the ballots.
            " AND name NOT IN ('undo_history', 'deck_files', 'note_embeddings', 'ballot_totals',"
            " 'ballot_group_totals')"
            " ORDER BY name"
        )
    ]
    for table in tables:
        columns = [
            row[1]
            for row in conn.execute(f"PRAGMA main.table_info({table})")
            if row[1] not in UNLOGGED_COLUMNS.get(table, set())
        ]
        poll_column = "rowid" if table == "polls" else "poll_id" if "poll_id" in columns else ""
        for statement in _triggers(table, columns, table in UNLOGGED_COLUMNS, poll_column):
            conn.execute(statement)


def _triggers(
    table: str, columns: list[str], only_logged_columns: bool, poll_column: str = ""
) -> list[str]:
    log = f"INSERT INTO undo_log (tbl, poll_id, row_id, sql) VALUES ('{table}', "
    new_poll = f"new.{poll_column}, " if poll_column else "NULL, "
    old_poll = f"old.{poll_column}, " if poll_column else "NULL, "
    names = ", ".join(columns)
    old_values = " || ', ' || ".join(f"quote(old.{c})" for c in columns)
    assignments = " || ', ' || ".join(f"'{c} = ' || quote(old.{c})" for c in columns)
    of = f" OF {names}" if only_logged_columns else ""
    return [
        f"CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_insert AFTER INSERT ON main.{table}"
        f" BEGIN {log}{new_poll}new.rowid,"
        f" 'DELETE FROM main.{table} WHERE rowid = ' || new.rowid); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_update AFTER UPDATE{of} ON main.{table}"
        f" BEGIN {log}{old_poll}old.rowid, 'UPDATE main.{table} SET ' || {assignments}"
        f" || ' WHERE rowid = ' || old.rowid); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_delete AFTER DELETE ON main.{table}"
        f" BEGIN {log}{old_poll}old.rowid, 'INSERT INTO main.{table} ({names}) VALUES ('"
        f" || {old_values} || ')'); END",
    ]

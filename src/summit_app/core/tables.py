"""The room's round tables and their printed table cards (issue 26).

The facilitator sets how many tables the room has (1 to 100, or none) and may name them.
Each table has a card with an unguessable pass (as voting cards do, core/cards.py). The
first phone that scans a table's card becomes that table's host device for the day: it is
given a secret (`host_token`) that only it holds, and a second phone scanning the same
card is refused, as a guessed pass is. A lost card (or a lost phone) is revoked: the table
gets a new pass and no host, and its card is reprinted.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from summit_app.core.cards import new_pass, normal_pass
from summit_app.core.checks import need_int
from summit_app.core.db import Db, now
from summit_app.core.errors import NotAllowedError, NotFoundError, ValidationError
from summit_app.core.model import Table

MAX_TABLES = 100
MAX_SEATS = 100
NAME_MAX_CHARS = 60
# This room's own tables; a breakout room's, merged in, are only read (`labels`).
_OWN = "origin IS NULL"
NO_TABLE_CARD = (
    "No table card has that code. Check the code printed on the card, or ask the facilitator"
    " for a new one."
)
ANOTHER_PHONE = (
    "{label}'s card is already in use on another phone. Only one phone can be the table's"
    " host; if that phone is lost, ask the facilitator to reprint the card."
)


@dataclass(frozen=True)
class TableFeedback:
    """What one table brought back to a prompt, as the room sees it (the "Table feedback"
    scene): its key points, and how many notes it sent in all."""

    table: Table
    key_points: tuple[str, ...]
    notes: int


def raised_by(table_ids: Iterable[int | None], room: int) -> str:
    """'9 of 15 tables': how many of the room's tables sent notes among these ('' when the
    room has no tables or none of them did). One wording for the board, the wall and the pack."""
    raised = len({t for t in table_ids if t is not None})
    if not room or not raised:
        return ""
    return f"{raised} of {room} tables" if room != 1 else "1 of 1 table"


class TablesRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- the room's tables -------------------------------------------------------------

    def tables(self) -> list[Table]:
        return [_table(r) for r in self._s.rows(f"SELECT * FROM tables WHERE {_OWN} ORDER BY id")]

    def labels(self) -> dict[int, str]:
        """Every table's label by id: this room's ("Table 3 (Oak)") and those merged in
        from breakout rooms ("Breakout B: Workforce, table 3"): one wording everywhere."""
        labels = {t.id: t.label for t in self.tables()}
        for row in self._s.rows(
            "SELECT t.id, t.name, t.origin_id AS number, b.name AS room FROM tables t"
            " JOIN breakouts b ON b.uid = t.origin"
        ):
            name = f" ({row['name']})" if row["name"] else ""
            labels[row["id"]] = f"{row['room']}, table {row['number']}{name}"
        return labels

    def by_room(self) -> dict[str, int]:
        """How many tables each breakout room had, by the room's identity (uid)."""
        return {
            row["room"]: row["n"]
            for row in self._s.rows(
                "SELECT origin AS room, COUNT(*) AS n FROM tables WHERE origin IS NOT NULL"
                " GROUP BY origin"
            )
        }

    def count(self) -> int:
        return int(self._s.execute(f"SELECT COUNT(*) FROM tables WHERE {_OWN}").fetchone()[0])

    def table(self, number: int) -> Table:
        rows = self._s.rows(f"SELECT * FROM tables WHERE id = ? AND {_OWN}", (number,))
        if not rows:
            raise NotFoundError(f"There is no table {number}.")
        return _table(rows[0])

    def set_tables(
        self, count: int, names: Sequence[str] = (), seats: int | None = None
    ) -> list[Table]:
        """The room has `count` tables (0 for none), numbered from 1, named by `names` in
        order (missing or blank: no name), each seating `seats` (None: as they were, 10
        for new ones). Tables beyond `count` are removed unless they sent something."""
        need_int(count, 0, MAX_TABLES, f"A room has between 1 and {MAX_TABLES} tables (or none).")
        if seats is not None:
            need_int(seats, 1, MAX_SEATS, f"A table seats between 1 and {MAX_SEATS} people.")
        if len(names) > count:
            raise ValidationError(f"There are {len(names)} names for {count} tables.")
        for name in names:
            if len(name) > NAME_MAX_CHARS:
                raise ValidationError(
                    f"A table's name is at most {NAME_MAX_CHARS} characters: {name[:20]}..."
                )
        with self._s.write():
            used = self._s.rows(
                "SELECT MIN(table_id) AS first FROM (SELECT table_id FROM notes WHERE"
                " table_id > ? UNION SELECT table_id FROM table_counts WHERE table_id > ?)"
                f" WHERE table_id IN (SELECT id FROM tables WHERE {_OWN})",
                (count, count),
            )[0]["first"]
            if used is not None:
                raise ValidationError(
                    f"Table {used} has already sent notes or counts, so the room keeps at least"
                    f" {used} tables."
                )
            self._s.execute(f"DELETE FROM tables WHERE id > ? AND {_OWN}", (count,))
            for number in range(1, count + 1):
                name = names[number - 1].strip() if number <= len(names) else ""
                self._s.execute(
                    "INSERT INTO tables (id, name, seats, pass) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                    " seats = CASE WHEN ? IS NULL THEN seats ELSE excluded.seats END",
                    (number, name, seats or 10, new_pass(), seats),
                )
        return self.tables()

    def set_table(self, number: int, name: str | None = None, seats: int | None = None) -> Table:
        """Rename one table or set how many it seats."""
        table = self.table(number)
        if name is not None and len(name) > NAME_MAX_CHARS:
            raise ValidationError(f"A table's name is at most {NAME_MAX_CHARS} characters.")
        if seats is not None:
            need_int(seats, 1, MAX_SEATS, f"A table seats between 1 and {MAX_SEATS} people.")
        with self._s.write():
            self._s.execute(
                "UPDATE tables SET name = ?, seats = ? WHERE id = ?",
                (
                    table.name if name is None else name.strip(),
                    table.seats if seats is None else seats,
                    number,
                ),
            )
        return self.table(number)

    # -- the hosts' phones ---------------------------------------------------------------

    def claim(self, typed: str, host_token: str | None) -> tuple[Table, str]:
        """The table whose card has this pass, and the secret its host phone keeps.

        The first phone to scan the card becomes its host; the host phone scanning again
        (it sends its secret) stays so; any other phone is refused (NotAllowedError), and
        a pass that is no card's raises NotFoundError."""
        with self._s.write():
            rows = self._s.rows(
                f"SELECT * FROM tables WHERE pass = ? AND {_OWN}", (normal_pass(typed),)
            )
            if not rows:
                raise NotFoundError(NO_TABLE_CARD)
            table = _table(rows[0])
            if table.host_token is not None:
                if host_token is None or not secrets.compare_digest(
                    host_token.encode(), table.host_token.encode()
                ):
                    raise NotAllowedError(ANOTHER_PHONE.format(label=table.label))
                token = table.host_token
            else:
                token = secrets.token_urlsafe(24)
            self._s.execute(
                "UPDATE tables SET host_token = ?, last_contact = ? WHERE id = ?",
                (token, now(), table.id),
            )
        return self.table(table.id), token

    def by_host(self, host_token: str) -> Table | None:
        """The table this phone hosts, by its secret; None for a secret that is no host's."""
        rows = self._s.rows(f"SELECT * FROM tables WHERE host_token = ? AND {_OWN}", (host_token,))
        return _table(rows[0]) if rows else None

    def heard(self, number: int) -> None:
        """The host's phone was heard from now (inside the caller's write)."""
        self._s.execute("UPDATE tables SET last_contact = ? WHERE id = ?", (now(), number))

    def feedback(self, prompt_id: int) -> list[TableFeedback]:
        """The tables that sent notes the room may see to this prompt, in table order,
        each with the notes it starred as key points."""
        rows = self._s.rows(
            "SELECT table_id, text, is_key FROM notes WHERE prompt_id = ? AND table_id IS NOT"
            " NULL AND is_hidden = 0 AND is_held = 0 ORDER BY table_id, id",
            (prompt_id,),
        )
        tables = {t.id: t for t in self.tables()}
        by: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            by.setdefault(row["table_id"], []).append(row)
        return [
            TableFeedback(
                tables[number],
                tuple(r["text"] for r in notes if r["is_key"]),
                len(notes),
            )
            for number, notes in by.items()
            if number in tables
        ]

    def revoke(self, number: int) -> Table:
        """Cancel a table's card (lost, or its host's phone lost): a new pass, no host;
        the phone that held it can no longer send for the table. Print its card again."""
        with self._s.write():
            self.table(number)
            self._s.execute(
                "UPDATE tables SET pass = ?, host_token = NULL, printed = printed + 1 WHERE id = ?",
                (new_pass(), number),
            )
        return self.table(number)


def _table(row: dict[str, Any]) -> Table:
    return Table(
        id=row["id"],
        pass_=row["pass"],
        name=row["name"],
        seats=row["seats"],
        printed=row["printed"],
        host_token=row["host_token"],
        last_contact=row["last_contact"],
    )

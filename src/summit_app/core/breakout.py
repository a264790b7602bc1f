"""Breakout rooms: the rooms a summit sent out, the items each holds, and the rule that the
main file leaves a room's items alone until the room's last import.

The rule is kept by SQLite itself: temporary triggers on every connection `store.Summit`
opens (the window's and the phone server's) refuse any insert, update or delete of a row that
belongs to an item a room holds, unless a room's file is being merged in (`merging`). So no
edit anywhere in the window, whichever command makes it, can change what a room owns, and
an import never has to guess whose change wins.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from summit_app.core.breakout_rows import item_of as _item_of
from summit_app.core.breakout_rows import merged_tables
from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, ValidationError
from summit_app.core.polls import PollsRepo
from summit_app.core.storage_errors import HELD_MARK  # raised by the triggers, read there
from summit_app.core.tally import PollResult, tally


@dataclass(frozen=True)
class Room:
    """A breakout room this summit sent out."""

    id: int
    uid: str
    name: str
    written_at: str
    imports: int
    imported_at: str | None
    released_at: str | None
    item_ids: tuple[int, ...]

    @property
    def holding(self) -> bool:
        """Whether the room still owns its items (its last import has not come in)."""
        return self.released_at is None


class BreakoutRepo:
    """The rooms, which items they hold, and the end of a room's hold."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def uid(self) -> str:
        """This file's identity, which its rooms' files name."""
        return str(self._db.rows("SELECT uid FROM summit")[0]["uid"])

    def room_name(self) -> str:
        """This file's room name if it is a breakout room's file, else ''."""
        return str(self._db.rows("SELECT room FROM summit")[0]["room"])

    def rooms(self) -> list[Room]:
        held: dict[int, list[int]] = {}
        for row in self._db.rows(
            "SELECT breakout_id, item_id FROM breakout_items ORDER BY item_id"
        ):
            held.setdefault(row["breakout_id"], []).append(row["item_id"])
        return [
            Room(
                r["id"],
                r["uid"],
                r["name"],
                r["written_at"],
                r["imports"],
                r["imported_at"],
                r["released_at"],
                tuple(held.get(r["id"], ())),
            )
            for r in self._db.rows("SELECT * FROM breakouts ORDER BY id")
        ]

    def room(self, room_id: int) -> Room:
        for room in self.rooms():
            if room.id == room_id:
                return room
        raise NotFoundError(f"There is no breakout room {room_id}.")

    def by_uid(self, uid: str) -> Room | None:
        return next((r for r in self.rooms() if r.uid == uid), None)

    def holders(self) -> dict[int, list[str]]:
        """Item id -> the names of the rooms that hold it now."""
        out: dict[int, list[str]] = {}
        for row in self._db.rows(
            "SELECT bi.item_id, b.name FROM breakout_items bi"
            " JOIN breakouts b ON b.id = bi.breakout_id"
            " WHERE b.released_at IS NULL ORDER BY b.id"
        ):
            out.setdefault(row["item_id"], []).append(row["name"])
        return out

    # -- what each room did, for the pack and the CSV files -------------------------------

    def parts(self) -> dict[int, list[Room]]:
        """Item id -> the rooms that ran it (or run it now), in the order they were sent."""
        rooms = self.rooms()
        out: dict[int, list[Room]] = {}
        for room in rooms:
            for item in room.item_ids:
                out.setdefault(item, []).append(room)
        return out

    def turnout(self) -> dict[int, int]:
        """Room id -> how many people took part there (joined in the room, and acted)."""
        return {
            row["id"]: row["people"]
            for row in self._db.rows(
                "SELECT b.id, (SELECT count(*) FROM participants p WHERE p.origin = b.uid"
                " AND p.acted_at IS NOT NULL) AS people FROM breakouts b"
            )
        }

    def row_rooms(self, table: str) -> dict[int, str]:
        """Row id -> the name of the room that made it, for the rows of `table` made in a
        room (a merged table; see `breakout_rows`)."""
        return {
            row["id"]: row["name"]
            for row in self._db.rows(
                f"SELECT t.id, b.name FROM {table} t JOIN breakouts b ON b.uid = t.origin"
            )
        }

    def results_by_room(self, poll_id: int) -> list[tuple[Room, PollResult]]:
        """A poll's results in each room that ran it, from what was counted there: its
        phones' ballots, its hand counts and its table hosts' counts (the whole summit's
        figures are the poll's own result, over every room's)."""
        poll = PollsRepo(self._db).poll(poll_id)
        rooms = self.parts().get(poll.item_id, [])
        if not rooms:  # most polls: nothing to read (a long day's pack asks for each)
            return []
        return [(room, self._part(poll_id, room.uid)) for room in rooms]

    def main_room_result(self, poll_id: int) -> PollResult | None:
        """A poll's results from what no room counted (in the main room before or after
        the rooms ran it), or None when there is nothing."""
        result = self._part(poll_id, None)
        return result if result.voters or any(o.count for o in result.options) else None

    def _part(self, poll_id: int, uid: str | None) -> PollResult:
        """The poll tallied over the rows made in room `uid` (None: in no room)."""
        where = (
            "origin IS ?"
            if uid is not None
            else "(? IS NULL AND (origin IS NULL OR origin NOT IN (SELECT uid FROM breakouts)))"
        )

        def made(table: str, key: str = "id") -> set[int]:
            return {
                row[0]
                for row in self._db.execute(
                    f"SELECT {key} FROM {table} WHERE poll_id = ? AND {where}", (poll_id, uid)
                )
            }

        polls = PollsRepo(self._db)
        ballots, hands = made("ballots"), made("hand_counts")
        tables = made("table_counts", "table_id")  # one count a table a poll
        voters = self._db.execute(
            f"SELECT COALESCE(SUM(voters), 0) FROM hand_voters WHERE poll_id = ? AND {where}",
            (poll_id, uid),
        ).fetchone()[0]
        return tally(
            polls.poll(poll_id),
            [b for b in polls.ballots(poll_id) if b.id in ballots],
            [h for h in polls.hand_counts(poll_id) if h.id in hands],
            int(voters),
            table_counts=[t for t in polls.table_counts(poll_id) if t.table_id in tables],
        )

    def release(self, room_id: int) -> Room:
        """The room has finished: its items are the main file's to edit again, and its
        file is not taken again (ids freed by later edits could be mistaken for its rows)."""
        room = self.room(room_id)
        if not room.holding:
            raise ValidationError(f"{room.name} has already finished.")
        with self._db.write():
            self._db.execute("UPDATE breakouts SET released_at = ? WHERE id = ?", (now(), room_id))
        return self.room(room_id)


def install_holds(conn: sqlite3.Connection) -> None:
    """Temporary triggers refusing writes to rows of items a room holds (see module doc)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS breakout_merging (id INTEGER PRIMARY KEY)")
    held = (
        "EXISTS (SELECT 1 FROM main.breakout_items bi JOIN main.breakouts b"
        " ON b.id = bi.breakout_id AND b.released_at IS NULL WHERE bi.item_id = {item})"
    )
    free = "NOT EXISTS (SELECT 1 FROM temp.breakout_merging)"
    for table in merged_tables(conn):
        new, old = _item_of(conn, table.name, "NEW"), _item_of(conn, table.name, "OLD")
        if new is None or old is None:
            continue
        when = {
            "INSERT": held.format(item=new),
            "UPDATE": f"({held.format(item=old)} OR {held.format(item=new)})",
            "DELETE": held.format(item=old),
        }
        if table.name == "polls":
            # Closing a poll is always safe, and a poll left open by an older send must be
            # closable here (an open poll elsewhere also closes when another opens).
            when["UPDATE"] += " AND NOT (OLD.state = 'open' AND NEW.state = 'closed')"
        for event, condition in when.items():
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS held_{table.name}_{event.lower()}"
                f" BEFORE {event} ON main.{table.name} WHEN {free} AND {condition}"
                f" BEGIN SELECT RAISE(ABORT, '{HELD_MARK}'); END"
            )


@contextmanager
def merging(db: Db) -> Iterator[None]:
    """Inside the caller's transaction: a room's rows may be written (its file is merging,
    or an import is being undone)."""
    db.execute("INSERT INTO temp.breakout_merging (id) VALUES (1)")
    try:
        yield
    finally:
        db.execute("DELETE FROM temp.breakout_merging")

"""Merging a breakout room's file back into the main summit.

The room's file is copied first (SQLite's backup API, so the file on the stick is never
written, nor half read), checked, brought up to date if older, and attached; then, in one
transaction (one undo step), set-based SQL brings in what the room added, changed or removed
under what it owns, recognising every row by its identity (`origin`, `origin_id`) rather
than its id: so the same file twice changes nothing, and a later copy brings only what is
new. See README "Breakout rooms" for why this rather than SQLite's session extension.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from summit_app.core import cipher, merge_polls
from summit_app.core.breakout import Room, merging
from summit_app.core.breakout_rows import (
    JSON_KEYS,
    NUMBERED,
    MergedTable,
    item_of,
    merged_tables,
)
from summit_app.core.db import now
from summit_app.core.errors import SummitFileError
from summit_app.core.schema import migrate
from summit_app.core.store import Summit, check_file, remove_files, snapshot

log = logging.getLogger(__name__)

# The words the log and the window use for each table's rows: (one, several).
NOUNS = {
    "participants": ("participant", "participants"),
    "notes": ("note", "notes"),
    "themes": ("theme", "themes"),
    "ballots": ("ballot", "ballots"),
    "polls": ("poll", "polls"),
    "options": ("option", "options"),
    "items": ("item", "items"),
    "sections": ("section", "sections"),
    "prompts": ("prompt", "prompts"),
    "questions": ("question", "questions"),
    "upvotes": ("upvote", "upvotes"),
    "words": ("cloud word", "cloud words"),
    "hand_counts": ("count by hand", "counts by hand"),
    "hand_voters": ("number of people counted by hand", "numbers of people counted by hand"),
    "tables": ("table", "tables"),
    "table_counts": ("table's count", "tables' counts"),
    "actions": ("action", "actions"),
    "speakers": ("speaker", "speakers"),
}

# Rows that come in with the rest and are not news on their own: a room's tables (its
# layout, whose notes and counts the sentence names) and its people counted by hand (its
# counts by hand are named).
_QUIET = frozenset({"tables", "hand_voters"})

# A poll open in a room is not open here: the main room's phones and projector follow the
# main room's own polls. So "open" never comes in (a room's closing of a poll does).
_STATE_IN = "CASE WHEN r.state = 'open' THEN {here} ELSE r.state END"

# How far along a poll is: a poll two rooms share is as far along as either has taken it.
_STAGE = "CASE {0}.state WHEN 'closed' THEN 2 WHEN 'open' THEN 1 ELSE 0 END"


@dataclass(frozen=True)
class Imported:
    """What one import brought in."""

    room: Room
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    # What the room did that the main file does not take as it is (a shared poll's
    # wording), or takes apart (an option it added or reworded), each a sentence.
    notices: tuple[str, ...] = ()

    @property
    def anything(self) -> bool:
        return any(self.added.values()) or any(self.changed.values()) or any(self.removed.values())

    def sentence(self) -> str:
        """What came in, for the status bar and the log."""
        if not self.anything:
            done = (
                " It has finished; its items are yours to edit again."
                if not self.room.holding
                else ""
            )
            return " ".join((f"Nothing new from {self.room.name}.{done}", *self.notices))
        parts = []
        for label, counts in (
            ("new", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
        ):
            said = [f"{n:,} {_noun(t, n)}" for t, n in counts.items() if n and t not in _QUIET]
            if said:
                parts.append(f"{label}: {', '.join(said)}")
        text = f"From {self.room.name}: {'; '.join(parts)}."
        if not self.room.holding:
            text += " The room has finished; its items are yours to edit again."
        return " ".join((text, *self.notices))


def _noun(table: str, n: int) -> str:
    one, several = NOUNS.get(table, (table.replace("_", " "),) * 2)
    return one if n == 1 else several


Transaction = Callable[[str], AbstractContextManager[object]]


def import_room(
    summit: Summit, path: Path | str, last: bool = False, transaction: Transaction | None = None
) -> Imported:
    """Bring in a room's file (as often as it arrives). `last`: the room has finished, so
    its items are the main file's again. `transaction(text)` opens the one transaction
    (the window passes its undo step); by default `summit.write()`.

    A file from another summit, a damaged file or one from a newer Summit is refused with
    a sentence (SummitFileError), and then neither file is changed.
    """
    path = Path(path)
    plain_room = _plain_room(summit, path)
    try:
        check_file(path)  # damaged, not a summit, newer: refused before anything is written
    except cipher.PassphraseNeededError as error:  # and not with this summit's passphrase
        raise SummitFileError(_other_passphrase(path, summit)) from error
    with tempfile.TemporaryDirectory(prefix="summit-import-") as folder:
        copy = Path(folder) / "room.summit"
        try:
            snapshot(path, copy, leave_no_trace=True)
        except cipher.FILE_ERRORS as error:
            raise SummitFileError(f"{path} could not be read: {error}.") from error
        cipher.remember(copy, cipher.key_for(path))
        try:
            room = _check_room(summit, path, copy)
        finally:
            cipher.forget(copy)
        backup = _backup(summit, room)
        conn = summit.db.conn
        # SQLCipher attaches with the main file's key unless told the room's is plain.
        attach = "ATTACH DATABASE ? AS room" + (" KEY ''" if plain_room else "")
        conn.execute(attach, (str(copy),))
        try:
            begin = transaction or (lambda _text: summit.write())
            with _refused_whole(room), begin(f"Import {room.name}"), merging(summit):
                added, changed, removed, notices = _merge(conn, summit.breakouts.uid(), room)
                came = any(added.values()) or any(changed.values()) or any(removed.values())
                if came or last:
                    summit.execute(
                        "UPDATE breakouts SET imports = imports + 1, imported_at = ?,"
                        " released_at = CASE WHEN ? THEN ? ELSE released_at END WHERE id = ?",
                        (now(), int(last), now(), room.id),
                    )
        finally:
            conn.execute("DETACH DATABASE room")
            for table in [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM temp.sqlite_master WHERE name LIKE 'merge_%'"
                    " AND type = 'table'"
                )
            ]:
                conn.execute(f"DROP TABLE temp.{table}")
    result = Imported(summit.breakouts.room(room.id), added, changed, removed, backup, notices)
    if not result.anything and backup is not None:
        remove_files(backup)  # nothing came in: the copy would be the file as it is
        result = replace(result, backup=None)
    log.info("Imported %s into %s. %s", path, summit.path.name, result.sentence())
    return result


def _plain_room(summit: Summit, path: Path) -> bool:
    """Whether the room's file is plain while this summit is protected. A room's kit has
    the summit's passphrase, so a protected room's file is opened with the summit's key; a
    room protected otherwise is refused with a sentence (SQLite can attach a file only with
    its connection's library, and the copy is attached to the summit's connection)."""
    key = cipher.key_for(summit.path)
    if cipher.key_for(path) is None and key is not None and cipher.opens(path, key):
        cipher.remember(path, key)
    room_key = cipher.key_for(path)
    if room_key is not None and room_key != key:
        raise SummitFileError(_other_passphrase(path, summit))
    return key is not None and room_key is None


def _other_passphrase(path: Path, summit: Summit) -> str:
    return (
        f"{path.name} is protected with another passphrase than this summit's"
        + (" (this summit has none)" if cipher.key_for(summit.path) is None else "")
        + ". Open it in Summit and give it this summit's passphrase (File › Protect with a"
        " passphrase), then import it again. Nothing was imported."
    )


@contextmanager
def _refused_whole(room: Room) -> Iterator[None]:
    """A row the main file cannot take as it is (a unique value another room's rows
    already hold): the whole import is refused with a sentence, and nothing was written."""
    try:
        yield
    except cipher.INTEGRITY_ERRORS as error:
        raise SummitFileError(
            f"{room.name}'s file could not be merged ({error}): it holds something this"
            " file already has from another room. Nothing was imported."
        ) from error


def _check_room(summit: Summit, path: Path, copy: Path) -> Room:
    """The room this file is from, or SummitFileError (the copy is brought up to date)."""
    conn = cipher.connection(copy, cipher.key_for(copy), isolation_level=None)
    try:
        migrate(conn)  # the copy only: a room that ran an older Summit still comes in
        row = conn.execute("SELECT uid, room, main_uid, title FROM summit").fetchone()
    except cipher.DB_ERRORS as error:
        raise SummitFileError(f"{path} is damaged and cannot be imported ({error}).") from error
    finally:
        conn.close()
    if row is None:
        raise SummitFileError(f"{path} is damaged (it holds no summit).")
    uid, name, main_uid, title = row
    if not name:
        raise SummitFileError(
            f"{path} is a summit of its own (“{title}”), not a breakout room's file."
        )
    if main_uid != summit.breakouts.uid():
        raise SummitFileError(
            f"{path} is the file of {name}, a breakout room of another summit. Nothing was"
            " imported."
        )
    room = summit.breakouts.by_uid(uid)
    if room is None:
        raise SummitFileError(
            f"{path} is the file of {name}, which this summit no longer lists as a breakout"
            " room (was writing its kit undone?). Nothing was imported."
        )
    if not room.holding:
        raise SummitFileError(
            f"{room.name} has finished and its last file was imported; its items may have"
            " changed here since, so this copy is not taken. Nothing was imported."
        )
    return room


def _backup(summit: Summit, room: Room) -> Path:
    """A copy of the main file as it was, kept beside it (as before a migration)."""
    target = summit.path.with_name(
        f"{summit.path.name}.before-import-{room.id}-{room.imports + 1}.bak"
    )
    try:
        snapshot(summit.path, target)
    except cipher.FILE_ERRORS as error:
        raise SummitFileError(
            f"A copy of {summit.path.name} could not be kept before the import ({error})."
            " Nothing was imported."
        ) from error
    return target


def _merge(
    conn: sqlite3.Connection, main_uid: str, room: Room
) -> tuple[dict[str, int], dict[str, int], dict[str, int], tuple[str, ...]]:
    tables = merged_tables(conn)
    keys = {"room": room.uid, "main": main_uid, "bid": room.id}
    conn.execute("CREATE TEMP TABLE merge_sole (item_id INTEGER PRIMARY KEY)")
    conn.execute(
        "INSERT INTO temp.merge_sole SELECT item_id FROM main.breakout_items"
        " WHERE breakout_id = :bid AND item_id NOT IN (SELECT item_id"
        " FROM main.breakout_items WHERE breakout_id != :bid)",
        keys,
    )
    for table in tables:
        _map(conn, table.name, keys)
    notices = merge_polls.match_options(conn, keys, room.name)
    removed = {t.name: _remove(conn, t, keys) for t in reversed(tables)}
    added: dict[str, int] = {}
    changed: dict[str, int] = {}
    for table in tables:
        added[table.name] = _insert(conn, table, keys)
        if table.name in PLACED:
            _place(conn, table.name, PLACED[table.name])
        if table.name == "items":  # the room's own items are the room's until it finishes
            conn.execute(
                "INSERT OR IGNORE INTO main.breakout_items (breakout_id, item_id)"
                " SELECT :bid, main_id FROM temp.merge_map_items WHERE m_origin = :room",
                keys,
            )
        changed[table.name] = _update(conn, table, keys)
    changed["polls"] += _shared_polls(conn, keys)
    return added, changed, removed, notices


# Rows ordered by `position` (within the parent column, or the whole day): positions in a
# room's file number only what the room has, so its new rows are placed (`_place`).
PLACED = {"sections": None, "items": "section_id"}


def _place(conn: sqlite3.Connection, table: str, parent: str | None) -> None:
    """The room's new rows of `table` stand where the room put them: right after the row
    before them in the room's file (first, when none is before them)."""
    group = f"r.{parent}" if parent else "NULL"
    fresh = conn.execute(
        f"SELECT m.main_id, {group}, r.position FROM temp.merge_map_{table} m"
        f" JOIN room.{table} r ON r.id = m.room_id WHERE m.fresh ORDER BY r.position, r.id"
    ).fetchall()
    for main_id, within, position in fresh:
        before = conn.execute(
            f"SELECT x.position FROM room.{table} r JOIN temp.merge_map_{table} m"
            f" ON m.room_id = r.id JOIN main.{table} x ON x.id = m.main_id"
            f" WHERE {group} IS :within AND r.position < :position AND x.id != :id"
            " ORDER BY r.position DESC, r.id DESC LIMIT 1",
            {"within": within, "position": position, "id": main_id},
        ).fetchone()
        at = before[0] + 1 if before else 0
        same = f"{parent} = (SELECT {parent} FROM main.{table} WHERE id = :id)" if parent else "1"
        conn.execute(
            f"UPDATE main.{table} SET position = position + 1"
            f" WHERE {same} AND position >= :at AND id != :id",
            {"id": main_id, "at": at},
        )
        conn.execute(f"UPDATE main.{table} SET position = ? WHERE id = ?", (at, main_id))


def _map(conn: sqlite3.Connection, name: str, keys: dict[str, object]) -> None:
    """merge_map_<table>: each room row's id, its identity, and its id here (if any)."""
    conn.execute(
        f"CREATE TEMP TABLE merge_map_{name} (room_id INTEGER PRIMARY KEY, main_id INTEGER,"
        " m_origin TEXT NOT NULL, m_origin_id INTEGER NOT NULL, fresh INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute(
        f"INSERT INTO temp.merge_map_{name} (room_id, m_origin, m_origin_id)"
        f" SELECT id, COALESCE(origin, :room), COALESCE(origin_id, id) FROM room.{name}",
        keys,
    )
    conn.execute(
        f"UPDATE temp.merge_map_{name} SET main_id = CASE WHEN m_origin = :main"
        f" THEN (SELECT id FROM main.{name} WHERE id = m_origin_id AND origin IS NULL)"
        f" ELSE (SELECT id FROM main.{name}"
        "  WHERE origin = m_origin AND origin_id = m_origin_id) END",
        keys,
    )


def _value(table: MergedTable, column: str, updating: bool = False) -> str:
    """The room row r's value of `column` as the main file writes it: references by id are
    translated through the maps (a reference to a row of its own table is set once that
    row is in: `updating`)."""
    if (table.name, column) == ("polls", "state"):
        return _STATE_IN.format(here="x.state" if updating else "'closed'")
    if table.name in PLACED and column == "position" and updating:
        return "x.position"  # the main file's order stands (`_place`)
    parent = table.references.get(column)
    if parent == table.name and not updating:
        return "NULL"
    if parent is not None:
        mapped = f"(SELECT main_id FROM temp.merge_map_{parent} WHERE room_id = r.{column})"
        if parent in NUMBERED and updating:
            # A main room's note from before the kit was at the main room's table, which
            # in the room's file is the room's own table with that number: it stays put.
            return f"CASE WHEN m.m_origin = :main THEN x.{column} ELSE {mapped} END"
        return mapped
    keyed = JSON_KEYS.get((table.name, column))
    if keyed is not None:
        return (
            f"(SELECT json_group_object(CAST(k.main_id AS TEXT), j.value)"
            f" FROM json_each(r.{column}) AS j"
            f" JOIN temp.merge_map_{keyed} AS k ON k.room_id = CAST(j.key AS INTEGER)"
            " WHERE k.main_id IS NOT NULL)"
        )
    return f"r.{column}"


def _writable(conn: sqlite3.Connection, table: MergedTable) -> str:
    """Which main rows x the room may write: its own, and rows of items it alone holds."""
    item = item_of(conn, table.name, "x")
    held = f" OR {item} IN (SELECT item_id FROM temp.merge_sole)" if item else ""
    return f"(x.origin IS :room{held})"


def _insert(conn: sqlite3.Connection, table: MergedTable, keys: dict[str, object]) -> int:
    name, columns = table.name, table.columns
    values = [_value(table, c) for c in columns]
    required = [
        f"{v} IS NOT NULL"
        for c, v in zip(columns, values, strict=True)
        if c in table.references and c in table.not_null
    ]
    where = " AND ".join(["m.main_id IS NULL", "m.m_origin = :room", *required])
    if name in NUMBERED:  # numbered above every id here (see NUMBERED)
        top = conn.execute(
            f"SELECT max(?, COALESCE(max(id), 0)) FROM main.{name}", (NUMBERED[name],)
        )
        columns = ("id", *columns)
        values = [f"{int(top.fetchone()[0])} + row_number() OVER (ORDER BY r.id)", *values]
    count = conn.execute(
        f"INSERT INTO main.{name} ({', '.join(columns)}, origin, origin_id)"
        f" SELECT {', '.join(values)}, m.m_origin, m.m_origin_id FROM room.{name} AS r"
        f" JOIN temp.merge_map_{name} AS m ON m.room_id = r.id WHERE {where}",
        keys,
    ).rowcount
    if count:
        conn.execute(
            f"UPDATE temp.merge_map_{name} SET fresh = 1, main_id = (SELECT id FROM main.{name}"
            " WHERE origin = m_origin AND origin_id = m_origin_id)"
            " WHERE main_id IS NULL AND m_origin = :room",
            keys,
        )
        for column in table.self_references:
            conn.execute(
                f"UPDATE main.{name} AS x SET {column} = {_value(table, column, True)}"
                f" FROM room.{name} AS r JOIN temp.merge_map_{name} AS m ON m.room_id = r.id"
                f" WHERE x.id = m.main_id AND m.fresh",
            )
    return count


def _update(conn: sqlite3.Connection, table: MergedTable, keys: dict[str, object]) -> int:
    name = table.name
    pairs = [(c, _value(table, c, True)) for c in table.columns]
    if not pairs:
        return 0
    differs = " OR ".join(
        f"json(x.{c}) IS NOT json({v})" if (name, c) in JSON_KEYS else f"x.{c} IS NOT {v}"
        for c, v in pairs
    )
    return int(
        conn.execute(
            f"UPDATE main.{name} AS x SET {', '.join(f'{c} = {v}' for c, v in pairs)}"
            f" FROM room.{name} AS r JOIN temp.merge_map_{name} AS m ON m.room_id = r.id"
            f" WHERE x.id = m.main_id AND NOT m.fresh AND {_writable(conn, table)}"
            f" AND ({differs})",
            keys,
        ).rowcount
    )


def _remove(conn: sqlite3.Connection, table: MergedTable, keys: dict[str, object]) -> int:
    """Rows the room removed: main rows it may write that its file no longer has."""
    name = table.name
    return int(
        conn.execute(
            f"DELETE FROM main.{name} AS x WHERE {_writable(conn, table)}"
            f" AND x.id NOT IN (SELECT main_id FROM temp.merge_map_{name}"
            " WHERE main_id IS NOT NULL)",
            keys,
        ).rowcount
    )


def _shared_polls(conn: sqlite3.Connection, keys: dict[str, object]) -> int:
    """A poll several rooms hold is as far along as any of them took it (its definition
    stays as written: no room's edit of it overwrites another's)."""
    return int(
        conn.execute(
            "UPDATE main.polls AS x SET state = r.state,"
            " opened_at = COALESCE(x.opened_at, r.opened_at), closed_at = r.closed_at"
            " FROM room.polls AS r JOIN temp.merge_map_polls AS m ON m.room_id = r.id"
            " WHERE x.id = m.main_id AND x.item_id NOT IN (SELECT item_id FROM temp.merge_sole)"
            " AND x.item_id IN (SELECT item_id FROM main.breakout_items WHERE breakout_id = :bid)"
            f" AND r.state = 'closed' AND {_STAGE.format('r')} > {_STAGE.format('x')}",
            keys,
        ).rowcount
    )

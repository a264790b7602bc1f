"""Which rows travel between a summit and its breakout rooms, read from the schema itself.

A table joins the merge by having the identity columns `origin` and `origin_id` (see
`schema._M016_BREAKOUT_ROOMS`); its references to other rows are its foreign keys, so a
table added later (a deck of slides, a table host's card) is merged with no list to keep,
and a table with neither the columns nor a reason in `NOT_MERGED` fails a test.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# Tables that never travel, and why.
NOT_MERGED: dict[str, str] = {
    "summit": "the summit's own settings: the main file's stay, a room's are its own",
    "writeup": "the programme team's pack options, kept in the main file",
    "logo": "the summit's logo: the room's file carries a copy, nothing comes back",
    "undo_history": "each window's own undo steps",
    "breakouts": "the rooms this file sent out: the main file's bookkeeping",
    "breakout_items": "which items each room holds: the main file's bookkeeping",
    "note_embeddings": "a cache each file builds from its own notes for suggesting themes",
    "ballot_totals": "each file's running totals of its ballots, kept by its own triggers",
    "ballot_group_totals": "each file's running totals of its ballots by group, likewise",
}

# Tables whose own rows' ids are numbers people read (a table's number, 1 to 100): a
# room's rows of them come in with ids above the highest, so none takes a number here.
NUMBERED: dict[str, int] = {"tables": 100}

# References held inside JSON rather than as a column: (table, column) -> the table whose
# ids are the keys of the JSON object (a ballot's choices: option id -> value).
JSON_KEYS: dict[tuple[str, str], str] = {
    ("ballots", "choices"): "options",
    ("table_counts", "counts"): "options",
}

IDENTITY = ("origin", "origin_id")


@dataclass(frozen=True)
class MergedTable:
    """One table that travels: its columns (without id and identity) and its references."""

    name: str
    columns: tuple[str, ...]
    references: dict[str, str]  # column -> the table it refers to
    not_null: frozenset[str]

    @property
    def self_references(self) -> tuple[str, ...]:
        return tuple(c for c, t in self.references.items() if t == self.name)


def tables(conn: sqlite3.Connection, schema: str = "main") -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def merged_tables(conn: sqlite3.Connection, schema: str = "main") -> list[MergedTable]:
    """The tables that travel, parents before children (by their foreign keys)."""
    found: dict[str, MergedTable] = {}
    for name in tables(conn, schema):
        info = conn.execute(f"PRAGMA {schema}.table_info({name})").fetchall()
        names = [row[1] for row in info]
        if name in NOT_MERGED or not set(IDENTITY) <= set(names):
            continue
        # A reference to a table that never travels (a note's table number) is kept as is.
        references = {
            row[3]: row[2]
            for row in conn.execute(f"PRAGMA {schema}.foreign_key_list({name})")
            if row[2] not in NOT_MERGED
        }
        found[name] = MergedTable(
            name,
            tuple(n for n in names if n not in ("id", *IDENTITY)),
            references,
            frozenset(row[1] for row in info if row[3]),
        )
    ordered: list[MergedTable] = []
    placed: set[str] = set()
    while len(ordered) < len(found):
        ready = [
            t
            for n, t in found.items()
            if n not in placed and all(p in placed or p == n or p not in found for p in _needs(t))
        ]
        if not ready:  # a cycle between tables: cannot happen with this schema
            raise RuntimeError(f"tables refer to each other in a circle: {set(found) - placed}")
        for table in ready:
            ordered.append(table)
            placed.add(table.name)
    return ordered


def _needs(table: MergedTable) -> list[str]:
    """The tables whose rows `table`'s rows refer to, by column or inside JSON."""
    held = [target for (name, _c), target in JSON_KEYS.items() if name == table.name]
    return [*table.references.values(), *held]


def uncovered(conn: sqlite3.Connection) -> list[str]:
    """Tables that neither travel nor say why not: each is a gap in the merge."""
    merged = {t.name for t in merged_tables(conn)}
    return [t for t in tables(conn) if t not in merged and t not in NOT_MERGED]


def item_of(
    conn: sqlite3.Connection, table: str, row: str, schema: str = "main", depth: int = 0
) -> str | None:
    """An SQL expression for the agenda item that `row` (NEW, OLD or an alias) of `table`
    belongs to, following its required references up to `items`; None for a table that
    belongs to no item (sections, participants, actions)."""
    if table == "items":
        return f"{row}.id"
    for ref in conn.execute(f"PRAGMA {schema}.foreign_key_list({table})"):
        parent, column = ref[2], ref[3]
        required = any(
            c[1] == column and c[3] for c in conn.execute(f"PRAGMA {schema}.table_info({table})")
        )
        if not required or parent == table:
            continue
        alias = f"up{depth}"
        above = item_of(conn, parent, alias, schema, depth + 1)
        if above is None:
            continue
        if parent == "items":
            return f"{row}.{column}"
        return (
            f"(SELECT {above} FROM {schema}.{parent} AS {alias} WHERE {alias}.id = {row}.{column})"
        )
    return None

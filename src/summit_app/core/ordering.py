"""Keeping `position` columns dense (0, 1, 2...) within a parent, for ordered lists."""

from __future__ import annotations

from typing import Any

from summit_app.core.db import Db
from summit_app.core.errors import NotFoundError

# Table -> the column that groups its rows into one ordered list ('' for a single list).
PARENTS = {
    "sections": "",
    "items": "section_id",
    "speakers": "item_id",
    "prompts": "item_id",
    "themes": "prompt_id",
    "polls": "item_id",
    "options": "poll_id",
    "actions": "",
    "notes": "prompt_id",
}


def _scope(table: str, parent_id: int | None) -> tuple[str, tuple[Any, ...]]:
    column = PARENTS[table]
    return (f"WHERE {column} = ?", (parent_id,)) if column else ("", ())


def next_position(db: Db, table: str, parent_id: int | None = None) -> int:
    where, params = _scope(table, parent_id)
    row = db.execute(f"SELECT COALESCE(MAX(position) + 1, 0) FROM {table} {where}", params)
    return int(row.fetchone()[0])


def ordered_ids(db: Db, table: str, parent_id: int | None) -> list[int]:
    where, params = _scope(table, parent_id)
    rows = db.execute(f"SELECT id FROM {table} {where} ORDER BY position, id", params)
    return [row[0] for row in rows]


def parent_of(db: Db, table: str, row_id: int) -> int | None:
    column = PARENTS[table] or "NULL"
    row = db.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no {table[:-1]} {row_id}.")
    parent: int | None = row[0]
    return parent


def move(db: Db, table: str, row_id: int, position: int, parent_id: int | None = None) -> None:
    """Put a row at `position` in its list (or in `parent_id`'s list), renumbering the rest.

    Runs inside the caller's transaction.
    """
    column = PARENTS[table]
    old_parent = parent_of(db, table, row_id)
    new_parent = old_parent if parent_id is None or not column else parent_id
    if column and new_parent != old_parent:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (new_parent, row_id))
        _renumber(db, table, [i for i in ordered_ids(db, table, old_parent) if i != row_id])
    siblings = [i for i in ordered_ids(db, table, new_parent) if i != row_id]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, row_id)
    _renumber(db, table, siblings)


def renumber(db: Db, table: str, parent_id: int | None) -> None:
    _renumber(db, table, ordered_ids(db, table, parent_id))


def _renumber(db: Db, table: str, ids: list[int]) -> None:
    db.db.conn.executemany(
        f"UPDATE {table} SET position = ? WHERE id = ?", [(pos, i) for pos, i in enumerate(ids)]
    )

"""Whether the app can decode every row of a file: the part of a damaged file's check that
SQLite's own `quick_check` leaves out.

`quick_check` proves the file's structure, but it passes damage that is structurally valid:
text that is not UTF-8, a number stored as text, JSON that does not parse or has the wrong
shape, a value the app's enums do not know (a read-only connection skips CHECK
constraints). Measured on 115 damaged copies of the demo before this check: 31 gave a
traceback on `summit-app export` (one flipped bit: "'participaNt' is not a valid Author"),
and such a file was served and then every join got a 500. So every row is read here the way
the app decodes it, and a file that fails is refused like any damaged one.
"""

from __future__ import annotations

import json
import sqlite3
from enum import StrEnum
from functools import lru_cache
from typing import Any

from summit_app.core.cipher import OPERATIONAL_ERRORS
from summit_app.core.model import (
    Author,
    CountMethod,
    ItemKind,
    PollKind,
    PollState,
    PromptKind,
    QuestionState,
)

ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("items", "kind"): ItemKind,
    ("polls", "kind"): PollKind,
    ("polls", "state"): PollState,
    ("notes", "author"): Author,
    ("questions", "author"): Author,
    ("questions", "state"): QuestionState,
    ("words", "author"): Author,
    ("prompts", "kind"): PromptKind,
    ("hand_counts", "method"): CountMethod,
}
JSON_LISTS = {
    ("summit", "objectives"),
    ("summit", "groups"),
    ("summit", "blocked_words"),
    ("summit", "allowed_words"),
    ("speakers", "key_points"),
    ("writeup", "closing_order"),
}
JSON_CHOICES = ("ballots", "choices")  # {"option id": number}
JSON_COUNTS = ("table_counts", "counts")  # a table's count: the same shape as a ballot
# The storage classes a value of each declared type may have (NULL aside).
STORED_AS = {"INTEGER": ("integer",), "TEXT": ("text",), "REAL": ("real", "integer")}


def undecodable(conn: sqlite3.Connection, version: int) -> str | None:
    """What in the file the app could not decode (a few words), or None when it all reads.

    `version` is the file's format: its tables must have the columns that format has (a
    flipped bit in the schema's text can rename one and still parse)."""
    expected = _columns_at(version)
    for table, made in expected.items():
        found = tuple(_shape(conn, table))
        if found != made:
            return f"the {table} table is not as Summit made it"
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        names = {c[1] for c in columns}
        try:
            conn.execute(f'SELECT * FROM "{table}"').fetchall()  # text that is not UTF-8
        except OPERATIONAL_ERRORS as error:
            if "decode" not in str(error):
                raise
            return f"text in the {table} table that is not UTF-8"
        wrong = {c[1]: _wrong_kind(c[1], c[2], c[3]) for c in columns}
        wrong = {name: where for name, where in wrong.items() if where}
        if wrong:  # one pass over the table; more only to name the column
            if _any(conn, table, " OR ".join(wrong.values())):
                name = next(name for name, where in wrong.items() if _any(conn, table, where))
                return f"a value of the wrong kind in {table}.{name}"
        for (on, column), enum in ENUMS.items():
            if on == table and column in names:
                known = {e.value for e in enum}
                for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
                    if value is not None and value not in known:
                        return f"an unknown value in {table}.{column}"
        for on, column in (*JSON_LISTS, JSON_CHOICES, JSON_COUNTS):
            if on == table and column in names:
                choices = (on, column) in (JSON_CHOICES, JSON_COUNTS)
                if not _all_decode(conn, table, column, choices):
                    return f"unreadable data in {table}.{column}"
    return None


def _any(conn: sqlite3.Connection, table: str, where: str) -> bool:
    return conn.execute(f'SELECT 1 FROM "{table}" WHERE {where} LIMIT 1').fetchone() is not None


def _wrong_kind(name: str, declared: str, notnull: int) -> str:
    """SQL true for a value of the wrong storage class (or NULL where none may be)."""
    allowed = STORED_AS.get(declared.upper())
    wrong = []
    if allowed is not None:
        kinds = ", ".join(f"'{k}'" for k in (*allowed, "null"))
        wrong.append(f'typeof("{name}") NOT IN ({kinds})')
    if notnull:
        wrong.append(f'"{name}" IS NULL')
    return " OR ".join(f"({w})" for w in wrong)


def _all_decode(conn: sqlite3.Connection, table: str, column: str, choices: bool) -> bool:
    """Whether every value of the column is the JSON the app reads there: checked by
    SQLite's own JSON functions (a file with 4,000 ballots: 0.15 s in Python), or in
    Python where this SQLite has none."""
    shape, item = (
        ("object", "e.type IN ('integer', 'real') AND e.key GLOB '[0-9-]*'")
        if (choices)
        else ("array", "e.type = 'text'")
    )
    try:
        bad = (
            conn.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}" IS NULL OR NOT json_valid("{column}")'
                f' OR json_type("{column}") != ? LIMIT 1',
                (shape,),
            ).fetchone()
            or conn.execute(
                f'SELECT 1 FROM "{table}", json_each("{table}"."{column}") AS e'
                f" WHERE NOT ({item}) OR (? AND e.key GLOB '*[^0-9-]*') LIMIT 1",
                (choices,),
            ).fetchone()
        )
    except OPERATIONAL_ERRORS as error:
        if "no such function" not in str(error):
            raise
        values = conn.execute(f'SELECT "{column}" FROM "{table}"')
        return all(_decodes(text, choices) for (text,) in values)
    return bad is None


@lru_cache(maxsize=4)
def _columns_at(version: int) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """Each table's columns in a file of this format, as the migrations make them."""
    from summit_app.core.schema import migrate

    made = sqlite3.connect(":memory:")
    try:
        migrate(made, version)
        names = made.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {name: tuple(_shape(made, name)) for (name,) in names}
    finally:
        made.close()


def _shape(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    """Name, declared type, NOT NULL and primary key of each column (in order)."""
    rows = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [(name, kind.upper(), notnull, pk) for _, name, kind, notnull, _, pk in rows]


def _decodes(text: str | None, choices: bool) -> bool:
    try:
        value = json.loads(text) if text is not None else None
    except (TypeError, ValueError):
        return False
    if choices:
        if not isinstance(value, dict):
            return False
        for key, number in value.items():
            if not key.lstrip("-").isdigit() or type(number) not in (int, float):
                return False
        return True
    return isinstance(value, list) and all(isinstance(v, str) for v in value)

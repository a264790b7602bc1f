"""Damaged copies of the demo summit: what a bad disk, a bad copy or a bad tool leaves.

Bit flips across the file, truncations, edits of SQLite's header, and rows the app cannot
decode (text that is not UTF-8, JSON that does not parse or has the wrong shape, enum
values the app does not know, a negative file format). Built with SQLite itself or by
editing bytes; every copy is a new file, the demo is only read.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

from summit_app.core.templates import create_from_template

BIT_FLIPS = 48
JSON_COLUMNS = [
    ("summit", "objectives"),
    ("summit", "groups"),
    ("summit", "blocked_words"),
    ("summit", "allowed_words"),
    ("speakers", "key_points"),
    ("ballots", "choices"),
    ("writeup", "closing_order"),
]
ENUM_COLUMNS = [
    ("items", "kind"),
    ("polls", "kind"),
    ("polls", "state"),
    ("notes", "author"),
    ("questions", "author"),
    ("questions", "state"),
    ("words", "author"),
    ("prompts", "kind"),
]
TEXT_COLUMNS = [
    ("summit", "title"),
    ("summit", "join_code"),
    ("sections", "title"),
    ("items", "title"),
    ("speakers", "name"),
    ("prompts", "text"),
    ("options", "text"),
    ("notes", "text"),
    ("questions", "text"),
    ("words", "word"),
    ("participants", "group_name"),
    ("themes", "name"),
]


def demo(folder: Path) -> Path:
    path = folder / "demo.summit"
    create_from_template(path, "demo").close()
    return path


def damaged_copies(source: Path, folder: Path) -> list[Path]:
    """At least 100 damaged copies of `source` in `folder`, each named for its damage."""
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    made: list[Path] = []

    def bytes_copy(name: str, content: bytes) -> None:
        path = folder / f"{name}.summit"
        path.write_bytes(content)
        made.append(path)

    rng = random.Random(20)
    size = len(data)
    for n in range(BIT_FLIPS):  # one flipped bit in each stretch of the file
        at = n * size // BIT_FLIPS + rng.randrange(size // BIT_FLIPS)
        flipped = bytearray(data)
        flipped[at] ^= 1 << rng.randrange(8)
        bytes_copy(f"flip-{at}", bytes(flipped))
    for cut in (0, 1, 50, 99, 100, 512, 4096, size // 4, size // 2, size - 4096, size - 1):
        bytes_copy(f"cut-{cut}", data[:cut])
    header_edits: dict[str, tuple[int, bytes]] = {
        "magic": (0, b"SQLite format 2\0"),
        "page-size-0": (16, struct.pack(">H", 0)),
        "page-size-3": (16, struct.pack(">H", 3)),
        "page-size-512": (16, struct.pack(">H", 512)),
        "write-version": (18, b"\x07"),
        "read-version": (19, b"\x07"),
        "reserved": (20, b"\xff"),
        "payload": (21, b"\x20"),
        "pages-huge": (28, struct.pack(">I", 0x7FFFFFFF)),
        "freelist": (32, struct.pack(">I", 0x7FFFFFF0)),
        "schema-cookie": (40, struct.pack(">I", 0xDEAD)),
        "schema-format": (44, struct.pack(">I", 9)),
        "encoding-utf16": (56, struct.pack(">I", 2)),
        "encoding-bad": (56, struct.pack(">I", 7)),
        "user-version-negative": (60, struct.pack(">i", -16777207)),
        "user-version-zero": (60, struct.pack(">i", 0)),
        "vacuum": (64, struct.pack(">I", 5)),
    }
    for name, (at, value) in header_edits.items():
        edited = bytearray(data)
        edited[at : at + len(value)] = value
        bytes_copy(f"header-{name}", bytes(edited))

    def sql_copy(name: str, change: Callable[[sqlite3.Connection], None]) -> None:
        path = folder / f"{name}.summit"
        shutil.copyfile(source, path)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA ignore_check_constraints = ON")
            conn.execute("PRAGMA foreign_keys = OFF")
            # The damage is what a bad disk or tool leaves, not a write the file's own
            # triggers see (the ballots' running totals would refuse bad JSON): they are
            # set aside while the value is written and put back as they were.
            triggers = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).fetchall()
            for name, _ in triggers:
                conn.execute(f"DROP TRIGGER {name}")
            change(conn)
            for _, sql in triggers:
                conn.execute(sql)
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        made.append(path)

    def set_all(table: str, column: str, sql_value: str) -> Callable[[sqlite3.Connection], None]:
        """Damage the last row of the table (the demo has rows in every table named)."""
        last = f"(SELECT MAX(rowid) FROM {table})"
        return lambda c: c.execute(
            f"UPDATE {table} SET {column} = {sql_value} WHERE rowid = {last}"
        )

    for table, column in TEXT_COLUMNS:
        sql_copy(f"text-{table}-{column}", set_all(table, column, "CAST(x'c328ff41' AS TEXT)"))
    for table, column in JSON_COLUMNS:
        sql_copy(f"json-{table}-{column}", set_all(table, column, "'[\"unclosed'"))
        sql_copy(f"json-shape-{table}-{column}", set_all(table, column, "'{\"a\": [1]}'"))
    for table, column in ENUM_COLUMNS:
        sql_copy(f"enum-{table}-{column}", set_all(table, column, "'participaNt'"))
    sql_copy("number-as-text", set_all("items", "planned_minutes", "'ten'"))
    sql_copy("id-as-text", set_all("options", "poll_id", "'x'"))
    sql_copy("blob-title", set_all("summit", "title", "x'00ff'"))
    sql_copy("null-choices", set_all("ballots", "choices", "'null'"))
    sql_copy("user-version-minus-one", lambda c: c.execute("PRAGMA user_version = -1"))
    return made

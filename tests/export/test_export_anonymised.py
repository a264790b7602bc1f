"""Close and anonymise, on the demo summit (40 phones' votes, notes, questions, upvotes and
cloud words) with voting cards: no pass, card code, linking participant number or second is
left in the file, and every figure of the pack and the CSV files is what it was, compared
number by number."""

from __future__ import annotations

import csv
import re
import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

from export_pdfutil import pdf_text

from summit_app.core import Summit
from summit_app.core.anonymise import LINKED, PASS_PREFIX, TIMES
from summit_app.core.templates import create_from_template
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import write_pack

NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
# Columns that are not figures and are changed on purpose (the CSV's participant number is
# left out once anonymised; times are cut to the minute): compared apart.
TIME_COLUMNS = {"created_at", "cast_at", "answered_at", "time"}


def exported(summit: Summit, folder: Path) -> tuple[str, dict[str, list[dict[str, str]]]]:
    text = pdf_text(write_pack(summit, folder / "pack.pdf"))
    tables = {}
    for path in write_csv(summit, folder / "data"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            tables[path.name] = list(csv.DictReader(handle))
    return text, tables


def minute(value: str) -> str:
    return value[:16] if value else value


def test_anonymising_removes_every_link_to_a_phone_and_keeps_every_figure(tmp_path: Path):
    path = tmp_path / "demo.summit"
    summit = create_from_template(path, "demo")
    cards = summit.cards.issue(3, group="Nursing")
    _, card_phone = summit.cards.claim(cards[0].pass_)
    passes = [p.token for p in summit.people.participants()] + [c.pass_ for c in cards]
    links_before = {
        table: summit.execute(f"SELECT id, participant_id FROM {table}").fetchall()
        for table, _ in LINKED
    }
    pack_before, csv_before = exported(summit, tmp_path / "before")
    held = summit.held()
    assert held.participants == 41 and held.ballots and held.questions and held.words

    done = summit.anonymise()
    assert done.passes == 41 and done.cards == 3 and done.times > 0
    pack_after, csv_after = exported(summit, tmp_path / "after")
    assert summit.info().anonymised_at
    summit.close()

    # Every figure of the pack, in order, is what it was.
    figures_before, figures_after = NUMBER.findall(pack_before), NUMBER.findall(pack_after)
    assert len(figures_before) > 300
    assert figures_after == figures_before
    # Every CSV row and value, but for the participant number (left out) and times (cut).
    assert csv_after.keys() == csv_before.keys()
    for name, rows in csv_before.items():
        assert len(csv_after[name]) == len(rows), name
        for old, new in zip(rows, csv_after[name], strict=True):
            for column, value in old.items():
                if column == "participant":
                    assert value and new[column] == ""
                elif column in TIME_COLUMNS:
                    assert minute(new[column]) == minute(value)
                    assert not value or datetime.fromisoformat(new[column]).second == 0
                else:
                    assert new[column] == value, (name, column)

    # What is left in the file, read with plain sqlite3.
    raw = sqlite3.connect(path)
    tokens = [row[0] for row in raw.execute("SELECT token FROM participants")]
    assert all(t.startswith(PASS_PREFIX) for t in tokens) and len(tokens) == 41
    assert all(p.startswith(PASS_PREFIX) for (p,) in raw.execute("SELECT pass FROM cards"))
    assert raw.execute(
        "SELECT COUNT(*) FROM cards WHERE participant_id IS NOT NULL"
    ).fetchone() == (0,)
    for table, columns in TIMES.items():
        for column in columns:
            for (value,) in raw.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
                assert datetime.fromisoformat(value).second == 0, (table, column, value)
    # The participant numbers were drawn afresh among each group's: a row keeps its number
    # only by chance, 1 in the group's size. Kept as they were, all would stay.
    group_size = Counter(g for (g,) in raw.execute("SELECT group_name FROM participants"))
    group_of = dict(raw.execute("SELECT id, group_name FROM participants").fetchall())
    kept = rows = 0
    expected = 0.0
    for table, _ in LINKED:
        after = dict(raw.execute(f"SELECT id, participant_id FROM {table}").fetchall())
        for row_id, participant in links_before[table]:
            if participant is not None:
                rows += 1
                kept += after[row_id] == participant
                expected += 1 / group_size[group_of[participant]]
    assert rows > 100
    assert kept <= expected + 5 * expected**0.5 + 3 < rows / 2, (kept, expected, rows)
    assert raw.execute("SELECT COUNT(*) FROM undo_history").fetchone() == (0,)
    raw.close()
    # Not left behind in free pages or the write-ahead log either.
    stored = path.read_bytes() + (
        Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b""
    )
    assert not [p for p in passes if p.encode() in stored]
    assert card_phone.token.encode() not in stored

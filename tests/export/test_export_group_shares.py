"""Inside a group big enough to show, no share lets a reader count fewer votes than the
smallest-group setting: a group of seven's 14% is one person. Such shares print as "*" in
every edition, and so does another wherever one alone could be worked out from the rest
of its group's column or of its option's row."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

from export_editions import edition_texts

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.build_groups import HIDDEN, hidden_shares
from summit_app.export.cli import write_all
from summit_app.export.model import Table
from summit_app.export.pack import build_pack

# Who chose what: (group, option index) for each person.
ROOM = (
    [("Nursing", 0)] * 6
    + [("Nursing", 1)]  # the one nurse who chose "Access": 1 of 7, 14%
    + [("Mental health", 0)]  # the one who chose "Triage": 1 of 6, 17%
    + [("Mental health", 1)] * 5
    + [("Social care", 0)] * 5
    + [("Social care", 2)] * 5
)
OPTIONS = ["Triage", "Access", "Workforce"]


def _summit(path: Path, threshold: int = 5) -> Summit:
    summit = Summit.create(path, SummitInfo(title="Group shares"))
    options = summit.writeup.pack_options()
    summit.writeup.set_pack_options(dataclasses.replace(options, anonymity_threshold=threshold))
    item = summit.agenda.add_item(summit.agenda.add_section("Votes").id, "Vote", "vote")
    poll = summit.polls.add_poll(item.id, "What first?", "single", OPTIONS)
    summit.polls.open_poll(poll.id)
    for group, choice in ROOM:
        person = summit.people.join(group)
        summit.polls.cast_ballot(poll.id, person.id, {poll.options[choice].id: 1})
    return summit


def _group_table(summit: Summit) -> Table:
    pack = build_pack(summit)
    tables = [
        b
        for part in pack.parts
        for b in part.blocks
        if isinstance(b, Table) and "each group" in b.caption
    ]
    assert len(tables) == 1
    return tables[0]


def _countable(table: Table, threshold: int) -> list[tuple[str, str, int]]:
    """(group, option, people) for every printed share that counts 1 to threshold - 1."""
    found = []
    for c, column in enumerate(table.columns[1:], start=1):
        name, voters = re.fullmatch(r"(.+) \((\d+)\)", column.title).groups()  # type: ignore[union-attr]
        for row in table.rows:
            if row[c] == HIDDEN:
                continue
            people = round(int(str(row[c]).rstrip("%")) * int(voters) / 100)
            if 0 < people < threshold:
                found.append((name, str(row[0]), people))
    return found


def test_a_share_that_counts_fewer_people_than_the_setting_is_not_printed(tmp_path: Path) -> None:
    with _summit(tmp_path / "s.summit") as summit:
        table = _group_table(summit)
        paths = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
        write_all(summit, paths)
    by_option = {str(row[0]): row[1:] for row in table.rows}
    titles = [c.title for c in table.columns[1:]]
    assert titles == ["Nursing (7)", "Social care (10)", "Mental health (6)"]  # the summit's order
    # Nursing's lone "Access" and Mental health's lone "Triage" are hidden; so are the
    # shares that would give them away (Nursing's 86% Triage, Mental health's 83% Access).
    assert by_option["Triage"] == (HIDDEN, "50%", HIDDEN)  # five of ten: shown
    assert by_option["Access"] == (HIDDEN, "0%", HIDDEN)
    assert by_option["Workforce"] == ("0%", "50%", "0%")
    assert _countable(table, 5) == []
    explained = "fewer than 5 people in the group chose that option"
    for edition, text in edition_texts(paths["pdf"], paths["html"], paths["docx"]).items():
        assert explained in text, edition
        assert "14%" not in text and "86%" not in text, edition
        assert "17%" not in text and "83%" not in text, edition


def test_raising_the_setting_hides_more_shares(tmp_path: Path) -> None:
    with _summit(tmp_path / "s.summit", threshold=6) as summit:
        table = _group_table(summit)
    assert _countable(table, 6) == []
    # Social care's five and five are now too few to print: hidden, with the zero beside.
    social = {str(row[0]): row[2] for row in table.rows}
    assert table.columns[2].title == "Social care (10)"
    assert social == {"Triage": HIDDEN, "Access": "0%", "Workforce": HIDDEN}


def test_no_hidden_share_is_left_alone_in_its_column_or_row() -> None:
    """Every pattern of small counts for three groups and three options."""
    for counts in itertools.product([0, 1, 5], repeat=9):
        chose = {g: {o: counts[g * 3 + o] for o in range(3)} for g in range(3)}
        hidden = hidden_shares(chose, 5)
        for g, people in chose.items():
            assert {o for o, n in people.items() if 0 < n < 5} <= hidden[g]
            assert len(hidden[g]) != 1, (chose, hidden)
        for o in range(3):
            assert len([g for g in chose if o in hidden[g]]) != 1, (chose, hidden)

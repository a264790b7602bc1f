"""A group's mean level, its ranking places and its points let no reader count fewer of
its people than the smallest-group setting, in any edition: a group of five averaging 1.2
is four answers of 1 and one of 2, so that mean prints as "*", and so does another mean of
the same statement (the room's mean and the other groups' would give it away)."""

from __future__ import annotations

import csv
import dataclasses
import itertools
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

from export_editions import edition_texts

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.core.presenting import one_decimal
from summit_app.export.anonymity import mean_tells_a_count
from summit_app.export.build_groups import HIDDEN
from summit_app.export.cli import write_all
from summit_app.export.csv_export import write_csv
from summit_app.export.model import Table
from summit_app.export.pack import build_pack

EXPLAINED = "or because a mean would tell how many of them gave an answer"

# Each person's group and answers to the two statements (levels 1 to 5; None: skipped).
PEOPLE = (
    # Nursing, five: "Staffing" averages 1.2, which only four 1s and one 2 make.
    [("Nursing", 1, 3), ("Nursing", 1, 4), ("Nursing", 1, 2), ("Nursing", 1, 5)]
    + [("Nursing", 2, 3)]
    # Social care, eight: means that many mixes make.
    + [("Social care", level, 6 - level) for level in (2, 3, 3, 4, 4, 5, 2, 3)]
    # Mental health, six, one of whom skipped "Estates": five answers there.
    + [
        ("Mental health", level, None if i == 0 else level)
        for i, level in enumerate((3, 4, 2, 4, 3, 2))
    ]
)
STATEMENTS = ["Staffing", "Estates"]


def _summit(path: Path, threshold: int = 5) -> Summit:
    summit = Summit.create(path, SummitInfo(title="Group means"))
    options = summit.writeup.pack_options()
    summit.writeup.set_pack_options(dataclasses.replace(options, anonymity_threshold=threshold))
    section = summit.agenda.add_section("Votes").id
    scale = summit.polls.add_poll(
        summit.agenda.add_item(section, "Statements", "vote").id,
        "How are we doing?",
        "scale",
        STATEMENTS,
    )
    rank = summit.polls.add_poll(
        summit.agenda.add_item(section, "Ranking", "ranking").id,
        "What first?",
        "rank",
        ["A", "B", "C"],
    )
    points = summit.polls.add_poll(
        summit.agenda.add_item(section, "Points", "vote").id,
        "Where should the money go?",
        "points",
        ["Wards", "Community", "Research"],
        points=10,
    )
    for poll in (scale, rank, points):
        summit.polls.open_poll(poll.id)
        for i, (group, first, second) in enumerate(PEOPLE):
            person = summit.people.join(group)
            if poll is scale:
                answers = {scale.options[0].id: first}
                if second is not None:
                    answers[scale.options[1].id] = second
            elif poll is rank:
                order = [0, 1, 2] if i % 3 else [2, 0, 1]
                answers = {rank.options[o].id: place for place, o in enumerate(order, start=1)}
            else:
                # One nurse alone puts points on "Research": 1 of 5 people.
                research = 4 if (group == "Nursing" and i == 0) else 0
                answers = {points.options[0].id: 6 - research, points.options[1].id: 4}
                if research:
                    answers[points.options[2].id] = research
            summit.polls.cast_ballot(poll.id, person.id, answers)
        summit.polls.close_poll(poll.id)
    return summit


def _group_tables(summit: Summit) -> dict[str, Table]:
    pack = build_pack(summit)
    return {
        b.caption.split(":")[0]: b
        for part in pack.parts
        for b in part.blocks
        if isinstance(b, Table) and "each group" in b.caption
    }


def _cells(table: Table) -> dict[tuple[str, str], str]:
    return {
        (str(row[0]), column.title): str(row[c])
        for row in table.rows
        for c, column in enumerate(table.columns[1:], start=1)
    }


def test_a_mean_that_tells_how_many_gave_an_answer_is_hidden_with_another(tmp_path: Path) -> None:
    with _summit(tmp_path / "s.summit") as summit:
        tables = _group_tables(summit)
        paths = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
        write_all(summit, paths)
    means = _cells(tables["How are we doing?"])
    # Nursing's 1.2 is hidden, and Mental health's 3.0 beside it (fewest answers), since
    # the room's mean of the statement and Social care's would give Nursing's away.
    assert means[("Staffing", "Nursing (5)")] == HIDDEN
    assert means[("Staffing", "Mental health (6)")] == HIDDEN
    assert means[("Staffing", "Social care (8)")] == "3.3"
    # Estates: Nursing's 3.4 and Social care's 2.8 tell no count; Mental health's five
    # answers (one skipped) reach the setting of 5 and average 3.0, which many mixes make.
    assert means[("Estates", "Nursing (5)")] == "3.4"
    assert means[("Estates", "Social care (8)")] == "2.8"
    assert means[("Estates", "Mental health (6)")] == "3.0"
    # Places are an order, never a count: printed for every group.
    places = _cells(tables["What first?"])
    assert HIDDEN not in places.values()
    # One nurse alone gave points to Research: hidden, and another share of that column and
    # of that row with it.
    money = _cells(tables["Where should the money go?"])
    assert money[("Research", "Nursing (5)")] == HIDDEN
    assert list(money.values()).count(HIDDEN) >= 3
    for edition, text in edition_texts(paths["pdf"], paths["html"], paths["docx"]).items():
        assert EXPLAINED in text, edition
        assert "A place is an order, not a count" in text, edition
        assert "1.2" not in text, edition


def test_raising_the_setting_hides_means_from_fewer_answers_and_folds_smaller_groups(
    tmp_path: Path,
) -> None:
    with _summit(tmp_path / "s.summit", threshold=6) as summit:
        tables = _group_tables(summit)
        paths = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
        write_all(summit, paths)
        write_csv(summit, tmp_path / "data")
    means = _cells(tables["How are we doing?"])
    # Nursing's five are too few for a group of its own: folded with Mental health's six
    # (the next smallest) into "Other groups", in every poll's table.
    for table in tables.values():
        titles = [c.title for c in table.columns[1:]]
        assert titles == ["Social care (8)", "Other groups (11)"], table.caption
    assert means[("Estates", "Other groups (11)")] == "3.2"  # ten answers: printed
    assert means[("Staffing", "Social care (8)")] == "3.3"
    for edition, text in edition_texts(paths["pdf"], paths["html"], paths["docx"]).items():
        assert "Nursing (5)" not in text and "Mental health (6)" not in text, edition
        assert "fewer than 6 people in the group" in text, edition
    # The CSV for people (results.csv) has no group figure; ballots.csv, internal, names
    # no group smaller than the setting.
    with (tmp_path / "data" / "results.csv").open(encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle))
    assert not [name for name in header if "group" in name]
    with (tmp_path / "data" / "ballots.csv").open(encoding="utf-8-sig") as handle:
        groups = {row["group"] for row in csv.DictReader(handle)}
    assert groups == {"Social care", "Other groups"}


def test_a_mean_tells_a_count_exactly_when_every_mix_that_prints_it_agrees() -> None:
    """Against every mix of answers of up to 12 people, worked out by hand."""
    for people in range(1, 13):
        mixes = [m for m in itertools.product(range(people + 1), repeat=5) if sum(m) == people]
        printed: dict[str, list[tuple[int, ...]]] = defaultdict(list)
        for mix in mixes:
            total = sum(level * c for level, c in enumerate(mix, start=1))
            printed[one_decimal(Fraction(total, people))].append(mix)
        for same in printed.values():
            for threshold in (2, 5, 6):
                tells = any(
                    len({mix[level] for mix in same}) == 1 and 0 < same[0][level] < threshold
                    for level in range(5)
                )
                for mix in same:
                    assert mean_tells_a_count(mix, threshold) == tells, (mix, threshold)


def test_a_groups_places_never_tell_how_many_put_an_option_anywhere() -> None:
    """Every room of five or six people ranking three options: whatever a group's order,
    no count of people putting an option in a place is the same in every room with it."""
    orders = list(itertools.permutations(range(3)))
    for people in (5, 6):
        rooms: dict[tuple[int, ...], list[dict[tuple[int, int], int]]] = defaultdict(list)
        for room in itertools.combinations_with_replacement(orders, people):
            points = [0, 0, 0]
            at: dict[tuple[int, int], int] = defaultdict(int)
            for order in room:
                for place, option in enumerate(order):
                    points[option] += 2 - place
                    at[(option, place)] += 1
            rooms[tuple(sorted(range(3), key=lambda o: (-points[o], o)))].append(at)
        for same in rooms.values():
            for key in itertools.product(range(3), range(3)):
                counts = {at[key] for at in same}
                assert not (len(counts) == 1 and 0 < min(counts) < 5), key

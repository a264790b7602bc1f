"""One presenter: the figures and words a poll's results are shown with, on every surface."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summit_app.core import Summit
from summit_app.core.model import Item, PollKind
from summit_app.core.presenting import (
    one_decimal,
    people,
    percent,
    plural,
    present,
    rounding_note,
    shares,
)
from summit_app.core.templates import create_from_template

SEED_PERCENTAGES = [15, 15, 13, 11, 11, 9, 9, 9, 8]


def vote(summit: Summit, item: Item, kind: PollKind, options: list[str], ballots, **rules):
    """A poll of `kind`, voted by one phone per ballot ({option position: value})."""
    poll = summit.polls.add_poll(item.id, f"A {kind} question", kind, options, **rules)
    summit.polls.open_poll(poll.id)
    for choices in ballots:
        person = summit.people.join()
        summit.polls.cast_ballot(
            poll.id, person.id, {poll.options[i].id: v for i, v in choices.items()}
        )
    return poll


def test_the_demo_vote_reads_15_15_13_11_11_9_9_9_and_8_per_cent(tmp_path: Path) -> None:
    with create_from_template(tmp_path / "demo.summit", "demo") as demo:
        poll = next(p for p in demo.polls.polls() if p.kind is PollKind.MULTI)
        shown = present(demo.polls.result(poll.id))
    assert [r.share for r in shown.rows] == SEED_PERCENTAGES
    assert [r.figure for r in shown.rows] == [f"{p}%" for p in SEED_PERCENTAGES]
    assert shown.rows[0].detail == "15 votes"
    assert [r.place for r in shown.rows] == list(range(1, 10))
    assert shown.voters_text == "34 people voted"
    assert shown.sentence == (
        "Each person could pick up to 3 options; percentages are shares of all 100 votes,"
        " cast by 34 people."
    )


def test_the_demo_ranking_shows_borda_points_first_places_and_mean_place(tmp_path: Path) -> None:
    with create_from_template(tmp_path / "demo.summit", "demo") as demo:
        poll = next(p for p in demo.polls.polls() if p.kind is PollKind.RANK)
        shown = present(demo.polls.result(poll.id))
    first = shown.rows[0]
    assert (first.label, first.borda, first.count, first.mean) == (
        "Diversity of Leadership",
        262,
        14,
        "2.5",
    )
    assert first.caption == "262 points · 14 first places, mean place 2.5"
    assert first.bar == 1.0 and shown.rows[-1].bar == pytest.approx(43 / 262)
    assert first.share is None  # a ranking has no share of votes to show
    assert "The order is by points: a first place earns 8, a second 7," in shown.sentence


def test_a_room_split_between_strongly_disagree_and_strongly_agree_does_not_read_as_neither(
    summit: Summit, vote_item: Item
) -> None:
    poll = vote(summit, vote_item, PollKind.SCALE, ["We have a shared vision"], [{0: 1}, {0: 5}])
    row = present(summit.polls.result(poll.id)).rows[0]
    assert [(v.short, v.count, v.share) for v in row.levels] == [
        ("Strongly disagree", 1, 50),
        ("Disagree", 0, 0),
        ("Neither", 0, 0),
        ("Agree", 0, 0),
        ("Strongly agree", 1, 50),
    ]
    assert row.mean == "3.0"
    assert row.figure == "50% agree, 0% neither, 50% disagree"
    assert row.caption == "50% agree, 0% neither, 50% disagree · mean 3.0 of 5"
    assert "Neither" not in row.caption
    assert row.lean == 0.5  # the diverging bar sits across the centre line, half each side


def test_a_diverging_bar_leans_the_way_the_room_leans(summit: Summit, vote_item: Item) -> None:
    answers = [{0: 4}, {0: 5}, {0: 3}, {0: 2}]  # one of each but "Strongly disagree"
    poll = vote(summit, vote_item, PollKind.SCALE, ["We have a shared vision"], answers)
    row = present(summit.polls.result(poll.id)).rows[0]
    # 25% disagree and half of the 25% "neither" lie left of the centre.
    assert row.lean == 0.375
    assert present(summit.polls.result(poll.id)).to_dict()["rows"][0]["lean"] == 0.375


def test_turnout_and_what_to_do_in_a_few_words(summit: Summit, vote_item: Item) -> None:
    from summit_app.core.presenting import instruction, turnout

    assert turnout(38, 52) == "38 of 52 phones voted"
    assert turnout(1, 1) == "1 of 1 phone voted"
    assert turnout(3, 0) == "3 phones voted"
    poll = summit.polls.add_poll(
        vote_item.id, "Which?", PollKind.MULTI, ["A", "B", "C"], max_choices=2
    )
    assert instruction(poll) == "Pick up to 2"


def test_a_statement_nobody_rated_says_so(summit: Summit, vote_item: Item) -> None:
    poll = vote(summit, vote_item, PollKind.SCALE, ["Rated", "Skipped"], [{0: 4}])
    rows = {r.label: r for r in present(summit.polls.result(poll.id)).rows}
    assert rows["Skipped"].caption == "no answers" and rows["Skipped"].mean == ""
    assert rows["Rated"].figure == "100% agree, 0% neither, 0% disagree"


def test_points_show_points_given_and_their_share_in_words(summit: Summit, vote_item: Item) -> None:
    poll = vote(
        summit, vote_item, PollKind.POINTS, ["Workforce", "Digital"], [{0: 9, 1: 1}], points=10
    )
    shown = present(summit.polls.result(poll.id))
    assert [(r.label, r.points, r.share, r.detail) for r in shown.rows] == [
        ("Workforce", 9, 90, "9 points"),
        ("Digital", 1, 10, "1 point"),
    ]
    assert shown.voters_text == "1 person voted"
    assert shown.sentence == (
        "Each person shared 10 points among the options; percentages are shares of all"
        " 10 points given, by 1 person."
    )


def test_hand_counts_are_marked_when_only_some_people_were_counted_by_hand(
    summit: Summit, vote_item: Item
) -> None:
    poll = vote(summit, vote_item, PollKind.SINGLE, ["Workforce", "Digital"], [{0: 1}])
    summit.polls.set_hand_counts(poll.id, [(poll.options[1].id, None, 3)], 3, "paper")
    shown = present(summit.polls.result(poll.id))
    assert [(r.label, r.count, r.hand_count, r.hand_marked) for r in shown.rows] == [
        ("Digital", 3, 3, True),
        ("Workforce", 1, 0, False),
    ]
    assert shown.rows[0].caption == "75% · 3 votes, 3 counted by hand"
    assert shown.sentence.endswith("3 of them were counted on paper; those counts are marked.")


def test_when_everyone_was_counted_by_hand_nothing_needs_marking(
    summit: Summit, vote_item: Item
) -> None:
    poll = vote(summit, vote_item, PollKind.SINGLE, ["Workforce", "Digital"], [])
    summit.polls.set_hand_counts(poll.id, [(poll.options[0].id, None, 1)], 1, "hands")
    shown = present(summit.polls.result(poll.id))
    assert not shown.hand_marked and shown.rows[0].caption == "100% · 1 vote"
    assert shown.sentence.endswith("from 1 person. All of them were counted by a show of hands.")


def test_a_poll_nobody_answered_shows_zeros_and_says_so(summit: Summit, vote_item: Item) -> None:
    poll = vote(summit, vote_item, PollKind.SINGLE, ["A", "B"], [])
    shown = present(summit.polls.result(poll.id))
    assert [(r.figure, r.bar) for r in shown.rows] == [("0%", 0.0), ("0%", 0.0)]
    assert shown.voters_text == "0 people voted"
    assert shown.sentence.endswith("No votes were cast.")


def test_equal_counts_always_print_equal_percentages() -> None:
    assert shares([5, 5, 5, 1]) == [31, 31, 31, 7]
    assert shares([3, 3, 1]) == [43, 43, 14]
    assert shares([15, 15, 13, 11, 11, 9, 9, 9, 8]) == SEED_PERCENTAGES
    # No way to keep both 100 and equality: each is rounded to nearest, and it is said.
    assert shares([1, 1, 1]) == [33, 33, 33]
    assert shares([1] * 6) == [17] * 6
    assert shares([2, 1, 1, 1, 1, 1]) == [29, 14, 14, 14, 14, 14]
    assert rounding_note(shares([1] * 6)) == (
        "Equal counts show equal percentages, so these add up to 102%."
    )
    assert rounding_note(shares([3, 3, 1])) == ""


def test_six_options_with_one_vote_each_read_17_per_cent_on_every_surface(
    summit: Summit, vote_item: Item
) -> None:
    poll = vote(summit, vote_item, PollKind.SINGLE, list("ABCDEF"), [{i: 1} for i in range(6)])
    shown = present(summit.polls.result(poll.id))
    assert [r.figure for r in shown.rows] == ["17%"] * 6
    assert {r.bar for r in shown.rows} == {1.0}
    assert shown.rounding.endswith("add up to 102%.")


@settings(deadline=None)  # a pure function: timing on a loaded CI machine says nothing
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_each_percentage_is_within_one_of_the_exact_share_and_equal_counts_print_equal(
    counts: list[int],
) -> None:
    figures = shares(counts)
    whole = max(sum(counts), 1)
    for figure, count in zip(figures, counts, strict=True):
        assert abs(figure - 100 * count / whole) < 1
    assert len({f for f, c in zip(figures, counts, strict=True) if c == counts[0]}) == 1


def test_percent_rounds_half_up() -> None:
    assert percent(1, 8) == 13  # 12.5
    assert percent(0, 0) == 0


def test_means_round_half_up_on_the_exact_value() -> None:
    from fractions import Fraction

    assert one_decimal(Fraction(49, 20)) == "2.5"  # 2.45, which a float prints as 2.4 or 2.5
    assert one_decimal(Fraction(17, 4)) == "4.3"  # 4.25
    assert one_decimal(Fraction(3)) == "3.0"


def test_words_for_one_and_for_many() -> None:
    assert (plural(1, "point"), plural(2, "point")) == ("1 point", "2 points")
    assert (people(1), people(2), people(0)) == ("1 person", "2 people", "0 people")


def test_the_phones_get_plain_json_with_the_same_figures(summit: Summit, vote_item: Item) -> None:
    poll = vote(summit, vote_item, PollKind.RANK, ["A", "B", "C"], [{0: 1, 1: 2, 2: 3}])
    shown = present(summit.polls.result(poll.id))
    data = json.loads(json.dumps(shown.to_dict()))
    assert [(r["text"], r["borda"], r["caption"], r["width"]) for r in data["rows"]] == [
        ("A", 2, "2 points · 1 first place, mean place 1.0", 100),
        ("B", 1, "1 point · 0 first places, mean place 2.0", 50),
        ("C", 0, "0 points · 0 first places, mean place 3.0", 0),
    ]
    assert data["voters_text"] == "1 person voted" and data["sentence"] == shown.sentence

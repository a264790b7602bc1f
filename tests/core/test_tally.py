"""Tallies: shares, points, Borda, scales, groups, hand counts and rounding."""

import pytest

from summit_app.core.model import Ballot, CountMethod, HandCount, Option, Poll, PollKind
from summit_app.core.presenting import present
from summit_app.core.tally import tally

SEED_COUNTS = [15, 15, 13, 11, 11, 9, 9, 9, 8]


def make_poll(kind: PollKind, n: int = 3, **extra) -> Poll:
    options = tuple(Option(id=10 + i, poll_id=1, position=i, text=f"Option {i}") for i in range(n))
    return Poll(id=1, item_id=1, position=0, question="Q", kind=kind, options=options, **extra)


def ballots(*choices: dict[int, int], groups: list[str | None] | None = None) -> list[Ballot]:
    groups = groups or [None] * len(choices)
    return [
        Ballot(
            id=i,
            poll_id=1,
            participant_id=i,
            choices={10 + k: v for k, v in c.items()},
            cast_at="",
            group=g,
        )
        for i, (c, g) in enumerate(zip(choices, groups, strict=True))
    ]


def test_zero_votes_give_zero_percent_not_an_error():
    result = tally(make_poll(PollKind.SINGLE), [])
    assert [r.share for r in present(result).rows] == [0, 0, 0]
    assert result.voters == 0 and result.votes == 0


def test_pick_several_shares_are_of_all_votes():
    poll = make_poll(PollKind.MULTI, max_choices=2)
    result = tally(poll, ballots({0: 1, 1: 1}, {0: 1}, {0: 1, 2: 1}, {1: 1}))
    assert [r.count for r in result.options] == [3, 2, 1]
    assert [r.share for r in present(result).rows] == [50, 33, 17]  # the presenter's figures
    assert (result.voters, result.votes) == (4, 6)


def test_points_are_totalled():
    poll = make_poll(PollKind.POINTS, points=10)
    result = tally(poll, ballots({0: 7, 1: 3}, {1: 10}))
    assert [r.count for r in result.options] == [7, 13, 0]
    assert [(r.count, r.share) for r in present(result).rows] == [(13, 65), (7, 35), (0, 0)]


def test_rankings_get_borda_scores_and_order():
    poll = make_poll(PollKind.RANK)
    result = tally(poll, ballots({0: 1, 1: 2, 2: 3}, {1: 1, 0: 2, 2: 3}, {1: 1, 2: 2, 0: 3}))
    assert [r.borda for r in result.options] == [3, 5, 1]
    assert [r.option.text for r in result.ranked()] == ["Option 1", "Option 0", "Option 2"]
    assert result.options[0].distribution == (1, 1, 1)


def test_ranking_ties_keep_the_options_order():
    poll = make_poll(PollKind.RANK, n=2)
    result = tally(poll, ballots({0: 1, 1: 2}, {1: 1, 0: 2}))
    assert [r.option.position for r in result.ranked()] == [0, 1]


def test_scale_distribution_and_mean():
    poll = make_poll(PollKind.SCALE, n=2)
    result = tally(poll, ballots({0: 5, 1: 1}, {0: 4}, {0: 4, 1: 2}))
    assert result.options[0].distribution == (0, 0, 0, 2, 1)
    assert result.options[0].mean == pytest.approx(13 / 3)
    assert result.options[1].distribution == (1, 1, 0, 0, 0)
    assert [r.option.position for r in result.ranked()] == [0, 1]


def test_hand_counts_join_the_phones_and_are_marked():
    poll = make_poll(PollKind.SINGLE)
    hand = [HandCount(id=1, poll_id=1, option_id=11, count=5, method=CountMethod.HANDS)]
    result = tally(poll, ballots({0: 1}, {1: 1}), hand, hand_voters=5)
    assert [r.count for r in result.options] == [1, 6, 0]
    assert [r.hand_count for r in result.options] == [0, 5, 0]
    assert result.voters == 7 and result.hand_voters == 5


def test_hand_counts_for_a_ranking_add_to_the_borda_scores():
    poll = make_poll(PollKind.RANK)
    hand = [
        HandCount(id=1, poll_id=1, option_id=12, count=4, method=CountMethod.PAPER, level=1),
    ]
    result = tally(poll, ballots({0: 1, 1: 2, 2: 3}), hand, hand_voters=4)
    assert result.options[2].borda == 8
    assert result.ranked()[0].option.position == 2


def test_results_break_down_by_professional_group():
    poll = make_poll(PollKind.SINGLE)
    result = tally(poll, ballots({0: 1}, {0: 1}, {1: 1}, groups=["Nursing", "Nursing", None]))
    assert set(result.by_group) == {"Nursing", "Not given"}
    assert [r.count for r in result.by_group["Nursing"].options] == [2, 0, 0]
    assert result.by_group["Not given"].voters == 1


@pytest.mark.parametrize("kind", list(PollKind))
def test_the_files_totals_by_group_tally_as_the_ballots_do(tmp_path, kind):
    """The pack's tallies read each poll's running totals by voters' group: every figure,
    by group too, is the one the ballots read one by one give, after people choose or
    change their group having voted."""
    from summit_app.core import Summit
    from summit_app.core.model import SummitInfo
    from summit_app.core.tally import tally_groups

    with Summit.create(tmp_path / "groups.summit", SummitInfo(title="Groups")) as summit:
        section = summit.agenda.add_section("S")
        item = summit.agenda.add_item(section.id, "Vote")
        poll = summit.polls.add_poll(
            item.id, "Q", kind, ["A", "B", "C", "D"], max_choices=2, points=10
        )
        summit.polls.open_poll(poll.id)
        ids = [o.id for o in poll.options]
        picks = {
            PollKind.SINGLE: lambda p: {ids[p % 3]: 1},
            PollKind.MULTI: lambda p: {ids[p % 4]: 1, ids[(p + 1) % 4]: 1},
            PollKind.POINTS: lambda p: {ids[p % 4]: 7, ids[(p + 2) % 4]: 3},
            PollKind.RANK: lambda p: {oid: 1 + (j + p % 2) % 4 for j, oid in enumerate(ids)},
            PollKind.SCALE: lambda p: {oid: 1 + (p + j) % 5 for j, oid in enumerate(ids)},
        }[kind]
        people = []
        for p in range(40):
            people.append(person := summit.people.join(["Nursing", "Pharmacy", None][p % 3]))
            summit.polls.cast_ballot(poll.id, person.id, picks(p))
        for person in people[:6]:  # chosen or changed after voting: the ballot goes along
            summit.people.set_group(person.id, "Pharmacy" if person.group else "Nursing")
        groups = summit.polls.group_totals()[poll.id]
        assert sum(t.ballots for t in groups.values()) == 40
        assert tally_groups(poll, groups) == tally(poll, summit.polls.ballots(poll.id))
        assert tally_groups(poll, groups).by_group.keys() == {"Nursing", "Pharmacy", "Not given"}
        # The live result, from the file's running totals: the same figures, no groups.
        assert summit.polls.result(poll.id) == tally(
            summit.polls.poll(poll.id), summit.polls.ballots(poll.id), with_groups=False
        )

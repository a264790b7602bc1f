"""Tallies: pure functions from a poll, its ballots and its hand counts to results.

Counts only: the percentages every surface shows come from the presenter
(`presenting.present`), by its one rounding rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from summit_app.core.model import (
    SCALE_LABELS,
    Ballot,
    HandCount,
    Option,
    Poll,
    PollKind,
    TableCount,
)


@dataclass(frozen=True)
class Alike:
    """`ballots` ballots that made the same `choices`, from people of one `group`: what a
    tally needs of them. A room casts few distinct ballots (a long day's 40,000 have about
    1,200 per poll and group), so tallying these is tallying the ballots at a fraction of
    the cost."""

    choices: Mapping[int, int]
    group: str | None
    ballots: int


@dataclass(frozen=True)
class Totals:
    """A poll's running totals, kept by the file as each ballot is written (migration
    `notes_by_prompt_and_ballot_totals`): `picks` maps (option, value) to how many ballots
    gave the option that value (1 for a pick, points, a place, a level); `ballots` is how
    many were cast."""

    picks: Mapping[tuple[int, int], int]
    ballots: int


@dataclass(frozen=True)
class OptionResult:
    option: Option
    count: int  # picks; points; first places (rank); answers (scale)
    hand_count: int = 0  # part of `count` that was counted by hand
    table_count: int = 0  # part of `count` that table hosts counted (never ballots)
    borda: int = 0  # rank polls: sum of (n - position)
    distribution: tuple[int, ...] = ()  # rank: places 1..n; scale: levels 1..5
    mean: float | None = None  # scale: mean level; rank: mean position


@dataclass(frozen=True)
class PollResult:
    poll: Poll
    options: tuple[OptionResult, ...]  # in the poll's option order
    voters: int  # ballots from phones plus people counted by hand
    votes: int  # picks, points, or answers in all
    hand_voters: int = 0
    by_group: dict[str, PollResult] = field(default_factory=dict)
    hand_method: str | None = None  # "hands" or "paper" when some votes were counted in the room
    table_voters: int = 0  # people counted by table hosts (part of `voters`)
    tables_counted: int = 0  # how many tables sent a count

    def ranked(self) -> list[OptionResult]:
        """Best first: by Borda score for rankings, by mean for scales, else by count."""
        if self.poll.kind is PollKind.RANK:
            key = lambda r: (-r.borda, r.option.position)  # noqa: E731
        elif self.poll.kind is PollKind.SCALE:
            key = lambda r: (-(r.mean or 0), r.option.position)  # noqa: E731
        else:
            key = lambda r: (-r.count, r.option.position)  # noqa: E731
        return sorted(self.options, key=key)


def tally(
    poll: Poll,
    ballots: Sequence[Ballot],
    hand_counts: Sequence[HandCount] = (),
    hand_voters: int = 0,
    with_groups: bool = True,
    table_counts: Sequence[TableCount] = (),
) -> PollResult:
    """The results of one poll; `by_group` breaks phones' ballots down by professional group.

    Table counts (pick-one and pick-several polls only) add to the counts and the voters,
    and are kept apart as `table_count` so every surface can mark them."""
    return tally_alike(
        poll,
        [Alike(b.choices, b.group, 1) for b in ballots],
        hand_counts,
        hand_voters,
        with_groups,
        table_counts,
    )


def tally_alike(
    poll: Poll,
    alike: Iterable[Alike],
    hand_counts: Sequence[HandCount] = (),
    hand_voters: int = 0,
    with_groups: bool = True,
    table_counts: Sequence[TableCount] = (),
) -> PollResult:
    """`tally` from the poll's ballots counted alike (`Alike`)."""
    alike = list(alike)
    picks = ((oid, value, same.ballots) for same in alike for oid, value in same.choices.items())
    by_group: dict[str, PollResult] = {}
    if with_groups:
        groups: dict[str, list[Alike]] = {}
        for same in alike:
            groups.setdefault(same.group or "Not given", []).append(same)
        by_group = {
            name: tally_alike(poll, members, with_groups=False)
            for name, members in sorted(groups.items())
        }
    ballots = sum(same.ballots for same in alike)
    return _count(poll, picks, ballots, hand_counts, hand_voters, table_counts, by_group)


def tally_totals(
    poll: Poll,
    totals: Totals,
    hand_counts: Sequence[HandCount] = (),
    hand_voters: int = 0,
    table_counts: Sequence[TableCount] = (),
) -> PollResult:
    """`tally` (without groups) from the poll's running totals: as many steps as the poll
    has options and values, however many ballots were cast."""
    picks = ((oid, value, n) for (oid, value), n in totals.picks.items())
    return _count(poll, picks, totals.ballots, hand_counts, hand_voters, table_counts, {})


def tally_groups(
    poll: Poll,
    groups: Mapping[str | None, Totals],
    hand_counts: Sequence[HandCount] = (),
    hand_voters: int = 0,
    with_groups: bool = True,
    table_counts: Sequence[TableCount] = (),
) -> PollResult:
    """`tally` from the poll's running totals by voters' group (None for no group), each
    group's (`by_group`) among them: the same figures, in steps of options and groups."""
    whole = merged(groups.values())
    by_group: dict[str, PollResult] = {}
    if with_groups:
        named: dict[str, list[Totals]] = {}
        for group, totals in groups.items():
            named.setdefault(group or "Not given", []).append(totals)
        by_group = {
            name: tally_totals(poll, merged(members)) for name, members in sorted(named.items())
        }
    picks = ((oid, value, n) for (oid, value), n in whole.picks.items())
    return _count(poll, picks, whole.ballots, hand_counts, hand_voters, table_counts, by_group)


def merged(totals: Iterable[Totals]) -> Totals:
    """Several groups' totals as one."""
    picks: dict[tuple[int, int], int] = {}
    ballots = 0
    for each in totals:
        ballots += each.ballots
        for key, n in each.picks.items():
            picks[key] = picks.get(key, 0) + n
    return Totals(picks, ballots)


def _count(
    poll: Poll,
    picks: Iterable[tuple[int, int, int]],
    ballots: int,
    hand_counts: Sequence[HandCount],
    hand_voters: int,
    table_counts: Sequence[TableCount],
    by_group: dict[str, PollResult],
) -> PollResult:
    """The tally of `ballots` ballots whose choices were (option, value) `n` times each."""
    options = poll.options
    n = len(options)
    levels = n if poll.kind is PollKind.RANK else len(SCALE_LABELS)
    dist = {o.id: [0] * levels for o in options}
    counts = {o.id: 0 for o in options}
    hand = {o.id: 0 for o in options}

    for option_id, value, times in picks:
        if option_id not in counts:
            continue
        if poll.kind in (PollKind.RANK, PollKind.SCALE):
            if 1 <= value <= levels:
                dist[option_id][value - 1] += times
        else:
            counts[option_id] += value * times
    for hc in hand_counts:
        if hc.option_id not in counts:
            continue
        if poll.kind in (PollKind.RANK, PollKind.SCALE):
            if hc.level is not None and 1 <= hc.level <= levels:
                dist[hc.option_id][hc.level - 1] += hc.count
        else:
            counts[hc.option_id] += hc.count
        hand[hc.option_id] += hc.count
    at_tables = {o.id: 0 for o in options}
    for tc in table_counts:
        for option_id, told in tc.counts.items():
            if option_id in counts and poll.kind in (PollKind.SINGLE, PollKind.MULTI):
                counts[option_id] += told
                at_tables[option_id] += told
    table_voters = sum(tc.people for tc in table_counts)

    if poll.kind is PollKind.RANK:
        counts = {oid: d[0] for oid, d in dist.items()}  # first places
    elif poll.kind is PollKind.SCALE:
        counts = {oid: sum(d) for oid, d in dist.items()}

    voters = ballots + hand_voters + table_voters
    results = []
    for option in options:
        d = dist[option.id]
        answered = sum(d)
        mean = (
            sum((i + 1) * c for i, c in enumerate(d)) / answered
            if answered and poll.kind in (PollKind.RANK, PollKind.SCALE)
            else None
        )
        results.append(
            OptionResult(
                option=option,
                count=counts[option.id],
                hand_count=hand[option.id],
                table_count=at_tables[option.id],
                borda=sum((n - (i + 1)) * c for i, c in enumerate(d))
                if poll.kind is PollKind.RANK
                else 0,
                distribution=tuple(d) if poll.kind in (PollKind.RANK, PollKind.SCALE) else (),
                mean=mean,
            )
        )

    return PollResult(
        poll=poll,
        options=tuple(results),
        voters=voters,
        votes=sum(counts.values()) if poll.kind is not PollKind.RANK else voters,
        hand_voters=hand_voters,
        by_group=by_group,
        hand_method=hand_counts[0].method.value if hand_counts else None,
        table_voters=table_voters,
        tables_counted=len(table_counts),
    )

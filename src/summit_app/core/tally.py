"""Tallies: pure functions from a poll, its ballots and its hand counts to results.

Shares follow the seed's write-up: in a pick-several poll "15%" is the share of all votes
cast, so `share_of_votes` adds up to 100 (largest-remainder rounding); `share_of_voters`
is the share of people who chose the option, which need not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from summit_app.core.model import SCALE_LABELS, Ballot, HandCount, Option, Poll, PollKind


@dataclass(frozen=True)
class OptionResult:
    option: Option
    count: int  # picks; points; first places (rank); answers (scale)
    share_of_votes: int  # percent, largest remainder, sums to 100 across options
    share_of_voters: int  # percent of voters, rounded half up
    hand_count: int = 0  # part of `count` that was counted by hand
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

    def ranked(self) -> list[OptionResult]:
        """Best first: by Borda score for rankings, by mean for scales, else by count."""
        if self.poll.kind is PollKind.RANK:
            key = lambda r: (-r.borda, r.option.position)  # noqa: E731
        elif self.poll.kind is PollKind.SCALE:
            key = lambda r: (-(r.mean or 0), r.option.position)  # noqa: E731
        else:
            key = lambda r: (-r.count, r.option.position)  # noqa: E731
        return sorted(self.options, key=key)


def largest_remainder(counts: Sequence[int], total: int = 100) -> list[int]:
    """Whole percentages of `counts` that add up to `total` (all zeros if nothing counted).

    The points left after rounding down go to the largest remainders. Among equal
    remainders, options with equal counts get theirs together where the points left
    allow it (5, 5, 5 and 1 vote give 31, 31, 31 and 7, not 32, 31, 31 and 6); a group
    that cannot be served whole goes to the larger count, then to the earlier option,
    so the result is stable for the same input.
    """
    whole = sum(counts)
    if whole == 0:
        return [0] * len(counts)
    exact = [Fraction(c * total, whole) for c in counts]
    floors = [int(e) for e in exact]
    short = total - sum(floors)
    # Options with the same count have the same remainder: group them, best remainder first.
    groups: dict[int, list[int]] = {}
    for i in sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), -counts[i], i)):
        groups.setdefault(counts[i], []).append(i)
    queue = list(groups.values())
    while short and queue:
        best = exact[queue[0][0]] - floors[queue[0][0]]
        level = [g for g in queue if exact[g[0]] - floors[g[0]] == best]
        group = next((g for g in level if len(g) <= short), level[0])
        for i in group[:short]:
            floors[i] += 1
        short -= min(len(group), short)
        queue.remove(group)
    return floors


def percent(part: int, whole: int) -> int:
    """Half-up whole percent (not banker's rounding), 0 when there is nothing to divide."""
    return int(Fraction(part * 100, whole) + Fraction(1, 2)) if whole else 0


def tally(
    poll: Poll,
    ballots: Sequence[Ballot],
    hand_counts: Sequence[HandCount] = (),
    hand_voters: int = 0,
    with_groups: bool = True,
) -> PollResult:
    """The results of one poll; `by_group` breaks phones' ballots down by professional group."""
    options = poll.options
    n = len(options)
    levels = n if poll.kind is PollKind.RANK else len(SCALE_LABELS)
    dist = {o.id: [0] * levels for o in options}
    counts = {o.id: 0 for o in options}
    hand = {o.id: 0 for o in options}

    for ballot in ballots:
        for option_id, value in ballot.choices.items():
            if option_id not in counts:
                continue
            if poll.kind in (PollKind.RANK, PollKind.SCALE):
                if 1 <= value <= levels:
                    dist[option_id][value - 1] += 1
            else:
                counts[option_id] += value
    for hc in hand_counts:
        if hc.option_id not in counts:
            continue
        if poll.kind in (PollKind.RANK, PollKind.SCALE):
            if hc.level is not None and 1 <= hc.level <= levels:
                dist[hc.option_id][hc.level - 1] += hc.count
        else:
            counts[hc.option_id] += hc.count
        hand[hc.option_id] += hc.count

    if poll.kind is PollKind.RANK:
        counts = {oid: d[0] for oid, d in dist.items()}  # first places
    elif poll.kind is PollKind.SCALE:
        counts = {oid: sum(d) for oid, d in dist.items()}

    voters = len(ballots) + hand_voters
    ordered = [counts[o.id] for o in options]
    shares = largest_remainder(ordered)
    if poll.kind is PollKind.RANK:
        # Each voter ranks every option once, so the share is of first places.
        shares = largest_remainder([dist[o.id][0] for o in options])

    results = []
    for option, share in zip(options, shares, strict=True):
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
                share_of_votes=share,
                share_of_voters=percent(counts[option.id], voters),
                hand_count=hand[option.id],
                borda=sum((n - (i + 1)) * c for i, c in enumerate(d))
                if poll.kind is PollKind.RANK
                else 0,
                distribution=tuple(d) if poll.kind in (PollKind.RANK, PollKind.SCALE) else (),
                mean=mean,
            )
        )

    by_group: dict[str, PollResult] = {}
    if with_groups:
        groups: dict[str, list[Ballot]] = {}
        for ballot in ballots:
            groups.setdefault(ballot.group or "Not given", []).append(ballot)
        by_group = {
            name: tally(poll, members, with_groups=False)
            for name, members in sorted(groups.items())
        }

    return PollResult(
        poll=poll,
        options=tuple(results),
        voters=voters,
        votes=sum(counts.values()) if poll.kind is not PollKind.RANK else voters,
        hand_voters=hand_voters,
        by_group=by_group,
        hand_method=hand_counts[0].method.value if hand_counts else None,
    )

"""No group small enough to single someone out, in any table or chart of the pack.

A professional group (or "Not given") with fewer people than the threshold is folded into
"Other groups"; if the groups folded together are still fewer than the threshold, the next
smallest groups join them until they are not. When every group would have to be folded,
the breakdown says nothing a room total does not, and is left out.

The CSV files are the programme team's raw data, but ballots.csv folds its group column by
the same rule (a row there is one person's whole ballot); its README.txt says what is internal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

OTHER_GROUPS = "Other groups"

T = TypeVar("T")


@dataclass(frozen=True)
class Folded:
    """Groups as the pack may show them: (name, members) in the given order, the folded
    ones last as `OTHER_GROUPS`; `hidden` names the groups folded into it."""

    groups: tuple[tuple[str, tuple], ...]
    hidden: tuple[str, ...]


def fold(groups: Mapping[str, Sequence[T]], threshold: int) -> Folded:
    """`groups` (name to members, in display order) with the small ones folded."""
    sizes = {name: len(members) for name, members in groups.items() if members}
    small = {name for name, size in sizes.items() if size < threshold}
    if small:
        # Grow the folded group from the smallest shown group up until it is big enough.
        for name in sorted(sizes, key=lambda n: (sizes[n], n)):
            if sum(sizes[n] for n in small) >= threshold:
                break
            small.add(name)
    shown = [(name, tuple(groups[name])) for name in groups if name in sizes and name not in small]
    if not shown:
        return Folded((), tuple(n for n in groups if n in sizes))
    hidden = tuple(name for name in groups if name in small)
    if hidden:
        merged = tuple(member for name in hidden for member in groups[name])
        shown.append((OTHER_GROUPS, merged))
    return Folded(tuple(shown), hidden)


def fold_counts(counts: Mapping[str, int], threshold: int) -> tuple[dict[str, int], tuple]:
    """The same rule for counts of people: (name to count, the names folded)."""
    folded = fold({name: range(n) for name, n in counts.items()}, threshold)
    return {name: len(members) for name, members in folded.groups}, folded.hidden


def mean_tells_a_count(distribution: Sequence[int], threshold: int) -> bool:
    """Whether a group's mean level, as printed (one decimal), lets a reader count how many
    of its people gave some answer, and that count is 1 to threshold - 1.

    A group of five averaging 1.2 can only be four answers of 1 and one of 2: the mean is
    that one person's answer. `distribution` is the group's answers at levels 1..n. The
    reader knows the group's number of answers and the rounded mean, so any sum that rounds
    to the same mean is possible; a level's count is told when every such sum allows one
    count for it alone.
    """
    n = sum(distribution)
    if not n:
        return False
    levels = range(1, len(distribution) + 1)
    total = sum(level * c for level, c in zip(levels, distribution, strict=True))
    tenths = (20 * total + n) // (2 * n)  # half up, as the presenter prints it
    # Every sum whose mean prints the same: 10 * s / n within half a tenth of `tenths`.
    lo = max(n, -(-n * (2 * tenths - 1) // 20))
    hi = min(n * len(distribution), -(-n * (2 * tenths + 1) // 20) - 1)
    for level in levels:
        others = [x for x in levels if x != level]
        counts = [
            k for k in range(threshold) if _fits(n - k, others, lo - level * k, hi - level * k)
        ]
        # `threshold` or more at this level: the rest is free on every level, so any sum
        # from one per person to the top level per person is possible.
        rest = n - threshold
        if rest >= 0 and max(lo - level * threshold, rest) <= min(
            hi - level * threshold, rest * levels[-1]
        ):
            counts.append(threshold)
        if len(counts) == 1 and 0 < counts[0] < threshold:
            return True
    return False


def _fits(people: int, levels: Sequence[int], lo: int, hi: int) -> bool:
    """Whether `people` answers, each one of `levels` (one level left out of 1..n), can sum
    to something in lo..hi. From two people on, every sum between the smallest and the
    largest is possible except one above the smallest when the next level up is missing,
    and one below the largest likewise (tests check it against every case by hand)."""
    if people < 0 or lo > hi:
        return False
    if people == 0:
        return lo <= 0 <= hi
    if people == 1:
        return any(lo <= x <= hi for x in levels)
    low, high = people * levels[0], people * levels[-1]
    gaps = set()
    if levels[0] + 1 not in levels:
        gaps.add(low + 1)
    if levels[-1] - 1 not in levels:
        gaps.add(high - 1)
    start, end = max(lo, low), min(hi, high)
    # Gaps are at most two sums, so three in a row always hold one that fits.
    return any(s not in gaps for s in range(start, min(end, start + 2) + 1))

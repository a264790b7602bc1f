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

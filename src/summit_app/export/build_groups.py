"""How each professional group voted: one table per poll, one column per group.

Phones' ballots only (a count taken by hand has no group). Groups smaller than the
anonymity threshold are folded into "Other groups" (`anonymity.fold`), whose figures are
tallied anew from their ballots; a poll whose every group is too small has no table.

Inside a group big enough to show, a share is a count in disguise (a group of five's 20%
is one person), so a share that fewer people than the threshold chose is not printed, nor
another where that one alone would let it be worked out from the rest of its column or
its row (`HIDDEN`, explained above the tables). A statement's mean is a count in disguise
too (a group of five averaging 1.2 is four answers of 1 and one of 2), so a mean from too
few answers, or one that tells a small count, is hidden the same way along its row.
"""

from __future__ import annotations

from typing import TypeVar

from summit_app.core.model import PollKind
from summit_app.core.presenting import present
from summit_app.core.tally import PollResult, Totals, merged, tally_totals
from summit_app.export.anonymity import OTHER_GROUPS, fold, mean_tells_a_count
from summit_app.export.data import NOT_GIVEN, PackData, PollBlock
from summit_app.export.log import Log
from summit_app.export.model import Block, Column, Heading, Para, Run, Table, Tone
from summit_app.export.typeset import heading, one_line, plain, short_question

GROUPS_PER_TABLE = 6
T = TypeVar("T")
HIDDEN = "*"  # a share not printed, so that no one's vote can be counted
EXPLAINED = (
    "Votes from phones only, by the group each person chose when joining; counts taken in"
    " the room have no group. Each column is one group, with its number of voters:"
    " percentages are shares of that group\u2019s votes; for a ranking, the option\u2019s"
    " place in that group\u2019s order; for statements, the group\u2019s mean level from 1"
    " (strongly disagree) to 5 (strongly agree). A figure shown as {hidden} is not printed"
    " because fewer than {threshold} people in the group chose that option, or answered"
    " that statement, or because a mean would tell how many of them gave an answer, or"
    " because it would let such a figure be worked out from the others: no one\u2019s vote"
    " can be counted. A place is an order, not a count, and is always printed."
)


def group_tables(data: PackData, log: Log) -> list[Block]:
    threshold = data.options.anonymity_threshold
    story: list[Block] = []
    for block in data.polls:
        result = block.result
        if not any(name != NOT_GIVEN for name in result.by_group):
            continue
        groups = _groups(block, list(data.by_group), threshold, log)
        if not groups:
            continue
        title = short_question(result.poll.question)
        story.append(Heading(heading(title), 3, f"groups-poll-{result.poll.id}"))
        # Hidden across all the poll's groups: a row's total spans every table of the poll.
        chose = {name: people for name, _, people in groups}
        kind = result.poll.kind
        if kind is PollKind.SCALE:
            hidden = hidden_means(groups, threshold)
        elif kind is PollKind.RANK:
            hidden = {name: set() for name in chose}
        else:
            hidden = hidden_shares(chose, threshold)
        tables = -(-len(groups) // GROUPS_PER_TABLE)  # balanced: 6 as 3 + 3, not 5 + 1
        size = -(-len(groups) // tables)
        for start in range(0, len(groups), size):
            if start:  # the next groups' table names its poll too, wherever it falls
                story.append(Heading(heading(f"{title} (more groups)"), 4))
            story.append(_table(result, groups[start : start + size], hidden))
    if story:
        text = EXPLAINED.format(hidden=HIDDEN, threshold=threshold)
        story.insert(0, Para((Run(text),), Tone.CAPTION))
    return story


Shown = tuple[str, PollResult, dict[int, int]]  # a group, its tally, people per option


def _groups(block: PollBlock, order: list[str], threshold: int, log: Log) -> list[Shown]:
    """The poll's groups as shown: small ones folded, in the summit's order; with each,
    how many of its people chose each option."""
    result = block.result
    rank = {name: i for i, name in enumerate(order)}
    names = sorted(result.by_group, key=lambda g: (rank.get(g, len(rank)), g))
    sizes = {name: range(result.by_group[name].voters) for name in names}
    folded = fold(sizes, threshold)
    question = f"“{one_line(result.poll.question)}”"
    if not folded.groups:
        log.dropped(f"the group table of {question}", threshold)
        return []
    log.folded(f"the group table of {question}", folded.hidden, threshold)
    members: dict[str, list[Totals]] = {}
    for group, totals in block.groups.items():
        group = group or NOT_GIVEN
        members.setdefault(OTHER_GROUPS if group in folded.hidden else group, []).append(totals)
    shown = []
    for name, _ in folded.groups:
        mine = merged(members.get(name, []))
        chose = dict.fromkeys((o.id for o in result.poll.options), 0)
        for (oid, value), n in mine.picks.items():
            if value > 0 and oid in chose:  # a ballot gives an option one value
                chose[oid] += n
        if name == OTHER_GROUPS:
            shown.append((name, tally_totals(result.poll, mine), chose))
        else:
            shown.append((name, result.by_group[name], chose))
    return shown


def hidden_shares(chose: dict[str, dict[int, int]], threshold: int) -> dict[str, set[int]]:
    """For each group (name to people per option), the options whose share its column may
    not print: those that fewer than `threshold` of its people chose (none is no one's
    vote); then, while a group's column or an option's row has one such share alone (the
    shares add up to the group's whole, the groups' counts to the room's), the fewest
    chosen other one in that column or row too, so that none can be worked out."""
    hidden = {
        name: {oid for oid, people in counts.items() if 0 < people < threshold}
        for name, counts in chose.items()
    }
    return _complete(hidden, chose, columns=True)


def hidden_means(groups: list[Shown], threshold: int) -> dict[str, set[int]]:
    """For statements, the groups' means not to print: one from fewer than `threshold`
    answers, or one that tells how many gave an answer (`mean_tells_a_count`); then, while
    a statement's row has one such mean alone (the room's mean is the groups' answers
    together), another in that row. A group's means of different statements add up to
    nothing, so its column needs no second one."""
    hidden = {
        name: {
            r.option.id
            for r in result.options
            if 0 < sum(r.distribution) < threshold or mean_tells_a_count(r.distribution, threshold)
        }
        for name, result, _ in groups
    }
    return _complete(hidden, {name: chose for name, _, chose in groups}, columns=False)


def _complete(
    hidden: dict[str, set[int]], chose: dict[str, dict[int, int]], columns: bool
) -> dict[str, set[int]]:
    """Hide more until no hidden figure is alone in its option's row (and, where a group's
    figures add up to its whole, in its column), the fewest chosen first."""
    options = {oid for counts in chose.values() for oid in counts}
    changed = True
    while changed:
        changed = False
        for name, counts in chose.items():
            if columns and len(hidden[name]) == 1:
                changed |= _hide_one(hidden[name], [(n, o) for o, n in counts.items()])
        for oid in options:
            names = [name for name in chose if oid in hidden[name]]
            if len(names) == 1:
                others = [(chose[n].get(oid, 0), n) for n in chose if n not in names]
                fewest = _fewest(others)
                if fewest is not None:
                    hidden[fewest].add(oid)
                    changed = True
    return hidden


def _hide_one(hidden: set[int], candidates: list[tuple[int, int]]) -> bool:
    """Add the fewest chosen option of `candidates` (people, option) not yet hidden."""
    fewest = _fewest([(n, o) for n, o in candidates if o not in hidden])
    if fewest is None:
        return False
    hidden.add(fewest)
    return True


def _fewest(candidates: list[tuple[int, T]]) -> T | None:
    """The candidate chosen by the fewest people, preferring one that someone chose."""
    ranked = sorted(candidates, key=lambda c: (c[0] == 0, c[0], str(c[1])))
    return ranked[0][1] if ranked else None


def _table(result: PollResult, groups: list[Shown], hidden: dict[str, set[int]]) -> Table:
    kind = result.poll.kind
    columns = [Column("Option" if kind is not PollKind.SCALE else "Statement")]
    columns += [Column(f"{plain(name)} ({r.voters})", numeric=True) for name, r, _ in groups]
    by_group = {name: {row.option_id: row for row in present(r).rows} for name, r, _ in groups}
    rows = []
    for overall in present(result).rows:
        cells: list[str] = [one_line(overall.label)]
        for name, _, _ in groups:
            mine = by_group[name][overall.option_id]
            if kind is PollKind.RANK:
                cells.append(str(mine.place))
            elif overall.option_id in hidden[name]:
                cells.append(HIDDEN)
            elif kind is PollKind.SCALE:
                cells.append(mine.mean or "–")
            else:
                cells.append(mine.figure)
        rows.append(tuple(cells))
    what = {PollKind.RANK: "place", PollKind.SCALE: "mean level"}.get(kind, "share of votes")
    caption = f"{short_question(result.poll.question)}: each group\u2019s {what}."
    return Table(tuple(columns), tuple(rows), caption=caption)

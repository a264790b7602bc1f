"""How each professional group voted: one table per poll, one column per group.

Phones' ballots only (a count taken by hand has no group). Groups smaller than the
anonymity threshold are folded into "Other groups" (`anonymity.fold`), whose figures are
tallied anew from their ballots; a poll whose every group is too small has no table.
"""

from __future__ import annotations

from summit_app.core.model import PollKind
from summit_app.core.presenting import present
from summit_app.core.tally import PollResult, tally
from summit_app.export.anonymity import OTHER_GROUPS, fold
from summit_app.export.data import NOT_GIVEN, PackData, PollBlock
from summit_app.export.log import Log
from summit_app.export.model import Block, Column, Heading, Para, Run, Table, Tone
from summit_app.export.typeset import heading, one_line, plain, short_question

GROUPS_PER_TABLE = 6
EXPLAINED = (
    "Votes from phones only, by the group each person chose when joining; counts taken in"
    " the room have no group. Each column is one group, with its number of voters:"
    " percentages are shares of that group\u2019s votes; for a ranking, the option\u2019s"
    " place in that group\u2019s order; for statements, the group\u2019s mean level from 1"
    " (strongly disagree) to 5 (strongly agree)."
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
        tables = -(-len(groups) // GROUPS_PER_TABLE)  # balanced: 6 as 3 + 3, not 5 + 1
        size = -(-len(groups) // tables)
        for start in range(0, len(groups), size):
            if start:  # the next groups' table names its poll too, wherever it falls
                story.append(Heading(heading(f"{title} (more groups)"), 4))
            story.append(_table(result, groups[start : start + size]))
    if story:
        story.insert(0, Para((Run(EXPLAINED),), Tone.CAPTION))
    return story


def _groups(
    block: PollBlock, order: list[str], threshold: int, log: Log
) -> list[tuple[str, PollResult]]:
    """The poll's groups as shown: small ones folded, in the summit's order."""
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
    shown = []
    for name, _ in folded.groups:
        if name == OTHER_GROUPS:
            members = [b for b in block.ballots if (b.group or NOT_GIVEN) in folded.hidden]
            shown.append((name, tally(result.poll, members, with_groups=False)))
        else:
            shown.append((name, result.by_group[name]))
    return shown


def _table(result: PollResult, groups: list[tuple[str, PollResult]]) -> Table:
    kind = result.poll.kind
    columns = [Column("Option" if kind is not PollKind.SCALE else "Statement")]
    columns += [Column(f"{plain(name)} ({r.voters})", numeric=True) for name, r in groups]
    by_group = {name: {row.option_id: row for row in present(r).rows} for name, r in groups}
    rows = []
    for overall in present(result).rows:
        cells: list[str] = [one_line(overall.label)]
        for name, _ in groups:
            mine = by_group[name][overall.option_id]
            if kind is PollKind.RANK:
                cells.append(str(mine.place))
            elif kind is PollKind.SCALE:
                cells.append(mine.mean or "–")
            else:
                cells.append(mine.figure)
        rows.append(tuple(cells))
    what = {PollKind.RANK: "place", PollKind.SCALE: "mean level"}.get(kind, "share of votes")
    caption = f"{short_question(result.poll.question)}: each group\u2019s {what}."
    return Table(tuple(columns), tuple(rows), caption=caption)

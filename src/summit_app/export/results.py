"""Poll results: the kind in words, a bar chart, and a table with counts and percentages."""

from __future__ import annotations

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from summit_app.core.model import SCALE_LABELS, PollKind
from summit_app.core.tally import PollResult, largest_remainder
from summit_app.export.charts import bar_chart, scale_chart
from summit_app.export.data import PollBlock
from summit_app.export.flow import grid
from summit_app.export.styles import FRAME_WIDTH
from summit_app.export.text import para

HAND_WORDS = {"hands": "by a show of hands", "paper": "on paper"}


def people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def explain(block: PollBlock) -> str:
    """The poll's kind, voters and votes in words, as a reader of the pack needs them."""
    result = block.result
    poll, voters, votes = result.poll, result.voters, result.votes
    kind = poll.kind
    if kind is PollKind.SINGLE:
        text = (
            f"Each person picked one option; percentages are shares of all"
            f" {plural(votes, 'vote')}, from {people(voters)}."
        )
    elif kind is PollKind.MULTI:
        text = (
            f"Each person could pick up to {plural(poll.max_choices, 'option')}; percentages"
            f" are shares of all {plural(votes, 'vote')}, cast by {people(voters)}."
        )
    elif kind is PollKind.POINTS:
        text = (
            f"Each person shared {plural(poll.points, 'point')} among the options;"
            f" percentages are shares of all {plural(votes, 'point')} given, by"
            f" {people(voters)}."
        )
    elif kind is PollKind.RANK:
        n = len(poll.options)
        text = (
            f"Each person put all {n} options in order; {people(voters)} ranked them. The"
            f" order below is by Borda score: {n - 1} points for each first place,"
            f" {n - 2} for each second, and so on down to 0 for last."
        )
    else:
        text = (
            f"Each person rated each statement from “{SCALE_LABELS[0]}” (1) to"
            f" “{SCALE_LABELS[-1]}” ({len(SCALE_LABELS)}); bars show the share of answers"
            f" at each level, and the mean is on that 1 to {len(SCALE_LABELS)} scale."
            f" {people(voters).capitalize()} answered."
        )
    if result.hand_voters:
        how = HAND_WORDS.get(block.hand_method or "", "in the room")
        who = (
            "All of them were"
            if result.hand_voters >= voters
            else f"{result.hand_voters} of them were"
        )
        marked = kind not in (PollKind.RANK, PollKind.SCALE)  # their tables have no hand column
        text += f" {who} counted {how}" + (
            "; those counts are marked in the table." if marked else "."
        )
    if not voters:
        text += " No votes were cast."
    return text


def poll_story(block: PollBlock, s: StyleSheet1) -> list[Flowable]:
    result = block.result
    head: list[Flowable] = [
        para(result.poll.question, s["H3"]),
        Paragraph(explain(block), s["Caption"]),
    ]
    if not result.voters:
        return [CondPageBreak(60), KeepTogether(head), Spacer(1, 8)]  # nothing to chart
    if result.poll.kind is PollKind.RANK:
        body = ranking(result, s)
    elif result.poll.kind is PollKind.SCALE:
        body = scale(result, s)
    else:
        body = choices(result, s)
    # Question, chart and table stay on one page when they fit; a long table still splits.
    return [CondPageBreak(120), KeepTogether(head + body), Spacer(1, 8)]


def choices(result: PollResult, s: StyleSheet1) -> list[Flowable]:
    ranked = result.ranked()
    unit = "Points" if result.poll.kind is PollKind.POINTS else "Votes"
    chart = bar_chart(
        [r.option.text for r in ranked],
        [r.share_of_votes for r in ranked],
        [f"{r.share_of_votes}%" for r in ranked],
        FRAME_WIDTH,
    )
    hand = any(r.hand_count for r in ranked)
    head = [
        Paragraph("Option", s["CellHead"]),
        Paragraph(unit, s["CellHeadRight"]),
        Paragraph("Share", s["CellHeadRight"]),
    ]
    if hand:
        head.append(Paragraph("Counted by hand", s["CellHeadRight"]))
    rows: list[list[object]] = [head]
    for r in ranked:
        row = [para(r.option.text, s["Cell"]), str(r.count), f"{r.share_of_votes}%"]
        if hand:
            row.append(str(r.hand_count) if r.hand_count else "")
        rows.append(row)
    widths = [18 * mm, 16 * mm] + ([28 * mm] if hand else [])
    table = grid(rows, [FRAME_WIDTH - sum(widths), *widths], right=range(1, len(head)))
    return [chart, Spacer(1, 6), table]


def ranking(result: PollResult, s: StyleSheet1) -> list[Flowable]:
    ranked = result.ranked()
    chart = bar_chart(
        [r.option.text for r in ranked],
        [r.borda for r in ranked],
        [str(r.borda) for r in ranked],
        FRAME_WIDTH,
    )
    head = [
        Paragraph(t, s["CellHeadRight"] if i != 1 else s["CellHead"])
        for i, t in enumerate(("Place", "Option", "Borda score", "First places", "Mean place"))
    ]
    rows: list[list[object]] = [head]
    for place, r in enumerate(ranked, start=1):
        mean = f"{r.mean:.1f}" if r.mean is not None else ""
        rows.append([str(place), para(r.option.text, s["Cell"]), str(r.borda), str(r.count), mean])
    widths = [14 * mm, 0, 20 * mm, 20 * mm, 18 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    table = grid(rows, widths, right=(0, 2, 3, 4))
    return [chart, Spacer(1, 6), table]


def scale(result: PollResult, s: StyleSheet1) -> list[Flowable]:
    ranked = result.ranked()
    shares = [largest_remainder(list(r.distribution)) for r in ranked]
    chart = scale_chart([r.option.text for r in ranked], shares, SCALE_LABELS, FRAME_WIDTH)
    short = ("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree")
    head = [Paragraph("Statement", s["CellHead"])]
    head += [Paragraph(t, s["CellHeadRight"]) for t in (*short, "Total", "Mean")]
    rows: list[list[object]] = [head]
    for r, share in zip(ranked, shares, strict=True):
        mean = f"{r.mean:.2f}" if r.mean is not None else "–"
        levels = [f"{c} ({p}%)" if c else "0" for c, p in zip(r.distribution, share, strict=True)]
        rows.append([para(r.option.text, s["Cell"]), *levels, str(r.count), mean])
    widths = [19 * mm] * 5 + [17 * mm, 13 * mm]
    table = grid(rows, [FRAME_WIDTH - sum(widths), *widths], right=range(1, 8))
    return [chart, Spacer(1, 6), table]

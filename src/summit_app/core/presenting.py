"""One presenter of poll results: the figures and words the room sees, wherever it sees them.

The projector, the control window, the phones, the PDF and the CSV all show a poll through
`present(result)`, so a ranking reads the same on a phone as on the wall: one meaning per
poll kind, one rounding, one wording. Surfaces lay these out; they compute nothing.

- single, multi, points: each option's share of all votes (or points), largest-remainder
  percentages in which equal counts always print equal (`shares`), so they add up to 100
  unless ties forbid it; the bar is that share over the top share.
- rank: points (a Borda count: n - 1 for a first place, ..., none for last), first places and
  mean place; the bar is the score over the top score.
- scale: the share of answers at each of the five levels and the mean level. The
  distribution comes first: a room split between "Strongly disagree" and "Strongly agree"
  has a mean of 3 but must not read as "Neither".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from summit_app.core.model import SCALE_LABELS, Poll, PollKind
from summit_app.core.tally import OptionResult, PollResult

SHORT_LEVELS = ("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree")
HAND_WORDS = {"hands": "by a show of hands", "paper": "on paper"}
TABLE_WORDS = "counted at tables"  # how a table count is marked wherever a result shows
CHOICE_KINDS = (PollKind.SINGLE, PollKind.MULTI, PollKind.POINTS)


def plural(n: int, word: str) -> str:
    """'1 vote', '2 votes'; '1 point', '2 points'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def people(n: int) -> str:
    """'1 person', '2 people'."""
    return f"{n:,} {'person' if n == 1 else 'people'}"


def one_decimal(value: Fraction) -> str:
    """'2.5' for 2.45: half up on the exact value, never on a binary float's approximation."""
    tenths = int(value * 10 + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}"


def percent(part: int, whole: int) -> int:
    """Half-up whole percent (not banker's rounding), 0 when there is nothing to divide."""
    return int(Fraction(part * 100, whole) + Fraction(1, 2)) if whole else 0


def shares(counts: list[int] | tuple[int, ...], total: int = 100) -> list[int]:
    """Whole percentages of `counts` in which equal counts are always equal.

    Largest remainder: each share is rounded down and the points left go to the largest
    remainders, but only ever to every option with that count at once. A set of equal counts
    the points left cannot serve whole is rounded to nearest instead (six equal counts print
    17% each, adding up to 102%; three print 33%), never 16% beside 17%. Among equal
    remainders the larger count is served first, so the result is stable.
    """
    whole = sum(counts)
    if whole == 0:
        return [0] * len(counts)
    exact = [Fraction(c * total, whole) for c in counts]
    result = [int(e) for e in exact]
    left = total - sum(result)
    by_count: dict[int, list[int]] = {}
    for i in sorted(range(len(counts)), key=lambda i: (-(exact[i] - result[i]), -counts[i], i)):
        by_count.setdefault(counts[i], []).append(i)
    for group in by_count.values():
        remainder = exact[group[0]] - result[group[0]]
        if left <= 0 or remainder == 0:
            break
        if len(group) <= left or remainder >= Fraction(1, 2):
            for i in group:
                result[i] += 1
            left -= len(group)
    return result


def rounding_note(figures: list[int]) -> str:
    """A sentence when equal counts kept equal make the shares add up to other than 100."""
    added = sum(figures)
    if not figures or added in (0, 100):
        return ""
    return f"Equal counts show equal percentages, so these add up to {added}%."


@dataclass(frozen=True)
class Level:
    """Answers to one statement at one level of the agreement scale."""

    name: str  # the scale's own words, e.g. "Neither agree nor disagree"
    short: str  # for narrow columns, e.g. "Neither"
    count: int
    share: int  # percent of this statement's answers; the five add up to 100


@dataclass(frozen=True)
class Row:
    """One option as every surface shows it."""

    place: int  # 1 for the best
    option_id: int
    label: str  # the option's text
    count: int  # votes (single, multi); points given (points); first places (rank); answers
    share: int | None  # single, multi, points: percent of all votes or points
    points: int | None  # points polls: points given
    borda: int | None  # rank polls: Borda score
    mean: str  # rank: mean place; scale: mean level (one decimal); "" if none
    levels: tuple[Level, ...]  # scale polls: the distribution, "Strongly disagree" first
    hand_count: int  # part of `count` (answers for rank and scale) counted in the room
    hand_marked: bool  # the hand count is shown: some, not all, people were counted by hand
    bar: float  # 0..1 of the best option's bar; a scale's bar is stacked from `levels` instead
    figure: str  # the headline: "15%", "262 points", "40% agree"
    detail: str  # what stands behind it: "15 votes", "14 first places, mean place 2.5"
    # Scale polls, drawn as a diverging bar: the share of the bar that lies left of the
    # centre line (disagreeing, and half of "Neither"), 0..1. 0.5 for other kinds.
    lean: float = 0.5
    table_count: int = 0  # part of `count` that table hosts counted: always marked

    @property
    def caption(self) -> str:
        """The figure and its detail on one line, as printed beside a bar."""
        return f"{self.figure} · {self.detail}" if self.detail else self.figure


@dataclass(frozen=True)
class Presentation:
    """A poll's results in figures and words, best option first."""

    poll_id: int
    question: str
    kind: PollKind
    rows: tuple[Row, ...]
    voters: int  # people: phones' ballots plus people counted by hand
    votes: int  # votes, points or answers in all (rank: the voters)
    hand_voters: int
    voters_text: str  # "40 people voted"
    sentence: str  # what the numbers mean, in plain words
    scale: tuple[str, ...]  # the level names, for scale polls; else ()
    rounding: str = ""  # a sentence when the shares do not add up to 100 (equal counts)
    table_voters: int = 0  # people counted by table hosts (part of `voters`)
    tables_counted: int = 0  # how many tables sent those counts

    @property
    def hand_marked(self) -> bool:
        return any(r.hand_marked for r in self.rows)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the phones' results)."""
        return {
            "kind": self.kind.value,
            "voters": self.voters,
            "votes": self.votes,
            "hand_voters": self.hand_voters,
            "table_voters": self.table_voters,
            "tables_counted": self.tables_counted,
            "voters_text": self.voters_text,
            "sentence": self.sentence,
            "scale": list(self.scale),
            "rows": [
                {
                    "place": r.place,
                    "text": r.label,
                    "count": r.count,
                    "share": r.share,
                    "points": r.points,
                    "borda": r.borda,
                    "mean": r.mean,
                    "hand_count": r.hand_count,
                    "hand_marked": r.hand_marked,
                    "table_count": r.table_count,
                    "levels": [
                        {"name": v.name, "count": v.count, "share": v.share} for v in r.levels
                    ],
                    "width": round(100 * r.bar, 1),
                    "figure": r.figure,
                    "detail": r.detail,
                    "lean": r.lean,
                    "caption": r.caption,
                }
                for r in self.rows
            ],
        }


def present(result: PollResult) -> Presentation:
    """The figures and words for one poll's tally."""
    poll = result.poll
    kind = poll.kind
    some_by_hand = 0 < result.hand_voters < result.voters
    ranked = result.ranked()
    # Bars are relative to the best option, which fills its track, on every surface.
    figures = shares([r.count for r in ranked]) if kind in CHOICE_KINDS else [0] * len(ranked)
    top = max((r.borda for r in ranked) if kind is PollKind.RANK else figures, default=0)
    rows = tuple(
        _row(place, r, kind, top, some_by_hand, share)
        for place, (r, share) in enumerate(zip(ranked, figures, strict=True), start=1)
    )
    return Presentation(
        poll_id=poll.id,
        question=poll.question,
        kind=kind,
        rows=rows,
        voters=result.voters,
        votes=result.votes,
        hand_voters=result.hand_voters,
        voters_text=f"{people(result.voters)} voted",
        sentence=sentence(result),
        scale=SCALE_LABELS if kind is PollKind.SCALE else (),
        rounding=rounding_note(figures) if kind in CHOICE_KINDS else "",
        table_voters=result.table_voters,
        tables_counted=result.tables_counted,
    )


def _row(
    place: int, r: OptionResult, kind: PollKind, top: int, some_by_hand: bool, choice_share: int
) -> Row:
    hand_marked = some_by_hand and r.hand_count > 0
    by_hand = f", {r.hand_count} counted by hand" if hand_marked else ""
    if r.table_count:  # table counts are marked on every surface, never passed off as ballots
        by_hand += f", {r.table_count} {TABLE_WORDS}"
    share: int | None = None
    levels: tuple[Level, ...] = ()
    mean = _mean(r.distribution) if kind in (PollKind.RANK, PollKind.SCALE) else ""
    if kind in CHOICE_KINDS:
        share = choice_share
        bar = share / top if top else 0.0
        figure = f"{share}%"
        detail = plural(r.count, "point" if kind is PollKind.POINTS else "vote") + by_hand
    elif kind is PollKind.RANK:
        bar = r.borda / top if top else 0.0
        figure = plural(r.borda, "point")
        detail = plural(r.count, "first place") + (f", mean place {mean}" if mean else "")
        detail += by_hand
    else:
        level_shares = shares(list(r.distribution))
        levels = tuple(
            Level(name, short, count, pct)
            for name, short, count, pct in zip(
                SCALE_LABELS, SHORT_LEVELS, r.distribution, level_shares, strict=True
            )
        )
        bar = 1.0 if r.count else 0.0
        if r.count:
            disagree, neither, agree = sum(level_shares[:2]), level_shares[2], sum(level_shares[3:])
            figure = f"{agree}% agree, {neither}% neither, {disagree}% disagree"
            detail = f"mean {mean} of {len(SCALE_LABELS)}" + by_hand
        else:
            figure, detail = "no answers", ""
    return Row(
        place=place,
        option_id=r.option.id,
        label=r.option.text,
        count=r.count,
        share=share,
        points=r.count if kind is PollKind.POINTS else None,
        borda=r.borda if kind is PollKind.RANK else None,
        mean=mean,
        levels=levels,
        hand_count=r.hand_count,
        hand_marked=hand_marked,
        bar=bar,
        figure=figure,
        detail=detail,
        lean=_lean(levels),
        table_count=r.table_count,
    )


def _lean(levels: tuple[Level, ...]) -> float:
    """From the exact counts, not the rounded percentages (which may add up past 100)."""
    answers = sum(v.count for v in levels)
    if not answers:
        return 0.5
    return float(Fraction(2 * sum(v.count for v in levels[:2]) + levels[2].count, 2 * answers))


def turnout(voted: int, joined: int) -> str:
    """'38 of 52 phones voted': how many of the phones that joined have voted."""
    if joined <= 0:
        return f"{plural(voted, 'phone')} voted"
    return f"{voted} of {plural(joined, 'phone')} voted"


def instruction(poll: Poll) -> str:
    """What to do on the phone, in a few words, for the projector and the phone page."""
    if poll.kind is PollKind.SINGLE:
        return "Pick one"
    if poll.kind is PollKind.MULTI:
        return f"Pick up to {poll.max_choices}"
    if poll.kind is PollKind.POINTS:
        return f"Share {plural(poll.points, 'point')} among them"
    if poll.kind is PollKind.RANK:
        return "Put them all in order, most important first"
    return f"Rate each statement from “{SCALE_LABELS[0]}” to “{SCALE_LABELS[-1]}”"


def _mean(distribution: tuple[int, ...]) -> str:
    """The mean place or level, one decimal, from the exact counts; '' with no answers."""
    answered = sum(distribution)
    if not answered:
        return ""
    return one_decimal(Fraction(sum((i + 1) * c for i, c in enumerate(distribution)), answered))


def sentence(result: PollResult) -> str:
    """The poll's kind, voters and votes in plain words: what the numbers mean."""
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
        # Plain words, not "Borda score": what a place is worth, from a first place down.
        scores = (
            f"a first place earns {n - 1}, a second {n - 2}, and so on down to none for last"
            if n > 2
            else f"a first place earns {max(n - 1, 0)} and a last place none"
        )
        text = (
            f"Each person put all {n} options in order; {people(voters)} ranked them."
            f" The order is by points: {scores}."
        )
    else:
        text = (
            f"Each person rated each statement from “{SCALE_LABELS[0]}” (1) to"
            f" “{SCALE_LABELS[-1]}” ({len(SCALE_LABELS)}); bars show the share of answers"
            f" at each level, and the mean is on that 1 to {len(SCALE_LABELS)} scale."
            f" {people(voters).capitalize()} answered."
        )
    if result.hand_voters:
        how = HAND_WORDS.get(result.hand_method or "", "in the room")
        if result.hand_voters >= voters:
            text += f" All of them were counted {how}."
        else:
            were = "was" if result.hand_voters == 1 else "were"
            text += f" {result.hand_voters} of them {were} counted {how}; those counts are marked."
    if result.table_voters:
        text += (
            f" {people(result.table_voters).capitalize()} at"
            f" {plural(result.tables_counted, 'table')}"
            f" {'was' if result.table_voters == 1 else 'were'} counted by their table's host"
            f" rather than by phone; those are the counts marked “{TABLE_WORDS}”."
        )
    if not voters:
        text += " No votes were cast."
    return text

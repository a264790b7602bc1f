"""A template's sample ballot: choices given by option index, turned into option ids."""

from __future__ import annotations

from summit_app.core.model import Poll, PollKind
from summit_app.core.template_fields import Node, TemplateProblem

# Which field of a ballot holds its choices, for each kind of poll.
CHOICES_FIELD = {
    PollKind.SINGLE: "picks",
    PollKind.MULTI: "picks",
    PollKind.RANK: "order",
    PollKind.POINTS: "points",
    PollKind.SCALE: "levels",
}


def choices(poll: Poll, ballot: Node) -> dict[int, int]:
    """A ballot's choices, given by option index in the template, as {option id: value}."""
    key = CHOICES_FIELD[poll.kind]
    others = sorted(set(CHOICES_FIELD.values()) - {key})
    if not ballot.has(key) or any(ballot.has(k) for k in others):
        raise ballot.problem(f"a {poll.kind.value} poll's ballot gives its choices as '{key}'.")
    ids = [o.id for o in poll.options]

    def option(index: object, where: str) -> int:
        if isinstance(index, str) and index.isdigit():
            index = int(index)
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(ids):
            raise TemplateProblem(where, f"{index!r} is not an option index (0 to {len(ids) - 1}).")
        return ids[index]

    where = ballot.at(key)
    if key in ("picks", "order"):
        listed = [option(i, f"{where}[{n}]") for n, i in enumerate(ballot.items(key))]
        if len(set(listed)) != len(listed):
            raise TemplateProblem(where, "lists the same option twice.")
        return {oid: 1 if key == "picks" else n + 1 for n, oid in enumerate(listed)}
    given = ballot.data[key]
    if not isinstance(given, dict):
        raise TemplateProblem(where, 'must be an object like {"0": 3}.')
    out = {}
    for index, value in given.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise TemplateProblem(f"{where}.{index}", "must be a whole number.")
        out[option(index, f"{where}.{index}")] = value
    return out

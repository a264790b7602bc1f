"""Reading a template's JSON with errors that say where in the file the problem is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class TemplateProblem(Exception):
    """Something wrong at one place in a template; the loader adds the template's name."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Node:
    """One JSON object of a template and where it sits (like `sections[1].items[0]`)."""

    data: dict[str, Any]
    where: str
    allowed: frozenset[str]

    @classmethod
    def of(cls, value: object, where: str, allowed: set[str]) -> Node:
        if not isinstance(value, dict):
            raise TemplateProblem(where, "expected an object { ... }.")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise TemplateProblem(
                where, f"unknown field '{unknown[0]}' (expected: {', '.join(sorted(allowed))})."
            )
        return cls(value, where, frozenset(allowed))

    def problem(self, message: str, key: str | None = None) -> TemplateProblem:
        return TemplateProblem(self.at(key) if key else self.where, message)

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.problem("is missing.", key)
        if not isinstance(value, str):
            raise self.problem("must be text in quotes.", key)
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.data.get(key) is not None else None

    def whole(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.problem("must be a whole number.", key)
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.problem("must be true or false.", key)
        return value

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.problem("must be a list [ ... ].", key)
        return value

    def texts(self, key: str) -> list[str]:
        values = self.items(key)
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise TemplateProblem(f"{self.at(key)}[{i}]", "must be text in quotes.")
        return values

    def children(self, key: str, allowed: set[str], short: str | None = None) -> list[Node]:
        """The objects listed under `key`; a bare string stands for `{short: string}`."""
        nodes = []
        for i, value in enumerate(self.items(key)):
            if short is not None and isinstance(value, str):
                value = {short: value}
            nodes.append(Node.of(value, f"{self.at(key)}[{i}]", allowed))
        return nodes

"""The pack's log: what the programme team should know about an export, never printed in it.

Which groups were folded into "Other groups" and where, which breakdowns were left out, and
(from the PDF renderer) which fonts came from the computer or were missing.
"""

from __future__ import annotations

from collections.abc import Sequence


class Log:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._folded: dict[tuple[str, ...], list[str]] = {}
        self._dropped: list[str] = []
        self._threshold = 0

    def note(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def folded(self, where: str, groups: Sequence[str], threshold: int) -> None:
        """`groups` were folded into "Other groups" in `where` (a chart, a poll's table)."""
        if groups:
            self._folded.setdefault(tuple(groups), []).append(where)
            self._threshold = threshold

    def dropped(self, where: str, threshold: int) -> None:
        """A breakdown left out: every group in it was smaller than the threshold."""
        self._dropped.append(where)
        self._threshold = threshold

    def result(self) -> tuple[str, ...]:
        lines = []
        for groups, places in self._folded.items():
            names = ", ".join(f"“{g}”" for g in groups)
            lines.append(
                f"Groups of fewer than {self._threshold} people ({names}) were folded into"
                f" “Other groups” in {_places(places)}"
            )
        if self._dropped:
            lines.append(
                f"Left out, as every group in it had fewer than {self._threshold} people:"
                f" {_places(self._dropped)}"
            )
        return (*(_stop(line) for line in lines), *self.lines)


def _places(places: list[str]) -> str:
    if len(places) > 3:
        return f"{places[0]}, {places[1]} and {len(places) - 2} more"
    return " and ".join([", ".join(places[:-1]), places[-1]] if len(places) > 1 else places)


def _stop(line: str) -> str:
    """A full stop at the end, unless a quoted question already ends the sentence."""
    return line if line.endswith(("?”", ".”", "!”")) else line + "."

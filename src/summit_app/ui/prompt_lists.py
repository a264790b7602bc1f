"""What a prompt list (the Notes, Q&A and Moderation tabs' choosers) was filled from.

Starting the next item writes the items table, an agenda change: each tab refilled its list
and reloaded the chosen prompt's notes or questions, the longest part of the window's stall
while phones voted (bench/live_edits.py). The lists show only the prompts and their items'
titles, so a change that leaves those as they were refills nothing.
"""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.core.model import Prompt

Seen = tuple[tuple[Prompt, ...], tuple[tuple[int, str], ...]]


class PromptsSeen:
    """The prompts (every field) and item titles a list was last filled from."""

    def __init__(self, summit: Summit) -> None:
        self._summit = summit
        self._seen: Seen | None = None

    def _read(self) -> Seen:
        agenda = self._summit.agenda
        titles = tuple((item.id, item.title) for item in agenda.items())
        return tuple(agenda.prompts()), titles

    def mark(self) -> None:
        """The list was filled now."""
        self._seen = self._read()

    def changed(self) -> bool:
        """Whether the prompts or their items' titles differ from when it was filled."""
        return self._seen is None or self._read() != self._seen

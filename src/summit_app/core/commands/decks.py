"""Speakers' slides: a deck (PDF) on an agenda item, and the slides in the pack's annex.

Each is one command (one undo step in the window). A refused file raises ValidationError
with its sentence (not a PDF, damaged, password-protected, too big, too many pages) and
nothing is written.
"""

from __future__ import annotations

from summit_app.core.commands import command
from summit_app.core.decks import Deck
from summit_app.core.store import Summit


@command
def add_deck(summit: Summit, /, item_id: int, pdf: bytes, name: str) -> Deck:
    """Keep `pdf` as the item's slides (replacing any it had)."""
    return summit.decks.set_deck(item_id, pdf, name)


@command
def remove_deck(summit: Summit, /, item_id: int) -> None:
    summit.decks.remove_deck(item_id)


@command
def set_annex_slide(
    summit: Summit, /, deck_id: int, page: int, included: bool, caption: str = ""
) -> None:
    """Put a slide in the pack's annex with its caption, or take it out."""
    summit.decks.set_annex_slide(deck_id, page, included, caption)


@command
def set_annex_deck(summit: Summit, /, deck_id: int, included: bool) -> None:
    """Every slide of a deck in the annex, or none."""
    summit.decks.set_annex_deck(deck_id, included)


@command
def set_annex_per_page(summit: Summit, /, per_page: int) -> None:
    summit.decks.set_annex_per_page(per_page)

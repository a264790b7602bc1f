"""What one commit changed, as a typed value the views can filter on.

A facilitator's command (or its undo or redo) and a phone's write each end in one
`Changes`: which areas of the summit were written, and the ids that matter for choosing
what to redraw: the notes written, the polls whose definition, options or counts from the
room were written, and the polls whose ballots were written. It is computed in core from
the rows the transaction wrote (`from_rows`, through `schema.TABLE_AREAS`) or from what a
phone's request reports (`from_event`), so the window, the CLI and the tests read the same
value. It holds only ints, enums and frozensets: it crosses threads as it is.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from summit_app.core.schema import TABLE_AREAS, Area

__all__ = ["Area", "Changes", "Origin"]


class Origin(enum.Enum):
    """Who wrote: the facilitator here (counted at once) or the phones (counted behind)."""

    FACILITATOR = "facilitator"
    PHONES = "phones"


_NONE: frozenset[int] = frozenset()
# The tables whose rows belong to a poll's definition or its counts from the room.
POLL_TABLES = ("polls", "options", "hand_counts", "hand_voters", "table_counts")


@dataclass(frozen=True)
class Changes:
    """One commit's changes (or several merged with `|`).

    `everything` means the rows are not known (a write by another program, seen only as
    the file's data_version moving): every area listed may have changed, any id in it.
    """

    areas: frozenset[Area] = frozenset()
    notes: frozenset[int] = _NONE  # ids of notes written
    polls: frozenset[int] = _NONE  # polls whose own row, options or hand counts were written
    ballots: frozenset[int] = _NONE  # polls whose ballots were written
    origin: Origin = Origin.FACILITATOR
    everything: bool = False

    # -- building ----------------------------------------------------------------------

    @classmethod
    def of(
        cls,
        *areas: Area,
        notes: Iterable[int] = (),
        polls: Iterable[int] = (),
        ballots: Iterable[int] = (),
        origin: Origin = Origin.FACILITATOR,
    ) -> Changes:
        """Changes naming areas and ids; ids imply their area (notes -> NOTES ...)."""
        notes, polls, ballots = frozenset(notes), frozenset(polls), frozenset(ballots)
        implied = {Area.NOTES} if notes else set()
        implied |= {Area.POLLS} if polls else set()
        implied |= {Area.BALLOTS} if ballots else set()
        return cls(frozenset(areas) | implied, notes, polls, ballots, origin)

    @classmethod
    def unknown(cls, *areas: Area, origin: Origin = Origin.PHONES) -> Changes:
        """Something in these areas (all of them if none given) changed, rows unknown."""
        return cls(frozenset(areas or Area), origin=origin, everything=True)

    @classmethod
    def from_rows(
        cls,
        rows: Mapping[str, Iterable[int]],
        poll_ids: Mapping[str, Iterable[int]] | None = None,
        origin: Origin = Origin.FACILITATOR,
    ) -> Changes:
        """From the rows one transaction wrote: table -> row ids, and for the tables that
        belong to a poll (polls, options, ballots, hand counts) table -> those polls' ids.

        Raises KeyError for a table `schema.TABLE_AREAS` does not know: a new table must
        say which views it concerns.
        """
        poll_ids = poll_ids or {}
        areas: set[Area] = set()
        for table, ids in rows.items():
            if ids:
                areas |= TABLE_AREAS[table]
        polls = {p for t in POLL_TABLES for p in poll_ids.get(t, ())}
        return cls(
            frozenset(areas),
            notes=frozenset(rows.get("notes", ())),
            polls=frozenset(polls),
            ballots=frozenset(poll_ids.get("ballots", ())),
            origin=origin,
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.areas | other.areas,
            self.notes | other.notes,
            self.polls | other.polls,
            self.ballots | other.ballots,
            # the facilitator's part of a merge is counted at once
            Origin.PHONES if self.origin == other.origin == Origin.PHONES else Origin.FACILITATOR,
            self.everything or other.everything,
        )

    # -- reading -----------------------------------------------------------------------

    def __bool__(self) -> bool:
        return bool(self.areas)

    def touches(self, *areas: Area) -> bool:
        """Whether any of `areas` changed."""
        return not self.areas.isdisjoint(areas)

    def poll_changed(self, poll_id: int) -> bool:
        """Whether this poll's tally may differ: its definition, counts or ballots."""
        if self.everything:
            return self.touches(Area.POLLS, Area.BALLOTS)
        return poll_id in self.polls or poll_id in self.ballots

    def notes_changed(self, note_ids: Iterable[int] = ()) -> bool:
        """Whether notes changed: any if no ids are given, else any of these."""
        if not self.touches(Area.NOTES):
            return False
        wanted = frozenset(note_ids)
        return self.everything or not wanted or not wanted.isdisjoint(self.notes)


def from_event(kind: str, data: Mapping[str, object]) -> Changes:
    """What a phone's write (reported by the participant server as `kind`, `data`) changed.

    The same value a facilitator's command names for the same rows: a ballot is the
    ballots of its poll, a note is that note (held ones wait in the moderation queue).
    """
    phones = Origin.PHONES
    if kind == "ballot":
        poll = data.get("poll_id")
        if isinstance(poll, int):
            return Changes.of(Area.PEOPLE, ballots={poll}, origin=phones)
        return Changes.unknown(Area.BALLOTS, Area.PEOPLE, origin=phones)
    if kind == "note":
        note = data.get("note_id")
        notes = {note} if isinstance(note, int) else ()
        return Changes.of(Area.NOTES, Area.PEOPLE, notes=notes, origin=phones)
    if kind == "table_note":  # a table host's note (or its edit, star, withdrawal)
        note = data.get("note_id")
        notes = {note} if isinstance(note, int) else ()
        return Changes.of(Area.NOTES, Area.TABLES, notes=notes, origin=phones)
    if kind == "table_count":
        poll = data.get("poll_id")
        if isinstance(poll, int):
            return Changes.of(Area.TABLES, polls={poll}, origin=phones)
        return Changes.unknown(Area.POLLS, Area.TABLES, origin=phones)
    if kind in ("group", "card"):
        # A group is part of each of the person's ballots: tallies by group may move.
        return Changes.unknown(Area.PEOPLE, Area.BALLOTS, origin=phones)
    areas = EVENT_AREAS.get(kind)
    if areas is None:
        return Changes.unknown(Area.NOTES, Area.POLLS, Area.BALLOTS, Area.PEOPLE, origin=phones)
    return Changes(areas, origin=phones)


# What each kind of phone event (other than ballots and notes) wrote.
EVENT_AREAS: Mapping[str, frozenset[Area]] = {
    "joined": frozenset({Area.PEOPLE}),
    "join_refused": frozenset({Area.PEOPLE}),  # a count the server panel shows
    "check": frozenset({Area.PEOPLE}),
    "question": frozenset({Area.AUDIENCE, Area.PEOPLE}),
    "upvote": frozenset({Area.AUDIENCE, Area.PEOPLE}),
    "word": frozenset({Area.AUDIENCE, Area.PEOPLE}),
    "table": frozenset({Area.TABLES}),  # a table card scanned: its host's last contact
}

"""What a table host's phone may do, as commands: post the table's notes, edit or withdraw
them while the prompt is open, star up to three as key points, and enter a count for a poll
on behalf of the people at the table who did not vote by phone.

As phones.py does for a participant, the participant server calls these and nothing else
to write for a table. The host is known by the secret its phone was given when it scanned
the table card (`host_token`); a phone without it cannot act for any table. Notes pass the
one intake for phones (intake.py: the open prompt, lengths, the held queue, the word
list); a table's count joins the poll's results marked as the table's, never as ballots,
and is refused past the table's seats.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from summit_app.core import intake
from summit_app.core.agenda import AgendaRepo
from summit_app.core.db import Db, now
from summit_app.core.errors import NotAllowedError, NotFoundError, StateError, ValidationError
from summit_app.core.model import Author, Note, Poll, PollKind, PollState, Table, TableCount
from summit_app.core.moderation import ModerationRepo
from summit_app.core.notes import NotesRepo
from summit_app.core.polls import PollsRepo
from summit_app.core.tables import TablesRepo

MAX_KEY_POINTS = 3
NOT_A_HOST = (
    "This phone is not a table's host (its table card may have been reprinted). Scan your"
    " table card to send for your table."
)
PROMPT_CLOSED = (
    "The facilitator has closed this question, so your table's notes can no longer change."
)
OTHER_TABLE = "That note is not your table's."
TOO_MANY_KEYS = f"A table can star up to {MAX_KEY_POINTS} key points. Take the star off one first."
COUNT_KINDS = (PollKind.SINGLE, PollKind.MULTI)
COUNT_KIND = (
    "Table counts are taken for pick-one and pick-several polls. For this one, people at"
    " the table vote on their own phones."
)


def host(db: Db, host_token: str) -> Table:
    """The table this phone hosts (NotAllowedError if none)."""
    table = TablesRepo(db).by_host(host_token) if host_token else None
    if table is None:
        raise NotAllowedError(NOT_A_HOST)
    return table


def _acting(db: Db, host_token: str) -> Table:
    """The host's table, heard from now (inside the caller's write)."""
    table = host(db, host_token)
    TablesRepo(db).heard(table.id)
    return table


def post_note(
    db: Db, host_token: str, prompt_id: int, text: str, sent_key: str | None = None
) -> Note:
    """A note from the table (tagged with it), through the phones' intake. `sent_key`,
    the phone's own name for the note, makes a resend (its answer lost on the way) find the
    note already in rather than store it twice."""
    notes = NotesRepo(db)
    with db.write():
        table = _acting(db, host_token)
        if sent_key:
            found = db.rows(
                "SELECT id FROM notes WHERE table_id = ? AND sent_key = ?", (table.id, sent_key)
            )
            if found:
                return notes.note(found[0]["id"])
        note = notes.add_note(prompt_id, text, Author.PARTICIPANT, table_id=table.id)
        if sent_key:
            db.execute("UPDATE notes SET sent_key = ? WHERE id = ?", (sent_key, note.id))
        return notes.note(note.id)


def table_notes(db: Db, host_token: str, prompt_id: int) -> list[Note]:
    """The table's own notes for this prompt, in the order sent."""
    table = host(db, host_token)
    rows = db.rows(
        "SELECT id FROM notes WHERE prompt_id = ? AND table_id = ? ORDER BY id",
        (prompt_id, table.id),
    )
    notes = NotesRepo(db)
    return [notes.note(r["id"]) for r in rows]


def _open_note(db: Db, host_token: str, note_id: int) -> Note:
    """The table's own note, while its prompt is the one open for phones."""
    table = _acting(db, host_token)
    try:
        note = NotesRepo(db).note(note_id)
    except NotFoundError:
        raise NotFoundError("That note is not there any more.") from None
    if note.table_id != table.id:
        raise NotAllowedError(OTHER_TABLE)
    if db.live().open_prompt_id != note.prompt_id:
        raise StateError(PROMPT_CLOSED)
    return note


def edit_note(db: Db, host_token: str, note_id: int, text: str) -> Note:
    """The table's note reworded; the new words are screened again (held if flagged or
    the prompt is moderated), as a new note's are."""
    with db.write():
        note = _open_note(db, host_token, note_id)
        intake.check_text(intake.NOTES, text)
        screening = ModerationRepo(db).screen(AgendaRepo(db).prompt(note.prompt_id), text)
        db.execute(
            "UPDATE notes SET text = ?, is_held = ?, flagged = ? WHERE id = ?",
            (text, int(screening.held), screening.flagged, note_id),
        )
        return NotesRepo(db).note(note_id)


def withdraw_note(db: Db, host_token: str, note_id: int) -> None:
    """The table takes its note back (while the prompt is open)."""
    with db.write():
        _open_note(db, host_token, note_id)
        db.execute("DELETE FROM notes WHERE id = ?", (note_id,))


def star(db: Db, host_token: str, note_id: int, on: bool = True) -> Note:
    """Mark (or unmark) the note as one of the table's key points: at most three."""
    with db.write():
        _open_note(db, host_token, note_id)
        return mark_key(db, note_id, on)


def mark_key(db: Db, note_id: int, on: bool = True) -> Note:
    """The table note marked (or unmarked) as one of its table's key points, at most three
    a table a prompt (a host's star, or a template's)."""
    with db.write():
        note = NotesRepo(db).note(note_id)
        if note.table_id is None:
            raise ValidationError("Only a table's notes are its key points.")
        if on and not note.is_key:
            starred = db.execute(
                "SELECT COUNT(*) FROM notes WHERE prompt_id = ? AND table_id = ? AND is_key = 1",
                (note.prompt_id, note.table_id),
            ).fetchone()[0]
            if starred >= MAX_KEY_POINTS:
                raise ValidationError(TOO_MANY_KEYS)
        db.execute("UPDATE notes SET is_key = ? WHERE id = ?", (int(on), note_id))
        return NotesRepo(db).note(note_id)


def counted(db: Db, table_id: int, poll_id: int) -> TableCount | None:
    """The table's count for this poll, if it sent one."""
    found = [c for c in PollsRepo(db).table_counts(poll_id) if c.table_id == table_id]
    return found[0] if found else None


def count(
    db: Db, host_token: str, poll_id: int, counts: Mapping[int, int], people: int | None = None
) -> TableCount:
    """The table's count for an open poll, replacing its earlier one: option id -> how
    many at the table picked it, from `people` who did not vote by phone (for a pick-one
    poll, the picks themselves). Refused past the table's seats."""
    polls = PollsRepo(db)
    with db.write():
        table = _acting(db, host_token)
        try:
            poll = polls.poll(poll_id)
        except NotFoundError:
            raise NotFoundError("That poll is not running any more.") from None
        if poll.state is not PollState.OPEN:
            raise StateError("This poll is not open, so the table's count was not taken.")
        clean, people = check_count(poll, table, counts, people)
        db.execute(
            "INSERT INTO table_counts (poll_id, table_id, people, counts, counted_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (poll_id, table_id) DO UPDATE SET"
            " people = excluded.people, counts = excluded.counts,"
            " counted_at = excluded.counted_at",
            (poll_id, table.id, people, json.dumps(clean), now()),
        )
        return TableCount(poll_id, table.id, people, clean, now())


def check_count(
    poll: Poll, table: Table, counts: Mapping[int, int], people: int | None
) -> tuple[dict[int, int], int]:
    """The count as stored (options with a count above 0) and the people it stands for."""
    if poll.kind not in COUNT_KINDS:
        raise ValidationError(COUNT_KIND)
    option_ids = {o.id for o in poll.options}
    clean: dict[int, int] = {}
    for option_id, n in counts.items():
        if option_id not in option_ids:
            raise ValidationError("That option is not in this poll.")
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ValidationError("Each count must be a whole number, 0 or more.")
        if n:
            clean[option_id] = n
    picks = sum(clean.values())
    if poll.kind is PollKind.SINGLE:
        people = picks if people is None else people
        if picks != people:
            raise ValidationError(
                f"Each person picks one option, so the counts ({picks}) must add up to the"
                f" {people} people counted."
            )
    elif people is None:
        raise ValidationError("Say how many people at the table were counted.")
    if not isinstance(people, int) or people < 0:
        raise ValidationError("The number of people counted must be a whole number.")
    if people > table.seats:
        raise ValidationError(
            f"{table.label} seats {table.seats}, so it cannot count {people} people."
            " Count only the people at the table who did not vote on their own phone."
        )
    if poll.kind is PollKind.MULTI:
        most = max(clean.values(), default=0)
        if most > people:
            raise ValidationError(
                f"An option cannot have more picks ({most}) than people counted ({people})."
            )
        if picks > people * poll.max_choices:
            raise ValidationError(
                f"{people} people picking up to {poll.max_choices} each make at most"
                f" {people * poll.max_choices} picks, not {picks}."
            )
    return clean, people

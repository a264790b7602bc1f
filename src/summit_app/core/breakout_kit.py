"""A breakout kit: a `.summit` file for one room, holding the summit's settings, the items
the room will run (with their speakers, prompts, polls and what they already hold), the
groups, and the room's name. It opens in Summit like any summit, with its own join code.

Every row in it keeps its identity in the main file (`origin`, `origin_id`), and rows the
room adds have none (made there), so `core.merge` recognises each row whatever its id.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from summit_app.core import cipher
from summit_app.core.breakout import Room
from summit_app.core.breakout_rows import merged_tables
from summit_app.core.cards import new_pass
from summit_app.core.db import now
from summit_app.core.errors import SummitFileError, ValidationError
from summit_app.core.model import PollState
from summit_app.core.schedule import clock, plan
from summit_app.core.store import (
    Summit,
    new_join_code,
    new_short_code,
    new_uid,
    remove_files,
    snapshot,
)

log = logging.getLogger(__name__)

# Rows of the main file that stay behind: the room starts its own actions, narrative,
# voting cards and rooms, and only the people whose input is in its items go with it.
_TRIM = (
    "DELETE FROM cards",
    "DELETE FROM breakout_items",
    "DELETE FROM breakouts",
    "DELETE FROM undo_history",
    # A cache of every note's embedding: the room builds its own from the notes it holds.
    "DELETE FROM note_embeddings",
    "DELETE FROM actions",
    # Never open in the room's copy (a send refuses an open poll; this is the backstop).
    "UPDATE polls SET state = 'closed', closed_at = COALESCE(closed_at, opened_at)"
    " WHERE state = 'open'",
    "DELETE FROM narrative_blocks",
    "DELETE FROM items WHERE id NOT IN (SELECT id FROM temp.kit_items)",
    "DELETE FROM sections WHERE id NOT IN (SELECT section_id FROM items)",
    # Only the slides of the room's items go with it (a deck's PDF can be large).
    "DELETE FROM deck_files WHERE id NOT IN (SELECT file_id FROM decks)",
    # Other rooms' tables, merged in earlier, unless the room's items hold their notes.
    "DELETE FROM tables WHERE origin IS NOT NULL AND id NOT IN (SELECT table_id FROM notes"
    " WHERE table_id IS NOT NULL UNION SELECT table_id FROM table_counts)",
    "DELETE FROM participants WHERE id NOT IN (SELECT participant_id FROM ballots"
    " UNION SELECT participant_id FROM notes WHERE participant_id IS NOT NULL"
    " UNION SELECT participant_id FROM questions WHERE participant_id IS NOT NULL"
    " UNION SELECT participant_id FROM upvotes"
    " UNION SELECT participant_id FROM words WHERE participant_id IS NOT NULL)",
)


def write_kit(summit: Summit, path: Path | str, name: str, item_ids: Sequence[int]) -> Room:
    """Write room `name`'s file at `path` with these items, and record in the main file
    that the room holds them (in the caller's transaction, such as the window's undo step).

    Raises ValidationError or SummitFileError with a sentence; then no file is left.
    """
    path = Path(path)
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Name the breakout room (for example “Breakout B: Workforce”).")
    if summit.breakouts.room_name():
        raise ValidationError(
            "This file is itself a breakout room's: rooms are sent out from the main summit."
        )
    chosen = sorted(set(item_ids))
    if not chosen:
        raise ValidationError("Choose at least one agenda item for the room to run.")
    known = {item.id for item in summit.agenda.items()}
    if not set(chosen) <= known:
        raise ValidationError("An item chosen for the room is no longer on the agenda.")
    busy = _busy_here(summit, chosen)
    if busy:
        raise ValidationError(busy)
    if any(room.name == name for room in summit.breakouts.rooms()):
        raise ValidationError(f"There is already a breakout room called “{name}”.")
    if path.exists():
        raise SummitFileError(f"{path} already exists; choose another name.")
    if path.resolve() == summit.path.resolve():
        raise SummitFileError("Choose another file: this is the summit's own file.")
    uid = new_uid()
    start = _first_start(summit, chosen)
    try:
        snapshot(summit.path, path)  # a protected summit's kit has its passphrase
        _trim(path, chosen, uid, name, summit.breakouts.uid(), start, cipher.key_for(summit.path))
    except cipher.FILE_ERRORS as error:
        remove_files(path)
        raise SummitFileError(f"The room's file {path} could not be written: {error}.") from error
    try:
        with summit.write():
            room_id = summit.execute(
                "INSERT INTO breakouts (uid, name, written_at) VALUES (?, ?, ?)",
                (uid, name, now()),
            ).lastrowid
            summit.db.conn.executemany(
                "INSERT INTO breakout_items (breakout_id, item_id) VALUES (?, ?)",
                [(room_id, item) for item in chosen],
            )
            # Phones stop writing to the room's prompts here (their notes would be refused):
            # the room opens them on its own laptop.
            summit.execute(
                "UPDATE summit SET open_prompt_id = NULL WHERE open_prompt_id IN"
                f" (SELECT id FROM prompts WHERE item_id IN ({','.join('?' * len(chosen))}))",
                tuple(chosen),
            )
    except BaseException:
        remove_files(path)
        raise
    assert room_id is not None
    log.info("%s", written(name, path))
    return summit.breakouts.room(room_id)


def written(name: str, path: Path) -> str:
    """Where room `name`'s file went, for the status bar and the log."""
    return f"{name} written to {path}: open it on the room's laptop."


def next_name(summit: Summit) -> str:
    """A room's name to start from: the first of Breakout A, B, ... not yet sent."""
    taken = {room.name.split(":")[0].strip() for room in summit.breakouts.rooms()}
    letters = (chr(c) for c in range(ord("A"), ord("Z") + 1))
    return next((f"Breakout {x}" for x in letters if f"Breakout {x}" not in taken), "Breakout")


def _busy_here(summit: Summit, chosen: list[int]) -> str | None:
    """Why these items cannot leave yet, or None. Once a room holds an item this file may not
    write its rows, so an open poll would stay open to phones here (their votes refused)
    and a running item could never end; the room's copy would also open mid-vote."""
    for poll in summit.polls.polls():
        if poll.item_id in chosen and poll.state is PollState.OPEN:
            return f"Close voting on “{poll.question}” first: phones are voting on it here."
    live = summit.live()
    if live.current_item_id in chosen:
        title = summit.agenda.item(live.current_item_id).title
        return f"Move on from “{title}” first: it is running here (Run tab, Next item)."
    return None


def _first_start(summit: Summit, chosen: list[int]) -> str:
    """The planned start, in the main plan, of the room's first item: the room's day starts
    then (not at the summit's own start, which put its items hours early)."""
    slots = plan(summit.agenda.items(), summit.info().start_time)
    return clock(min(slot.start for slot in slots if slot.item_id in chosen))


def _trim(
    path: Path,
    chosen: list[int],
    uid: str,
    name: str,
    main_uid: str,
    start: str,
    key: cipher.Key | None,
) -> None:
    conn = cipher.connection(path, key, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")  # deleting an item takes its rows with it
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TEMP TABLE kit_items (id INTEGER PRIMARY KEY)")
        conn.executemany("INSERT INTO temp.kit_items (id) VALUES (?)", [(i,) for i in chosen])
        for statement in _TRIM:
            conn.execute(statement)
        for table in merged_tables(conn):
            conn.execute(
                f"UPDATE {table.name} SET origin = ?, origin_id = id WHERE origin IS NULL",
                (main_uid,),
            )
        # The room's tables are its own (its table 3 is not the main room's table 3): the
        # main room's layout to start from, with new cards and no host phone.
        own = conn.execute("SELECT id FROM tables WHERE origin = ?", (main_uid,)).fetchall()
        for (number,) in own:
            conn.execute(
                "UPDATE tables SET origin = NULL, origin_id = NULL, pass = ?, printed = 1,"
                " host_token = NULL, last_contact = NULL WHERE id = ?",
                (new_pass(), number),
            )
        conn.execute(
            "UPDATE summit SET uid = ?, room = ?, main_uid = ?, join_code = ?, short_code = ?,"
            " current_item_id = NULL, open_prompt_id = NULL, start_time = ?",
            (uid, name, main_uid, new_join_code(), new_short_code(), start),
        )
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()

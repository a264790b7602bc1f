"""A poll several breakout rooms share, as a room's file brings it back (`core.merge`).

The main file's wording is the shared one: every room was given it, and the whole
summit's figures count every room's ballots against it. So a room's rewording of the
question is not taken, and the import's sentence (and the log) says so each time. A room's
options are matched to the shared poll's by their words: an option the room added, or
reworded, comes in as the room's own option of that poll, so no ballot cast for it is
ever credited to an option with other words; the sentence says so when it first comes in.
"""

from __future__ import annotations

import sqlite3


def one_line(text: str) -> str:
    return " ".join(text.split())


def match_options(conn: sqlite3.Connection, keys: dict[str, object], room: str) -> tuple[str, ...]:
    """Re-point the room's options of shared polls in `temp.merge_map_options` (made by
    `merge._map`): to the shared poll's option with the same words, else to the room's own
    option (inserted by the merge if new). Returns the sentences for the import."""
    conn.execute("CREATE TEMP TABLE merge_shared (main_id INTEGER PRIMARY KEY, room_id INTEGER)")
    conn.execute(
        "INSERT INTO temp.merge_shared SELECT m.main_id, m.room_id FROM temp.merge_map_polls m"
        " JOIN main.polls x ON x.id = m.main_id WHERE x.origin IS NOT :room"
        " AND x.item_id IN (SELECT item_id FROM main.breakout_items WHERE breakout_id = :bid)"
        " AND x.item_id NOT IN (SELECT item_id FROM temp.merge_sole)",
        keys,
    )
    notices = [
        f"{room}'s wording of the poll “{one_line(given)}” (“{one_line(theirs)}”) is not taken:"
        " rooms that share a poll keep the wording they were all given. Its ballots are counted."
        for given, theirs in conn.execute(
            "SELECT x.question, r.question FROM temp.merge_shared s"
            " JOIN main.polls x ON x.id = s.main_id JOIN room.polls r ON r.id = s.room_id"
            " WHERE x.question IS NOT r.question ORDER BY x.position, x.id"
        )
    ]
    same_words = (
        "(SELECT x.id FROM main.options x WHERE x.poll_id = s.main_id AND x.text = r.text"
        " ORDER BY x.origin IS NOT NULL, x.id LIMIT 1)"
    )
    # Its own option from an earlier import: same identity as the one the merge makes.
    own = "(SELECT x.id FROM main.options x WHERE x.origin = :room AND x.origin_id = m.room_id)"
    differs = (
        " NOT EXISTS (SELECT 1 FROM main.options x WHERE x.id = m.main_id AND x.text = r.text)"
    )
    shared = "JOIN temp.merge_shared s ON s.room_id = r.poll_id"
    for text, question, given in conn.execute(
        "SELECT r.text, x.question, g.text FROM temp.merge_map_options AS m"
        f" JOIN room.options r ON r.id = m.room_id {shared}"
        " JOIN main.polls x ON x.id = s.main_id LEFT JOIN main.options g ON g.id = m.main_id"
        f" WHERE {differs} AND {same_words} IS NULL AND {own} IS NULL ORDER BY r.position",
        keys,
    ).fetchall():
        shown, poll = one_line(text), one_line(question)
        if given is None:
            notices.append(
                f"{room} added the option “{shown}” to the shared poll “{poll}”: it comes in as"
                " that room's own option, with that room's votes for it only."
            )
        else:
            notices.append(
                f"{room} reworded “{one_line(given)}” as “{shown}” in the shared poll “{poll}”:"
                " that option comes in as the room's own, so its votes for it are not counted"
                f" with the other rooms' “{one_line(given)}”."
            )
    conn.execute(
        "UPDATE temp.merge_map_options AS m SET m_origin = :room, m_origin_id = m.room_id,"
        f" main_id = COALESCE({same_words}, {own}) FROM room.options r {shared}"
        f" WHERE m.room_id = r.id AND {differs}",
        keys,
    )
    return (*notices, *_rules_apart(conn, room))


# What a room's count of a poll is made of: rows that belong to a poll by `poll_id`.
_COUNTS = ("ballots", "hand_counts", "hand_voters", "table_counts")


def _rules_apart(conn: sqlite3.Connection, room: str) -> list[str]:
    """A shared poll whose kind or rules the room changed (pick one where the others pick
    several, other points...): its ballots and counts cannot be tallied with the other
    rooms', so they are not taken (dropped from the merge's maps), and the sentence says so."""
    apart = conn.execute(
        "SELECT r.id, x.question FROM temp.merge_shared s"
        " JOIN main.polls x ON x.id = s.main_id JOIN room.polls r ON r.id = s.room_id"
        " WHERE x.kind IS NOT r.kind OR x.max_choices IS NOT r.max_choices"
        " OR x.points IS NOT r.points ORDER BY x.position, x.id"
    ).fetchall()
    said = []
    for poll_id, question in apart:
        ballots = conn.execute(
            "SELECT count(*) FROM room.ballots WHERE poll_id = ?", (poll_id,)
        ).fetchone()[0]
        for table in _COUNTS:
            conn.execute(
                f"DELETE FROM temp.merge_map_{table} WHERE room_id IN"
                f" (SELECT id FROM room.{table} WHERE poll_id = ?)",
                (poll_id,),
            )
        said.append(
            f"{room} changed how the shared poll “{one_line(question)}” is answered, so its"
            f" {ballots:,} {'ballot' if ballots == 1 else 'ballots'} and counts there cannot"
            " be counted with the other rooms' and are not taken. Everything else came in."
        )
    return said

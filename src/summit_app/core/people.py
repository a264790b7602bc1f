"""Participants (phones that joined), actions and personal commitments (in the team's order)."""

from __future__ import annotations

import secrets
from typing import Any

from summit_app.core import ordering
from summit_app.core.checks import NOTE_MAX_CHARS, need_text
from summit_app.core.db import Db, now
from summit_app.core.errors import NotFoundError, ValidationError
from summit_app.core.model import Action, Participant


class PeopleRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- participants --------------------------------------------------------------------

    def join(self, group: str | None = None, joined_at: str | None = None) -> Participant:
        """A new participant with an opaque, unguessable token."""
        group = self._check_group(group)
        token = secrets.token_urlsafe(24)
        with self._s.write():
            cur = self._s.execute(
                "INSERT INTO participants (token, joined_at, group_name) VALUES (?, ?, ?)",
                (token, joined_at or now(), group),
            )
        return self.participant(int(cur.lastrowid or 0))

    def participant(self, participant_id: int) -> Participant:
        rows = self._s.rows("SELECT * FROM participants WHERE id = ?", (participant_id,))
        if not rows:
            raise NotFoundError(f"There is no participant {participant_id}.")
        return _participant(rows[0])

    def by_token(self, token: str) -> Participant | None:
        rows = self._s.rows("SELECT * FROM participants WHERE token = ?", (token,))
        return _participant(rows[0]) if rows else None

    def participants(self, taking_part: bool = False) -> list[Participant]:
        """Every phone that joined; with `taking_part`, only those that voted, posted a
        note or picked a group (a link preview or a flood of joins never acts)."""
        where = " WHERE acted_at IS NOT NULL" if taking_part else ""
        rows = self._s.rows(f"SELECT * FROM participants{where} ORDER BY id")
        return [_participant(r) for r in rows]

    def count(self) -> int:
        """Phones that joined this laptop (opened the link), whether or not they did
        anything: not those of another room that a breakout room's file carries (`origin`)."""
        sql = "SELECT COUNT(*) FROM participants WHERE origin IS NULL"
        return int(self._s.execute(sql).fetchone()[0])

    def taking_part(self) -> int:
        """Participants on this laptop who voted, posted a note or picked a group."""
        sql = "SELECT COUNT(*) FROM participants WHERE acted_at IS NOT NULL AND origin IS NULL"
        return int(self._s.execute(sql).fetchone()[0])

    def acted(self, participant_id: int) -> None:
        """Count this participant as taking part from now on (inside the caller's write)."""
        self._s.execute(
            "UPDATE participants SET acted_at = ? WHERE id = ? AND acted_at IS NULL",
            (now(), participant_id),
        )

    def set_group(self, participant_id: int, group: str | None) -> Participant:
        group = self._check_group(group)
        with self._s.write():
            self.participant(participant_id)
            self._s.execute(
                "UPDATE participants SET group_name = ? WHERE id = ?", (group, participant_id)
            )
            self.acted(participant_id)
        return self.participant(participant_id)

    def _check_group(self, group: str | None) -> str | None:
        if group is None or group == "":
            return None
        if group not in self._s.info().groups:
            raise ValidationError("Choose a group from the list.")
        return group

    # -- actions and commitments ---------------------------------------------------------

    def actions(self) -> list[Action]:
        rows = self._s.rows("SELECT * FROM actions ORDER BY position, id")
        return [Action(**{**r, "is_commitment": bool(r["is_commitment"])}) for r in rows]

    def add_action(
        self, text: str, owner: str = "", due: str = "", is_commitment: bool = False
    ) -> Action:
        need_text(text, "An action needs some text.", NOTE_MAX_CHARS, "That action")
        with self._s.write():
            pos = ordering.next_position(self._s, "actions")
            cur = self._s.execute(
                "INSERT INTO actions (position, text, owner, due, is_commitment)"
                " VALUES (?, ?, ?, ?, ?)",
                (pos, text, owner, due, int(is_commitment)),
            )
        return self.action(int(cur.lastrowid or 0))

    def action(self, action_id: int) -> Action:
        found = [a for a in self.actions() if a.id == action_id]
        if not found:
            raise NotFoundError(f"There is no action {action_id}.")
        return found[0]

    def update_action(
        self, action_id: int, text: str, owner: str = "", due: str = "", is_commitment: bool = False
    ) -> Action:
        need_text(text, "An action needs some text.", NOTE_MAX_CHARS, "That action")
        with self._s.write():
            self.action(action_id)
            self._s.execute(
                "UPDATE actions SET text = ?, owner = ?, due = ?, is_commitment = ? WHERE id = ?",
                (text, owner, due, int(is_commitment), action_id),
            )
        return self.action(action_id)

    def move_action(self, action_id: int, position: int) -> None:
        """Put the action at `position` of the one list actions and commitments share."""
        with self._s.write():
            ordering.move(self._s, "actions", action_id, position)

    def remove_action(self, action_id: int) -> None:
        with self._s.write():
            self._s.execute("DELETE FROM actions WHERE id = ?", (action_id,))
            ordering.renumber(self._s, "actions", None)


def _participant(row: dict[str, Any]) -> Participant:
    return Participant(
        id=row["id"],
        token=row["token"],
        joined_at=row["joined_at"],
        group=row["group_name"],
        acted_at=row["acted_at"],
    )

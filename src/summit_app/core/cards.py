"""Verified voting: printed cards, each with an unguessable pass, and nothing about who holds it.

A card stands for one participant. The first phone that scans it makes that participant;
any phone that scans it later becomes the same participant (same ballot, not a second one).
In verified mode only a participant holding a card that is not revoked may vote, post a
note or pick a group. Revoking a lost card gives its participant a new pass and a new token
(the phones that used the old card lose it) and prints a replacement card for them.
"""

from __future__ import annotations

import secrets
from typing import Any

from summit_app.core.db import Db, now
from summit_app.core.errors import NotAllowedError, NotFoundError, ValidationError
from summit_app.core.model import Card, Participant
from summit_app.core.people import PeopleRepo

# Crockford's base32: no I, L, O or U, so a pass read aloud or typed is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PASS_CHARS = 16  # 80 bits
MAX_CARDS_AT_ONCE = 1000
NEED_CARD = (
    "Only holders of a voting card can take part in this summit's votes. Scan the QR code"
    " on your card, or type the code printed on it."
)
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_pass() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(PASS_CHARS))


def normal_pass(typed: str) -> str:
    """A pass as stored, from what was scanned or typed ('k7qf-9xm2 …' reads as 'K7QF9XM2…')."""
    return "".join(typed.upper().replace("-", "").replace(" ", "").translate(_READ_AS).split())


def grouped(pass_: str) -> str:
    """The pass in groups of four, as printed: 'K7QF-9XM2-ABCD-EFGH'."""
    return "-".join(pass_[i : i + 4] for i in range(0, len(pass_), 4))


class CardsRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    # -- verified mode ---------------------------------------------------------------------

    def verified(self) -> bool:
        """Only card holders may vote, post notes or pick a group."""
        return bool(self._s.execute("SELECT verified FROM summit WHERE id = 1").fetchone()[0])

    def may_act(self, participant_id: int) -> None:
        """In verified mode, only a participant holding a card that is not revoked may vote,
        send anything or pick a group: NotAllowedError otherwise."""
        if self.verified() and self.of_participant(participant_id) is None:
            raise NotAllowedError(NEED_CARD)

    def set_verified(self, on: bool) -> None:
        with self._s.write():
            self._s.execute("UPDATE summit SET verified = ? WHERE id = 1", (int(on),))
            self._s.touch()

    # -- the cards ---------------------------------------------------------------------------

    def issue(self, count: int, group: str | None = None) -> list[Card]:
        """`count` new cards (numbered on from the last), optionally set to a group."""
        if not isinstance(count, int) or not 1 <= count <= MAX_CARDS_AT_ONCE:
            raise ValidationError(f"Print between 1 and {MAX_CARDS_AT_ONCE} cards at a time.")
        group = PeopleRepo(self._s)._check_group(group)
        with self._s.write():
            first = self._next_number()
            for number in range(first, first + count):
                self._s.execute(
                    "INSERT INTO cards (id, pass, group_name, created_at) VALUES (?, ?, ?, ?)",
                    (number, new_pass(), group, now()),
                )
        return [self.card(n) for n in range(first, first + count)]

    def cards(self) -> list[Card]:
        return [_card(r) for r in self._s.rows("SELECT * FROM cards ORDER BY id")]

    def card(self, number: int) -> Card:
        rows = self._s.rows("SELECT * FROM cards WHERE id = ?", (number,))
        if not rows:
            raise NotFoundError(f"There is no card {number}.")
        return _card(rows[0])

    def by_pass(self, typed: str) -> Card | None:
        rows = self._s.rows("SELECT * FROM cards WHERE pass = ?", (normal_pass(typed),))
        return _card(rows[0]) if rows else None

    def of_participant(self, participant_id: int) -> Card | None:
        """The card this participant holds now (not revoked), if any."""
        rows = self._s.rows(
            "SELECT * FROM cards WHERE participant_id = ? AND revoked_at IS NULL",
            (participant_id,),
        )
        return _card(rows[0]) if rows else None

    def claim(self, typed: str) -> tuple[Card, Participant]:
        """The card with this pass and the participant a scan of it makes the phone into
        (made at its first scan).

        The card is read inside the write transaction: read before it, a card the
        facilitator cancels in between would hand its finder the participant that the
        replacement card now logs in as. Raises NotFoundError for a pass that is no card's,
        NotAllowedError for a cancelled card."""
        with self._s.write():
            card = self.by_pass(typed)
            if card is None:
                raise NotFoundError("There is no card with this pass.")
            if card.revoked:
                raise NotAllowedError(
                    f"Card {card.id} was cancelled. Ask the facilitator for a replacement card."
                )
            if card.participant_id is not None:
                return card, PeopleRepo(self._s).participant(card.participant_id)
            joined = PeopleRepo(self._s).join(card.group)
            self._s.execute(
                "UPDATE cards SET participant_id = ? WHERE id = ?", (joined.id, card.id)
            )
            return card, joined

    def revoke(self, number: int) -> Card:
        """Cancel a lost card; return its replacement (a new number and pass, same group).

        The participant it stood for keeps their ballots and gets a new token, so phones
        that used the lost card can no longer act; the replacement card logs in as them."""
        with self._s.write():
            lost = self.card(number)
            if lost.revoked:
                raise ValidationError(f"Card {number} is already cancelled.")
            self._s.execute("UPDATE cards SET revoked_at = ? WHERE id = ?", (now(), number))
            participant_id = lost.participant_id
            if participant_id is not None:
                self._s.execute("UPDATE cards SET participant_id = NULL WHERE id = ?", (number,))
                self._s.execute(
                    "UPDATE participants SET token = ? WHERE id = ?",
                    (secrets.token_urlsafe(24), participant_id),
                )
            replacement = self._next_number()
            self._s.execute(
                "INSERT INTO cards (id, pass, group_name, participant_id, created_at, replaces)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (replacement, new_pass(), lost.group, participant_id, now(), number),
            )
        return self.card(replacement)

    def _next_number(self) -> int:
        return int(self._s.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM cards").fetchone()[0])


def _card(row: dict[str, Any]) -> Card:
    return Card(
        id=row["id"],
        pass_=row["pass"],
        created_at=row["created_at"],
        group=row["group_name"],
        participant_id=row["participant_id"],
        revoked_at=row["revoked_at"],
        replaces=row["replaces"],
    )

"""The phone server on a protected summit, in the window's own process: two SQLCipher
connections (the window's and the server's) on one file, each write taking the lock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_room import Room, serving

from summit_app.core import cipher
from summit_app.core.model import PollKind
from summit_app.core.protect import protect

PASSPHRASE = "harbour lantern cobalt"


def _protected(path: Path) -> None:
    protect(path, PASSPHRASE)
    cipher.forget(path)
    cipher.unlock(path, PASSPHRASE)  # as the window's dialog does


@pytest.fixture
def protected_room(tmp_path: Path) -> Iterator[Room]:
    path = tmp_path / "day.summit"
    try:
        with serving(path, _protected) as room:
            yield room
    finally:
        cipher.forget(path)


def test_phones_vote_on_a_protected_summit_while_the_window_writes(protected_room: Room) -> None:
    room = protected_room
    poll_id = room.poll(PollKind.SINGLE, ["Workforce", "Digital"])
    options = [o.id for o in room.summit.polls.poll(poll_id).options]
    prompt = room.summit.agenda.add_prompt(room.item_id, "What would help?")
    for n in range(12):
        phone = room.phone()
        answer = phone.post(
            "/api/ballot", json={"poll_id": poll_id, "choices": {options[n % 2]: 1}}
        )
        assert answer.status_code == 200, answer.text
        room.summit.notes.add_note(prompt.id, f"Typed by the facilitator {n}")  # between votes
    assert len(room.summit.polls.ballots(poll_id)) == 12
    assert len(room.summit.notes.notes(prompt.id)) == 12
    state = room.phone().get("/api/state").json()
    assert state["poll"]["id"] == poll_id
    assert b"Typed by the facilitator" not in room.path.read_bytes()
    wal = Path(f"{room.path}-wal")
    assert not wal.exists() or b"Typed by the facilitator" not in wal.read_bytes()

"""What one participant may hold and send: a few live streams, a few posts a minute."""

from __future__ import annotations

import contextlib

from server_room import Room

from summit_app.server import push
from summit_app.server.deps import POST_BURST, TOO_MANY_POSTS


def test_one_pass_holds_a_few_event_streams_not_thousands(room: Room) -> None:
    phone = room.phone()
    with contextlib.ExitStack() as held:
        for _ in range(push.STREAMS_PER_PARTICIPANT):
            stream = held.enter_context(phone.stream("GET", "/api/events", timeout=5))
            assert stream.status_code == 200
        refused = phone.get("/api/events")
        assert refused.status_code == 429 and refused.json()["error"] == push.TOO_MANY_STREAMS
        other = held.enter_context(room.phone().stream("GET", "/api/events", timeout=5))
        assert other.status_code == 200  # another phone is not held back by this one


def test_one_participant_posts_a_few_notes_a_minute(room: Room) -> None:
    prompt = room.summit.agenda.add_prompt(room.item_id, "What is missing?")
    room.summit.agenda.open_prompt(prompt.id)
    phone = room.phone()
    answers = [
        phone.post("/api/note", json={"prompt_id": prompt.id, "text": f"Note {n}"})
        for n in range(30)
    ]
    taken = [a for a in answers if a.status_code == 201]
    assert len(taken) == POST_BURST
    refused = [a.json()["error"] for a in answers if a.status_code == 429]
    assert len(refused) == 30 - POST_BURST and TOO_MANY_POSTS in refused
    assert len(room.summit.notes.notes(prompt.id)) == POST_BURST
    other = room.phone().post("/api/note", json={"prompt_id": prompt.id, "text": "Mine"})
    assert other.status_code == 201

"""Phones follow the facilitator: a change made through another connection reaches them."""

from __future__ import annotations

import time

from server_room import Room

from summit_app.core import Summit
from summit_app.core.model import PollKind


def wait_for_state(phone, check, seconds: float = 2.0) -> dict:  # noqa: ANN001
    """Poll as the page does (every 0.2 s here) until `check(state)` holds or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        state = phone.get("/api/state").json()
        if check(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.2)


def test_a_poll_opened_by_a_script_appears_on_phones_within_two_seconds(room: Room) -> None:
    phone = room.phone()
    phone.get("/api/state")
    started = time.monotonic()
    with Summit.open(room.path) as script:
        poll = script.polls.add_poll(room.item_id, "Which first?", PollKind.SINGLE, ["A", "B"])
        script.polls.open_poll(poll.id)
    state = wait_for_state(phone, lambda s: (s["poll"] or {}).get("id") == poll.id)
    assert state["poll"]["question"] == "Which first?"
    assert time.monotonic() - started < 2.0


def test_the_running_item_and_open_question_follow_the_gui(room: Room) -> None:
    phone = room.phone()
    section = room.summit.agenda.sections()[0]
    item = room.summit.agenda.add_item(section.id, "Coffee", "break", 15)
    room.summit.agenda.start_item(item.id)
    state = wait_for_state(phone, lambda s: s["item"]["title"] == "Coffee")
    assert state["item"] == {"title": "Coffee", "kind": "break"}
    room.summit.agenda.start_item(room.item_id)


def test_an_unchanged_state_costs_a_304(room: Room) -> None:
    phone = room.phone()
    first = phone.get("/api/state")
    etag = first.headers["etag"]
    again = phone.get("/api/state", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    room.summit.agenda.open_prompt(room.summit.agenda.add_prompt(room.item_id, "Why?").id)
    changed = wait_for_state(phone, lambda s: s["prompt"] is not None)
    assert changed["prompt"]["text"] == "Why?"
    assert phone.get("/api/state", headers={"if-none-match": etag}).status_code == 200
    room.summit.agenda.open_prompt(None)


def test_every_response_carries_the_security_headers(room: Room) -> None:
    phone = room.phone()
    for response in (
        phone.get(f"/j/{room.summit.info().join_code}"),
        phone.get("/api/state"),
        phone.get("/static/app.js"),
        phone.get("/j/wrong"),
        room.stranger().post("/api/ballot", json={}),
    ):
        headers = response.headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert "server" not in headers
    assert phone.get("/api/state").headers["cache-control"] == "no-store"


def test_the_room_check_counts_phones_that_reached_it(room: Room) -> None:
    code = room.summit.info().join_code
    before = room.server.check_count
    for _ in range(2):
        phone = room.stranger()
        assert phone.get(f"/check/{code}").status_code == 200
        report = phone.post(f"/check/{code}", json={"device": "Test phone"})
        assert report.status_code == 200
        phone.post(f"/check/{code}", json={"device": "Test phone"})  # a reload counts once
    assert room.server.check_count == before + 2
    assert room.events[-1][0] == "check" and room.events[-1][1]["count"] == before + 2
    assert room.stranger().get("/check/wrong").status_code == 404
    assert room.stranger().post("/check/wrong", json={}).status_code == 404

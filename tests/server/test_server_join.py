"""Joining by the QR code's link, and what a phone that has not joined can do (nothing)."""

from __future__ import annotations

from server_room import Room


def test_scanning_the_join_link_gives_the_phone_a_private_pass(room: Room) -> None:
    before = room.summit.people.count()
    phone = room.stranger()
    response = phone.get(f"/j/{room.summit.info().join_code}")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    cookie = response.headers["set-cookie"].lower()
    assert "summit_token=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert room.summit.people.count() == before + 1
    assert ("joined", {"participant_id": before + 1, "count": before + 1}) in room.events


def test_opening_the_link_again_keeps_the_same_participant(room: Room) -> None:
    phone = room.phone()
    count = room.summit.people.count()
    assert phone.get(f"/j/{room.summit.info().join_code}").status_code == 200
    assert room.summit.people.count() == count


def test_a_wrong_code_finds_nothing_and_joins_no_one(room: Room) -> None:
    count = room.summit.people.count()
    response = room.stranger().get("/j/not-the-code")
    assert response.status_code == 404
    assert "not for the summit running here" in response.text
    assert room.summit.people.count() == count


def test_someone_who_has_not_scanned_cannot_read_or_post(room: Room) -> None:
    stranger = room.stranger()
    assert stranger.get("/api/state").status_code == 401
    refused = stranger.post("/api/ballot", json={"poll_id": 1, "choices": {}})
    assert refused.status_code == 401
    assert "Scan the QR code" in refused.json()["error"]


def test_a_made_up_pass_is_refused(room: Room) -> None:
    forger = room.stranger(cookies={"summit_token": "guess"})
    response = forger.post("/api/note", json={"prompt_id": 1, "text": "hi"})
    assert response.status_code == 403
    assert "not for this summit" in response.json()["error"]


def test_a_participant_picks_a_group_from_the_summits_own_list(room: Room) -> None:
    phone = room.phone()
    assert phone.post("/api/group", json={"group": "Pharmacy"}).status_code == 200
    assert phone.get("/api/state").json()["me"]["group"] == "Pharmacy"
    assert phone.get("/api/state").json()["groups"] == ["Nursing", "Pharmacy", "Social care"]
    refused = phone.post("/api/group", json={"group": "Astronaut"})
    assert refused.status_code == 422
    assert refused.json()["error"] == "Choose a group from the list."


def test_there_is_no_way_to_steer_the_summit_from_a_phone(room: Room) -> None:
    phone = room.phone()
    for path in (
        "/api/poll/1/open",
        "/api/polls",
        "/api/note/1/hide",
        "/api/item/1/start",
        "/docs",
        "/openapi.json",
    ):
        assert phone.post(path, json={}).status_code in (404, 405)
        assert phone.get(path).status_code in (404, 405)

"""The page's script and style travel compressed; the phones' frequent API answers do not."""

from __future__ import annotations

from server_room import Room


def test_static_files_are_gzipped_and_api_answers_are_not(room: Room) -> None:
    phone = room.phone()
    script = phone.get("/static/poll.js", headers={"Accept-Encoding": "gzip"})
    assert script.status_code == 200 and script.headers["content-encoding"] == "gzip"
    state = phone.get("/api/state", headers={"Accept-Encoding": "gzip"})
    assert state.status_code == 200 and "content-encoding" not in state.headers

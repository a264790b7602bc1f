"""The page's script and style travel compressed; the phones' frequent API answers do not."""

from __future__ import annotations

from server_room import Room


def test_static_files_are_gzipped_and_api_answers_are_not(room: Room) -> None:
    phone = room.phone()
    script = phone.get("/static/poll.js", headers={"Accept-Encoding": "gzip"})
    assert script.status_code == 200 and script.headers["content-encoding"] == "gzip"
    state = phone.get("/api/state", headers={"Accept-Encoding": "gzip"})
    assert state.status_code == 200 and "content-encoding" not in state.headers


def test_the_page_files_come_from_memory_compressed_once_with_their_etag(room: Room) -> None:
    phone = room.phone()
    for path in ("/static/app.css", "/phone.js"):
        first = phone.get(path, headers={"Accept-Encoding": "gzip"})
        again = phone.get(path, headers={"Accept-Encoding": "gzip"})
        assert first.status_code == again.status_code == 200
        assert first.headers["content-encoding"] == "gzip"
        assert first.content == again.content and len(first.content) > 1000  # decoded by httpx
        assert int(first.headers["content-length"]) < len(first.content) / 2
        kept = phone.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert kept.status_code == 304 and kept.content == b""
        plain = phone.get(path, headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.content == first.content
    assert phone.get("/static/app.css").headers["content-type"] == "text/css; charset=utf-8"
    assert phone.get("/static/nothing.js").status_code == 404
    assert phone.get("/static/../index.html").status_code == 404
    assert phone.post("/static/app.css").status_code in (403, 405)

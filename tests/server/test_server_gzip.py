"""The page's script and style travel compressed; the phones' frequent API answers do not."""

from __future__ import annotations

from server_room import Room


def test_static_files_are_gzipped_and_api_answers_are_not(room: Room) -> None:
    phone = room.phone()
    script = phone.get("/static/poll.js", headers={"Accept-Encoding": "gzip"})
    assert script.status_code == 200 and script.headers["content-encoding"] == "gzip"
    state = phone.get("/api/state", headers={"Accept-Encoding": "gzip"})
    assert state.status_code == 200 and "content-encoding" not in state.headers


def test_the_phone_script_travels_without_its_comments_and_still_says_everything(
    room: Room,
) -> None:
    from summit_app.resources import WEB
    from summit_app.server.bundle import SCRIPTS

    sources = [(WEB / name).read_text(encoding="utf-8") for name in SCRIPTS]
    # What makes dropping comment lines and indentation safe: no literal spans lines.
    for source in sources:
        assert "`" not in source.replace("`feedback(form)`", "")
        assert not any(line.rstrip().endswith("\\") for line in source.splitlines())
    script = room.phone().get("/phone.js", headers={"Accept-Encoding": "identity"})
    assert script.status_code == 200
    sent = script.text
    assert len(sent) < 0.85 * sum(len(source) for source in sources)
    assert "\n//" not in sent and "\n " not in sent
    # Every statement is still there: each source's code lines, in order.
    for source in sources:
        code = [line.strip() for line in source.splitlines()]
        code = [line for line in code if line and not line.startswith("//")]
        assert "\n".join(code) in sent

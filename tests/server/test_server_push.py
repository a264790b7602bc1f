"""The page hears the facilitator at once: the live state pushed on an event stream."""

from __future__ import annotations

import contextlib
import json
import time

import httpx
from server_room import Room

from summit_app.core.model import PollKind
from summit_app.server import push


def events(stream: httpx.Response, deadline: float):  # noqa: ANN201
    """The (kind, data) of each event on the stream, until `deadline`."""
    kind, data = "", ""
    for line in stream.iter_lines():
        if time.monotonic() > deadline:
            return
        if line.startswith("event:"):
            kind = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            data = line.split(":", 1)[1].strip()
        elif not line and kind:
            yield kind, json.loads(data)
            kind, data = "", ""


def test_a_new_poll_reaches_an_open_stream_at_once(room: Room) -> None:
    phone = room.phone()
    with phone.stream("GET", "/api/events", timeout=10) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        received = events(stream, time.monotonic() + 8)
        kind, first = next(received)
        assert kind == "state" and "me" in first  # the phone's own part comes first
        opened = time.monotonic()
        poll_id = room.poll(PollKind.SINGLE, ["A", "B"])  # on the window's own connection
        for _kind, state in received:
            if state["poll"] and state["poll"]["id"] == poll_id:
                break
        else:
            raise AssertionError("the new poll never arrived")
        assert time.monotonic() - opened < 1.0
        assert "me" not in state  # broadcasts are the shared part only


def test_a_full_server_sends_phones_to_polling(room: Room) -> None:
    hub = room.server.hub
    assert hub is not None
    capacity, hub.capacity = hub.capacity, 0
    try:
        refused = room.phone().get("/api/events")
        assert refused.status_code == 503 and refused.json()["error"] == push.FULL
    finally:
        hub.capacity = capacity


def test_the_results_in_a_ballots_answer_include_that_ballot(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, ["A", "B"])
    room.summit.polls.set_show_results(poll_id, True)
    option = room.summit.polls.poll(poll_id).options[1].id
    for n in range(1, 4):
        answer = (
            room.phone()
            .post("/api/ballot", json={"poll_id": poll_id, "choices": {option: 1}})
            .json()
        )
        assert answer["results"]["voters"] == n


def test_stopping_ends_the_streams_at_once(tmp_path) -> None:  # noqa: ANN001
    from server_room import loopback, make_summit

    from summit_app.server import SummitServer

    summit, _ = make_summit(tmp_path / "day.summit")
    server = SummitServer(summit.path, host="127.0.0.1", port=0)
    server.start()
    clients = [
        httpx.Client(base_url=server.url, transport=httpx.HTTPTransport(local_address=loopback(i)))
        for i in range(5)
    ]
    with contextlib.ExitStack() as streams:
        for client in clients:
            client.get(f"/j/{summit.info().join_code}")
            streams.enter_context(client.stream("GET", "/api/events", timeout=10))
        deadline = time.monotonic() + 5
        while server.streams < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.streams == 5
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 1.5
    for client in clients:
        client.close()
    summit.close()

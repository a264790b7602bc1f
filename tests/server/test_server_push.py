"""The page hears the facilitator at once: the live state pushed on an event stream."""

from __future__ import annotations

import contextlib
import json
import socket
import time

import httpx
from server_room import Room, serving

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


def test_the_window_pokes_the_hub_so_phones_need_not_wait_for_its_next_look(tmp_path) -> None:
    with serving(tmp_path / "poke.summit") as room:
        assert room.server.hub is not None
        room.server.hub.watch_s = 30  # its own look at the file would come too late here
        _hears_the_poll_when_poked(room)


def _hears_the_poll_when_poked(room: Room) -> None:
    phone = room.phone()
    with phone.stream("GET", "/api/events", timeout=10) as stream:
        received = events(stream, time.monotonic() + 8)
        assert next(received)[0] == "state"
        poll_id = room.poll(PollKind.SINGLE, ["A", "B"])  # on the window's own connection
        room.server.poke()  # as the window's Phones panel does after each of its commands
        for _kind, state in received:
            if state["poll"] and state["poll"]["id"] == poll_id:
                break
        else:
            raise AssertionError("the new poll never arrived before the hub's next look")


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


def raw_stream(room: Room, version: str, address: str) -> socket.socket:
    """A phone's event stream on a raw socket: `GET /api/events` over HTTP/`version`."""
    cookie = room.phone().cookies["summit_token"]
    sock = socket.create_connection(("127.0.0.1", room.server.port), 5, (address, 0))
    sock.sendall(
        f"GET /api/events HTTP/{version}\r\nHost: 127.0.0.1:{room.server.port}\r\n"
        f"Cookie: summit_token={cookie}\r\n\r\n".encode()
    )
    return sock


def read_until(sock: socket.socket, mark: bytes, seconds: float) -> bytes:
    """What the socket sent until `mark` arrived (or `seconds` passed)."""
    got, deadline = b"", time.monotonic() + seconds
    sock.settimeout(0.2)
    while mark not in got and time.monotonic() < deadline:
        with contextlib.suppress(TimeoutError):
            if not (data := sock.recv(65536)):
                break
            got += data
    return got


def chunks(raw: bytes) -> list[bytes]:
    """The chunks of a chunked body that arrived whole (each checked against its size)."""
    body, found = raw.split(b"\r\n\r\n", 1)[1], []
    while b"\r\n" in body:
        size_line, rest = body.split(b"\r\n", 1)
        size = int(size_line, 16)
        if len(rest) < size + 2:
            break
        assert rest[size : size + 2] == b"\r\n", "a chunk longer or shorter than it said"
        found.append(rest[:size])
        body = rest[size + 2 :]
    return found


def test_every_stream_hears_one_broadcast_framed_as_http_chunks(room: Room) -> None:
    socks = [raw_stream(room, "1.1", f"127.0.9.{i + 1}") for i in range(5)]
    heads = [read_until(sock, b"event: state", 5) for sock in socks]
    assert all(b"transfer-encoding: chunked" in head.lower() for head in heads)
    room.poll(PollKind.SINGLE, ["A", "B"])
    question = f"A {PollKind.SINGLE} question".encode()
    pushed = []
    for sock, head in zip(socks, heads, strict=True):
        got = chunks(head + read_until(sock, question, 5))
        sock.close()
        assert got[0].startswith(b"retry: ") and b'"me":' in got[0]  # its own state first
        assert question in got[-1] and got[-1].startswith(b"event: state\r\ndata: {")
        assert got[-1].endswith(b"}\r\n\r\n") and b'"me":' not in got[-1]
        pushed.append(got[-1])
    assert len(set(pushed)) == 1  # the very same message to every phone


def test_an_http_1_0_phone_hears_the_new_poll_without_chunks(room: Room) -> None:
    sock = raw_stream(room, "1.0", "127.0.9.20")
    head = read_until(sock, b"event: state", 5)
    assert b" 200 " in head.split(b"\r\n", 1)[0]
    assert b"chunked" not in head.lower()
    room.poll(PollKind.SINGLE, ["C", "D"])
    body = read_until(sock, b'"text":"D"', 5)
    assert b'"text":"D"' in body and b"event: state" in body
    sock.close()

"""The server on each event loop it may run on: asyncio's own (the default, and all that
Windows has) and uvloop where it is installed (runner.uvicorn_config says why it is not the
default): phones join, hear a new poll on their stream and vote, on each."""

from __future__ import annotations

import importlib.util
import json
import time

import httpx
import pytest
from server_room import loopback, make_summit

from summit_app.core.model import PollKind
from summit_app.server import SummitServer

HAS_UVLOOP = importlib.util.find_spec("uvloop") is not None
# (the loop asked for, the loop it runs on): "auto" takes uvloop if it can.
LOOPS = [("asyncio", "asyncio"), ("auto", "uvloop" if HAS_UVLOOP else "asyncio")]
LOOPS += [("uvloop", "uvloop")] if HAS_UVLOOP else []


@pytest.mark.parametrize(("loop", "runs_on"), LOOPS)
def test_phones_follow_and_vote_on_the_loop(tmp_path, loop: str, runs_on: str) -> None:  # noqa: ANN001
    summit, item_id = make_summit(tmp_path / "day.summit")
    server = SummitServer(summit.path, host="127.0.0.1", port=0, loop=loop)  # type: ignore[arg-type]
    assert SummitServer(summit.path).loop == "asyncio"  # the default, on every platform
    server.start()
    phone = httpx.Client(
        base_url=server.url, timeout=5, transport=httpx.HTTPTransport(local_address=loopback(0))
    )
    try:
        assert phone.get(f"/j/{summit.info().join_code}").status_code == 200
        with phone.stream("GET", "/api/events") as stream:
            lines = stream.iter_lines()
            assert next(lines).startswith("retry:")
            hub = server.hub
            assert hub is not None and hub.loop is not None
            assert type(hub.loop).__module__.split(".")[0] == runs_on
            poll = summit.polls.add_poll(item_id, "Which first?", PollKind.SINGLE, ["A", "B"])
            summit.polls.open_poll(poll.id)
            deadline = time.monotonic() + 5
            for line in lines:
                if line.startswith("data:") and "Which first?" in line:
                    pushed = json.loads(line[5:])
                    break
                assert time.monotonic() < deadline, "the new poll never arrived"
        assert pushed["poll"]["open"] is True
        option = poll.options[1].id
        answer = phone.post("/api/ballot", json={"poll_id": poll.id, "choices": {option: 1}})
        assert answer.status_code == 200 and answer.json()["ok"] is True
        assert summit.polls.ballot_count(poll.id) == 1
    finally:
        phone.close()
        server.stop()
        summit.close()

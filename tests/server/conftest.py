"""One real uvicorn per test module, on 127.0.0.1, over a real .summit file built through core."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_room import Room, make_summit

from summit_app.server import SummitServer


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    path = tmp_path_factory.mktemp("room") / "day.summit"
    summit, item_id = make_summit(path)
    events: list[tuple[str, dict]] = []
    server = SummitServer(
        path, host="127.0.0.1", port=0, on_event=lambda kind, data: events.append((kind, data))
    )
    server.start()
    room = Room(path, server, summit, item_id, events)
    try:
        yield room
    finally:
        room.close()
        server.stop()
        summit.close()

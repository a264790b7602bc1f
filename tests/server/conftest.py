"""One real uvicorn per test module, on 127.0.0.1, over a real .summit file built through core."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_room import Room, serving


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    with serving(tmp_path_factory.mktemp("room") / "day.summit") as room:
        yield room

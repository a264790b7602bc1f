"""One person, one vote over the whole day: a total of new participants per address, and the
Phones tab's switch for a venue that puts many phones behind one address."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from server_room import make_summit

from summit_app.core import Summit
from summit_app.server import SummitServer
from summit_app.server.throttle import JOIN_TOTAL, JOIN_TOTAL_REACHED, Doors


class Clock:
    """A simulated day: the server's join limits read this instead of the real clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextmanager
def day(path: Path) -> Iterator[tuple[Summit, SummitServer, Clock]]:
    summit, _ = make_summit(path)
    clock = Clock()
    server = SummitServer(path, host="127.0.0.1", port=0, doors=Doors(clock=clock))
    server.start()
    try:
        yield summit, server, clock
    finally:
        server.stop()
        summit.close()


def joins_over_twenty_minutes(server: SummitServer, clock: Clock, address: str) -> list[int]:
    """100 fresh joins (each a phone without a cookie) from one address, one every 12 s."""
    statuses = []
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=server.url, transport=transport, timeout=5) as phone:
        for _ in range(100):
            phone.cookies.clear()
            statuses.append(phone.get(server.join_url.removeprefix(server.url)).status_code)
            clock.now += 12  # 100 joins spread over 20 simulated minutes
    return statuses


def test_a_hundred_joins_from_one_address_over_twenty_minutes_make_at_most_the_total(
    tmp_path: Path,
) -> None:
    with day(tmp_path / "day.summit") as (summit, server, clock):
        statuses = joins_over_twenty_minutes(server, clock, "127.0.11.1")
        assert summit.people.count() == JOIN_TOTAL == statuses.count(200)
        assert statuses.count(429) == 100 - JOIN_TOTAL
        assert server.refused_joins == 100 - JOIN_TOTAL
        assert server.doors.refused_over_total == 100 - JOIN_TOTAL
        # What the 7th phone reads: why, and who can change it.
        transport = httpx.HTTPTransport(local_address="127.0.11.1")
        with httpx.Client(base_url=server.url, transport=transport) as phone:
            refused = phone.get(server.join_url.removeprefix(server.url))
        assert refused.status_code == 429 and "set-cookie" not in refused.headers
        assert "tell the facilitator" in refused.text
        assert "Phones tab" in JOIN_TOTAL_REACHED
        # Another address is its own household: it still joins.
        other = httpx.HTTPTransport(local_address="127.0.11.2")
        with httpx.Client(base_url=server.url, transport=other) as phone:
            assert phone.get(server.join_url.removeprefix(server.url)).status_code == 200
        assert summit.people.count() == JOIN_TOTAL + 1


def test_with_many_phones_behind_one_address_switched_on_they_all_join(tmp_path: Path) -> None:
    with day(tmp_path / "day.summit") as (summit, server, clock):
        summit.edit_info(shared_address=True)  # the Phones tab's switch, saved in the file
        statuses = joins_over_twenty_minutes(server, clock, "127.0.11.3")
        assert statuses == [200] * 100
        assert summit.people.count() == 100
        assert server.refused_joins == 0
        # Switched off again, the address has used its total long ago.
        summit.edit_info(shared_address=False)
        transport = httpx.HTTPTransport(local_address="127.0.11.4")
        joined = []
        with httpx.Client(base_url=server.url, transport=transport) as phone:
            for _ in range(JOIN_TOTAL + 1):
                phone.cookies.clear()
                joined.append(phone.get(server.join_url.removeprefix(server.url)).status_code)
        assert joined == [200] * JOIN_TOTAL + [429]


def test_the_day_total_outlives_a_restart_of_the_server(tmp_path: Path) -> None:
    """The window keeps one Doors while the summit is open: a new port is not a new day."""
    summit, _ = make_summit(tmp_path / "day.summit")
    doors = Doors()
    made = []
    try:
        for _ in range(2):
            with SummitServer(summit.path, host="127.0.0.1", port=0, doors=doors) as server:
                transport = httpx.HTTPTransport(local_address="127.0.11.5")
                with httpx.Client(base_url=server.url, transport=transport) as phone:
                    for _ in range(JOIN_TOTAL):
                        phone.cookies.clear()
                        made.append(phone.get(server.join_url).status_code)
    finally:
        summit.close()
    assert made.count(200) == JOIN_TOTAL and made.count(429) == JOIN_TOTAL

"""A room for server tests: a summit file, a server on it, and the facilitator's connection."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo
from summit_app.server import SummitServer

GROUPS = ("Nursing", "Pharmacy", "Social care")


def loopback(i: int) -> str:
    """The i-th phone's own address on this machine (127.0.0.0/8 all reaches loopback)."""
    return f"127.0.{2 + i // 250}.{1 + i % 250}"


@dataclass
class Room:
    """A summit file, a server on it, and the facilitator's own connection (the GUI's)."""

    path: Path
    server: SummitServer
    summit: Summit
    item_id: int
    events: list[tuple[str, dict]] = field(default_factory=list)
    clients: list[httpx.Client] = field(default_factory=list)

    def phone(self) -> httpx.Client:
        """A phone that scanned the QR code: it has joined and holds its token cookie."""
        client = self.stranger()
        assert client.get(f"/j/{self.summit.info().join_code}").status_code == 200
        return client

    def stranger(self, address: str | None = None, **kwargs: object) -> httpx.Client:
        """A phone that has not scanned the code, from its own loopback address as every
        phone on Wi-Fi has its own (closed when the module's tests end)."""
        address = address or loopback(len(self.clients))
        transport = httpx.HTTPTransport(local_address=address)
        client = httpx.Client(
            base_url=self.server.url,
            timeout=5,
            transport=transport,
            **kwargs,  # type: ignore[arg-type]
        )
        self.clients.append(client)
        return client

    def close(self) -> None:
        for client in self.clients:
            client.close()

    def poll(self, kind: PollKind, options: list[str], **rules: object) -> int:
        poll = self.summit.polls.add_poll(
            self.item_id, f"A {kind} question", kind, options, **rules
        )
        self.summit.polls.open_poll(poll.id)
        return poll.id


def make_summit(path: Path) -> tuple[Summit, int]:
    summit = Summit.create(path, SummitInfo(title="Leadership summit", groups=GROUPS))
    section = summit.agenda.add_section("Priorities")
    item = summit.agenda.add_item(section.id, "Prioritise together", ItemKind.VOTE, 30)
    summit.agenda.start_item(item.id)
    return summit, item.id


@contextmanager
def serving(path: Path, prepare: Callable[[Path], object] | None = None) -> Iterator[Room]:
    """A new summit at `path`, served on 127.0.0.1, with the server's events recorded.
    `prepare(path)`, if given, works on the closed file before it is opened again and served
    (protecting it with a passphrase, say)."""
    summit, item_id = make_summit(path)
    if prepare is not None:
        summit.close()
        prepare(path)
        summit = Summit.open(path)
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

"""Fixtures for the phone page's tests: Chromium, and a served summit with an item running
(a test module's own fixture of the same name wins)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from browser import launch
from summit_app.core import Summit
from summit_app.core.model import ItemKind, SummitInfo
from summit_app.server import SummitServer


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        launched = launch(pw)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def started() -> bool:
    """Whether `day` starts its item (parametrize it False for a summit not yet begun)."""
    return True


@pytest.fixture
def day(tmp_path: Path, started: bool) -> Iterator[tuple[Summit, SummitServer]]:
    summit = Summit.create(tmp_path / "day.summit", SummitInfo(title="Leadership summit"))
    item = summit.agenda.add_item(summit.agenda.add_section("Day").id, "Vote", ItemKind.VOTE, 30)
    if started:
        summit.agenda.start_item(item.id)
    server = SummitServer(summit.path, host="127.0.0.1", port=0)
    server.start()
    try:
        yield summit, server
    finally:
        server.stop()
        summit.close()

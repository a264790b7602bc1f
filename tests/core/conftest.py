from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.model import SummitInfo


@pytest.fixture
def summit(tmp_path: Path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Test summit")) as s:
        yield s


@pytest.fixture
def vote_item(summit: Summit):
    section = summit.agenda.add_section("Section 1")
    return summit.agenda.add_item(section.id, "Vote on initiatives", "vote", 15)

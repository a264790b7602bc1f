"""A read that fails for a reason the facilitator can act on (a removed USB stick, a damaged
file) is a StorageError with a sentence, as a failed write is; never a raw sqlite3.Error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.errors import StorageError
from summit_app.core.model import SummitInfo


@pytest.fixture
def damaged_while_open(tmp_path: Path):
    """A summit open in Summit whose file then loses most of its pages underneath it."""
    path = tmp_path / "day.summit"
    with Summit.create(path, SummitInfo(title="Test summit")) as summit:
        section = summit.agenda.add_section("Morning")
        summit.agenda.add_item(section.id, "Welcome", "talk", 10)
        summit.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    summit = Summit.open(path)
    os.truncate(path, 4096)
    yield summit
    summit.close()


def test_a_read_of_a_damaged_file_says_so(damaged_while_open: Summit):
    with pytest.raises(StorageError, match="damaged"):
        damaged_while_open.notes.notes()


def test_a_read_transaction_on_a_damaged_file_says_so(damaged_while_open: Summit):
    with pytest.raises(StorageError, match="damaged"), damaged_while_open.reading():
        damaged_while_open.rows("SELECT * FROM items")


def test_a_read_that_is_a_bug_is_not_dressed_up_as_the_disk(tmp_path: Path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Test summit")) as summit:
        with pytest.raises(Exception) as raised:
            summit.rows("SELECT no_such_column FROM notes")
        assert not isinstance(raised.value, StorageError)

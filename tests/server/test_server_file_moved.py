"""The served file moved or deleted while phones vote: nothing is acknowledged that the file
will not keep, and the facilitator is told where it went."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_room import Room, serving

from summit_app.core import Summit
from summit_app.core.errors import FileGoneError
from summit_app.core.model import PollKind
from summit_app.server.app import FILE_GONE


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Room]:
    (tmp_path / "desk").mkdir()
    with serving(tmp_path / "desk" / "day.summit") as room:
        yield room


def vote(phone, poll_id: int, option: int):  # noqa: ANN001, ANN201
    return phone.post("/api/ballot", json={"poll_id": poll_id, "choices": {option: 1}})


def test_a_moved_file_takes_no_vote_it_cannot_keep(served: Room, tmp_path: Path) -> None:
    poll_id = served.poll(PollKind.SINGLE, ["Workforce", "Digital"])
    option = served.summit.polls.poll(poll_id).options[0].id
    phones = [served.phone() for _ in range(6)]
    assert vote(phones[0], poll_id, option).status_code == 200
    assert served.server.gone() is None
    elsewhere = tmp_path / "synced" / "day.summit"
    elsewhere.parent.mkdir()
    os.rename(served.path, elsewhere)  # Finder or a sync client moves it; its WAL stays
    refused = vote(phones[1], poll_id, option)
    assert refused.status_code == 503 and refused.json()["error"] == FILE_GONE
    said = served.server.gone()
    assert said is not None and str(elsewhere) in said  # the facilitator reads where it went
    assert ("file_gone", {"message": f"This change was not saved: {said}"}) in served.events
    with pytest.raises(FileGoneError, match="moved to"):  # the window's edits too
        served.summit.polls.close_poll(poll_id)
    os.rename(elsewhere, served.path)
    assert served.server.gone() is None
    acknowledged = 1 + sum(vote(p, poll_id, option).status_code == 200 for p in phones[1:])
    assert acknowledged == 6
    served.server.stop()
    served.summit.close()
    with Summit.open(served.path) as reopened:
        assert reopened.polls.ballot_count(poll_id) == acknowledged


def test_a_deleted_file_takes_no_vote_and_says_so(served: Room) -> None:
    poll_id = served.poll(PollKind.SINGLE, ["Workforce", "Digital"])
    option = served.summit.polls.poll(poll_id).options[0].id
    phone = served.phone()
    os.unlink(served.path)
    refused = vote(phone, poll_id, option)
    assert refused.status_code == 503 and refused.json()["error"] == FILE_GONE
    said = served.server.gone()
    assert said is not None and "was deleted" in said and str(served.path.parent) in said
    assert served.summit.gone() == said

"""Ballots that arrive together are committed together, and each phone is answered only
once its ballot is in the file; a refused ballot in the group undoes only itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

from server_room import make_summit

from summit_app.core import Summit, ValidationError
from summit_app.core.errors import StorageError
from summit_app.core.model import PollKind
from summit_app.server.gateway import Gateway


def test_a_burst_of_ballots_takes_few_commits_and_refusals_undo_only_themselves(
    tmp_path: Path,
) -> None:
    path = tmp_path / "day.summit"
    summit, item_id = make_summit(path)
    poll = summit.polls.add_poll(item_id, "First?", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)
    people = [summit.people.join() for _ in range(40)]
    first, second = (o.id for o in poll.options)
    gateway = Gateway(path)
    gateway.open()

    def cast(person_id: int, choices: dict[int, int]):  # noqa: ANN202
        def run(s: Summit) -> int:
            s.polls.cast_ballot(poll.id, person_id, choices)
            return person_id

        return run

    async def burst() -> list[object]:
        writes = [
            # Every fifth phone picks both options in a single-choice poll: refused.
            gateway.write(cast(p.id, {first: 1, second: 1} if i % 5 == 0 else {first: 1}))
            for i, p in enumerate(people)
        ]
        return await asyncio.gather(*writes, return_exceptions=True)

    try:
        outcomes = asyncio.run(burst())
    finally:
        gateway.close()
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 8
    assert gateway.group_commits == 1  # 40 ballots in one turn of the loop: one commit
    with Summit.open(path) as reader:
        stored = {b.participant_id for b in reader.polls.ballots(poll.id)}
    assert stored == {o for o in outcomes if isinstance(o, int)}
    assert len(stored) == 32
    summit.close()


def test_a_failed_commit_answers_every_write_in_the_group_with_the_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "day.summit"
    summit, _ = make_summit(path)
    gateway = Gateway(path)
    gateway.open()
    gateway.summit.execute("PRAGMA busy_timeout = 50")

    async def burst() -> list[object]:
        return await asyncio.gather(
            *(gateway.write(lambda s: s.people.join()) for _ in range(3)),
            return_exceptions=True,
        )

    # The facilitator's connection holds the write lock: the group cannot commit.
    summit.execute("BEGIN IMMEDIATE")
    try:
        outcomes = asyncio.run(burst())
    finally:
        summit.execute("ROLLBACK")
        gateway.close()
    assert all(isinstance(o, StorageError) for o in outcomes), outcomes
    assert summit.people.count() == 0
    summit.close()

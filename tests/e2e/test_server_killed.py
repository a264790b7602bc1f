"""The laptop dies mid-vote (SIGKILL, no goodbye): no phone that was told "saved" is lost.

A room of phones votes at once against `summit-app serve` in its own process; the test kills
the process after some ballots were acknowledged and while others are in flight, then
reopens the file as the app would after a crash.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import httpx
from served import Served, join, make_vote, serve, shared_client

from summit_app.core import Summit

PHONES = 300
KILL_AFTER = 60  # acknowledged ballots before the plug is pulled
SAVED = "Your vote is saved."


async def vote_until_killed(
    served: Served, poll_id: int, options: list[int]
) -> tuple[list[str], dict[str, int]]:
    """Every phone joins, then all vote at once; the server is killed mid-burst.
    Returns every phone's cookie and, for each phone told "saved", the option it chose."""
    acknowledged: dict[str, int] = {}
    async with shared_client(20) as client:
        cookies = await asyncio.gather(*(join(served, i) for i in range(PHONES)))

        async def vote(i: int, cookie: str) -> None:
            choice = options[i % len(options)]
            body = {"poll_id": poll_id, "choices": {str(choice): 1}}
            try:
                response = await client.post(
                    f"{served.url}/api/ballot", json=body, headers={"Cookie": cookie}
                )
            except httpx.HTTPError:  # the laptop died before answering: not acknowledged
                return
            if response.status_code == 200 and response.json()["message"] == SAVED:
                acknowledged[cookie] = choice
                if len(acknowledged) == KILL_AFTER:
                    served.process.kill()  # SIGKILL: no cleanup, no final commit

        await asyncio.wait_for(
            asyncio.gather(*(vote(i, c) for i, c in enumerate(cookies))), timeout=30
        )
    served.process.wait(5)
    return cookies, acknowledged


def token(cookie: str) -> str:
    return cookie.removeprefix("summit_token=")


def test_a_killed_laptop_keeps_every_acknowledged_ballot_and_carries_on(tmp_path: Path) -> None:
    path = tmp_path / "day.summit"
    poll_id, options = make_vote(path)
    served = serve(path)
    try:
        cookies, acknowledged = asyncio.run(vote_until_killed(served, poll_id, options))
    finally:
        served.stop()
    assert served.process.returncode == -9, "the server was killed, not stopped"
    assert KILL_AFTER <= len(acknowledged) < PHONES, "the kill came in the middle of the burst"

    # The file is intact...
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # ...and every ballot a phone was told was saved is in it, as that phone chose.
    with Summit.open(path) as summit:
        stored = {b.participant_id: b.choices for b in summit.polls.ballots(poll_id)}
        for cookie, choice in acknowledged.items():
            phone = summit.people.by_token(token(cookie))
            assert phone is not None
            assert stored.get(phone.id) == {choice: 1}
        assert summit.people.count() == PHONES  # every join was answered, so kept
        before = len(stored)
    print(f"killed after {len(acknowledged)} of {PHONES} ballots acknowledged; {before} stored")

    # The facilitator starts the server again on the same file: the same poll carries on.
    late = [c for c in cookies if c not in acknowledged][:5]
    again = serve(path)
    try:
        with httpx.Client(base_url=again.url, timeout=10, trust_env=False) as phone:
            for cookie in late:
                state = phone.get("/api/state", headers={"Cookie": cookie}).json()
                assert state["poll"]["id"] == poll_id and state["poll"]["open"] is True
                body = {"poll_id": poll_id, "choices": {str(options[0]): 1}}
                answer = phone.post("/api/ballot", json=body, headers={"Cookie": cookie})
                assert answer.status_code == 200 and answer.json()["message"] == SAVED
    finally:
        again.stop()
    with Summit.open(path) as summit:
        assert summit.polls.ballot_count(poll_id) >= before + 1
        for cookie in late:
            phone = summit.people.by_token(token(cookie))
            assert phone is not None
            ballot = summit.polls.ballot(poll_id, phone.id)
            assert ballot is not None and ballot.choices == {options[0]: 1}

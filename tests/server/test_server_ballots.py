"""Voting from a phone in every kind of poll, and every ballot that must be refused."""

from __future__ import annotations

import pytest
from server_room import Room

from summit_app.core import Summit
from summit_app.core.model import PollKind

OPTIONS = ["Workforce", "Digital", "Equity"]


def ids(room: Room, poll_id: int) -> list[int]:
    return [o.id for o in room.summit.polls.poll(poll_id).options]


def vote(phone, poll_id: int, choices: dict[int, int]):  # noqa: ANN001, ANN201
    return phone.post("/api/ballot", json={"poll_id": poll_id, "choices": choices})


@pytest.mark.parametrize(
    ("kind", "rules", "values"),
    [
        (PollKind.SINGLE, {}, [0, 1, 0]),
        (PollKind.MULTI, {"max_choices": 2}, [1, 0, 1]),
        (PollKind.POINTS, {"points": 10}, [7, 0, 3]),
        (PollKind.RANK, {}, [2, 3, 1]),
        (PollKind.SCALE, {}, [5, 3, 1]),
    ],
)
def test_a_phone_votes_in_every_kind_of_poll(
    room: Room, kind: PollKind, rules: dict, values: list[int]
) -> None:
    poll_id = room.poll(kind, OPTIONS, **rules)
    phone = room.phone()
    state = phone.get("/api/state").json()
    assert state["poll"]["id"] == poll_id and state["poll"]["open"] is True
    assert [o["text"] for o in state["poll"]["options"]] == OPTIONS
    choices = dict(zip(ids(room, poll_id), values, strict=True))
    response = vote(phone, poll_id, choices)
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Your vote is saved."
    (ballot,) = room.summit.polls.ballots(poll_id)
    assert ballot.choices == {k: v for k, v in choices.items() if v}
    assert phone.get("/api/state").json()["me"]["ballot"] == {
        str(k): v for k, v in ballot.choices.items()
    }
    assert room.events[-1][0] == "ballot" and room.events[-1][1]["poll_id"] == poll_id


def test_a_second_ballot_from_the_same_phone_replaces_the_first(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, OPTIONS)
    first, second, _ = ids(room, poll_id)
    phone = room.phone()
    assert vote(phone, poll_id, {first: 1}).status_code == 200
    assert vote(phone, poll_id, {second: 1}).status_code == 200
    (ballot,) = room.summit.polls.ballots(poll_id)
    assert ballot.choices == {second: 1}


def test_a_closed_poll_takes_no_votes_and_says_so(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, OPTIONS)
    phone = room.phone()
    room.summit.polls.close_poll(poll_id)
    state = phone.get("/api/state").json()
    assert state["poll"]["id"] == poll_id and state["poll"]["open"] is False
    response = vote(phone, poll_id, {ids(room, poll_id)[0]: 1})
    assert response.status_code == 409
    assert response.json()["error"] == "This poll is closed; your vote was not recorded."
    assert room.summit.polls.ballots(poll_id) == []


def test_results_reach_phones_only_when_the_facilitator_shows_them(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, OPTIONS)
    phone = room.phone()
    vote(phone, poll_id, {ids(room, poll_id)[2]: 1})
    assert phone.get("/api/state").json()["poll"]["results"] is None
    room.summit.polls.set_show_results(poll_id, True)
    results = phone.get("/api/state").json()["poll"]["results"]
    assert results["voters_text"] == "1 person voted"
    first = results["rows"][0]
    assert (first["text"], first["figure"], first["detail"], first["width"]) == (
        "Equity",
        "100%",
        "1 vote",
        100,
    )


BAD_BALLOTS = [
    # kind, rules, choices as positions -> value (None = an option not in the poll), status, message
    (PollKind.SINGLE, {}, {None: 1}, 422, "That option is not in this poll."),
    (PollKind.SINGLE, {}, {0: 1, 1: 1}, 422, "Pick exactly one option."),
    (PollKind.MULTI, {"max_choices": 2}, {0: 1, 1: 1, 2: 1}, 422, "Pick at most 2 options."),
    (
        PollKind.POINTS,
        {"points": 10},
        {0: 8, 1: 5},
        422,
        "You have 10 points to give; that was 13.",
    ),
    (PollKind.POINTS, {"points": 10}, {0: -1, 1: 5}, 422, "Choices cannot be negative."),
    (PollKind.RANK, {}, {0: 1, 1: 2}, 422, "Put all 3 options in order, each in its own place."),
    (
        PollKind.RANK,
        {},
        {0: 1, 1: 1, 2: 2},
        422,
        "Put all 3 options in order, each in its own place.",
    ),
    (PollKind.SCALE, {}, {0: 6}, 422, "Answers are on a scale of 1 to 5."),
    (PollKind.SINGLE, {}, {0: "1"}, 422, "Each choice must be a whole number."),
    (PollKind.SINGLE, {}, {}, 422, "Pick exactly one option."),
]


@pytest.mark.parametrize(("kind", "rules", "choices", "status", "message"), BAD_BALLOTS)
def test_a_bad_ballot_is_refused_with_a_clear_message_and_changes_nothing(
    room: Room, kind: PollKind, rules: dict, choices: dict, status: int, message: str
) -> None:
    poll_id = room.poll(kind, OPTIONS, **rules)
    option_ids = ids(room, poll_id)
    sent = {(option_ids[k] if k is not None else 999_999): v for k, v in choices.items()}
    response = vote(room.phone(), poll_id, sent)
    assert response.status_code == status
    assert response.json() == {"error": message}
    assert room.summit.polls.ballots(poll_id) == []


def test_a_vote_for_a_poll_that_does_not_exist_is_refused(room: Room) -> None:
    response = vote(room.phone(), 424242, {1: 1})
    assert response.status_code == 404
    assert response.json()["error"] == "That poll is not running any more."


@pytest.mark.parametrize(
    "body",
    [
        '{"poll_id": 1',
        "[]",
        '{"poll_id": "one", "choices": {}}',
        '{"poll_id": 1}',
        '{"poll_id": 1, "choices": {}, "open": true}',
    ],
)
def test_a_malformed_ballot_gets_a_sentence_not_a_traceback(room: Room, body: str) -> None:
    response = room.phone().post(
        "/api/ballot", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]
    assert "Traceback" not in response.text


def test_a_ballot_sent_as_a_form_is_refused(room: Room) -> None:
    response = room.phone().post("/api/ballot", data={"poll_id": "1"})
    assert response.status_code == 415


def test_rapid_repeats_from_one_phone_are_slowed_down(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, OPTIONS)
    phone = room.phone()
    first = ids(room, poll_id)[0]
    statuses = [vote(phone, poll_id, {first: 1}).status_code for _ in range(12)]
    assert statuses[0] == 200
    assert 429 in statuses
    refused = vote(phone, poll_id, {first: 1})
    assert refused.status_code == 429
    assert "Wait a few seconds" in refused.json()["error"]
    # Another phone is not slowed down by the first one's hurry.
    assert vote(room.phone(), poll_id, {first: 1}).status_code == 200
    assert len(room.summit.polls.ballots(poll_id)) == 2


def test_a_vote_while_the_file_is_locked_elsewhere_asks_to_try_again(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, OPTIONS)
    phone = room.phone()
    with Summit.open(room.path) as other:
        other.execute("BEGIN IMMEDIATE")  # another program holding the write lock
        try:
            response = vote(phone, poll_id, {ids(room, poll_id)[0]: 1})
        finally:
            other.execute("ROLLBACK")
    assert response.status_code == 503
    assert response.json() == {
        "error": "The laptop is busy for a moment. Try again in a few seconds."
    }
    assert room.summit.polls.ballots(poll_id) == []
    assert vote(phone, poll_id, {ids(room, poll_id)[0]: 1}).status_code == 200

"""Verified voting: only holders of a printed card vote or post; a lost card is replaced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_room import Room

from summit_app.core.cards import NEED_CARD, grouped
from summit_app.core.model import PollKind


@pytest.fixture
def verified(room: Room) -> Iterator[int]:
    """Verified mode on, with a poll open; turned off again after the test."""
    room.summit.cards.set_verified(True)
    poll_id = room.poll(PollKind.SINGLE, ["Workforce", "Digital"])
    yield poll_id
    room.summit.cards.set_verified(False)


def vote(phone, poll_id: int, option: int):  # noqa: ANN001, ANN201
    return phone.post("/api/ballot", json={"poll_id": poll_id, "choices": {option: 1}})


def options(room: Room, poll_id: int) -> list[int]:
    return [o.id for o in room.summit.polls.poll(poll_id).options]


def test_without_a_card_a_phone_reads_but_cannot_vote_or_post(room: Room, verified: int) -> None:
    phone = room.phone()
    state = phone.get("/api/state").json()
    assert state["verified"] is True and state["me"]["card"] is None
    refused = vote(phone, verified, options(room, verified)[0])
    assert refused.status_code == 403 and refused.json()["error"] == NEED_CARD
    assert phone.post("/api/group", json={"group": "Nursing"}).status_code == 403
    assert room.summit.polls.ballot_count(verified) == 0


def test_a_cards_qr_code_lets_its_holder_vote_once(room: Room, verified: int) -> None:
    (card,) = room.summit.cards.issue(1, group="Pharmacy")
    phone = room.stranger()
    scanned = phone.get(f"/c/{card.pass_}")
    assert scanned.status_code == 303 and scanned.headers["location"].startswith("/j/")
    assert "samesite=lax" in scanned.headers["set-cookie"].lower()
    assert phone.get(scanned.headers["location"]).status_code == 200
    me = phone.get("/api/state").json()["me"]
    assert {k: me[k] for k in ("group", "ballot", "card", "group_fixed")} == {
        "group": "Pharmacy",
        "ballot": None,
        "card": card.id,
        "group_fixed": True,
    }
    first, second = options(room, verified)
    assert vote(phone, verified, first).status_code == 200
    # The same card scanned on a second phone is the same voter: it changes the one ballot.
    other = room.stranger()
    other.get(f"/c/{grouped(card.pass_).lower()}")
    assert other.get("/api/state").json()["me"]["ballot"] == {str(first): 1}
    assert vote(other, verified, second).status_code == 200
    (ballot,) = room.summit.polls.ballots(verified)
    assert ballot.choices == {second: 1} and ballot.group == "Pharmacy"
    fixed = phone.post("/api/group", json={"group": "Nursing"})
    assert fixed.status_code == 409 and "card sets your group" in fixed.json()["error"]


def test_a_card_code_typed_in_works_like_its_qr_code(room: Room, verified: int) -> None:
    (card,) = room.summit.cards.issue(1)
    phone = room.phone()  # joined from the screen's QR code first
    typed = phone.post("/api/card", json={"code": grouped(card.pass_).lower()})
    assert typed.status_code == 200, typed.text
    assert typed.json()["message"] == f"Card {card.id} is on this phone: you can vote."
    assert vote(phone, verified, options(room, verified)[0]).status_code == 200
    wrong = room.stranger().post("/api/card", json={"code": "ABCD-EFGH-JKMN-PQRS"})
    assert wrong.status_code == 404 and "No card has that code" in wrong.json()["error"]


def test_a_revoked_card_stops_working_and_its_replacement_keeps_the_vote(
    room: Room, verified: int
) -> None:
    (card,) = room.summit.cards.issue(1)
    finder = room.stranger()
    finder.get(f"/c/{card.pass_}")
    first, second = options(room, verified)
    assert vote(finder, verified, first).status_code == 200
    replacement = room.summit.cards.revoke(card.id)  # the facilitator, on the window's connection
    refused = vote(finder, verified, second)
    assert refused.status_code == 403
    again = room.stranger().get(f"/c/{card.pass_}")
    assert again.status_code == 403 and "cancelled" in again.text
    owner = room.stranger()
    owner.get(f"/c/{replacement.pass_}")
    assert owner.get("/api/state").json()["me"]["ballot"] == {str(first): 1}
    assert vote(owner, verified, second).status_code == 200
    assert room.summit.polls.ballot_count(verified) == 1


def test_a_made_up_card_is_a_wrong_guess(room: Room) -> None:
    guesser = room.stranger("127.0.8.1")
    answers = [guesser.get(f"/c/NOTACARD{n:08d}").status_code for n in range(14)]
    assert answers[:10] == [404] * 10 and answers[-1] == 429


def test_a_cancelled_card_never_hands_over_its_replacement(room: Room) -> None:
    """The facilitator cancels a card while its finder keeps reloading the card's link: no
    answer may carry the pass the participant now has (the replacement card's login)."""
    import threading
    import time

    handed: list[tuple[int, str]] = []  # (participant, token) given by each answer
    for trial in range(5):
        (card,) = room.summit.cards.issue(1)
        finders = [room.stranger(f"127.0.9.{1 + 4 * trial + k}") for k in range(4)]
        holder = finders[0].get(f"/c/{card.pass_}")
        assert holder.status_code == 303
        participant_id = room.summit.cards.card(card.id).participant_id
        stop = threading.Event()

        def reload(phone, participant_id=participant_id, card=card, stop=stop) -> None:  # noqa: ANN001
            deadline = time.monotonic() + 5
            while not stop.is_set() and time.monotonic() < deadline:
                answer = phone.get(f"/c/{card.pass_}")
                if answer.status_code == 303:
                    handed.append((participant_id, answer.cookies["summit_token"]))

        threads = [threading.Thread(target=reload, args=(f,)) for f in finders]
        for thread in threads:
            thread.start()
        time.sleep(0.2)
        room.summit.cards.revoke(card.id)  # the facilitator, on the window's connection
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join(10)
        now_held = room.summit.people.participant(participant_id).token
        assert (participant_id, now_held) not in handed, f"trial {trial}"

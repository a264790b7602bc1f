"""One person, one vote as far as a LAN allows: joins per address, guesses, hosts, origins."""

from __future__ import annotations

import time

import httpx
from server_room import Room

from summit_app.core.model import PollKind
from summit_app.server.deps import MAX_CHECK_PHONES, Checks
from summit_app.server.throttle import JOIN_BURST, JOIN_PER_S, JOIN_REFUSED


def test_a_hundred_fresh_joins_from_one_address_make_at_most_twenty_participants(
    room: Room,
) -> None:
    before = room.summit.people.count()
    refused_before = room.server.refused_joins
    started, statuses = time.monotonic(), []
    for _ in range(100):  # the cookie dropped each time: a new phone, as far as cookies go
        statuses.append(room.stranger("127.0.9.9").get(f"/j/{room.summit.info().join_code}"))
    took = time.monotonic() - started
    made = room.summit.people.count() - before
    # The burst, then one every few seconds: within 10 s that is at most 20.
    assert 1 <= made <= JOIN_BURST + 1 + took * JOIN_PER_S
    assert JOIN_BURST + 1 + 10 * JOIN_PER_S <= 20
    refused = [r for r in statuses if r.status_code == 429]
    assert len(refused) == 100 - made
    assert "Wait a minute, then scan the code again" in JOIN_REFUSED
    assert "tell the facilitator" in refused[0].text  # the day's total (issue 29) or the rate
    assert "set-cookie" not in refused[0].headers
    assert room.server.refused_joins - refused_before == len(refused)
    assert room.events[-1][0] == "join_refused"
    # Another phone, from its own address, still joins at once.
    assert room.stranger("127.0.9.10").get(f"/j/{room.summit.info().join_code}").status_code == 200


def test_a_phone_that_joined_opens_the_link_again_without_spending_a_join(room: Room) -> None:
    phone = room.stranger("127.0.9.20")
    for _ in range(30):
        assert phone.get(f"/j/{room.summit.info().join_code}").status_code == 200


def test_joins_alone_are_not_taking_part(room: Room) -> None:
    taking_part = room.summit.people.taking_part()
    for _ in range(3):
        room.phone()  # a link preview, or someone who looked and put the phone away
    assert room.summit.people.taking_part() == taking_part
    poll_id = room.poll(PollKind.SINGLE, ["A", "B"])
    option = room.summit.polls.poll(poll_id).options[0].id
    voter = room.phone()
    assert voter.post("/api/ballot", json={"poll_id": poll_id, "choices": {option: 1}}).is_success
    assert room.summit.people.taking_part() == taking_part + 1


def test_the_short_address_leads_to_the_join_link(room: Room) -> None:
    short = room.summit.info().short_code
    phone = room.stranger()
    typed = phone.get(f"/{short[:3]}%20{short[3:]}")  # typed with a space, as printed
    assert typed.status_code == 303 and typed.headers["location"].startswith("/j/")
    assert phone.get(typed.headers["location"]).status_code == 200


def test_wrong_short_codes_lock_the_guessing_address(room: Room) -> None:
    short = room.summit.info().short_code
    guesser = room.stranger("127.0.9.30")
    wrong = [f"{(int(short) + n) % 1_000_000:06d}" for n in range(1, 31)]
    answers = [guesser.get(f"/{code}").status_code for code in wrong]
    assert answers[:10] == [404] * 10 and set(answers[11:]) == {429}
    # Locked out: even the right code is not looked at from that address for a while...
    assert guesser.get(f"/{short}").status_code == 429
    # ...while another phone typing it gets in.
    assert room.stranger("127.0.9.31").get(f"/{short}").status_code == 303
    assert room.stranger().get("/favicon.ico").status_code == 404  # not a guess


def test_a_request_for_another_host_name_is_refused(room: Room) -> None:
    phone = room.stranger()
    code = room.summit.info().join_code
    rebound = phone.get(f"/j/{code}", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
    assert phone.get(f"/j/{code}", headers={"Host": f"127.0.0.1:{room.server.port}"}).is_success


def test_a_write_sent_by_another_site_is_refused(room: Room) -> None:
    poll_id = room.poll(PollKind.SINGLE, ["A", "B"])
    option = room.summit.polls.poll(poll_id).options[0].id
    phone = room.phone()
    body = {"poll_id": poll_id, "choices": {option: 1}}
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        refused = phone.post("/api/ballot", json=body, headers=headers)
        assert refused.status_code == 403 and "another web site" in refused.json()["error"]
    assert room.summit.polls.ballot_count(poll_id) == 0
    own = {"Origin": room.server.url, "Sec-Fetch-Site": "same-origin"}
    assert phone.post("/api/ballot", json=body, headers=own).is_success


def test_made_up_room_check_cookies_are_not_phones(room: Room) -> None:
    code = room.summit.info().join_code
    before = room.server.check_count
    for n in range(20):
        forger = room.stranger(cookies={"summit_check": f"made-up-{n}" + "x" * 4000})
        assert forger.post(f"/check/{code}", json={"device": "bot"}).status_code == 409
    assert room.server.check_count == before
    phone = room.stranger()
    assert phone.get(f"/check/{code}").status_code == 200
    assert phone.post(f"/check/{code}", json={"device": "phone"}).json()["count"] == before + 1
    assert phone.post(f"/check/{code}", json={"device": "phone"}).json()["count"] == before + 1


def test_the_room_check_keeps_a_bounded_number_of_phones() -> None:
    checks = Checks()
    for n in range(MAX_CHECK_PHONES + 500):
        checks.issue(f"c{n}")
        checks.report(f"c{n}")
    assert len(checks.issued) == MAX_CHECK_PHONES == checks.count


def test_a_note_of_only_invisible_characters_is_refused(room: Room) -> None:
    item = room.summit.agenda.current_item()
    assert item is not None
    prompt = room.summit.agenda.add_prompt(item.id, "What is missing?")
    room.summit.agenda.open_prompt(prompt.id)
    phone = room.phone()
    refused = phone.post("/api/note", json={"prompt_id": prompt.id, "text": "\u200b\u200c\u2060"})
    assert refused.status_code == 422 and "shows nothing" in refused.json()["error"]
    assert room.summit.notes.notes(prompt.id) == []


def test_a_vote_on_a_draft_poll_says_not_open_yet(room: Room) -> None:
    poll = room.summit.polls.add_poll(room.item_id, "Later", PollKind.SINGLE, ["A", "B"])
    phone = room.phone()
    refused = phone.post(
        "/api/ballot", json={"poll_id": poll.id, "choices": {poll.options[0].id: 1}}
    )
    assert refused.status_code == 409 and "not open yet" in refused.json()["error"]


def test_huge_ids_are_refused_with_a_sentence_not_a_crash(room: Room) -> None:
    phone = room.phone()
    for body, path in (
        ({"poll_id": 2**64, "choices": {"1": 1}}, "/api/ballot"),
        ({"poll_id": 1, "choices": {str(2**64): 1}}, "/api/ballot"),
        ({"prompt_id": -(2**70), "text": "hi"}, "/api/note"),
    ):
        answer = phone.post(path, json=body)
        assert answer.status_code == 422, answer.text
        assert "not" in answer.json()["error"]


def test_an_oversized_cookie_is_not_looked_up(room: Room) -> None:
    forger = room.stranger(cookies={"summit_token": "x" * 5000})
    assert forger.get("/api/state").status_code == 403
    assert isinstance(forger, httpx.Client)


def test_wrong_guesses_never_lock_out_a_right_code(room: Room) -> None:
    """Guessing is counted per address, and a right code is never refused for another
    address's guesses; a right join link or card pass not even for its own address's."""
    info = room.summit.info()
    short, join = info.short_code, info.join_code
    wrong = [f"{(int(short) + n) % 1_000_000:06d}" for n in range(1, 13)]
    for k in range(7):  # 84 wrong short codes from 7 addresses: the room's typists unharmed
        guesser = room.stranger(f"127.0.10.{k + 1}")
        assert {guesser.get(f"/{code}").status_code for code in wrong} == {404, 429}
    assert room.stranger("127.0.10.50").get(f"/{short}").status_code == 303
    shared = room.stranger("127.0.10.60")  # phones behind one address (a hotspot)
    for n in range(12):
        assert shared.get(f"/j/{join[:-2]}{n:02d}").status_code in (404, 429)
    assert shared.get(f"/j/{join}").status_code == 200  # a phone with the right link
    (card,) = room.summit.cards.issue(1)
    for n in range(12):
        assert shared.get(f"/c/NOTACARD{n:08d}").status_code in (404, 429)
    assert shared.get(f"/c/{card.pass_}").status_code == 303


def test_a_forwarded_for_header_does_not_make_a_local_phone_many(room: Room) -> None:
    """X-Forwarded-For is not believed, not even from 127.0.0.1 (a port-forward, say)."""
    before = room.summit.people.count()
    for n in range(40):
        forged = {"X-Forwarded-For": f"10.1.{n // 250}.{n % 250 + 1}"}
        room.stranger("127.0.0.1", headers=forged).get(f"/j/{room.summit.info().join_code}")
    assert room.summit.people.count() - before <= 20

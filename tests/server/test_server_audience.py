"""Questions, upvotes and cloud words from phones: what is taken, what is refused, and how."""

from __future__ import annotations

import time

import httpx
import pytest
from server_room import Room

from summit_app.core.model import PromptKind


def settled(phone: httpx.Client, check) -> dict:
    """The phone's state once `check` holds: the shared list is rebuilt at most twice a
    second after phones' own writes (server/gateway.py), so it may lag that long."""
    deadline = time.monotonic() + 3
    while True:
        state = phone.get("/api/state").json()
        if check(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def tables(room: Room) -> tuple:
    s = room.summit
    return (
        [(q.text, q.is_hidden, q.is_held) for q in s.questions.questions()],
        s.questions.upvote_count(),
        [w.text for w in s.words.words()],
        len(s.notes.notes()),
    )


@pytest.fixture
def qa(room: Room) -> int:
    prompt = room.summit.agenda.add_prompt(room.item_id, "Ask the panel", PromptKind.QUESTIONS)
    room.summit.agenda.open_prompt(prompt.id)
    room.summit.moderation.set_summit_moderated(False)
    return prompt.id


@pytest.fixture
def cloud(room: Room) -> int:
    prompt = room.summit.agenda.add_prompt(
        room.item_id, "One thing to take forward", PromptKind.WORDS, max_words=2
    )
    room.summit.agenda.open_prompt(prompt.id)
    return prompt.id


def test_phones_ask_upvote_and_see_the_list_by_upvotes(room: Room, qa: int) -> None:
    first, second, third = room.phone(), room.phone(), room.phone()
    a = first.post("/api/question", json={"prompt_id": qa, "text": "Who funds <b>this</b>?"})
    b = second.post("/api/question", json={"prompt_id": qa, "text": "What about social care?"})
    assert a.status_code == b.status_code == 201
    assert a.json()["message"] == "Your question is sent."
    up = third.post("/api/upvote", json={"question_id": b.json()["id"]})
    assert up.status_code == 200 and up.json()["upvotes"] == 1
    state = settled(third, lambda s: len(s["prompt"]["questions"]) == 2)
    listed = state["prompt"]["questions"]
    assert [(q["text"], q["upvotes"]) for q in listed] == [
        ("What about social care?", 1),
        ("Who funds <b>this</b>?", 0),
    ]
    assert state["me"]["upvoted"] == [b.json()["id"]]
    assert first.get("/api/state").json()["me"]["asked"] == [
        {"id": a.json()["id"], "text": "Who funds <b>this</b>?", "waiting": False}
    ]
    back = third.post("/api/upvote", json={"question_id": b.json()["id"], "up": False})
    assert back.json() == {"ok": True, "message": "Your upvote is taken back.", "upvotes": 0}
    assert ("upvote", {"question_id": b.json()["id"], "upvotes": 0}) in room.events


def test_bad_questions_and_upvotes_get_a_sentence_and_change_nothing(room: Room, qa: int) -> None:
    asker, voter = room.phone(), room.phone()
    question_id = asker.post("/api/question", json={"prompt_id": qa, "text": "Fine?"}).json()["id"]
    hidden_id = asker.post("/api/question", json={"prompt_id": qa, "text": "Hide me"}).json()["id"]
    room.summit.questions.set_hidden(hidden_id, True)
    assert voter.post("/api/upvote", json={"question_id": question_id}).status_code == 200
    before = tables(room)
    for path, body, status, message in (
        ("/api/question", {"prompt_id": qa, "text": ""}, 422, "A question cannot be empty."),
        ("/api/question", {"prompt_id": qa, "text": "\u200b\u200b"}, 422, "invisible"),
        ("/api/question", {"prompt_id": qa, "text": "x" * 301}, 422, "at most 300"),
        ("/api/question", {"prompt_id": 2**70, "text": "Big id"}, 422, "does not understand"),
        ("/api/upvote", {"question_id": question_id}, 409, "already upvoted"),
        ("/api/upvote", {"question_id": hidden_id}, 404, "not on the list"),
        ("/api/upvote", {"question_id": 999_999}, 404, "not on the list"),
        ("/api/upvote", {"question_id": -1}, 422, "not on the list"),
        ("/api/upvote", {"question_id": "1"}, 422, "does not understand"),
    ):
        response = voter.post(path, json=body)
        assert response.status_code == status, (body, response.text)
        assert message in response.json()["error"]
    assert tables(room) == before


def test_a_flagged_question_waits_and_says_so(room: Room, qa: int) -> None:
    response = room.phone().post("/api/question", json={"prompt_id": qa, "text": "Why the shit?"})
    assert response.status_code == 201
    assert response.json()["waiting"] is True
    assert "look at it before it is shown" in response.json()["message"]
    time.sleep(0.6)  # past the shared list's refresh
    listed = room.phone().get("/api/state").json()["prompt"]["questions"]
    assert "Why the shit?" not in [q["text"] for q in listed]


def test_words_are_sent_up_to_the_limit(room: Room, cloud: int) -> None:
    phone = room.phone()
    state = phone.get("/api/state").json()
    assert state["prompt"]["kind"] == "words" and state["prompt"]["max_words"] == 2
    assert phone.post("/api/word", json={"prompt_id": cloud, "text": "Time"}).status_code == 201
    again = phone.post("/api/word", json={"prompt_id": cloud, "text": "time!"})
    assert again.status_code == 409 and "already" in again.json()["error"]
    assert phone.post("/api/word", json={"prompt_id": cloud, "text": "Support"}).status_code == 201
    over = phone.post("/api/word", json={"prompt_id": cloud, "text": "training"})
    assert over.status_code == 409
    assert over.json()["error"] == "You have sent 2 words, the most for this question."
    for text, message in (("one two three four", "one to 3 words"), ("", "Write a word")):
        bad = room.phone().post("/api/word", json={"prompt_id": cloud, "text": text})
        assert bad.status_code == 422 and message in bad.json()["error"]
    assert [w["text"] for w in phone.get("/api/state").json()["me"]["words"]] == ["Time", "Support"]
    assert [(w.text, w.count) for w in room.summit.words.cloud(cloud)] == [
        ("Time", 1),
        ("Support", 1),
    ]


def test_a_note_to_a_words_prompt_is_refused(room: Room, cloud: int) -> None:
    response = room.phone().post("/api/note", json={"prompt_id": cloud, "text": "A note"})
    assert response.status_code == 422
    assert response.json()["error"] == "This question takes words, not notes."


def test_a_moderated_note_waits(room: Room) -> None:
    prompt = room.summit.agenda.add_prompt(room.item_id, "Ideas?", moderated=True)
    room.summit.agenda.open_prompt(prompt.id)
    response = room.phone().post("/api/note", json={"prompt_id": prompt.id, "text": "An idea"})
    assert response.status_code == 201 and response.json()["waiting"] is True
    (note,) = room.summit.notes.notes(prompt.id)
    assert note.is_held


def test_a_closed_qa_cannot_be_steered_by_upvotes(room: Room, qa: int) -> None:
    asker, voter, other = room.phone(), room.phone(), room.phone()
    first = asker.post("/api/question", json={"prompt_id": qa, "text": "First?"}).json()["id"]
    second = asker.post("/api/question", json={"prompt_id": qa, "text": "Second?"}).json()["id"]
    assert voter.post("/api/upvote", json={"question_id": first}).status_code == 200
    room.summit.agenda.open_prompt(None)  # the facilitator closes the Q&A
    before = tables(room)
    late_up = other.post("/api/upvote", json={"question_id": second})
    late_back = voter.post("/api/upvote", json={"question_id": first, "up": False})
    for late in (late_up, late_back):
        assert late.status_code == 409 and "closed" in late.json()["error"], late.text
    assert tables(room) == before
    order = [q.text for q in room.summit.questions.questions(qa)]
    assert order[:2] == ["First?", "Second?"]  # the pack's order stays as the room left it

"""Sticky notes from phones: posted to the open question only, stored exactly as typed."""

from __future__ import annotations

import pytest
from server_room import Room

from summit_app.core.checks import NOTE_MAX_CHARS
from summit_app.core.model import Author


@pytest.fixture
def prompt_id(room: Room) -> int:
    prompt = room.summit.agenda.add_prompt(room.item_id, "What is missing?")
    room.summit.agenda.open_prompt(prompt.id)
    return prompt.id


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold</b> claims",
        "<script>alert('x')</script>",
        "<para>not a paragraph</para> & more",
        "More time for 🧑‍⚕️ nurses 💪",
        "نحتاج إلى مزيد من الوقت",  # Arabic, right to left
        "  spaces kept  \nand a second line",
    ],
)
def test_a_note_is_stored_exactly_as_typed(room: Room, prompt_id: int, text: str) -> None:
    phone = room.phone()
    assert phone.get("/api/state").json()["prompt"] == {
        "id": prompt_id,
        "text": "What is missing?",
        "kind": "notes",
    }
    response = phone.post("/api/note", json={"prompt_id": prompt_id, "text": text})
    assert response.status_code == 201, response.text
    assert response.json()["message"] == "Your note is posted."
    (note,) = room.summit.notes.notes(prompt_id)
    assert note.text == text
    assert note.author is Author.PARTICIPANT and note.participant_id is not None
    assert room.events[-1] == (
        "note",
        {"note_id": note.id, "prompt_id": prompt_id, "participant_id": note.participant_id},
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "x" * (NOTE_MAX_CHARS + 1),
            f"That note is too long: at most {NOTE_MAX_CHARS} characters.",
        ),
        ("", "A note cannot be empty."),
        ("   ", "A note cannot be empty."),
    ],
)
def test_an_empty_or_over_long_note_is_refused(
    room: Room, prompt_id: int, text: str, message: str
) -> None:
    response = room.phone().post("/api/note", json={"prompt_id": prompt_id, "text": text})
    assert response.status_code == 422
    assert response.json() == {"error": message}
    assert room.summit.notes.notes(prompt_id) == []


def test_a_note_for_a_question_that_is_not_open_is_refused(room: Room, prompt_id: int) -> None:
    room.summit.agenda.open_prompt(None)
    response = room.phone().post("/api/note", json={"prompt_id": prompt_id, "text": "Late idea"})
    assert response.status_code == 409
    assert response.json() == {"error": "This question is not taking notes right now."}
    assert room.summit.notes.notes(prompt_id) == []


def test_an_oversized_body_is_refused_before_it_is_read(room: Room, prompt_id: int) -> None:
    phone = room.phone()
    big = {"prompt_id": prompt_id, "text": "x" * 40_000}
    response = phone.post("/api/note", json=big)
    assert response.status_code == 413
    assert "too much to send" in response.json()["error"]

    def chunks():  # noqa: ANN202 - no Content-Length: the server must count as it reads
        yield b'{"prompt_id": %d, "text": "' % prompt_id
        for _ in range(40):
            yield b"y" * 1024
        yield b'"}'

    streamed = phone.post(
        "/api/note", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert room.summit.notes.notes(prompt_id) == []

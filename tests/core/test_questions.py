"""Questions from the room: asking, upvoting once per phone, and the facilitator's handling."""

from __future__ import annotations

import pytest

from summit_app.core import NotFoundError, Summit, ValidationError
from summit_app.core.model import Author, PromptKind, QuestionState


@pytest.fixture
def qa(summit: Summit) -> int:
    section = summit.agenda.add_section("Panel")
    item = summit.agenda.add_item(section.id, "Panel Q&A", "discussion", 30)
    prompt = summit.agenda.add_prompt(item.id, "Questions for the panel", PromptKind.QUESTIONS)
    summit.agenda.open_prompt(prompt.id)
    return prompt.id


def phones(summit: Summit, n: int) -> list[int]:
    return [summit.people.join().id for _ in range(n)]


def ask(summit: Summit, prompt_id: int, text: str, phone: int):
    return summit.questions.ask(prompt_id, text, Author.PARTICIPANT, phone)


def test_the_room_sees_questions_by_upvotes_then_answered_ones(summit: Summit, qa: int) -> None:
    a, b, c = phones(summit, 3)
    first = ask(summit, qa, "How do we protect time for leaders?", a)
    second = ask(summit, qa, "Who funds the training?", b)
    summit.questions.upvote(second.id, c)
    summit.questions.upvote(second.id, a)
    summit.questions.upvote(first.id, c)
    assert [(q.text, q.upvotes) for q in summit.questions.shown(qa)] == [
        ("Who funds the training?", 2),
        ("How do we protect time for leaders?", 1),
    ]
    summit.questions.set_state(second.id, QuestionState.ANSWERED)
    assert [q.id for q in summit.questions.shown(qa)] == [first.id, second.id]
    assert [q.id for q in summit.questions.questions(qa, by="time")] == [first.id, second.id]


def test_a_second_upvote_from_one_phone_is_refused_and_can_be_withdrawn(
    summit: Summit, qa: int
) -> None:
    a, b = phones(summit, 2)
    question = ask(summit, qa, "What about social care?", a)
    summit.questions.upvote(question.id, b)
    with pytest.raises(ValidationError, match="already upvoted"):
        summit.questions.upvote(question.id, b)
    assert summit.questions.question(question.id).upvotes == 1
    assert summit.questions.withdraw_upvote(question.id, b).upvotes == 0
    with pytest.raises(ValidationError, match="not upvoted"):
        summit.questions.withdraw_upvote(question.id, b)
    assert summit.questions.upvote_count() == 0


def test_upvotes_on_hidden_unknown_or_held_questions_are_refused(summit: Summit, qa: int) -> None:
    a, b = phones(summit, 2)
    hidden = ask(summit, qa, "Off topic", a)
    summit.questions.set_hidden(hidden.id, True)
    for question_id in (hidden.id, 9999):
        with pytest.raises(NotFoundError, match="not on the list"):
            summit.questions.upvote(question_id, b)
    summit.moderation.set_summit_moderated(True)
    held = ask(summit, qa, "Waiting for approval", a)
    assert held.is_held and not held.is_shown
    with pytest.raises(NotFoundError):
        summit.questions.upvote(held.id, b)
    assert summit.questions.upvote_count() == 0


def test_one_question_is_being_answered_at_a_time(summit: Summit, qa: int) -> None:
    a, b = phones(summit, 2)
    first, second = ask(summit, qa, "One", a), ask(summit, qa, "Two", b)
    summit.questions.set_state(first.id, QuestionState.ANSWERING)
    assert summit.questions.answering(qa).id == first.id
    summit.questions.set_state(second.id, QuestionState.ANSWERING)
    assert summit.questions.question(first.id).state is QuestionState.ANSWERED
    assert summit.questions.answering().id == second.id
    with pytest.raises(ValidationError, match="answered already"):
        summit.questions.upvote(first.id, b)


def test_merging_a_duplicate_counts_its_upvoters_once_for_the_other(
    summit: Summit, qa: int
) -> None:
    a, b, c, d = phones(summit, 4)
    keep = ask(summit, qa, "How will social care be included?", a)
    dup = ask(summit, qa, "Is social care part of this?", b)
    summit.questions.upvote(keep.id, c)
    summit.questions.upvote(dup.id, c)  # the same phone liked both
    summit.questions.upvote(dup.id, d)
    merged = summit.questions.merge(dup.id, keep.id)
    assert merged.upvotes == 2  # c and d, c once
    assert [q.id for q in summit.questions.shown(qa)] == [keep.id]
    with pytest.raises(ValidationError, match="merged"):
        summit.questions.upvote(dup.id, a)
    with pytest.raises(ValidationError, match="itself"):
        summit.questions.merge(keep.id, keep.id)
    assert len(summit.questions.questions(qa)) == 2  # nothing deleted


def test_bad_questions_are_refused_with_a_sentence(summit: Summit, qa: int) -> None:
    (a,) = phones(summit, 1)
    for text, message in (
        ("", "cannot be empty"),
        ("\u200b\u200b\u200d", "invisible characters"),
        ("x" * 301, "too long"),
    ):
        with pytest.raises(ValidationError, match=message):
            ask(summit, qa, text, a)
    summit.agenda.open_prompt(None)
    with pytest.raises(ValidationError, match="not open"):
        ask(summit, qa, "Late question", a)
    assert summit.questions.questions(qa) == []


def test_questions_are_kept_exactly_as_typed(summit: Summit, qa: int) -> None:
    (a,) = phones(summit, 1)
    for text in ("<b>bold</b> & <script>x</script>", "  spaced  ", "مرحبا 👩🏽‍⚕️"):
        assert ask(summit, qa, text, a).text == text

"""What a phone may do, as core commands (core/phones.py) through the one intake: the card,
open-prompt, length and moderation rules, each refusal of its kind and changing nothing."""

from __future__ import annotations

import pytest

from summit_app.core import Summit, phones
from summit_app.core.cards import NEED_CARD
from summit_app.core.errors import NotAllowedError, NotFoundError, StateError, ValidationError
from summit_app.core.model import Item, PollKind, PromptKind

GROUPS = ("Nursing", "Pharmacy")


def counts(summit: Summit) -> tuple[int, ...]:
    tables = ("notes", "questions", "words", "ballots", "upvotes")
    return tuple(summit.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)


def test_in_verified_mode_a_phone_without_a_card_can_do_nothing(
    summit: Summit, vote_item: Item
) -> None:
    summit.edit_info(groups=GROUPS)
    notes = summit.agenda.add_prompt(vote_item.id, "What did you hear?")
    qa = summit.agenda.add_prompt(vote_item.id, "Ask", PromptKind.QUESTIONS)
    question = summit.questions.ask(qa.id, "Who decides?")
    poll = summit.polls.add_poll(vote_item.id, "Pick", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)
    summit.cards.set_verified(True)
    stranger = summit.people.join()
    before = counts(summit)
    attempts = [
        lambda: phones.cast_ballot(summit, stranger, poll.id, {poll.options[0].id: 1}),
        lambda: phones.upvote(summit, stranger, question.id),
        lambda: phones.set_group(summit, stranger, "Nursing"),
    ]
    for prompt_id, send in ((notes.id, phones.post_note), (qa.id, phones.ask)):
        summit.agenda.open_prompt(prompt_id)
        with pytest.raises(NotAllowedError, match="voting card"):
            send(summit, stranger, prompt_id, "hello")
    for attempt in attempts:
        with pytest.raises(NotAllowedError) as refused:
            attempt()
        assert str(refused.value) == NEED_CARD
    assert counts(summit) == before
    assert summit.people.participant(stranger.id).acted_at is None

    (card,) = summit.cards.issue(1)
    _, holder = summit.cards.claim(card.pass_)
    phones.cast_ballot(summit, holder, poll.id, {poll.options[0].id: 1})
    assert summit.polls.ballot_count(poll.id) == 1


def test_a_card_that_names_a_group_sets_it_for_good(summit: Summit) -> None:
    summit.edit_info(groups=GROUPS)
    (card,) = summit.cards.issue(1, group="Pharmacy")
    _, holder = summit.cards.claim(card.pass_)
    with pytest.raises(StateError, match="card sets your group: Pharmacy"):
        phones.set_group(summit, holder, "Nursing")
    assert summit.people.participant(holder.id).group == "Pharmacy"
    phone = summit.people.join()
    assert phones.set_group(summit, phone, "Nursing").group == "Nursing"


def test_a_closed_prompt_refuses_whatever_is_sent_before_its_text_is_read(
    summit: Summit, vote_item: Item
) -> None:
    phone = summit.people.join()
    for kind, send in (
        (PromptKind.NOTES, phones.post_note),
        (PromptKind.QUESTIONS, phones.ask),
        (PromptKind.WORDS, phones.send_word),
    ):
        prompt = summit.agenda.add_prompt(vote_item.id, f"A {kind.value} prompt", kind)
        for text in ("fine", "", "x" * 5000):
            with pytest.raises(StateError, match="right now|not open"):
                send(summit, phone, prompt.id, text)
        summit.agenda.open_prompt(prompt.id)
        with pytest.raises(ValidationError) as empty:
            send(summit, phone, prompt.id, "   ")
        assert not isinstance(empty.value, StateError)  # open: the text's own fault (422)
    assert counts(summit) == (0, 0, 0, 0, 0)


def test_a_prompt_that_is_gone_says_so_in_the_phones_words(summit: Summit) -> None:
    phone = summit.people.join()
    for send, said in (
        (phones.post_note, "not taking notes any more"),
        (phones.ask, "Those questions are closed now"),
        (phones.send_word, "not taking words any more"),
    ):
        with pytest.raises(NotFoundError, match=said):
            send(summit, phone, 999, "hello")
    with pytest.raises(NotFoundError, match="That poll is not running any more"):
        phones.cast_ballot(summit, phone, 999, {1: 1})


def test_moderated_input_waits_and_the_phone_counts_as_taking_part(
    summit: Summit, vote_item: Item
) -> None:
    summit.moderation.set_summit_moderated(True)
    phone = summit.people.join()
    for kind, send in (
        (PromptKind.NOTES, phones.post_note),
        (PromptKind.QUESTIONS, phones.ask),
        (PromptKind.WORDS, phones.send_word),
    ):
        prompt = summit.agenda.add_prompt(vote_item.id, f"A {kind.value} prompt", kind)
        summit.agenda.open_prompt(prompt.id)
        assert send(summit, phone, prompt.id, "workforce").is_held
    assert summit.moderation.held_count() == 3
    assert summit.people.participant(phone.id).acted_at is not None


def test_a_closed_poll_is_a_conflict_and_a_bad_ballot_is_not(
    summit: Summit, vote_item: Item
) -> None:
    poll = summit.polls.add_poll(vote_item.id, "Pick", PollKind.SINGLE, ["A", "B"])
    phone = summit.people.join()
    with pytest.raises(StateError, match="not open yet"):
        phones.cast_ballot(summit, phone, poll.id, {poll.options[0].id: 1})
    summit.polls.open_poll(poll.id)
    with pytest.raises(ValidationError) as bad:
        phones.cast_ballot(summit, phone, poll.id, {poll.options[0].id: 2})
    assert not isinstance(bad.value, StateError)
    voted = phones.cast_ballot(summit, phone, poll.id, {poll.options[1].id: 1})
    assert voted.choices == {poll.options[1].id: 1}
    assert summit.polls.ballot_count(poll.id) == 1
    summit.polls.close_poll(poll.id)
    with pytest.raises(StateError, match="closed"):
        phones.cast_ballot(summit, phone, poll.id, {poll.options[0].id: 1})

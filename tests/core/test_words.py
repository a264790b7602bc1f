"""The word cloud: answers normalised and counted, limits per phone, hidden words."""

from __future__ import annotations

import pytest

from summit_app.core import Summit, ValidationError
from summit_app.core.model import Author, PromptKind
from summit_app.core.wording import cloud_word, singular


@pytest.fixture
def cloud(summit: Summit) -> int:
    section = summit.agenda.add_section("Reflections")
    item = summit.agenda.add_item(section.id, "Take forward", "discussion", 10)
    prompt = summit.agenda.add_prompt(
        item.id, "What is one thing we should take forward?", PromptKind.WORDS, max_words=3
    )
    summit.agenda.open_prompt(prompt.id)
    return prompt.id


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("Time", "time"),
        ("time.", "time"),
        ("  TIME!  ", "time"),
        ("Leadership skills", "leadership skill"),
        ("(Safe   spaces)", "safe space"),
        ("Communities", "community"),
        ("approaches", "approach"),
        ("process", "process"),
        ("analysis", "analysis"),
        ("news", "news"),
        ("multi-disciplinary", "multi-disciplinary"),
        ("Ａｃｃｅｓｓ", "access"),
    ],
)
def test_answers_are_normalised_by_case_punctuation_and_simple_plurals(
    typed: str, word: str
) -> None:
    assert cloud_word(typed) == word


def test_singular_leaves_short_and_latin_words_alone() -> None:
    assert [singular(w) for w in ("bus", "gas", "virus", "status", "leaders")] == [
        "bus", "gas", "virus", "status", "leader",
    ]  # fmt: skip


def test_the_cloud_counts_answers_and_shows_the_form_typed_most(summit: Summit, cloud: int) -> None:
    a, b, c = (summit.people.join().id for _ in range(3))
    for phone, text in ((a, "time"), (b, "Time"), (c, "time"), (a, "Training"), (b, "training!")):
        summit.words.add_word(cloud, text, Author.PARTICIPANT, phone)
    words = summit.words.cloud(cloud)
    assert [(w.text, w.count) for w in words] == [("time", 3), ("Training", 2)]
    assert words[0].forms == ("time", "Time")


def test_a_phone_sends_up_to_n_words_each_once(summit: Summit, cloud: int) -> None:
    phone = summit.people.join().id
    summit.words.add_word(cloud, "support", Author.PARTICIPANT, phone)
    with pytest.raises(ValidationError, match="already"):
        summit.words.add_word(cloud, "Support!", Author.PARTICIPANT, phone)
    summit.words.add_word(cloud, "time", Author.PARTICIPANT, phone)
    summit.words.add_word(cloud, "training", Author.PARTICIPANT, phone)
    with pytest.raises(ValidationError, match="You have sent 3 words"):
        summit.words.add_word(cloud, "leadership", Author.PARTICIPANT, phone)
    with pytest.raises(ValidationError, match="one to 3 words"):
        summit.words.add_word(cloud, "four words is too many", Author.PARTICIPANT, None)
    with pytest.raises(ValidationError, match="only punctuation"):
        summit.words.add_word(cloud, "?!", Author.PARTICIPANT, None)
    with pytest.raises(ValidationError, match="invisible"):
        summit.words.add_word(cloud, "\u200b", Author.PARTICIPANT, None)
    assert len(summit.words.words(cloud)) == 3


def test_a_hidden_word_leaves_the_cloud_with_later_answers_of_it(
    summit: Summit, cloud: int
) -> None:
    a, b = summit.people.join().id, summit.people.join().id
    summit.words.add_word(cloud, "meetings", Author.PARTICIPANT, a)
    summit.words.set_word_hidden(cloud, "meeting", True)
    summit.words.add_word(cloud, "Meeting", Author.PARTICIPANT, b)
    assert summit.words.cloud(cloud) == []
    (hidden,) = summit.words.cloud(cloud, include_hidden=True)
    assert hidden.is_hidden and hidden.count == 2
    summit.words.set_word_hidden(cloud, "meeting", False)
    assert summit.words.cloud(cloud)[0].count == 2


def test_a_prompt_takes_only_its_own_kind_of_input(summit: Summit, cloud: int) -> None:
    with pytest.raises(ValidationError, match="takes words, not notes"):
        summit.notes.add_note(cloud, "a note")
    with pytest.raises(ValidationError, match="not taking questions"):
        summit.questions.ask(cloud, "a question?")
    summit.words.add_word(cloud, "time")
    with pytest.raises(ValidationError, match="already has answers"):
        summit.agenda.set_prompt_rules(cloud, kind=PromptKind.NOTES)
    assert summit.agenda.set_prompt_rules(cloud, max_words=5).max_words == 5

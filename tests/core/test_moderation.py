"""Moderation and the profanity filter: what waits, what is flagged, and nothing deleted."""

from __future__ import annotations

import pytest

from summit_app.core import Summit, ValidationError
from summit_app.core.model import Author, PromptKind
from summit_app.core.profanity import WordFilter, shipped_words


@pytest.fixture
def prompts(summit: Summit) -> dict[str, int]:
    section = summit.agenda.add_section("Day")
    item = summit.agenda.add_item(section.id, "Discussion", "discussion", 30)
    return {
        kind.value: summit.agenda.add_prompt(item.id, f"A {kind.value} prompt", kind).id
        for kind in PromptKind
    }


def send(summit: Summit, prompts: dict[str, int], kind: str, text: str, phone: int):
    summit.agenda.open_prompt(prompts[kind])
    if kind == "notes":
        return summit.notes.add_note(prompts[kind], text, Author.PARTICIPANT, phone)
    if kind == "questions":
        return summit.questions.ask(prompts[kind], text, Author.PARTICIPANT, phone)
    return summit.words.add_word(prompts[kind], text, Author.PARTICIPANT, phone)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("What a load of bullshit", ("bullshit",)),
        ("sh1t happens", ("shit",)),
        ("fuuuuck", ("fuck",)),
        ("You ASSHOLES", ("asshole",)),
        ("Ｆｕｃｋ", ("fuck",)),
        ("blow job", ("blow job",)),
        ("🖕", ("🖕",)),
        ("We should assess the class of 2021", ()),
        ("Sexual health and breast screening", ()),
        ("Scunthorpe's analysis of cocktails", ()),
    ],
)
def test_the_shipped_list_finds_whole_words_only(text: str, found: tuple[str, ...]) -> None:
    assert WordFilter(shipped_words()).found(text) == found


def test_flagged_input_is_held_even_with_moderation_off(summit: Summit, prompts) -> None:
    phone = summit.people.join().id
    for kind, text in (
        ("notes", "this is bullshit"),
        ("questions", "why the shit?"),
        ("words", "bollocks"),
    ):
        held = send(summit, prompts, kind, text, phone)
        assert held.is_held and held.flagged
    clean = send(summit, prompts, "notes", "protected time", phone)
    assert not clean.is_held
    assert [h.kind for h in summit.moderation.held()] == ["note", "question", "word"]
    assert summit.notes.notes(prompts["notes"], include_hidden=False) == [clean]


def test_moderation_holds_everything_until_approved_per_prompt_or_summit_wide(
    summit: Summit, prompts
) -> None:
    phone = summit.people.join().id
    summit.agenda.set_prompt_rules(prompts["notes"], moderated=True)
    waiting = send(summit, prompts, "notes", "more support", phone)
    live = send(summit, prompts, "words", "support", phone)
    assert waiting.is_held and not live.is_held
    summit.moderation.set_summit_moderated(True)
    assert send(summit, prompts, "words", "time", phone).is_held
    summit.agenda.set_prompt_rules(prompts["words"], moderated=False)  # this prompt opts out
    assert not send(summit, prompts, "words", "training", phone).is_held
    summit.moderation.approve("note", waiting.id)
    assert summit.notes.note(waiting.id).is_held is False


def test_approve_all_leaves_flagged_input_for_one_by_one(summit: Summit, prompts) -> None:
    phone = summit.people.join().id
    summit.moderation.set_summit_moderated(True)
    ok = send(summit, prompts, "questions", "Who decides?", phone)
    rude = send(summit, prompts, "questions", "Who the fuck decides?", phone)
    assert summit.moderation.approve_all() == 1
    assert summit.questions.question(ok.id).is_shown
    assert summit.questions.question(rude.id).is_held
    summit.moderation.hide("question", rude.id)
    hidden = summit.questions.question(rude.id)
    assert hidden.is_hidden and not hidden.is_held and hidden.text == "Who the fuck decides?"
    assert summit.moderation.held() == []


def test_the_facilitator_extends_the_list_and_allows_words(summit: Summit, prompts) -> None:
    phone = summit.people.join().id
    summit.moderation.set_word_lists(["rubbish", "  waffle "], ["bollocks"])
    assert summit.moderation.word_lists() == (("rubbish", "waffle"), ("bollocks",))
    assert send(summit, prompts, "notes", "Utter rubbish", phone).flagged == "rubbish"
    assert not send(summit, prompts, "notes", "Bollocks to that", phone).is_held
    with pytest.raises(ValidationError):
        summit.moderation.set_word_lists(["\u200b"], [])


def test_a_note_of_only_invisible_characters_is_refused(summit: Summit, prompts) -> None:
    phone = summit.people.join().id
    for text in ("\u200b\u200b", "\u2060\ufeff", "\u3164", "\u200d\u200c\u00ad"):
        with pytest.raises(ValidationError, match="invisible"):
            send(summit, prompts, "notes", text, phone)
    assert summit.notes.notes() == []


def test_compounds_of_strong_words_are_caught_by_their_beginning() -> None:
    found = WordFilter(shipped_words()).found
    assert found("Why is this such a shitshow?") == ("shit*",)
    assert found("What a fuckwit") == ("fuckwit",)
    assert found("fuckwittery") == ("fuck*",)
    assert found("Shiitake mushrooms and a shift pattern") == ()


@pytest.mark.parametrize(
    "text", ["f\u200buck", "sh\u00adit", "fu\u2060ck you", "s\u200ch\u200bi\u200dt", "\ufeffshit"]
)
def test_an_invisible_character_inside_a_word_does_not_hide_it(
    summit: Summit, prompts, text: str
) -> None:
    assert WordFilter(shipped_words()).found(text), repr(text)
    phone = summit.people.join().id
    assert send(summit, prompts, "notes", text, phone).is_held

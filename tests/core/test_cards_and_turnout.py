"""Who took part, printed voting cards, and text that shows nothing."""

import sqlite3
from pathlib import Path

import pytest

from summit_app.core import Summit, ValidationError
from summit_app.core.cards import grouped, normal_pass
from summit_app.core.checks import is_blank
from summit_app.core.model import Author, PollKind, SummitInfo
from summit_app.core.schema import migrate


def test_joining_is_not_taking_part_until_the_phone_acts(summit: Summit, vote_item) -> None:
    poll = summit.polls.add_poll(vote_item.id, "Which?", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)
    prompt = summit.agenda.add_prompt(vote_item.id, "What is missing?")
    summit.agenda.open_prompt(prompt.id)
    previews = [summit.people.join() for _ in range(5)]  # link previews, a flood of joins
    voter, writer, chooser = (summit.people.join() for _ in range(3))
    summit.polls.cast_ballot(poll.id, voter.id, {poll.options[0].id: 1})
    summit.notes.add_note(prompt.id, "More time", Author.PARTICIPANT, participant_id=writer.id)
    summit.people.set_group(chooser.id, "Nursing")
    assert summit.people.count() == 8
    assert summit.people.taking_part() == 3
    took_part = summit.people.participants(taking_part=True)
    assert [p.id for p in took_part] == [voter.id, writer.id, chooser.id]
    assert all(p.acted_at for p in took_part) and not previews[0].acted_at


def test_a_draft_poll_says_not_open_yet(summit: Summit, vote_item) -> None:
    poll = summit.polls.add_poll(vote_item.id, "Which?", PollKind.SINGLE, ["A", "B"])
    person = summit.people.join()
    with pytest.raises(ValidationError, match="not open yet"):
        summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    summit.polls.open_poll(poll.id)
    summit.polls.close_poll(poll.id)
    with pytest.raises(ValidationError, match="closed"):
        summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})


@pytest.mark.parametrize(
    "text",
    [
        "\u200b\u200b\u200b",
        "\u200d\ufe0f",
        " \u00ad\u2060\ufeff ",
        "\u3164",
        "\u202e\u202c",
        "\t\n",
    ],
)
def test_a_note_of_only_invisible_characters_is_refused(summit: Summit, vote_item, text) -> None:
    prompt = summit.agenda.add_prompt(vote_item.id, "What is missing?")
    assert is_blank(text)
    with pytest.raises(ValidationError, match="cannot be empty|shows nothing"):
        summit.notes.add_note(prompt.id, text)
    assert summit.notes.notes(prompt.id) == []


@pytest.mark.parametrize("text", ["a\u200b", "💪", "\u0627", "<b>", "🫨"])
def test_visible_text_is_kept_exactly(summit: Summit, vote_item, text) -> None:
    prompt = summit.agenda.add_prompt(vote_item.id, "What is missing?")
    assert summit.notes.add_note(prompt.id, text).text == text


def test_cards_are_numbered_unguessable_and_carry_no_name(summit: Summit) -> None:
    cards = summit.cards.issue(3, group="Pharmacy")
    more = summit.cards.issue(2)
    assert [c.id for c in cards + more] == [1, 2, 3, 4, 5]
    assert len({c.pass_ for c in cards + more}) == 5
    assert all(len(c.pass_) == 16 for c in cards)  # 80 bits of Crockford base32
    assert [c.group for c in cards + more] == ["Pharmacy"] * 3 + [None] * 2
    columns = {r[1] for r in summit.execute("PRAGMA table_info(cards)")}
    assert not columns & {"name", "holder", "email"}
    with pytest.raises(ValidationError, match="group from the list"):
        summit.cards.issue(1, group="Astronaut")
    with pytest.raises(ValidationError, match="between 1 and"):
        summit.cards.issue(0)


def test_a_typed_pass_is_read_forgivingly(summit: Summit) -> None:
    (card,) = summit.cards.issue(1)
    typed = grouped(card.pass_).lower().replace("0", "o").replace("1", "l")
    assert normal_pass(typed) == card.pass_
    assert summit.cards.by_pass(typed) == card
    assert summit.cards.by_pass("nope") is None


def test_a_card_is_one_participant_whichever_phone_scans_it(summit: Summit) -> None:
    (card,) = summit.cards.issue(1, group="Nursing")
    _, first = summit.cards.claim(card.pass_)
    _, again = summit.cards.claim(grouped(card.pass_))
    assert first.id == again.id and first.group == "Nursing"
    assert summit.cards.of_participant(first.id).id == card.id
    assert summit.people.taking_part() == 0  # holding a card is not yet taking part


def test_revoking_a_lost_card_moves_its_participant_to_the_replacement(
    summit: Summit, vote_item
) -> None:
    poll = summit.polls.add_poll(vote_item.id, "Which?", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)
    (card,) = summit.cards.issue(1, group="Nursing")
    _, holder = summit.cards.claim(card.pass_)
    summit.polls.cast_ballot(poll.id, holder.id, {poll.options[0].id: 1})
    replacement = summit.cards.revoke(card.id)
    assert replacement.id == 2 and replacement.replaces == card.id
    assert replacement.group == "Nursing" and replacement.participant_id == holder.id
    assert summit.cards.card(card.id).revoked
    assert summit.people.by_token(holder.token) is None  # the old phones' pass is dead
    with pytest.raises(ValidationError, match="cancelled"):
        summit.cards.claim(card.pass_)
    _, again = summit.cards.claim(replacement.pass_)
    assert again.id == holder.id
    assert summit.polls.ballot(poll.id, holder.id) is not None  # one ballot, kept
    with pytest.raises(ValidationError, match="already cancelled"):
        summit.cards.revoke(card.id)


def test_verified_mode_is_kept_in_the_file(summit: Summit) -> None:
    assert not summit.cards.verified()
    summit.cards.set_verified(True)
    assert summit.cards.verified()


def test_an_older_file_counts_as_taking_part_those_who_acted(tmp_path: Path) -> None:
    path = tmp_path / "old.summit"
    conn = sqlite3.connect(path)
    migrate(conn, target=2)
    conn.executescript(
        "INSERT INTO summit (id, title, join_code) VALUES (1, 'Old', 'code');"
        "INSERT INTO sections (id, position, title) VALUES (1, 0, 'S');"
        "INSERT INTO items (id, section_id, position, title, kind) VALUES (1, 1, 0, 'V', 'vote');"
        "INSERT INTO polls (id, item_id, position, question, kind) VALUES (1, 1, 0, 'Q', 'single');"
        "INSERT INTO participants (id, token, joined_at) VALUES (1, 'a', 't'), (2, 'b', 't'),"
        " (3, 'c', 't');"
        "INSERT INTO ballots (poll_id, participant_id, choices, cast_at) VALUES (1, 1, '{}', 't');"
        "UPDATE participants SET group_name = 'Nursing' WHERE id = 2;"
    )
    conn.close()
    with Summit.open(path) as summit:
        assert summit.people.count() == 3 and summit.people.taking_part() == 2
        assert len(summit.info().short_code) == 6 and summit.info().short_code.isdigit()
        assert summit.cards.cards() == [] and not summit.cards.verified()


def test_a_new_summit_has_a_six_digit_short_code(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "a.summit", SummitInfo(title="A")) as summit:
        code = summit.info().short_code
        assert len(code) == 6 and code.isdigit()

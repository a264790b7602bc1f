"""Table hosts in core (issue 26): the room's tables and their cards, a host's notes, key
points and counts, each refusal with its sentence and changing nothing."""

from __future__ import annotations

import pytest

from summit_app.core import Summit, table_host
from summit_app.core.changes import Changes, from_event
from summit_app.core.errors import NotAllowedError, NotFoundError, StateError, ValidationError
from summit_app.core.model import Item, PollKind
from summit_app.core.presenting import TABLE_WORDS, present
from summit_app.core.schema import Area


def test_the_room_has_numbered_named_tables_and_keeps_those_that_sent_something(
    summit: Summit, vote_item: Item
) -> None:
    tables = summit.tables.set_tables(15, names=["Riverside", "", "Oak"], seats=8)
    assert [t.id for t in tables] == list(range(1, 16))
    assert tables[0].label == "Table 1 (Riverside)" and tables[1].label == "Table 2"
    assert {t.seats for t in tables} == {8}
    assert len({t.pass_ for t in tables}) == 15
    with pytest.raises(ValidationError, match="between 1 and 100"):
        summit.tables.set_tables(101)
    prompt = summit.agenda.add_prompt(vote_item.id, "What matters?")
    summit.agenda.open_prompt(prompt.id)
    _, token = summit.tables.claim(tables[11].pass_, None)
    table_host.post_note(summit, token, prompt.id, "Workforce")
    with pytest.raises(ValidationError, match="Table 12 has already sent notes"):
        summit.tables.set_tables(10)
    assert summit.tables.count() == 15
    # Renumbering keeps each kept table's pass (its printed card still works).
    kept = summit.tables.set_tables(12)
    assert [t.pass_ for t in kept] == [t.pass_ for t in tables[:12]]
    assert kept[0].name == ""  # names are as given this time


def test_a_second_phone_with_the_same_table_card_is_refused_until_it_is_reprinted(
    summit: Summit,
) -> None:
    (table,) = summit.tables.set_tables(1)
    first, token = summit.tables.claim(table.pass_.lower(), None)
    assert first.host_token == token and first.last_contact
    again, same = summit.tables.claim(table.pass_, token)  # the host phone scans again
    assert same == token
    with pytest.raises(NotAllowedError, match="already in use on another phone"):
        summit.tables.claim(table.pass_, None)
    with pytest.raises(NotAllowedError, match="already in use on another phone"):
        summit.tables.claim(table.pass_, "guessed-secret")
    with pytest.raises(NotFoundError, match="No table card has that code"):
        summit.tables.claim("0000000000000000", None)
    reprinted = summit.tables.revoke(1)
    assert reprinted.pass_ != table.pass_ and reprinted.printed == 2
    assert reprinted.host_token is None
    with pytest.raises(NotFoundError):
        summit.tables.claim(table.pass_, token)  # the lost card is no card now
    with pytest.raises(NotAllowedError, match="not a table's host"):
        table_host.host(summit, token)  # the old phone cannot send for the table
    _, new_token = summit.tables.claim(reprinted.pass_, None)
    assert table_host.host(summit, new_token).id == 1


def test_a_host_posts_edits_withdraws_and_stars_up_to_three_key_points(
    summit: Summit, vote_item: Item
) -> None:
    one, two = summit.tables.set_tables(2)
    _, host1 = summit.tables.claim(one.pass_, None)
    _, host2 = summit.tables.claim(two.pass_, None)
    prompt = summit.agenda.add_prompt(vote_item.id, "Five-year vision?")
    with pytest.raises(StateError, match="not taking notes right now"):
        table_host.post_note(summit, host1, prompt.id, "Too early")
    summit.agenda.open_prompt(prompt.id)
    notes = [table_host.post_note(summit, host1, prompt.id, f"Point {n}") for n in range(4)]
    assert {n.table_id for n in notes} == {1}
    for note in notes[:3]:
        assert table_host.star(summit, host1, note.id).is_key
    with pytest.raises(ValidationError, match="up to 3 key points"):
        table_host.star(summit, host1, notes[3].id)
    table_host.star(summit, host1, notes[0].id, on=False)
    assert table_host.star(summit, host1, notes[3].id).is_key
    with pytest.raises(NotAllowedError, match="not your table's"):
        table_host.edit_note(summit, host2, notes[1].id, "Hijacked")
    with pytest.raises(NotAllowedError, match="not your table's"):
        table_host.withdraw_note(summit, host2, notes[1].id)
    assert table_host.edit_note(summit, host1, notes[1].id, "Point one, reworded").text == (
        "Point one, reworded"
    )
    table_host.withdraw_note(summit, host1, notes[2].id)
    mine = table_host.table_notes(summit, host1, prompt.id)
    assert [n.text for n in mine] == ["Point 0", "Point one, reworded", "Point 3"]
    with pytest.raises(ValidationError, match="too long"):
        table_host.post_note(summit, host1, prompt.id, "x" * 501)
    summit.agenda.open_prompt(None)
    with pytest.raises(StateError, match="closed this question"):
        table_host.edit_note(summit, host1, notes[1].id, "Too late")
    assert summit.notes.note(notes[1].id).text == "Point one, reworded"


def test_moderation_and_the_word_list_hold_table_notes_as_phone_notes(
    summit: Summit, vote_item: Item
) -> None:
    (table,) = summit.tables.set_tables(1)
    _, host = summit.tables.claim(table.pass_, None)
    prompt = summit.agenda.add_prompt(vote_item.id, "What matters?")
    summit.agenda.open_prompt(prompt.id)
    summit.moderation.set_word_lists(["rubbish"], [])
    held = table_host.post_note(summit, host, prompt.id, "This is rubbish")
    assert held.is_held and held.flagged == "rubbish"
    fine = table_host.post_note(summit, host, prompt.id, "Fine")
    assert not fine.is_held
    assert table_host.edit_note(summit, host, fine.id, "Now rubbish").is_held
    assert summit.moderation.held_count(prompt.id) == 2


def test_table_counts_join_the_result_marked_and_are_refused_past_the_seats(
    summit: Summit, vote_item: Item
) -> None:
    one, two = summit.tables.set_tables(2, seats=6)
    _, host1 = summit.tables.claim(one.pass_, None)
    _, host2 = summit.tables.claim(two.pass_, None)
    poll = summit.polls.add_poll(vote_item.id, "Which first?", PollKind.SINGLE, ["A", "B"])
    a, b = (o.id for o in poll.options)
    with pytest.raises(StateError, match="not open"):
        table_host.count(summit, host1, poll.id, {a: 3})
    summit.polls.open_poll(poll.id)
    voter = summit.people.join()
    summit.polls.cast_ballot(poll.id, voter.id, {a: 1})
    table_host.count(summit, host1, poll.id, {a: 3, b: 2})
    table_host.count(summit, host1, poll.id, {a: 2, b: 2})  # replaces its earlier count
    table_host.count(summit, host2, poll.id, {b: 1})
    with pytest.raises(ValidationError, match="Table 2 seats 6, so it cannot count 7 people"):
        table_host.count(summit, host2, poll.id, {a: 4, b: 3})
    with pytest.raises(ValidationError, match="must add up"):
        table_host.count(summit, host2, poll.id, {a: 1}, people=3)
    assert summit.polls.ballot_count(poll.id) == 1  # counts are never ballots
    result = summit.polls.result(poll.id)
    assert result.voters == 1 + 4 + 1 and result.table_voters == 5
    by_option = {r.option.id: (r.count, r.table_count) for r in result.options}
    assert by_option == {a: (3, 2), b: (3, 3)}
    shown = present(result)
    assert all(TABLE_WORDS in r.detail for r in shown.rows)
    assert "5 people at 2 tables were counted by their table's host" in shown.sentence
    assert shown.to_dict()["table_voters"] == 5

    rank = summit.polls.add_poll(vote_item.id, "Order", PollKind.RANK, ["A", "B"])
    summit.polls.open_poll(rank.id)
    with pytest.raises(ValidationError, match="pick-one and pick-several"):
        table_host.count(summit, host1, rank.id, {rank.options[0].id: 1}, people=1)


def test_a_multi_choice_count_needs_its_people_and_stays_within_them(
    summit: Summit, vote_item: Item
) -> None:
    (table,) = summit.tables.set_tables(1)
    _, host = summit.tables.claim(table.pass_, None)
    poll = summit.polls.add_poll(
        vote_item.id, "Pick two", PollKind.MULTI, ["A", "B", "C"], max_choices=2
    )
    summit.polls.open_poll(poll.id)
    a, b, c = (o.id for o in poll.options)
    with pytest.raises(ValidationError, match="how many people"):
        table_host.count(summit, host, poll.id, {a: 2})
    with pytest.raises(ValidationError, match="more picks"):
        table_host.count(summit, host, poll.id, {a: 4}, people=3)
    with pytest.raises(ValidationError, match="at most 6 picks"):
        table_host.count(summit, host, poll.id, {a: 3, b: 3, c: 1}, people=3)
    table_host.count(summit, host, poll.id, {a: 3, b: 2}, people=3)
    assert summit.polls.result(poll.id).voters == 3


def test_phone_events_for_tables_are_typed_changes() -> None:
    note = from_event("table_note", {"note_id": 7})
    assert note.notes == frozenset({7}) and note.touches(Area.TABLES)
    count = from_event("table_count", {"poll_id": 3})
    assert count.poll_changed(3) and count.touches(Area.POLLS)
    assert from_event("table", {}).touches(Area.TABLES)
    rows = Changes.from_rows({"table_counts": [1]}, {"table_counts": [4]})
    assert rows.poll_changed(4)


def test_a_file_whose_table_count_is_damaged_is_refused_untouched(tmp_path) -> None:
    import sqlite3

    from summit_app.core.errors import SummitFileError
    from summit_app.core.model import ItemKind, SummitInfo

    path = tmp_path / "damaged.summit"
    with Summit.create(path, SummitInfo(title="Damaged")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "V", ItemKind.VOTE, 5)
        poll = summit.polls.add_poll(item.id, "Pick", PollKind.SINGLE, ["A", "B"])
        summit.polls.open_poll(poll.id)
        (table,) = summit.tables.set_tables(1)
        _, host = summit.tables.claim(table.pass_, None)
        table_host.count(summit, host, poll.id, {poll.options[0].id: 2})
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE table_counts SET counts = '{\"A\": 2'")
    conn.close()
    with pytest.raises(SummitFileError, match="unreadable data in table_counts.counts"):
        Summit.open(path)

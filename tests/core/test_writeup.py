"""What the programme team writes and chooses: stored, placed, undone, and older files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.errors import ValidationError
from summit_app.core.history import History
from summit_app.core.model import (
    CLOSING_PAGES,
    ClosingTexts,
    Item,
    ItemKind,
    NarrativeBlock,
    PackOptions,
    SummitInfo,
)
from summit_app.core.narrative import NARRATIVE_MAX_CHARS, parse
from summit_app.core.schema import migrate


def _section(s: Summit, *titles: str) -> tuple[int, list[int]]:
    section = s.agenda.add_section("Findings", "Our introduction.")
    items = [s.agenda.add_item(section.id, t, ItemKind.TALK, 10).id for t in titles]
    return section.id, items


def _reading(s: Summit, section_id: int | None) -> list[str]:
    return [e.title if isinstance(e, Item) else e.text for e in s.writeup.flow(section_id)]


def test_a_block_goes_where_the_team_puts_it_in_the_reading(summit: Summit) -> None:
    section_id, _ = _section(summit, "Talk", "Vote")
    w = summit.writeup
    messages = w.add_block(section_id, "The nine core messages:\n- one\n- two", index=1)
    w.add_block(section_id, "Updated messages")  # at the end
    w.add_block(section_id, "Before everything", index=0)
    assert _reading(summit, section_id) == [
        "Before everything",
        "Talk",
        "The nine core messages:\n- one\n- two",
        "Vote",
        "Updated messages",
    ]
    assert w.narrative_block(messages.id).after_item_id == summit.agenda.items(section_id)[0].id
    assert [b.text for b in w.narrative_blocks(section_id)][0] == "Before everything"
    w.shift_block(messages.id, +1)
    assert _reading(summit, section_id)[2:4] == ["Vote", "The nine core messages:\n- one\n- two"]
    w.shift_block(messages.id, -10)
    assert _reading(summit, section_id)[0] == "The nine core messages:\n- one\n- two"


def test_a_block_follows_its_item_and_stays_put_when_the_item_goes(summit: Summit) -> None:
    section_id, (talk, vote, close) = _section(summit, "Talk", "Vote", "Close")
    w = summit.writeup
    w.add_block(section_id, "After the vote", index=2)
    summit.agenda.move_item(vote, 0)
    assert _reading(summit, section_id) == ["Vote", "After the vote", "Talk", "Close"]
    summit.agenda.remove_item(vote)
    assert _reading(summit, section_id) == ["After the vote", "Talk", "Close"]
    w.place_block(w.narrative_blocks(section_id)[0].id, 1)
    assert _reading(summit, section_id) == ["Talk", "After the vote", "Close"]
    other = summit.agenda.add_section("Afternoon").id
    summit.agenda.move_item(talk, 0, other)  # the block stays here, where it was read
    assert _reading(summit, section_id) == ["After the vote", "Close"]
    assert _reading(summit, other) == ["Talk"]


def test_blocks_move_between_sections_and_into_the_introduction(summit: Summit) -> None:
    first, _ = _section(summit, "Talk")
    second = summit.agenda.add_section("Second").id
    block = summit.writeup.add_block(first, "Moving on", index=1)
    summit.writeup.move_block(block.id, second, 0)
    assert _reading(summit, first) == ["Talk"] and _reading(summit, second) == ["Moving on"]
    summit.writeup.move_block(block.id, None, 0)
    intro = summit.writeup.narrative_blocks(None)
    assert [b.text for b in intro] == ["Moving on"] and intro[0].section_id is None
    summit.agenda.remove_section(first)
    assert summit.writeup.narrative_blocks(None) == intro


def test_a_removed_section_takes_its_blocks_with_it(summit: Summit) -> None:
    section_id, _ = _section(summit, "Talk")
    summit.writeup.add_block(section_id, "Text")
    summit.agenda.remove_section(section_id)
    assert summit.rows("SELECT * FROM narrative_blocks") == []


def test_blocks_are_stored_as_typed_and_parsed_in_core(summit: Summit) -> None:
    section_id, _ = _section(summit)
    typed = "**Bold** <b>literal</b> ** <para> 🎉 &amp; *it*\n1. one"
    block = summit.writeup.add_block(section_id, typed, title="<i>Heading</i>")
    again = summit.writeup.narrative_block(block.id)
    assert again.text == typed and again.title == "<i>Heading</i>"
    first = parse(again.text).blocks[0]
    assert [(r.text, r.bold) for r in first.runs][:2] == [
        ("Bold", True),
        (" <b>literal</b> ** <para> 🎉 &amp; ", False),
    ]  # noqa: E501


def test_refused_texts_say_why_and_change_nothing(summit: Summit) -> None:
    section_id, (item,) = _section(summit, "Talk")
    block = summit.writeup.add_block(section_id, "Keep me")
    with pytest.raises(ValidationError, match="needs some text"):
        summit.writeup.add_block(section_id, "   ")
    with pytest.raises(ValidationError, match="remove the block instead"):
        summit.writeup.update_block(block.id, text="")
    with pytest.raises(ValidationError, match="too long: at most 20,000"):
        summit.writeup.set_item_writeup(item, "x" * (NARRATIVE_MAX_CHARS + 1))
    with pytest.raises(ValidationError, match="one line"):
        summit.writeup.set_key_points(summit.agenda.add_speaker(item, "Dr A").id, ["two\nlines"])
    assert summit.writeup.narrative_block(block.id).text == "Keep me"
    assert summit.agenda.item(item).writeup == ""


def test_renaming_a_section_keeps_its_introduction(summit: Summit) -> None:
    section_id, _ = _section(summit)
    summit.writeup.set_section_introduction(section_id, "In the next part of the **session**…")
    summit.agenda.update_section(section_id, title="Renamed")
    section = summit.agenda.section(section_id)
    assert (section.title, section.introduction) == (
        "Renamed",
        "In the next part of the **session**…",
    )


def test_item_and_prompt_write_ups_are_kept_apart_from_the_facilitators_text(
    summit: Summit,
) -> None:
    section_id, (item,) = _section(summit, "Pre-mortem")
    summit.agenda.update_item(item, description="Tell people how to join from their phone")
    summit.writeup.set_item_writeup(item, "We asked the group to complete a **pre-mortem**.")
    prompt = summit.agenda.add_prompt(item, "What's gone wrong?")
    summit.writeup.set_prompt_writeup(prompt.id, "The following factors were identified…")
    got = summit.agenda.item(item)
    assert got.description == "Tell people how to join from their phone"
    assert got.writeup == "We asked the group to complete a **pre-mortem**."
    assert summit.agenda.prompt(prompt.id).writeup == "The following factors were identified…"
    summit.writeup.set_summit_introduction("On Tuesday…")
    assert summit.info().introduction == "On Tuesday…"


def test_key_points_are_a_list_and_semicolons_stay_inside_a_point(summit: Summit) -> None:
    _, (item,) = _section(summit, "Talk")
    speaker = summit.agenda.add_speaker(item, "Vanessa Burgess")
    points = ["Trust empowered leaders; we should build on and amplify this", "", "1. **One**"]
    got = summit.writeup.set_key_points(speaker.id, points)
    assert got.key_points == (points[0], points[2])


def test_pack_options_default_and_change_and_refuse_a_group_of_one(summit: Summit) -> None:
    w = summit.writeup
    assert w.pack_options() == PackOptions()
    assert w.pack_options().anonymity_threshold == 5
    assert w.pack_options().closing_order == CLOSING_PAGES
    chosen = PackOptions(
        include_agenda=False,
        include_group_tables=False,
        closing_order=("thanks", *[p for p in CLOSING_PAGES if p != "thanks"]),
        anonymity_threshold=10,
    )
    assert w.set_pack_options(chosen) == chosen == w.pack_options()
    for bad, says in (
        (PackOptions(anonymity_threshold=1), "a group of one"),
        (PackOptions(anonymity_threshold=True), "whole number"),  # type: ignore[arg-type]
        (PackOptions(closing_order=("thanks",)), "each come once"),
        (PackOptions(closing_order=(*CLOSING_PAGES, "thanks")), "each come once"),
    ):
        with pytest.raises(ValidationError, match=says):
            w.set_pack_options(bad)
    assert w.pack_options() == chosen


def test_a_closing_order_missing_pages_reads_as_whole(summit: Summit) -> None:
    # A file written when there were fewer closing pages, or edited by hand.
    summit.execute('UPDATE writeup SET closing_order = \'["thanks", "nope", "thanks"]\'')
    order = summit.writeup.pack_options().closing_order
    assert order[0] == "thanks" and sorted(order) == sorted(CLOSING_PAGES)


def test_closing_texts(summit: Summit) -> None:
    texts = ClosingTexts("Thank you – **really**.", "We will:", "Finally we asked…")
    assert summit.writeup.set_closing_texts(texts) == texts == summit.writeup.closing_texts()


def test_actions_and_commitments_are_edited_and_ordered(summit: Summit) -> None:
    people = summit.people
    first = people.add_action("Share the pack", "Chloe", "May")
    second = people.add_action("Accept invitations", is_commitment=True)
    third = people.add_action("Walk in someone's **shoes**", is_commitment=True)
    people.update_action(first.id, "Share the pack with everyone", "Chloe", "30 April")
    people.move_action(third.id, 1)
    assert [a.text for a in people.actions()] == [
        "Share the pack with everyone",
        "Walk in someone's **shoes**",
        "Accept invitations",
    ]
    assert [a.is_commitment for a in people.actions()] == [False, True, True]
    assert people.action(first.id).due == "30 April"
    with pytest.raises(ValidationError):
        people.update_action(second.id, " ")


# -- one command, one undo step --------------------------------------------------------------


def _authored(s: Summit, section_id: int) -> tuple:
    return (
        s.info().introduction,
        _reading(s, section_id),
        s.agenda.section(section_id),
        s.writeup.pack_options(),
        s.writeup.closing_texts(),
    )


def test_every_writeup_edit_is_one_undo_step_that_brings_it_all_back(tmp_path: Path) -> None:
    s = Summit.create(tmp_path / "day.summit", SummitInfo(title="Day", introduction="Old"))
    section_id, (talk, vote) = _section(s, "Talk", "Vote")
    history = History(s)
    before = _authored(s, section_id)
    block = history.run("Add text", lambda x: x.writeup.add_block(section_id, "Core", index=1))
    history.run("Move text", lambda x: x.writeup.shift_block(block.id, +1))
    history.run("Edit text", lambda x: x.writeup.update_block(block.id, "Core **messages**"))
    history.run("Edit intro", lambda x: x.writeup.set_summit_introduction("New"))
    history.run("Edit section", lambda x: x.writeup.set_section_introduction(section_id, "S"))
    history.run("Pack", lambda x: x.writeup.set_pack_options(PackOptions(anonymity_threshold=9)))
    history.run("Thanks", lambda x: x.writeup.set_closing_texts(ClosingTexts(thanks="Ta")))
    history.run("Remove item", lambda x: x.agenda.remove_item(vote))
    assert _reading(s, section_id) == ["Talk", "Core **messages**"]
    for _ in range(8):
        history.undo()
    assert _authored(s, section_id) == before
    history.redo()
    assert _reading(s, section_id) == ["Talk", "Core", "Vote"]
    s.close()


def test_a_file_from_before_the_writeup_is_brought_forward_with_its_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.summit"
    conn = sqlite3.connect(path)
    migrate(conn, target=2)
    conn.execute(
        "INSERT INTO summit (id, title, join_code, introduction) VALUES (1, 'Old', 'c', 'Hi')"
    )
    conn.execute("INSERT INTO sections (id, position, title, introduction) VALUES (1, 0, 'S', 'I')")
    conn.execute(
        "INSERT INTO items (id, section_id, position, title, kind, description)"
        " VALUES (1, 1, 0, 'Talk', 'talk', 'run sheet')"
    )
    conn.commit()
    conn.close()
    with Summit.open(path) as s:
        assert s.migrated_from == 2
        item = s.agenda.item(1)
        assert (item.description, item.writeup) == ("run sheet", "")
        assert s.writeup.pack_options() == PackOptions()
        assert s.writeup.closing_texts() == ClosingTexts()
        assert s.writeup.flow(1) == [item]
        assert s.writeup.narrative_blocks(None) == []
        block = s.writeup.add_block(1, "New text")
        assert isinstance(block, NarrativeBlock) and block.after_item_id == 1

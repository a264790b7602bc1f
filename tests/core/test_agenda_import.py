"""An agenda pasted as a table, read from CSV, or copied from another summit."""

from __future__ import annotations

import pytest

from summit_app.core import Summit
from summit_app.core.agenda_import import (
    add_items,
    items_of,
    read_csv_file,
    read_table,
    rows_to_items,
    table_from_html,
)
from summit_app.core.errors import ValidationError
from summit_app.core.history import History
from summit_app.core.model import ItemKind, PollKind, SummitInfo

# As a spreadsheet or a Word table copies it: tabs between cells, a heading row.
PASTED = (
    "Session\tMinutes\tType\tSpeaker\n"
    "Section 1: Leadership\t\t\t\n"
    "Welcome and objectives\t10\tTalk\tAngela Helleur, Chief Nurse, Lewisham NHS Trust\n"
    "Three perspectives\t30 min\tpresentation\t"
    "Vanessa Burgess, Chief Nurse; Ben Collins, CEO, The King's Fund\n"
    "Coffee\t15\t\t\n"
    "Section 2: What needs to happen?\t\t\t\n"
    "Vote on the initiatives\t09:30-09:50\tvote\t\n"
    "Rank the nine core messages\t1h\tranking\t\n"
)


def test_a_pasted_table_becomes_sections_and_items():
    items = read_table(PASTED)
    assert [(i.section, i.title, i.minutes, i.kind) for i in items] == [
        (
            "Section 1: Leadership",
            "Welcome and objectives",
            10,
            ItemKind.TALK,
        ),
        (
            "Section 1: Leadership",
            "Three perspectives",
            30,
            ItemKind.TALK,
        ),
        ("Section 1: Leadership", "Coffee", 15, ItemKind.BREAK),
        ("Section 2: What needs to happen?", "Vote on the initiatives", 20, ItemKind.VOTE),
        ("Section 2: What needs to happen?", "Rank the nine core messages", 60, ItemKind.RANKING),
    ]
    speakers = items[1].speakers
    assert [(s.name, s.role, s.organisation) for s in speakers] == [
        ("Vanessa Burgess", "Chief Nurse", ""),
        ("Ben Collins", "CEO", "The King's Fund"),
    ]
    assert items[0].speakers[0].organisation == "Lewisham NHS Trust"


def test_a_table_without_headings_reads_title_minutes_kind_speaker():
    items = read_table("Welcome\t10\ttalk\tDr Ada\nTables\t45\tdiscussion\n")
    assert [(i.title, i.minutes, i.kind, i.section) for i in items] == [
        ("Welcome", 10, ItemKind.TALK, ""),
        ("Tables", 45, ItemKind.DISCUSSION, ""),
    ]


def test_a_csv_file_from_excel_is_read(tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes("Title;Duration;Kind\r\nWelcome;10;talk\r\nLunch;45;\r\n".encode("cp1252"))
    items = read_csv_file(path)
    assert [(i.title, i.minutes, i.kind) for i in items] == [
        ("Welcome", 10, ItemKind.TALK),
        ("Lunch", 45, ItemKind.BREAK),
    ]


def test_an_html_table_on_the_clipboard_is_read():
    html = (
        "<html><body><table><tr><th>Title</th><th>Minutes</th></tr>"
        "<tr><td><p>Welcome</p></td><td>10</td></tr>"
        "<tr><td>Table<br>discussion</td><td>30</td></tr></table></body></html>"
    )
    items = rows_to_items(table_from_html(html))
    assert [(i.title, i.minutes) for i in items] == [("Welcome", 10), ("Table discussion", 30)]


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ("", "the table is empty"),
        ("Welcome\tsoon\n", "Row 1: “soon” is not a length of time"),
        ("Title\tMinutes\n\t10\n", "Row 2 has no title"),
        ("Morning\nAfternoon\n", "no items with minutes"),
    ],
)
def test_a_table_that_cannot_be_read_says_which_row_and_why(table, says):
    with pytest.raises(ValidationError, match=says):
        read_table(table)


def test_rows_are_added_as_one_undo_step(tmp_path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Away day")) as summit:
        history = History(summit)
        history.run("Add the agenda", lambda s: add_items(s, read_table(PASTED)))
        assert [s.title for s in summit.agenda.sections()] == [
            "Section 1: Leadership",
            "Section 2: What needs to happen?",
        ]
        assert len(summit.agenda.items()) == 5
        assert len(summit.agenda.speakers()) == 3
        history.undo()
        assert summit.agenda.items() == [] and summit.agenda.sections() == []


def test_another_summits_agenda_is_copied_without_its_ballots(tmp_path):
    with Summit.create(tmp_path / "last-year.summit", SummitInfo(title="2020")) as old:
        section = old.agenda.add_section("Morning")
        welcome = old.agenda.add_item(section.id, "Welcome", ItemKind.TALK, 15, "Why we meet")
        old.agenda.add_speaker(welcome.id, "Dr Ada Lovelace", "Chair", "SEL ICS")
        vote = old.agenda.add_item(section.id, "Priorities", ItemKind.VOTE, 20)
        old.agenda.add_prompt(vote.id, "What is missing?")
        poll = old.polls.add_poll(vote.id, "Which first?", PollKind.MULTI, ["A", "B", "C"], 2)
        old.polls.open_poll(poll.id)
        old.polls.cast_ballot(poll.id, old.people.join().id, {poll.options[0].id: 1})
    with Summit.create(tmp_path / "this-year.summit", SummitInfo(title="2021")) as new:
        add_items(new, items_of(tmp_path / "last-year.summit"))
        welcome, vote = new.agenda.items()
        assert (welcome.title, welcome.description, welcome.planned_minutes) == (
            "Welcome",
            "Why we meet",
            15,
        )
        assert new.agenda.speakers(welcome.id)[0].organisation == "SEL ICS"
        assert [p.text for p in new.agenda.prompts(vote.id)] == ["What is missing?"]
        (copied,) = new.polls.polls()
        assert (copied.question, copied.max_choices, copied.state.value) == (
            "Which first?",
            2,
            "draft",
        )
        assert [o.text for o in copied.options] == ["A", "B", "C"]
        assert new.polls.ballot_count(copied.id) == 0


def test_a_table_with_its_own_sections_replaces_a_blank_summits_empty_section(tmp_path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Away day")) as summit:
        summit.agenda.add_section("Morning")  # as the blank template makes it
        history = History(summit)
        history.run("Add the agenda", lambda s: add_items(s, read_table(PASTED)))
        assert [s.title for s in summit.agenda.sections()][0] == "Section 1: Leadership"
        history.undo()
        assert [s.title for s in summit.agenda.sections()] == ["Morning"]

"""Everything a breakout room makes under its items comes back under the room's name and
stands in the room's part of the pack: themes, questions and their upvotes, cloud words,
actions and commitments, and the room's own items."""

from __future__ import annotations

import csv

from summit_app.core import Summit, phones
from summit_app.core.breakout_kit import write_kit
from summit_app.core.merge import import_room
from summit_app.core.model import SummitInfo
from summit_app.export.build import build_pack
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import render_html

ROOM = "Breakout B: Workforce"


def test_every_kind_a_room_makes_comes_back_under_the_room(tmp_path):
    main = Summit.create(tmp_path / "main.summit", SummitInfo(title="Leadership summit"))
    section = main.agenda.add_section("Afternoon")
    item = main.agenda.add_item(section.id, "Workforce", "discussion", 40)
    main.agenda.add_item(section.id, "Plenary", "talk", 20)
    main.agenda.add_item(main.agenda.add_section("Closing").id, "Thanks", "talk", 5)
    main.people.add_action("An action agreed in the main room", owner="Chair")
    write_kit(main, tmp_path / "b.summit", ROOM, [item.id])
    with Summit.open(tmp_path / "b.summit") as b:
        asked = b.agenda.add_prompt(item.id, "Questions for the panel", "questions")
        cloud = b.agenda.add_prompt(item.id, "One word for the workforce", "words")
        notes = b.agenda.add_prompt(item.id, "What would help?")
        people = [b.people.join() for _ in range(3)]
        b.agenda.open_prompt(asked.id)
        question = phones.ask(b, people[0], asked.id, "Who funds protected time?")
        for person in people[1:]:
            phones.upvote(b, person, question.id)
        b.agenda.open_prompt(cloud.id)
        for person, word in zip(people, ("stretched", "stretched", "proud"), strict=True):
            phones.send_word(b, person, cloud.id, word)
        theme = b.notes.add_theme(notes.id, "Protected time")
        b.notes.add_note(notes.id, "Half a day a month for learning", theme_id=theme.id)
        b.people.add_action("Write to the ICB about rotas", owner="Room B lead")
        b.people.add_action("I will mentor one new lead", is_commitment=True)
        own = b.agenda.add_item(section.id, "Room B's own round-up", "discussion", 10)
        agreed = b.agenda.add_prompt(own.id, "What did we agree?")
        b.notes.add_note(agreed.id, "Rotas a month ahead")
        extra = b.agenda.add_section("Room B's extra round")
        b.agenda.add_item(extra.id, "Ideas board", "discussion", 10)
    came = import_room(main, tmp_path / "b.summit")
    for table, n in {"questions": 1, "upvotes": 2, "words": 3, "themes": 1, "actions": 2,
                     "items": 2, "prompts": 4, "notes": 2, "sections": 1}.items():  # fmt: skip
        assert came.added[table] == n, table
    rooms = main.breakouts
    assert set(rooms.row_rooms("questions").values()) == {ROOM}
    assert set(rooms.row_rooms("words").values()) == {ROOM}
    assert sorted(rooms.row_rooms("actions").values()) == [ROOM, ROOM]
    # The room's own item and section stand with the room's part; the room still holds them.
    titles = [i.title for i in main.agenda.items()]
    assert titles == ["Workforce", "Room B's own round-up", "Plenary", "Ideas board", "Thanks"]
    assert [s.title for s in main.agenda.sections()] == [
        "Afternoon", "Room B's extra round", "Closing",
    ]  # fmt: skip
    assert len(rooms.holders()) == 3
    assert not import_room(main, tmp_path / "b.summit").anything  # and it stays there
    assert [i.title for i in main.agenda.items()] == titles
    html = render_html(build_pack(main)).replace("\xa0", " ")  # the typesetter's spaces
    start = html.index('id="room-')  # the room's part: its heading, up to the closing pages
    part = html[start : html.index('id="commitments"', start)]
    assert ROOM in part[:200] and "took part there" in part
    for said in ("Who funds protected time?", "stretched", "Protected time",
                 "Half a day a month for learning", "What did we agree?",
                 "Rotas a month ahead"):  # fmt: skip
        assert said in part, said
    assert "Write to the ICB about rotas<em> (Breakout B: Workforce)</em>" in html
    assert "I will mentor one new lead<em> (Breakout B: Workforce)</em>" in html
    assert "An action agreed in the main room</th>" in html  # the main room's: no room
    write_csv(main, tmp_path / "csv")
    with open(tmp_path / "csv" / "questions.csv", encoding="utf-8-sig") as f:
        assert [(r["text"], r["upvotes"], r["room"]) for r in csv.DictReader(f)] == [
            ("Who funds protected time?", "2", ROOM)
        ]

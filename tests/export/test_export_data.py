"""What the pack reads from a summit: times, dates, and what it leaves out."""

from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.data import clock_time, read_pack
from summit_app.export.dates import long_date


def test_planned_times_run_on_from_the_start_of_the_day(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "d.summit", SummitInfo(title="D", start_time="09:45")) as s:
        morning = s.agenda.add_section("Morning")
        s.agenda.add_item(morning.id, "Welcome", "other", 15)
        s.agenda.add_item(morning.id, "Talk", "talk", 50)
        afternoon = s.agenda.add_section("Afternoon")
        s.agenda.add_item(afternoon.id, "Lunch", "break", 45)
        data = read_pack(s)
    times = [(i.item.title, i.planned_start, i.planned_end) for i in data.items]
    assert times == [
        ("Welcome", "09:45", "10:00"),
        ("Talk", "10:00", "10:50"),
        ("Lunch", "10:50", "11:35"),
    ]


def test_hidden_notes_never_reach_the_pack_and_groups_keep_the_summits_order(
    tmp_path: Path,
) -> None:
    with Summit.create(tmp_path / "h.summit", SummitInfo(title="H")) as s:
        item = s.agenda.add_item(s.agenda.add_section("S").id, "I")
        prompt = s.agenda.add_prompt(item.id, "Q")
        kept = s.notes.add_note(prompt.id, "kept")
        s.notes.set_hidden(s.notes.add_note(prompt.id, "hidden").id, True)
        for group in ("Social care", "Nursing", None, "Nursing"):
            s.people.acted(s.people.join(group).id)
        s.people.join()  # a link preview: joined, never took part
        data = read_pack(s)
    assert [n.id for n in data.items[0].prompts[0].unthemed] == [kept.id]
    assert data.by_group == {"Nursing": 2, "Social care": 1, "Not given": 1}
    assert data.joined == 4


def test_dates_and_clock_times_read_as_people_write_them() -> None:
    assert long_date("2021-04-13") == "13 April 2021"
    assert long_date("Tuesday 13th April") == "Tuesday 13th April"
    assert clock_time("2021-04-13T09:32:00+01:00") == "09:32"
    assert clock_time(None) == "" and clock_time("soon") == ""


def test_the_pack_is_one_snapshot_and_never_holds_up_a_vote(tmp_path: Path) -> None:
    path = tmp_path / "live.summit"
    with Summit.create(path, SummitInfo(title="Live")) as s:
        item = s.agenda.add_item(s.agenda.add_section("S").id, "I")
        s.agenda.add_prompt(item.id, "Q")
    with Summit.open(path) as exporter, Summit.open(path) as room:
        prompt = room.agenda.prompts()[0]
        with exporter.reading():  # as read_pack holds it
            before = len(exporter.notes.notes())
            room.notes.add_note(prompt.id, "typed while exporting")  # not blocked
            assert len(exporter.notes.notes()) == before
        assert [n.text for n in read_pack(exporter).items[0].prompts[0].unthemed] == [
            "typed while exporting"
        ]

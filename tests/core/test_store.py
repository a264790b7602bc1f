"""The .summit file: round trips, migrations, refusals and durability."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from summit_app.core import Summit, SummitFileError, ValidationError
from summit_app.core.model import Author, ItemKind, PollKind, PollState, SummitInfo
from summit_app.core.schema import MIGRATIONS, SCHEMA_VERSION, migrate


def test_every_entity_round_trips_through_the_file(tmp_path: Path):
    path = tmp_path / "day.summit"
    info = SummitInfo(
        title="South east London summit",
        date="2021-04-13",
        venue="Hall",
        organisers="SEL ICS",
        objectives=("Share findings", "Agree priorities"),
        start_time="09:30",
        groups=("Nursing", "Pharmacy"),
    )
    with Summit.create(path, info) as s:
        section = s.agenda.add_section("Section 1", "Intro")
        talk = s.agenda.add_item(section.id, "Welcome", ItemKind.TALK, 20, "Opening")
        speaker = s.agenda.add_speaker(talk.id, "Angela", "Chief Nurse", "LGT", ["trust"])
        prompt = s.agenda.add_prompt(talk.id, "What should we take forward?")
        theme = s.notes.add_theme(prompt.id, "Relationships", "Build them first")
        note = s.notes.add_note(prompt.id, "Trust matters", theme_id=theme.id, is_quote=True)
        hidden = s.notes.set_hidden(s.notes.add_note(prompt.id, "off topic").id, True)
        poll = s.polls.add_poll(talk.id, "Which?", PollKind.MULTI, ["A", "B", "C"], max_choices=2)
        person = s.people.join("Nursing")
        s.polls.open_poll(poll.id)
        ballot = s.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
        s.polls.set_hand_counts(poll.id, [(poll.options[1].id, None, 4)], voters=4)
        action = s.people.add_action("Write up", owner="Chloe", due="May")
        s.agenda.start_item(talk.id, at="2021-04-13T09:31:00+01:00")

    with Summit.open(path) as s:
        assert s.info().title == info.title
        assert s.info().objectives == info.objectives
        assert s.info().groups == ("Nursing", "Pharmacy")
        assert s.agenda.sections()[0].title == "Section 1"
        assert s.agenda.item(talk.id).actual_start == "2021-04-13T09:31:00+01:00"
        assert s.agenda.speakers(talk.id) == [speaker]
        assert s.agenda.prompts(talk.id) == [prompt]
        assert s.notes.themes(prompt.id)[0].summary == "Build them first"
        assert s.notes.note(note.id).is_quote and s.notes.note(note.id).theme_id == theme.id
        assert s.notes.note(hidden.id).is_hidden
        assert [n.id for n in s.notes.notes(prompt.id, include_hidden=False)] == [note.id]
        assert s.polls.ballots(poll.id) == [ballot]
        assert s.polls.hand_voters(poll.id) == 4
        assert s.polls.hand_counts(poll.id)[0].count == 4
        assert s.people.participants()[0].group == "Nursing"
        assert s.people.actions() == [action]
        assert s.live().current_item_id == talk.id
        assert s.live().open_poll_id == poll.id


def test_file_is_wal_with_foreign_keys_and_schema_version(summit: Summit):
    assert summit.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert summit.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert summit.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_every_change_is_visible_to_another_connection_at_once(summit: Summit):
    summit.agenda.add_section("Committed")
    other = sqlite3.connect(summit.path)
    assert other.execute("SELECT title FROM sections").fetchall() == [("Committed",)]
    other.close()


def test_a_file_from_the_first_version_is_migrated_and_keeps_its_data(tmp_path: Path):
    path = tmp_path / "old.summit"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=1)
    conn.execute("INSERT INTO summit (id, title, join_code) VALUES (1, 'Old day', 'code')")
    conn.execute("INSERT INTO sections (position, title) VALUES (0, 'Morning')")
    conn.execute("INSERT INTO participants (token, joined_at) VALUES ('t', 'now')")
    conn.commit()
    conn.close()

    with Summit.open(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.info().title == "Old day"
        assert s.agenda.sections()[0].title == "Morning"
        assert s.people.participants()[0].group is None
        s.people.set_group(1, "Nursing")  # a column the migration added


def test_migrations_are_numbered_in_order():
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _refused_untouched(path: Path, message: str) -> None:
    before = _snapshot(path.parent)
    with pytest.raises(SummitFileError, match=message):
        Summit.open(path)
    assert _snapshot(path.parent) == before


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "newer.summit"
    Summit.create(path, SummitInfo(title="x")).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused_untouched(path, "newer version of Summit")


def test_a_damaged_file_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "damaged.summit"
    with Summit.create(path, SummitInfo(title="x")) as s:
        for i in range(200):
            s.agenda.add_section(f"Section {i}" * 20)
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    scribbled = tmp_path / "scribbled.summit"
    scribbled.write_bytes(data[:4096] + os.urandom(8192) + data[4096 + 8192 :])
    _refused_untouched(scribbled, "damaged")
    truncated = tmp_path / "truncated.summit"
    truncated.write_bytes(data[: len(data) // 2])
    _refused_untouched(truncated, "damaged")


def test_a_file_that_is_not_a_summit_is_refused_untouched(tmp_path: Path):
    text = tmp_path / "notes.summit"
    text.write_text("just some notes")
    _refused_untouched(text, "not a summit file")
    other_db = tmp_path / "other.summit"
    conn = sqlite3.connect(other_db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused_untouched(other_db, "not a summit file")


def test_a_missing_file_gives_a_clear_message(tmp_path: Path):
    with pytest.raises(SummitFileError, match="no such file"):
        Summit.open(tmp_path / "nope.summit")


def test_create_refuses_to_overwrite(tmp_path: Path):
    path = tmp_path / "day.summit"
    Summit.create(path, SummitInfo(title="x")).close()
    with pytest.raises(SummitFileError, match="already exists"):
        Summit.create(path, SummitInfo(title="y"))


def test_second_ballot_from_same_phone_replaces_the_first(summit: Summit, vote_item):
    poll = summit.polls.add_poll(vote_item.id, "Pick one", PollKind.SINGLE, ["A", "B"])
    person = summit.people.join()
    summit.polls.open_poll(poll.id)
    summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    summit.polls.cast_ballot(poll.id, person.id, {poll.options[1].id: 1})
    ballots = summit.polls.ballots(poll.id)
    assert len(ballots) == 1
    assert ballots[0].choices == {poll.options[1].id: 1}


def test_a_vote_on_a_closed_poll_is_refused_and_changes_nothing(summit: Summit, vote_item):
    poll = summit.polls.add_poll(vote_item.id, "Pick one", PollKind.SINGLE, ["A", "B"])
    person = summit.people.join()
    summit.polls.open_poll(poll.id)
    summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
    summit.polls.close_poll(poll.id)
    with pytest.raises(ValidationError, match="closed"):
        summit.polls.cast_ballot(poll.id, person.id, {poll.options[1].id: 1})
    assert summit.polls.ballots(poll.id)[0].choices == {poll.options[0].id: 1}
    assert summit.polls.poll(poll.id).state is PollState.CLOSED


@pytest.mark.parametrize(
    ("kind", "extra", "choices", "message"),
    [
        (PollKind.SINGLE, {}, {0: 1, 1: 1}, "exactly one"),
        (PollKind.MULTI, {"max_choices": 2}, {0: 1, 1: 1, 2: 1}, "at most 2"),
        (PollKind.POINTS, {"points": 10}, {0: 8, 1: 5}, "10 points"),
        (PollKind.POINTS, {"points": 10}, {0: -1, 1: 5}, "negative"),
        (PollKind.RANK, {}, {0: 1, 1: 2}, "in order"),
        (PollKind.RANK, {}, {0: 1, 1: 1, 2: 2}, "in order"),
        (PollKind.SCALE, {}, {0: 6}, "scale of 1 to 5"),
    ],
)
def test_ballots_that_break_the_rules_are_refused(summit, vote_item, kind, extra, choices, message):
    poll = summit.polls.add_poll(vote_item.id, "Q", kind, ["A", "B", "C"], **extra)
    summit.polls.open_poll(poll.id)
    person = summit.people.join()
    ids = [o.id for o in poll.options]
    with pytest.raises(ValidationError, match=message):
        summit.polls.cast_ballot(poll.id, person.id, {ids[i]: v for i, v in choices.items()})
    assert summit.polls.ballots(poll.id) == []


def test_an_option_from_another_poll_is_refused(summit: Summit, vote_item):
    first = summit.polls.add_poll(vote_item.id, "Q1", PollKind.SINGLE, ["A", "B"])
    second = summit.polls.add_poll(vote_item.id, "Q2", PollKind.SINGLE, ["C", "D"])
    summit.polls.open_poll(first.id)
    with pytest.raises(ValidationError, match="not in this poll"):
        summit.polls.cast_ballot(first.id, summit.people.join().id, {second.options[0].id: 1})


def test_opening_a_poll_closes_the_one_that_was_open(summit: Summit, vote_item):
    first = summit.polls.add_poll(vote_item.id, "Q1", PollKind.SINGLE, ["A", "B"])
    second = summit.polls.add_poll(vote_item.id, "Q2", PollKind.SINGLE, ["C", "D"])
    summit.polls.open_poll(first.id)
    summit.polls.open_poll(second.id)
    assert summit.polls.poll(first.id).state is PollState.CLOSED
    assert summit.live().open_poll_id == second.id


def test_options_cannot_change_once_people_have_voted(summit: Summit, vote_item):
    poll = summit.polls.add_poll(vote_item.id, "Q", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)
    summit.polls.cast_ballot(poll.id, summit.people.join().id, {poll.options[0].id: 1})
    with pytest.raises(ValidationError, match="already voted"):
        summit.polls.update_poll(poll.id, "Q", PollKind.SINGLE, ["A", "B", "C"])
    with pytest.raises(ValidationError, match="already voted"):
        summit.polls.update_poll(poll.id, "Q", PollKind.SINGLE, ["B", "A"])  # votes would move
    summit.polls.update_poll(poll.id, "Q, reworded", PollKind.SINGLE, ["A", "B"])
    assert summit.polls.poll(poll.id).question == "Q, reworded"


def test_an_option_typo_can_be_fixed_after_votes_and_its_votes_stay_with_it(
    summit: Summit, vote_item
):
    poll = summit.polls.add_poll(vote_item.id, "Q", PollKind.SINGLE, ["Workfroce", "Digital"])
    summit.polls.open_poll(poll.id)
    for _ in range(2):
        summit.polls.cast_ballot(poll.id, summit.people.join().id, {poll.options[0].id: 1})
    fixed = summit.polls.update_poll(poll.id, "Q", PollKind.SINGLE, ["Workforce", "Digital"])
    assert [o.id for o in fixed.options] == [o.id for o in poll.options]
    top = summit.polls.result(poll.id).ranked()[0]
    assert (top.option.text, top.count) == ("Workforce", 2)


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold</b>",
        "<script>alert(1)</script>",
        "<para>x</para>",
        "مرحبا بالعالم",
        "🎉👍🏽",
        "a\x00b",
    ],
)
def test_notes_are_stored_exactly_as_typed(summit: Summit, vote_item, text):
    prompt = summit.agenda.add_prompt(vote_item.id, "What did you hear?")
    note = summit.notes.add_note(prompt.id, text)
    assert summit.notes.note(note.id).text == text


def test_a_participant_can_only_post_to_the_open_prompt(summit: Summit, vote_item):
    prompt = summit.agenda.add_prompt(vote_item.id, "What did you hear?")
    person = summit.people.join()
    with pytest.raises(ValidationError, match="not taking notes"):
        summit.notes.add_note(prompt.id, "hi", Author.PARTICIPANT, person.id)
    summit.agenda.open_prompt(prompt.id)
    assert summit.notes.add_note(prompt.id, "hi", Author.PARTICIPANT, person.id).text == "hi"


def test_blank_and_overlong_notes_are_refused(summit: Summit, vote_item):
    prompt = summit.agenda.add_prompt(vote_item.id, "Q")
    with pytest.raises(ValidationError, match="empty"):
        summit.notes.add_note(prompt.id, "   ")
    with pytest.raises(ValidationError, match="too long"):
        summit.notes.add_note(prompt.id, "x" * 501)
    assert summit.notes.notes() == []


def test_removing_a_theme_keeps_its_notes(summit: Summit, vote_item):
    prompt = summit.agenda.add_prompt(vote_item.id, "Q")
    theme = summit.notes.add_theme(prompt.id, "T")
    note = summit.notes.add_note(prompt.id, "kept", theme_id=theme.id)
    summit.notes.remove_theme(theme.id)
    assert summit.notes.note(note.id).theme_id is None


def test_a_new_theme_takes_a_colour_no_theme_on_the_wall_has(summit: Summit, vote_item):
    # By position, a theme added after two were removed took the colour of one still there.
    prompt = summit.agenda.add_prompt(vote_item.id, "Q")
    themes = [summit.notes.add_theme(prompt.id, f"T{n}") for n in range(4)]
    assert len({t.colour for t in themes}) == 4
    summit.notes.remove_theme(themes[0].id)
    summit.notes.remove_theme(themes[1].id)
    added = summit.notes.add_theme(prompt.id, "New")
    assert added.colour not in {t.colour for t in themes[2:]}
    for n in range(10):  # past the palette's seven, colours repeat as little as they can
        summit.notes.add_theme(prompt.id, f"More {n}")
    colours = [t.colour for t in summit.notes.themes(prompt.id)]
    assert max(map(colours.count, colours)) - min(map(colours.count, colours)) <= 1


def test_items_reorder_within_and_across_sections(summit: Summit):
    a = summit.agenda.add_section("A")
    b = summit.agenda.add_section("B")
    one, two, three = (summit.agenda.add_item(a.id, t) for t in ("one", "two", "three"))
    summit.agenda.move_item(three.id, 0)
    assert [i.title for i in summit.agenda.items(a.id)] == ["three", "one", "two"]
    summit.agenda.move_item(one.id, 0, section_id=b.id)
    assert [i.title for i in summit.agenda.items(a.id)] == ["three", "two"]
    assert [i.position for i in summit.agenda.items(a.id)] == [0, 1]
    assert [i.title for i in summit.agenda.items()] == ["three", "two", "one"]
    summit.agenda.move_section(b.id, 0)
    assert [i.title for i in summit.agenda.items()] == ["one", "three", "two"]


def test_running_the_day_records_actual_times(summit: Summit):
    section = summit.agenda.add_section("A")
    first = summit.agenda.add_item(section.id, "first")
    second = summit.agenda.add_item(section.id, "second")
    summit.agenda.start_item(first.id, at="09:30")
    summit.agenda.start_item(second.id, at="09:50")
    assert summit.agenda.item(first.id).actual_end == "09:50"
    assert summit.agenda.current_item() == summit.agenda.item(second.id)
    summit.agenda.end_day(at="10:10")
    assert summit.agenda.item(second.id).actual_end == "10:10"
    assert summit.live().current_item_id is None


def test_bad_agenda_input_gets_clear_errors(summit: Summit):
    section = summit.agenda.add_section("A")
    with pytest.raises(ValidationError, match="kind of agenda item"):
        summit.agenda.add_item(section.id, "x", "party")
    with pytest.raises(ValidationError, match="Planned minutes"):
        summit.agenda.add_item(section.id, "x", "talk", -5)
    with pytest.raises(ValidationError, match="title"):
        summit.agenda.add_item(section.id, " ")


WRITER = textwrap.dedent(
    """
    import sys
    from summit_app.core import Summit
    s = Summit.open(sys.argv[1])
    poll = s.polls.polls()[0]
    option = poll.options[0].id
    print("ready", flush=True)
    for i in range(100000):
        person = s.people.join()
        s.polls.cast_ballot(poll.id, person.id, {option: 1})
        print(person.id, flush=True)  # acknowledged only after the commit returned
    """
)


def test_the_summit_survives_the_process_being_killed_mid_write(tmp_path: Path):
    path = tmp_path / "killed.summit"
    with Summit.create(path, SummitInfo(title="x")) as s:
        section = s.agenda.add_section("A")
        item = s.agenda.add_item(section.id, "Vote", "vote")
        poll = s.polls.add_poll(item.id, "Q", PollKind.SINGLE, ["A", "B"])
        s.polls.open_poll(poll.id)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        acknowledged: list[int] = []
        deadline = time.monotonic() + 20
        while len(acknowledged) < 50 and time.monotonic() < deadline:
            acknowledged.append(int(proc.stdout.readline()))
        proc.send_signal(signal.SIGKILL)
        acknowledged += [int(line) for line in proc.stdout.read().split()]
        proc.wait(timeout=10)
    assert len(acknowledged) >= 50

    copy = tmp_path / "copy.summit"  # check a copy, as if the laptop came back up
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            shutil.copy(f"{path}{suffix}", f"{copy}{suffix}")
    with Summit.open(copy) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {b.participant_id for b in s.polls.ballots(poll.id)}
        assert set(acknowledged) <= stored
        s.polls.cast_ballot(poll.id, s.people.join().id, {poll.options[1].id: 1})  # carries on


def test_notes_after_gives_only_the_notes_not_yet_seen(summit: Summit, vote_item):
    prompt = summit.agenda.add_prompt(vote_item.id, "What next?")
    first = summit.notes.add_note(prompt.id, "One")
    second = summit.notes.add_note(prompt.id, "Two")
    third = summit.notes.add_note(prompt.id, "Three")
    summit.notes.set_hidden(third.id, True)
    assert [n.text for n in summit.notes.notes_after(prompt.id, first.id)] == ["Two", "Three"]
    assert summit.notes.notes_after(prompt.id, first.id, include_hidden=False) == [second]
    assert summit.notes.notes_after(prompt.id, third.id) == []


def test_a_file_from_before_the_kept_undo_and_the_pack_cover_opens_as_a_draft_with_no_undo(
    tmp_path: Path,
):
    path = tmp_path / "v9.summit"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=9)
    conn.execute("INSERT INTO summit (id, title, join_code) VALUES (1, 'Last year', 'code')")
    conn.execute("INSERT INTO sections (position, title) VALUES (0, 'Morning')")
    conn.commit()
    conn.close()

    with Summit.open(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.agenda.sections()[0].title == "Morning"
        options = s.writeup.pack_options()
        assert options.publication == ""  # the cover says "Draft" until the team sets it
        assert options.closing_themes is None  # every summarised theme, as before
        assert s.db.execute("SELECT COUNT(*) FROM undo_history").fetchone()[0] == 0

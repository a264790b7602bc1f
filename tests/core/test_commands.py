"""The facilitator's commands run without a window: one transaction each, their rules in
core, and what they changed as typed Changes (the same inside a window's undo step)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_app.core import Summit, ValidationError
from summit_app.core.changes import Area
from summit_app.core.commands import agenda, notes, polls, writeup
from summit_app.core.commands.agenda import SpeakerEdit
from summit_app.core.history import History
from summit_app.core.model import Author, ItemKind, PollKind, SummitInfo


@pytest.fixture
def summit(tmp_path: Path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Day")) as s:
        yield s


def test_an_item_added_to_an_empty_agenda_goes_into_a_new_programme_section(summit) -> None:
    done = agenda.add_item(summit, None, "Welcome", ItemKind.TALK, 10)
    assert [s.title for s in summit.agenda.sections()] == ["Programme"]
    assert done.value.title == "Welcome"
    assert done.changes.areas >= {Area.AGENDA} and not done.changes.touches(Area.NOTES)


def test_an_item_edit_keeps_a_prompt_that_holds_the_rooms_notes(summit) -> None:
    item = agenda.add_item(summit, None, "Discuss", ItemKind.DISCUSSION, 20).value
    kept_prompt = summit.agenda.add_prompt(item.id, "What matters?")
    empty_prompt = summit.agenda.add_prompt(item.id, "Anything else?")
    summit.agenda.open_prompt(kept_prompt.id)
    person = summit.people.join()
    summit.notes.add_note(kept_prompt.id, "time", Author.PARTICIPANT, person.id)
    summit.agenda.open_prompt(empty_prompt.id)

    # The dialog removes both prompts and adds a speaker.
    speaker = SpeakerEdit(None, "Dr A", "Chair", "", ["context"])
    done = agenda.apply_item(summit, item.id, {"title": "Discussion"}, [speaker], [])
    assert [p.id for p in done.value] == [kept_prompt.id]
    assert [p.id for p in summit.agenda.prompts(item.id)] == [kept_prompt.id]
    assert summit.agenda.item(item.id).title == "Discussion"
    assert done.changes.touches(Area.AGENDA)


def test_hiding_notes_names_those_notes_and_nothing_else(summit) -> None:
    item = agenda.add_item(summit, None, "Discuss", ItemKind.DISCUSSION, 20).value
    prompt = summit.agenda.add_prompt(item.id, "What matters?")
    a, b, c = (notes.add_note(summit, prompt.id, t).value for t in ("x", "y", "z"))
    done = notes.set_hidden(summit, [a.id, c.id], True)
    assert done.changes.notes == {a.id, c.id} and done.changes.areas == {Area.NOTES}
    assert summit.notes.note(a.id).is_hidden and not summit.notes.note(b.id).is_hidden
    # The log the changes were read from is not kept when no undo stack needs it.
    assert summit.execute("SELECT COUNT(*) FROM temp.undo_log").fetchone()[0] == 0


def test_a_refused_command_changes_nothing(summit) -> None:
    item = agenda.add_item(summit, None, "Vote", ItemKind.VOTE, 20).value
    poll = polls.add_poll(summit, item.id, question="Pick", kind=PollKind.SINGLE,
                          options=["Yes", "No"]).value  # fmt: skip
    before = summit.polls.poll(poll.id)
    with pytest.raises(ValidationError):
        polls.update_poll(summit, poll.id, question="", kind=PollKind.SINGLE, options=["Yes"])
    assert summit.polls.poll(poll.id) == before


def test_opening_a_poll_names_it_and_the_live_state_inside_an_undo_step_too(summit) -> None:
    item = agenda.add_item(summit, None, "Vote", ItemKind.VOTE, 20).value
    poll = polls.add_poll(summit, item.id, question="Pick", kind=PollKind.SINGLE,
                          options=["Yes", "No"]).value  # fmt: skip
    history = History(summit)
    done = history.run("Open voting", lambda s: polls.open_poll(s, poll.id))
    assert done.changes.polls == {poll.id} and done.changes.touches(Area.LIVE)
    history.undo()
    assert summit.polls.poll(poll.id).state.value == "draft"


def test_actions_and_commitments_are_reordered_apart(summit) -> None:
    first = writeup.add_action(summit, "Fund protected time", False).value
    writeup.add_action(summit, "We will mentor", True)
    second = writeup.add_action(summit, "Share records", False).value
    done = writeup.move_action(summit, second.id, -1)
    actions = [a.id for a in summit.people.actions() if not a.is_commitment]
    assert actions == [second.id, first.id]
    assert done.changes.areas == {Area.WRITEUP}

"""Table hosts over HTTP (issue 26): a table card makes one phone the table's host; a
second phone, a guessed pass and a reprinted card's old phone are refused in sentences;
what a host sends reaches the file tagged with its table and reaches the window as typed
changes."""

from __future__ import annotations

from server_room import Room

from summit_app.core.changes import from_event
from summit_app.core.model import PollKind
from summit_app.core.schema import Area


def test_one_phone_hosts_a_table_and_others_are_refused(room: Room) -> None:
    one, two = room.summit.tables.set_tables(2, seats=6)
    prompt = room.summit.agenda.add_prompt(room.item_id, "What did your table say?")
    room.summit.agenda.open_prompt(prompt.id)
    host = room.stranger()
    landed = host.get(f"/t/{one.pass_}", follow_redirects=True)
    assert landed.status_code == 200 and "Table host" in landed.text
    state = host.get("/api/table/state").json()
    assert state["table"] == {"id": 1, "label": "Table 1", "seats": 6}
    assert state["prompt"]["id"] == prompt.id and state["join"].startswith("/j/")

    second = room.stranger()
    refused = second.get(f"/t/{one.pass_}")
    assert refused.status_code == 403 and "already in use on another phone" in refused.text
    assert second.get("/api/table/state").status_code == 401
    guessed = room.stranger().get("/t/0000000000000000")
    assert guessed.status_code == 404 and "No table card has that code" in guessed.text
    assert host.get(f"/t/{one.pass_}").status_code == 303  # the host scanning again stays host

    sent = {"prompt_id": prompt.id, "text": "Shared records", "key": "k1-abcdefgh"}
    posted = host.post("/api/table/note", json=sent)
    assert posted.status_code == 201, posted.text
    note_id = posted.json()["id"]
    # Its answer lost on the way, the phone sends it again: the note is found, not doubled.
    assert host.post("/api/table/note", json=sent).json()["id"] == note_id
    assert len(room.summit.notes.notes(prompt.id)) == 1
    assert room.summit.notes.note(note_id).table_id == 1
    assert ("table_note", {"note_id": note_id, "prompt_id": prompt.id}) in room.events
    assert from_event("table_note", {"note_id": note_id}).notes == frozenset({note_id})

    # Table 2's host cannot touch table 1's note.
    other = room.stranger()
    assert other.get(f"/t/{two.pass_}").status_code == 303
    hijack = other.post("/api/table/edit", json={"note_id": note_id, "text": "Mine now"})
    assert hijack.status_code == 403 and "not your table's" in hijack.json()["error"]
    starred = host.post("/api/table/star", json={"note_id": note_id, "on": True})
    assert starred.json()["key"] is True

    # A reprinted card: the old phone can no longer send; the new card makes a new host.
    reprinted = room.summit.tables.revoke(1)
    late = host.post("/api/table/note", json={"prompt_id": prompt.id, "text": "Too late"})
    assert late.status_code == 403 and "not a table's host" in late.json()["error"]
    assert host.get(f"/t/{reprinted.pass_}").status_code == 303
    assert [n.text for n in room.summit.notes.notes(prompt.id)] == ["Shared records"]
    room.summit.agenda.open_prompt(None)


def test_a_table_count_is_refused_past_the_seats_and_never_a_ballot(room: Room) -> None:
    if room.summit.tables.count() == 0:
        room.summit.tables.set_tables(2, seats=6)
    table = room.summit.tables.revoke(2)
    host = room.stranger()
    assert host.get(f"/t/{table.pass_}").status_code == 303
    poll_id = room.poll(PollKind.SINGLE, ["Yes", "No"])
    yes, no = (o.id for o in room.summit.polls.poll(poll_id).options)
    too_many = host.post("/api/table/count", json={"poll_id": poll_id, "counts": {yes: 5, no: 2}})
    assert too_many.status_code == 422
    assert "Table 2 seats 6, so it cannot count 7 people" in too_many.json()["error"]
    bad = host.post("/api/table/count", json={"poll_id": poll_id, "counts": {yes: -1}})
    assert bad.status_code == 422 and "negative" in bad.json()["error"]
    done = host.post("/api/table/count", json={"poll_id": poll_id, "counts": {yes: 4, no: 1}})
    assert done.status_code == 200 and done.json()["people"] == 5
    assert room.summit.polls.ballot_count(poll_id) == 0
    assert room.summit.polls.result(poll_id).table_voters == 5
    state = host.get("/api/table/state").json()
    assert state["poll"]["count"] == {"people": 5, "counts": {str(yes): 4, str(no): 1}}
    assert from_event("table_count", {"poll_id": poll_id}).touches(Area.POLLS)

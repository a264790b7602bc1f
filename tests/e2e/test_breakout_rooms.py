"""Two breakout rooms, each on its own laptop (its own server and port), merged into the demo.

The demo summit sends two rooms: Breakout A runs "It is April 2026" and the vote on the
enabling initiatives, Breakout B runs "April 2022: what do we need to have done?" and the
same vote (a poll shared by the rooms). Each room's file is served by `summit-app serve`
on its own port; phones join it over HTTP, vote and post notes; Breakout A's table 3 host
sends a note and the table's count from the printed card's link; Breakout B's facilitator
rewords the shared vote's question and enters a count of hands. The main file imports the
rooms' files as they come (one of them twice, one again after more votes), and then its
counts are the demo's plus exactly what each room added, under each room, and every
edition of the pack (PDF, HTML, Word, CSV) shows both rooms, their tables and the whole
summit's figures.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import httpx
import pypdf
from tests.e2e.served import Served, loopback, serve

from summit_app.core import Summit
from summit_app.core.merge import import_room
from summit_app.core.templates import create_from_template

VOTE = "Vote: enabling initiatives for April 2022"
A_ITEM, B_ITEM = "It is April 2026: five years on", "April 2022: what do we need to have done?"
ROOMS = {"a": "Breakout A: Futures", "b": "Breakout B: Workforce"}


def _ids(summit: Summit) -> dict[str, int]:
    items = {i.title: i.id for i in summit.agenda.items()}
    return {"vote": items[VOTE], "a": items[A_ITEM], "b": items[B_ITEM]}


def _phones_take_part(served: Served, room: Path, first: int, phones: int) -> None:
    """`phones` phones join the room's server, vote on the shared poll, and post a note."""
    with Summit.open(room) as summit:
        poll = next(p for p in summit.polls.polls() if p.state.value == "open")
        prompt = summit.live().open_prompt_id
        options = [o.id for o in poll.options]
    for n in range(first, first + phones):
        transport = httpx.HTTPTransport(local_address=loopback(n))
        with httpx.Client(transport=transport, timeout=10, trust_env=False) as phone:
            joined = phone.get(f"{served.url}/j/{served.code}")
            assert joined.status_code == 200, joined.text
            cookie = {"Cookie": f"summit_token={joined.cookies['summit_token']}"}
            choice = {str(options[n % len(options)]): 1}
            vote = phone.post(
                f"{served.url}/api/ballot",
                json={"poll_id": poll.id, "choices": choice},
                headers=cookie,
            )
            assert vote.status_code == 200, vote.text
            note = phone.post(
                f"{served.url}/api/note",
                json={"prompt_id": prompt, "text": f"Phone {n} in {room.stem}"},
                headers=cookie,
            )
            assert note.status_code == 201, note.text


def _table_host_sends(served: Served, room: Path, number: int) -> None:
    """The host of the room's table `number` scans its card, sends a note and a count."""
    with Summit.open(room) as summit:
        card = summit.tables.table(number).pass_
        poll = next(p for p in summit.polls.polls() if p.state.value == "open")
        prompt = summit.live().open_prompt_id
        options = [o.id for o in poll.options]
    transport = httpx.HTTPTransport(local_address=loopback(200 + number))
    with httpx.Client(transport=transport, timeout=10, trust_env=False) as host:
        assert host.get(f"{served.url}/t/{card}").status_code == 303  # to the host page
        note = host.post(
            f"{served.url}/api/table/note",
            json={
                "prompt_id": prompt,
                "text": f"Table {number} in {room.stem}",
                "key": "k1-host-note",
            },
        )
        assert note.status_code == 201, note.text
        counted = host.post(
            f"{served.url}/api/table/count",
            json={
                "poll_id": poll.id,
                "counts": {str(options[0]): 3, str(options[1]): 2},
                "people": 5,
            },
        )
        assert counted.status_code == 200, counted.text


def _made_in(path: Path) -> dict[str, int]:
    """Rows the room itself made (no identity from the main file): what it adds."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t} WHERE origin IS NULL").fetchone()[0]
            for t in ("participants", "ballots", "notes")
        }
    finally:
        conn.close()


def _counts(summit: Summit) -> dict[str, int]:
    return {
        t: summit.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("participants", "ballots", "notes")
    }


def test_two_rooms_served_voted_and_merged_add_up_in_every_edition(tmp_path):
    main_path = tmp_path / "demo.summit"
    rooms = {key: tmp_path / f"room-{key}.summit" for key in ROOMS}
    with create_from_template(main_path, "demo") as main:
        ids = _ids(main)
        demo = _counts(main)
        demo_voters = main.polls.result(main.polls.polls(ids["vote"])[0].id).voters
        demo_tables = sorted(
            main.tables.labels()[n.table_id] for n in main.notes.notes() if n.table_id
        )
        from summit_app.core.breakout_kit import write_kit

        write_kit(main, rooms["a"], ROOMS["a"], [ids["a"], ids["vote"]])
        write_kit(main, rooms["b"], ROOMS["b"], [ids["b"], ids["vote"]])
    # Each room's facilitator opens the shared vote and one of the room's own prompts.
    for key, path in rooms.items():
        with Summit.open(path) as room:
            assert room.breakouts.room_name() == ROOMS[key]
            poll = room.polls.polls(ids["vote"])[0]
            if key == "b":  # B's facilitator rewords the shared vote before it opens
                room.polls.update_poll(
                    poll.id, "Which would help most?", poll.kind,
                    [o.text for o in poll.options], poll.max_choices,
                )  # fmt: skip
            room.polls.open_poll(poll.id)
            room.agenda.open_prompt(room.agenda.prompts(ids[key])[0].id)
    served = {key: serve(path) for key, path in rooms.items()}
    try:
        assert served["a"].url != served["b"].url  # each laptop its own server and port
        _phones_take_part(served["a"], rooms["a"], 0, 12)
        _phones_take_part(served["b"], rooms["b"], 100, 9)
        _table_host_sends(served["a"], rooms["a"], 3)
        with Summit.open(rooms["b"]) as b:  # B counts hands for the people without phones
            options = [o.id for o in b.polls.polls(ids["vote"])[0].options]
            b.polls.set_hand_counts(
                b.polls.polls(ids["vote"])[0].id, [(options[0], None, 4), (options[2], None, 5)], 6
            )
        with Summit.open(main_path) as main:
            first = import_room(main, rooms["a"])  # while the rooms still run
            assert first.added["ballots"] == 12 and first.added["notes"] == 13
            assert first.added["table_counts"] == 1
            second = import_room(main, rooms["b"])
            assert second.added["hand_counts"] == 2 and second.added["hand_voters"] == 1
            assert "(“Which would help most?”) is not taken" in second.sentence()
            again = import_room(main, rooms["b"])  # the same file twice
            assert not again.anything
        _phones_take_part(served["a"], rooms["a"], 50, 5)  # more votes in room A
        with Summit.open(main_path) as main:
            later = import_room(main, rooms["a"])
            assert later.added["ballots"] == 5 and later.added["participants"] == 5
    finally:
        for one in served.values():
            one.stop()
    made = {key: _made_in(path) for key, path in rooms.items()}
    assert made["a"]["ballots"] == 17 and made["b"]["ballots"] == 9
    assert made["a"]["notes"] == 18 and made["b"]["notes"] == 9  # A's table host's note too
    with Summit.open(main_path) as main:
        now = _counts(main)
        for table in now:
            assert now[table] == demo[table] + made["a"][table] + made["b"][table], table
        poll = main.polls.polls(ids["vote"])[0]
        assert poll.question.startswith("Which of these")  # the wording both were given
        whole = main.polls.result(poll.id)
        # Phones' ballots, A's table 3 (5 people), B's hands (6 people): each once.
        assert whole.voters == demo_voters + 17 + 9 + 5 + 6
        assert (whole.table_voters, whole.hand_voters) == (5, 6)
        by_room = {
            room.name: (result.voters, result.table_voters, result.hand_voters)
            for room, result in main.breakouts.results_by_room(poll.id)
        }
        assert by_room == {ROOMS["a"]: (22, 5, 0), ROOMS["b"]: (15, 0, 6)}
        assert main.breakouts.turnout() == {1: 17, 2: 9}
        labels = main.tables.labels()
        at_tables = sorted(labels[n.table_id] for n in main.notes.notes() if n.table_id)
        # The main room's table notes are still its tables', and A's table 3 is A's.
        assert at_tables == sorted([*demo_tables, f"{ROOMS['a']}, table 3"])
        assert [t.id for t in main.tables.tables()] == list(range(1, 16))  # the main room's
    # Every edition of the pack shows both rooms and the whole summit's figures.
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "summit_app",
            "export",
            str(main_path),
            "--pdf",
            str(out / "p.pdf"),
            "--html",
            str(out / "p.html"),
            "--docx",
            str(out / "p.docx"),
            "--csv",
            str(out / "csv"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    pdf = " ".join((page.extract_text() or "") for page in pypdf.PdfReader(out / "p.pdf").pages)
    html = (out / "p.html").read_text(encoding="utf-8")
    word = "\n".join(p.text for p in docx.Document(str(out / "p.docx")).paragraphs)
    word += "\n".join(
        c.text for t in docx.Document(str(out / "p.docx")).tables for r in t.rows for c in r.cells
    )
    for edition, said in (("PDF", pdf), ("HTML", html), ("Word", word)):
        text = " ".join(said.split())  # the typesetter's non-breaking spaces too
        for name in ROOMS.values():
            assert name in text, f"{edition} does not show {name}"
        # Each room's turnout: its phones, and those it counted without one.
        assert (
            "Run in its own room: 17 people took part there by phone, and 5 more counted by"
            " hand or at tables." in text
        ), edition
        assert (
            f"Who took part: {ROOMS['a']}, 17 people by phone, and 5 more counted by hand or at"
            f" tables; {ROOMS['b']}, 9 people by phone, and 6 more counted" in text
        ), edition
        assert "Whole summit" in text, edition
        assert f"{ROOMS['a']}, table 3" in text, edition
        assert "of 30 tables" in text, edition  # A's prompt: the main room's 15 and A's 15
    ballots = list(
        csv.DictReader(io.StringIO((out / "csv" / "ballots.csv").read_text("utf-8-sig")))
    )
    rooms_seen = [row["room"] for row in ballots if row["poll"].startswith("Which of these")]
    assert rooms_seen.count(ROOMS["a"]) == 17 and rooms_seen.count(ROOMS["b"]) == 9
    assert rooms_seen.count("") == demo["ballots"] - 40  # the demo's own ballots, main room
    results = list(
        csv.DictReader(io.StringIO((out / "csv" / "results.csv").read_text("utf-8-sig")))
    )
    voters = {
        row["room"]: row["poll_voters"]
        for row in results
        if row["poll"].startswith("Which of these")
    }
    assert voters == {"All rooms": str(demo_voters + 37), ROOMS["a"]: "22", ROOMS["b"]: "15"}
    notes = list(csv.DictReader(io.StringIO((out / "csv" / "notes.csv").read_text("utf-8-sig"))))
    assert sum(row["room"] == ROOMS["a"] for row in notes) == 18
    assert sum(row["room"] == ROOMS["b"] for row in notes) == 9
    assert [row["table"] for row in notes if row["table"].startswith("Breakout")] == [
        f"{ROOMS['a']}, table 3"
    ]

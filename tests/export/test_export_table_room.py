"""A whole room rehearsed over HTTP (issue 26): 15 table hosts and 120 participants' phones,
all at once, on one prompt and one poll. Every table note is stored once; the poll holds
the phones' ballots and the tables' counts, marked apart; each theme's "9 of 15 tables"
reads the same in the PDF, the HTML, the Word document and the CSV."""

from __future__ import annotations

import csv
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from export_editions import edition_texts

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo
from summit_app.export.cli import write_all
from summit_app.server import SummitServer

HOSTS, PHONES = 15, 120
OPTIONS = ["Prevention", "Workforce", "Digital"]
# Which tables raise which theme: 9, 15 and 3 of the 15.
RAISED = {"Prevention": range(1, 10), "Workforce": range(1, 16), "Digital": range(10, 13)}


def client(url: str, n: int) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=f"127.0.{50 + n // 250}.{1 + n % 250}")
    return httpx.Client(base_url=url, timeout=20, transport=transport)


@pytest.mark.slow
def test_fifteen_tables_and_120_phones_make_one_pack(tmp_path: Path) -> None:
    summit = Summit.create(tmp_path / "room.summit", SummitInfo(title="Whole-room rehearsal"))
    item = summit.agenda.add_item(
        summit.agenda.add_section("Vision").id, "Our five-year vision", ItemKind.DISCUSSION, 40
    )
    summit.agenda.start_item(item.id)
    prompt = summit.agenda.add_prompt(item.id, "What should the five-year vision include?")
    poll = summit.polls.add_poll(item.id, "Which comes first?", PollKind.SINGLE, OPTIONS)
    tables = summit.tables.set_tables(HOSTS, seats=10)
    summit.agenda.open_prompt(prompt.id)
    server = SummitServer(summit.path, host="127.0.0.1", port=0)
    server.start()
    try:
        hosts = [client(server.url, i) for i in range(HOSTS)]

        def host_sends(i: int) -> list[int]:
            number = i + 1
            assert hosts[i].get(f"/t/{tables[i].pass_}").status_code == 303
            ids = []
            for theme, raised in RAISED.items():
                if number in raised:
                    text = f"{theme} matters to table {number}"
                    sent = hosts[i].post(
                        "/api/table/note", json={"prompt_id": prompt.id, "text": text}
                    )
                    assert sent.status_code == 201, sent.text
                    ids.append(sent.json()["id"])
            star = hosts[i].post("/api/table/star", json={"note_id": ids[0], "on": True})
            assert star.status_code == 200, star.text
            return ids

        with ThreadPoolExecutor(max_workers=8) as pool:
            sent_ids = [n for ids in pool.map(host_sends, range(HOSTS)) for n in ids]
        notes = summit.notes.notes(prompt.id)
        assert sorted(n.id for n in notes) == sorted(sent_ids)
        assert len(notes) == sum(len(r) for r in RAISED.values()) == 27
        assert len({(n.table_id, n.text) for n in notes}) == len(notes)  # each stored once
        themes = {name: summit.notes.add_theme(prompt.id, name, f"What we heard on {name}.")
                  for name in OPTIONS}  # fmt: skip
        for note in notes:
            summit.notes.set_theme(note.id, themes[note.text.split()[0]].id)

        summit.polls.open_poll(poll.id)
        summit.agenda.open_prompt(None)
        ids = [o.id for o in poll.options]
        phones = [client(server.url, 100 + i) for i in range(PHONES)]

        def phone_votes(i: int) -> int:
            phone = phones[i]
            assert phone.get(server.join_url).status_code == 200
            ballot = {"poll_id": poll.id, "choices": {str(ids[i % 3]): 1}}
            return phone.post("/api/ballot", json=ballot).status_code

        def table_counts(i: int) -> int:
            counts = {str(ids[0]): 2, str(ids[1]): 1}  # three at each table without a phone
            answer = hosts[i].post("/api/table/count", json={"poll_id": poll.id, "counts": counts})
            return answer.status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            voted = list(pool.map(phone_votes, range(PHONES)))
            counted = list(pool.map(table_counts, range(HOSTS)))
        assert voted == [200] * PHONES and counted == [200] * HOSTS
        for c in (*hosts, *phones):
            c.close()
    finally:
        server.stop()

    result = summit.polls.result(poll.id)
    assert summit.polls.ballot_count(poll.id) == PHONES
    assert (result.voters, result.table_voters, result.tables_counted) == (165, 45, 15)
    by_option = {r.option.text: (r.count, r.table_count) for r in result.options}
    assert by_option == {"Prevention": (70, 30), "Workforce": (55, 15), "Digital": (40, 0)}

    targets = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
    write_all(summit, {**targets, "csv": tmp_path / "csv"})
    for edition, text in edition_texts(targets["pdf"], targets["html"], targets["docx"]).items():
        for name, raised in RAISED.items():
            assert f"Raised by {len(raised)} of 15 tables." in text, (edition, name)
        assert "9 of 15 tables" in text and "3 of 15 tables" in text, edition
        # The full table's own column, in every edition (the charts' captions say it too).
        assert "Counted at tables Prevention 70 43% 30 Workforce 55 33% 15" in text, edition
        assert "45 people at 15 tables were counted by their table" in text, edition
        assert "Notes from the tables" in text and "Key points the tables starred" in text
    with (tmp_path / "csv" / "notes.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    by_theme = {theme: {r["table"] for r in rows if r["theme"] == theme} for theme in OPTIONS}
    assert {t: len(tabled) for t, tabled in by_theme.items()} == {
        name: len(raised) for name, raised in RAISED.items()
    }
    assert Counter(r["key_point"] for r in rows) == {"yes": 15, "no": 12}
    with (tmp_path / "csv" / "results.csv").open(encoding="utf-8-sig") as handle:
        results = {r["option"]: r for r in csv.DictReader(handle)}
    assert results["Prevention"]["table_count"] == "30"
    assert (
        results["Prevention"]["votes"] == "70"
        and results["Prevention"]["poll_table_voters"] == "45"
    )
    summit.close()

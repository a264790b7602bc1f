"""A table host in a real browser (issue 26): scans the table card's link, posts three notes
and stars two, loses the Wi-Fi mid-post and sees the note arrive when it is back; a second
phone with the same card is refused; a count past the table's seats is refused with a
sentence. Chromium at 360x640; axe-core finds nothing on the host's page."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from browser import axe_violations
from browser import phone as phone_context
from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SUMMIT_PHONE_SHOTS", Path(tempfile.gettempdir()) / "summit-phone"))


def note_texts(summit: Summit, prompt_id: int) -> list[tuple[str, int | None, bool]]:
    return [(n.text, n.table_id, n.is_key) for n in summit.notes.notes(prompt_id)]


def test_a_table_host_posts_stars_resends_and_counts(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    tables = summit.tables.set_tables(15, names=["Riverside"], seats=8)
    item_id = summit.live().current_item_id
    assert item_id is not None
    prompt = summit.agenda.add_prompt(item_id, "What should our five-year vision include?")
    summit.agenda.open_prompt(prompt.id)
    card_link = f"{server.url}/t/{tables[0].pass_}"

    host = phone_context(browser, width=360, height=640).new_page()
    host.goto(card_link)
    expect(host.get_by_role("heading", name="Table 1 (Riverside)")).to_be_visible()
    box = host.get_by_role("textbox", name="What did your table say?")
    send = host.get_by_role("button", name="Send the table's note")
    for text in ("Joined-up care records", "A workforce that stays", "Prevention first"):
        box.fill(text)
        send.click()
        expect(host.get_by_text(text, exact=True)).to_be_visible()
    expect(host.get_by_text("\u2713 Sent")).to_have_count(3)
    stars = host.get_by_role("button", name="\u2606 Star as key point")
    stars.first.click()
    expect(host.get_by_role("button", name="\u2605 Key point")).to_have_count(1)
    host.get_by_role("button", name="\u2606 Star as key point").nth(1).click()
    expect(host.get_by_text("2 of 3 starred")).to_be_visible()
    assert note_texts(summit, prompt.id) == [
        ("Joined-up care records", 1, True),
        ("A workforce that stays", 1, False),
        ("Prevention first", 1, True),
    ]

    # The Wi-Fi drops mid-post: the note is kept and says so, then arrives once it is back.
    host.context.set_offline(True)
    box.fill("Neighbourhood teams")
    send.click()
    expect(host.get_by_text("Not sent yet", exact=False).first).to_be_visible()
    assert len(summit.notes.notes(prompt.id)) == 3
    SHOTS.mkdir(parents=True, exist_ok=True)
    host.screenshot(path=str(SHOTS / "table-host-offline.png"), full_page=True)
    host.context.set_offline(False)
    expect(host.get_by_text("\u2713 Sent")).to_have_count(4, timeout=25_000)
    texts = [t for t, _, _ in note_texts(summit, prompt.id)]
    assert texts.count("Neighbourhood teams") == 1 and len(texts) == 4
    host.screenshot(path=str(SHOTS / "table-host.png"), full_page=True)
    assert axe_violations(host) == []

    # A second phone with the same card is refused, in a sentence.
    other = phone_context(browser, width=360, height=640).new_page()
    answer = other.goto(card_link)
    assert answer is not None and answer.status == 403
    expect(other.get_by_text("already in use on another phone")).to_be_visible()
    assert other.request.post(
        f"{server.url}/api/table/note", data={"prompt_id": prompt.id, "text": "Forged"}
    ).status in (401, 403)

    # The poll: a count past the table's seats is refused with a sentence; a right one counts.
    poll = summit.polls.add_poll(item_id, "Which priority first?", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)
    expect(host.get_by_role("heading", name="Which priority first?")).to_be_visible(timeout=10_000)
    host.get_by_role("spinbutton", name="A").fill("6")
    host.get_by_role("spinbutton", name="B").fill("3")
    host.get_by_role("button", name="Send the table's count").click()
    expect(host.get_by_role("alert").filter(has_text="seats 8")).to_be_visible()
    assert summit.polls.table_counts(poll.id) == []
    host.get_by_role("spinbutton", name="B").fill("1")
    host.get_by_role("button", name="Send the table's count").click()
    expect(host.get_by_text("count is saved: 7 people")).to_be_visible()
    result = summit.polls.result(poll.id)
    assert (result.voters, result.table_voters, summit.polls.ballot_count(poll.id)) == (7, 7, 0)
    assert axe_violations(host) == []
    host.screenshot(path=str(SHOTS / "table-host-count.png"), full_page=True)

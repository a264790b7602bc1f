"""The room's questions and words, from real phones (Chromium) to the facilitator's window.

Three phones join a served summit whose control window (offscreen, in this process) hears the
server's events as the app does: two ask, the third upvotes, and the facilitator's list and
every phone show the order by upvotes. A flagged word is held back from the projector's cloud
until the facilitator approves it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from browser import axe_violations, launch, phone
from summit_app.core import Summit
from summit_app.core.model import ItemKind, PromptKind, SummitInfo
from summit_app.server import SummitServer
from summit_app.ui.main_window import MainWindow
from summit_app.ui.projector_window import Mode

pytestmark = pytest.mark.browser

FIRST = "How will social care be at the table?"
SECOND = "Who funds <b>protected time</b>? 🩺"


@pytest.fixture
def served(tmp_path: Path, qtbot) -> Iterator[tuple[MainWindow, str, dict[str, int]]]:
    path = tmp_path / "panel.summit"
    with Summit.create(path, SummitInfo(title="Leadership summit")) as summit:
        section = summit.agenda.add_section("Panel")
        item = summit.agenda.add_item(section.id, "Panel discussion", ItemKind.TALK, 30)
        summit.agenda.start_item(item.id)
        prompts = {
            "qa": summit.agenda.add_prompt(item.id, "Ask the panel", PromptKind.QUESTIONS).id,
            "cloud": summit.agenda.add_prompt(item.id, "One word for today", PromptKind.WORDS).id,
        }
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    qtbot.addWidget(window.projector)
    window.projector.resize(1280, 720)
    server = SummitServer(path, host="127.0.0.1", port=0, on_event=window.session.server_event)
    server.start()
    window.session.set_events_active(True)
    try:
        yield window, server.join_url, prompts
    finally:
        server.stop()


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        launched = launch(pw)
        try:
            yield launched
        finally:
            launched.close()


def phones(browser: Browser, join_url: str, n: int) -> list[Page]:
    pages = []
    for _ in range(n):
        page = phone(browser).new_page()
        page.goto(join_url)
        pages.append(page)
    return pages


def listed(page: Page) -> list[str]:
    return page.locator("ol.questions .text").all_inner_texts()


def open_for_phones(window: MainWindow, prompt_id: int) -> None:
    window.audience_panel.choose_prompt(prompt_id)
    window.audience_panel.open_button.click()
    assert window.session.summit.live().open_prompt_id == prompt_id


def test_two_ask_a_third_upvotes_and_everyone_sees_the_order_by_votes(
    served, browser: Browser, qtbot, tmp_path: Path
) -> None:
    shots = tmp_path
    window, join_url, prompts = served
    open_for_phones(window, prompts["qa"])
    a, b, c = phones(browser, join_url, 3)
    for page, text in ((a, FIRST), (b, SECOND)):
        expect(page.get_by_role("heading", name="Ask the panel")).to_be_visible()
        page.get_by_label("Your question").fill(text)
        page.get_by_role("button", name="Send question").click()
        expect(page.get_by_role("status").filter(has_text="Your question is sent.")).to_be_visible()
    expect(c.locator("ol.questions .text")).to_have_count(2)
    assert listed(c) == [FIRST, SECOND]  # no upvotes yet: oldest first

    c.get_by_role("button", name=f"Upvote: {SECOND}").click()
    expect(c.get_by_role("button", name=f"Take back your upvote: {SECOND}")).to_be_visible()
    upvoted = time.monotonic()
    panel = window.audience_panel
    qtbot.waitUntil(lambda: [r[:2] for r in panel.question_rows()] == [("1", SECOND), ("0", FIRST)])
    for page in (a, b, c):
        expect(page.locator("ol.questions .text").first).to_have_text(SECOND)
    took = time.monotonic() - upvoted
    print(f"new order on the facilitator's list and 3 phones after {took:.2f} s")
    assert listed(a) == listed(b) == listed(c) == [SECOND, FIRST]
    assert c.locator("ol.questions .tally").first.inner_text() == "1 upvote"
    c.screenshot(path=str(shots / "questions.png"), full_page=True)
    assert axe_violations(c) == []
    assert took < 1.0, f"the new order took {took:.2f} s to reach the facilitator and every phone"

    # A second upvote from the same phone is refused by the server, and nothing changes.
    answer = c.request.post(f"{join_url.split('/j/')[0]}/api/upvote", data={"question_id": 2})
    assert answer.status == 409 and "already upvoted" in answer.json()["error"]
    assert window.session.summit.questions.upvote_count() == 1


def test_a_flagged_word_waits_off_the_projector_until_approved(
    served, browser: Browser, qtbot, tmp_path: Path
) -> None:
    shots = tmp_path
    window, join_url, prompts = served
    open_for_phones(window, prompts["cloud"])
    window.projector_panel.show_mode(Mode.WORDS)
    cloud = window.projector.view.words_screen.cloud
    (page,) = phones(browser, join_url, 1)
    expect(page.get_by_role("heading", name="One word for today")).to_be_visible()
    for text in ("Time", "Bollocks"):
        page.get_by_label("One to three words").fill(text)
        page.get_by_role("button", name="Send", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Your word is sent")).to_be_visible()
    expect(page.get_by_text(re.compile("waiting for the facilitator"))).to_be_visible()
    page.screenshot(path=str(shots / "words.png"), full_page=True)
    assert axe_violations(page) == []
    queue = window.moderation_panel
    qtbot.waitUntil(lambda: [r[:2] for r in queue.rows()] == [("Word", "Bollocks")])
    qtbot.waitUntil(lambda: cloud.shown_texts() == ["Time"])
    (held,) = window.session.summit.moderation.held()
    queue.select("word", held.id)
    queue.buttons["approve"].click()
    qtbot.waitUntil(lambda: sorted(cloud.shown_texts()) == ["Bollocks", "Time"])
    expect(page.get_by_text(re.compile("waiting for the facilitator"))).to_have_count(0)

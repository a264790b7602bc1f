"""A phone joins through the QR link in a real browser and votes in every kind of poll.

Debian's chromium, driven by Playwright, at a phone's size; the test finds controls only by
their roles and accessible names, as a person (or a screen reader) would, and checks the
ballots in the file. Screenshots go to docs/phone/ for the README.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from browser import axe_violations, launch
from browser import phone as phone_context
from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

# Screenshots for a look (docs/phone/ is refreshed on purpose: SUMMIT_PHONE_SHOTS=docs/phone).
SHOTS = Path(os.environ.get("SUMMIT_PHONE_SHOTS", Path(tempfile.gettempdir()) / "summit-phone"))
OPTIONS = ["Workforce development", "Digital and data", "Health inequalities"]
STATEMENTS = ["Leaders are visible", "All professions are heard"]


@pytest.fixture(scope="module")
def summit_and_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Summit, str]]:
    path = tmp_path_factory.mktemp("phone") / "day.summit"
    summit = Summit.create(path, SummitInfo(title="Clinical and care leadership summit"))
    section = summit.agenda.add_section("Our priorities")
    item = summit.agenda.add_item(section.id, "Agree our priorities", ItemKind.VOTE, 45)
    summit.agenda.start_item(item.id)
    server = SummitServer(path, host="127.0.0.1", port=0)
    server.start()
    try:
        yield summit, server.join_url
    finally:
        server.stop()
        summit.close()


@pytest.fixture(scope="module")
def phone(summit_and_server: tuple[Summit, str]) -> Iterator[Page]:
    _, join_url = summit_and_server
    with sync_playwright() as pw:
        browser = launch(pw)
        context = phone_context(browser)
        page = context.new_page()
        page.goto(join_url)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def open_poll(summit: Summit, kind: PollKind, options: list[str], **rules: object) -> int:
    item = summit.agenda.current_item()
    assert item is not None
    poll = summit.polls.add_poll(item.id, QUESTIONS[kind], kind, options, **rules)
    summit.polls.open_poll(poll.id)
    return poll.id


def ballot(summit: Summit, poll_id: int) -> dict[str, int]:
    (cast,) = summit.polls.ballots(poll_id)
    texts = {o.id: o.text for o in summit.polls.poll(poll_id).options}
    return {texts[k]: v for k, v in cast.choices.items()}


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def send_vote(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^(Send|Change) my vote$")).click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    assert axe_violations(page) == []


QUESTIONS = {
    PollKind.SINGLE: "Which priority should we start with?",
    PollKind.MULTI: "Which themes matter most to you? (up to 2)",
    PollKind.POINTS: "Share 10 points between the priorities",
    PollKind.RANK: "Rank the priorities",
    PollKind.SCALE: "How far do you agree?",
}


def test_joining_offers_the_professional_groups(
    phone: Page, summit_and_server: tuple[Summit, str]
) -> None:
    summit, _ = summit_and_server
    expect(phone.get_by_role("heading", name="Clinical and care leadership summit")).to_be_visible()
    expect(phone.get_by_text("Now: Agree our priorities")).to_be_visible()
    shot(phone, "join")
    phone.get_by_role("button", name="Pharmacy").click()
    expect(phone.get_by_role("status").filter(has_text="Your group: Pharmacy")).to_be_visible()
    assert summit.people.participants()[0].group == "Pharmacy"


def test_single_choice(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    started = time.monotonic()
    poll_id = open_poll(summit, PollKind.SINGLE, OPTIONS)
    # Pushed to the page: the poll appears by itself at once (a second, with slack for CI).
    expect(phone.get_by_role("heading", name=QUESTIONS[PollKind.SINGLE])).to_be_visible()
    assert time.monotonic() - started < 1.5
    phone.get_by_role("radio", name="Digital and data").check()
    send_vote(phone)
    assert ballot(summit, poll_id) == {"Digital and data": 1}
    # Changing one's mind replaces the ballot: the saved choice opens again to change.
    phone.get_by_role("button", name="Change my vote").click()
    phone.get_by_role("radio", name="Health inequalities").check()
    send_vote(phone)
    assert ballot(summit, poll_id) == {"Health inequalities": 1}
    summit.polls.set_show_results(poll_id, True)
    expect(phone.get_by_role("heading", name="Results so far")).to_be_visible()
    shot(phone, "single")


def test_pick_up_to_two(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    poll_id = open_poll(summit, PollKind.MULTI, OPTIONS, max_choices=2)
    expect(phone.get_by_role("heading", name=QUESTIONS[PollKind.MULTI])).to_be_visible()
    phone.get_by_role("checkbox", name="Workforce development").check()
    phone.get_by_role("checkbox", name="Health inequalities").check()
    expect(phone.get_by_role("checkbox", name="Digital and data")).to_be_disabled()
    send_vote(phone)
    shot(phone, "multi")
    assert ballot(summit, poll_id) == {"Workforce development": 1, "Health inequalities": 1}


def test_share_out_points(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    poll_id = open_poll(summit, PollKind.POINTS, OPTIONS, points=10)
    expect(phone.get_by_role("heading", name=QUESTIONS[PollKind.POINTS])).to_be_visible()
    more_workforce = phone.get_by_role("button", name="One point more for Workforce development")
    for _ in range(7):
        more_workforce.click()
    for _ in range(3):
        phone.get_by_role("button", name="One point more for Digital and data").click()
    expect(phone.get_by_text("Points left: 0 of 10")).to_be_visible()
    expect(
        phone.get_by_role("button", name="One point more for Health inequalities")
    ).to_be_disabled()
    phone.get_by_role("button", name="One point less for Digital and data").click()
    send_vote(phone)
    shot(phone, "points")
    assert ballot(summit, poll_id) == {"Workforce development": 7, "Digital and data": 2}


def test_rank_by_tapping_and_moving(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    poll_id = open_poll(summit, PollKind.RANK, OPTIONS)
    expect(phone.get_by_role("heading", name=QUESTIONS[PollKind.RANK])).to_be_visible()
    phone.get_by_role("button", name="Send my vote").click()
    expect(phone.get_by_role("alert")).to_contain_text("Put all 3 options in order")
    for text in ("Health inequalities", "Workforce development", "Digital and data"):
        phone.get_by_role("button", name=text, exact=True).click()
        if text == "Health inequalities":
            shot(phone, "rank-placing")
    # Changed their mind: Digital and data up one place, using the keyboard.
    phone.get_by_role("button", name="Move Digital and data up").focus()
    phone.keyboard.press("Enter")
    expect(
        phone.get_by_role("list", name="Your order").get_by_role("listitem").nth(1)
    ).to_contain_text("Digital and data")
    send_vote(phone)
    shot(phone, "rank")
    assert ballot(summit, poll_id) == {
        "Health inequalities": 1,
        "Digital and data": 2,
        "Workforce development": 3,
    }


def test_agreement_scale(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    poll_id = open_poll(summit, PollKind.SCALE, STATEMENTS)
    expect(phone.get_by_role("heading", name=QUESTIONS[PollKind.SCALE])).to_be_visible()
    phone.get_by_role("group", name="Leaders are visible").get_by_role(
        "radio", name="Strongly agree"
    ).check()
    phone.get_by_role("group", name="All professions are heard").get_by_role(
        "radio", name="Disagree", exact=True
    ).check()
    send_vote(phone)
    shot(phone, "scale")
    assert ballot(summit, poll_id) == {"Leaders are visible": 5, "All professions are heard": 2}


def test_a_split_room_reads_as_split_on_the_phone(
    phone: Page, summit_and_server: tuple[Summit, str], tmp_path: Path
) -> None:
    summit, _ = summit_and_server
    poll_id = open_poll(summit, PollKind.SCALE, STATEMENTS)
    options = summit.polls.poll(poll_id).options
    for level in (1, 5):  # one strongly disagrees with everything, one strongly agrees
        person = summit.people.join()
        summit.polls.cast_ballot(poll_id, person.id, {o.id: level for o in options})
    summit.polls.set_show_results(poll_id, True)
    expect(phone.get_by_text("2 people voted.")).to_be_visible()
    expect(phone.get_by_text("50% agree, 0% neither, 50% disagree").first).to_be_visible()
    expect(phone.get_by_text("mean 3.0 of 5").first).to_be_visible()
    shot(phone, "split")


def test_a_closed_poll_says_so(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    poll_id = summit.live().open_poll_id
    assert poll_id is not None
    summit.polls.close_poll(poll_id)
    summit.polls.set_show_results(poll_id, True)
    expect(phone.get_by_text("This poll is closed.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    shot(phone, "closed")


def test_posting_a_sticky_note(phone: Page, summit_and_server: tuple[Summit, str]) -> None:
    summit, _ = summit_and_server
    item = summit.agenda.current_item()
    assert item is not None
    prompt = summit.agenda.add_prompt(item.id, "What is missing from our plan?")
    summit.agenda.open_prompt(prompt.id)
    text = "More time for <b>nurses</b> 💪 والقابلات"
    phone.get_by_role("textbox", name="Your note").fill(text)
    phone.get_by_role("button", name="Post note").click()
    expect(phone.get_by_role("status").filter(has_text="Your note is posted.")).to_be_visible()
    expect(phone.get_by_role("list", name="Notes you posted")).to_contain_text(text)
    shot(phone, "note")
    assert [n.text for n in summit.notes.notes(prompt.id)] == [text]


def test_the_room_check_page_reports_back(
    phone: Page, summit_and_server: tuple[Summit, str]
) -> None:
    _, join_url = summit_and_server
    check = phone.context.new_page()
    check.goto(join_url.replace("/j/", "/check/"))
    expect(
        check.get_by_role("status").filter(has_text="Your phone reached the facilitator's laptop.")
    ).to_be_visible()
    shot(check, "check")
    check.close()

"""The open vote on a phone's first screen (Chromium at 390x844, English and Welsh): the
privacy notice is read first, then folds into one line that opens, and "not started" is
never said above an open vote."""

from __future__ import annotations

import pytest
from phone_day import open_poll
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

HEIGHT = 844
WORDS = {
    "en": (
        "Privacy notice",
        "How your answers are kept",
        "Send my vote",
        "nothing goes to the internet",
    ),
    "cy": (
        "Hysbysiad preifatrwydd",
        "Sut mae eich atebion yn cael eu cadw",
        "Anfon fy mhleidlais",
        "rhedeg y dudalen",
    ),
}


def on_first_screen(page: Page, first: str = "#poll .choice >> nth=0") -> None:
    """The open poll's question and its first option (or choice) lie wholly inside the viewport."""
    for part in ("#poll h2", first):
        box = page.locator(part).bounding_box()
        assert box is not None, part
        assert 0 <= box["y"] and box["y"] + box["height"] <= HEIGHT, (part, box)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_notice_folds_once_seen_and_the_open_vote_is_on_the_first_screen(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str
) -> None:
    summit, server = day
    title, fold, send, words = WORDS[lang]
    context = phone(browser, height=HEIGHT, locale=f"{lang}-GB")
    page = context.new_page()
    page.goto(server.join_url)
    notice = page.get_by_role("complementary", name=title)
    expect(notice.get_by_role("heading", name=title)).to_be_visible()  # read first, in full
    expect(notice).to_contain_text("90")
    # A poll opens while the page is open: the notice, seen, folds and the vote is in view.
    open_poll(summit)
    expect(page.get_by_role("button", name=send)).to_be_visible()
    expect(notice.get_by_text(fold)).to_be_visible()
    expect(notice.get_by_role("heading")).to_have_count(0)
    expect(notice.get_by_text(words)).to_be_hidden()
    on_first_screen(page)
    assert axe_violations(page) == []
    notice.get_by_text(fold).click()  # it opens to the whole notice
    expect(notice.get_by_text(words)).to_be_visible()
    assert axe_violations(page) == []
    # The phone comes back (a reload, the QR code again): folded by the laptop.
    page.reload()
    expect(page.get_by_role("button", name=send)).to_be_visible()
    expect(notice.get_by_text(fold)).to_be_visible()
    expect(notice.get_by_text(words)).to_be_hidden()
    on_first_screen(page)
    assert axe_violations(page) == []
    context.close()


def test_a_new_phone_reads_the_notice_above_the_vote_and_it_folds_once_it_votes(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    context = phone(browser, height=HEIGHT)
    page = context.new_page()
    page.goto(server.join_url)
    notice = page.get_by_role("complementary", name="Privacy notice")
    expect(notice.get_by_role("heading", name="Privacy notice")).to_be_visible()
    expect(page.get_by_role("button", name="Send my vote")).to_be_visible()
    expect(
        notice.get_by_text("nothing goes to the internet")
    ).to_be_visible()  # not folded before a send
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved")).to_be_visible()
    assert len(summit.polls.ballots(poll_id)) == 1
    expect(notice.get_by_text("How your answers are kept")).to_be_visible()
    expect(notice.get_by_text("nothing goes to the internet")).to_be_hidden()
    on_first_screen(page, "#poll .summary li >> nth=0")  # the vote folded to its choice
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("started", [False])  # the agenda has not begun
def test_not_started_is_said_only_while_nothing_is_open(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    context = phone(browser, height=HEIGHT)
    page = context.new_page()
    page.goto(server.join_url)
    expect(page.locator("#now")).to_have_text("The summit has not started yet.")
    item = summit.agenda.items()[0]
    poll = summit.polls.add_poll(item.id, "Which priority first?", PollKind.SINGLE, ["A", "B"])
    summit.polls.open_poll(poll.id)  # opened from the agenda before it runs
    expect(page.get_by_role("button", name="Send my vote")).to_be_visible()
    expect(page.locator("#now")).to_have_text("")
    expect(page.get_by_text("The summit has not started yet.")).to_have_count(0)
    on_first_screen(page)
    assert axe_violations(page) == []
    context.close()

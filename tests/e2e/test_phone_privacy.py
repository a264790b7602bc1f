"""The privacy notice on the phone's join page: there before anything is sent, from the
summit's settings, and the first thing a screen reader reads (Chromium's accessibility tree)."""

from __future__ import annotations

import pytest
from phone_day import open_poll
from playwright.sync_api import Browser, expect

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.core.privacy import NOTICE_TITLE, notice
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser


def test_the_notice_is_the_first_thing_a_screen_reader_reads_on_the_join_page(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    summit.edit_info(
        organisers="South East London ICS", contact="engagement@example.nhs.uk", retention_days=30
    )
    context = phone(browser)
    page = context.new_page()
    page.goto(server.join_url)
    expect(page.get_by_text("Now: Vote")).to_be_visible()
    told = notice(summit.info())
    assert "South East London ICS" in told and "30 days" in told
    assert "engagement@example.nhs.uk" in told
    region = page.get_by_role("complementary", name=NOTICE_TITLE)
    expect(region).to_be_visible()
    expect(region).to_contain_text(told)
    # The accessibility tree in reading order: the notice (its heading, then its words)
    # comes before the summit's title and anything to answer.
    tree = page.locator("body").aria_snapshot().splitlines()
    assert tree[0] == f'- complementary "{NOTICE_TITLE}":', tree[:4]
    assert tree[1].strip() == f'- heading "{NOTICE_TITLE}" [level=2]', tree[:4]
    assert told[:40] in tree[2], tree[:4]
    assert 'heading "Leadership summit" [level=1]' in "\n".join(tree[3:])
    assert summit.people.taking_part() == 0  # read before anything was sent
    assert axe_violations(page) == []
    context.close()


def test_the_facilitators_own_notice_is_shown_even_without_javascript(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    own = "We keep your votes for 14 days.\n\nAsk <Sam> at the desk about your data."
    summit.edit_info(privacy_notice=own)
    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(server.join_url)
    region = page.get_by_role("complementary", name=NOTICE_TITLE)
    expect(region.get_by_text("We keep your votes for 14 days.")).to_be_visible()
    expect(region.get_by_text("Ask <Sam> at the desk about your data.")).to_be_visible()
    context.close()


def test_a_phone_whose_first_visit_is_a_voting_cards_code_reads_the_notice(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    """A card's QR code gives the phone its pass before the page opens: the page still
    shows the notice (whole with nothing open, its first layer mid-vote), not the one
    line of a phone that has read it; a reload then folds it."""
    summit, server = day
    summit.cards.set_verified(True)
    early, late = summit.cards.issue(2)
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{server.url}/c/{early.pass_}")
    expect(page.get_by_text(f"Card {early.id} is on this phone")).to_be_visible()
    region = page.get_by_role("complementary", name=NOTICE_TITLE)
    expect(region.get_by_role("heading", name=NOTICE_TITLE)).to_be_visible()
    expect(region.get_by_text("nothing goes to the internet")).to_be_visible()
    assert axe_violations(page) == []
    page.reload()  # seen: folded, as for any phone that comes back
    expect(region.get_by_text("How your answers are kept")).to_be_visible()
    context.close()
    poll_id = open_poll(summit)
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{server.url}/c/{late.pass_}")
    expect(page.get_by_role("button", name="Send my vote")).to_be_visible()
    region = page.get_by_role("complementary", name=NOTICE_TITLE)
    expect(region).to_contain_text("keep what you send on a laptop in this room")
    expect(region.get_by_text("Read the whole privacy notice")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved")).to_be_visible()
    expect(region.get_by_text("How your answers are kept")).to_be_visible()
    assert len(summit.polls.ballots(poll_id)) == 1
    context.close()

"""The privacy notice on the phone's join page: there before anything is sent, from the
summit's settings, and the first thing a screen reader reads (Chromium's accessibility tree)."""

from __future__ import annotations

import pytest
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

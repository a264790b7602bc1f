"""The room check page (the facilitator's "Show the room check code", before the day) in
the phone's language, like the phone page: English or Welsh from the phone's languages or
its own choice (the "Cymraeg / English" links), the laptop's answer in that language, axe
clean, at 320 and 390 px in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route, expect
from test_phone_welsh import no_english

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

SAID = {
    "en": ("Room check", "✓ Your phone reached the facilitator's laptop. Phones so far: 1.",
           "This page only tests the connection."),
    "cy": ("Gwirio'r ystafell", "✓ Cyrhaeddodd eich ffôn liniadur yr hwylusydd. Ffonau hyd yma: 1.",
           "Mae'r dudalen hon yn profi'r cysylltiad yn unig."),
}  # fmt: skip


@pytest.mark.parametrize(("lang", "width"), [("en", 390), ("cy", 320), ("cy", 390)])
def test_a_phone_checking_the_room_reads_it_in_its_own_language(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str, width: int
) -> None:
    summit, server = day
    heading, reached, text = SAID[lang]
    page = phone(browser, width=width, locale=f"{lang}-GB").new_page()
    page.goto(f"{server.url}/check/{summit.info().join_code}")
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(reached)
    expect(page.get_by_text(text)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if lang == "cy":
        no_english(page, "room check reached")
    else:
        assert axe_violations(page) == []


def test_the_switch_on_the_room_check_page_changes_its_language_and_keeps_it(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    page = phone(browser, width=320, locale="en-GB").new_page()
    check = f"{server.url}/check/{summit.info().join_code}"
    page.goto(check)
    expect(page.get_by_role("status")).to_have_text(SAID["en"][1])
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    expect(page.get_by_role("heading", name="Gwirio'r ystafell")).to_be_visible()
    # Reloaded, the same phone reports again, counted once, in Welsh.
    expect(page.get_by_role("status")).to_have_text(SAID["cy"][1])
    page.goto(check)  # kept in the cookie, as the phone page's choice is
    expect(page.get_by_role("heading", name="Gwirio'r ystafell")).to_be_visible()
    no_english(page, "room check after the switch")


def test_a_room_check_refused_is_said_in_welsh_with_the_laptops_welsh_sentence(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    """A browser that keeps no cookie (some in-app browsers) cannot report back: it is told
    to reload, in the page's Welsh around the laptop's Welsh sentence."""
    summit, server = day
    context = phone(browser, width=320, locale="cy-GB")
    page = context.new_page()

    def no_cookie(route: Route) -> None:
        if route.request.method == "POST":
            context.clear_cookies()  # kept nothing the page was given
        route.continue_()

    page.route("**/check/*", no_cookie)
    page.goto(f"{server.url}/check/{summit.info().join_code}")
    expect(page.get_by_role("status")).to_have_text(
        "Llwythodd eich ffôn y dudalen hon ond ni allai adrodd yn ôl:"
        " Ail-lwythwch y dudalen hon, yna gall adrodd yn ôl."
    )
    no_english(page, "room check refused")

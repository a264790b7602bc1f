"""The open vote on a phone's first screen (Chromium at 390x844, English and Welsh): the
privacy notice is read first, then folds into one line that opens; a phone joining while
a vote runs gets the notice's first layer above the vote; and "not started" is never said
above an open vote."""

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


def on_first_screen(
    page: Page, first: str = "#poll .choice >> nth=0", height: int = HEIGHT
) -> None:
    """The open poll's question and its first option (or choice) lie wholly inside the viewport."""
    for part in ("#poll h2", first):
        box = page.locator(part).bounding_box()
        assert box is not None, part
        assert 0 <= box["y"] and box["y"] + box["height"] <= height, (part, box)


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


LATE = {
    "en": ("Read the whole privacy notice", "keep what you send on a laptop in this room",
           "Digital and data", "Your vote is saved", "No name is asked."),
    "cy": ("Darllen yr hysbysiad preifatrwydd cyfan", "sy'n cadw'r hyn a anfonwch ar liniadur",
           "Digital and data", "Mae eich pleidlais wedi'i chadw", "Ni ofynnir am eich enw."),
}  # fmt: skip


@pytest.mark.parametrize(("lang", "width", "height"), [("en", 390, 844), ("cy", 320, 568)])
def test_a_phone_joining_mid_vote_sees_the_vote_under_the_notices_first_layer(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str, width: int, height: int
) -> None:
    """A latecomer scanning the code while a vote runs: the notice's first layer (who keeps
    what, without a name, nothing to the internet, name no one in a note) and a link to the
    whole notice come first, in few lines, and the vote is on the first screen."""
    summit, server = day
    summit.edit_info(organisers="South East London ICS", contact="engagement@example.nhs.uk")
    poll_id = open_poll(summit)
    whole, brief, option, saved, words = LATE[lang]
    title, fold, send, _ = WORDS[lang]
    context = phone(browser, width=width, height=height, locale=f"{lang}-GB")
    page = context.new_page()
    page.goto(server.join_url)
    notice = page.get_by_role("complementary", name=title)
    expect(notice).to_contain_text(f"South East London ICS {brief}")
    expect(notice.get_by_text(whole)).to_be_visible()
    expect(notice.get_by_text(words)).to_be_hidden()  # the whole notice, one tap away
    # Still the first thing a screen reader reads: the notice's region, then the summit.
    tree = page.locator("body").aria_snapshot().splitlines()
    assert tree[0] == f'- complementary "{title}":', tree[:4]
    assert "South East London ICS" in tree[1], tree[:4]
    on_first_screen(page, "#poll .choice >> nth=0", height)
    assert axe_violations(page) == []
    notice.get_by_text(whole).click()
    expect(notice.get_by_text(words)).to_be_visible()
    expect(notice).to_contain_text("engagement@example.nhs.uk")
    expect(notice).to_contain_text("90")
    assert axe_violations(page) == []
    page.get_by_role("radio", name=option).check()
    page.get_by_role("button", name=send).click()
    expect(page.get_by_role("status").filter(has_text=saved)).to_be_visible()
    assert len(summit.polls.ballots(poll_id)) == 1
    # Sent: folded to the one line a returning phone gets.
    expect(notice.get_by_text(fold)).to_be_visible()
    expect(notice.get_by_text(brief)).to_have_count(0)
    on_first_screen(page, "#poll .summary li >> nth=0", height)
    assert axe_violations(page) == []
    context.close()


def test_a_phone_joining_mid_vote_without_javascript_still_reads_the_whole_notice(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    open_poll(summit)
    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(server.join_url)
    notice = page.get_by_role("complementary", name="Privacy notice")
    expect(notice).to_contain_text("The organisers of this event keep what you send")
    notice.get_by_text("Read the whole privacy notice").click()
    expect(notice.get_by_text("nothing goes to the internet. No name is asked.")).to_be_visible()
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

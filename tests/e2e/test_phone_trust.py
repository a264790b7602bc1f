"""A voter is never left unsure, and one person has one vote: the phone page in Chromium.

The laptop goes away mid-vote and comes back; a link from another site opens the summit;
verified voting with a printed card; a flood of fresh joins from one address; errors next
to their control; 200 % text on a 320 px phone; no JavaScript, no fetch.
"""

from __future__ import annotations

import http.server
import threading

import pytest
from phone_day import OPTIONS, open_poll
from playwright.sync_api import Browser, Locator, Page, expect

from browser import ARGS, CHROMIUM, axe_violations, phone
from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.server import SummitServer
from summit_app.server.throttle import JOIN_TOTAL

pytestmark = pytest.mark.browser


def ballots(summit: Summit, poll_id: int) -> list[dict[str, int]]:
    texts = {o.id: o.text for o in summit.polls.poll(poll_id).options}
    return [{texts[k]: v for k, v in b.choices.items()} for b in summit.polls.ballots(poll_id)]


def yours(page: Page) -> Locator:
    """The lines of the phone's saved vote (its choice, folded once the laptop holds it)."""
    return page.get_by_role("list", name="Your vote:").get_by_role("listitem")


def joined(browser: Browser, server: SummitServer) -> Page:
    page = phone(browser).new_page()
    page.goto(server.join_url)
    expect(page.get_by_text("Now: Vote")).to_be_visible()
    return page


def test_a_vote_pressed_while_the_laptop_is_away_is_sent_when_it_is_back(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    page = joined(browser, server)
    page.get_by_role("radio", name="Digital and data").check()
    port = server.port
    server.stop()  # the laptop's lid closed, or its Wi-Fi dropped
    expect(page.get_by_text("Lost touch with the summit laptop")).to_be_visible(timeout=10_000)
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Not sent yet")).to_be_visible()
    assert summit.polls.ballot_count(poll_id) == 0
    again = SummitServer(summit.path, host="127.0.0.1", port=port)
    again.start()
    try:
        expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible(
            timeout=15_000
        )
        expect(page.get_by_text("Connected to the summit laptop again")).to_be_visible()
        assert ballots(summit, poll_id) == [{"Digital and data": 1}]
        expect(page.get_by_role("button", name="Change my vote")).to_be_visible()
        # Reloaded, the page shows the ballot the laptop holds.
        page.reload()
        expect(yours(page)).to_have_text(["Digital and data"])
        expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    finally:
        again.stop()


def test_a_ballot_saved_whose_answer_was_lost_shows_as_saved_after_reconnecting(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    page = joined(browser, server)
    # The laptop saved this phone's vote, but the answer never reached it.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "summit_token")
    me = summit.people.by_token(token)
    assert me is not None
    summit.polls.cast_ballot(poll_id, me.id, {summit.polls.poll(poll_id).options[2].id: 1})
    port = server.port
    server.stop()
    expect(page.get_by_text("Lost touch")).to_be_visible(timeout=10_000)
    again = SummitServer(summit.path, host="127.0.0.1", port=port)
    again.start()
    try:
        expect(yours(page)).to_have_text(["Health inequalities"], timeout=15_000)
        expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
        expect(page.get_by_role("button", name="Change my vote")).to_be_visible()
    finally:
        again.stop()


class _Elsewhere(http.server.BaseHTTPRequestHandler):
    """Another web site (a chat, a mail) with a link to the summit."""

    link = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = f'<!doctype html><title>Chat</title><a href="{self.link}">Join the vote</a>'
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


def test_a_link_from_another_site_keeps_the_phones_identity_and_its_one_ballot(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    page = joined(browser, server)
    page.get_by_role("radio", name="Workforce development").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    _Elsewhere.link = server.join_url
    elsewhere = http.server.HTTPServer(("127.0.0.2", 0), _Elsewhere)  # another site
    threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.2:{elsewhere.server_address[1]}/")
        page.get_by_role("link", name="Join the vote").click()
        expect(yours(page)).to_have_text(["Workforce development"])
        expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    finally:
        elsewhere.shutdown()
        elsewhere.server_close()
    assert summit.people.count() == 1
    assert ballots(summit, poll_id) == [{"Workforce development": 1}]


def test_verified_voting_refuses_a_phone_without_a_card_and_takes_a_printed_cards_pass(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    summit.cards.set_verified(True)
    first, second = summit.cards.issue(2, group="Pharmacy")
    poll_id = open_poll(summit)
    page = joined(browser, server)
    expect(page.get_by_role("heading", name="This vote is for card holders")).to_be_visible()
    # No poll to fill in only to be refused at Send: the card comes first.
    expect(page.get_by_role("radio", name="Digital and data")).to_be_hidden()
    # A mistyped code is told so (not that the card is for another summit).
    page.get_by_role("textbox", name="The code printed on your card").fill("ABCD-EFGH")
    page.get_by_role("button", name="Use my card").click()
    expect(page.get_by_role("alert")).to_contain_text("No card has that code")
    assert summit.polls.ballot_count(poll_id) == 0
    # The card's QR code, as its camera opens it: the page says it worked.
    page.goto(f"{server.url}/c/{first.pass_}")
    expect(page.get_by_role("heading", name="This vote is for card holders")).to_be_hidden()
    expect(
        page.get_by_role("status").filter(has_text=f"Card {first.id} is on this phone")
    ).to_be_visible()
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    # Another phone types its card's code instead.
    other = joined(browser, server)
    code = "-".join(second.pass_[i : i + 4] for i in range(0, 16, 4)).lower()
    other.get_by_role("textbox", name="The code printed on your card").fill(code)
    other.get_by_role("button", name="Use my card").click()
    expect(other.get_by_text(f"Card {second.id} is on this phone")).to_be_visible()
    other.get_by_role("radio", name="Health inequalities").check()
    other.get_by_role("button", name="Send my vote").click()
    expect(other.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    assert sorted(b.group for b in summit.polls.ballots(poll_id)) == ["Pharmacy", "Pharmacy"]
    assert axe_violations(other) == []


def test_a_hundred_fresh_joins_from_one_address_make_at_most_twenty_participants(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    context = phone(browser)
    page = context.new_page()
    refused = 0
    for _ in range(100):  # the cookie cleared each time: a new phone, as far as cookies go
        context.clear_cookies()
        answer = page.goto(server.join_url)
        assert answer is not None
        if answer.status == 429:
            refused += 1
            if refused == 1:  # what the phone reads, seen on a refused page: past the
                # day's total for one address (issue 29), who can let it in
                expect(page.get_by_role("heading", name="Ask the facilitator")).to_be_visible()
                expect(page.get_by_text("tell the facilitator")).to_be_visible()
    assert summit.people.count() <= JOIN_TOTAL and refused >= 100 - JOIN_TOTAL
    assert server.refused_joins == refused
    context.close()


def test_an_error_shows_next_to_the_button_that_caused_it(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    open_poll(summit)
    page = joined(browser, server)
    button = page.get_by_role("button", name="Send my vote")
    button.click()
    alert = page.get_by_role("alert").filter(has_text="Choose an option first.")
    expect(alert).to_be_visible()
    below, said = button.bounding_box(), alert.bounding_box()
    assert below and said and 0 <= said["y"] - (below["y"] + below["height"]) < 60


def test_the_open_poll_comes_first_and_the_group_question_after_the_first_vote(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    summit.polls.set_show_results(poll_id, True)
    page = joined(browser, server)
    expect(page.get_by_role("heading", name="Which priority first?")).to_be_visible()
    expect(page.get_by_role("heading", name="Which group are you from?")).to_be_hidden()
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Send my vote").click()
    # The results include the vote just cast, at once.
    expect(page.get_by_text("1 person voted.")).to_be_visible(timeout=2000)
    expect(page.get_by_role("heading", name="Which group are you from?")).to_be_visible()
    order = page.evaluate(
        "[...document.querySelectorAll('main > section:not([hidden])')].map(s => s.id)"
    )
    assert order.index("poll") < order.index("group")


@pytest.mark.parametrize(
    "kind", [PollKind.SINGLE, PollKind.MULTI, PollKind.POINTS, PollKind.RANK, PollKind.SCALE]
)
def test_200_percent_text_on_a_320_px_phone_reflows_without_sideways_scrolling(
    browser: Browser, day: tuple[Summit, SummitServer], kind: PollKind
) -> None:
    summit, server = day
    rules = {"points": 10} if kind is PollKind.POINTS else {}
    poll_id = open_poll(summit, kind, **rules)
    summit.polls.set_show_results(poll_id, True)
    page = phone(browser, width=320, height=640).new_page()
    page.goto(server.join_url)
    page.evaluate("document.documentElement.style.fontSize = '200%'")  # the phone's text size
    expect(page.get_by_role("heading", name="Which priority first?")).to_be_visible()
    if kind is PollKind.RANK:
        for text in OPTIONS:
            page.get_by_role("button", name=text, exact=True).click()
    # Against the screen's 320 px: under mobile emulation `innerWidth` (and the layout
    # viewport) grows with any overflow, so comparing with it always read 0.
    sideways = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 320"
    )
    assert sideways <= 0, f"{kind}: the page scrolls {sideways} px sideways"
    # An option's words get most of the row, not a sliver beside the radio button.
    narrowest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('label.choice span, .points .text,"
        " .ranked .text')].filter(e => e.textContent === 'Workforce development')"
        ".map(e => e.getBoundingClientRect().width))"
    )
    assert narrowest >= 150, f"{kind}: an option's words get a {narrowest:.0f} px column"
    assert axe_violations(page) == []


def test_without_javascript_or_fetch_the_page_says_so(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    _, server = day
    # A browser with scripting off from the start (Playwright's own switch leaves the
    # parser thinking scripts run, so <noscript> would not show).
    no_scripts = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*ARGS, "--blink-settings=scriptEnabled=false"]
    )
    try:
        page = phone(no_scripts, java_script_enabled=False).new_page()
        page.goto(server.join_url)
        message = page.locator("main noscript > p")  # (text search skips <noscript>)
        expect(message).to_be_visible()
        expect(message).to_contain_text("This page needs JavaScript")
    finally:
        no_scripts.close()
    old = phone(browser)
    old.add_init_script("delete window.fetch;")
    page = old.new_page()
    page.goto(server.join_url)
    expect(page.get_by_text("This phone's browser is too old for this page")).to_be_visible()
    old.close()

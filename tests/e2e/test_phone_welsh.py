"""The phone page in Welsh (issue 23, finding 10), in Chromium at 320 and 390 px.

A phone whose languages put Welsh first gets the page's own words in Welsh from its first
paint; the summit's content keeps its own language; the "Cymraeg / English" links switch
and are remembered without browser storage; a vote and a note go through in Welsh, with
the laptop's answers in Welsh; axe-core finds nothing in any state; and no state shows a
word of the page's English catalogue.
"""

from __future__ import annotations

import re

import pytest
from phone_day import open_poll
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.core.model import PollKind, PromptKind
from summit_app.server import SummitServer
from summit_app.server.words import catalogue

pytestmark = pytest.mark.browser

NO_STORAGE = (
    "Object.defineProperty(window, 'localStorage', { get() {"
    " throw new DOMException('The operation is insecure.', 'SecurityError'); } });"
)


def welsh_phone(
    browser: Browser,
    server: SummitServer,
    width: int = 390,
    locale: str = "cy-GB",
    script: str = "",
    **options: object,
) -> Page:
    context = phone(browser, width=width, height=700, locale=locale, **options)
    if script:
        context.add_init_script(script)
    page = context.new_page()
    page.goto(server.join_url)
    return page


def english_fragments() -> list[str]:
    """Every stretch of the page's English catalogue between its {names}, long enough
    not to be a word Welsh shares (a name, "Wi-Fi")."""
    found = set()
    for section in ("page", "server"):
        for entry in catalogue()[section].values():
            english, welsh = entry["en"], entry["cy"]
            texts = english.values() if isinstance(english, dict) else [english]
            ours = set(welsh.values()) if isinstance(welsh, dict) else {welsh}
            for text in texts:
                if text in ours:  # the same in both ("Summit")
                    continue
                for part in re.split(r"\{\w+\}", text):
                    part = part.strip(" .,:;()✓▲★☆–·")
                    if len(part) >= 8:
                        found.add(part)
    return sorted(found)


ENGLISH = english_fragments()


def welsh_text(page: Page) -> str:
    """What the page shows and says in its own voice: text and accessible names of every
    element whose language is the page's (the summit's content, marked, is left out)."""
    return page.evaluate(
        """() => {
          const page = document.documentElement.lang, out = [document.title];
          const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const e = n.parentElement;
            if (e.closest('script, style, [hidden]')) continue;
            if ((e.closest('[lang]') || document.documentElement).lang !== page) continue;
            out.push(n.textContent);
          }
          for (const e of document.querySelectorAll('[aria-label]'))
            if ((e.closest('[lang]') || document.documentElement).lang === page)
              out.push(e.getAttribute('aria-label'));
          return out.join('\\n');
        }"""
    )


def no_english(page: Page, state: str) -> None:
    text = welsh_text(page)
    english = [fragment for fragment in ENGLISH if fragment in text]
    assert english == [], (state, english)
    assert axe_violations(page) == [], state


@pytest.mark.parametrize("width", [320, 390])
def test_a_welsh_phone_votes_and_posts_a_note_in_welsh(
    browser: Browser, day: tuple[Summit, SummitServer], width: int
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    prompt = summit.agenda.add_prompt(summit.agenda.current_item().id, "What is missing?")  # type: ignore[union-attr]
    summit.agenda.open_prompt(prompt.id)
    page = welsh_phone(browser, server, width)
    assert page.evaluate("document.documentElement.lang") == "cy"
    expect(page.get_by_role("complementary", name="Hysbysiad preifatrwydd")).to_be_visible()
    expect(page.get_by_text("Nawr: Vote")).to_be_visible()
    # The summit's content keeps its language inside the Welsh page.
    question = page.get_by_role("heading", name="Which priority first?")
    expect(question).to_have_attribute("lang", "en")
    expect(page.locator("#title")).to_have_attribute("lang", "en")
    expect(page.locator("#now span")).to_have_attribute("lang", "en")  # "Nawr: " + the item
    no_english(page, "poll and note open")
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Anfon fy mhleidlais").click()
    expect(
        page.get_by_role("status").filter(has_text="Mae eich pleidlais wedi'i chadw")
    ).to_be_visible()
    assert len(summit.polls.ballots(poll_id)) == 1
    expect(page.get_by_role("button", name="Newid fy mhleidlais")).to_be_visible()
    page.get_by_role("textbox", name="Eich nodyn").fill("Amser wedi'i ddiogelu")
    page.get_by_role("button", name="Postio nodyn").click()
    posted = page.get_by_role("status").filter(has_text="Mae eich nodyn wedi'i bostio.")
    expect(posted).to_contain_text("Gallwch bostio un arall.")
    assert [n.text for n in summit.notes.notes(prompt.id)] == ["Amser wedi'i ddiogelu"]
    # The laptop's refusal in Welsh too, under the button that caused it.
    page.evaluate("document.getElementById('note-text').maxLength = 9999")
    page.get_by_role("textbox", name="Eich nodyn").fill("x" * 600)
    page.get_by_role("button", name="Postio nodyn").click()
    expect(
        page.get_by_role("alert").filter(
            has_text="Mae'r nodyn hwnnw'n rhy hir: 500 nod ar y mwyaf."
        )
    ).to_be_visible()
    no_english(page, "voted, noted, refused")


def test_an_english_phone_gets_english_and_welsh_comes_only_before_english(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    open_poll(summit)
    page = welsh_phone(browser, server, 320, locale="en-GB")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("button", name="Send my vote")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg")
    ).to_have_attribute("lang", "cy")


def test_the_switch_changes_the_language_both_ways_and_is_kept_without_storage(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    page = welsh_phone(browser, server, 320, script=NO_STORAGE)
    page.get_by_role("radio", name="Health inequalities").check()
    page.get_by_role("button", name="Anfon fy mhleidlais").click()
    expect(
        page.get_by_role("status").filter(has_text="Mae eich pleidlais wedi'i chadw")
    ).to_be_visible()
    page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()
    expect(page.get_by_role("button", name="Change my vote")).to_be_visible()  # the same phone
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    page.goto(server.join_url)  # the choice is kept (a cookie), though the phone prefers Welsh
    expect(page.get_by_role("button", name="Change my vote")).to_be_visible()
    cymraeg = page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg")
    cymraeg.click()
    expect(page.get_by_role("button", name="Newid fy mhleidlais")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "cy"
    assert len(summit.polls.ballots(poll_id)) == 1


def test_every_state_in_welsh_shows_no_english_of_the_page_and_passes_axe(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    page = welsh_phone(browser, server, 320)
    expect(page.get_by_text("Dim byd i'w ateb ar hyn o bryd")).to_be_visible()
    no_english(page, "idle")
    item = summit.agenda.current_item()
    assert item is not None
    rules = {
        PollKind.SINGLE: {},
        PollKind.MULTI: {"max_choices": 2},
        PollKind.POINTS: {"points": 3},
        PollKind.RANK: {},
        PollKind.SCALE: {},
    }
    people = [summit.people.join("Nursing").id for _ in range(3)]
    for kind, rule in rules.items():
        poll_id = open_poll(summit, kind, **rule)
        summit.polls.set_show_results(poll_id, True)
        options = [o.id for o in summit.polls.poll(poll_id).options]
        for i, person in enumerate(people):
            choice = {
                PollKind.RANK: {o: (j + i) % 3 + 1 for j, o in enumerate(options)},
                PollKind.SCALE: {o: 1 + (i + j) % 5 for j, o in enumerate(options)},
                PollKind.POINTS: {options[i % 3]: 3},
            }.get(kind, {options[i % 3]: 1})
            summit.polls.cast_ballot(poll_id, person, choice)
        expect(page.locator("#results h3")).to_have_text("Canlyniadau hyd yma")
        no_english(page, f"{kind.value} open, results shown")
        summit.polls.close_poll(poll_id)
        expect(page.get_by_text("Mae'r bleidlais hon wedi cau.")).to_be_visible()
        no_english(page, f"{kind.value} closed")
    for kind in (PromptKind.QUESTIONS, PromptKind.WORDS, PromptKind.NOTES):
        prompt = summit.agenda.add_prompt(item.id, f"Prompt {kind.value}", kind)
        if kind is PromptKind.QUESTIONS:
            summit.questions.ask(prompt.id, "Who funds protected time?")
        summit.agenda.open_prompt(prompt.id)
        expect(page.get_by_role("heading", name=f"Prompt {kind.value}")).to_be_visible()
        expect(page.get_by_text("Yn llwytho…")).to_have_count(0)
        no_english(page, kind.value)
    # The group question (asked after the phone's first action), then a card-only summit.
    page.get_by_role("textbox", name="Eich nodyn").fill("Syniad")
    page.get_by_role("button", name="Postio nodyn").click()
    expect(page.get_by_role("heading", name="O ba grŵp ydych chi'n dod?")).to_be_visible()
    no_english(page, "group question")
    summit.cards.set_verified(True)
    expect(
        page.get_by_role("heading", name="Mae'r bleidlais hon ar gyfer deiliaid cardiau")
    ).to_be_visible()
    no_english(page, "card needed")


@pytest.mark.parametrize("width", [320, 390])
def test_a_table_host_sends_a_note_and_a_count_in_welsh(
    browser: Browser, day: tuple[Summit, SummitServer], width: int
) -> None:
    summit, server = day
    tables = summit.tables.set_tables(3, seats=8)
    item = summit.agenda.current_item()
    assert item is not None
    prompt = summit.agenda.add_prompt(item.id, "What did you hear?")
    summit.agenda.open_prompt(prompt.id)
    poll_id = open_poll(summit)
    host = phone(browser, width=width, height=700, locale="cy-GB").new_page()
    host.goto(f"{server.url}/t/{tables[0].pass_}")
    assert host.evaluate("document.documentElement.lang") == "cy"
    expect(host.get_by_role("heading", name="Table 1")).to_have_attribute("lang", "en")
    host.get_by_role("textbox", name="Beth ddywedodd eich bwrdd?").fill("Mwy o amser")
    host.get_by_role("button", name="Anfon nodyn y bwrdd").click()
    expect(host.get_by_text("✓ Wedi'i anfon")).to_be_visible()
    assert [n.text for n in summit.notes.notes(prompt.id)] == ["Mwy o amser"]
    host.get_by_role("spinbutton", name="Digital and data").fill("2")
    host.get_by_role("button", name="Anfon cyfrif y bwrdd").click()
    expect(
        host.get_by_role("status").filter(has_text="Mae cyfrif eich bwrdd wedi'i gadw")
    ).to_be_visible()
    assert summit.polls.table_counts(poll_id)[0].counts
    no_english(host, "table host")


def test_a_browser_whose_own_languages_disagree_with_its_header_gets_its_own(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    """Some in-app browsers send another Accept-Language than navigator.languages."""
    summit, server = day
    open_poll(summit)
    page = welsh_phone(browser, server, 320, extra_http_headers={"Accept-Language": "en"})
    expect(page.get_by_role("button", name="Anfon fy mhleidlais")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "cy"
    page.reload()  # kept: asked for once
    expect(page.get_by_role("button", name="Anfon fy mhleidlais")).to_be_visible()

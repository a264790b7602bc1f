"""After a phone votes on a long poll (Chromium at 390x844, English and Welsh): its choice
folds into a short summary with "Change my vote", the saved line leads to the group question,
and the page is far shorter than the nine long options, results and all, used to make it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

HEIGHT = 844
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"


def demo_poll() -> dict[str, Any]:
    """The demo summit's "Vote: enabling initiatives" poll (resources/templates/demo.json)."""
    demo = json.loads((ROOT / "resources" / "templates" / "demo.json").read_text("utf-8"))
    return next(
        poll
        for section in demo["sections"]
        for item in section["items"]
        if str(item.get("title", "")).startswith("Vote: enabling initiatives")
        for poll in item.get("polls", [])
    )


POLL = demo_poll()
OPTIONS: list[str] = POLL["options"]
QUESTION: str = POLL["question"]
WORDS = {
    "en": (
        "Send my vote",
        "Change my vote",
        "Your vote is saved",
        "Which group are you from?",
        "Next: which group are you from?",
        "Results so far",
        "1 person voted.",
        "2 people voted.",
    ),
    "cy": (
        "Anfon fy mhleidlais",
        "Newid fy mhleidlais",
        "Mae eich pleidlais wedi'i chadw",
        "O ba grŵp ydych chi'n dod?",
        "Nesaf: o ba grŵp ydych chi'n dod?",
        "Canlyniadau hyd yma",
        "1 person wedi pleidleisio.",
        "2 berson wedi pleidleisio.",
    ),
}
# Measured at 390x844 after this vote: 4,571 px (en) and 4,597 px (cy) before the fold,
# 1,838 px (both) after it: the results folded, the choice in three lines.
MOST = 2_200


def height(page: Page) -> float:
    return float(page.evaluate("document.documentElement.scrollHeight"))


def top(page: Page, locator: Locator) -> float:
    """Where the element starts, from the top of the page (not of the viewport)."""
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + float(page.evaluate("window.scrollY"))


def chosen(summit: Summit, poll_id: int) -> set[str]:
    (ballot,) = summit.polls.ballots(poll_id)
    texts = {o.id: o.text for o in summit.polls.poll(poll_id).options}
    return {texts[k] for k, v in ballot.choices.items() if v}


def voted_three(
    browser: Browser,
    day: tuple[Summit, SummitServer],
    lang: str,
    width: int,
    tall: int,
    text_size: str = "",
) -> tuple[Page, int]:
    """A phone that has voted for three of the demo poll's nine options, results shown."""
    summit, server = day
    send, saved = WORDS[lang][0], WORDS[lang][2]
    assert len(OPTIONS) == 9  # the rehearsal's poll: nine long options, pick up to 3
    item = summit.agenda.current_item()
    assert item is not None
    poll = summit.polls.add_poll(
        item.id, QUESTION, PollKind.MULTI, OPTIONS, max_choices=POLL["max_choices"]
    )
    summit.polls.open_poll(poll.id)
    summit.polls.set_show_results(poll.id, True)
    page = phone(browser, width=width, height=tall, locale=f"{lang}-GB").new_page()
    page.goto(server.join_url)
    if text_size:
        page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    for i in (0, 3, 6):
        page.get_by_role("checkbox", name=OPTIONS[i]).check()
    page.get_by_role("button", name=send).click()
    expect(page.get_by_role("status").filter(has_text=saved)).to_be_visible()
    assert chosen(summit, poll.id) == {OPTIONS[0], OPTIONS[3], OPTIONS[6]}
    return page, poll.id


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_after_a_vote_the_choice_folds_and_the_group_question_is_near(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str
) -> None:
    summit, _ = day
    _, change, saved, group, to_group, so_far, voted, two = WORDS[lang]
    page, poll_id = voted_three(browser, day, lang, 390, HEIGHT)
    # The choice folds into its three lines; the focus moves from Send to "Change my vote".
    reopen = page.get_by_role("button", name=change)
    expect(reopen).to_be_focused()
    expect(page.get_by_role("checkbox")).to_have_count(0)
    yours = page.locator("#poll .summary li")
    expect(yours).to_have_text([OPTIONS[0], OPTIONS[3], OPTIONS[6]])
    # The results fold under their heading and count; the group question is one step away.
    expect(page.get_by_role("heading", name=so_far)).to_be_visible()
    expect(page.get_by_text(voted)).to_be_visible()
    expect(page.locator("#results .bar").first).to_be_hidden()
    expect(page.get_by_role("heading", name=group)).to_be_visible()
    lead = page.get_by_role("button", name=to_group)
    assert top(page, lead) + (lead.bounding_box() or {"height": 0})["height"] <= 2 * HEIGHT
    assert top(page, page.get_by_role("heading", name=group)) < 2 * HEIGHT
    tall = height(page)
    print(f"{lang}: page height after the vote {tall:.0f} px")
    assert tall < MOST
    assert axe_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-after-vote-{lang}.png"), full_page=True)
    lead.press("Enter")
    expect(page.get_by_role("heading", name=group)).to_be_focused()

    # The vote changes end to end: the options open with the focus on the first chosen one.
    reopen.click()
    first = page.get_by_role("checkbox", name=OPTIONS[0])
    expect(first).to_be_focused()
    expect(first).to_be_checked()
    expect(lead).to_be_hidden()
    page.keyboard.press("Space")  # the keyboard takes the first one out
    page.get_by_role("checkbox", name=OPTIONS[8]).check()
    assert axe_violations(page) == []
    page.get_by_role("button", name=change).click()
    expect(page.get_by_role("status").filter(has_text=saved)).to_be_visible()
    expect(yours).to_have_text([OPTIONS[3], OPTIONS[6], OPTIONS[8]])
    assert chosen(summit, poll_id) == {OPTIONS[3], OPTIONS[6], OPTIONS[8]}
    expect(page.get_by_role("checkbox")).to_have_count(0)
    # The results open at a tap and stay open through the next update.
    page.get_by_role("heading", name=so_far).click()
    expect(page.locator("#results .bar").first).to_be_visible()
    summit.polls.cast_ballot(
        poll_id,
        summit.people.join().id,
        {next(o.id for o in summit.polls.poll(poll_id).options if o.text == OPTIONS[1]): 1},
    )
    expect(page.get_by_text(two)).to_be_visible()
    expect(page.locator("#results .bar").first).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / f"phone-results-open-{lang}.png"), full_page=True)
    # The group answered, nothing leads to it any more.
    page.get_by_role("button", name="Nursing").click()
    expect(page.get_by_role("heading", name=group)).to_be_hidden()
    expect(page.get_by_role("button", name=to_group)).to_have_count(0)
    assert [p.group for p in summit.people.participants()].count("Nursing") == 1
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_folded_vote_reflows_at_200_percent_text_on_a_320_px_phone(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str
) -> None:
    page, _ = voted_three(browser, day, lang, 320, 640, text_size="200%")
    change, to_group = WORDS[lang][1], WORDS[lang][4]
    expect(page.get_by_role("button", name=change)).to_be_visible()
    expect(page.locator("#poll .summary li")).to_have_count(3)
    expect(page.get_by_role("button", name=to_group)).to_be_visible()
    # Against the screen's 320 px (test_phone_trust.py says why not `innerWidth`).
    sideways = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 320"
    )
    assert sideways <= 0, f"{lang}: the folded vote scrolls {sideways} px sideways"
    assert axe_violations(page) == []
    page.context.close()

"""The phone page's second audit (issue 23), in Chromium at 320 and 390 px.

Typing survives pushes from the room; votes and notes work where the browser keeps no
storage; a screen reader hears a poll open; what failed to send is sent again on a timer
while the live stream stays up, for every kind of input; the focus stays where the person
was after every action; the focus ring and text fields' edges stand out.
"""

from __future__ import annotations

import re

import pytest
from phone_day import open_poll
from playwright.sync_api import Browser, Page, Route, expect

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, PromptKind
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

ASK = "Ask the panel"


def open_prompt(summit: Summit, kind: PromptKind, text: str = ASK) -> int:
    item = summit.agenda.current_item()
    assert item is not None
    prompt = summit.agenda.add_prompt(item.id, text, kind)
    summit.agenda.open_prompt(prompt.id)
    return prompt.id


def joined(browser: Browser, server: SummitServer, width: int = 390, script: str = "") -> Page:
    context = phone(browser, width=width, height=700)
    if script:
        context.add_init_script(script)
    page = context.new_page()
    page.goto(server.join_url)
    expect(page.get_by_text("Now: Vote")).to_be_visible()
    return page


def focused(page: Page) -> str:
    """The focused element's accessible name, as far as a test needs it (or its tag)."""
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.getAttribute('aria-label') || (e.labels && e.labels[0] ?"
        " e.labels[0].textContent : '') || e.textContent || e.tagName; })()"
    ).strip()


# -- 1. a push never takes what is being typed ------------------------------------------


@pytest.mark.parametrize("width", [320, 390])
def test_typing_a_question_survives_pushes_while_the_room_upvotes(
    browser: Browser, day: tuple[Summit, SummitServer], width: int
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    summit.polls.close_poll(poll_id)  # a closed poll's results sit below the open prompt
    summit.polls.set_show_results(poll_id, True)
    prompt_id = open_prompt(summit, PromptKind.QUESTIONS)
    asked = summit.questions.ask(prompt_id, "Who funds protected time?")
    page = joined(browser, server, width)
    box = page.get_by_role("textbox", name="Your question")
    box.click()
    typed = "More protected time for allied health professionals now"
    assert len(typed) == 55
    # 20 other phones upvote one by one, each upvote pushed here while a few letters go in.
    for n in range(1, 21):
        page.keyboard.type(typed[(n - 1) * 55 // 20 : n * 55 // 20])
        summit.questions.upvote(asked.id, summit.people.join().id)
        tally = page.locator("ol.questions .tally").first
        expect(tally).to_have_text(f"{n} upvote" + "s" * (n > 1))
    expect(box).to_have_value(typed)
    expect(box).to_be_focused()


def test_an_open_poll_with_live_results_keeps_the_focus_on_every_vote(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    summit.polls.set_show_results(poll_id, True)
    open_prompt(summit, PromptKind.NOTES, "What is missing?")
    page = joined(browser, server)
    choice = page.get_by_role("radio", name="Digital and data")
    choice.check()
    options = summit.polls.poll(poll_id).options
    for n in range(1, 6):
        summit.polls.cast_ballot(poll_id, summit.people.join().id, {options[0].id: 1})
        expect(page.get_by_text(f"{n} {'person' if n == 1 else 'people'} voted.")).to_be_visible()
        expect(choice).to_be_focused()
    # Typing a note under the open poll survives the votes too.
    note = page.get_by_role("textbox", name="Your note")
    note.click()
    page.keyboard.type("More time ")
    summit.polls.cast_ballot(poll_id, summit.people.join().id, {options[1].id: 1})
    expect(page.get_by_text("6 people voted.")).to_be_visible()
    page.keyboard.type("for nurses")
    expect(note).to_have_value("More time for nurses")
    expect(note).to_be_focused()


# -- 2. no browser storage ---------------------------------------------------------------

NO_STORAGE = {
    "null": "Object.defineProperty(window, 'localStorage', { value: null });",
    "throws": "Object.defineProperty(window, 'localStorage', { get() {"
    " throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
}


@pytest.mark.parametrize("storage", sorted(NO_STORAGE))
def test_votes_and_notes_work_without_browser_storage(
    browser: Browser, day: tuple[Summit, SummitServer], storage: str
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    prompt_id = open_prompt(summit, PromptKind.NOTES, "What is missing?")
    page = joined(browser, server, 320, NO_STORAGE[storage])
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    assert len(summit.polls.ballots(poll_id)) == 1
    page.get_by_role("textbox", name="Your note").fill("Protected time")
    page.get_by_role("button", name="Post note").click()
    expect(page.get_by_role("status").filter(has_text="Your note is posted.")).to_be_visible()
    assert [n.text for n in summit.notes.notes(prompt_id)] == ["Protected time"]


# -- 3. announced ------------------------------------------------------------------------


def test_a_screen_reader_hears_the_poll_open_and_close_a_prompt_open_and_the_item_change(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    page = joined(browser, server, 320)
    news = page.locator("main [aria-live='polite']").filter(has_text=re.compile("."))
    poll_id = open_poll(summit)
    expect(news).to_have_text("Voting has started: Which priority first?")
    expect(page).to_have_title("Vote open: Leadership summit")
    assert axe_violations(page) == []
    summit.polls.close_poll(poll_id)
    expect(news).to_have_text("Voting has ended: Which priority first?")
    expect(page).to_have_title("Leadership summit")
    open_prompt(summit, PromptKind.NOTES, "What is missing?")
    expect(news).to_have_text("Open for your answers: What is missing?")
    expect(page).to_have_title("Your turn: Leadership summit")
    item = summit.agenda.add_item(summit.agenda.sections()[0].id, "Lunch", ItemKind.BREAK, 30)
    summit.agenda.start_item(item.id)
    expect(news).to_contain_text("Now: Lunch.")
    assert axe_violations(page) == []


# -- 4. sent again on a timer, whatever the stream's state ------------------------------


def failing(page: Page, path: str, times: int) -> list[str]:
    """The next `times` requests to `path` get no answer (a Wi-Fi that drops them), while
    the live stream stays up; then they pass. Returns what was tried, in order."""
    tried: list[str] = []

    def handle(route: Route) -> None:
        tried.append(route.request.url)
        if len(tried) <= times:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(f"**{path}", handle)
    return tried


def test_a_failed_vote_and_note_are_sent_again_while_the_stream_stays_up(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    prompt_id = open_prompt(summit, PromptKind.NOTES, "What is missing?")
    page = joined(browser, server, 320)
    votes, notes = failing(page, "/api/ballot", 2), failing(page, "/api/note", 1)
    page.get_by_role("radio", name="Health inequalities").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Not sent yet")).to_be_visible()
    page.get_by_role("textbox", name="Your note").fill("Shared records")
    page.get_by_role("button", name="Post note").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible(
        timeout=15_000
    )
    expect(page.get_by_role("status").filter(has_text="Your note is posted.")).to_be_visible(
        timeout=15_000
    )
    assert len(summit.polls.ballots(poll_id)) == 1 and len(votes) == 3
    assert [n.text for n in summit.notes.notes(prompt_id)] == ["Shared records"]
    assert len(notes) == 2
    expect(page.get_by_text("Lost touch")).to_have_count(0)  # the stream never dropped


def test_questions_upvotes_words_and_the_group_are_kept_and_sent_again(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    prompt_id = open_prompt(summit, PromptKind.QUESTIONS)
    theirs = summit.questions.ask(prompt_id, "Who funds protected time?")
    page = joined(browser, server, 390)
    for path in ("/api/question", "/api/upvote", "/api/group"):
        failing(page, path, 1)
    page.get_by_role("textbox", name="Your question").fill("When does it start?")
    page.get_by_role("button", name="Send question").click()
    expect(page.get_by_role("status").filter(has_text="Not sent yet")).to_be_visible()
    page.get_by_role("button", name="Upvote: Who funds protected time?").click()
    expect(page.get_by_role("status").filter(has_text="Your question is sent.")).to_be_visible(
        timeout=15_000
    )
    expect(page.locator("ol.questions .tally").first).to_have_text("1 upvote", timeout=15_000)
    # Having taken part, the phone is asked its group: that choice fails once too.
    page.get_by_role("button", name="Pharmacy").click()
    expect(page.get_by_role("status").filter(has_text="Your group: Pharmacy")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Not sent yet")).to_be_visible()
    expect(page.get_by_role("button", name="Change my group")).to_be_visible()
    for _ in range(100):  # sent again by itself within the backoff (1 s, then 2 s)
        if summit.people.participants()[0].group == "Pharmacy":
            break
        page.wait_for_timeout(100)
    me = summit.people.participants()[0]
    assert me.group == "Pharmacy"
    assert [q.text for q in summit.questions.asked_by(prompt_id, me.id)] == ["When does it start?"]
    assert summit.questions.upvoted_by(prompt_id, me.id) == {theirs.id}
    # A word cloud: the first word fails, and is sent by itself.
    open_prompt(summit, PromptKind.WORDS, "One word for today")
    failing(page, "/api/word", 1)
    page.get_by_role("textbox", name="One to three words").fill("Courage")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Your word is sent")).to_be_visible(
        timeout=15_000
    )
    assert [w.text for w in summit.words.words()] == ["Courage"]


# -- 5. reflow at 320 px and 200 % text: tests/e2e/test_phone_trust.py ----------------


# -- 6. focus and contrast ---------------------------------------------------------------


def test_the_focus_stays_after_sending_placing_removing_upvoting_and_posting(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    open_poll(summit, PollKind.RANK)
    page = joined(browser, server, 320)
    page.get_by_role("button", name="Workforce development", exact=True).focus()
    page.keyboard.press("Enter")
    # Placed: the focus moves to the next option still to place.
    assert focused(page) == "Digital and data"
    page.keyboard.press("Enter")
    assert focused(page) == "Health inequalities"
    page.keyboard.press("Enter")
    # The last one placed: the focus stays on it, on its "up" arrow.
    assert focused(page) == "Move Health inequalities up"
    page.get_by_role("button", name="Take Workforce development out of your order").focus()
    page.keyboard.press("Enter")
    assert focused(page) == "Workforce development"  # back among those to place
    page.keyboard.press("Enter")
    assert focused(page) == "Move Workforce development up"
    send = page.get_by_role("button", name="Send my vote")
    send.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    expect(page.get_by_role("button", name="Change my vote")).to_be_focused()
    assert axe_violations(page) == []

    prompt_id = open_prompt(summit, PromptKind.QUESTIONS)
    summit.questions.ask(prompt_id, "Who funds protected time?")
    upvote = page.get_by_role("button", name="Upvote: Who funds protected time?")
    upvote.focus()
    page.keyboard.press("Enter")
    expect(page.locator("ol.questions .tally").first).to_have_text("1 upvote")
    expect(
        page.get_by_role("button", name="Take back your upvote: Who funds protected time?")
    ).to_be_focused()
    page.get_by_role("textbox", name="Your question").fill("When?")
    page.get_by_role("button", name="Send question").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Your question is sent.")).to_be_visible()
    expect(page.get_by_role("button", name="Send question")).to_be_focused()
    assert axe_violations(page) == []

    open_prompt(summit, PromptKind.NOTES, "What is missing?")
    page.get_by_role("textbox", name="Your note").fill("Time")
    page.get_by_role("button", name="Post note").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Your note is posted.")).to_be_visible()
    expect(page.get_by_role("button", name="Post note")).to_be_focused()


CONTRAST = """(sel) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const e = document.querySelector(sel), s = getComputedStyle(e);
  const card = getComputedStyle(e.closest('.card')).backgroundColor;
  const page = getComputedStyle(document.body).backgroundColor;
  return { ring: Math.min(ratio(s.outlineColor, card), ratio(s.outlineColor, page)),
           edge: ratio(s.borderTopColor, card), outline: s.outlineStyle };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_and_the_text_fields_edges_have_3_to_1(
    browser: Browser, day: tuple[Summit, SummitServer], scheme: str
) -> None:
    summit, server = day
    open_prompt(summit, PromptKind.QUESTIONS)
    page = joined(browser, server, 390)
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.get_by_role("textbox", name="Your question").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard, so :focus-visible applies
    seen = page.evaluate(CONTRAST, "#question-text")
    assert seen["outline"] == "solid"
    assert seen["ring"] >= 3 and seen["edge"] >= 3, seen
    assert axe_violations(page) == []


# -- 6 (forced colours, dark mode) and 7 (semantics) -------------------------------------


def results_and_questions(summit: Summit, kind: PollKind) -> None:
    """An open poll of `kind` with results showing (one ballot in) and a Q&A open."""
    poll_id = open_poll(summit, kind)
    ids = [o.id for o in summit.polls.poll(poll_id).options]
    ballot = {
        PollKind.SCALE: {ids[0]: 5, ids[1]: 2},
        PollKind.RANK: {k: n + 1 for n, k in enumerate(ids)},
    }
    summit.polls.cast_ballot(poll_id, summit.people.join().id, ballot[kind])
    summit.polls.set_show_results(poll_id, True)
    prompt_id = open_prompt(summit, PromptKind.QUESTIONS)
    summit.questions.ask(prompt_id, "Who funds protected time?")


@pytest.mark.parametrize("mode", ["forced", "dark", "200%"])
@pytest.mark.parametrize("kind", [PollKind.SCALE, PollKind.RANK])
def test_forced_colours_dark_mode_and_large_text_keep_bars_marks_and_axe_clean(
    browser: Browser, day: tuple[Summit, SummitServer], mode: str, kind: PollKind
) -> None:
    summit, server = day
    results_and_questions(summit, kind)
    page = joined(browser, server, 320)
    if mode == "forced":
        page.emulate_media(forced_colors="active")
    elif mode == "dark":
        page.emulate_media(color_scheme="dark")
    else:
        page.evaluate("document.documentElement.style.fontSize = '200%'")
    expect(page.get_by_role("heading", name="Results so far")).to_be_visible()
    looks = page.evaluate(
        """() => { const css = (sel, p) => getComputedStyle(document.querySelector(sel))[p];
        return { fill: css('#results .fill', 'backgroundColor'),
                 track: css('#results .track', 'backgroundColor'),
                 primary: css('.primary', 'borderTopStyle') }; }"""
    )
    assert looks["fill"] != looks["track"], looks  # the bars do not vanish
    if mode == "forced":
        assert looks["primary"] == "solid", looks  # the main buttons keep an edge
    if kind is PollKind.SCALE:
        expect(page.locator("#results .key .swatch").first).to_be_visible()
    assert axe_violations(page) == []
    # The group question: the chosen one is marked by more than colour.
    page.get_by_role("button", name="Upvote: Who funds protected time?").click()
    page.get_by_role("button", name="Pharmacy").click()
    page.get_by_role("button", name="Change my group").click()
    mark = page.get_by_role("button", name="Pharmacy").evaluate(
        "b => getComputedStyle(b, '::before').content"
    )
    assert "\u2713" in mark
    assert axe_violations(page) == []


def test_choices_are_grouped_under_their_question_and_lists_stay_lists(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    poll_id = open_poll(summit)
    page = joined(browser, server, 390)
    choices = page.get_by_role("radiogroup", name="Which priority first?")
    expect(choices.get_by_role("radio")).to_have_count(3)
    summit.polls.close_poll(poll_id)
    open_poll(summit, PollKind.MULTI, max_choices=2)
    expect(
        page.get_by_role("group", name="Which priority first?").get_by_role("checkbox")
    ).to_have_count(3)
    summit.polls.close_poll(summit.live().open_poll_id or 0)
    open_poll(summit, PollKind.RANK)
    page.get_by_role("button", name="Digital and data", exact=True).click()
    expect(page.get_by_role("list", name="Your order").get_by_role("listitem")).to_have_count(1)
    prompt_id = open_prompt(summit, PromptKind.QUESTIONS)
    summit.questions.ask(prompt_id, "Who funds protected time?")
    questions = page.get_by_role("list", name="Questions from the room, most upvoted first")
    expect(questions.get_by_role("listitem")).to_have_count(1)


# -- 9. cards ----------------------------------------------------------------------------


def test_a_cancelled_card_is_told_to_ask_for_its_replacement(
    browser: Browser, day: tuple[Summit, SummitServer]
) -> None:
    summit, server = day
    summit.cards.set_verified(True)
    (card,) = summit.cards.issue(1)
    open_poll(summit)
    page = joined(browser, server, 320)
    page.goto(f"{server.url}/c/{card.pass_}")
    page.get_by_role("radio", name="Digital and data").check()
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
    summit.cards.revoke(card.id)  # lost: the facilitator cancels it and prints a replacement
    page.get_by_role("button", name="Change my vote").click()
    page.get_by_role("radio", name="Health inequalities").check()
    page.get_by_role("button", name="Change my vote").click()
    expect(page.get_by_role("alert")).to_contain_text("Ask the facilitator for your replacement")
    expect(page.get_by_role("alert")).not_to_contain_text("Scan the QR code on the screen")

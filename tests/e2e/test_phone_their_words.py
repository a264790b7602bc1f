"""What participants wrote, shown on the phone and table host pages, is marked as being
in no stated language (`lang=""`, HTML's "unknown"), so a screen reader does not read a
Welsh note with an English page's rules, or an English one with a Welsh page's. Chromium
at 390 px, English and Welsh pages, axe-core clean."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Locator, expect

from browser import axe_violations, phone
from summit_app.core import Summit
from summit_app.core.model import PromptKind
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

# The page's language, and what its participant writes in the other one.
PHONES = {
    "en": {"note": "Your note", "post": "Post note", "ask": "Your question",
           "send_q": "Send question", "word": "One to three words", "send_w": "Send",
           "wrote": "Amser wedi'i ddiogelu", "asked": "Pwy sy'n talu?", "sent": "Iechyd"},
    "cy": {"note": "Eich nodyn", "post": "Postio nodyn", "ask": "Eich cwestiwn",
           "send_q": "Anfon cwestiwn", "word": "Un i dri gair", "send_w": "Anfon",
           "wrote": "Protected time for training", "asked": "Who pays?", "sent": "Health"},
}  # fmt: skip


def language_of(node: Locator) -> str | None:
    """The language a node's text is read in: its nearest `lang` (None: none at all)."""
    found: str | None = node.evaluate(
        "e => { const l = e.closest('[lang]'); return l ? l.getAttribute('lang') : null; }"
    )
    return found


def unknown(node: Locator) -> None:
    """Marked on itself, so its nearest `lang` is "unknown", whatever the page's. Retried
    until so: a push may redraw a list between two looks."""
    expect(node).to_be_visible()
    expect(node).to_have_attribute("lang", "")
    expect(node).to_have_attribute("dir", "auto")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_participants_note_question_and_words_are_marked_as_no_stated_language(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str
) -> None:
    summit, server = day
    words = PHONES[lang]
    item = summit.agenda.current_item()
    assert item is not None
    notes = summit.agenda.add_prompt(item.id, "What is missing?")
    summit.agenda.open_prompt(notes.id)
    page = phone(browser, locale=f"{lang}-GB").new_page()
    page.goto(server.join_url)
    assert page.evaluate("document.documentElement.lang") == lang
    page.get_by_role("textbox", name=words["note"]).fill(words["wrote"])
    page.get_by_role("button", name=words["post"]).click()
    mine = page.locator("#prompt .mine li", has_text=words["wrote"])
    unknown(mine)
    # The page's own words beside it keep the page's language.
    assert language_of(page.get_by_role("button", name=words["post"])) == lang
    assert axe_violations(page) == []

    qa = summit.agenda.add_prompt(item.id, "Questions?", PromptKind.QUESTIONS)
    summit.questions.ask(qa.id, "Who funds protected time?")
    summit.agenda.open_prompt(qa.id)
    page.get_by_role("textbox", name=words["ask"]).fill(words["asked"])
    page.get_by_role("button", name=words["send_q"]).click()
    unknown(page.locator(".questions .text", has_text="Who funds protected time?"))
    unknown(page.locator(".questions .text", has_text=words["asked"]))
    unknown(page.locator(".mine li span", has_text=words["asked"]))
    assert axe_violations(page) == []

    cloud = summit.agenda.add_prompt(item.id, "One word", PromptKind.WORDS)
    summit.agenda.open_prompt(cloud.id)
    page.get_by_role("textbox", name=words["word"]).fill(words["sent"])
    page.get_by_role("button", name=words["send_w"], exact=True).click()
    unknown(page.locator(".mine li span", has_text=words["sent"]))
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_table_hosts_notes_are_marked_as_no_stated_language(
    browser: Browser, day: tuple[Summit, SummitServer], lang: str
) -> None:
    summit, server = day
    tables = summit.tables.set_tables(2, seats=8)
    item = summit.agenda.current_item()
    assert item is not None
    prompt = summit.agenda.add_prompt(item.id, "What did you hear?")
    summit.agenda.open_prompt(prompt.id)
    host = phone(browser, locale=f"{lang}-GB").new_page()
    host.goto(f"{server.url}/t/{tables[0].pass_}")
    assert host.evaluate("document.documentElement.lang") == lang
    label, send = {
        "en": ("What did your table say?", "Send the table's note"),
        "cy": ("Beth ddywedodd eich bwrdd?", "Anfon nodyn y bwrdd"),
    }[lang]
    wrote = PHONES[lang]["wrote"]
    host.get_by_role("textbox", name=label).fill(wrote)
    host.get_by_role("button", name=send).click()
    unknown(host.locator(".tnote .text", has_text=wrote))
    # The host's page lists the note as it sends it: the laptop stores it a moment later
    # (a clean-clone CI read the file first once). Bounded: 10 s at most.
    deadline = time.monotonic() + 10
    while not summit.notes.notes(prompt.id) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [n.text for n in summit.notes.notes(prompt.id)] == [wrote]
    assert axe_violations(host) == []

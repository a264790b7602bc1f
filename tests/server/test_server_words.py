"""The phone page's catalogue (resources/web/words.toml): English and Welsh side by side,
the same keys and names in both, numbers in each language's forms, the laptop's answers
to a Welsh phone in Welsh, and no user-facing words in the page's scripts outside it."""

from __future__ import annotations

import json
import re
import socket

import pytest
from server_room import Room, loopback

from summit_app.core import intake, phones, questions
from summit_app.core.cards import NEED_CARD
from summit_app.core.model import SummitInfo
from summit_app.core.privacy import default_notice
from summit_app.core.summit_info import CONTENT_LANGUAGES
from summit_app.resources import WEB
from summit_app.server import app, deps, pages, push, schemas, throttle
from summit_app.server.connections import GuardedH11Protocol
from summit_app.server.guards import SLOW_BODY
from summit_app.server.words import catalogue, choose, notice, say, translate

NAMES = re.compile(r"\{(\w+)\}")
EN_FORMS = {"one", "other"}
CY_FORMS = {"zero", "one", "two", "few", "many", "other"}


def test_both_languages_have_the_same_keys_and_the_same_names() -> None:
    entries = [(s, k, e) for s, section in catalogue().items() for k, e in section.items()]
    assert len(entries) > 250
    for section, key, entry in entries:
        assert set(entry) == {"en", "cy"}, (section, key)
        en, cy = entry["en"], entry["cy"]
        if isinstance(en, dict) or isinstance(cy, dict):
            assert isinstance(en, dict) and isinstance(cy, dict), key
            assert set(en) == EN_FORMS and set(cy) == CY_FORMS, key
            names = {frozenset(NAMES.findall(t)) for t in [*en.values(), *cy.values()]}
            assert len(names) == 1 and "n" in next(iter(names)), key
        else:
            assert sorted(NAMES.findall(en)) == sorted(NAMES.findall(cy)), (section, key)
            assert en.strip() and cy.strip(), key


def test_the_catalogue_says_it_wants_a_welsh_speakers_review() -> None:
    head = (WEB / "words.toml").read_text(encoding="utf-8")[:1200]
    assert "Written by the Summit team" in head and "review by a Welsh" in head


@pytest.mark.parametrize(
    ("n", "welsh", "english"),
    [
        (0, "0 pwynt", "0 points"),
        (1, "1 pwynt", "1 point"),
        (2, "2 bwynt", "2 points"),
        (3, "3 phwynt", "3 points"),
        (4, "4 pwynt", "4 points"),
        (6, "6 phwynt", "6 points"),
        (1000, "1,000 pwynt", "1,000 points"),
    ],
)
def test_numbers_take_each_languages_forms(n: int, welsh: str, english: str) -> None:
    assert say("cy", "n.points", "page", n=n) == welsh
    assert say("en", "n.points", "page", n=n) == english


def test_welsh_is_chosen_when_the_phone_puts_it_before_english() -> None:
    assert choose(None, "cy-GB,cy;q=0.9,en-GB;q=0.8,en;q=0.7") == "cy"
    assert choose(None, "en-GB,en;q=0.9,cy;q=0.8") == "en"
    assert choose(None, "fr-FR,cy;q=0.5") == "cy"
    assert choose(None, "en;q=0.4,cy;q=0.6") == "cy"  # by quality, not by order
    assert choose(None, "fr-FR,de") == "en"
    assert choose(None, "") == "en"
    assert choose("en", "cy") == "en"  # the phone's own choice wins
    assert choose("xx", "cy") == "cy"


def _said_to_phones() -> list[str]:
    """Every fixed sentence the laptop sends a phone (the ones with numbers are checked
    with theirs below)."""
    sentences = [
        deps.NOT_JOINED, deps.BAD_TOKEN, deps.WRONG_CODE, deps.TOO_FAST, deps.TOO_MANY_POSTS,
        deps.NOT_UNDERSTOOD, schemas.GENERIC, push.FULL, push.TOO_MANY_STREAMS,
        throttle.JOIN_REFUSED, throttle.GUESSED_TOO_OFTEN, throttle.SHORT_GUESSED_TOO_OFTEN,
        NEED_CARD, phones.POLL_GONE, questions.QA_CLOSED, questions.UNKNOWN,
        "Your vote is saved.", "Your note is posted.", "Your question is sent.",
        "Your upvote is saved.", "Your upvote is taken back.", "Your word is sent.",
        "Thank you.", f"Your note is posted. {deps.HELD_MESSAGE}",
        "This poll is closed; your vote was not recorded.", "Pick exactly one option.",
        pages.CHECK_REACHED, pages.CHECK_RELOAD, SLOW_BODY, app.FILE_GONE, app.BUSY,
        app.ELSEWHERE,
    ]  # fmt: skip
    for messages in (schemas.MESSAGES, schemas.QUESTION_MESSAGES, schemas.WORD_MESSAGES):
        sentences += messages.values()
    sentences += schemas.BY_FIELD.values()
    for kind in (intake.NOTES, intake.QUESTIONS, intake.WORDS):
        sentences += [kind.empty, kind.closed, kind.gone]
    return sentences


def test_every_sentence_the_laptop_sends_a_phone_has_its_welsh() -> None:
    missing = [s for s in _said_to_phones() if translate(s, "cy") is None]
    assert missing == []
    assert translate("Pick at most 3 options.", "cy") == "Dewiswch 3 opsiwn ar y mwyaf."
    assert translate(
        "Card 12 was cancelled. Ask the facilitator for a replacement card.", "cy"
    ) == ("Cafodd cerdyn 12 ei ganslo. Gofynnwch i'r hwylusydd am gerdyn newydd.")
    assert translate(
        "Your note is posted. The facilitator will look at it before it is shown.", "cy"
    ) == (
        "Mae eich nodyn wedi'i bostio. Bydd yr hwylusydd yn edrych arno cyn iddo gael ei ddangos."
    )
    assert translate("Something nobody wrote down.", "cy") is None  # shown in English, marked


def test_the_default_privacy_notice_reads_as_the_products_own_in_english() -> None:
    for info in (
        SummitInfo(title="A"),
        SummitInfo(title="A", organisers="NHS Wales", contact="dpo@example.org", retention_days=1),
    ):
        assert notice(info, "en") == (default_notice(info), "en")
        welsh, lang = notice(info, "cy")
        assert lang == "cy" and welsh != default_notice(info)
    own = SummitInfo(title="A", privacy_notice="Ein hysbysiad ni.", content_lang="cy")
    assert notice(own, "en") == ("Ein hysbysiad ni.", "cy")  # as written, in its language


# The page's scripts and pages: a literal a person would read (a capital, then words).
WORDS = re.compile(r"""["']([A-Z][a-z]+(?: [a-z]+)+[^"']*)["']""")
SCRIPTS = ("core.js", "live.js", "poll.js", "notes.js", "ask.js", "people.js", "app.js",
           "audience.js", "host.js", "check.js")  # fmt: skip


def test_no_words_for_people_in_the_pages_scripts_or_pages_outside_the_catalogue() -> None:
    for name in SCRIPTS:
        code = "\n".join(
            line
            for line in (WEB / name).read_text(encoding="utf-8").splitlines()
            if not line.strip().startswith("//")
        )
        assert WORDS.findall(code) == [], name
    for name in ("index.html", "host.html", "check.html"):
        page = re.sub(
            r"<!--.*?-->|<[^>]+>|\{\{[a-z_.]+\}\}", " ", (WEB / name).read_text(), flags=re.S
        )
        assert page.split() == [], name


def test_a_welsh_phones_refusal_comes_in_welsh_and_an_english_one_as_it_was(
    room: Room,
) -> None:
    welsh = room.phone()
    welsh.headers["Accept-Language"] = "cy-GB,cy;q=0.9,en;q=0.5"
    english = room.phone()
    poll = room.summit.polls.add_poll(room.item_id, "First?", "single", ["A", "B"])
    body = {"poll_id": poll.id, "choices": {str(poll.options[0].id): 1}}
    said = welsh.post("/api/ballot", json=body).json()
    assert said == {
        "error": "Nid yw'r bleidlais hon ar agor eto; ni chofnodwyd eich pleidlais.",
        "lang": "cy",
    }
    assert english.post("/api/ballot", json=body).json() == {
        "error": "This poll is not open yet; your vote was not recorded."
    }
    room.summit.polls.open_poll(poll.id)
    answer = welsh.post("/api/ballot", json=body).json()
    assert answer["message"] == "Mae eich pleidlais wedi'i chadw." and answer["lang"] == "cy"
    huge = welsh.post("/api/note", json={"prompt_id": 1, "text": "x" * 100_000})
    assert huge.status_code == 413 and huge.json()["error"].startswith("Roedd hynny'n ormod")
    page = welsh.get(f"/j/{room.summit.info().join_code}?lang=en")
    assert '<html lang="en">' in page.text and welsh.cookies["summit-lang"] == "en"
    assert english.post("/api/ballot", json=body).json()["message"] == "Your vote is saved."


def test_the_summits_content_language_is_a_setting_phones_are_told(room: Room) -> None:
    assert room.summit.info().content_lang == "en"
    assert set(CONTENT_LANGUAGES) == {"en", "cy"}
    room.summit.edit_info(content_lang="cy")
    assert room.summit.info().content_lang == "cy"
    with pytest.raises(Exception, match="English or Cymraeg"):
        room.summit.edit_info(content_lang="fr")
    phone = room.phone()
    assert phone.get("/api/state").json()["lang"] == "cy"
    page = phone.get(f"/j/{room.summit.info().join_code}").text
    assert '<h1 id="title" lang="cy">' in page


def _too_slow(room: Room, first: bytes, address: str) -> dict[str, str]:
    """What the server answers a connection that sends `first`, then starts a request
    and stops (a phone on a Wi-Fi that lost it): its raw 408, read until it closes."""
    with socket.create_connection(("127.0.0.1", room.server.port), 5, (address, 0)) as sock:
        sock.sendall(first + b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        got = b""
        while chunk := sock.recv(65536):
            got += chunk
    answer = got[got.index(b"HTTP/1.1 408") :]
    said: dict[str, str] = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    return said


def test_a_request_too_slow_to_arrive_is_answered_in_the_phones_language(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection's own deadline answers below the app (and its Speaking): in the
    language of the request the same connection brought before, else English, marked."""
    monkeypatch.setattr(GuardedH11Protocol, "request_seconds", 0.5)  # 10 s in a hall
    host = f"127.0.0.1:{room.server.port}".encode()

    def asked(accept: bytes) -> bytes:
        return b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nAccept-Language: " + accept + b"\r\n\r\n"

    welsh = _too_slow(room, asked(b"cy-GB,cy;q=0.9,en;q=0.5"), loopback(240))
    assert welsh == {"error": translate(SLOW_BODY, "cy"), "lang": "cy"}
    assert welsh["error"].startswith("Cymerodd hynny'n rhy hir")
    english = _too_slow(room, asked(b"en-GB"), loopback(241))
    assert english == {"error": SLOW_BODY, "lang": "en"}
    chosen = _too_slow(  # the page's switch wins over the phone's languages
        room, asked(b"en-GB\r\nCookie: summit-lang=cy"), loopback(242)
    )
    assert chosen["lang"] == "cy"
    unknown = _too_slow(room, b"", loopback(243))  # no request came whole: not known
    assert unknown == {"error": SLOW_BODY, "lang": "en"}

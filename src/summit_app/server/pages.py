"""What a phone opens: the QR code's join link, the short address, a voting card, the room check.

Included last in the app: its short-code route takes any one-segment path.
"""

from __future__ import annotations

import re
import secrets
from functools import cache, lru_cache
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from summit_app.core import Summit
from summit_app.core.errors import NotAllowedError, NotFoundError
from summit_app.core.model import Card, Participant
from summit_app.resources import WEB
from summit_app.server.deps import (
    CHECK_COOKIE,
    MAX_TOKEN_CHARS,
    TOKEN_COOKIE,
    WRONG_CODE,
    Context,
    Ctx,
    Refusal,
    address,
    parse,
    set_pass,
)
from summit_app.server.schemas import CardIn, CheckIn
from summit_app.server.snapshot import Snapshot
from summit_app.server.throttle import GUESSED_TOO_OFTEN, JOIN_REFUSED, SHORT_GUESSED_TOO_OFTEN
from summit_app.server.words import (
    COOKIE,
    LANGUAGES,
    brief_notice,
    fill,
    language_of,
    say,
    switch,
    translate,
)

SHORT_PATH = re.compile(r"[0-9 .-]{6,15}")
WRONG_CARD = (
    "No card has that code. Check the code printed on your card (letters and numbers),"
    " or ask the facilitator."
)

CLOSED = (
    "This summit has closed and what linked input to a phone has been removed: nothing more"
    " can be sent to it. Thank you for taking part."
)

CHECK_REACHED = "Your phone reached the facilitator's laptop."
CHECK_RELOAD = "Reload this page, then it can report back."

router = APIRouter()


@cache
def page(name: str) -> bytes:
    """One of the phone page's documents, read once."""
    data: bytes = (WEB / name).read_bytes()
    return data


def join_page(snap: Snapshot, lang: str, path: str, folded: bool = False) -> bytes:
    """index.html in the phone's language with the summit's privacy notice as the first
    thing in its body: shown before anything is sent, read first by a screen reader,
    there without JavaScript. A phone that has joined before gets it `folded` into one
    line that opens (app.js folds it the same way once the phone has seen it). A new phone
    joining while a vote or a question is open (a latecomer scanning the code mid-vote)
    gets its first layer: one short line (who keeps what, no name, no internet, name no
    one in a note) and the whole notice one tap away, so the vote is on its first screen."""
    notice, notice_lang = snap.notice_in(lang)
    brief = ""
    if not folded and (snap.prompt_id is not None or (snap.public.get("poll") or {}).get("open")):
        brief = brief_notice(snap.info, lang)
    return _join_page(notice, notice_lang, snap.content_lang, lang, path, folded, brief)


@lru_cache(maxsize=16)
def _join_page(
    notice: str,
    notice_lang: str,
    content_lang: str,
    lang: str,
    path: str,
    folded: bool,
    brief: str = "",
) -> bytes:
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in notice.split("\n\n") if p.strip())
    title = escape(say(lang, "html.privacy_title", "page"))
    body = f'<div lang="{notice_lang}">{paragraphs}</div>'
    if folded or brief:
        fold = escape(say(lang, "html.privacy_whole" if brief else "page.privacy_fold", "page"))
        line = f'<p id="privacy-brief">{brief}</p>' if brief else ""
        aside = (
            f'<aside id="privacy" class="privacy" aria-label="{title}">'
            f"{line}<details><summary>{fold}</summary>{body}</details></aside>"
        )
    else:
        aside = (
            f'<aside id="privacy" class="privacy" aria-labelledby="privacy-title">'
            f'<h2 id="privacy-title">{title}</h2>{body}</aside>'
        )
    html = fill(page("index.html"), lang).replace(b"<!--privacy-->", aside.encode(), 1)
    # The summit's title is its own content: marked with its language in the heading.
    html = html.replace(b'<h1 id="title">', f'<h1 id="title" lang="{content_lang}">'.encode(), 1)
    return html.replace(b"<!--langs-->", switch(lang, path).encode(), 1)


def spoken(request: Request, response: Response) -> str:
    """The phone's language; a choice made with the page's switch (?lang=cy) is kept in a
    cookie, which works where a browser keeps no storage for pages."""
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES:
        response.set_cookie(COOKIE, chosen, max_age=400 * 86400, samesite="lax", path="/")
        return chosen
    return language_of(request.scope)


async def join_code(c: Context, code: str, request: Request, short: bool = False) -> str | Response:
    """The long join code if `code` is right (the short code when `short`), else the
    page to answer with. A guessing address is locked out for a while: the right long
    code is still taken from it (throttle.py), the short one is not even looked at."""
    where = address(request)
    if short and not c.doors.may_guess(where, short=True):
        return plain(429, "Wait a minute", SHORT_GUESSED_TOO_OFTEN, request)
    snap = await c.gateway.run(c.gateway.snapshot)
    expected = snap.short_code if short else snap.join_code
    given = re.sub(r"\D", "", code) if short else code
    if secrets.compare_digest(given.encode(), expected.encode()):
        return snap.join_code
    if not c.doors.may_guess(where):
        return plain(429, "Wait a minute", GUESSED_TOO_OFTEN, request)
    c.doors.wrong(where, short)
    return plain(404, "Not found", WRONG_CODE, request)


async def known(c: Context, request: Request) -> Participant | None:
    token = request.cookies.get(TOKEN_COOKIE, "")
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    return await c.gateway.run(lambda s: c.gateway.participant(s, token))


@router.get("/")
async def home(request: Request) -> HTMLResponse:
    return plain(200, "Summit", "Scan the QR code on the screen to join.", request)


@router.get("/j/{code}")
async def join(code: str, request: Request, c: Ctx) -> Response:
    found = await join_code(c, code, request)
    if not isinstance(found, str):
        return found
    snap = await c.gateway.run(c.gateway.snapshot)
    if snap.closed:
        return plain(410, "This summit has closed", CLOSED, request)
    response = HTMLResponse(b"")
    lang = spoken(request, response)
    if await known(c, request):  # it has seen the notice: folded, so what is open shows
        seen = request.query_params.get("notice") != "1"  # a card's first scan has not
        return page_body(response, join_page(snap, lang, request.url.path, folded=seen))
    refusal = c.doors.join_refusal(address(request), snap.shared_address)
    if refusal is not None:
        c.emit("join_refused", {"count": c.doors.refused_joins, "address": address(request)})
        title = "Wait a minute" if refusal == JOIN_REFUSED else "Ask the facilitator"
        return plain(429, title, refusal, request)
    joined, count = await c.gateway.write(_join)
    c.gateway.remember(joined)
    page_body(response, join_page(snap, lang, request.url.path))
    set_pass(response, joined.token)
    c.emit("joined", {"participant_id": joined.id, "count": count})
    return response


@router.get("/c/{typed}")
async def card_link(typed: str, request: Request, c: Ctx) -> Response:
    """A voting card's QR code: this phone becomes the card's participant."""
    result = await claim(c, typed, request)
    if isinstance(result, Refusal):
        return plain(result.status, "Voting card", result.message, request)
    code, participant = result
    # A phone whose first visit is a card's code holds a pass before it has read the privacy
    # notice: the join page shows it, not folded as a returning phone's (the page drops the
    # mark from its address once shown, so a reload folds it).
    first = "?notice=1" if participant.acted_at is None else ""
    response = RedirectResponse(f"/j/{code}{first}#card", status_code=303)  # the page says so
    set_pass(response, participant.token)
    return response


@router.post("/api/card")
async def card_typed(request: Request, c: Ctx) -> JSONResponse:
    """The pass printed on a card, typed in (its QR code may point to an old address)."""
    data = await parse(request, c, CardIn, f"card {address(request)}")
    result = await claim(c, data.code, request)
    if isinstance(result, Refusal):
        raise result
    _, participant = result
    card = await c.gateway.run(lambda s: s.cards.of_participant(participant.id))
    response = JSONResponse(
        {"ok": True, "card": card.id if card else None, "message": card_message(card)}
    )
    set_pass(response, participant.token)
    return response


async def claim(c: Context, typed: str, request: Request) -> tuple[str, Participant] | Refusal:
    """The card is read inside the claim's own transaction (core's `cards.claim`): read
    before it, a card cancelled in between handed its finder the replacement's identity.
    A right pass is always taken; wrong ones lock the guessing address out for a while."""
    where = address(request)

    def take(summit: Summit) -> tuple[Card, Participant]:
        return summit.cards.claim(typed[:64])

    try:
        card, participant = await c.gateway.write(take)
    except NotFoundError:
        if not c.doors.may_guess(where):
            return Refusal(429, GUESSED_TOO_OFTEN)
        c.doors.wrong(where)
        return Refusal(404, WRONG_CARD)
    except NotAllowedError as error:
        return Refusal(403, str(error))
    c.gateway.remember(participant)
    c.emit("card", {"card": card.id, "participant_id": participant.id})
    snap = await c.gateway.run(c.gateway.snapshot)
    return snap.join_code, participant


@router.get("/check/{code}")
async def check_page(code: str, request: Request, c: Ctx) -> Response:
    found = await join_code(c, code, request)
    if not isinstance(found, str):
        return found
    response = HTMLResponse(b"")
    lang = spoken(request, response)  # as the join page: the phone's language, or its choice
    html = fill(page("check.html"), lang, check=True).replace(
        b"<!--langs-->", switch(lang, request.url.path).encode(), 1
    )
    page_body(response, html)
    mine = request.cookies.get(CHECK_COOKIE)
    if not (mine and mine in c.checks.issued):
        cookie = secrets.token_urlsafe(12)
        c.checks.issue(cookie)
        response.set_cookie(
            CHECK_COOKIE, cookie, max_age=86400, httponly=True, samesite="lax", path="/check"
        )
    return response


@router.post("/check/{code}")
async def check_report(code: str, request: Request, c: Ctx) -> JSONResponse:
    found = await join_code(c, code, request)
    if not isinstance(found, str):
        raise Refusal(found.status_code, WRONG_CODE)
    host = address(request)
    cookie = request.cookies.get(CHECK_COOKIE)
    data = await parse(request, c, CheckIn, f"check {host}")
    if not c.checks.report(cookie):
        raise Refusal(409, CHECK_RELOAD)
    c.emit("check", {"count": c.checks.count, "device": data.device, "address": host})
    return JSONResponse({"ok": True, "count": c.checks.count, "message": CHECK_REACHED})


@router.get("/{short}")
async def short_address(short: str, request: Request, c: Ctx) -> Response:
    """The address a person types: `192.168.1.20:8765/482913`."""
    if not SHORT_PATH.fullmatch(short):
        return plain(404, "Not found", "Scan the QR code on the screen to join.", request)
    found = await join_code(c, short, request, short=True)
    if not isinstance(found, str):
        return found
    return RedirectResponse(f"/j/{found}", status_code=303)


def card_message(card: Card | None) -> str:
    if card is None:
        return "This phone has no voting card."
    return f"Card {card.id} is on this phone: you can vote."


def _join(summit: Summit) -> tuple[Participant, int]:
    joined = summit.people.join()
    return joined, summit.people.count()


def page_body(response: HTMLResponse, body: bytes) -> HTMLResponse:
    """The page into a response that may already carry a cookie."""
    response.body = body
    response.headers["content-length"] = str(len(body))
    return response


def plain(status: int, title: str, message: str, request: Request | None = None) -> HTMLResponse:
    """A script-free page for the few answers that are not the app (wrong link, home), in
    the phone's language where the catalogue has its sentences."""
    lang = language_of(request.scope) if request is not None else "en"
    said_title, said = translate(title, lang), translate(message, lang)
    if said_title is None or said is None:
        said_title, said, lang = title, message, "en"
    body = (
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="/static/app.css"><title>{escape(said_title)}</title>'
        f'<main class="plain"><h1>{escape(said_title)}</h1><p>{escape(said)}</p></main></html>'
    )
    return HTMLResponse(body, status_code=status)

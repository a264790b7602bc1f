"""The table host's phone: a table card's link, the host's page and what it sends (issue 26).

A table card's QR code opens `/t/<pass>`: the first phone to open it becomes the table's
host and keeps a secret in a cookie of its own (`summit_table`); any other phone is refused,
as a guessed pass is (and guesses are throttled the same way). The host's page (host.html,
with core.js and host.js, loaded by hosts only: the participants' bundle stays as it was)
asks `/api/table/state` every few seconds and sends notes, edits, stars and counts. The
host's phone can still vote as a person through the join link it shows.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from summit_app.core import Summit, table_host
from summit_app.core.errors import NotAllowedError, NotFoundError
from summit_app.core.model import PromptKind, Table
from summit_app.server.deps import (
    MAX_TOKEN_CHARS,
    Context,
    Ctx,
    Refusal,
    address,
    parse,
    sent,
    written,
)
from summit_app.server.pages import page, page_body, plain, spoken
from summit_app.server.schemas import (
    TableCountIn,
    TableNoteEditIn,
    TableNoteIn,
    TableNoteSendIn,
)
from summit_app.server.throttle import GUESSED_TOO_OFTEN
from summit_app.server.words import fill, switch

TABLE_COOKIE = "summit_table"
COOKIE_DAYS = 3
# How often a host's last contact is written while its page only reads (its sends write it).
HEARD_EVERY_S = 30.0
NO_HOST = "This phone is not a table's host. Scan your table card to send for your table."

router = APIRouter()


def _page(status: int, message: str, request: Request) -> HTMLResponse:
    return plain(status, "Table card", message, request)


@router.get("/t/{typed}")
async def table_card(typed: str, request: Request, c: Ctx) -> Response:
    """A table card's QR code: this phone becomes the table's host (or is refused)."""
    where = address(request)
    mine = request.cookies.get(TABLE_COOKIE)
    mine = mine if mine and len(mine) <= MAX_TOKEN_CHARS else None

    def claim(summit: Summit) -> tuple[Table, str]:
        return summit.tables.claim(typed[:64], mine)

    try:
        table, token = await c.gateway.write(claim)
    except NotFoundError as error:
        if not c.doors.may_guess(where):
            return _page(429, GUESSED_TOO_OFTEN, request)
        c.doors.wrong(where)
        return _page(404, str(error), request)
    except NotAllowedError as error:
        return _page(403, str(error), request)
    c.emit("table", {"table_id": table.id})
    response = RedirectResponse("/host", status_code=303)
    response.set_cookie(
        TABLE_COOKIE,
        token,
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="lax",
        path="/",
    )
    return response


@router.get("/host")
async def host_page(request: Request) -> HTMLResponse:
    response = HTMLResponse(b"")
    lang = spoken(request, response)
    return page_body(response, _host_page(lang, request.url.path))


@lru_cache(maxsize=4)
def _host_page(lang: str, path: str) -> bytes:
    html = fill(page("host.html"), lang, host=True)
    return html.replace(b"<!--langs-->", switch(lang, path).encode(), 1)


async def host_token(request: Request) -> str:
    """The host phone's secret, by its cookie (401 without one; core refuses a stranger's)."""
    token = request.cookies.get(TABLE_COOKIE)
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise Refusal(401, NO_HOST)
    return token


HostToken = Annotated[str, Depends(host_token)]


def state(summit: Summit, c: Context, token: str) -> dict[str, Any]:
    """What the host's page shows: its table, the open notes prompt with the table's own
    notes, the open poll with the table's count, and the join link to vote as a person."""
    table = table_host.host(summit, token)
    snap = c.gateway.snapshot(summit)
    prompt = snap.public["prompt"]
    poll = snap.public["poll"]
    data: dict[str, Any] = {
        "title": snap.public["title"],
        "lang": snap.content_lang,
        "table": {"id": table.id, "label": table.label, "seats": table.seats},
        "join": f"/j/{snap.join_code}",
        "prompt": None,
        "poll": None,
    }
    if prompt and prompt["kind"] == PromptKind.NOTES.value:
        notes = table_host.table_notes(summit, token, prompt["id"])
        data["prompt"] = {
            "id": prompt["id"],
            "text": prompt["text"],
            "notes": [
                {"id": n.id, "text": n.text, "key": n.is_key, "waiting": n.is_held} for n in notes
            ],
            "max_keys": table_host.MAX_KEY_POINTS,
        }
    if poll and poll["open"]:
        done = table_host.counted(summit, table.id, poll["id"])
        data["poll"] = {
            "id": poll["id"],
            "question": poll["question"],
            "kind": poll["kind"],
            "max_choices": poll["max_choices"],
            "options": poll["options"],
            "countable": poll["kind"] in {k.value for k in table_host.COUNT_KINDS},
            "count": (
                {"people": done.people, "counts": {str(k): v for k, v in done.counts.items()}}
                if done
                else None
            ),
        }
    return data


@router.get("/api/table/state")
async def table_state(c: Ctx, token: HostToken) -> JSONResponse:
    data = await c.gateway.run(lambda s: state(s, c, token))
    number = data["table"]["id"]
    heard = c.tables_heard.get(number, 0.0)
    if time.monotonic() - heard >= HEARD_EVERY_S:
        c.tables_heard[number] = time.monotonic()
        await c.gateway.write(lambda s: s.tables.heard(number))
        c.emit("table", {"table_id": number})
    return JSONResponse(data, headers={"Cache-Control": "no-store"})


def _key(token: str) -> str:
    return f"table {token}"  # the host's own rate, apart from its phone's as a person


@router.post("/api/table/note", status_code=201)
async def table_note(request: Request, c: Ctx, token: HostToken) -> JSONResponse:
    data = await parse(request, c, TableNoteSendIn, _key(token))
    added = await written(
        c, lambda s: table_host.post_note(s, token, data.prompt_id, data.text, data.key)
    )
    c.emit("table_note", {"note_id": added.id, "prompt_id": data.prompt_id})
    return sent("Your table's note is sent.", added.is_held, id=added.id)


@router.post("/api/table/edit")
async def table_edit(request: Request, c: Ctx, token: HostToken) -> JSONResponse:
    data = await parse(request, c, TableNoteEditIn, _key(token))
    note = await written(c, lambda s: table_host.edit_note(s, token, data.note_id, data.text))
    c.emit("table_note", {"note_id": note.id, "prompt_id": note.prompt_id})
    return sent("The note is changed.", note.is_held, id=note.id)


@router.post("/api/table/withdraw")
async def table_withdraw(request: Request, c: Ctx, token: HostToken) -> JSONResponse:
    data = await parse(request, c, TableNoteIn, _key(token))
    await written(c, lambda s: table_host.withdraw_note(s, token, data.note_id))
    c.emit("table_note", {"note_id": data.note_id})
    return JSONResponse({"ok": True, "message": "The note is withdrawn."})


@router.post("/api/table/star")
async def table_star(request: Request, c: Ctx, token: HostToken) -> JSONResponse:
    data = await parse(request, c, TableNoteIn, _key(token))
    note = await written(c, lambda s: table_host.star(s, token, data.note_id, data.on))
    c.emit("table_note", {"note_id": note.id, "prompt_id": note.prompt_id})
    message = "Starred as a key point." if note.is_key else "No longer a key point."
    return JSONResponse({"ok": True, "message": message, "key": note.is_key})


@router.post("/api/table/count")
async def table_count(request: Request, c: Ctx, token: HostToken) -> JSONResponse:
    data = await parse(request, c, TableCountIn, _key(token))
    done = await written(
        c, lambda s: table_host.count(s, token, data.poll_id, data.counts, data.people)
    )
    c.emit("table_count", {"poll_id": data.poll_id, "table_id": done.table_id})
    people = "person" if done.people == 1 else "people"
    message = f"Your table's count is saved: {done.people} {people}."
    return JSONResponse({"ok": True, "message": message, "people": done.people})

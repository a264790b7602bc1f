"""The participant web app: join, follow the facilitator, vote, post notes, check the room.

Participant actions only: nothing here opens a poll, hides a note or changes the agenda.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from pydantic import ValidationError as ShapeError
from starlette.types import ASGIApp, Receive, Scope, Send

from summit_app.core import NotFoundError, Summit, ValidationError
from summit_app.core.errors import StorageError
from summit_app.core.model import Author, Participant, PollState
from summit_app.resources import WEB
from summit_app.server import audience
from summit_app.server.gateway import Gateway
from summit_app.server.guards import Guard, RateLimit
from summit_app.server.schemas import MODEL_MESSAGES, BallotIn, CheckIn, GroupIn, NoteIn, friendly

log = logging.getLogger(__name__)

TOKEN_COOKIE = "summit_token"
CHECK_COOKIE = "summit_check"
COOKIE_DAYS = 3

NOT_JOINED = "You have not joined this summit yet. Scan the QR code on the screen to join."
BAD_TOKEN = "This phone's pass is not for this summit. Scan the QR code on the screen again."
WRONG_CODE = "This link is not for the summit running here. Scan the QR code on the screen again."
TOO_FAST = "That was a lot at once. Wait a few seconds and try again."
BUSY = "The laptop is busy for a moment. Try again in a few seconds."

EventSink = Callable[[str, dict], None]
M = TypeVar("M", bound=BaseModel)


class Refusal(Exception):
    """A request we answer with a 4xx and a sentence for the participant."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Checks:
    """Phones that reached the room-check page (distinct by their check cookie)."""

    seen: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.seen)


class PagesGZip:
    """Gzip for pages and static files only: the API's answers are small and frequent."""

    def __init__(self, app: ASGIApp, minimum_size: int) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
        else:
            await self.gzip(scope, receive, send)


def create_app(gateway: Gateway, emit: EventSink, checks: Checks, rate: RateLimit) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    # Compress only what is worth it (the page's script and style, once per phone): the
    # small state answers polled every 1.5 s would cost CPU for a few hundred bytes saved,
    # and the API skips the gzip wrapper altogether (bench/vote_burst.py: about 7% less
    # server CPU per phone, within that bench's noise).
    app.add_middleware(PagesGZip, minimum_size=4096)
    app.add_middleware(Guard)  # added last, so it wraps everything
    app.mount("/static", StaticFiles(directory=WEB), name="static")
    index_page = (WEB / "index.html").read_bytes()
    check_page = (WEB / "check.html").read_bytes()

    @app.exception_handler(Refusal)
    async def refused(_: Request, error: Refusal) -> JSONResponse:
        return JSONResponse({"error": error.message}, status_code=error.status)

    @app.exception_handler(StorageError)
    async def busy(_: Request, error: StorageError) -> JSONResponse:
        log.warning("storage: %s (%s)", error, error.__cause__)
        return JSONResponse({"error": BUSY}, status_code=503)

    async def join_code_ok(code: str) -> bool:
        snap = await gateway.run(gateway.snapshot)
        return secrets.compare_digest(code.encode(), snap.join_code.encode())

    async def participant(request: Request) -> Participant:
        token = request.cookies.get(TOKEN_COOKIE)
        if not token:
            raise Refusal(401, NOT_JOINED)
        found = await gateway.run(lambda s: gateway.participant(s, token))
        if found is None:
            raise Refusal(403, BAD_TOKEN)
        return found

    async def parse(request: Request, model: type[M], key: str, limit: RateLimit = rate) -> M:
        if not limit.allow(key):
            raise Refusal(429, TOO_FAST)
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Refusal(415, "The page sent something this server does not understand.")
        try:
            return model.model_validate_json(await request.body())
        except ShapeError as error:
            raise Refusal(422, friendly(error, MODEL_MESSAGES.get(model))) from None

    @app.get("/")
    async def home() -> HTMLResponse:
        return HTMLResponse(_plain_page("Summit", "Scan the QR code on the screen to join."))

    @app.get("/j/{code}")
    async def join(code: str, request: Request) -> Response:
        if not await join_code_ok(code):
            return HTMLResponse(_plain_page("Not found", WRONG_CODE), status_code=404)
        token = request.cookies.get(TOKEN_COOKIE, "")
        known = None
        if token:
            known = await gateway.run(lambda s: gateway.participant(s, token))
        response = HTMLResponse(index_page)
        if not known:
            joined = await gateway.write(_join)
            gateway.remember(joined[0])
            response.set_cookie(
                TOKEN_COOKIE,
                joined[0].token,
                max_age=COOKIE_DAYS * 86400,
                httponly=True,
                samesite="strict",
                path="/",
            )
            emit("joined", {"participant_id": joined[0].id, "count": joined[1]})
        return response

    @app.get("/api/state")
    async def state(request: Request) -> Response:
        me = await participant(request)

        def read(summit: Summit) -> tuple[dict, str]:
            snap = gateway.snapshot(summit)
            ballot = summit.polls.ballot(snap.poll_id, me.id) if snap.poll_id else None
            mine = {"group": me.group, "ballot": ballot.choices if ballot else None}
            mine.update(audience.mine(summit, snap.prompt_id, me))
            personal = json.dumps(mine, sort_keys=True).encode()
            etag = f'W/"{snap.digest}{hashlib.blake2b(personal, digest_size=6).hexdigest()}"'
            return {**snap.public, "me": mine}, etag

        body, etag = await gateway.run(read)
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return JSONResponse(body, headers={"ETag": etag})

    @app.post("/api/ballot")
    async def ballot(request: Request) -> JSONResponse:
        me = await participant(request)
        data = await parse(request, BallotIn, me.token)

        def cast(summit: Summit) -> tuple[dict[int, int], int]:
            try:
                poll = summit.polls.poll(data.poll_id)
            except NotFoundError:
                raise Refusal(404, "That poll is not running any more.") from None
            try:
                saved = summit.polls.cast_ballot(poll.id, me.id, data.choices)
            except ValidationError as error:
                raise Refusal(
                    409 if poll.state is not PollState.OPEN else 422, str(error)
                ) from None
            gateway.wrote()
            return saved.choices, summit.polls.ballot_count(poll.id)

        choices, count = await gateway.write(cast)
        emit("ballot", {"poll_id": data.poll_id, "participant_id": me.id, "count": count})
        return JSONResponse({"ok": True, "message": "Your vote is saved.", "choices": choices})

    @app.post("/api/note", status_code=201)
    async def note(request: Request) -> JSONResponse:
        me = await participant(request)
        data = await parse(request, NoteIn, me.token)

        def add(summit: Summit) -> tuple[int, bool]:
            try:
                summit.agenda.prompt(data.prompt_id)
                is_open = summit.live().open_prompt_id == data.prompt_id
                added = summit.notes.add_note(
                    data.prompt_id, data.text, Author.PARTICIPANT, participant_id=me.id
                )
                gateway.wrote()
                return added.id, added.is_held
            except NotFoundError:
                raise Refusal(404, "That question is not taking notes any more.") from None
            except ValidationError as error:
                raise Refusal(422 if is_open else 409, str(error)) from None

        note_id, held = await gateway.write(add)
        emit("note", {"note_id": note_id, "prompt_id": data.prompt_id, "participant_id": me.id})
        message = "Your note is posted." + (f" {audience.HELD_MESSAGE}" if held else "")
        return JSONResponse({"ok": True, "message": message, "waiting": held}, status_code=201)

    @app.post("/api/group")
    async def group(request: Request) -> JSONResponse:
        me = await participant(request)
        data = await parse(request, GroupIn, me.token)

        def set_group(summit: Summit) -> Participant:
            try:
                return summit.people.set_group(me.id, data.group)
            except ValidationError as error:
                raise Refusal(422, str(error)) from None

        updated = await gateway.write(set_group)
        gateway.remember(updated)
        return JSONResponse({"ok": True, "message": "Thank you.", "group": updated.group})

    audience.add_routes(app, gateway, emit, participant, parse, Refusal)

    @app.get("/check/{code}")
    async def check_page_(code: str, request: Request) -> Response:
        if not await join_code_ok(code):
            return HTMLResponse(_plain_page("Not found", WRONG_CODE), status_code=404)
        response = HTMLResponse(check_page)
        if not request.cookies.get(CHECK_COOKIE):
            response.set_cookie(
                CHECK_COOKIE,
                secrets.token_urlsafe(12),
                max_age=86400,
                httponly=True,
                samesite="strict",
                path="/check",
            )
        return response

    @app.post("/check/{code}")
    async def check_report(code: str, request: Request) -> JSONResponse:
        if not await join_code_ok(code):
            raise Refusal(404, WRONG_CODE)
        host = request.client.host if request.client else "?"
        phone = request.cookies.get(CHECK_COOKIE) or f"{host} {request.headers.get('user-agent')}"
        data = await parse(request, CheckIn, f"check {phone}")
        checks.seen.add(phone)
        emit("check", {"count": checks.count, "device": data.device, "address": host})
        return JSONResponse(
            {
                "ok": True,
                "count": checks.count,
                "message": "Your phone reached the facilitator's laptop.",
            }
        )

    return app


def _join(summit: Summit) -> tuple[Participant, int]:
    joined = summit.people.join()
    return joined, summit.people.count()


def _plain_page(title: str, message: str) -> bytes:
    """A script-free page for the few answers that are not the app (wrong link, home)."""
    from html import escape

    return (
        '<!doctype html><html lang="en"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="/static/app.css"><title>{escape(title)}</title>'
        f'<main class="plain"><h1>{escape(title)}</h1><p>{escape(message)}</p></main></html>'
    ).encode()

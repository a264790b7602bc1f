"""The participant web app: join, follow the facilitator, vote, post notes, check the room.

Participant actions only: nothing here opens a poll, hides a note or changes the agenda.
The routes are in pages.py (what a phone opens: the join links, a card's link, the room
check) and api.py (what the page sends and hears).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from pydantic import ValidationError as ShapeError
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from summit_app.core.errors import FileGoneError, StorageError
from summit_app.core.model import Participant
from summit_app.resources import WEB
from summit_app.server.gateway import Gateway
from summit_app.server.guards import Guard, RateLimit
from summit_app.server.page_files import PageFiles
from summit_app.server.push import Hub
from summit_app.server.schemas import MODEL_MESSAGES, NoteIn, QuestionIn, WordIn, friendly
from summit_app.server.throttle import Doors

log = logging.getLogger(__name__)

TOKEN_COOKIE = "summit_token"
CHECK_COOKIE = "summit_check"
COOKIE_DAYS = 3
MAX_TOKEN_CHARS = 64  # ours are 32; a longer cookie is made up and never looked up

NOT_JOINED = "You have not joined this summit yet. Scan the QR code on the screen to join."
BAD_TOKEN = "This phone's pass is not for this summit. Scan the QR code on the screen again."
WRONG_CODE = "This link is not for the summit running here. Scan the QR code on the screen again."
TOO_FAST = "That was a lot at once. Wait a few seconds and try again."
TOO_MANY_POSTS = "That is a lot from one phone in a minute. Wait a little, then send the next one."
BUSY = "The laptop is busy for a moment. Try again in a few seconds."
FILE_GONE = (
    "The laptop cannot save anything just now: its summit file was moved or deleted. This"
    " was not saved; the facilitator has been told. Try again in a few minutes."
)
ELSEWHERE = "That came from another web site, so it was not accepted."

# Notes, questions and cloud words, per participant: a burst, then ten a minute. A person
# typing sends a few a minute; one address once posted 812 notes in 60 s.
POST_BURST = 5
POSTS_PER_S = 10 / 60

EventSink = Callable[[str, dict], None]
M = TypeVar("M", bound=BaseModel)


POSTS: tuple[type[BaseModel], ...] = (NoteIn, QuestionIn, WordIn)


class Refusal(Exception):
    """A request we answer with a 4xx and a sentence for the participant."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# The room check: made-up cookies are never counted, and what is kept is bounded.
MAX_CHECK_PHONES = 5000


@dataclass
class Checks:
    """Phones that reached the room-check page, by the check cookie this server gave them."""

    issued: OrderedDict[str, bool] = field(default_factory=OrderedDict)  # cookie -> reported

    def issue(self, cookie: str) -> None:
        self.issued[cookie] = False
        while len(self.issued) > MAX_CHECK_PHONES:
            self.issued.popitem(last=False)

    def report(self, cookie: str | None) -> bool:
        """Count this phone; False for a cookie this server did not give."""
        if not cookie or len(cookie) > MAX_TOKEN_CHARS or cookie not in self.issued:
            return False
        self.issued[cookie] = True
        return True

    @property
    def count(self) -> int:
        return sum(self.issued.values())


@dataclass
class Context:
    """What every route needs: the file, the GUI's ears, and the server's limits."""

    gateway: Gateway
    emit: EventSink
    checks: Checks
    rate: RateLimit
    doors: Doors
    hub: Hub
    posts: RateLimit = field(default_factory=lambda: RateLimit(POST_BURST, POSTS_PER_S))

    async def participant(self, request: Request) -> Participant:
        token = request.cookies.get(TOKEN_COOKIE)
        if not token:
            raise Refusal(401, NOT_JOINED)
        found = None
        if len(token) <= MAX_TOKEN_CHARS:
            found = await self.gateway.run(lambda s: self.gateway.participant(s, token))
        if found is None:
            raise Refusal(403, BAD_TOKEN)
        return found

    async def parse(
        self, request: Request, model: type[M], key: str, limit: RateLimit | None = None
    ) -> M:
        if not (limit or self.rate).allow(key):
            raise Refusal(429, TOO_FAST)
        if model in POSTS and not self.posts.allow(key):
            raise Refusal(429, TOO_MANY_POSTS)
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Refusal(415, "The page sent something this server does not understand.")
        try:
            return model.model_validate_json(await request.body())
        except ShapeError as error:
            raise Refusal(422, friendly(error, MODEL_MESSAGES.get(model))) from None


def address(request: Request) -> str:
    return request.client.host if request.client else "?"


def set_pass(response: Response, token: str) -> None:
    """The phone's pass. Lax, not Strict: a link to the summit opened from a chat or a mail
    keeps the phone's identity (and its one ballot). Cross-site requests that could act
    carry no cookie under Lax, and the API takes only JSON from its own origin anyway."""
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="lax",
        path="/",
    )


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


class SameOrigin:
    """A write whose Origin (or Fetch Metadata) says another site sent it is refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            headers = dict(scope.get("headers", []))
            host = headers.get(b"host", b"")
            origin = headers.get(b"origin")
            site = headers.get(b"sec-fetch-site", b"same-origin")
            foreign = origin is not None and origin.split(b"://", 1)[-1] != host
            if foreign or site not in (b"same-origin", b"none"):
                await JSONResponse({"error": ELSEWHERE}, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    gateway: Gateway,
    emit: EventSink,
    checks: Checks,
    rate: RateLimit,
    *,
    doors: Doors | None = None,
    hub: Hub | None = None,
    hosts: list[str] | None = None,
    posts: RateLimit | None = None,
) -> FastAPI:
    from summit_app.server import api, pages

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    context = Context(gateway, emit, checks, rate, doors or Doors(), hub or Hub(gateway, 1000))
    if posts is not None:
        context.posts = posts
    app.state.context = context
    # Compress only what is worth it (the page's script and style, once per phone): the
    # API's answers and pushes are small and frequent (bench/vote_burst.py: about 7% less
    # server CPU per phone without the gzip wrapper on them).
    app.add_middleware(PagesGZip, minimum_size=4096)
    app.add_middleware(SameOrigin)
    # A page reached under another host name (DNS rebinding) is not ours to answer.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts or ["*"])
    app.add_middleware(Guard)  # added last, so it wraps everything
    app.mount("/static", PageFiles(directory=WEB), name="static")

    @app.exception_handler(Refusal)
    async def refused(_: Request, error: Refusal) -> JSONResponse:
        return JSONResponse({"error": error.message}, status_code=error.status)

    @app.exception_handler(StorageError)
    async def busy(_: Request, error: StorageError) -> JSONResponse:
        if isinstance(error, FileGoneError):  # the facilitator's sentence says where it went
            log.warning("storage: %s", error)
            emit("file_gone", {"message": str(error)})
            return JSONResponse({"error": FILE_GONE}, status_code=503)
        log.warning("storage: %s (%s)", error, error.__cause__)
        return JSONResponse({"error": BUSY}, status_code=503)

    api.add_routes(app, context)
    pages.add_routes(app, context)  # last: its short-code route takes any one-segment path
    return app

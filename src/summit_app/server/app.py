"""The participant web app: join, follow the facilitator, vote, post notes, check the room.

Participant actions only: nothing here opens a poll, hides a note or changes the agenda.
The routes are APIRouter modules: pages.py (what a phone opens: the join links, a card's
link, the room check), api.py and audience.py (what the page sends and hears); deps.py has
what they depend on. Every refusal, the server's own or core's, is answered here, by one
handler.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from summit_app.core.errors import (
    FileGoneError,
    NotAllowedError,
    NotFoundError,
    StateError,
    StorageError,
    SummitError,
    ValidationError,
)
from summit_app.resources import WEB
from summit_app.server import api, audience, bundle, pages, tables
from summit_app.server.deps import Checks, Context, EventSink, Refusal
from summit_app.server.gateway import Gateway
from summit_app.server.guards import Guard, RateLimit
from summit_app.server.page_files import PageFiles
from summit_app.server.push import Hub
from summit_app.server.throttle import Doors
from summit_app.server.words import Speaking

log = logging.getLogger(__name__)

BUSY = "The laptop is busy for a moment. Try again in a few seconds."
FILE_GONE = (
    "The laptop cannot save anything just now: its summit file was moved or deleted. This"
    " was not saved; the facilitator has been told. Try again in a few minutes."
)
ELSEWHERE = "That came from another web site, so it was not accepted."

# What core's refusals mean to a phone, most specific first: a card needed or cancelled
# (403), a poll, prompt or question gone (404), a poll or prompt not open or a share used
# up, so the page was out of date (409), input that breaks a rule (422).
STATUSES: tuple[tuple[type[SummitError], int], ...] = (
    (NotAllowedError, 403),
    (NotFoundError, 404),
    (StateError, 409),
    (ValidationError, 422),
)


def status_of(error: SummitError) -> int:
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 400)


async def refused(request: Request, error: Exception) -> JSONResponse:
    """The one answer to a refusal: the server's own (`Refusal`) or core's (`SummitError`),
    as a status and the sentence the phone shows."""
    if isinstance(error, Refusal):
        return JSONResponse({"error": error.message}, status_code=error.status)
    if isinstance(error, FileGoneError):  # the facilitator's sentence says where it went
        log.warning("storage: %s", error)
        request.app.state.context.emit("file_gone", {"message": str(error)})
        return JSONResponse({"error": FILE_GONE}, status_code=503)
    if isinstance(error, StorageError):
        log.warning("storage: %s (%s)", error, error.__cause__)
        return JSONResponse({"error": BUSY}, status_code=503)
    assert isinstance(error, SummitError)
    return JSONResponse({"error": str(error)}, status_code=status_of(error))


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
    app.add_middleware(Guard)
    # Answers to a Welsh phone in Welsh, the guard's refusals included: it only looks at
    # what goes out, so it may wrap the guard.
    app.add_middleware(Speaking)
    app.mount("/static", PageFiles(directory=WEB), name="static")
    app.add_exception_handler(Refusal, refused)
    app.add_exception_handler(SummitError, refused)
    app.include_router(api.router)
    app.include_router(audience.router)
    app.include_router(bundle.router)
    app.include_router(tables.router)
    app.include_router(pages.router)  # last: its short-code route takes any one-segment path
    return app

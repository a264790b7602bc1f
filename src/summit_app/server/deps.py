"""What the routes depend on: the server's context, the phone's participant, its JSON body.

FastAPI's `Depends` hands them to the routes (api.py, audience.py, pages.py); app.py builds
the context once per app and answers every refusal and core error in one handler.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from pydantic import ValidationError as ShapeError

from summit_app.core import Summit
from summit_app.core.model import Participant
from summit_app.server.gateway import Gateway
from summit_app.server.guards import RateLimit
from summit_app.server.push import Hub
from summit_app.server.schemas import (
    MODEL_MESSAGES,
    NoteIn,
    QuestionIn,
    TableNoteSendIn,
    WordIn,
    friendly,
)
from summit_app.server.throttle import Doors

TOKEN_COOKIE = "summit_token"
CHECK_COOKIE = "summit_check"
COOKIE_DAYS = 3
MAX_TOKEN_CHARS = 64  # ours are 32; a longer cookie is made up and never looked up

NOT_JOINED = "You have not joined this summit yet. Scan the QR code on the screen to join."
BAD_TOKEN = "This phone's pass is not for this summit. Scan the QR code on the screen again."
WRONG_CODE = "This link is not for the summit running here. Scan the QR code on the screen again."
TOO_FAST = "That was a lot at once. Wait a few seconds and try again."
TOO_MANY_POSTS = "That is a lot from one phone in a minute. Wait a little, then send the next one."
NOT_UNDERSTOOD = "The page sent something this server does not understand."
HELD_MESSAGE = "The facilitator will look at it before it is shown."

# Notes, questions and cloud words, per participant: a burst, then ten a minute. A person
# typing sends a few a minute; one address once posted 812 notes in 60 s.
POST_BURST = 5
POSTS_PER_S = 10 / 60
# A phone upvotes several questions in a row: its own, roomier bucket than notes and ballots.
UPVOTE_BURST, UPVOTES_PER_SECOND = 20, 3
# The room check: made-up cookies are never counted, and what is kept is bounded.
MAX_CHECK_PHONES = 5000

EventSink = Callable[[str, dict[str, Any]], None]
POSTS: tuple[type[BaseModel], ...] = (NoteIn, QuestionIn, WordIn, TableNoteSendIn)
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class Refusal(Exception):
    """A request the server itself refuses (no pass, too fast, not JSON...) with a 4xx and
    a sentence for the participant; what core refuses is a SummitError (app.py maps both)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
    upvote_rate: RateLimit = field(
        default_factory=lambda: RateLimit(burst=UPVOTE_BURST, per_second=UPVOTES_PER_SECOND)
    )
    posts: RateLimit = field(default_factory=lambda: RateLimit(POST_BURST, POSTS_PER_S))
    # Table number -> when its host's last contact was last written (server/tables.py).
    tables_heard: dict[int, float] = field(default_factory=dict)


async def context(request: Request) -> Context:
    # Async on purpose: FastAPI runs a plain `def` dependency on a worker thread, a thread
    # switch per request (bench/vote_burst.py: +0.2 ms of server CPU a join).
    return request.app.state.context  # type: ignore[no-any-return]


Ctx = Annotated[Context, Depends(context)]


async def participant(request: Request) -> Participant:
    """The phone's participant, by its pass cookie (401 without one, 403 for a stranger's)."""
    c: Context = request.app.state.context  # not Depends(context): one less to solve a request
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        raise Refusal(401, NOT_JOINED)
    found = None
    if len(token) <= MAX_TOKEN_CHARS:
        found = await c.gateway.run(lambda s: c.gateway.participant(s, token))
    if found is None:
        raise Refusal(403, BAD_TOKEN)
    return found


Me = Annotated[Participant, Depends(participant)]


async def parse(
    request: Request, c: Context, model: type[M], key: str, limit: RateLimit | None = None
) -> M:
    """The request's JSON as `model`, within `key`'s rate (429), as JSON (415), well
    formed (422 with a sentence saying what is wrong)."""
    if not (limit or c.rate).allow(key):
        raise Refusal(429, TOO_FAST)
    if model in POSTS and not c.posts.allow(key):
        raise Refusal(429, TOO_MANY_POSTS)
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise Refusal(415, NOT_UNDERSTOOD)
    try:
        return model.model_validate_json(await request.body())
    except ShapeError as error:
        raise Refusal(422, friendly(error, MODEL_MESSAGES.get(model))) from None


def body(model: type[M], limit: Callable[[Context], RateLimit] | None = None) -> Any:
    """A dependency: the phone's JSON as `model`, within the phone's rate (after its pass)."""

    async def parsed(request: Request, me: Me) -> M:
        c: Context = request.app.state.context
        return await parse(request, c, model, me.token, limit(c) if limit else None)

    return Depends(parsed)


async def written(c: Context, command: Callable[[Summit], T]) -> T:
    """Run a phone's command in the next group commit: the results phones see may now be
    out of date (the gateway rebuilds them soon)."""

    def run(summit: Summit) -> T:
        done = command(summit)
        c.gateway.wrote()
        return done

    return await c.gateway.write(run)


def sent(message: str, held: bool, **extra: object) -> JSONResponse:
    """201 with the sentence the phone shows, and whether the input waits for approval."""
    if held:
        message = f"{message} {HELD_MESSAGE}"
    return JSONResponse({"ok": True, "message": message, **extra, "waiting": held}, 201)


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

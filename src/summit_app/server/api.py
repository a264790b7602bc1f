"""What the phone page sends and hears: the live state (pushed or polled), ballots, notes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from summit_app.core import phones
from summit_app.core.model import Participant
from summit_app.server import push
from summit_app.server.deps import Ctx, Me, Refusal, body, sent, written
from summit_app.server.gateway import Gateway
from summit_app.server.schemas import BallotIn, GroupIn, NoteIn
from summit_app.server.snapshot import mine

router = APIRouter(prefix="/api")


def personal(gateway: Gateway, me: Participant) -> tuple[bytes, str]:
    """The state this phone is shown, as JSON, and its ETag: the snapshot's shared part,
    encoded once per change, with this phone's own part added."""
    snap = gateway.snapshot(gateway.summit)
    own = json.dumps(mine(gateway.summit, me, snap), sort_keys=True, ensure_ascii=False)
    digest = hashlib.blake2b(own.encode(), digest_size=6).hexdigest()
    body = b'%s,"me":%s}' % (snap.public_json[:-1], own.encode())
    return body, f'W/"{snap.digest}{digest}"'


@router.get("/state")
async def state(request: Request, c: Ctx, me: Me) -> Response:
    body_, etag = await c.gateway.run(lambda _: personal(c.gateway, me))
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body_, headers={"ETag": etag}, media_type="application/json")


class EventStream(Response):
    """The answer to GET /api/events: the hub serves the stream itself (push.py)."""

    def __init__(self, hub: push.Hub, first: Callable[[], bytes], participant_id: int) -> None:
        super().__init__()
        self.hub, self.first, self.participant_id = hub, first, participant_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.hub.serve(self.first, self.participant_id, scope, receive, send)


@router.get("/events")
async def events(c: Ctx, me: Me) -> Response:
    """The live state pushed as Server-Sent Events: this phone's own first, then every
    change. A full server answers 503 and the page polls /api/state instead."""
    if not c.hub.has_room():
        raise Refusal(503, push.FULL)
    if not c.hub.has_room_for(me.id):
        raise Refusal(429, push.TOO_MANY_STREAMS)

    def first() -> bytes:  # built as the stream starts, so no broadcast falls between
        return push.event("state", personal(c.gateway, me)[0], retry=push.RETRY_MS)

    return EventStream(c.hub, first, me.id)


@router.post("/ballot")
async def ballot(c: Ctx, me: Me, data: Annotated[BallotIn, body(BallotIn)]) -> JSONResponse:
    voted = await written(c, lambda s: phones.cast_ballot(s, me, data.poll_id, data.choices))
    c.emit("ballot", {"poll_id": data.poll_id, "participant_id": me.id})
    answer = {"ok": True, "message": "Your vote is saved.", "choices": voted.choices}
    if voted.show_results:  # the results this phone sees next include the vote it just cast
        poll = (await c.gateway.snapshot_after_write()).public["poll"]
        answer["results"] = poll["results"] if poll and poll["id"] == data.poll_id else None
    return JSONResponse(answer)


@router.post("/note", status_code=201)
async def note(c: Ctx, me: Me, data: Annotated[NoteIn, body(NoteIn)]) -> JSONResponse:
    added = await written(c, lambda s: phones.post_note(s, me, data.prompt_id, data.text))
    c.emit("note", {"note_id": added.id, "prompt_id": data.prompt_id, "participant_id": me.id})
    return sent("Your note is posted.", added.is_held)


@router.post("/group")
async def group(c: Ctx, me: Me, data: Annotated[GroupIn, body(GroupIn)]) -> JSONResponse:
    updated = await c.gateway.write(lambda summit: phones.set_group(summit, me, data.group))
    c.gateway.remember(updated)
    c.emit("group", {"participant_id": me.id})
    return JSONResponse({"ok": True, "message": "Thank you.", "group": updated.group})

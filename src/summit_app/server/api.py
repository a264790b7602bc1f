"""What the phone page sends and hears: the live state (pushed or polled), ballots, notes."""

from __future__ import annotations

import hashlib
import json

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sse_starlette.sse import EventSourceResponse

from summit_app.core import NotFoundError, Summit, ValidationError
from summit_app.core.model import Author, Participant, PollState
from summit_app.server import audience, push
from summit_app.server.app import Context, Refusal
from summit_app.server.schemas import BallotIn, GroupIn, NoteIn

NEED_CARD = (
    "Only holders of a voting card can take part in this summit's votes. Scan the QR code"
    " on your card, or type the code printed on it."
)


def mine(summit: Summit, me: Participant, poll_id: int | None) -> dict:
    """The phone's own part of the state: its group, its ballot in the poll shown, its card."""
    ballot = summit.polls.ballot(poll_id, me.id) if poll_id else None
    card = summit.cards.of_participant(me.id)
    return {
        "poll_id": poll_id,  # which poll `ballot` answers (a push may bring another)
        "group": me.group,
        "ballot": ballot.choices if ballot else None,
        "card": card.id if card else None,
        "group_fixed": bool(card and card.group),
    }


def mine_now(summit: Summit, me: Participant, snap: object) -> dict:
    """`mine`, with this phone's questions, upvotes and words for the open prompt."""
    own = mine(summit, me, getattr(snap, "poll_id", None))
    own.update(audience.mine(summit, getattr(snap, "prompt_id", None), me))
    own["prompt_id"] = getattr(snap, "prompt_id", None)
    return own


def may_act(summit: Summit, me: Participant) -> None:
    """In verified mode, only a participant with a card that is not revoked acts."""
    if summit.cards.verified() and summit.cards.of_participant(me.id) is None:
        raise Refusal(403, NEED_CARD)


def add_routes(app: FastAPI, c: Context) -> None:
    gateway = c.gateway

    def personal(me: Participant) -> tuple[dict, str]:
        snap = gateway.snapshot(gateway.summit)
        own = mine_now(gateway.summit, me, snap)
        digest = hashlib.blake2b(json.dumps(own, sort_keys=True).encode(), digest_size=6)
        return {**snap.public, "me": own}, f'W/"{snap.digest}{digest.hexdigest()}"'

    @app.get("/api/state")
    async def state(request: Request) -> Response:
        me = await c.participant(request)
        body, etag = await gateway.run(lambda _: personal(me))
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return JSONResponse(body, headers={"ETag": etag})

    @app.get("/api/events")
    async def events(request: Request) -> Response:
        """The live state pushed as Server-Sent Events: this phone's own first, then every
        change. A full server answers 503 and the page polls /api/state instead."""
        me = await c.participant(request)
        if not c.hub.has_room():
            raise Refusal(503, push.FULL)
        if not c.hub.has_room_for(me.id):
            raise Refusal(429, push.TOO_MANY_STREAMS)
        body, _ = await gateway.run(lambda _: personal(me))
        return EventSourceResponse(
            c.hub.stream(push.event("state", body, retry=push.RETRY_MS), me.id),
            ping=push.PING_S,
            send_timeout=push.SEND_TIMEOUT_S,
        )

    @app.post("/api/ballot")
    async def ballot(request: Request) -> JSONResponse:
        me = await c.participant(request)
        data = await c.parse(request, BallotIn, me.token)

        def cast(summit: Summit) -> tuple[dict[int, int], int, bool]:
            may_act(summit, me)
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
            return saved.choices, summit.polls.ballot_count(poll.id), poll.show_results

        choices, count, shown = await gateway.write(cast)
        c.emit("ballot", {"poll_id": data.poll_id, "participant_id": me.id, "count": count})
        answer = {"ok": True, "message": "Your vote is saved.", "choices": choices}
        if shown:  # the results this phone sees next include the vote it just cast
            poll = (await gateway.snapshot_after_write()).public["poll"]
            answer["results"] = poll["results"] if poll and poll["id"] == data.poll_id else None
        return JSONResponse(answer)

    @app.post("/api/note", status_code=201)
    async def note(request: Request) -> JSONResponse:
        me = await c.participant(request)
        data = await c.parse(request, NoteIn, me.token)

        def add(summit: Summit) -> tuple[int, bool]:
            may_act(summit, me)
            is_open = False
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
        c.emit("note", {"note_id": note_id, "prompt_id": data.prompt_id, "participant_id": me.id})
        message = "Your note is posted." + (f" {audience.HELD_MESSAGE}" if held else "")
        return JSONResponse({"ok": True, "message": message, "waiting": held}, status_code=201)

    async def acting(request: Request) -> Participant:
        """The phone, if it may take part: in verified mode only a card holder may."""
        me = await c.participant(request)
        await gateway.run(lambda summit: may_act(summit, me))
        return me

    audience.add_routes(app, gateway, c.emit, acting, c.parse, Refusal)

    @app.post("/api/group")
    async def group(request: Request) -> JSONResponse:
        me = await c.participant(request)
        data = await c.parse(request, GroupIn, me.token)

        def set_group(summit: Summit) -> Participant:
            may_act(summit, me)
            card = summit.cards.of_participant(me.id)
            if card and card.group:
                raise Refusal(409, f"Your voting card sets your group: {card.group}.")
            try:
                return summit.people.set_group(me.id, data.group)
            except ValidationError as error:
                raise Refusal(422, str(error)) from None

        updated = await gateway.write(set_group)
        gateway.remember(updated)
        c.emit("group", {"participant_id": me.id})
        return JSONResponse({"ok": True, "message": "Thank you.", "group": updated.group})

"""Phones' questions, upvotes and cloud words.

Participant actions only: a phone asks, upvotes (once per question, withdrawable) and sends
words; approving, hiding, merging and answering are the facilitator's, in the window. What
each phone sees of them is built in snapshot.py.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from summit_app.core import Summit, phones
from summit_app.core.model import Question, Word
from summit_app.server.deps import Ctx, Me, body
from summit_app.server.schemas import QuestionIn, UpvoteIn, WordIn
from summit_app.server.snapshot import HELD_MESSAGE

router = APIRouter(prefix="/api")


@router.post("/question", status_code=201)
async def question(c: Ctx, me: Me, data: Annotated[QuestionIn, body(QuestionIn)]) -> JSONResponse:
    def ask(summit: Summit) -> Question:
        asked = phones.ask(summit, me, data.prompt_id, data.text)
        c.gateway.wrote()
        return asked

    asked = await c.gateway.write(ask)
    c.emit("question", {"question_id": asked.id, "prompt_id": data.prompt_id})
    message = "Your question is sent."
    if asked.is_held:
        message = f"Your question is sent. {HELD_MESSAGE}"
    return JSONResponse(
        {"ok": True, "message": message, "id": asked.id, "waiting": asked.is_held},
        status_code=201,
    )


@router.post("/upvote")
async def upvote(
    c: Ctx, me: Me, data: Annotated[UpvoteIn, body(UpvoteIn, lambda c: c.upvote_rate)]
) -> JSONResponse:
    def vote(summit: Summit) -> Question:
        voted = phones.upvote(summit, me, data.question_id, data.up)
        c.gateway.wrote()
        return voted

    voted = await c.gateway.write(vote)
    c.emit("upvote", {"question_id": voted.id, "upvotes": voted.upvotes})
    message = "Your upvote is saved." if data.up else "Your upvote is taken back."
    return JSONResponse({"ok": True, "message": message, "upvotes": voted.upvotes})


@router.post("/word", status_code=201)
async def word(c: Ctx, me: Me, data: Annotated[WordIn, body(WordIn)]) -> JSONResponse:
    def add(summit: Summit) -> Word:
        added = phones.send_word(summit, me, data.prompt_id, data.text)
        c.gateway.wrote()
        return added

    added = await c.gateway.write(add)
    c.emit("word", {"word_id": added.id, "prompt_id": data.prompt_id})
    message = "Your word is sent."
    if added.is_held:
        message = f"Your word is sent. {HELD_MESSAGE}"
    return JSONResponse({"ok": True, "message": message, "waiting": added.is_held}, status_code=201)

"""Phones' questions, upvotes and cloud words.

Participant actions only: a phone asks, upvotes (once per question, withdrawable) and sends
words; approving, hiding, merging and answering are the facilitator's, in the window. What
each phone sees of them is built in snapshot.py.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from summit_app.core import phones
from summit_app.server.deps import Ctx, Me, body, sent, written
from summit_app.server.schemas import QuestionIn, UpvoteIn, WordIn

router = APIRouter(prefix="/api")


@router.post("/question", status_code=201)
async def question(c: Ctx, me: Me, data: Annotated[QuestionIn, body(QuestionIn)]) -> JSONResponse:
    asked = await written(c, lambda s: phones.ask(s, me, data.prompt_id, data.text))
    c.emit("question", {"question_id": asked.id, "prompt_id": data.prompt_id})
    return sent("Your question is sent.", asked.is_held, id=asked.id)


@router.post("/upvote")
async def upvote(
    c: Ctx, me: Me, data: Annotated[UpvoteIn, body(UpvoteIn, lambda c: c.upvote_rate)]
) -> JSONResponse:
    voted = await written(c, lambda s: phones.upvote(s, me, data.question_id, data.up))
    c.emit("upvote", {"question_id": voted.id, "upvotes": voted.upvotes})
    message = "Your upvote is saved." if data.up else "Your upvote is taken back."
    return JSONResponse({"ok": True, "message": message, "upvotes": voted.upvotes})


@router.post("/word", status_code=201)
async def word(c: Ctx, me: Me, data: Annotated[WordIn, body(WordIn)]) -> JSONResponse:
    added = await written(c, lambda s: phones.send_word(s, me, data.prompt_id, data.text))
    c.emit("word", {"word_id": added.id, "prompt_id": data.prompt_id})
    return sent("Your word is sent.", added.is_held)

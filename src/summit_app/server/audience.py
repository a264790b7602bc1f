"""Phones' questions, upvotes and cloud words: the routes, and what each phone sees of them.

Participant actions only: a phone asks, upvotes (once per question, withdrawable) and sends
words; approving, hiding, merging and answering are the facilitator's, in the window.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from summit_app.core import NotFoundError, Summit, ValidationError
from summit_app.core.errors import LimitError
from summit_app.core.model import Author, Participant, Prompt, PromptKind, Question
from summit_app.server.guards import RateLimit
from summit_app.server.schemas import QuestionIn, UpvoteIn, WordIn

if TYPE_CHECKING:
    from summit_app.server.gateway import Gateway

# The most questions a phone's list carries (by upvotes): a long Q&A stays a small answer.
MAX_LISTED = 200
# A phone upvotes several questions in a row: its own, roomier bucket than notes and ballots.
UPVOTE_BURST, UPVOTES_PER_SECOND = 20, 3
HELD_MESSAGE = "The facilitator will look at it before it is shown."


def prompt_data(summit: Summit, prompt: Prompt) -> dict[str, Any]:
    """The open prompt as every phone sees it; a Q&A carries its questions by upvotes."""
    data: dict[str, Any] = {"id": prompt.id, "text": prompt.text, "kind": prompt.kind.value}
    if prompt.kind is PromptKind.WORDS:
        data["max_words"] = prompt.max_words
        data["answers"] = summit.words.shown_count(prompt.id)  # on the cloud so far
    if prompt.kind is PromptKind.QUESTIONS:
        data["questions"] = [_listed(q) for q in summit.questions.shown(prompt.id)[:MAX_LISTED]]
    return data


def mine(summit: Summit, prompt_id: int | None, me: Participant) -> dict[str, Any]:
    """This phone's own part of the open prompt: its upvotes, questions and words."""
    if prompt_id is None:
        return {}
    prompt = summit.agenda.prompt(prompt_id)
    if prompt.kind is PromptKind.QUESTIONS:
        return {
            "upvoted": sorted(summit.questions.upvoted_by(prompt_id, me.id)),
            "asked": [
                {"id": q.id, "text": q.text, "waiting": q.is_held}
                for q in summit.questions.asked_by(prompt_id, me.id)
                if not q.is_hidden
            ],
        }
    if prompt.kind is PromptKind.WORDS:
        return {
            "words": [
                {"text": w.text, "waiting": w.is_held}
                for w in summit.words.sent_by(prompt_id, me.id)
            ]
        }
    return {}


def _listed(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": question.text,
        "upvotes": question.upvotes,
        "state": question.state.value,
    }


Refuse = Callable[[int, str], Exception]
Emit = Callable[[str, dict[str, Any]], None]


def add_routes(
    app: FastAPI,
    gateway: Gateway,
    emit: Emit,
    participant: Callable[[Request], Awaitable[Participant]],
    parse: Callable[..., Awaitable[Any]],
    refuse: Refuse,
) -> None:
    """POST /api/question, /api/upvote and /api/word on the participant app."""
    upvote_rate = RateLimit(burst=UPVOTE_BURST, per_second=UPVOTES_PER_SECOND)

    def refused(error: Exception, is_open: bool) -> Exception:
        if isinstance(error, NotFoundError):
            return refuse(404, str(error))
        return refuse(422 if is_open else 409, str(error))

    @app.post("/api/question", status_code=201)
    async def question(request: Request) -> JSONResponse:
        me = await participant(request)
        data: QuestionIn = await parse(request, QuestionIn, me.token)

        def ask(summit: Summit) -> Question:
            is_open = summit.live().open_prompt_id == data.prompt_id
            try:
                summit.agenda.prompt(data.prompt_id)
            except NotFoundError:
                raise refuse(404, "Those questions are closed now.") from None
            try:
                asked = summit.questions.ask(data.prompt_id, data.text, Author.PARTICIPANT, me.id)
            except (ValidationError, NotFoundError) as error:
                raise refused(error, is_open) from None
            gateway.wrote()
            return asked

        asked = await gateway.write(ask)
        emit("question", {"question_id": asked.id, "prompt_id": data.prompt_id})
        message = "Your question is sent."
        if asked.is_held:
            message = f"Your question is sent. {HELD_MESSAGE}"
        return JSONResponse(
            {"ok": True, "message": message, "id": asked.id, "waiting": asked.is_held},
            status_code=201,
        )

    @app.post("/api/upvote")
    async def upvote(request: Request) -> JSONResponse:
        me = await participant(request)
        data: UpvoteIn = await parse(request, UpvoteIn, me.token, upvote_rate)

        def vote(summit: Summit) -> Question:
            try:
                if data.up:
                    voted = summit.questions.upvote(data.question_id, me.id)
                else:
                    voted = summit.questions.withdraw_upvote(data.question_id, me.id)
            except NotFoundError as error:
                raise refuse(404, str(error)) from None
            except ValidationError as error:
                raise refuse(409, str(error)) from None
            gateway.wrote()
            return voted

        voted = await gateway.write(vote)
        emit("upvote", {"question_id": voted.id, "upvotes": voted.upvotes})
        message = "Your upvote is saved." if data.up else "Your upvote is taken back."
        return JSONResponse({"ok": True, "message": message, "upvotes": voted.upvotes})

    @app.post("/api/word", status_code=201)
    async def word(request: Request) -> JSONResponse:
        me = await participant(request)
        data: WordIn = await parse(request, WordIn, me.token)

        def add(summit: Summit) -> Any:
            is_open = summit.live().open_prompt_id == data.prompt_id
            try:
                summit.agenda.prompt(data.prompt_id)
            except NotFoundError:
                raise refuse(404, "That question is not taking words any more.") from None
            try:
                added = summit.words.add_word(data.prompt_id, data.text, Author.PARTICIPANT, me.id)
            except (ValidationError, NotFoundError) as error:
                # A share used up is a conflict (409) even while the cloud is open.
                raise refused(error, is_open and not isinstance(error, LimitError)) from None
            gateway.wrote()
            return added

        added = await gateway.write(add)
        emit("word", {"word_id": added.id, "prompt_id": data.prompt_id})
        message = "Your word is sent."
        if added.is_held:
            message = f"Your word is sent. {HELD_MESSAGE}"
        return JSONResponse(
            {"ok": True, "message": message, "waiting": added.is_held}, status_code=201
        )

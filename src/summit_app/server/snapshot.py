"""What phones see: the live state as plain JSON-ready data, built from the file.

One snapshot serves every phone; only the phone's own part (`mine`: its ballot, card,
questions and words) is added per request.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from summit_app.core import Summit
from summit_app.core.model import (
    SCALE_LABELS,
    Participant,
    Poll,
    PollState,
    Prompt,
    PromptKind,
    Question,
    SummitInfo,
)
from summit_app.core.presenting import present
from summit_app.core.privacy import notice
from summit_app.core.tally import PollResult
from summit_app.server import words

# The most questions a phone's list carries (by upvotes): a long Q&A stays a small answer.
MAX_LISTED = 200


@dataclass(frozen=True)
class Snapshot:
    join_code: str
    groups: tuple[str, ...]
    public: dict[str, Any]  # the shared part of GET /api/state
    digest: str  # changes whenever `public` does
    poll_id: int | None  # the poll shown on phones (open, or the item's last closed one)
    prompt_id: int | None = None  # the prompt open for phones' notes, words or questions
    frame_digest: str = ""  # changes when anything but the results does
    short_code: str = ""
    shared_address: bool = False  # many phones behind one address: no per-address limit
    notice: str = ""  # the privacy notice the join page shows first (core.privacy)
    closed: bool = False  # closed and anonymised: no phone joins any more
    built_at: float = field(default_factory=time.monotonic)
    # `public` as JSON, encoded once per snapshot: a phone's state read and every push
    # send these bytes, adding only the phone's own part (bench/profile_server.py).
    public_json: bytes = b"{}"
    info: SummitInfo | None = None

    @property
    def content_lang(self) -> str:
        """The language the summit's own words are in (phones mark them with it)."""
        return self.info.content_lang if self.info else "en"

    def notice_in(self, lang: str) -> tuple[str, str]:
        """The privacy notice for a page in `lang`, and the language it is in."""
        return words.notice(self.info, lang) if self.info else (self.notice, "en")


def build_snapshot(summit: Summit) -> Snapshot:
    info = summit.info()
    live = summit.live()
    item = summit.agenda.item(live.current_item_id) if live.current_item_id else None
    poll = _shown_poll(summit, live.open_poll_id, item.id if item else None)
    prompt = summit.agenda.prompt(live.open_prompt_id) if live.open_prompt_id else None
    public: dict[str, Any] = {
        "title": info.title,
        "item": {"title": item.title, "kind": item.kind.value} if item else None,
        "prompt": prompt_data(summit, prompt) if prompt else None,
        "poll": _poll(summit, poll) if poll else None,
        "groups": list(info.groups),
        "scale": list(SCALE_LABELS),
        "verified": summit.cards.verified(),
        "lang": info.content_lang,
    }
    frame = {**public, "poll": {**public["poll"], "results": None} if poll else None}
    return Snapshot(
        info.join_code,
        info.groups,
        public,
        _digest(public),
        poll.id if poll else None,
        prompt.id if prompt else None,
        frame_digest=_digest(frame),
        short_code=info.short_code,
        shared_address=info.shared_address,
        notice=notice(info),
        closed=bool(info.anonymised_at),
        public_json=encode(public),
        info=info,
    )


def encode(data: dict[str, Any]) -> bytes:
    """JSON as the phone gets it (the encoding of Starlette's JSONResponse)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _digest(data: dict[str, Any]) -> str:
    return hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=8).hexdigest()


def _shown_poll(summit: Summit, open_poll_id: int | None, item_id: int | None) -> Poll | None:
    """The open poll; else the running item's most recently closed one, so phones see
    that it closed (and its results if shown)."""
    if open_poll_id is not None:
        return summit.polls.poll(open_poll_id)
    if item_id is None:
        return None
    closed = [p for p in summit.polls.polls(item_id) if p.state is PollState.CLOSED]
    return max(closed, key=lambda p: (p.closed_at or "", p.opened_at or "", p.id), default=None)


def _poll(summit: Summit, poll: Poll) -> dict[str, Any]:
    data = {
        "id": poll.id,
        "question": poll.question,
        "kind": poll.kind.value,
        "open": poll.state is PollState.OPEN,
        "max_choices": poll.max_choices,
        "points": poll.points,
        "options": [{"id": o.id, "text": o.text} for o in poll.options],
        "results": None,
    }
    if poll.show_results:
        data["results"] = results(summit.polls.result(poll.id))
    return data


def results(result: PollResult) -> dict[str, Any]:
    """The presenter's figures and words for the phone, best first; the page only shows them."""
    return present(result).to_dict()


def prompt_data(summit: Summit, prompt: Prompt) -> dict[str, Any]:
    """The open prompt as every phone sees it; a Q&A carries its questions by upvotes."""
    data: dict[str, Any] = {"id": prompt.id, "text": prompt.text, "kind": prompt.kind.value}
    if prompt.kind is PromptKind.WORDS:
        data["max_words"] = prompt.max_words
        data["answers"] = summit.words.shown_count(prompt.id)  # on the cloud so far
    if prompt.kind is PromptKind.QUESTIONS:
        data["questions"] = [_listed(q) for q in summit.questions.shown(prompt.id)[:MAX_LISTED]]
    return data


def _listed(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": question.text,
        "upvotes": question.upvotes,
        "state": question.state.value,
    }


def mine(summit: Summit, me: Participant, snap: Snapshot) -> dict[str, Any]:
    """The phone's own part of the state: its group, its ballot in the poll shown, its card,
    and its questions, upvotes and words for the open prompt."""
    poll_id = snap.poll_id
    ballot = summit.polls.ballot(poll_id, me.id) if poll_id else None
    card = summit.cards.of_participant(me.id)
    own = {
        "poll_id": poll_id,  # which poll `ballot` answers (a push may bring another)
        "group": me.group,
        "ballot": ballot.choices if ballot else None,
        "card": card.id if card else None,
        "group_fixed": bool(card and card.group),
    }
    own.update(_mine_of_prompt(summit, snap.prompt_id, me))
    own["prompt_id"] = snap.prompt_id
    return own


def _mine_of_prompt(summit: Summit, prompt_id: int | None, me: Participant) -> dict[str, Any]:
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

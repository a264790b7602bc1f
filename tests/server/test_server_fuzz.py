"""Hostile phones: whatever they send to any participant endpoint, the server answers
without a 5xx, and a request it refuses leaves the file exactly as it was."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fuzz_requests import (
    Target,
    ballot_shape,
    card_shape,
    check_shape,
    code_path,
    group_shape,
    note_shape,
    question_shape,
    request,
    upvote_shape,
    word_shape,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from server_room import GROUPS, loopback, make_summit

from summit_app.core import Summit
from summit_app.core.model import PollKind, PromptKind
from summit_app.server import SummitServer
from summit_app.server.guards import RateLimit
from summit_app.server.throttle import Doors

# One server for the whole module (starting one per example would take minutes); each
# example compares the file before and after its own request, so sharing it is sound.
# Hence the function-scoped fixture check is suppressed on purpose, not by accident.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    path = tmp_path_factory.mktemp("fuzz") / "day.summit"
    summit, item_id = make_summit(path)
    poll = summit.polls.add_poll(
        item_id, "Which first?", PollKind.POINTS, ["A", "B", "C"], points=10
    )
    summit.polls.open_poll(poll.id)
    prompt = summit.agenda.add_prompt(item_id, "What is missing?")
    qa = summit.agenda.add_prompt(item_id, "Ask the panel", PromptKind.QUESTIONS)
    question = summit.questions.ask(qa.id, "Who decides?")
    cloud = summit.agenda.add_prompt(item_id, "One word", PromptKind.WORDS, max_words=20)
    summit.agenda.open_prompt(prompt.id)
    summit.cards.issue(2, group=GROUPS[1])
    # No rate limit here: the fuzz must reach the handlers, not the limiter's 429.
    server = SummitServer(
        path,
        host="127.0.0.1",
        port=0,
        rate=RateLimit(burst=1e9),
        doors=Doors.unlimited(),
        posts=RateLimit(burst=1e9),
    )
    server.start()
    code = summit.info().join_code
    client = httpx.Client(base_url=server.url, timeout=10, trust_env=False)
    token = client.get(f"/j/{code}").cookies["summit_token"]
    client.cookies.clear()
    try:
        yield Target(
            path,
            server.url,
            code,
            token,
            poll.id,
            [o.id for o in poll.options],
            prompt.id,
            client,
            qa.id,
            question.id,
            cloud.id,
            short_code=summit.info().short_code,
            card_passes=tuple(c.pass_ for c in summit.cards.cards()),
        )
    finally:
        client.close()
        server.stop()
        summit.close()


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a connection of its own."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: db.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}


def send_and_check(target: Target, req: dict, seen: set[int] | None = None) -> None:
    before = tables(target.path)
    target.client.cookies.clear()
    response = target.client.request(**req)
    if seen is not None:
        seen.add(response.status_code)
    assert response.status_code < 500, (req, response.status_code, response.text)
    if response.status_code >= 400:
        assert tables(target.path) == before, (req, response.status_code, response.text)


ENDPOINTS = {
    "ballot": ("POST", "/api/ballot", ballot_shape),
    "note": ("POST", "/api/note", note_shape),
    "group": ("POST", "/api/group", group_shape),
    "question": ("POST", "/api/question", question_shape),
    "upvote": ("POST", "/api/upvote", upvote_shape),
    "word": ("POST", "/api/word", word_shape),
    "card": ("POST", "/api/card", card_shape),
}


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_hostile_posts_get_no_5xx_and_refusals_change_nothing(
    target: Target, endpoint: str
) -> None:
    method, path, body = ENDPOINTS[endpoint]
    seen: set[int] = set()
    valid = {
        "ballot": {"poll_id": target.poll_id, "choices": {str(target.option_ids[0]): 1}},
        "note": {"prompt_id": target.prompt_id, "text": "More time to talk"},
        "group": {"group": GROUPS[0]},
        "question": {"prompt_id": target.qa_id, "text": "Who funds it?"},
        "upvote": {"question_id": target.question_id},
        "word": {"prompt_id": target.cloud_id, "text": "time"},
        "card": {"code": target.card_passes[0]},
    }[endpoint]
    # The prompt that endpoint's phones answer is the one open (a word goes to a cloud...).
    opened = {"question": target.qa_id, "upvote": target.qa_id, "word": target.cloud_id}
    with Summit.open(target.path) as facilitator:
        facilitator.agenda.open_prompt(opened.get(endpoint, target.prompt_id))
    headers = {"content-type": "application/json", "cookie": f"summit_token={target.token}"}
    accepted = {"method": method, "url": path, "headers": headers}

    @FUZZ
    @given(req=request(target, method, path, body))
    @example(req={**accepted, "content": json.dumps(valid).encode()})
    @example(req={**accepted, "content": b"{"})
    @example(req={**accepted, "content": json.dumps(huge(valid)).encode()})
    @example(req={**accepted, "content": json.dumps(huge(valid, -(2**70))).encode()})
    def fuzz(req: dict) -> None:
        send_and_check(target, req, seen)

    fuzz()
    # The fuzz got past the checks to the file (accepted) as well as being refused.
    assert any(200 <= s < 300 for s in seen) and any(400 <= s < 500 for s in seen), seen


def test_hostile_room_checks_get_no_5xx(target: Target) -> None:
    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        path = data.draw(code_path("/check", target))
        send_and_check(target, data.draw(request(target, "POST", path, check_shape)))

    fuzz()


def huge(valid: dict, number: int = 2**64) -> dict:
    """The valid body with its ids (and option ids) made huge."""
    out = {k: number if k.endswith("_id") else v for k, v in valid.items()}
    if "choices" in out:
        out["choices"] = {str(number): 1}
    return out


@pytest.mark.parametrize("prefix", ["/j", "/check", "/c", ""])
def test_hostile_joins_and_pages_get_no_5xx(target: Target, prefix: str) -> None:
    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        send_and_check(
            target, data.draw(request(target, "GET", data.draw(code_path(prefix, target))))
        )

    fuzz()


def test_hostile_state_polls_get_no_5xx_and_change_nothing(target: Target) -> None:
    @FUZZ
    @given(req=request(target, "GET", "/api/state"))
    def fuzz(req: dict) -> None:
        before = tables(target.path)
        send_and_check(target, req)
        assert tables(target.path) == before

    fuzz()


def test_hostile_event_streams_get_no_5xx_and_change_nothing(target: Target) -> None:
    @FUZZ
    @given(req=request(target, "GET", "/api/events"))
    def fuzz(req: dict) -> None:
        before = tables(target.path)
        target.client.cookies.clear()
        with target.client.stream(**req) as response:  # a stream: read its head only
            assert response.status_code < 500, (req, response.status_code)
        assert tables(target.path) == before

    fuzz()


def test_the_fuzzed_room_still_works(target: Target) -> None:
    """After all that, a phone still votes and the file still reads."""
    transport = httpx.HTTPTransport(local_address=loopback(200))
    client = httpx.Client(base_url=target.url, timeout=10, trust_env=False, transport=transport)
    with client:
        client.get(f"/j/{target.code}")
        answer = client.post(
            "/api/ballot", json={"poll_id": target.poll_id, "choices": {target.option_ids[0]: 1}}
        )
        assert answer.status_code == 200, answer.text
    with Summit.open(target.path) as summit:
        assert summit.polls.ballot_count(target.poll_id) >= 1

"""Hostile phones: whatever they send to any participant endpoint, the server answers
without a 5xx, and a request it refuses leaves the file exactly as it was."""

from __future__ import annotations

import json
import sqlite3
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from server_room import GROUPS, make_summit

from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.server import SummitServer
from summit_app.server.guards import RateLimit

# One server for the whole module (starting one per example would take minutes); each
# example compares the file before and after its own request, so sharing it is sound.
# Hence the function-scoped fixture check is suppressed on purpose, not by accident.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Target:
    path: Path
    url: str
    code: str
    token: str
    poll_id: int
    option_ids: list[int]
    prompt_id: int
    client: httpx.Client


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    path = tmp_path_factory.mktemp("fuzz") / "day.summit"
    summit, item_id = make_summit(path)
    poll = summit.polls.add_poll(
        item_id, "Which first?", PollKind.POINTS, ["A", "B", "C"], points=10
    )
    summit.polls.open_poll(poll.id)
    prompt = summit.agenda.add_prompt(item_id, "What is missing?")
    summit.agenda.open_prompt(prompt.id)
    # No rate limit here: the fuzz must reach the handlers, not the limiter's 429.
    server = SummitServer(path, host="127.0.0.1", port=0, rate=RateLimit(burst=1e9))
    server.start()
    code = summit.info().join_code
    client = httpx.Client(base_url=server.url, timeout=10, trust_env=False)
    token = client.get(f"/j/{code}").cookies["summit_token"]
    client.cookies.clear()
    try:
        yield Target(
            path, server.url, code, token, poll.id, [o.id for o in poll.options], prompt.id, client
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


# -- what a hostile phone sends --------------------------------------------------------

# What a client library will put in a header at all (h11 refuses control characters and
# edge whitespace before sending); a raw socket is the abuse tests' business.
HEADER_TEXT = st.text(
    string.ascii_letters + string.digits + string.punctuation + " ", max_size=80
).map(str.strip)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)


def mostly(valid: st.SearchStrategy, hostile: st.SearchStrategy) -> st.SearchStrategy:
    """Valid three times in four, so that the fuzz gets past the first check it meets."""
    # Hypothesis leans to small numbers, so the small rolls are the valid ones.
    return st.integers(0, 3).flatmap(lambda roll: hostile if roll == 3 else valid)


ANY_ID = st.one_of(st.integers(), st.text(max_size=10), st.floats(), st.none(), st.booleans())
CONTENT_TYPES = mostly(
    st.sampled_from(["application/json", "application/json; charset=utf-8"]),
    st.one_of(st.sampled_from(["text/plain", "", "multipart/form-data"]), HEADER_TEXT),
)


@st.composite
def cookie(draw: st.DrawFn, target: Target) -> str | None:
    token = draw(
        mostly(
            st.just(target.token),
            st.one_of(
                st.text(string.ascii_letters + string.digits + "-_", max_size=60),
                st.just(target.token + "x"),
                st.none(),
            ),
        )
    )
    return None if token is None else f"summit_token={token}"


def bodies(shaped: st.SearchStrategy[dict]) -> st.SearchStrategy[bytes]:
    """Raw bytes, any JSON at all, or the endpoint's own shape with hostile values."""
    return mostly(
        shaped.map(lambda v: json.dumps(v).encode()),
        st.one_of(st.binary(max_size=400), JSON.map(lambda v: json.dumps(v).encode())),
    )


def shape(fields: dict, extras: dict) -> st.SearchStrategy[dict]:
    """The endpoint's fields, now and then with fields it does not take."""
    return mostly(st.fixed_dictionaries(fields), st.fixed_dictionaries(fields, optional=extras))


def ballot_shape(t: Target) -> st.SearchStrategy[dict]:
    option = mostly(st.sampled_from(t.option_ids), st.integers(-3, 10**6)).map(str)
    value = mostly(
        st.integers(1, 3), st.one_of(st.integers(), st.floats(), st.text(max_size=5), JSON)
    )
    choices = st.dictionaries(mostly(option, st.text(max_size=5)), value, min_size=1, max_size=4)
    return shape(
        {"poll_id": mostly(st.just(t.poll_id), ANY_ID), "choices": mostly(choices, JSON)},
        {"extra": JSON, "participant_id": ANY_ID},
    )


def note_shape(t: Target) -> st.SearchStrategy[dict]:
    return shape(
        {
            "prompt_id": mostly(st.just(t.prompt_id), ANY_ID),
            "text": mostly(st.text(max_size=600), JSON),
        },
        {"author": st.just("facilitator"), "theme_id": ANY_ID},
    )


def group_shape(_: Target) -> st.SearchStrategy[dict]:
    group = mostly(st.sampled_from(GROUPS), st.one_of(st.text(max_size=300), ANY_ID))
    return shape({"group": group}, {"participant_id": ANY_ID})


def check_shape(_: Target) -> st.SearchStrategy[dict]:
    return shape({"device": mostly(st.text(max_size=300), ANY_ID)}, {"count": ANY_ID})


@st.composite
def request(draw: st.DrawFn, target: Target, method: str, path: str, body=None) -> dict:  # noqa: ANN001
    headers = {"content-type": draw(CONTENT_TYPES)} if method == "POST" else {}
    if (value := draw(cookie(target))) is not None:
        headers["cookie"] = value
    headers.update(
        draw(
            st.dictionaries(
                st.sampled_from(["if-none-match", "x-forwarded-for", "accept", "origin"]),
                HEADER_TEXT,
                max_size=2,
            )
        )
    )
    content = draw(bodies(body(target))) if body else None
    return {"method": method, "url": path, "headers": headers, "content": content}


def send_and_check(target: Target, req: dict, seen: set[int] | None = None) -> None:
    before = tables(target.path)
    target.client.cookies.clear()
    response = target.client.request(**req)
    if seen is not None:
        seen.add(response.status_code)
    assert response.status_code < 500, (req, response.status_code, response.text)
    if response.status_code >= 400:
        assert tables(target.path) == before, (req, response.status_code, response.text)


def code_path(prefix: str, target: Target) -> st.SearchStrategy[str]:
    codes = st.one_of(st.just(target.code), st.text(max_size=30), st.just(target.code.upper()))
    return codes.map(lambda c: f"{prefix}/{quote(c, safe='')}")


ENDPOINTS = {
    "ballot": ("POST", "/api/ballot", ballot_shape),
    "note": ("POST", "/api/note", note_shape),
    "group": ("POST", "/api/group", group_shape),
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
    }[endpoint]
    headers = {"content-type": "application/json", "cookie": f"summit_token={target.token}"}
    accepted = {"method": method, "url": path, "headers": headers}

    @FUZZ
    @given(req=request(target, method, path, body))
    @example(req={**accepted, "content": json.dumps(valid).encode()})
    @example(req={**accepted, "content": b"{"})
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


@pytest.mark.parametrize("prefix", ["/j", "/check"])
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


def test_the_fuzzed_room_still_works(target: Target) -> None:
    """After all that, a phone still votes and the file still reads."""
    client = httpx.Client(base_url=target.url, timeout=10, trust_env=False)
    with client:
        client.get(f"/j/{target.code}")
        answer = client.post(
            "/api/ballot", json={"poll_id": target.poll_id, "choices": {target.option_ids[0]: 1}}
        )
        assert answer.status_code == 200, answer.text
    with Summit.open(target.path) as summit:
        assert summit.polls.ballot_count(target.poll_id) >= 1

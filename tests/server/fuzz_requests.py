"""What a hostile phone sends, as hypothesis strategies, for tests/server/test_server_fuzz.py.

Each strategy is valid three times in four at each step, so that the fuzz gets past the
first check it meets and reaches the next (and, now and then, the file).
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
from hypothesis import strategies as st
from server_room import GROUPS


@dataclass
class Target:
    """The fuzzed server: its file, its address, a joined phone's token, and what is open."""

    path: Path
    url: str
    code: str
    token: str
    poll_id: int
    option_ids: list[int]
    prompt_id: int
    client: httpx.Client
    qa_id: int = 0  # a Q&A prompt, with one question
    question_id: int = 0
    cloud_id: int = 0  # a word-cloud prompt
    short_code: str = ""
    card_passes: tuple[str, ...] = ()


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


# Huge ids as well as small: 2**64 and -2**70 once gave a 500 (an OverflowError in SQLite).
HUGE = st.sampled_from([2**63, 2**64, -(2**70), 2**53, 10**30, -1, 0])
ANY_ID = st.one_of(st.integers(), HUGE, st.text(max_size=10), st.floats(), st.none(), st.booleans())
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
    option = mostly(st.sampled_from(t.option_ids), st.one_of(st.integers(-3, 10**6), HUGE)).map(str)
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


def question_shape(t: Target) -> st.SearchStrategy[dict]:
    return shape(
        {
            "prompt_id": mostly(st.just(t.qa_id), ANY_ID),
            "text": mostly(st.text(max_size=400), JSON),
        },
        {"author": st.just("facilitator"), "upvotes": ANY_ID},
    )


def upvote_shape(t: Target) -> st.SearchStrategy[dict]:
    return shape(
        {"question_id": mostly(st.just(t.question_id), ANY_ID), "up": mostly(st.booleans(), JSON)},
        {"participant_id": ANY_ID},
    )


def word_shape(t: Target) -> st.SearchStrategy[dict]:
    return shape(
        {
            "prompt_id": mostly(st.just(t.cloud_id), ANY_ID),
            "text": mostly(st.text(max_size=80), JSON),
        },
        {"word": st.text(max_size=10)},
    )


def group_shape(_: Target) -> st.SearchStrategy[dict]:
    group = mostly(st.sampled_from(GROUPS), st.one_of(st.text(max_size=300), ANY_ID))
    return shape({"group": group}, {"participant_id": ANY_ID})


def card_shape(t: Target) -> st.SearchStrategy[dict]:
    code = mostly(st.sampled_from(t.card_passes), st.one_of(st.text(max_size=80), ANY_ID))
    return shape({"code": code}, {"participant_id": ANY_ID})


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


def code_path(prefix: str, target: Target) -> st.SearchStrategy[str]:
    known = {
        "/j": target.code,
        "/check": target.code,
        "/c": target.card_passes[0],
        "": target.short_code,
    }
    codes = st.one_of(
        st.just(known[prefix]),
        st.text(max_size=30),
        st.just(known[prefix].upper()),
        st.text("0123456789 -", min_size=6, max_size=12),
        st.integers().map(str),
    )
    return codes.map(lambda c: f"{prefix}/{quote(c, safe='')}")

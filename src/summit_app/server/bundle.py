"""The phone page's scripts as one download: fewer requests on a crowded Wi-Fi, and one
file big enough to be worth compressing (each of the seven alone mostly was not).

The scripts stay separate files in resources/web (no build step); the server joins them,
in the order index.html needs, once. audience.js is not here: it loads only when a Q&A or
word cloud opens (ask.js).
"""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Response

from summit_app.resources import WEB

SCRIPTS = ("core.js", "live.js", "poll.js", "notes.js", "ask.js", "people.js", "app.js")

router = APIRouter()


@cache
def joined() -> bytes:
    return b"\n".join(lean((WEB / name).read_bytes()) for name in SCRIPTS)


def lean(script: bytes) -> bytes:
    """The script without its whole-line comments and indentation: a fifth of its bytes,
    which a phone without compression downloads for nothing (the page's first load must
    stay under 50 KB, bench/page_weight.py). Safe for these scripts, which have no string
    or template literal spanning lines (tests/server/test_server_gzip.py checks)."""
    lines = (line.strip() for line in script.splitlines())
    return b"\n".join(line for line in lines if line and not line.startswith(b"//"))


@router.get("/phone.js")
async def phone_script() -> Response:
    return Response(joined(), media_type="text/javascript; charset=utf-8")

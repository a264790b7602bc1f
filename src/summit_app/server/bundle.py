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
    return b"\n".join((WEB / name).read_bytes() for name in SCRIPTS)


@router.get("/phone.js")
async def phone_script() -> Response:
    return Response(joined(), media_type="text/javascript; charset=utf-8")

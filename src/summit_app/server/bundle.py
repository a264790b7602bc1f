"""The phone page's scripts as one download: fewer requests on a crowded Wi-Fi, and one
file big enough to be worth compressing (each of the seven alone mostly was not).

The scripts stay separate files in resources/web (no build step); the server joins them,
in the order index.html needs, once. audience.js is not here: it loads only when a Q&A or
word cloud opens (ask.js).
"""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Request, Response

from summit_app.resources import WEB
from summit_app.server.page_files import Asset

SCRIPTS = ("core.js", "live.js", "poll.js", "notes.js", "ask.js", "people.js", "app.js")

router = APIRouter()


@cache
def joined() -> Asset:
    """The scripts joined, and compressed, once (page_files.py)."""
    script = b"\n".join((WEB / name).read_bytes() for name in SCRIPTS)
    return Asset.of(script, "text/javascript; charset=utf-8")


@router.get("/phone.js")
async def phone_script(request: Request) -> Response:
    return joined().response(request.scope)

"""The phone page's own files (script, style), read and compressed once, served from memory.

Starlette's StaticFiles looked each file up on a worker thread and streamed it from the open
file, and the gzip middleware compressed it again for every phone: 1.3 to 2.2 ms of server
CPU per file per arriving phone (issue 30), 2,000 phones scanning at once kept a core busy
for half a minute. And an answer that cannot be written (a reader that never reads) held a
file descriptor besides its socket: with 256 descriptors, 2,000 such readers ran the server
out ("Too many open files" opening poll.js). The files are a few tens of KB in all: each is
read once, compressed once, and answered from memory with its ETag (304 when the phone has
it) and its gzip form to a phone that takes it.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send


@dataclass(frozen=True)
class Asset:
    """One file of the page: its bytes, gzipped once, and its ETag."""

    body: bytes
    gzipped: bytes
    etag: str
    media_type: str

    @classmethod
    def of(cls, body: bytes, media_type: str) -> Asset:
        etag = f'"{hashlib.blake2b(body, digest_size=8).hexdigest()}"'
        return cls(body, gzip.compress(body, 9, mtime=0), etag, media_type)

    def response(self, scope: Scope) -> Response:
        asked = Headers(scope=scope)
        headers = {"etag": self.etag, "vary": "Accept-Encoding"}
        if self.etag in asked.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        body = self.body
        if "gzip" in asked.get("accept-encoding", "") and len(self.gzipped) < len(body):
            body, headers["content-encoding"] = self.gzipped, "gzip"
        return Response(body, headers=headers, media_type=self.media_type)


def media_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith("script") else kind


class PageFiles:
    """An ASGI app for the files directly in `directory` (mounted at /static)."""

    def __init__(self, *, directory: Path) -> None:
        self.directory = Path(directory)
        self._assets: dict[str, Asset] | None = None

    def assets(self) -> dict[str, Asset]:
        if self._assets is None:  # at the first request: the server starts as fast as before
            files = [p for p in sorted(self.directory.iterdir()) if p.is_file()]
            self._assets = {p.name: Asset.of(p.read_bytes(), media_type(p.name)) for p in files}
        return self._assets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        root, path = scope.get("root_path", ""), scope["path"]
        name = path[len(root) :] if path.startswith(root) else path
        asset = self.assets().get(name.lstrip("/"))
        if scope["method"] not in ("GET", "HEAD"):
            response: Response = PlainTextResponse("Method Not Allowed", status_code=405)
        elif asset is None:
            response = PlainTextResponse("Not Found", status_code=404)
        else:
            response = asset.response(scope)
        await response(scope, receive, send)

"""The phone page's own files (script, style), served from memory.

Starlette's StaticFiles streams each answer from the open file, so an answer that cannot be
written (a reader that never reads) holds a file descriptor besides its socket: with 256
descriptors, 2,000 such readers ran the server out ("Too many open files" opening
poll.js). The files are a few tens of KB in all, read once and kept; headers, ETag and 304
are StaticFiles' own.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope


class PageFiles(StaticFiles):
    def __init__(self, *, directory: Path) -> None:
        super().__init__(directory=directory)
        self._kept: dict[str, tuple[tuple[float, int], bytes]] = {}

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        # Only the headers of a FileResponse: it opens the file when called, never here.
        headers = FileResponse(full_path, stat_result=stat_result).headers
        if self.is_not_modified(headers, Headers(scope=scope)):
            return NotModifiedResponse(headers)
        key, version = str(full_path), (stat_result.st_mtime, stat_result.st_size)
        kept = self._kept.get(key)
        if kept is None or kept[0] != version:
            kept = self._kept[key] = (version, Path(full_path).read_bytes())
        return Response(kept[1], status_code, headers=dict(headers))

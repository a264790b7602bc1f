"""The bare endpoint for bench/vote_burst.py: the server's stack doing the least a vote needs.

The same uvicorn settings as the participant server (summit_app.server.runner: the guarded
protocol, its caps and timeouts, the event loop), a socket with TCP_NODELAY as that
server's, and a copy of the same kind of `.summit` file opened with the same pragmas
(WAL, synchronous FULL, busy timeout). Two FastAPI routes, each a few lines:

- `GET /bare/state`: the phone by its pass cookie, then the open poll and its options read
  from the file, as JSON;
- `POST /bare/ballot`: the phone by its pass cookie, the JSON ballot, and the same
  `INSERT ... ON CONFLICT` into `ballots`, committed (one transaction per ballot) before
  the answer.

No middleware, no checks of the poll's rules, no group commit, no live snapshot: what is
left is the cost of the stack and the file, which the participant server's votes a
second are compared to in the same run.

    PYTHONPATH=src python bench/bare_app.py PORT FILE
"""

from __future__ import annotations

import json
import socket
import sqlite3
import sys
from datetime import datetime

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from summit_app.core.db import BUSY_TIMEOUT_MS, SYNCHRONOUS
from summit_app.server.runner import uvicorn_config

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
conn: sqlite3.Connection


def _phone(request: Request) -> int | None:
    token = request.cookies.get("summit_token", "")
    row = conn.execute("SELECT id FROM participants WHERE token = ?", (token,)).fetchone()
    return row[0] if row else None


@app.get("/bare/state")
async def bare_state(request: Request) -> JSONResponse:
    if _phone(request) is None:
        return JSONResponse({"error": "who?"}, status_code=403)
    poll = conn.execute("SELECT id, question, kind FROM polls WHERE state = 'open'").fetchone()
    options = conn.execute(
        "SELECT id, text FROM options WHERE poll_id = ? ORDER BY position", (poll[0],)
    ).fetchall()
    return JSONResponse(
        {
            "poll": {
                "id": poll[0],
                "question": poll[1],
                "kind": poll[2],
                "open": True,
                "options": [{"id": o[0], "text": o[1]} for o in options],
            }
        }
    )


@app.post("/bare/ballot")
async def bare_ballot(request: Request) -> JSONResponse:
    phone = _phone(request)
    if phone is None:
        return JSONResponse({"error": "who?"}, status_code=403)
    data = json.loads(await request.body())
    choices = {int(k): int(v) for k, v in data["choices"].items()}
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO ballots (poll_id, participant_id, choices, cast_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (poll_id, participant_id)"
        " DO UPDATE SET choices = excluded.choices, cast_at = excluded.cast_at",
        (
            data["poll_id"],
            phone,
            json.dumps(choices),
            datetime.now().astimezone().isoformat(timespec="seconds"),
        ),
    )
    conn.execute("COMMIT")
    return JSONResponse({"ok": True, "message": "Your vote is saved.", "choices": choices})


def main() -> None:
    global conn
    port, path = int(sys.argv[1]), sys.argv[2]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(2048)
    config = uvicorn_config(app)
    print(f"http://127.0.0.1:{port}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()

"""The bare endpoint for bench/vote_burst.py: the server's stack doing nothing.

A FastAPI app with two routes, `GET /bare` and `POST /bare`, that return a fixed answer
without touching any file, served by uvicorn with the participant server's settings (see
summit_app.server.runner) on a socket with TCP_NODELAY, as that server's is.

    PYTHONPATH=src python bench/bare_app.py PORT
"""

from __future__ import annotations

import socket
import sys

import uvicorn
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from summit_app.server.runner import uvicorn_config

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.get("/bare")
async def bare_state() -> JSONResponse:
    return JSONResponse({"poll": {"open": True}})


@app.post("/bare")
async def bare_vote() -> JSONResponse:
    return JSONResponse({"ok": True, "message": "Your vote is saved."})


def main() -> None:
    port = int(sys.argv[1])
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

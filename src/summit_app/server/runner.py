"""SummitServer: the participant app on uvicorn, on a background thread the GUI never waits on."""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import uvicorn

from summit_app.core import SummitError
from summit_app.core.whereabouts import Identity, gone_sentence, identity
from summit_app.server import network
from summit_app.server.app import create_app
from summit_app.server.connections import accept_batch, connection_budget, guarded
from summit_app.server.deps import Checks
from summit_app.server.gateway import Gateway
from summit_app.server.guards import RateLimit
from summit_app.server.push import Hub
from summit_app.server.throttle import Doors

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
# The port phones know may still be held for a moment by the run before (closing, or a
# server thread stopping): it is tried again this long before the server moves elsewhere.
PORT_WAIT_S = 1.0
START_TIMEOUT_S = 10
STOP_TIMEOUT_S = 5


# Idle keep-alive connections (and sockets that never send a request) close after this.
KEEP_ALIVE_S = 5
Loop = Literal["auto", "asyncio", "uvloop"]
# Phones past this share of the connection budget poll instead of holding a stream, so
# requests (joins, ballots) always find a free connection.
STREAM_SHARE = 0.75


def uvicorn_config(
    app: Callable[..., Any], budget: int | None = None, loop: Loop = "asyncio"
) -> uvicorn.Config:
    """The uvicorn settings the participant server runs with (the burst bench reuses them).

    `budget`: how many connections to keep open at most (connections.py); by default,
    what the process's descriptor limit leaves room for. `loop`: asyncio's own, on every
    platform (Windows has no other). uvloop ("uvloop", or "auto" where it is installed)
    was measured and left out: the broadcast no longer does work per stream, so a push to
    5,000 phones cost the server 30-50 ms of CPU on either loop (bench/idle_room.py), and
    under 2,000 slow readers a server on uvloop served 16-20 phones a minute where asyncio's
    served 30 (tests/e2e/test_server_slow_readers.py)."""
    budget = connection_budget() if budget is None else budget
    batch = accept_batch(budget)
    headroom = batch // 2  # a burst's newcomers say what they are before any is shed
    return uvicorn.Config(
        app,
        loop=loop,
        http=guarded(budget, headroom),
        # Never uvicorn's own logging setup: with no stderr (a windowed app) its formatter
        # raised "Unable to configure formatter 'default'" and no phone could join.
        # Its records reach whatever summit_app.logs configured, like everyone else's.
        log_config=None,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
        timeout_keep_alive=KEEP_ALIVE_S,
        # uvicorn's own cap on connections and on requests in progress: a 503 past it,
        # never a crash. Descriptors are kept by the cap in connections.py, not by this;
        # it sits well above the budget because the requests of connections just shed
        # still count until their tasks end: under 2,000 slow readers 225 to 228 were
        # counted beside 192 connections, and at budget + 32 phones were refused 503.
        limit_concurrency=2 * budget,
        server_header=False,
        # Phones reach the laptop directly; no proxy's word is taken for who they are
        # (uvicorn believes X-Forwarded-For from 127.0.0.1 by default: 40 of 40 forged
        # joins from a local process or a port-forward were taken, voiding the join limit).
        proxy_headers=False,
        backlog=batch,
    )


def allowed_hosts(host: str) -> list[str]:
    """The Host names a request may carry: the served address (all of them for 0.0.0.0)."""
    if host in ("0.0.0.0", ""):
        return ["127.0.0.1", "localhost", *(a.ip for a in network.candidate_addresses())]
    if host.startswith("127."):
        return [host, "localhost"]
    return [host]


class ServerError(SummitError):
    """The server could not start (no address to bind, the file cannot be opened...)."""


def checked_address(host: str, port: object) -> tuple[str, int]:
    """The IPv4 address and port to serve on, or ServerError with a sentence."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise ServerError(
            f"{port} is not a port number: choose one from 1024 to 65535 (or 0 for any free one)."
        )
    try:
        return str(ipaddress.IPv4Address(host)), port
    except ValueError:
        pass
    try:
        return socket.gethostbyname(host), port  # "localhost", say
    except (OSError, UnicodeError):
        raise ServerError(
            f"'{host}' is not an address of this laptop: give one like 192.168.1.20, or"
            " 0.0.0.0 for all of them."
        ) from None


class SummitServer:
    """Serve the phone page for one `.summit` file.

    `on_event(kind, data)` is called from the server thread for kind in
    {"joined", "join_refused", "ballot", "note", "group", "card", "check"}; it must not
    block (emit a Qt signal, say).
    """

    def __init__(
        self,
        path: Path | str,
        host: str | None = None,
        port: int = DEFAULT_PORT,
        on_event: Callable[[str, dict[str, Any]], None] | None = None,
        *,
        rate: RateLimit | None = None,
        doors: Doors | None = None,
        posts: RateLimit | None = None,
        loop: Loop = "asyncio",
    ) -> None:
        self.path = Path(path)
        self.loop = loop
        self.host = host or network.preferred_host()
        self.port = port
        self.on_event = on_event
        self._rate = rate or RateLimit()
        self._checks = Checks()
        self.doors = doors or Doors()
        self._posts = posts  # notes, questions and words per participant (app.py's default)
        self.hub: Hub | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._join_code = ""
        self._short_code = ""
        self._identity: Identity | None = None
        # The port asked for, when another program had it and phones must be sent elsewhere.
        self.moved_from: int | None = None

    # -- what the GUI shows --------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.host if self.host not in ("0.0.0.0", "") else network.preferred_host()
        return f"http://{host}:{self.port}"

    @property
    def join_url(self) -> str:
        return f"{self.url}/j/{self._join_code}"

    @property
    def short_code(self) -> str:
        """Six digits a person can type after the address: `url/short_code`."""
        return self._short_code

    @property
    def short_url(self) -> str:
        """The join address to type, without `http://`: '192.168.1.20:8765/482913'."""
        return f"{self.url.split('://', 1)[1]}/{self._short_code}"

    @property
    def refused_joins(self) -> int:
        """Fresh joins refused since the server started (too many from one address)."""
        return self.doors.refused_joins

    @property
    def streams(self) -> int:
        """Phones holding a live event stream now."""
        return self.hub.streams if self.hub else 0

    def poke(self) -> None:
        """The facilitator changed something: phones hear it now (from any thread)."""
        if self.hub is not None:
            self.hub.poke()

    @property
    def check_url(self) -> str:
        return f"{self.url}/check/{self._join_code}"

    @property
    def running(self) -> bool:
        return bool(
            self._thread and self._thread.is_alive() and self._server and self._server.started
        )

    @property
    def check_count(self) -> int:
        """How many phones have reached the room-check page since the server started."""
        return self._checks.count

    @property
    def moved(self) -> str:
        """'' when serving on the port asked for; else the sentence for the facilitator."""
        if self.moved_from is None:
            return ""
        return (
            f"Port {self.moved_from} is taken (by another program, or Summit running in"
            f" another window), so phones now join at {self.short_url}. Phones that joined"
            " before cannot reach this laptop until they scan the new code on the screen."
        )

    def gone(self) -> str | None:
        """None while the served file is where it was opened; else the sentence saying it
        was moved (and where to) or deleted: phones' writes are refused meanwhile."""
        if self._identity is None:
            return None
        return gone_sentence(self.path.absolute(), self._identity)

    # -- starting and stopping -----------------------------------------------------------

    def start(self) -> None:
        """Start serving; returns once listening. Raises ServerError or SummitFileError."""
        if self._thread is not None:
            return
        self.host, self.port = checked_address(self.host, self.port)
        sock = self._bind()
        gateway = Gateway(self.path)
        budget = connection_budget()
        self.hub = Hub(gateway, int(budget * STREAM_SHARE))
        app = create_app(
            gateway,
            self._emit,
            self._checks,
            self._rate,
            doors=self.doors,
            hub=self.hub,
            hosts=allowed_hosts(self.host),
            posts=self._posts,
        )
        config = uvicorn_config(app, budget, self.loop)
        self._server = server = uvicorn.Server(config)
        failure: list[BaseException] = []

        def serve() -> None:
            # The server's connection is opened, used and closed on this thread alone.
            try:
                gateway.open()
                self._identity = identity(gateway.summit.path)
                info = gateway.call(lambda s: s.info())
                self._join_code, self._short_code = info.join_code, info.short_code
            except BaseException as error:
                failure.append(error)
                sock.close()
                return
            try:
                server.run(sockets=[sock])
            finally:
                gateway.close()
                sock.close()

        self._thread = threading.Thread(target=serve, name="summit-server", daemon=True)
        self._thread.start()
        waiting = threading.Event()
        for _ in range(START_TIMEOUT_S * 50):
            if server.started or not self._thread.is_alive():
                break
            waiting.wait(0.02)
        if not server.started:
            self.stop()
            if failure:
                raise failure[0]
            raise ServerError("The participant server did not start. See the log for why.")

    def stop(self) -> None:
        """Stop serving and close the file; safe to call twice."""
        if self.hub is not None:
            self.hub.close_soon()  # end the phones' streams, so the shutdown need not wait
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT_S)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(STOP_TIMEOUT_S)
            if self._thread.is_alive():
                log.warning("the participant server did not stop within %s s", 2 * STOP_TIMEOUT_S)
        self._server = self._thread = None

    def __enter__(self) -> SummitServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers -------------------------------------------------------------------------

    def _bind(self) -> socket.socket:
        """A listening socket on the port asked for (phones know it), else on a free one the
        OS picks, with `moved_from` saying so."""
        wanted = self.port
        if wanted:
            waited = threading.Event()
            deadline = time.monotonic() + PORT_WAIT_S
            while True:
                sock = self._listen(wanted)
                if sock is not None:
                    return sock
                if time.monotonic() >= deadline:
                    break
                waited.wait(0.1)
            log.info("port %s is taken; serving on a free one", wanted)
        sock = self._listen(0)
        assert sock is not None  # port 0 is never taken
        self.moved_from = wanted or None
        return sock

    def _listen(self, port: int) -> socket.socket | None:
        """A socket listening on `port`, or None when that port is taken."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if os.name != "nt":  # on Windows SO_REUSEADDR would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            # Measured: without TCP_NODELAY every answer with a body waited ~40 ms for
            # Nagle's algorithm and delayed ACKs (2.7 ms with it) on our own socket.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.bind((self.host, port))
            sock.listen(2048)
            self.port = sock.getsockname()[1]
            return sock
        except OSError as error:
            sock.close()
            if error.errno not in (errno.EADDRINUSE, errno.EACCES) or port == 0:
                raise ServerError(
                    f"Cannot serve on {self.host}:{port}: {error.strerror}. Choose another address."
                ) from error
            return None

    def _emit(self, kind: str, data: dict[str, Any]) -> None:
        if self.on_event is None:
            return
        try:
            self.on_event(kind, data)
        except Exception:  # a broken listener must not break a phone's request
            log.exception("on_event(%r) failed", kind)

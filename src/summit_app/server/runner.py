"""SummitServer: the participant app on uvicorn, on a background thread the GUI never waits on."""

from __future__ import annotations

import errno
import logging
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import uvicorn

from summit_app.core import SummitError
from summit_app.server import network
from summit_app.server.app import Checks, create_app
from summit_app.server.gateway import Gateway
from summit_app.server.guards import RateLimit

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
START_TIMEOUT_S = 10
STOP_TIMEOUT_S = 5


def uvicorn_config(app: object) -> uvicorn.Config:
    """The uvicorn settings the participant server runs with (the burst bench reuses them)."""
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
        server_header=False,
        backlog=2048,
    )


class ServerError(SummitError):
    """The server could not start (no address to bind, the file cannot be opened...)."""


class SummitServer:
    """Serve the phone page for one `.summit` file.

    `on_event(kind, data)` is called from the server thread for kind in
    {"joined", "ballot", "note", "check"}; it must not block (emit a Qt signal, say).
    """

    def __init__(
        self,
        path: Path | str,
        host: str | None = None,
        port: int = DEFAULT_PORT,
        on_event: Callable[[str, dict], None] | None = None,
        *,
        rate: RateLimit | None = None,
    ) -> None:
        self.path = Path(path)
        self.host = host or network.preferred_host()
        self.port = port
        self.on_event = on_event
        self._rate = rate or RateLimit()
        self._checks = Checks()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._join_code = ""

    # -- what the GUI shows --------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.host if self.host not in ("0.0.0.0", "") else network.preferred_host()
        return f"http://{host}:{self.port}"

    @property
    def join_url(self) -> str:
        return f"{self.url}/j/{self._join_code}"

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

    # -- starting and stopping -----------------------------------------------------------

    def start(self) -> None:
        """Start serving; returns once listening. Raises ServerError or SummitFileError."""
        if self._thread is not None:
            return
        sock = self._bind()
        gateway = Gateway(self.path)
        app = create_app(gateway, self._emit, self._checks, self._rate)
        config = uvicorn_config(app)
        self._server = server = uvicorn.Server(config)
        failure: list[BaseException] = []

        def serve() -> None:
            # The server's connection is opened, used and closed on this thread alone.
            try:
                gateway.open()
                self._join_code = gateway.call(lambda s: s.info().join_code)
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
        """A listening socket on the preferred port, else on a free one the OS picks."""
        for port in (self.port, 0) if self.port else (0,):
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
                        f"Cannot serve on {self.host}:{port}: {error.strerror}."
                        " Choose another address."
                    ) from error
                log.info("port %s is taken; using a free one", port)
        raise AssertionError("unreachable")

    def _emit(self, kind: str, data: dict) -> None:
        if self.on_event is None:
            return
        try:
            self.on_event(kind, data)
        except Exception:  # a broken listener must not break a phone's request
            log.exception("on_event(%r) failed", kind)

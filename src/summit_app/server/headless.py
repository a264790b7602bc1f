"""`summit-app serve FILE [--host H] [--port P]`: the participant server without a screen."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from summit_app.core import SummitError
from summit_app.file_lock import SummitLock
from summit_app.server.network import candidate_addresses
from summit_app.server.qr import qr_text
from summit_app.server.runner import DEFAULT_PORT, SummitServer


def serve(path: Path | str, host: str | None = None, port: int = DEFAULT_PORT) -> int:
    """Serve until Ctrl-C or SIGTERM; print the join URL and its QR code. Returns an exit code."""
    stop = threading.Event()
    lock = SummitLock(Path(path))
    server = SummitServer(path, host=host, port=port, on_event=_log_event)
    try:
        if Path(path).exists():  # a missing file is the server's own one-line refusal
            lock.acquire()
        server.start()
    except SummitError as error:
        lock.release()
        print(f"summit-app serve: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        lock.release()
        print(f"summit-app serve: cannot serve: {error.strerror or error}.", file=sys.stderr)
        return 1

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in _signals()}
    try:
        print(f"Serving {Path(path).name} to phones. Join at:")
        print(server.join_url)
        _print_qr(server.join_url)
        print(f"Or type: {server.short_url}")
        print(f"Room check: {server.check_url}")
        if server.moved:
            print(server.moved, file=sys.stderr, flush=True)
        if server.host.startswith("127."):
            others = [a.label for a in candidate_addresses() if not a.ip.startswith("127.")]
            hint = f" (this laptop has {'; '.join(others)})" if others else ""
            print(f"Only this laptop can open that address; use --host to serve phones{hint}.")
        print("Press Ctrl-C to stop.", flush=True)
        said: str | None = None
        while not stop.wait(0.5):
            gone = server.gone()  # said the moment the file is moved, not at the next vote
            if gone != said:
                print(
                    gone or f"{Path(path).name} is back: phones' input is saved again.",
                    file=sys.stderr,
                    flush=True,
                )
                said = gone
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
        lock.release()
    print("Stopped.", flush=True)
    return 0


def _print_qr(url: str) -> None:
    try:
        print(qr_text(url))
    except UnicodeEncodeError:  # an old Windows console without block characters
        print("(This terminal cannot draw the QR code; show the one in the app instead.)")


def _signals() -> list[signal.Signals]:
    sigs = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGBREAK"):  # Windows console Ctrl-Break
        sigs.append(signal.SIGBREAK)
    return sigs


def _log_event(kind: str, data: dict[str, Any]) -> None:
    if kind == "joined":
        print(f"{data['count']} joined", flush=True)
    elif kind == "join_refused" and (data["count"] == 1 or data["count"] % 50 == 0):
        print(f"{data['count']} joins refused: too many from one address", flush=True)
    elif kind == "check":
        print(f"Room check: {data['count']} phone(s) reached this laptop", flush=True)

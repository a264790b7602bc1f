"""Summit's log: a rotating file in the user's data folder that the facilitator can find
(Help > Show log folder) and send, plus stderr when there is one.

A windowed app (Summit.exe, pythonw behind pipx's summit-app-gui) has no stdout or stderr:
sys.stderr is None. Nothing here writes to a stream that is not there, and the phone
server logs through this configuration rather than uvicorn's own, which raised
"Unable to configure formatter 'default'" there (pyinstaller#7339).
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO

from summit_app import places

LOG_NAME = "summit.log"
CRASH_NAME = "crash.log"  # faulthandler's dump when Python itself dies (a segfault in Qt)
# A long day logs a few hundred lines; three old files keep the last days' worth.
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

log = logging.getLogger("summit_app")
_state: dict[str, object] = {}


def configure(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send every logger's records (Summit's, uvicorn's) to `folder`/summit.log, rotated,
    and warnings to stderr when there is one. Calling it again replaces what it set up.

    Returns the log file, or None when the folder cannot be written (then stderr only)."""
    unconfigure()
    folder = places.log_folder() if folder is None else Path(folder)
    root = logging.getLogger()
    path: Path | None = folder / LOG_NAME
    handlers: list[logging.Handler] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        to_file = RotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        to_file.setLevel(level)
        handlers.append(to_file)
    except OSError:
        path = None
    if sys.stderr is not None:
        to_console = logging.StreamHandler(sys.stderr)
        to_console.setLevel(logging.WARNING)
        handlers.append(to_console)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    _state.update(handlers=handlers, path=path, folder=folder, level=root.level)
    root.setLevel(min(level, logging.WARNING))
    return path


def unconfigure() -> None:
    """Remove what configure() added (tests; a second configure)."""
    root = logging.getLogger()
    for handler in _state.pop("handlers", []):  # type: ignore[attr-defined]
        root.removeHandler(handler)
        handler.close()
    if "level" in _state:
        root.setLevel(_state.pop("level"))  # type: ignore[arg-type]
    _state.pop("path", None)
    _state.pop("folder", None)


def log_folder() -> Path:
    """The folder configure() logs to (the user's, unless told otherwise)."""
    folder = _state.get("folder")
    return folder if isinstance(folder, Path) else places.log_folder()


def log_file() -> Path | None:
    """The file configure() logs to, if any."""
    return _state.get("path")  # type: ignore[return-value]


def enable_crash_dump(folder: Path | None = None) -> None:
    """Python's faulthandler, writing to crash.log in the log folder: a crash inside Qt
    leaves the Python stacks of every thread there, even with no stderr."""
    folder = places.log_folder() if folder is None else Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dump: IO[str] = open(folder / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
    except OSError:
        return
    faulthandler.enable(dump, all_threads=True)
    _state["dump"] = dump  # faulthandler needs the file to stay open


def crash_sentence() -> str:
    where = log_file()
    place = f" in {where}" if where is not None else ""
    return (
        "Something went wrong inside Summit. What you saved is safe in the summit file;"
        " try again, or save your work and restart Summit if it happens again."
        f" The details are in the log{place} (Help > Show log folder)."
    )


def install_excepthook(show: Callable[[str], None] | None = None) -> None:
    """An unexpected error anywhere (a button's handler, a timer, a thread) is logged with
    its traceback, and `show` tells the facilitator in a sentence; a click no longer
    silently does nothing."""

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, trace)
            return
        log.critical("unexpected error", exc_info=(kind, value, trace))
        if show is not None:
            try:
                show(crash_sentence())
            except Exception:  # noqa: BLE001 - the sentence is a courtesy; the log has it all
                log.exception("could not show the error sentence")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical(
            "unexpected error in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
        )

    sys.excepthook = hook
    threading.excepthook = thread_hook

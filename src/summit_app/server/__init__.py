"""The participant web server: the phone page, joining by QR code, ballots and notes."""

from summit_app.server.room import ROOM_ADVICE

__all__ = ["ROOM_ADVICE", "ServerError", "SummitServer"]


def __getattr__(name: str) -> object:
    # The web stack (FastAPI, uvicorn, pydantic) loads when a server is first wanted, not
    # before the control window shows: with reportlab, half the window's import time.
    if name in ("ServerError", "SummitServer"):
        from summit_app.server import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

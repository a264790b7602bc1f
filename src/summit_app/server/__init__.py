"""The participant web server: the phone page, joining by QR code, ballots and notes."""

from summit_app.server.room import ROOM_ADVICE
from summit_app.server.runner import ServerError, SummitServer

__all__ = ["ROOM_ADVICE", "ServerError", "SummitServer"]

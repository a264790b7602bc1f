"""The domain, the `.summit` store and the tallies. Pure Python: no Qt, no web, no PDF."""

from summit_app.core.errors import NotFoundError, SummitError, SummitFileError, ValidationError
from summit_app.core.store import Summit

__all__ = ["NotFoundError", "Summit", "SummitError", "SummitFileError", "ValidationError"]

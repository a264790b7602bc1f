"""Errors a user can cause, each with a message written for that user."""


class SummitError(Exception):
    """Base of every error whose message is shown to the user as it is."""


class SummitFileError(SummitError):
    """The file cannot be opened as a summit (missing, damaged, not ours, too new)."""


class ValidationError(SummitError):
    """Input that breaks a rule (a closed poll, too many picks, an empty note...)."""


class StateError(ValidationError):
    """Input that does not fit how things stand now: a poll or question not open, a second
    upvote, a share used up. A phone's page was out of date (the server answers 409)."""


class NotAllowedError(ValidationError):
    """Not this participant's to do: verified mode without a card, a cancelled card (403)."""


class LimitError(StateError):
    """A participant's share is used up (as many words as a cloud takes, that word already)."""


class NotFoundError(SummitError):
    """A referenced row (poll, option, note...) does not exist."""


class StorageError(SummitError):
    """The file could not be read or written (busy, disk full, read-only, I/O error).

    Nothing was saved by the action that raised it; the message says what to do.
    """


class FileGoneError(StorageError):
    """The open file was moved or deleted: nothing more is saved until it is back."""


class ConflictError(SummitError):
    """An undo or redo no longer fits the file (something changed it since)."""


class HeldError(StateError):
    """A change to an item a breakout room holds: the room owns it until its last import."""

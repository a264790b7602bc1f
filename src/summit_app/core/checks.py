"""Small input checks shared by the repositories; each raises ValidationError for the user."""

from __future__ import annotations

from summit_app.core.errors import ValidationError

NOTE_MAX_CHARS = 500
OPTION_MAX_CHARS = 300


def need_text(text: object, message: str, max_chars: int | None = None, what: str = "") -> str:
    """Text that is not blank (kept exactly as typed), and not longer than `max_chars`."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(message)
    if max_chars is not None and len(text) > max_chars:
        raise ValidationError(f"{what or 'That text'} is too long: at most {max_chars} characters.")
    return text


def need_int(value: object, low: int, high: int, message: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError(message)
    return value


def need_narrative(text: object, what: str) -> str:
    """A write-up text (blank allowed), kept as typed, not longer than a narrative may be."""
    from summit_app.core.narrative import NARRATIVE_MAX_CHARS

    if not isinstance(text, str):
        raise ValidationError(f"{what} must be text.")
    if len(text) > NARRATIVE_MAX_CHARS:
        raise ValidationError(f"{what} is too long: at most {NARRATIVE_MAX_CHARS:,} characters.")
    return text

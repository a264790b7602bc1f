"""Small input checks shared by the repositories; each raises ValidationError for the user."""

from __future__ import annotations

import unicodedata

from summit_app.core.errors import ValidationError

NOTE_MAX_CHARS = 500
OPTION_MAX_CHARS = 300


# Characters that draw nothing by themselves: spaces, controls, format characters (zero-width
# space and joiner, bidi marks, soft hyphen), lone combining marks and variation selectors.
# Unassigned code points are not among them: an emoji newer than this Python is still text.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters that are blank all the same (Hangul fillers, the braille blank).
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(text: str) -> bool:
    """True when nothing in `text` would show: a note of zero-width spaces is blank."""
    return all(
        ch in BLANK_LETTERS or unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in text
    )


def need_text(text: object, message: str, max_chars: int | None = None, what: str = "") -> str:
    """Text with something visible in it (kept exactly as typed), at most `max_chars` long."""
    if not isinstance(text, str) or is_blank(text):
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

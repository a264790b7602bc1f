"""Small input checks shared by the repositories; each raises ValidationError for the user."""

from __future__ import annotations

import unicodedata

from summit_app.core.errors import ValidationError
from summit_app.core.narrative import NARRATIVE_MAX_CHARS

NOTE_MAX_CHARS = 500
OPTION_MAX_CHARS = 300

# Letters and symbols that draw nothing although Unicode calls them letters or symbols:
# Hangul fillers, the braille blank, the Mongolian vowel separator, the Khmer inherent vowels.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")
# Categories that draw nothing on their own: spaces and separators, controls, format
# characters (zero-width space and joiners, the BOM, bidi marks, soft hyphen), and combining
# marks with no letter to sit on. Not unassigned code points: an emoji newer than this
# Python's Unicode tables (U+1FAE8, say, on 3.11) reads as unassigned and is still text.
INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Me"})


def is_blank(text: str) -> bool:
    """True when nothing in `text` would show."""
    return not has_visible_text(text)


def has_visible_text(text: str) -> bool:
    """Whether `text` shows anything at all: a note of only zero-width spaces does not."""
    return any(
        ch not in INVISIBLE_LETTERS and unicodedata.category(ch) not in INVISIBLE_CATEGORIES
        for ch in text
    )


def need_text(text: object, message: str, max_chars: int | None = None, what: str = "") -> str:
    """Text that shows something (kept exactly as typed), and not longer than `max_chars`.

    Blank text is refused with `message`; text made only of invisible characters (zero-width
    spaces, say) is refused with a sentence that says so, since it looks typed.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(message)
    if not has_visible_text(text):
        raise ValidationError(
            f"{what or 'That text'} shows nothing: it has only invisible characters"
            " (such as zero-width spaces). Write something."
        )
    if max_chars is not None and len(text) > max_chars:
        raise ValidationError(f"{what or 'That text'} is too long: at most {max_chars} characters.")
    return text


def need_int(value: object, low: int, high: int, message: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError(message)
    return value


def need_narrative(text: object, what: str) -> str:
    """A write-up text (blank allowed), kept as typed, not longer than a narrative may be."""
    if not isinstance(text, str):
        raise ValidationError(f"{what} must be text.")
    if len(text) > NARRATIVE_MAX_CHARS:
        raise ValidationError(f"{what} is too long: at most {NARRATIVE_MAX_CHARS:,} characters.")
    return text

"""The summit's own details (title, date, venue, ..., groups) and its logo: checked edits.

`edit_info` is the one command for changing any of them, used by the settings dialog and by
the write-up's editing alike; run through `History.run` it is one undo step. Each check
raises ValidationError with a sentence for the facilitator, and then nothing is changed.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from summit_app.core.checks import need_narrative
from summit_app.core.db import Db
from summit_app.core.errors import ValidationError
from summit_app.core.model import Logo, SummitInfo

TITLE_MAX_CHARS = 200
LINE_MAX_CHARS = 300  # venue, organisers, contact, one objective
MAX_OBJECTIVES = 20
GROUP_MAX_CHARS = 60
MAX_GROUPS = 40
# A logo is shown on a projector and printed on a cover: 2 MB is a large, sharp PNG.
LOGO_MAX_BYTES = 2_000_000
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}

EDITABLE = (
    "title",
    "date",
    "venue",
    "organisers",
    "introduction",
    "objectives",
    "contact",
    "groups",
    "start_time",
    "privacy_notice",
    "retention_days",
    "shared_address",
    "content_lang",
)
# The languages a summit's content may be marked with: the name each is offered under.
CONTENT_LANGUAGES = {"en": "English", "cy": "Cymraeg (Welsh)"}
NOTICE_MAX_CHARS = 1200  # a phone screen or two: the notice is read before anything else
MAX_RETENTION_DAYS = 3650


def edit_info(db: Db, **fields: Any) -> SummitInfo:
    """Change some of the summit's details; the others stay as they are.

    `objectives` and `groups` are sequences of text; blank entries are dropped and each
    entry is trimmed. `date` is '' or an ISO date ('2021-04-13').
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown summit fields: {sorted(unknown)}")
    info = db.info()
    changes = {name: _checked(name, value) for name, value in fields.items()}
    new = dataclasses.replace(info, **changes)
    if new != info:
        db.update_info(new)
    return db.info()


def _checked(name: str, value: Any) -> Any:
    if name in ("objectives", "groups"):
        return _entries(name, value)
    if name == "shared_address":
        return bool(value)
    if name == "content_lang":
        if value not in CONTENT_LANGUAGES:
            names = " or ".join(CONTENT_LANGUAGES.values())
            raise ValidationError(f"The summit's content is in {names}.")
        return value
    if name == "retention_days":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("Keep the data for a whole number of days.")
        if not 1 <= value <= MAX_RETENTION_DAYS:
            raise ValidationError(
                f"Keep the data for between 1 and {MAX_RETENTION_DAYS:,} days (ten years)."
            )
        return value
    if not isinstance(value, str):
        raise ValidationError(f"The summit's {name} must be text.")
    if name == "title":
        if not value.strip():
            raise ValidationError("The summit needs a title.")
        return _short(value.strip(), TITLE_MAX_CHARS, "The title")
    if name == "date":
        return _date(value.strip())
    if name == "introduction":
        # Formatted text like every write-up narrative, with the same limit.
        return need_narrative(value.strip(), "The introduction")
    if name == "start_time":
        return value  # checked by the store, with the other clock times
    if name == "privacy_notice":
        return _short(value.strip(), NOTICE_MAX_CHARS, "The privacy notice")
    return _short(value.strip(), LINE_MAX_CHARS, f"The {name}")


def _short(text: str, limit: int, what: str) -> str:
    if len(text) > limit:
        raise ValidationError(f"{what} is too long: at most {limit:,} characters.")
    return text


def _date(text: str) -> str:
    if not text:
        return ""
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise ValidationError(f"'{text}' is not a date like 2021-04-13.") from None
    return text


def _entries(name: str, values: Any) -> tuple[str, ...]:
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise ValidationError(f"The summit's {name} must be a list of text.")
    entries = tuple(v.strip() for v in values if v.strip())
    if name == "objectives":
        if len(entries) > MAX_OBJECTIVES:
            raise ValidationError(f"At most {MAX_OBJECTIVES} objectives.")
        for entry in entries:
            _short(entry, LINE_MAX_CHARS, "An objective")
        return entries
    if not entries:
        raise ValidationError("Phones need at least one professional group to choose from.")
    if len(entries) > MAX_GROUPS:
        raise ValidationError(f"At most {MAX_GROUPS} professional groups.")
    seen: set[str] = set()
    for entry in entries:
        _short(entry, GROUP_MAX_CHARS, f"The group '{entry[:20]}…'")
        if entry.casefold() in seen:
            raise ValidationError(f"The group '{entry}' is listed twice.")
        seen.add(entry.casefold())
    return entries


# -- the logo -------------------------------------------------------------------------------


def logo(db: Db) -> Logo | None:
    rows = db.rows("SELECT image, mime, name FROM logo WHERE id = 1")
    if not rows:
        return None
    return Logo(bytes(rows[0]["image"]), rows[0]["mime"], rows[0]["name"])


def set_logo(db: Db, image: bytes | None, name: str = "") -> Logo | None:
    """Keep `image` (PNG or JPEG bytes) as the summit's logo; None removes it."""
    if image is None:
        with db.write():
            db.execute("DELETE FROM logo WHERE id = 1")
        return None
    mime = logo_type(image)
    with db.write():
        db.execute(
            "INSERT INTO logo (id, image, mime, name) VALUES (1, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET image = excluded.image, mime = excluded.mime,"
            " name = excluded.name",
            (image, mime, name[:LINE_MAX_CHARS]),
        )
    return logo(db)


def logo_type(image: bytes) -> str:
    """The image's MIME type, or ValidationError if it is not a PNG or JPEG we can keep."""
    if len(image) > LOGO_MAX_BYTES:
        raise ValidationError(
            f"That logo is too large ({len(image) / 1e6:.1f} MB): at most"
            f" {LOGO_MAX_BYTES / 1e6:.0f} MB."
        )
    for magic, mime in LOGO_TYPES.items():
        if image.startswith(magic):
            return mime
    raise ValidationError("A logo must be a PNG or JPEG image.")

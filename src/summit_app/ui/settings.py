"""What Summit remembers between runs (QSettings): recent files, window geometry, screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "Summit"
APPLICATION = "Summit"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def recent_files() -> list[Path]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [Path(p) for p in value or [] if Path(p).exists()]


def add_recent_file(path: Path) -> None:
    paths = [str(path.resolve())] + [
        str(p) for p in recent_files() if p.resolve() != path.resolve()
    ]
    settings().setValue("recent_files", paths[:MAX_RECENT])

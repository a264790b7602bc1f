"""Where the file dialogs start and exports go by default: the user's own folders, never the
installation's (the bundle's folder is replaced by the next version, and a pip install's
belongs to pip), nor whichever folder the app happened to be started in."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths

import summit_app
from summit_app.ui import settings


def documents() -> Path:
    """The user's documents folder (Qt's standard location; the home folder without one)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def installation_folders() -> tuple[Path, ...]:
    """Folders that belong to the installed app, not the user."""
    folders = {Path(sys.prefix), Path(summit_app.__file__).parent}
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: its whole folder
        folders.add(Path(sys.executable).parent)
    return tuple(f.resolve() for f in folders)


def in_installation(path: Path) -> bool:
    path = Path(path).resolve()
    return any(path.is_relative_to(folder) for folder in installation_folders())


def start_folder() -> Path:
    """Where Open and New start: beside the last summit opened, else the documents folder."""
    for recent in settings.recent_files():
        if not in_installation(recent):
            return recent.parent
    return documents()


def export_folder(summit_path: Path) -> Path:
    """exports/ beside the summit, unless the summit sits in the installation (the demo in a
    bundle): then a folder of that name in the user's documents."""
    from summit_app.export.cli import exports_folder  # the pack's code loads when needed

    beside = exports_folder(summit_path)
    if in_installation(beside):
        return documents() / "Summit exports" / Path(summit_path).stem
    return beside

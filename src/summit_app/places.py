"""Where Summit keeps its own files for this user: never the installation's folder, which
the next version replaces (the bundle) or pip owns (the wheel).

Qt-free, so `summit-app serve` and the window log to the same folder; it is the folder
Qt's QStandardPaths.AppLocalDataLocation names for the organisation and application
"Summit" on each system (ui/settings.py), written out so the command line needs no Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "Summit"


def data_folder() -> Path:
    """This user's folder for Summit's own files (created by whoever writes there)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP / APP


def log_folder() -> Path:
    """Where the log and any crash report go (Help > Show log folder)."""
    return data_folder() / "logs"

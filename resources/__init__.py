"""Summit's bundled files: templates, the phone page, fonts and icons.

This folder is the package `summit_app.resources`: pyproject.toml maps it into the package,
so a wheel carries it and an editable install reads it here. Everything is found through
importlib.resources, with no environment variable or path beside the source.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_root = files(__name__)
if not isinstance(_root, Path):
    # Fonts go to reportlab and the web folder to Starlette by path: they must be real files.
    raise ImportError(f"Summit's resources must be files on disk, not inside {_root}.")

RESOURCES: Path = _root
TEMPLATES = RESOURCES / "templates"
WEB = RESOURCES / "web"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"

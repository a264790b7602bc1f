"""Summit's bundled files: templates, the phone page, fonts and icons.

This folder is the package `summit_app.resources`: pyproject.toml maps it into the package,
so a wheel carries it and an editable install reads it here. Everything is found through
importlib.resources, with no environment variable or path beside the source.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder() -> Path:
    """The folder itself: fonts go to reportlab and the web folder to Starlette by path.

    A wheel or editable install gives a Path; a frozen app's loader may give its own kind of
    Traversable (Nuitka's does), and then the package's location on disk comes from its spec.
    """
    root = files(__name__)
    if isinstance(root, Path):
        return root
    locations = __spec__.submodule_search_locations or []
    for location in locations:
        if (Path(location) / "templates").is_dir():
            return Path(location)
    raise ImportError(f"Summit's resources must be files on disk, not inside {root}.")


RESOURCES = _folder()
TEMPLATES = RESOURCES / "templates"
WEB = RESOURCES / "web"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"

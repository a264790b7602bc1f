"""Where the bundled resources (templates, web page, fonts, icons) live."""

from __future__ import annotations

import os
from pathlib import Path

# The repository's resources/ folder, beside src/ (Summit runs from its checkout);
# SUMMIT_RESOURCES points elsewhere for a packaged build.
RESOURCES = Path(
    os.environ.get("SUMMIT_RESOURCES", Path(__file__).resolve().parents[2] / "resources")
)
TEMPLATES = RESOURCES / "templates"
WEB = RESOURCES / "web"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"

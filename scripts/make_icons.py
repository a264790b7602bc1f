"""Renders the app icon, resources/icons/summit.svg, to the PNG, ICO and ICNS files the
bundles and the Linux desktop entry use. Run on purpose after changing the SVG:

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    svg.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 - QImage text rendering wants one
    svg = QSvgRenderer(str(ICONS / "summit.svg"))
    if not svg.isValid():
        print("summit.svg could not be read", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(svg, size).save(str(ICONS / f"summit-{size}.png"))
    largest = Image.open(ICONS / "summit-512.png")
    largest.save(ICONS / "summit.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(ICONS / "summit.icns")
    for path in sorted(ICONS.iterdir()):
        print(f"{path.name:<20} {path.stat().st_size:>7} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

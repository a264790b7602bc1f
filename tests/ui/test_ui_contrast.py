"""Hints, placeholders and warnings stay readable (WCAG's 4.5:1) on a dark palette as on a
light one: the fixed greys chosen against white were about 1.9:1 on a dark window."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from summit_app.ui import contrast
from summit_app.ui.app import application
from summit_app.ui.writeup_editors import format_hint

Role = QPalette.ColorRole
# Fusion's dark palette, Windows 11's dark and light windows, and plain white.
GROUNDS = {
    "fusion dark": "#353535",
    "windows dark": "#202020",
    "light": "#f0f0f0",
    "white": "#ffffff",
}


def _palette(window: str) -> QPalette:
    """A palette built from a window colour, its fields darker (dark) or white (light)."""
    colour = QColor(window)
    palette = QPalette(colour)
    palette.setColor(Role.Base, colour.darker(110) if colour.lightness() < 128 else QColor("white"))
    return palette


@pytest.mark.parametrize("ground", GROUNDS.values(), ids=GROUNDS.keys())
def test_quiet_warning_and_placeholder_text_have_four_and_a_half_to_one(ground):
    palette = contrast.readable_placeholders(_palette(ground))
    for role in (Role.Window, Role.Base):
        behind = palette.color(role)
        assert contrast.ratio(contrast.quiet(palette), behind) >= contrast.MINIMUM
        assert contrast.ratio(contrast.warning(palette), behind) >= contrast.MINIMUM
        placeholder = palette.color(Role.PlaceholderText)
        assert contrast.ratio(placeholder, behind) >= contrast.MINIMUM


def test_a_hint_in_a_dark_app_is_light_grey(qtbot):
    app = application()
    before = QApplication.palette()
    app.setPalette(_palette(GROUNDS["fusion dark"]))
    try:
        hint = format_hint()
        qtbot.addWidget(hint)
        colour = QColor(hint.styleSheet().removeprefix("color: ").rstrip(";"))
        assert contrast.ratio(colour, QColor(GROUNDS["fusion dark"])) >= contrast.MINIMUM
    finally:
        app.setPalette(before)

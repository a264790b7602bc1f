"""Colours for quiet and warning text that stay readable (WCAG's 4.5:1) in a light and a dark
palette alike. Fixed greys chosen against white (#6b7280, #4b5563) were about 1.9:1 on a dark
theme's window, as was Qt's own placeholder text (the text colour at half opacity)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

MINIMUM = 4.5  # WCAG 2 AA for body text
QUIET_LIGHT, QUIET_DARK = "#4b5563", "#b6bcc6"  # grey-600 on light, a light grey on dark
WARNING_LIGHT, WARNING_DARK = "#b91c1c", "#fca5a5"  # red-700 on light, red-300 on dark


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def ratio(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.2


def quiet(palette: QPalette) -> QColor:
    """Grey text for hints and things not yet written."""
    return QColor(QUIET_DARK if is_dark(palette) else QUIET_LIGHT)


def warning(palette: QPalette) -> QColor:
    """Red text for a refusal or a problem."""
    return QColor(WARNING_DARK if is_dark(palette) else WARNING_LIGHT)


def readable_placeholders(palette: QPalette) -> QPalette:
    """The palette with placeholder text as readable as hints (Qt's is 50% of the text)."""
    palette = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, quiet(palette))
    return palette


def quiet_style() -> str:
    """A style sheet for quiet text in the application's palette."""
    return f"color: {quiet(QGuiApplication.palette()).name()};"


def warning_style() -> str:
    """A style sheet for warning text in the application's palette."""
    return f"color: {warning(QGuiApplication.palette()).name()};"

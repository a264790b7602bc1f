"""The facilitator's desktop: PySide6 windows and panels over `summit_app.core`."""

from summit_app.ui.qt_compat import immortalise_singletons

immortalise_singletons()  # before any Qt call: see qt_compat for the PySide6 bug

"""The facilitator's desktop: PySide6 windows and panels over `summit_app.core`."""

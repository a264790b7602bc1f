"""PySide6 widgets: the facilitator's control window, panels and the projector window."""

"""What the room sees and what the facilitator has lined up: live and preview, as on a
vision mixer or in PowerPoint's presenter view.

Browsing, editing and selecting change only the preview. One deliberate action, `take()`
(a button and Ctrl+Enter), sends the preview live. Blank (B or period) blacks the room's
screen and brings the same scene back; freeze holds the room's picture still while the
facilitator works.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from summit_app.ui import settings

HIDE_OVERRUN_KEY = "projector/hide_overrun"
SLIDES_CORNER_KEY = "projector/slides_corner"


class Mode(StrEnum):
    BLANK = "blank"
    JOIN = "join"
    ITEM = "item"
    POLL = "poll"
    NOTES = "notes"
    QUESTION = "question"
    WORDS = "words"
    SLIDES = "slides"


MODE_LABELS = {
    Mode.JOIN: "Join",
    Mode.ITEM: "Now",
    Mode.POLL: "Poll",
    Mode.NOTES: "Notes wall",
    Mode.QUESTION: "Question",
    Mode.WORDS: "Word cloud",
    Mode.SLIDES: "Slides",
    Mode.BLANK: "Black",
}
# Scenes that show one prompt: a notes wall, a Q&A or a word cloud.
PROMPT_MODES = (Mode.NOTES, Mode.QUESTION, Mode.WORDS)


@dataclass(frozen=True)
class Scene:
    """One screen for the room: its kind and, for a poll or a notes wall, which one.

    A poll, notes, Q&A or word-cloud scene names its poll or prompt, so choosing another one
    in the control window changes only the preview. A slides scene names its deck and the
    slide (from 0).
    """

    mode: Mode = Mode.ITEM
    poll_id: int | None = None
    prompt_id: int | None = None
    deck_id: int | None = None
    slide: int = 0


class Stage(QObject):
    """The preview and live scenes, blank and freeze, and how phones join.

    Signals:
        changed(): the preview, the live scene, blank, freeze or the join address changed.
        went_live(): the facilitator sent the preview live.
    """

    changed = Signal()
    went_live = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview = Scene(Mode.JOIN)
        self.live = Scene(Mode.ITEM)  # the summit's title until an item runs
        self.blanked = False
        self.frozen = False
        self.join_url = ""
        self.join_short = ""
        self.join_moved = False  # a new address: phones that joined before must scan again
        self.hide_overrun = settings.settings().value(HIDE_OVERRUN_KEY, False, type=bool)
        # Slides fill the screen: the join corner covers them only when asked for.
        self.slides_corner = settings.settings().value(SLIDES_CORNER_KEY, False, type=bool)

    def set_preview(self, scene: Scene) -> None:
        if scene != self.preview:
            self.preview = scene
            self.changed.emit()

    def preview_mode(self, mode: Mode | str, poll_id: int | None, prompt_id: int | None) -> None:
        """Line up a kind of screen, with the poll and prompt the control window shows."""
        mode = Mode(mode)
        scene = Scene(mode)
        if mode is Mode.POLL:
            scene = replace(scene, poll_id=poll_id)
        elif mode in PROMPT_MODES:
            scene = replace(scene, prompt_id=prompt_id)
        self.set_preview(scene)

    def take(self) -> None:
        """Send the preview live: the one action that changes what the room sees."""
        self.live = self.preview
        self.blanked = self.frozen = False
        self.changed.emit()
        self.went_live.emit()

    def set_live(self, scene: Scene) -> None:
        """Change what the room sees without touching blank or freeze: the clicker moving
        through a deck (a deliberate action on the live screen itself, as in PowerPoint)."""
        if scene != self.live:
            self.live = scene
            self.changed.emit()

    def set_slides_corner(self, shown: bool) -> None:
        settings.settings().setValue(SLIDES_CORNER_KEY, shown)
        if shown != self.slides_corner:
            self.slides_corner = shown
            self.changed.emit()

    def set_blanked(self, blanked: bool) -> None:
        if blanked != self.blanked:
            self.blanked = blanked
            self.changed.emit()

    def toggle_blank(self) -> None:
        self.set_blanked(not self.blanked)

    def set_frozen(self, frozen: bool) -> None:
        if frozen != self.frozen:
            self.frozen = frozen
            self.changed.emit()

    def toggle_freeze(self) -> None:
        self.set_frozen(not self.frozen)

    def set_hide_overrun(self, hide: bool) -> None:
        settings.settings().setValue(HIDE_OVERRUN_KEY, hide)
        if hide != self.hide_overrun:
            self.hide_overrun = hide
            self.changed.emit()

    def set_join_address(self, url: str, short: str = "", moved: bool = False) -> None:
        """How phones join: the full URL (for the QR code) and, if there is one, a short
        form a person can type. Empty when phones cannot join. `moved`: the address is not
        the one phones joined on before (its port was taken): the room is told to scan again."""
        moved = moved and bool(url)
        if (url, short, moved) != (self.join_url, self.join_short, self.join_moved):
            self.join_url, self.join_short, self.join_moved = url, short, moved
            self.changed.emit()

    @property
    def join_text(self) -> str:
        """What the room reads beside the QR code: the short form, else the URL's address."""
        return self.join_short or self.join_url.split("://", 1)[-1]

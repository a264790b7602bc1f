"""The speakers' slides in the run of show: the clicker goes through a deck, then on.

While the room sees a deck (`Stage.live` is a slides scene), Next and Back (PageDown and
PageUp from a clicker, the arrow keys, the Run tab's buttons) move through its slides; past
the last slide Next starts the next agenda item, and before the first Back goes back to the
last item, as a clicker does in PowerPoint. Starting an item that has a deck shows its
first slide (its last, coming back to it); starting one without a deck while slides show
returns the room to the Now screen. The preview lines up the next slide, drawn in the
background at the projector's own size before it is asked for.

Blank and freeze stay as the facilitator set them: a click behind a black screen moves
the deck, and the room sees it when the screen comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QSize, QTimer, Signal

from summit_app.core.decks import Deck
from summit_app.ui.slide_images import SlideImages
from summit_app.ui.stage import Mode, Scene, Stage


class Slideshow(QObject):
    """Signals:
    moved(): the slide the room sees (or lines up) changed.
    """

    moved = Signal()

    def __init__(
        self,
        stage: Stage,
        images: SlideImages,
        room_size: Callable[[], QSize],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.stage = stage
        self.images = images
        self._room_size = room_size
        self._backwards = False  # the item about to start was reached by Back
        self._last_slide: dict[int, int] = {}  # where each deck was left
        stage.changed.connect(self._stage_changed)
        images.rendered.connect(self.moved)

    # -- what the room sees --------------------------------------------------------------

    def live_deck(self) -> Deck | None:
        live = self.stage.live
        return self.images.deck(live.deck_id) if live.mode is Mode.SLIDES else None

    def position(self, scene: Scene) -> str:
        """'slide 7 of 23' for a slides scene, else ''."""
        deck = self.images.deck(scene.deck_id) if scene.mode is Mode.SLIDES else None
        if deck is None:
            return ""
        return f"slide {scene.slide + 1} of {deck.pages}"

    def step(self, delta: int) -> bool:
        """Next (+1) or Back (-1) within the live deck; False when the deck has no slide
        that way (the caller then moves the day to the next or last item)."""
        self._backwards = delta < 0
        # The item this step may start hears the direction at once; later starts do not.
        QTimer.singleShot(0, self._forget_direction)
        deck = self.live_deck()
        if deck is None or delta == 0:
            return False
        target = self.stage.live.slide + delta
        if not 0 <= target < deck.pages:
            return False
        self.go_to(deck, target)
        return True

    def _forget_direction(self) -> None:
        self._backwards = False

    def go_to(self, deck: Deck, slide: int) -> None:
        """Show this slide to the room now (a thumbnail clicked, a clicker's step)."""
        slide = max(0, min(slide, deck.pages - 1))
        scene = Scene(Mode.SLIDES, deck_id=deck.id, slide=slide)
        self._last_slide[deck.id] = slide
        self.stage.set_live(scene)
        self._line_up_next(deck, slide)
        self.moved.emit()

    def item_started(self, deck: Deck | None) -> None:
        """An item started (by any way): its deck, if it has one, goes up; else slides go."""
        backwards, self._backwards = self._backwards, False
        if deck is not None:
            self.go_to(deck, deck.pages - 1 if backwards else 0)
        elif self.stage.live.mode is Mode.SLIDES:
            self.stage.set_live(Scene(Mode.ITEM))
            self.moved.emit()

    def scene_for(self, deck: Deck | None) -> Scene:
        """The slides scene the Slides button lines up: where this deck was left."""
        if deck is None:
            return Scene(Mode.SLIDES)
        return Scene(Mode.SLIDES, deck_id=deck.id, slide=self._last_slide.get(deck.id, 0))

    # -- drawing ahead -------------------------------------------------------------------

    def _line_up_next(self, deck: Deck, slide: int) -> None:
        preview = self.stage.preview
        if slide + 1 < deck.pages:
            if preview.mode in (Mode.SLIDES, Mode.ITEM) or preview == self.stage.live:
                self.stage.set_preview(Scene(Mode.SLIDES, deck_id=deck.id, slide=slide + 1))
        size = self._room_size()
        for ahead in (slide + 1, slide - 1):  # Next, or Back
            self.images.prepare(deck, ahead, size)

    def _stage_changed(self) -> None:
        live = self.stage.live
        if live.mode is Mode.SLIDES and live.deck_id is not None:
            self._last_slide[live.deck_id] = live.slide
            deck = self.images.deck(live.deck_id)
            if deck is not None:
                self.images.prepare(deck, live.slide + 1, self._room_size())


def clamp(scene: Scene, deck: Deck | None) -> Scene:
    """A slides scene whose slide exists in `deck` (a deck replaced by a shorter one)."""
    if deck is None or scene.slide < deck.pages:
        return scene
    return replace(scene, slide=deck.pages - 1)

"""Where each word of a cloud goes: the same layout on the projector and in the pack.

Words are placed biggest first, the first at the centre and each next one at the first free
spot along a spiral stretched to the area's shape; all run horizontally, so the room reads
them without tilting heads. Sizes grow with the square root of the count between a smallest
size that stays legible (at the back of the room, on the projector) and a largest; a word
that does not fit even at the smallest size is left out and counted, never drawn tiny.
The caller measures text (Qt or reportlab), so this module knows no fonts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Measure a text at a size: (width, height) in the same units as the area.
Measure = Callable[[str, float], tuple[float, float]]
SPIRAL_STEPS = 1800  # positions tried per word before it is shrunk or left out
MAX_WORDS = 40


@dataclass(frozen=True)
class Placed:
    text: str
    count: int
    size: float  # the font size it is drawn at
    x: float  # its box's left edge, from the area's left
    y: float  # its box's top edge, from the area's top
    width: float
    height: float


@dataclass(frozen=True)
class CloudLayout:
    placed: tuple[Placed, ...]
    left_out: int  # words that did not fit at a legible size


def size_for(count: int, least: int, most: int, min_size: float, max_size: float) -> float:
    if most <= least:
        return max_size if least > 1 else (min_size + max_size) / 2
    share = math.sqrt((count - least) / (most - least))
    return min_size + (max_size - min_size) * share


def layout(
    words: Sequence[tuple[str, int]],
    width: float,
    height: float,
    measure: Measure,
    min_size: float,
    max_size: float,
    gap: float = 0.0,
    max_words: int = MAX_WORDS,
) -> CloudLayout:
    """Place `words` ((text, count), most counted first) in a width x height area."""
    if width <= 0 or height <= 0 or not words:
        return CloudLayout((), len(words))
    counts = [count for _, count in words[:max_words]]
    least, most = min(counts), max(counts)
    placed: list[Placed] = []
    left_out = max(0, len(words) - max_words)
    narrowest_failed = math.inf  # at the smallest size, nothing this wide fits any more
    for text, count in words[:max_words]:
        size = size_for(count, least, most, min_size, max_size)
        spot = None
        while spot is None:
            w, h = measure(text, size)
            if size <= min_size and w >= narrowest_failed:
                break
            spot = _find_spot(placed, w, h, width, height, gap)
            if spot is None:
                if size <= min_size:
                    narrowest_failed = min(narrowest_failed, w)
                    break
                size = max(min_size, size * 0.8)
        if spot is None:
            left_out += 1
            continue
        placed.append(Placed(text, count, size, spot[0], spot[1], w, h))
    return CloudLayout(tuple(placed), left_out)


def _find_spot(
    placed: list[Placed], w: float, h: float, width: float, height: float, gap: float
) -> tuple[float, float] | None:
    if w > width or h > height:
        return None
    cx, cy = width / 2, height / 2
    stretch = width / height
    step = max(2.0, min(w, h) / 6)
    for n in range(SPIRAL_STEPS):
        angle = n * 0.3
        radius = step * angle / (2 * math.pi) * 2
        x = cx + radius * math.cos(angle) * stretch - w / 2
        y = cy + radius * math.sin(angle) - h / 2
        if x < 0 or y < 0 or x + w > width or y + h > height:
            if radius > (height + h) / 2 and radius * stretch > (width + w) / 2:
                return None  # the spiral has left the area on every side
            continue
        if all(
            x + w + gap <= p.x or p.x + p.width + gap <= x or y + h + gap <= p.y
            or p.y + p.height + gap <= y
            for p in placed
        ):  # fmt: skip
            return x, y
    return None

"""A chart or a word cloud of the Word edition as a picture, as the PDF draws it (each
label in full on the left, its bar, its figure on the right; stacked bars under a legend
for an agreement scale; the cloud laid out as on the projector), drawn with Pillow in the
bundled font, as a PNG Word shows anywhere.

The figures are the pack model's, as in the PDF and HTML; the picture's alternative text
(set by the renderer) states them, and the table of figures follows it.
"""

from __future__ import annotations

import zlib
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from summit_app.core.cloud_layout import layout
from summit_app.export.model import Chart, Cloud
from summit_app.resources import FONTS

SCALE = 2  # pixels a point: sharp when printed, small as a PNG
WIDTH_PT = 453  # the text width between the A4 page's 25 mm margins
LABEL_SHARE, FIGURE_SHARE = 0.46, 0.24
STACKED_LABEL_SHARE, STACKED_FIGURE_SHARE = 0.36, 0.3
SIZE, LEADING, BAR, PAD = 9, 11.5, 8, 4  # points, as in the PDF
INK, MUTED, RULE, TRACK, BAR_COLOUR = "#1f2933", "#56606d", "#cfd6df", "#eef1f5", "#2a7f9e"
SCALE_COLOURS = ("#c2410c", "#f59e0b", "#cbd5e1", "#60a5fa", "#1d4ed8")


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, `WIDTH_PT` points wide at `SCALE` pixels a point."""
    font = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), SIZE * SCALE)
    stacked = bool(chart.legend)
    label_w = WIDTH_PT * (STACKED_LABEL_SHARE if stacked else LABEL_SHARE)
    figure_w = WIDTH_PT * (STACKED_FIGURE_SHARE if stacked else FIGURE_SHARE)
    bar_w = WIDTH_PT - label_w - figure_w - 12
    rows = [
        (_lines(bar.label, font, label_w - 8), _lines(bar.figure, font, figure_w - 8), bar)
        for bar in chart.bars
    ]
    legend = LEADING + PAD if stacked else 0
    heights = [max(len(label), len(figure)) * LEADING + 2 * PAD for label, figure, _ in rows]
    image = Image.new("RGB", (_px(WIDTH_PT), _px(legend + sum(heights))), "white")
    draw = ImageDraw.Draw(image)
    if stacked:
        x = label_w + 6
        for level, name in enumerate(chart.legend):
            colour = SCALE_COLOURS[level % len(SCALE_COLOURS)]
            draw.rectangle(_box(x, 2, 8, 8), fill=colour)
            draw.text((_px(x + 12), _px(1)), name, font=font, fill=MUTED)
            x += 24 + draw.textlength(name, font=font) / SCALE
    y = legend
    for (label, figure, bar), height in zip(rows, heights, strict=True):
        for i, line in enumerate(label):
            draw.text((0, _px(y + PAD + i * LEADING)), line, font=font, fill=INK)
        for i, line in enumerate(figure):
            place = (_px(WIDTH_PT - figure_w), _px(y + PAD + i * LEADING))
            draw.text(place, line, font=font, fill=MUTED)
        x, top = label_w + 6, y + PAD + (LEADING - BAR) / 2
        draw.rectangle(_box(x, top, bar_w, BAR), fill=TRACK)
        for level, part in enumerate(bar.parts):
            length = max(0.0, min(1.0, part)) * bar_w
            if length > 0:
                colour = SCALE_COLOURS[level % len(SCALE_COLOURS)] if stacked else BAR_COLOUR
                draw.rectangle(_box(x, top, length, BAR), fill=colour)
                x += length
        y += height
        draw.line([(0, _px(y) - 1), (image.width, _px(y) - 1)], fill=RULE, width=1)
    draw.line([(_px(label_w), _px(legend)), (_px(label_w), image.height)], fill=RULE, width=1)
    return _png(image)


def _png(image: Image.Image) -> bytes:
    """The picture as a PNG of 64 colours: its few flat colours and their anti-aliased
    edges look the same, the file is a third the size, and it is written in a tenth of the
    time (a long day's 33 charts took 1.3 s with zlib's best effort on full colour)."""
    palette = image.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = BytesIO()
    palette.save(buffer, "PNG")
    return buffer.getvalue()


def _lines(text: str, font: ImageFont.FreeTypeFont, width_pt: float) -> list[str]:
    """`text` wrapped to `width_pt` at word boundaries (a word too long stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width_pt * SCALE:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _px(points: float) -> int:
    return round(points * SCALE)


def _box(x: float, y: float, width: float, height: float) -> tuple[int, int, int, int]:
    return (_px(x), _px(y), max(_px(x + width) - 1, _px(x)), _px(y + height) - 1)


CLOUD_WIDTH, CLOUD_HEIGHT = 453, 194  # points: the HTML's 560 by 240 at the text's width
CLOUD_COLOURS = ("#92400e", "#1d4ed8", "#15803d", "#be185d", "#6d28d9", "#0e7490")
BOLD = "DejaVuSans-Bold.ttf"


def cloud_png(cloud: Cloud) -> bytes:
    """The word cloud laid out by `core.cloud_layout`, as on the projector, the PDF and the
    HTML page, measured in the bundled bold font, as PNG bytes."""
    fonts: dict[int, ImageFont.FreeTypeFont] = {}

    def font(size: float) -> ImageFont.FreeTypeFont:
        key = round(size * SCALE)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(FONTS / BOLD), key)
        return fonts[key]

    def measure(text: str, size: float) -> tuple[float, float]:
        return font(size).getlength(text) / SCALE + 2, size * 1.2

    placed = layout(list(cloud.words), CLOUD_WIDTH, CLOUD_HEIGHT, measure, 13.0, 36.0, gap=2.0)
    image = Image.new("RGB", (_px(CLOUD_WIDTH), _px(CLOUD_HEIGHT)), "white")
    draw = ImageDraw.Draw(image)
    for word in placed.placed:
        colour = CLOUD_COLOURS[zlib.crc32(word.text.encode()) % len(CLOUD_COLOURS)]
        draw.text((_px(word.x + 1), _px(word.y)), word.text, font=font(word.size), fill=colour)
    return _png(image)

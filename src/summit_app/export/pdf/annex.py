"""The annex's slides in the PDF: the speakers' own pages, vector, so their text stays sharp
and searchable.

reportlab lays the annex out like any page (its heading, each slide's box and caption, the
running header and footer, the contents' page numbers): a `SlideBox` keeps the room and
notes where on which page it was drawn. Once the pack is built, pypdf draws each slide's
page into its box (`merge_slides`): the deck's page scaled as a whole, never a picture of
it. The pack's outline, links and metadata are kept as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError
from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from summit_app.export.model import Heading, Para, Part, Run, Slide
from summit_app.export.pdf.flow import HeadingPara
from summit_app.export.pdf.story import heading_flowable
from summit_app.export.pdf.styles import FRAME_HEIGHT, FRAME_WIDTH, RULE
from summit_app.export.pdf.text import markup, plain

# The tallest a slide's box may be: one to a page leaves room for its heading and caption;
# two to a page, for both captions.
MAX_HEIGHT = {1: 0.72 * FRAME_HEIGHT, 2: 0.40 * FRAME_HEIGHT}


@dataclass(frozen=True)
class Placed:
    """Where a slide was drawn: the page (from 1) and its box in the page's points."""

    page: int
    x: float
    y: float
    width: float
    height: float
    slide: Slide


class SlideBox(Flowable):
    """The room a slide takes on the page, with a hairline round it; the slide goes in it
    after the build (`merge_slides`)."""

    def __init__(self, slide: Slide, per_page: int) -> None:
        super().__init__()
        self.slide = slide
        width = FRAME_WIDTH
        height = width * slide.height / slide.width
        if height > MAX_HEIGHT[per_page]:
            height = MAX_HEIGHT[per_page]
            width = height * slide.width / slide.height
        self.box = (width, height)
        self.placed: Placed | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.box

    def draw(self) -> None:
        width, height = self.box
        left = (FRAME_WIDTH - width) / 2
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setLineWidth(0.5)
        canvas.rect(left, 0, width, height, stroke=1, fill=1)
        canvas.restoreState()
        x, y = canvas.absolutePosition(left, 0)
        self.placed = Placed(canvas.getPageNumber(), x, y, width, height, self.slide)


def annex_story(part: Part, s: StyleSheet1, per_page: int) -> list[Flowable]:
    """The annex's flowables: each deck under its heading, each slide above its caption;
    one slide to a page, or two."""
    story: list[Flowable] = [
        PageBreak(),
        HeadingPara(markup((Run(part.title),)), s["H1"], part.anchor, part.title, 0),
    ]
    on_page = 0  # slides on the current page since the last break
    for block in part.blocks:
        if isinstance(block, Heading):
            if on_page and per_page == 1:
                story.append(PageBreak())
                on_page = 0
            elif on_page:
                story.append(CondPageBreak(0.5 * FRAME_HEIGHT))  # a heading above its slide
            story.append(heading_flowable(block, s))
        elif isinstance(block, Para):
            story.append(plain(block.text, s["Caption"]))
        elif isinstance(block, Slide):
            if per_page == 1 and on_page:
                story.append(PageBreak())
                on_page = 0
            caption = Paragraph(markup((Run(block.caption),)), s["Caption"])
            story.append(KeepTogether([SlideBox(block, per_page), Spacer(1, 4), caption]))
            story.append(Spacer(1, 10))
            on_page += 1
        else:
            raise TypeError(f"The PDF's annex cannot print a {type(block).__name__}.")
    return story


def merge_slides(pdf: bytes, placed: list[Placed]) -> bytes:
    """The pack with each slide's own page drawn into the box it was given."""
    if not placed:
        return pdf
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    decks: dict[int, PdfReader] = {}  # one reader a deck (its slides share one bytes)
    for where in placed:
        try:
            _merge(writer, decks, where)
        except (PyPdfError, ValueError, KeyError, IndexError):
            # A deck PDFium read but pypdf cannot: its box stays empty above its caption,
            # and the rest of the pack is printed.
            continue
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _merge(writer: PdfWriter, decks: dict[int, PdfReader], where: Placed) -> None:
    slide = where.slide
    reader = decks.get(id(slide.pdf))
    if reader is None:
        reader = decks[id(slide.pdf)] = PdfReader(BytesIO(slide.pdf))
    page = reader.pages[slide.page]
    box = page.mediabox
    scale = min(where.width / float(box.width), where.height / float(box.height))
    shift_x = where.x + (where.width - float(box.width) * scale) / 2
    shift_y = where.y + (where.height - float(box.height) * scale) / 2
    move = (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(scale)
        .translate(shift_x, shift_y)
    )
    writer.pages[where.page - 1].merge_transformed_page(page, move)

"""The pack renderer: page templates, running header and footer, and the story.

Modelled on pretix's invoice renderer: `stylesheet()`, `story(data)`, `on_page()`,
fonts registered once, rendering into a BytesIO.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from summit_app.export import closing, discussion, front
from summit_app.export.data import PackData, long_date
from summit_app.export.flow import Heading, define_page_form, headings
from summit_app.export.fonts import BOLD, FALLBACK, REGULAR
from summit_app.export.styles import ACCENT, MARGIN, MUTED, PAGE, RULE, TOP
from summit_app.export.styles import stylesheet as make_stylesheet
from summit_app.export.text import clean, runs, shorten

PAGE_COUNT_FORM = "page_count"


class PackDoc(BaseDocTemplate):
    """Notes the page of every contents heading and adds it to the PDF outline."""

    def __init__(self, buffer: BytesIO, **kw: object) -> None:
        super().__init__(buffer, **kw)
        self.pages: dict[str, int] = {}
        self._outline_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.pages.setdefault(flowable.toc_key, self.page)
            self.canv.bookmarkPage(flowable.toc_key)
            # The outline cannot skip a level (a sub-heading with no heading above it).
            level = min(flowable.toc_level, self._outline_level + 1)
            self._outline_level = level
            self.canv.addOutlineEntry(shorten(flowable.toc_title, 120), flowable.toc_key, level)


class PackRenderer:
    def __init__(self, data: PackData) -> None:
        self.data = data
        self.styles = self.stylesheet()
        self.entries: list[tuple[str, str, int]] = []  # the contents: (key, title, level)

    def stylesheet(self) -> StyleSheet1:
        return make_stylesheet()

    def story(self, data: PackData) -> list[Flowable]:
        s = self.styles
        body: list[Flowable] = []
        body += front.introduction(data, s)
        body += front.agenda(data, s)
        for number, section in enumerate(data.sections, start=1):
            body += [PageBreak(), *discussion.section_story(number, section, s)]
        for part in (closing.participation, closing.actions, closing.what_we_heard):
            flowables = part(data, s)
            if flowables:
                body += [PageBreak(), *flowables]
        body += closing.thanks(data, s)
        if not data.sections and not data.polls:
            body.append(front.empty_note(s))
        self.entries = [(h.toc_key, h.toc_title, h.toc_level) for h in headings(body)]
        return [
            # Set before the cover so that a cover too long for one page goes on with the
            # running header rather than another cover band.
            NextPageTemplate("body"),
            *front.cover(data, s),
            PageBreak(),
            *front.contents(self.entries, s),
            PageBreak(),
            *body,
        ]

    # -- pages ---------------------------------------------------------------------------

    def on_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = PAGE
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 38 * mm, width, 38 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(BOLD, 11)
        canvas.drawString(MARGIN, height - 30 * mm, "WRITE-UP PACK")
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 8)
        exported = self.data.exported_at.strftime("%d %B %Y")
        canvas.drawString(MARGIN, 14 * mm, f"Write-up pack exported on {exported}")
        canvas.restoreState()

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Running header (the summit's title) and footer (page N of M, date)."""
        width, height = PAGE
        canvas.saveState()
        canvas.setFont(BOLD, 8)
        canvas.setFillColor(ACCENT)
        title = " ".join(clean(self.data.info.title).split())
        _draw_runs(canvas, MARGIN, height - 13 * mm, _fit(title, width - 2 * MARGIN - 50 * mm))
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(
            width - MARGIN, height - 13 * mm, _fit(clean(long_date(self.data.info.date)), 45 * mm)
        )
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - 15 * mm, width - MARGIN, height - 15 * mm)
        canvas.line(MARGIN, 15 * mm, width - MARGIN, 15 * mm)
        label = f"Page {doc.page} of "
        canvas.drawString(MARGIN, 10 * mm, label)
        canvas.translate(MARGIN + canvas.stringWidth(label, REGULAR, 8), 10 * mm)
        canvas.doForm(PAGE_COUNT_FORM)  # the total, filled in once it is known
        canvas.restoreState()

    def render(self) -> bytes:
        buffer = BytesIO()
        info = self.data.info
        doc = PackDoc(
            buffer,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=22 * mm,
            title=clean(info.title),
            author=clean(info.organisers) or "Summit",
            subject="Write-up pack",
            creator="Summit",
        )
        # No frame padding: FRAME_WIDTH is then exactly the width tables and charts may use.
        frame = Frame(
            MARGIN,
            22 * mm,
            PAGE[0] - 2 * MARGIN,
            PAGE[1] - TOP - 22 * mm,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates(
            [
                PageTemplate("cover", frames=[frame], onPage=self.on_cover),
                PageTemplate("body", frames=[frame], onPage=self.on_page),
            ]
        )
        story = self.story(self.data)
        doc._doSave = 0  # noqa: SLF001 - fill in the forward-referenced forms before saving
        doc.build(story)
        canvas = doc.canv
        for key, *_ in self.entries:
            define_page_form(canvas, key, doc.pages.get(key))
        canvas.beginForm(PAGE_COUNT_FORM, 0, -2, 40, 10)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, str(doc.page))
        canvas.endForm()
        canvas.showOutline()
        canvas.save()
        return buffer.getvalue()


def _fit(text: str, width: float) -> str:
    while text and _width(text) > width:
        text = shorten(text, len(text) - 2)
    return text


def _width(text: str) -> float:
    """Width of `text` in the header's 8 pt bold, emoji measured in the fallback font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(run, FALLBACK if sym else BOLD, 8) for sym, run in runs(text))


def _draw_runs(canvas: Canvas, x: float, y: float, text: str) -> None:
    """The header's title in 8 pt bold, emoji from the fallback font (a canvas has no fallback).

    One text object, so a PDF reader's text gives the title back as one line.
    """
    line = canvas.beginText(x, y)
    for symbols, run in runs(text):
        line.setFont(FALLBACK if symbols else BOLD, 8)
        line.textOut(run)
    canvas.drawText(line)

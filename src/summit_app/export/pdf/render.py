"""`render_pdf(pack) -> bytes`: page templates, running header and footer, the cover and
contents, and the document's metadata.

Modelled on pretix's invoice renderer: `stylesheet()`, `story(pack)`, `on_page()`, fonts
registered once, rendering into a BytesIO. One pass: the contents' page numbers and the
"of N" in the footer are forms filled in after the story is laid out.

Accessibility: the PDF declares its language (`/Lang`), shows its title rather than its
file name (`DisplayDocTitle`), carries XMP metadata (title, author, language), has an
outline of every part and listed heading, and every text is real text in reading order.
reportlab cannot write a tagged PDF (no structure tree, so no `/Alt` on charts and no
reading order a screen reader can trust beyond the page's own): the HTML edition is the
accessible one, as GOV.UK's guidance prefers.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from summit_app.export.model import Pack, Run, Slide
from summit_app.export.pdf.annex import Placed, SlideBox, annex_story, merge_slides
from summit_app.export.pdf.flow import ContentsLine, HeadingPara, define_page_form
from summit_app.export.pdf.fonts import BOLD, REGULAR
from summit_app.export.pdf.log import font_log
from summit_app.export.pdf.story import part_story
from summit_app.export.pdf.styles import (
    ACCENT,
    BOTTOM,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN,
    MUTED,
    PAGE,
    RULE,
    TOP,
)
from summit_app.export.pdf.styles import stylesheet as make_stylesheet
from summit_app.export.pdf.text import paragraph, plain, safe
from summit_app.export.typeset import heading
from summit_app.export.typeset import xml_escape as escape

LOGO_BOX = (70 * mm, 24 * mm)  # the largest a logo is drawn on the cover, its shape kept

PAGE_COUNT_FORM = "page_count"
__all__ = ["font_log", "render_pdf"]


def render_pdf(pack: Pack) -> bytes:
    """The pack as a PDF."""
    return PackRenderer(pack).render()


class PackDoc(BaseDocTemplate):
    """Notes the page of every heading with an anchor and adds it to the PDF outline."""

    def __init__(self, buffer: BytesIO, **kw: object) -> None:
        super().__init__(buffer, **kw)
        self.pages: dict[str, int] = {}
        self.slides: list[Placed] = []  # the annex's slides, drawn in after the build
        self._outline_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, SlideBox) and flowable.placed is not None:
            self.slides.append(flowable.placed)
        if isinstance(flowable, HeadingPara) and flowable.anchor:
            self.pages.setdefault(flowable.anchor, self.page)
            if flowable.outline_level is not None:
                # The outline cannot skip a level (a sub-heading with no heading above it).
                level = min(flowable.outline_level, self._outline_level + 1)
                self._outline_level = level
                self.canv.addOutlineEntry(flowable.title, flowable.anchor, level)


class PackRenderer:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.styles = self.stylesheet()
        self.header = self._header()

    def stylesheet(self) -> StyleSheet1:
        return make_stylesheet()

    def story(self, pack: Pack) -> list[Flowable]:
        s = self.styles
        body: list[Flowable] = []
        for part in pack.parts:
            if any(isinstance(block, Slide) for block in part.blocks):
                body += annex_story(part, s, pack.slides_per_page)
            else:
                body += part_story(part, s)
        return [
            # Set before the cover so that a cover too long for one page goes on with the
            # running header rather than another cover band.
            NextPageTemplate("body"),
            *self.cover(pack),
            PageBreak(),
            *self.contents(pack),
            *body,
        ]

    def cover(self, pack: Pack) -> list[Flowable]:
        s = self.styles
        # The title's last word never alone on its line (a no-break space before it).
        title = heading(pack.title)
        story: list[Flowable] = [Spacer(1, 60 * mm)]
        if pack.logo is not None:
            # Within the same 60 mm above the title, so a pack looks the same with or without.
            logo = Image(BytesIO(pack.logo.image), LOGO_BOX[0], LOGO_BOX[1], kind="proportional")
            logo.hAlign = "LEFT"
            story = [Spacer(1, 28 * mm), logo, Spacer(1, 32 * mm - logo.drawHeight)]
        story.append(plain(title, s["CoverTitle"]))
        for line in (pack.date, pack.venue):
            if line.strip():
                story.append(plain(line, s["CoverLine"]))
        if pack.organisers.strip():
            story += [Spacer(1, 10 * mm), Paragraph("Organised by", s["Small"])]
            story.append(plain(pack.organisers, s["CoverLine"]))
        if pack.edition:
            story += [Spacer(1, 10 * mm), plain(pack.edition, s["CoverLine"])]
        return story

    def contents(self, pack: Pack) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [Paragraph("Contents", s["H1"])]
        for anchor, title, level in pack.contents():
            style = s["Toc"] if level == 0 else s["TocSub"]
            story.append(ContentsLine(anchor, safe(title), style))
        return story

    # -- pages ---------------------------------------------------------------------------

    def _header(self) -> Paragraph:
        """The running header's title on one line, shortened with an ellipsis if need be."""
        style = self.styles["HeaderTitle"]
        title = self.pack.title
        while True:
            para = paragraph((Run(title, bold=True),), style)
            _, height = para.wrap(FRAME_WIDTH - 50 * mm, 100)
            if height <= style.leading * 1.01 or len(title) < 4:
                return para
            title = title[: len(title) - max(len(title) // 8, 2)].rstrip(" \u2026") + "\u2026"

    def on_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = PAGE
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 38 * mm, width, 38 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(BOLD, 11)
        canvas.drawString(MARGIN, height - 30 * mm, "WRITE-UP PACK")
        canvas.restoreState()

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Running header (the summit's title and date) and footer (page N of M)."""
        width, height = PAGE
        canvas.saveState()
        self.header.drawOn(canvas, MARGIN, height - 13 * mm - 2)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN, height - 13 * mm, self.pack.date[:40])
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
        pack = self.pack
        doc = PackDoc(
            buffer,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=pack.title,
            author=pack.organisers or "Summit",
            subject=f"Write-up pack: {pack.title}",
            creator="Summit",
            lang=pack.language,
            displayDocTitle=1,
        )
        # No frame padding: FRAME_WIDTH is then exactly the width tables and charts may use.
        frame = Frame(
            MARGIN,
            BOTTOM,
            FRAME_WIDTH,
            FRAME_HEIGHT,
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
        story = self.story(pack)
        doc._doSave = 0  # noqa: SLF001 - fill in the forward-referenced forms before saving
        doc.build(story)
        canvas = doc.canv
        for anchor, _, level in pack.contents():
            define_page_form(canvas, anchor, doc.pages.get(anchor), 11 if level == 0 else 10)
        canvas.beginForm(PAGE_COUNT_FORM, 0, -2, 40, 10)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, str(doc.page))
        canvas.endForm()
        canvas.setViewerPreference("DisplayDocTitle", "true")
        canvas._doc.Catalog.Metadata = XMP(creator=lambda _doc: xmp(pack).encode("utf-8"))  # noqa: SLF001
        canvas.showOutline()
        canvas.save()
        return merge_slides(buffer.getvalue(), doc.slides)


def xmp(pack: Pack) -> str:
    """XMP metadata: what a catalogue or a screen reader reads before opening the pack."""
    title, author = escape(pack.title), escape(pack.organisers or "Summit")
    lang = escape(pack.language)
    created = pack.exported_at.isoformat(timespec="seconds")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Write-up pack: {title}</rdf:li>
    </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:CreatorTool>Summit</xmp:CreatorTool>
   <pdf:Producer>Summit with ReportLab</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

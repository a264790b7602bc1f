"""`render_docx(pack) -> bytes`: the pack as a Word document, for the team that finishes in Word.

Word's own structure throughout, so navigation, restyling and accessibility checks work:
the Title style, Heading 1 for each part and Heading 2 to 4 below it, List Bullet and List
Number (each numbered list counting from its own start), Quote, Caption, and tables with a
header row that repeats across pages, a caption, and alternative text (`tblCaption`,
`tblDescription`). A chart or a word cloud is a picture (drawn as in the PDF) whose
alternative text states its figures; a cloud's table of top words follows it. The
document's language is set for Word's spelling and for screen readers; right-to-left
paragraphs are marked so.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from summit_app.export.model import (
    Block,
    Bullets,
    Chart,
    Cloud,
    Heading,
    Pack,
    Para,
    Part,
    Run,
    Slide,
    Table,
    Tone,
)
from summit_app.export.slide_pictures import slide_png
from summit_app.export.typeset import printable
from summit_app.export.word.charts import chart_png, cloud_png
from summit_app.export.word.tables import table_xml
from summit_app.export.word.xml import W, elements, paragraph_xml

MUTED = RGBColor(0x4F, 0x59, 0x66)
ACCENT = RGBColor(0x1D, 0x4E, 0x89)
INK = RGBColor(0x1F, 0x29, 0x33)
LOGO_HEIGHT, LOGO_WIDTH = Mm(24), Mm(70)  # as on the PDF cover
# The settings that come after w:updateFields in the schema's sequence (CT_Settings).
SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def render_docx(pack: Pack) -> bytes:
    doc = Document()
    _without_styles_with_effects(doc)
    _settings(doc, pack)
    body = Body(doc)
    _cover(body, pack)
    _contents(body, pack)
    for part in pack.parts:
        _part(body, part)
    body.flush()
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class Body:
    """The document's body, written in order as WordprocessingML text and parsed in
    batches, each element placed before the body's section properties: the time per block
    stays the same however long the pack (python-docx searches the whole body on each
    insertion, which made a long day's export grow with the square of its notes)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        # Style ids looked up once, not among every style on each paragraph.
        self.styles = {s.name: s.style_id for s in doc.styles}
        self._end = doc.element.body.find(qn("w:sectPr"))
        self._pending: list[str] = []
        self._bookmarks = 0

    def add(self, xml: str) -> None:
        self._pending.append(xml)

    def para(self, runs, style: str | None = None, **options) -> None:
        """A paragraph of `runs` (or of one plain text) in the style named `style`."""
        if isinstance(runs, str):
            runs = (Run(runs),)
        self.add(paragraph_xml(runs, self.styles[style] if style else "", **options))

    def bookmark(self, name: str) -> tuple[int, str]:
        """A new bookmark (id, name) for a heading, so links and the contents can go to it."""
        self._bookmarks += 1
        return self._bookmarks, re.sub(r"[^A-Za-z0-9_]", "_", name)[:40]

    def flush(self) -> None:
        for element in elements(self._pending) if self._pending else ():
            self._end.addprevious(element)
        self._pending = []

    def paragraph(self) -> Paragraph:
        """An empty paragraph at the end, as python-docx's object (for a picture)."""
        self.flush()
        element = parse_xml(f"<w:p {W}/>")
        self._end.addprevious(element)
        return Paragraph(element, self.doc._body)  # noqa: SLF001


def _without_styles_with_effects(doc) -> None:
    """python-docx's template carries Word 2010's second copy of the styles, which the
    styles set below (and the header's and footer's) would leave out of step with the
    first: Word treats such a file as damaged. Word 2010 and later make it again if needed."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def _settings(doc, pack: Pack) -> None:
    props = doc.core_properties
    props.title = printable(pack.title)
    props.author = printable(pack.organisers) or "Summit"
    props.subject = "Write-up pack"
    props.language = pack.language
    props.comments = printable(f"Write-up pack of {pack.title}, exported by Summit.")
    props.created = pack.exported_at
    # The language of every run by default, for spelling and for screen readers.
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), pack.language)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    for name in ("Caption",):
        doc.styles[name].font.color.rgb = MUTED
        doc.styles[name].font.italic = False
    # The PDF's accent for the title and headings, not Word 2010's blues.
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "TOC Heading"):
        doc.styles[name].font.color.rgb = ACCENT if name != "Heading 4" else INK
    _page(doc, pack)
    _metadata(doc, pack)


def _page(doc, pack: Pack) -> None:
    """A4 with the PDF's margins, the summit's title in the header, page X of Y below."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True  # the cover has neither
    head = section.header.paragraphs[0]
    head.text = printable(pack.title)
    for run in head.runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(8), True, ACCENT
    foot = section.footer.paragraphs[0]
    for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
        if piece.isupper():
            _simple_field(foot, piece)
        else:
            foot.add_run(piece)
    for run in foot.runs:
        run.font.size, run.font.color.rgb = Pt(8), MUTED


def _simple_field(paragraph, instruction: str) -> None:
    """A field Word computes (the page number, the number of pages)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _metadata(doc, pack: Pack) -> None:
    """The pack's own properties, not python-docx's template's ("python-docx", "Microsoft
    Macintosh Word", a date in 2013)."""
    props = doc.core_properties
    props.last_modified_by = "Summit"
    props.modified = pack.exported_at
    props.category = "Write-up pack"
    props.keywords = "summit; write-up"
    props.revision = 1
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            blob = part.blob.decode("utf-8")
            blob = re.sub(
                r"<Application>[^<]*</Application>", "<Application>Summit</Application>", blob
            )
            blob = re.sub(r"<Template>[^<]*</Template>", "", blob)
            part._blob = blob.encode("utf-8")  # noqa: SLF001 - a plain part: its bytes


def _cover(body: Body, pack: Pack) -> None:
    if pack.logo is not None:
        run = body.paragraph().add_run()
        picture = run.add_picture(BytesIO(pack.logo.image), height=LOGO_HEIGHT)
        if picture.width > LOGO_WIDTH:  # a wide logo: its width bounds it instead
            picture.height = int(picture.height * LOGO_WIDTH / picture.width)
            picture.width = LOGO_WIDTH
        picture._inline.docPr.set("descr", printable(pack.logo_alt))
    body.para(pack.title, "Title")
    for line in (pack.date, pack.venue):
        if line:
            body.para(line, "Subtitle")
    if pack.organisers:
        body.para(f"Organised by {pack.organisers}")
    if pack.edition:
        body.para(pack.edition, "Subtitle")


def _contents(body: Body, pack: Pack) -> None:
    """Word's table of contents field, its entries already in place (Word adds the page
    numbers when it updates the field: References › Update Table)."""
    body.para("Contents", "TOC Heading")
    body.add(_field('TOC \\o "1-2" \\h \\z \\u', "begin"))
    for _anchor, title, level in pack.contents():
        body.para(title, "List Continue" if level else None)
    body.add(_field("", "end"))
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # In the schema's place: Word ignores, or "repairs", a setting out of order.
    body.doc.settings.element.insert_element_before(update, *SETTINGS_AFTER_UPDATE_FIELDS)


def _field(instruction: str, which: str) -> str:
    """A paragraph that begins a complex field (its instruction, then its result) or ends it."""
    if which == "begin":
        return (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText'
            f' xml:space="preserve">{instruction}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
        )
    return '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'


def _part(body: Body, part: Part) -> None:
    mark = body.bookmark(part.anchor)
    body.para(part.title, "Heading 1", page_break=part.new_page, bookmark=mark)
    for block in part.blocks:
        _block(body, block)


def _block(body: Body, block: Block) -> None:
    if isinstance(block, Heading):
        mark = body.bookmark(block.anchor) if block.anchor else None
        body.para(block.text, f"Heading {min(block.level, 9)}", bookmark=mark)
    elif isinstance(block, Para):
        style = {Tone.QUOTE: "Quote", Tone.CAPTION: "Caption"}.get(block.tone)
        colour = str(MUTED) if block.tone is Tone.BYLINE else ""
        body.para(block.runs, style, colour=colour)
    elif isinstance(block, Bullets):
        _list(body, block)
    elif isinstance(block, Table):
        _table(body, block)
    elif isinstance(block, Chart):
        # The chart as a picture whose alternative text states the figures; the data
        # appendix has its table.
        _picture(body, chart_png(block), block.title, block.alt)
    elif isinstance(block, Cloud):
        _picture(body, cloud_png(block), block.title, block.alt)
        _table(body, block.data)
    elif isinstance(block, Slide):
        # The slide as a picture whose alternative text is the slide's own text.
        _picture(body, slide_png(block), block.caption, block.alt)
    else:
        raise TypeError(f"The Word edition cannot print a {type(block).__name__} yet.")


def _list(body: Body, block: Bullets) -> None:
    if block.ordered:
        num_id = _new_numbering(body.doc, block.start)
        for item in block.items:
            body.para(item, "List Number", num_id=num_id)
    else:
        for item in block.items:
            body.para(item, "List Bullet")


def _new_numbering(doc, start: int) -> int:
    """A numbering instance of the List Number style that counts from `start`."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _table(body: Body, block: Table) -> None:
    if block.caption:
        body.para(block.caption, "Caption", keep_next=True)
    styles = body.styles
    body.add(
        table_xml(
            block,
            styles["Light Grid Accent 1"],
            block.caption,
            block.caption,
            styles["List Bullet"],
        )
    )
    body.add("<w:p/>")


def _picture(body: Body, png: bytes, title: str, alt: str) -> None:
    """A picture at the text's width under its caption, with its alternative text."""
    body.para(title, "Caption", keep_next=True)  # never a caption alone under a page
    paragraph = body.paragraph()
    paragraph.paragraph_format.keep_together = True
    picture = paragraph.add_run().add_picture(BytesIO(png), width=Mm(160))
    picture._inline.docPr.set("descr", printable(alt)[:4000])  # noqa: SLF001
    picture._inline.docPr.set("title", printable(title))  # noqa: SLF001

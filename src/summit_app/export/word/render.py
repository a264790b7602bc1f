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
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from summit_app.export.model import (
    Block,
    Bullets,
    Chart,
    Cloud,
    Heading,
    Inline,
    Pack,
    Para,
    Part,
    Slide,
    Table,
    Tone,
)
from summit_app.export.slide_pictures import slide_png
from summit_app.export.typeset import printable
from summit_app.export.word.charts import chart_png, cloud_png
from summit_app.export.word.tables import table_element

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
MUTED = RGBColor(0x4F, 0x59, 0x66)
ACCENT = RGBColor(0x1D, 0x4E, 0x89)
INK = RGBColor(0x1F, 0x29, 0x33)
LOGO_HEIGHT, LOGO_WIDTH = Mm(24), Mm(70)  # as on the PDF cover


def render_docx(pack: Pack) -> bytes:
    doc = Document()
    # Style ids looked up once: python-docx looks a style name up among every style on
    # each paragraph it adds, which took 3 of a long day's 6 seconds.
    doc._summit_styles = {s.name: s.style_id for s in doc.styles}  # noqa: SLF001
    _settings(doc, pack)
    _cover(doc, pack)
    _contents(doc, pack)
    for part in pack.parts:
        _part(doc, part)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


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


def _add(container, style: str | None = None, text: str = "", doc=None):
    """A paragraph at the end of `container` in the style named `style`."""
    paragraph = container.add_paragraph(printable(text))
    if style is not None:
        paragraph._p.style = (doc or container)._summit_styles[style]  # noqa: SLF001
    return paragraph


def _cover(doc, pack: Pack) -> None:
    if pack.logo is not None:
        run = doc.add_paragraph().add_run()
        picture = run.add_picture(BytesIO(pack.logo.image), height=LOGO_HEIGHT)
        if picture.width > LOGO_WIDTH:  # a wide logo: its width bounds it instead
            picture.height = int(picture.height * LOGO_WIDTH / picture.width)
            picture.width = LOGO_WIDTH
        picture._inline.docPr.set("descr", printable(pack.logo_alt))
    _add(doc, "Title", pack.title)
    for line in (pack.date, pack.venue):
        if line:
            _add(doc, "Subtitle", line)
    if pack.organisers:
        _add(doc, None, f"Organised by {pack.organisers}")
    if pack.edition:
        _add(doc, "Subtitle", pack.edition)


def _contents(doc, pack: Pack) -> None:
    """Word's table of contents field, its entries already in place (Word adds the page
    numbers when it updates the field: References › Update Table)."""
    _add(doc, "TOC Heading", "Contents")
    paragraph = doc.add_paragraph()
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "begin")
    for _anchor, title, level in pack.contents():
        entry = _add(doc, "List Continue" if level else None)
        entry.add_run(printable(title))
    end = doc.add_paragraph()
    _field(end, "", "end")
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _field(paragraph, instruction: str, which: str) -> None:
    run = paragraph.add_run()
    if which == "begin":
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        run._r.append(begin)
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        paragraph.add_run()._r.append(text)
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        paragraph.add_run()._r.append(separate)
    else:
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run._r.append(end)


def _part(doc, part: Part) -> None:
    head = _add(doc, "Heading 1", part.title)
    if part.new_page:
        head.paragraph_format.page_break_before = True
    _bookmark(head, part.anchor)
    for block in part.blocks:
        _block(doc, block)


def _block(doc, block: Block) -> None:
    if isinstance(block, Heading):
        head = _add(doc, f"Heading {min(block.level, 9)}", block.text)
        _bidi(head, block.text)
        if block.anchor:
            _bookmark(head, block.anchor)
    elif isinstance(block, Para):
        _para(doc, block)
    elif isinstance(block, Bullets):
        _list(doc, block)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Chart):
        # The chart as a picture whose alternative text states the figures; the data
        # appendix has its table.
        _picture(doc, chart_png(block), block.title, block.alt)
    elif isinstance(block, Cloud):
        _picture(doc, cloud_png(block), block.title, block.alt)
        _table(doc, block.data)
    elif isinstance(block, Slide):
        # The slide as a picture whose alternative text is the slide's own text.
        _picture(doc, slide_png(block), block.caption, block.alt)
    else:
        raise TypeError(f"The Word edition cannot print a {type(block).__name__} yet.")


def _para(doc, block: Para, container=None):
    style = {Tone.QUOTE: "Quote", Tone.CAPTION: "Caption"}.get(block.tone)
    paragraph = _add(container or doc, style, doc=doc)
    _runs(paragraph, block.runs, muted=block.tone is Tone.BYLINE)
    _bidi(paragraph, block.text)
    return paragraph


def _list(doc, block: Bullets, container=None) -> None:
    style = "List Number" if block.ordered else "List Bullet"
    for index, item in enumerate(block.items):
        paragraph = _add(container or doc, style, doc=doc)
        _runs(paragraph, item)
        _bidi(paragraph, "".join(r.text for r in item))
        if block.ordered:
            if index == 0:
                num_id = _new_numbering(doc, block.start)
            _set_numbering(paragraph, num_id)


def _new_numbering(doc, start: int) -> int:
    """A numbering instance of the List Number style that counts from `start`."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _set_numbering(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _runs(paragraph, runs: Inline, muted: bool = False) -> None:
    for run in runs:
        lines = run.text.split("\n")
        for i, line in enumerate(lines):
            piece = paragraph.add_run(printable(line))
            piece.bold = run.bold or None
            piece.italic = run.italic or None
            if muted:
                piece.font.color.rgb = MUTED
            if i < len(lines) - 1:
                piece.add_break(WD_BREAK.LINE)
            if _RTL.search(line):
                rtl = OxmlElement("w:rtl")
                piece._r.get_or_add_rPr().append(rtl)


def _table(doc, block: Table, title: str = "", description: str = "") -> None:
    if block.caption or title:
        _add(doc, "Caption", title or block.caption)
    style = doc._summit_styles["Light Grid Accent 1"]  # noqa: SLF001
    bullets = doc._summit_styles["List Bullet"]  # noqa: SLF001
    element = table_element(
        block, style, title or block.caption, description or block.caption, bullets
    )
    doc.element.body._insert_tbl(element)  # noqa: SLF001 - python-docx's own way in
    doc.add_paragraph()


def _picture(doc, png: bytes, title: str, alt: str) -> None:
    """A picture at the text's width under its caption, with its alternative text."""
    _add(doc, "Caption", title)
    paragraph = _add(doc, None)
    paragraph.paragraph_format.keep_together = True
    picture = paragraph.add_run().add_picture(BytesIO(png), width=Mm(160))
    picture._inline.docPr.set("descr", printable(alt)[:4000])  # noqa: SLF001
    picture._inline.docPr.set("title", printable(title))  # noqa: SLF001


def _bidi(paragraph, text: str) -> None:
    if _RTL.search(text):
        paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))


_BOOKMARKS: dict[str, int] = {}


def _bookmark(paragraph, name: str) -> None:
    """A bookmark on the heading, so links and the contents can go to it."""
    ident = str(_BOOKMARKS.setdefault(name, len(_BOOKMARKS) + 1))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), re.sub(r"[^A-Za-z0-9_]", "_", name)[:40])
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    # After the paragraph's properties: the schema wants pPr first, and Word drops a pPr
    # that comes later (the heading loses its style, the navigation pane empties).
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)

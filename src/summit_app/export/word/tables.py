"""Tables of the Word edition, written as WordprocessingML directly.

python-docx builds a table cell by cell through its object model, which took a long day's
160 tables 2 seconds; the same XML written in one go takes a few milliseconds. Each table
has its style, a header row that repeats on every page, alternative text (`tblCaption`,
`tblDescription`) and right-aligned figures; a group row spans the table.
"""

from __future__ import annotations

from summit_app.export.model import Bullets, Para, Rich, Run, Table
from summit_app.export.typeset import xml_attribute as quoteattr
from summit_app.export.word.xml import W, paragraph_xml

TEXT_WIDTH = 9070  # twips between the A4 page's 25 mm margins (16 cm)
# Twips a character takes at 11 pt in bold: DejaVu Sans's width, where Word has no Calibri
# (LibreOffice split "Acute care" as "Acut|e" at 135).
CHAR = 155


def column_widths(block: Table) -> list[int]:
    """Figures as wide as their longest entry or heading word; text shares the rest."""
    widths: list[int] = []
    for c, col in enumerate(block.columns):
        if col.numeric:
            longest = max(
                [len(w) for w in col.title.split()]
                + [len(row[c]) for row in block.rows if isinstance(row[c], str)],
                default=4,
            )
            widths.append(min(max(CHAR * longest + 250, 800), 2400))
        else:
            widths.append(0)
    free = TEXT_WIDTH - sum(widths)
    text = [i for i, w in enumerate(widths) if w == 0]
    for i in text:
        widths[i] = max(free // len(text), 1200)
    return widths


def table_xml(
    block: Table, style_id: str, caption: str, description: str, bullet_style: str = ""
) -> str:
    """The table's `<w:tbl>`; `bullet_style` (the List Bullet style's id) makes a bulleted list in
    a cell (a theme's summary) a real list, as in the body."""
    cols = block.columns
    widths = column_widths(block)
    alt = "".join(
        f"<w:{tag} w:val={quoteattr(text[:4000])}/>"
        for tag, text in (("tblCaption", caption), ("tblDescription", description))
        if text
    )
    out = [
        f"<w:tbl {W}><w:tblPr><w:tblStyle w:val={quoteattr(style_id)}/>"
        # Fixed layout: Word and LibreOffice keep the widths below instead of sharing the
        # page equally between the columns (elements in the schema's order).
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        f' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>{alt}</w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    head = "".join(
        _cell(w, paragraph_xml((Run(c.title, bold=True),), right=c.numeric))
        for c, w in zip(cols, widths, strict=True)
    )
    # A header row without a value: the schema's on/off here is "on" or "off", not "true".
    out.append(f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>")
    for r, row in enumerate(block.rows):
        if r in block.group_rows:
            span = f'<w:gridSpan w:val="{len(cols)}"/>'
            cell = _cell(sum(widths), _content(row[0], bold=True), span)
            out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>")
            continue
        cells = "".join(
            _cell(w, _content(v, right=c.numeric, bullet_style=bullet_style))
            for v, c, w in zip(row, cols, widths, strict=True)
        )
        # A row of short cells is never split across pages (a row's last words alone at
        # the top of a page); a row of paragraphs (a theme's summary) may be taller than one.
        whole = "" if any(isinstance(v, Rich) for v in row) else "<w:trPr><w:cantSplit/></w:trPr>"
        out.append(f"<w:tr>{whole}{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell(width: int, content: str, extra: str = "") -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{content}</w:tc>'


def _content(value, bold: bool = False, right: bool = False, bullet_style: str = "") -> str:
    if isinstance(value, str):
        return paragraph_xml((Run(value, bold=bold),), right=right)
    if isinstance(value, Rich):
        paragraphs = []
        for block in value.blocks:
            if isinstance(block, Para):
                paragraphs.append(paragraph_xml(block.runs))
            elif isinstance(block, Bullets) and bullet_style and not block.ordered:
                paragraphs += [paragraph_xml(item, bullet_style) for item in block.items]
            elif isinstance(block, Bullets):
                for i, item in enumerate(block.items):
                    mark = f"{block.start + i}. " if block.ordered else "\u2022 "
                    paragraphs.append(paragraph_xml((Run(mark), *item)))
        return "".join(paragraphs) or "<w:p/>"
    return paragraph_xml(value, right=right)

"""The governance pack (export/governance.py) as a Word document the organisation finishes.

Word's own structure: the Title style, Heading 1 for each section, List Number for the data
flow's steps, tables with a header row that repeats across pages, and blanks in square
brackets highlighted so none is missed.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from summit_app.core import Summit
from summit_app.export.dates import long_date
from summit_app.export.governance import BLANK, Code, Facts, Section, Table, facts, sections
from summit_app.export.pack import ExportError
from summit_app.export.typeset import printable


def render_governance(f: Facts) -> bytes:
    doc = Document()
    props = doc.core_properties
    props.title = printable(f"Governance pack: {f.title}")
    props.author = printable(f.organisers) or "Summit"
    props.subject = "Data protection: inventory, data flow, DPIA answers, IT note"
    props.created = f.exported_at
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(printable(f"Governance pack: {f.title}"), style="Title")
    doc.add_paragraph(
        printable(
            f"For the information governance lead, the DPIA and the IT team. Prepared by"
            f" Summit from the summit file on {long_date(f.exported_at)}."
        )
    )
    for section in sections(f):
        _section(doc, section)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _section(doc, section: Section) -> None:
    doc.add_heading(printable(section.title), level=1)
    for text in section.paragraphs:
        if isinstance(text, Code):
            doc.add_paragraph().add_run(printable(text.text)).font.name = "Consolas"
        else:
            _para(doc, text)
    for text in section.steps:
        _para(doc, text, "List Number")
    if section.table is not None:
        _table(doc, section.table)
    for text in section.after:
        _para(doc, text)


def _para(doc_or_cell, text: str, style: str | None = None):
    paragraph = doc_or_cell.add_paragraph(style=style) if style else doc_or_cell.add_paragraph()
    _runs(paragraph, text)
    return paragraph


def _runs(paragraph, text: str) -> None:
    """The text, with each blank highlighted in yellow."""
    for n, piece in enumerate(printable(text).split(BLANK)):
        if n:
            paragraph.add_run(BLANK).font.highlight_color = WD_COLOR_INDEX.YELLOW
        if piece:
            paragraph.add_run(piece)


def _table(doc, table: Table) -> None:
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(printable(title)).bold = True
    _repeat_header(grid.rows[0])
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _runs(cell.paragraphs[0], text)
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(printable(table.caption))
    _describe(grid, table.caption)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()  # noqa: SLF001
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _describe(grid, caption: str) -> None:
    """The table's title for screen readers (Word's Alt Text)."""
    props = grid._tbl.tblPr  # noqa: SLF001
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), printable(caption))
    props.append(element)


def write_governance(summit: Summit, target: Path, encrypted: bool = False) -> Path:
    """The governance pack of `summit` as a Word document at `target`."""
    data = render_governance(facts(summit, encrypted))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as error:
        raise ExportError(
            f"The governance pack could not be written to {target}: {error.strerror}."
        ) from error
    return target


def default_governance(summit_path: Path) -> Path:
    """exports/<summit name>-governance.docx beside the summit file."""
    return summit_path.parent / "exports" / f"{summit_path.stem}-governance.docx"

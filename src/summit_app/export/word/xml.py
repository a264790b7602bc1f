"""WordprocessingML paragraphs written as text, for the body and the tables alike.

python-docx adds a paragraph through its object model (a style looked up by XPath, each
run's properties found or made, each insertion searching the body for its end), which
took most of a long day's Word export and grew with the square of its length; the same
XML as one string is parsed in microseconds. Elements follow the schema's order
(`pPr`: pStyle, keepNext, keepLines, pageBreakBefore, numPr, bidi, jc; `rPr`: b, i,
color, rtl), which Word insists on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from summit_app.export.model import Inline, Run
from summit_app.export.typeset import xml_attribute as quoteattr
from summit_app.export.typeset import xml_escape as escape

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
W = nsdecls("w")


def paragraph_xml(
    runs: Inline,
    style: str = "",
    *,
    right: bool = False,
    num_id: int | None = None,
    page_break: bool = False,
    keep_next: bool = False,
    keep_lines: bool = False,
    colour: str = "",
    bookmark: tuple[int, str] | None = None,
) -> str:
    """One `<w:p>`: `style` is a style id, `num_id` a numbering instance (a numbered list's
    item), `keep_next` keeps it on the page of what follows (a caption with its picture),
    `colour` the runs' colour ('4F5966'), `bookmark` (id, name) spans the text."""
    text = "".join(r.text for r in runs)
    props = (
        (f"<w:pStyle w:val={quoteattr(style)}/>" if style else "")
        + ("<w:keepNext/>" if keep_next else "")
        + ("<w:keepLines/>" if keep_lines else "")
        + ("<w:pageBreakBefore/>" if page_break else "")
        + (
            f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            if num_id is not None
            else ""
        )
        + ("<w:bidi/>" if RTL.search(text) else "")
        + ('<w:jc w:val="right"/>' if right else "")
    )
    out = [f"<w:p><w:pPr>{props}</w:pPr>" if props else "<w:p>"]
    if bookmark is not None:
        out.append(f'<w:bookmarkStart w:id="{bookmark[0]}" w:name={quoteattr(bookmark[1])}/>')
    out += [run_xml(run, colour) for run in runs]
    if bookmark is not None:
        out.append(f'<w:bookmarkEnd w:id="{bookmark[0]}"/>')
    out.append("</w:p>")
    return "".join(out)


def run_xml(run: Run, colour: str = "") -> str:
    """A run of text: one `<w:r>` a line, a line break between them, tabs as Word's."""
    base = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
    base += f'<w:color w:val="{colour}"/>' if colour else ""
    out = []
    for i, line in enumerate(run.text.split("\n")):
        rpr = base + ("<w:rtl/>" if RTL.search(line) else "")
        body = "<w:tab/>".join(
            f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in line.split("\t")
        )
        out.append(
            f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{'<w:br/>' if i else ''}{body}</w:r>"
        )
    return "".join(out)


def elements(fragments: Iterable[str]) -> list:
    """The elements of several `<w:p>` or `<w:tbl>` strings, parsed in one go."""
    return list(parse_xml(f"<w:body {W}>{''.join(fragments)}</w:body>"))

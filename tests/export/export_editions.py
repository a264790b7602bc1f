"""Reading each edition of a pack back as its reader would: the text of the PDF, of the HTML
page (what a browser shows) and of the Word document (paragraphs and tables, in order)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx
from export_pdfutil import flat, letters, pdf_text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("style", "svg", "title", "head"):
            self.skip += 1

    def handle_endtag(self, tag) -> None:
        if tag in ("style", "svg", "title", "head"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return flat(" ".join(parser.parts))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            out.append(" ".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
    return flat(" ".join(out))


def edition_texts(pdf: Path, html: Path, word: Path) -> dict[str, str]:
    return {
        "pdf": flat(letters(pdf_text(pdf))).replace("\u00a0", " "),
        "html": html_text(html).replace("\u00a0", " "),
        "docx": docx_text(word).replace("\u00a0", " "),
    }

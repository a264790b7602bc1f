"""The pack's annex of slides: the demo's findings deck as the slides' own vector pages in
the PDF (their text read back, the pages looked at as pictures), pictures with the slides'
text as their alternative in the HTML and Word editions, listed in the contents; a pack
with no slides chosen has no annex."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.commands.decks import add_deck, set_annex_per_page, set_annex_slide
from summit_app.core.model import ItemKind, SummitInfo
from summit_app.export.cli import write_all

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/sample_decks.py
from sample_decks import deck  # noqa: E402

ROOT = Path(__file__).parents[2]


def _annex_pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        texts = [page.extract_text() or "" for page in document.pages]
    first = next(i for i, t in enumerate(texts) if "Annex: slides\nThe slides referred" in t)
    return texts[first:]


def test_the_demo_pack_carries_the_findings_slides_as_vector_pages(demo_editions, tmp_path):
    annex = _annex_pages(demo_editions["pdf"])
    text = "\n".join(annex)
    # The slides' own words, as text (not a picture of them): pdfplumber reads them back.
    assert "Nine core messages (1 to 3)" in text and "Nine core messages (7 to 9)" in text
    assert "psychological safety" in text and "Who we heard from" in text
    assert "Slide 3 of 6: The nine core messages, 1 to 3" in text
    assert len(annex) == 2 + ("About this pack" in annex[-1] and "Slide" not in annex[-1])
    with pdfplumber.open(demo_editions["pdf"]) as document:
        contents = document.pages[1].extract_text()
    assert "Annex: slides" in contents
    assert "What have we heard? Findings of our engagement programme" in contents
    outline = [str(entry.title) for entry in _flat(PdfReader(demo_editions["pdf"]).outline)]
    assert "Annex: slides" in outline
    # Looked at as a picture: the slide's navy title band is drawn in its box.
    pages = len(PdfReader(demo_editions["pdf"]).pages)
    first = pages - len(annex) + 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", str(first), "-l", str(first),
         str(demo_editions["pdf"]), str(tmp_path / "annex")],
        check=True,
    )  # fmt: skip
    picture = Image.open(next(tmp_path.glob("annex*.png"))).convert("RGB")
    navy = picture.tobytes().count(bytes((29, 53, 87)))  # near enough: pixels of the band
    assert navy > 0.03 * picture.width * picture.height


def _flat(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from _flat(entry)
        else:
            yield entry


def test_the_html_and_word_show_each_slide_with_its_own_text_as_alternative(demo_editions):
    html = demo_editions["html"].read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="slide".*?</figure>', html)
    assert len(figures) == 4
    assert 'src="data:image/png;base64,' in figures[1]
    alt = re.search(r'alt="([^"]*)"', figures[1]).group(1)
    assert alt.startswith("Nine core messages (1 to 3)") and "ICS exists" in alt
    assert "<figcaption" in figures[1] and "The nine core messages, 1 to 3" in figures[1]
    assert '<a href="#annex">Annex: slides</a>' in html or 'href="#annex"' in html
    word = docx.Document(str(demo_editions["docx"]))
    described = [
        element.get("descr")
        for element in word.element.body.iter()
        if element.tag.endswith("}docPr") and "core messages" in (element.get("descr") or "")
    ]
    assert len(described) == 3 and "psychological safety" in described[2]


def test_one_or_two_slides_to_a_page_and_no_annex_without_slides(tmp_path: Path):
    path = tmp_path / "day.summit"
    with Summit.create(path, SummitInfo(title="Day")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Keynote", ItemKind.TALK, 20)
        summit.agenda.add_speaker(item.id, "Dr A", "Chair", "", ["Why we are here"])
        targets = {"pdf": tmp_path / "none.pdf"}
        write_all(summit, targets)
        with pdfplumber.open(targets["pdf"]) as document:
            assert not any("Annex" in (p.extract_text() or "") for p in document.pages)
        deck_id = add_deck(summit, item.id, deck(4, "Keynote"), "keynote.pdf").value.id
        for page in range(4):
            set_annex_slide(summit, deck_id, page, True, f"Caption {page + 1}")
        counts = {}
        for per_page in (1, 2):
            set_annex_per_page(summit, per_page)
            target = tmp_path / f"{per_page}.pdf"
            write_all(summit, {"pdf": target})
            annex = _annex_pages(target)
            counts[per_page] = sum("Keynote " in page for page in annex)
            assert "Slide 4 of 4: Caption 4" in "\n".join(annex)
    assert counts == {1: 4, 2: 2}


@pytest.mark.slow
def test_the_demo_deck_in_the_repository_is_what_its_script_makes():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_findings_deck.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_a_deck_damaged_in_the_file_is_left_out_of_the_pack_not_a_traceback(tmp_path: Path):
    import sqlite3

    path = tmp_path / "day.summit"
    with Summit.create(path, SummitInfo(title="Day")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Keynote", ItemKind.TALK, 20)
        deck_id = add_deck(summit, item.id, deck(3, "Keynote"), "keynote.pdf").value.id
        set_annex_slide(summit, deck_id, 1, True, "The middle slide")
    with sqlite3.connect(path) as raw:  # a bad disk turns one byte of the deck's PDF
        raw.execute("UPDATE deck_files SET pdf = CAST(zeroblob(64) || substr(pdf, 65) AS BLOB)")
    with Summit.open(path) as summit:
        write_all(summit, {"pdf": tmp_path / "pack.pdf", "html": tmp_path / "pack.html"})
    with pdfplumber.open(tmp_path / "pack.pdf") as document:
        assert not any("Annex" in (p.extract_text() or "") for p in document.pages)
    assert 'class="slide"' not in (tmp_path / "pack.html").read_text(encoding="utf-8")

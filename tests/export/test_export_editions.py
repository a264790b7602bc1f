"""The three editions of the pack, each as its reader gets it: the HTML in Chromium under
axe-core, the PDF's metadata as a screen reader or catalogue reads it, the Word file opened
again with python-docx. And what no edition may do: interpret text as markup."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from axe_playwright_python.sync_playwright import Axe
from export_editions import docx_text, edition_texts, html_text
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.cli import write_all
from summit_app.export.pack import build_pack

CHROMIUM = "/usr/bin/chromium"
TRICKY_BLOCK = (
    "Plain <b>not bold</b> and **really bold** then <para>para</para> & *quite* 🎉\n"
    "- a <i>list</i> item with **bold** in it\n"
    "- 5 * 3 is a lone star ** here"
)


def editions(summit: Summit, folder: Path, name: str = "pack") -> dict[str, Path]:
    targets = {e: folder / f"{name}.{e}" for e in ("pdf", "html", "docx")}
    write_all(summit, targets)
    return targets


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A summit whose every text is as awkward as people make it."""
    folder = tmp_path_factory.mktemp("tricky")
    info = SummitInfo(title="Our day <b>&</b> “more” — مرحبا", organisers="Team <i>A</i>")
    with Summit.create(folder / "tricky.summit", info) as summit:
        section = summit.agenda.add_section("Talk <i>back</i> & forth", "**Welcome** all.")
        summit.writeup.add_block(section.id, TRICKY_BLOCK, title="Notes <para>")
        item = summit.agenda.add_item(section.id, "Open floor", "discussion", 30)
        prompt = summit.agenda.add_prompt(item.id, "What <matters> to you?")
        theme = summit.notes.add_theme(prompt.id, "A&B", "Summary with </para> & **bold**")
        for text in ("<b>note</b> & 😀", "שלום לכולם", "नमस्ते सभी को", "会議は良かった"):
            summit.notes.add_note(prompt.id, text, theme_id=theme.id)
        poll = summit.polls.add_poll(item.id, "Pick <one>", "single", ["<b>A</b>", "B & C"])
        summit.polls.open_poll(poll.id)
        for group in ("Nursing",) * 6:
            summit.polls.cast_ballot(poll.id, summit.people.join(group).id, {poll.options[0].id: 1})
        summit.polls.close_poll(poll.id)
        qa = summit.agenda.add_prompt(item.id, "Questions <for> us", "questions")
        summit.questions.ask(qa.id, "Why <script>?")
        cloud = summit.agenda.add_prompt(item.id, "One word?", "words")
        for word in ("Hope", "שלום", "hope"):
            summit.words.add_word(cloud.id, word)
        return editions(summit, folder)


@pytest.mark.browser
@pytest.mark.parametrize("which", ["demo", "tricky"])
def test_the_html_edition_passes_axe_core_in_chromium(
    which: str, tricky: dict[str, Path], demo_editions: dict[str, Path]
) -> None:
    page_file = (demo_editions if which == "demo" else tricky)["html"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for width in (1200, 390):  # a laptop and a phone
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_file.as_uri())
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()
                assert page.evaluate("document.scripts.length") == 0
                # One file: nothing is fetched from anywhere.
                assert page.evaluate("performance.getEntriesByType('resource').length") == 0
                page.close()
        finally:
            browser.close()


def test_the_html_is_semantic_and_self_contained(demo_editions: dict[str, Path]) -> None:
    html = demo_editions["html"].read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert html.count("<h1") == 1 and "<nav aria-labelledby" in html and "<main>" in html
    assert '<th scope="col"' in html and "<caption>" in html
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="[^"]+-title [^"]+-desc"', html)
    # Each chart's figures are in a table beside it; the annex's slides are pictures.
    slides = html.count('<figure class="slide"')
    assert html.count("<figure") - slides == html.count('<div class="chart"><svg')
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_the_pdf_declares_its_language_title_and_metadata(demo_editions: dict[str, Path]) -> None:
    reader = PdfReader(demo_editions["pdf"])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "South East London Clinical and Care Professional Leadership Summit" in xmp
    assert "<rdf:li>en-GB</rdf:li>" in xmp
    assert reader.metadata.title.startswith("South East London Clinical")
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == [
        "Introduction",
        "Agenda",
    ]


def test_the_word_file_opens_with_its_headings_lists_and_tables(
    demo_editions: dict[str, Path],
) -> None:
    document = docx.Document(str(demo_editions["docx"]))
    styles = [p.style.name for p in document.paragraphs]
    heading1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert heading1[:3] == ["Introduction", "Agenda", heading1[2]]
    assert heading1[2].startswith("Section 1: What does effective")
    assert "Heading 2" in styles and "Heading 3" in styles
    assert document.core_properties.title.startswith("South East London Clinical")
    assert document.core_properties.language == "en-GB"
    assert styles.count("List Number") >= 18  # the objectives and both sets of core messages
    assert "List Bullet" in styles
    # Each numbered list counts from its own start: the two sets of nine messages too.
    numbers = {
        p._p.pPr.numPr.numId.val
        for p in document.paragraphs
        if p.style.name == "List Number" and p._p.pPr.numPr is not None
    }
    assert len(numbers) >= 3
    table = document.tables[0]
    assert table.rows[0].cells[0].text == "Planned"
    assert (
        table._tbl.tblPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblCaption"
        )
        is not None
    )


def test_markup_prints_literally_and_bold_prints_bold_in_every_edition(
    tricky: dict[str, Path],
) -> None:
    texts = edition_texts(tricky["pdf"], tricky["html"], tricky["docx"])
    for edition, text in texts.items():
        for literal in (
            "Plain <b>not bold</b> and really bold then <para>para</para> & quite 🎉",
            "a <i>list</i> item with bold in it",
            "5 * 3 is a lone star ** here",
            "Talk <i>back</i> & forth",
            "What <matters> to you?",
            "<b>note</b> & 😀",
            "Pick <one>",
            "<b>A</b>",
        ):
            assert literal in text, (edition, literal)
        assert "**" not in text.replace("lone star ** here", ""), edition
    # Bold where the team typed **…**, and nowhere else.
    html = tricky["html"].read_text(encoding="utf-8")
    assert "<strong>really bold</strong>" in html and "<em>quite</em>" in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html and "<b>" not in html
    word = docx.Document(str(tricky["docx"]))
    runs = [r for p in word.paragraphs for r in p.runs]
    assert any(r.text == "really bold" and r.bold for r in runs)
    assert all(not r.bold for r in runs if "<b>not bold</b>" in r.text)
    with pdfplumber.open(tricky["pdf"]) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    line = "".join(c["text"] for c in chars)
    start = line.index("really bold")
    assert all("Bold" in c["fontname"] for c in chars[start : start + 11])
    literal = line.index("<b>not bold</b>")
    assert not any("Bold" in c["fontname"] for c in chars[literal : literal + 15])


def test_no_group_smaller_than_the_threshold_is_shown_anywhere_the_csv_included(
    tmp_path: Path,
) -> None:
    groups = ["Nursing"] * 7 + ["Pharmacy"] + ["Social care"] * 2 + ["Mental health"] * 6
    with Summit.create(tmp_path / "g.summit", SummitInfo(title="Groups")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "Vote", "vote")
        poll = summit.polls.add_poll(item.id, "Pick", "single", ["Triage", "Access"])
        summit.polls.open_poll(poll.id)
        for i, group in enumerate(groups):
            person = summit.people.join(group)
            summit.polls.cast_ballot(poll.id, person.id, {poll.options[i % 2].id: 1})
        paths = editions(summit, tmp_path)
        pack = build_pack(summit)
        write_all(summit, {"csv": tmp_path / "csv"})
    shown = [
        cell
        for part in pack.parts
        for block in part.blocks
        for cell in (
            [c.title for c in block.columns] + [str(r[0]) for r in block.rows]
            if hasattr(block, "columns")
            else [b.label + " " + b.figure for b in getattr(block, "bars", ())]
        )
    ]
    sizes = [int(n) for text in shown for n in re.findall(r"\((\d+)\)", text)]
    assert sizes and min(sizes) >= 5
    assert any("Other groups (3)" in s for s in shown) is False  # 1 + 2 is still too few
    assert any(s.startswith("Other groups") for s in shown)
    for text in edition_texts(paths["pdf"], paths["html"], paths["docx"]).values():
        assert "Pharmacy" not in text and "Social care" not in text
        assert "Other groups" in text and "Nursing (7)" in text
    with (tmp_path / "csv" / "ballots.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    # A ballot row is one person's whole vote: the lone pharmacist's would be theirs to read.
    assert {row["group"] for row in rows} == {"Nursing", "Other groups"}
    assert sum(row["group"] == "Other groups" for row in rows) == 1 + 2 + 6  # grown as the pack's


def test_scripts_print_in_their_own_fonts(tricky: dict[str, Path]) -> None:
    fonts = set()
    for page in PdfReader(tricky["pdf"]).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "NotoSansDevanagari-Regular", "Symbola"} <= fonts
    assert any("Hei" in f or "Fallback" in f for f in fonts), fonts  # the computer's CJK font


def test_html_and_word_text_agree_with_the_pdf(tricky: dict[str, Path]) -> None:
    assert "שלום לכולם" in html_text(tricky["html"])
    assert "नमस्ते सभी को" in docx_text(tricky["docx"])


def test_questions_and_word_clouds_print_in_every_edition(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "a.summit", SummitInfo(title="Audience")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("Panel").id, "Q&A", "talk")
        qa = summit.agenda.add_prompt(item.id, "Questions for the panel", "questions")
        words = summit.agenda.add_prompt(item.id, "One word for today?", "words")
        people = [summit.people.join() for _ in range(4)]
        first = summit.questions.ask(qa.id, "How will <b>funding</b> work?")
        summit.questions.ask(qa.id, "Who leads in each borough?")
        summit.agenda.open_prompt(qa.id)  # upvotes are taken while the Q&A is open
        for person in people[:3]:
            summit.questions.upvote(first.id, person.id)
        summit.agenda.open_prompt(None)
        hidden = summit.questions.ask(qa.id, "Off-topic: parking")
        summit.questions.set_hidden(hidden.id, True)
        for text in ("Hopeful", "hopeful", "Tired", "Hopeful ", "Energised"):
            summit.words.add_word(words.id, text)
        paths = editions(summit, tmp_path)
    for edition, text in edition_texts(paths["pdf"], paths["html"], paths["docx"]).items():
        assert "How will <b>funding</b> work? 3" in text, edition
        assert "Who leads in each borough?" in text and "parking" not in text, edition
        assert "Hopeful 3 answers" in text or "Hopeful 3" in text, edition
        assert "Energised" in text and "Tired" in text, edition

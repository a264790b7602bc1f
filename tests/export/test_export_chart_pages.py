"""A key vote's chart stays on one page: nine bars near the foot of a page move over whole,
rather than 7 + 2 across the break (finding 12 of the second stage rehearsal)."""

from __future__ import annotations

from pypdf import PdfReader
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from summit_app.export.model import Bar, Chart, Column, Table
from summit_app.export.pdf.charts import chart_flowable
from summit_app.export.pdf.styles import BOTTOM, FRAME_HEIGHT, FRAME_WIDTH, MARGIN, PAGE, stylesheet

LABELS = [f"Initiative {n}: a sentence long enough to read as an option" for n in range(1, 10)]


def _chart(bars: int) -> Chart:
    return Chart(
        "Which initiatives first?",
        "A chart",
        tuple(Bar(LABELS[n % 9] + f" ({n})", (0.15,), "15% · 15 votes") for n in range(bars)),
        Table((Column("Option"), Column("Votes")), ()),
    )


def _pages(tmp_path, chart: Chart, above: float) -> list[str]:
    path = tmp_path / "chart.pdf"
    doc = BaseDocTemplate(str(path), pagesize=PAGE)
    frame = Frame(MARGIN, BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0)
    doc.addPageTemplates([PageTemplate("body", frames=[frame])])
    doc.build([Spacer(FRAME_WIDTH, above), chart_flowable(chart, stylesheet())])
    return [page.extract_text() for page in PdfReader(path).pages]


def test_a_nine_bar_chart_near_the_foot_of_a_page_moves_over_whole(tmp_path):
    pages = _pages(tmp_path, _chart(9), FRAME_HEIGHT - 180)
    assert len(pages) == 2
    assert "Initiative" not in pages[0]
    assert all(f"({n})" in pages[1] for n in range(9))


def test_a_chart_too_long_for_a_page_still_splits_between_bars(tmp_path):
    pages = _pages(tmp_path, _chart(40), FRAME_HEIGHT - 180)
    assert "Initiative" in pages[0]
    assert all(f"({n})" in "".join(pages) for n in range(40))


def test_a_polls_heading_question_and_caption_go_over_with_its_chart(tmp_path):
    # A rehearsal found the vote's heading, question and caption at a page's foot and its
    # chart overleaf: a reader turning the page met nine bars with no question.
    from summit_app.export.model import Heading, Para, Part, Run, Tone
    from summit_app.export.pdf.story import part_story

    filler = tuple(
        Para((Run(f"Paragraph {n} of the discussion before the vote."),)) for n in range(20)
    )
    part = Part(
        "Section 3",
        "s3",
        (
            *filler,
            Heading("Which initiatives first?", 2),
            Para((Run("The question: which would most help us?"),)),
            Para((Run("Each person could pick up to 3 options."),), Tone.CAPTION),
            _chart(9),
        ),
        new_page=False,
    )
    path = tmp_path / "vote.pdf"
    doc = BaseDocTemplate(str(path), pagesize=PAGE)
    frame = Frame(MARGIN, BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0)
    doc.addPageTemplates([PageTemplate("body", frames=[frame])])
    doc.build(part_story(part, stylesheet()))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]
    assert len(pages) == 2, pages
    (page,) = [p for p in pages if "(0)" in p]  # the chart's first bar
    for words in ("Which initiatives first?", "The question:", "could pick up to 3"):
        assert words in page, (words, pages)

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

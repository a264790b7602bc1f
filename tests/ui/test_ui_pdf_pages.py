"""The previews' pages, drawn by PDFium: fitted to the width, drawn when in sight, a page
jumped to is the page shown, and its text can be read (to find a heading)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from summit_app.core.templates import create_from_template
from summit_app.export.pack import render_pack
from summit_app.ui.pdf_pages import GAP, PdfPages


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("pdf") / "demo.summit"
    with create_from_template(path, "demo") as summit:
        return render_pack(summit)


def test_pages_in_sight_are_drawn_and_a_jump_shows_its_page(qtbot, demo_pdf):
    pages = PdfPages()
    qtbot.addWidget(pages)
    pages.resize(420, 600)
    pages.show()
    pages.load(demo_pdf)
    assert pages.page_count() > 10
    image = pages.grab().toImage()
    ink = [
        image.pixelColor(x, y)
        for x in range(GAP, 400, 7)
        for y in range(GAP, 590, 7)
        if image.pixelColor(x, y) != QColor("white")
    ]
    assert len(ink) > 50  # the cover's band and title, not an empty page
    pages.jump(6)
    qtbot.waitUntil(lambda: pages.verticalScrollBar().value() > 0)
    assert pages.current_page() == 6
    assert pages.page_text(0).split()  # the cover has words
    assert pages.page_text(6) != pages.page_text(0)
    pages.resize(600, 600)  # wider: the page in view stays in view
    qtbot.waitUntil(lambda: pages.current_page() == 6)


def test_nothing_loaded_shows_nothing(qtbot, demo_pdf):
    pages = PdfPages()
    qtbot.addWidget(pages)
    pages.load(demo_pdf)
    pages.load(None)
    assert pages.page_count() == 0
    assert pages.current_page() == 0

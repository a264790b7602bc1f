"""Pages of the demo summit's write-up pack, as pictures: every page of the PDF, the HTML
edition in Chromium at a laptop's and a phone's width, and the export dialog.

    PYTHONPATH=src python docs/pack/make_pages.py

Run on purpose (tests never write here). Needs poppler's pdftoppm and Debian's chromium.
Writes all-pages.png (every page of the PDF on one sheet), the pages named in
docs/pack/README.md (72 dpi), html-laptop.png, html-phone.png and export-dialog.png; with
--pages DIR, every page of the PDF as DIR/page-NN.png too, to look at one by one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402

from summit_app.core import Summit  # noqa: E402
from summit_app.core.templates import create_from_template  # noqa: E402
from summit_app.export.cli import write_all  # noqa: E402

OUT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
# Pages worth a name of their own: (file, first words that find the page, what it shows).
CHOSEN = (
    ("01-cover.png", "WRITE-UP PACK", "the cover"),
    ("02-contents.png", "Contents", "the contents"),
    ("03-speakers.png", "Angela Helleur", "speakers' prose"),
    ("04-core-messages.png", "nine core messages.", "the core messages as discussed"),
    ("05-ranking.png", "Rank the nine core messages emerging", "the ranking"),
    ("06-vote.png", "Which of these would most help", "the nine initiatives"),
    ("07-closing.png", "Personal commitments", "commitments and the thank-you"),
    ("08-what-have-we-heard.png", "What we heard\nStart with the why", "What have we heard?"),
    ("09-groups.png", "How each group voted", "who took part and how groups voted"),
)


def main() -> None:
    every = Path(sys.argv[sys.argv.index("--pages") + 1]) if "--pages" in sys.argv else None
    work = Path(tempfile.mkdtemp(prefix="summit-pack-"))
    try:
        summit_path = work / "demo.summit"
        create_from_template(summit_path, "demo").close()
        targets = {e: work / f"demo.{e}" for e in ("pdf", "html", "docx")}
        with Summit.open(summit_path) as summit:
            write_all(summit, targets)
        pages = pdf_pages(targets["pdf"], every or work / "pages")
        chosen(targets["pdf"], pages)
        html_shots(targets["html"])
        dialog_shot(summit_path)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def pdf_pages(pdf: Path, folder: Path) -> list[Path]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-png", "-r", "72", str(pdf), str(folder / "page")], check=True)
    pages = sorted(folder.glob("page-*.png"))
    sheet(pages, OUT / "all-pages.png", columns=6, scale=0.33)
    return pages


def chosen(pdf: Path, pages: list[Path]) -> None:
    from pypdf import PdfReader

    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    for name, words, _ in CHOSEN:
        start = {"01": 0, "02": 1}.get(name[:2], 2)  # past the contents, which list them all
        number = next(i for i, t in enumerate(texts) if i >= start and words in t)
        shutil.copy(pages[number], OUT / name)
        print(f"{name}: page {number + 1}")


def sheet(pages: list[Path], out: Path, columns: int, scale: float) -> None:
    images = [Image.open(p) for p in pages]
    width, height = (int(d * scale) for d in images[0].size)
    rows = -(-len(images) // columns)
    canvas = Image.new("RGB", (columns * (width + 8) + 8, rows * (height + 8) + 8), "#8a9099")
    for i, image in enumerate(images):
        thumb = image.resize((width, height))
        canvas.paste(thumb, (8 + (i % columns) * (width + 8), 8 + (i // columns) * (height + 8)))
    canvas.save(out)


def html_shots(html: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, width in (("html-laptop.png", 1280), ("html-phone.png", 390)):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(html.as_uri())
            page.locator("figure").first.scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / name))
            page.close()
        browser.close()


def dialog_shot(summit_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from summit_app.ui.export_dialog import ExportDialog

    app = QApplication.instance() or QApplication(sys.argv)
    dialog = ExportDialog(summit_path)
    dialog.resize(1000, 760)
    dialog.show()
    dialog.start_export()
    while dialog.worker is not None:
        app.processEvents()
        dialog.worker.wait(50) if dialog.worker is not None else None
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(1500)  # the preview renders its pages as events come
    while not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.grab().save(str(OUT / "export-dialog.png"))
    dialog.close()


if __name__ == "__main__":
    main()

"""The pack, previewed beside the write-up editor: rebuilt off the GUI thread after edits.

The demo's pack builds in about 0.15 s and a long day's in a few seconds, so each build
runs on a worker thread with its own connection to the file, and edits made meanwhile are
gathered into one more build when it ends.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from summit_app.core import Summit, SummitError
from summit_app.ui.pdf_pages import PdfPages

REBUILD_AFTER_MS = 600  # edits closer together than this make one build
TEXT_PAGES_A_TURN = 2  # 1.5 ms each on average, a heavy page far more


class PreviewWorker(QThread):
    """Builds the pack's PDF from the file; `pdf` or `error` is set when it finishes."""

    def __init__(self, summit_path: Path) -> None:
        super().__init__()
        self.summit_path = summit_path
        self.pdf: bytes | None = None
        self.error = ""

    def run(self) -> None:
        # The pack's code (reportlab) loads here, off the GUI thread, when first needed:
        # the window shows before it is imported (tests/ui/test_ui_startup_imports.py).
        from summit_app.export.pack import render_pack

        try:
            with Summit.open(self.summit_path) as summit:
                self.pdf = render_pack(summit)
        except SummitError as error:
            self.error = str(error)
        except Exception as error:  # noqa: BLE001 - shown as a sentence, never a crash
            self.error = f"The preview could not be built: {error}"


class PackPreview(QWidget):
    """Signals:
    updated(int): a new preview is showing, with this many pages.
    """

    updated = Signal(int)

    def __init__(self, summit_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summit_path = summit_path
        self.worker: PreviewWorker | None = None
        self.pending = False
        self.stopped = False
        self._want: tuple[str, list[str]] | None = None
        self._texts: list[str] = []  # the pages' text so far, read when first needed
        self._reading = QTimer(self)
        self._reading.setInterval(0)
        self._reading.timeout.connect(self._read_some)
        self.view = PdfPages(self)
        self.view.setAccessibleName("Preview of the pack")
        self.status = QLabel("Building the preview…")
        self.status.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_AFTER_MS)
        self._timer.timeout.connect(self._build)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def request(self) -> None:
        """Something changed: rebuild soon (once, however many edits come meanwhile)."""
        if not self.stopped:
            self._timer.start()

    def show_heading(self, title: str, rivals: list[str]) -> None:
        """Scroll to the page where `title` is a heading (now or once built): the first page
        showing it with the fewest of the `rivals` (the other headings), so not the contents
        or the agenda, which list them all."""
        self._want = (title, rivals)
        self._jump()

    def stop(self) -> None:
        """Finish a build under way: a thread alive at teardown would abort the app."""
        self.stopped = True
        self._timer.stop()
        self._reading.stop()
        if self.worker is not None:
            self.worker.wait()

    def _build(self) -> None:
        if self.stopped:
            return
        if self.worker is not None:
            self.pending = True
            return
        self.status.setText("Updating the preview…")
        self.worker = PreviewWorker(self.summit_path)
        self.worker.finished.connect(self._built)
        self.worker.start()

    def _built(self) -> None:
        worker, self.worker = self.worker, None
        if worker is None:
            return
        worker.wait()
        worker.deleteLater()
        if self.stopped:
            return
        if worker.pdf is not None:
            self._show(worker.pdf)
        else:
            self.status.setText(worker.error)
        if self.pending:
            self.pending = False
            self._build()

    def _show(self, pdf: bytes) -> None:
        page = self.view.current_page()
        self.view.load(pdf)
        self._texts = []
        pages = self.view.page_count()
        self.status.setText(f"Preview of the pack: {pages} pages, as it would be exported now.")
        self.view.jump(min(page, max(0, pages - 1)))
        self._jump()
        self.updated.emit(pages)

    def _jump(self) -> None:
        if self._want is None or self.view.page_count() == 0:
            return
        if len(self._texts) < self.view.page_count():
            self._reading.start()  # read the pages' text a few at a time, then jump
            return
        page = self._page_of(*self._want)
        self._want = None
        if page is not None:
            self.view.jump(page)

    def _read_some(self) -> None:
        """A few pages' text each turn of the event loop: a long day's 167 pages took
        250 ms on the GUI thread in one go (bench/writeup_preview.py)."""
        count = self.view.page_count()
        for page in range(len(self._texts), min(count, len(self._texts) + TEXT_PAGES_A_TURN)):
            self._texts.append(" ".join(self.view.page_text(page).split()))
        if len(self._texts) >= count:
            self._reading.stop()
            self._jump()

    def _page_of(self, title: str, rivals: list[str]) -> int | None:
        """Read from the pages' text, as the reader sees them (the PDF's outline would need
        reportlab's /Fit destinations resolved to pages)."""
        wanted = " ".join(title.split())
        others = [" ".join(r.split()) for r in rivals if r != title]
        pages = [p for p, text in enumerate(self._texts) if wanted in text]
        if not pages:
            return None
        return min(pages, key=lambda p: (sum(o in self._texts[p] for o in others), p))

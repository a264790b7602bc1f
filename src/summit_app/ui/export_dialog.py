"""The Export dialog: writes the write-up pack as PDF, HTML and Word, and the raw data as
CSV, into one folder (by default exports/ beside the .summit file), and previews the PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import Summit, SummitError
from summit_app.export.cli import write_all
from summit_app.ui import contrast, user_folders
from summit_app.ui.accessible import describe
from summit_app.ui.pdf_pages import PdfPages
from summit_app.ui.tasks import Task, TaskRunner

EDITIONS = (
    ("pdf", "PDF: to print, or to read on screen"),
    ("html", "HTML: one accessible file, for a website or an email"),
    ("docx", "Word: to edit and finish in Word"),
    ("csv", "The raw data as CSV files (notes, ballots, results)"),
)
# The sentences after an export take up to this many lines; more scroll in their box.
NOTE_LINES = 7


def export(
    summit_path: Path, targets: dict[str, Path]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """Write the editions (on the task runner's thread, through its own connection): the
    paths written, the log's notes, a sentence for each edition that could not be written,
    and the warnings (placeholders left, polls without votes). Raises SummitError with a
    sentence for the user."""
    try:
        with Summit.open(summit_path) as summit:
            done = write_all(summit, targets)
    except SummitError:
        raise
    except Exception as error:  # shown to the user, never a crash
        raise SummitError(f"The pack could not be written: {error}") from error
    return [str(p) for p in done.paths], done.notes, done.failed, done.warnings


class _Notes(QScrollArea):
    """The sentences under the export, as tall as they need up to NOTE_LINES lines, then
    they scroll: a draft with many polls unvoted says a line for each, and those lines had
    squeezed the PDF preview to the top of its cover."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.label = label
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        needed = self.label.heightForWidth(self.viewport().width())
        if needed < 0:
            needed = self.label.sizeHint().height()
        most = self.fontMetrics().lineSpacing() * NOTE_LINES
        return QSize(super().sizeHint().width(), min(needed, most))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.sizeHint().height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text changed
            self.updateGeometry()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the lines wrap anew
            self.updateGeometry()


class ExportDialog(QDialog):
    """Choose the folder, the name and the editions; write them, see the PDF, open the folder.

    Signals:
        exported(str): the first file written (the PDF when it was asked for).
    """

    exported = Signal(str)

    def __init__(self, summit_path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Absolute, so the folder shown is one the user can find (not "exports").
        self.summit_path = Path(summit_path).resolve()
        # A long day's pack takes a few seconds: it is written in the background.
        self.tasks = TaskRunner(self, name="summit-export")
        self.worker: Task | None = None  # the export under way
        self.written: list[Path] = []
        self.open_url = QDesktopServices.openUrl  # tests replace this to see the folder asked for
        self.setWindowTitle("Export the write-up pack")
        screen = self.screen().availableGeometry()  # 760 high did not fit 1280x720
        self.resize(min(900, screen.width()), min(760, screen.height() - 80))

        self.folder_edit = QLineEdit(str(user_folders.export_folder(self.summit_path)))
        describe(self.folder_edit, "The folder the pack and the data are written into.")
        self.folder_edit.setAccessibleName("Folder")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_folder)
        self.name_edit = QLineEdit(self.summit_path.stem)
        describe(self.name_edit, "The pack's file name, without its ending.")
        self.name_edit.setAccessibleName("File name")
        self.boxes: dict[str, QCheckBox] = {}
        for key, label in EDITIONS:
            box = QCheckBox(label)
            box.setChecked(True)
            self.boxes[key] = box
        self.csv_box = self.boxes["csv"]
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.folder_button = QPushButton("Open folder")
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.notes = _Notes(self.status)
        self.notes.setAccessibleName("What the export said")

        self.preview = PdfPages(self)
        self.preview.setAccessibleName("Preview of the PDF")

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("Folder:", folder_row)
        form.addRow("File name:", self.name_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.notes)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def targets(self) -> dict[str, Path]:
        """Where each chosen edition goes: <folder>/<name>.pdf, .html, .docx, <name>-data/."""
        name = self.name_edit.text().strip().removesuffix(".pdf")
        folder = self.folder()
        paths = {
            "pdf": folder / f"{name}.pdf",
            "html": folder / f"{name}.html",
            "docx": folder / f"{name}.docx",
            "csv": folder / f"{name}-data",
        }
        return {key: paths[key] for key, box in self.boxes.items() if box.isChecked()}

    def pdf_path(self) -> Path:
        return self.folder() / f"{self.name_edit.text().strip().removesuffix('.pdf')}.pdf"

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Export into", str(self.folder()))
        if path:
            self.folder_edit.setText(path)

    def start_export(self) -> None:
        if self.worker is not None:
            return
        if not self.name_edit.text().strip() or not self.folder_edit.text().strip():
            self.show_error("Choose a folder and a file name for the pack.")
            return
        targets = self.targets()
        if not targets:
            self.show_error("Choose at least one thing to export.")
            return
        self.status.setStyleSheet("")
        self.status.setText("Writing the pack…")
        self.export_button.setEnabled(False)
        path = self.summit_path
        self.worker = self.tasks.run(lambda: export(path, targets), self._exported, self._failed)

    def _exported(self, written: tuple[list[str], list[str], list[str], list[str]]) -> None:
        self.on_finished()
        self.on_exported(*written)

    def _failed(self, error: Exception) -> None:
        self.on_finished()
        self.show_error(str(error))

    def on_exported(
        self, paths: list[str], notes: list[str], failed: list[str], warnings: list[str]
    ) -> None:
        self.written = [Path(p) for p in paths]
        if not self.written:
            self.show_error("\n".join(failed))
            return
        pdf = next((p for p in self.written if p.suffix == ".pdf"), None)
        self.preview.clear()
        pages = ""
        if pdf is not None:
            self.preview.load(pdf.read_bytes())
            pages = f" The PDF has {self.preview.page_count()} pages."
        names = ", ".join(p.name for p in self.written)
        text = f"Written in {self.written[0].parent}: {names}.{pages}"
        if warnings:  # before the pack goes out: what still reads like a template
            text += "\n" + "\n".join(f"Check: {w}" for w in warnings)
        if notes:
            text += "\n" + "\n".join(f"Note: {n}" for n in notes)
        if failed:  # the editions that were written are there; say plainly which are not
            self.status.setStyleSheet(contrast.warning_style())
            text = "\n".join(failed) + "\n" + text
        self.status.setText(text)
        self.folder_button.setEnabled(True)
        self.exported.emit(str(self.written[0]))

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet(contrast.warning_style())
        self.status.setText(message)

    def on_finished(self) -> None:
        self.worker = None
        self.export_button.setEnabled(True)
        self.export_button.setEnabled(True)

    def open_folder(self) -> None:
        if self.written:
            self.open_url(QUrl.fromLocalFile(str(self.written[0].parent)))

    def done(self, result: int) -> None:
        # A running export finishes first: a thread alive at teardown would abort the app.
        if self.worker is not None:
            self.tasks.wait()  # its result still shows, as the dialog closes
        super().done(result)

"""The Export dialog: writes the write-up pack (and the CSV data) and previews it in the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import Summit, SummitError
from summit_app.export.cli import default_csv_dir, default_pdf
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import write_pack


class ExportWorker(QThread):
    """Writes the pack off the GUI thread (a long day takes a few seconds), through its own
    connection to the summit file.

    Signals:
        exported(list): the paths written, PDF first.
        failed(str): a message for the user.
    """

    exported = Signal(list)
    failed = Signal(str)

    def __init__(self, summit_path: Path, pdf: Path, csv_dir: Path | None) -> None:
        super().__init__()
        self.summit_path, self.pdf, self.csv_dir = summit_path, pdf, csv_dir

    def run(self) -> None:
        try:
            with Summit.open(self.summit_path) as summit:
                paths = [write_pack(summit, self.pdf)]
                if self.csv_dir is not None:
                    paths += write_csv(summit, self.csv_dir)
        except SummitError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - shown to the user, never a crash
            self.failed.emit(f"The pack could not be written: {error}")
        else:
            self.exported.emit([str(p) for p in paths])


class ExportDialog(QDialog):
    """Choose where the PDF goes, write it, see it, open its folder.

    Signals:
        exported(str): the PDF's path, once written.
    """

    exported = Signal(str)

    def __init__(self, summit_path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summit_path = Path(summit_path)
        self.worker: ExportWorker | None = None
        self.written: Path | None = None
        self.open_url = QDesktopServices.openUrl  # tests replace this to see the folder asked for
        self.setWindowTitle("Export the write-up pack")
        self.resize(900, 720)

        self.pdf_edit = QLineEdit(str(default_pdf(self.summit_path)))
        self.pdf_edit.setAccessibleName("PDF file")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_pdf)
        self.csv_box = QCheckBox("Also write the raw data as CSV files (notes, ballots, results)")
        self.csv_box.setChecked(True)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.folder_button = QPushButton("Open folder")
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(self.status.textInteractionFlags())

        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        row = QHBoxLayout()
        row.addWidget(QLabel("PDF file:"))
        row.addWidget(self.pdf_edit, 1)
        row.addWidget(choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.csv_box)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)

    def pdf_path(self) -> Path:
        return Path(self.pdf_edit.text().strip()).expanduser()

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the pack as", str(self.pdf_path()), "PDF files (*.pdf)"
        )
        if path:
            self.pdf_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def start_export(self) -> None:
        if self.worker is not None:
            return
        pdf = self.pdf_path()
        if not pdf.name:
            self.show_error("Choose a file name for the PDF.")
            return
        csv_dir = default_csv_dir(pdf.with_suffix(".summit")) if self.csv_box.isChecked() else None
        if csv_dir is not None:
            csv_dir = pdf.parent / csv_dir.name  # the data beside the PDF
        self.status.setStyleSheet("")
        self.status.setText("Writing the pack…")
        self.export_button.setEnabled(False)
        self.worker = ExportWorker(self.summit_path, pdf, csv_dir)
        self.worker.exported.connect(self.on_exported)
        self.worker.failed.connect(self.show_error)
        self.worker.finished.connect(self.on_finished)
        self.worker.start()

    def on_exported(self, paths: list[str]) -> None:
        self.written = Path(paths[0])
        self.document.close()
        self.document.load(str(self.written))
        extra = f" and {len(paths) - 1} CSV files" if len(paths) > 1 else ""
        self.status.setText(f"Written: {self.written}{extra} ({self.document.pageCount()} pages).")
        self.folder_button.setEnabled(True)
        self.exported.emit(str(self.written))

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b91c1c;")
        self.status.setText(message)

    def on_finished(self) -> None:
        if self.worker is not None:
            self.worker.wait()
            self.worker.deleteLater()
        self.worker = None
        self.export_button.setEnabled(True)

    def open_folder(self) -> None:
        if self.written is not None:
            self.open_url(QUrl.fromLocalFile(str(self.written.parent)))

    def done(self, result: int) -> None:
        # A running export finishes first: a thread alive at teardown would abort the app.
        if self.worker is not None:
            self.worker.wait()
        super().done(result)

"""File › Summit settings…: the summit's title, date, venue, people, aims, groups and logo;
and on its Privacy tab, what phones are told first and how long the file keeps what links
input to a phone.

Saved as one command (`commands.save_summit_settings`), so Edit › Undo takes the whole
dialog back. A refused value is said under the form and the dialog stays open with
everything the facilitator typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError
from summit_app.core.privacy import default_notice
from summit_app.core.summit_info import CONTENT_LANGUAGES, MAX_RETENTION_DAYS
from summit_app.core.tables import MAX_TABLES
from summit_app.ui import commands, contrast
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession
from summit_app.ui.typed_fields import DateField

# Sharp on a 4K projector and a printed cover, small enough to keep in the file.
LOGO_MAX_SIDE = 1200
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.svg);;All files (*)"


def text_box(text: str, placeholder: str, height: int) -> QPlainTextEdit:
    """A multi-line box where Tab moves on to the next field rather than typing a tab."""
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def lines(box: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in box.toPlainText().splitlines() if line.strip()]


def png_bytes(path: Path) -> bytes:
    """The image at `path` as PNG bytes, scaled down to LOGO_MAX_SIDE; ValueError if unreadable."""
    image = QImage(str(path))
    if image.isNull():
        raise ValueError(f"{path.name} is not an image Summit can read.")
    if max(image.width(), image.height()) > LOGO_MAX_SIDE:
        image = image.scaled(
            LOGO_MAX_SIDE,
            LOGO_MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class SummitSettingsDialog(QDialog):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Summit settings")
        self.setObjectName("summit_settings")
        self._session = session
        info = session.summit.info()
        logo = session.summit.logo()
        self.logo: bytes | None = logo.image if logo else None
        self.logo_name = logo.name if logo else ""
        self._logo_changed = False
        self.title = QLineEdit(info.title)
        self.title.setPlaceholderText("Shown on the projector, every phone and the pack's cover")
        self.has_date = QCheckBox("Date")
        self.date = DateField()
        describe(self.date, "The day of the summit, printed on the pack's cover.", "Date")
        stored = QDate.fromString(info.date, "yyyy-MM-dd")
        # A date typed as free text (an older file, a template) is kept unless replaced.
        self._free_date = info.date if info.date and not stored.isValid() else ""
        self.has_date.setChecked(stored.isValid())
        self.date.setDate(stored if stored.isValid() else QDate.currentDate())
        self.date.setEnabled(stored.isValid())
        self.has_date.toggled.connect(self.date.setEnabled)
        self.venue = QLineEdit(info.venue)
        describe(self.venue, "Printed on the pack's cover.")
        self.organisers = QLineEdit(info.organisers)
        self.organisers.setPlaceholderText("e.g. Our Healthier South East London ICS")
        self.contact = QLineEdit(info.contact)
        self.contact.setPlaceholderText("Who to contact about the write-up (printed in the pack)")
        self.introduction = text_box(
            info.introduction, "Why we are meeting, who is here (the pack's introduction)", 90
        )
        describe(self.introduction, "The pack's opening paragraph.")
        self.objectives = text_box(
            "\n".join(info.objectives), "The day's objectives, one per line", 90
        )
        describe(self.objectives, "One objective a line, printed in the pack.")
        self.groups = text_box(
            "\n".join(info.groups), "Professional groups phones can pick from, one per line", 120
        )
        describe(
            self.groups,
            "One group a line: phones choose from these, and the pack shows how each group voted.",
        )
        self.content_lang = QComboBox()
        for code, name in CONTENT_LANGUAGES.items():
            self.content_lang.addItem(name, code)
        self.content_lang.setCurrentIndex(max(0, self.content_lang.findData(info.content_lang)))
        describe(
            self.content_lang,
            "What the title, questions, options and prompts are written in: phones mark them"
            " so, whatever language each phone shows its own words in.",
        )
        # The room's round tables (issue 26): how many, and their names if they have any.
        tables = session.summit.tables.tables()
        self._tables = (len(tables), [t.name for t in tables])
        self.tables = QSpinBox()
        self.tables.setRange(0, MAX_TABLES)
        self.tables.setSpecialValueText("None")
        self.tables.setValue(len(tables))
        describe(self.tables, "How many round tables the room has, each with a host's card.")
        self.table_names = text_box(
            "\n".join(t.name for t in tables),
            "Names for tables 1, 2, 3… (optional), one per line",
            60,
        )
        describe(self.table_names, "Table 1's name on the first line, table 2's on the second…")
        self.logo_view = QLabel()
        self.logo_view.setFixedSize(160, 80)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setStyleSheet("border: 1px solid #d1d5db; background: #ffffff;")
        self.choose_logo = QPushButton("Choose…")
        self.choose_logo.clicked.connect(self._ask_logo)
        self.remove_logo = QPushButton("Remove")
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_view)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        logo_row.addStretch(1)
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)

        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("", _hint("The title, date and venue appear on the projector and phones."))
        form.addRow("When", date_row)
        form.addRow("Venue", self.venue)
        form.addRow("Organisers", self.organisers)
        form.addRow("Contact", self.contact)
        form.addRow("Introduction", self.introduction)
        form.addRow("Objectives", self.objectives)
        form.addRow("Professional groups", self.groups)
        form.addRow("", _hint("Phones pick one (or none); the pack shows how each group voted."))
        form.addRow("Language of the summit's content", self.content_lang)
        form.addRow(
            "",
            _hint(
                "Phones show their own words in English or Welsh, as each phone prefers;"
                " the summit's own words as written, in this language."
            ),
        )
        form.addRow("Tables in the room", self.tables)
        form.addRow("Table names", self.table_names)
        form.addRow("", _hint("A host at each table sends the table's notes from a printed card."))
        form.addRow("Logo", logo_row)
        form.addRow("", _hint("Shown on the projector; kept in the file for the pack's cover."))
        details = QWidget()
        details.setLayout(form)
        self.tabs = QTabWidget()
        self.tabs.addTab(details, "Details")
        self.tabs.addTab(self._privacy_tab(info), "Privacy")
        self.error = QLabel()
        self.error.setObjectName("settings_error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(contrast.warning_style() + " font-weight: 600;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_logo()
        self.resize(680, self.sizeHint().height())

    def _privacy_tab(self, info) -> QWidget:
        self.notice = text_box(info.privacy_notice, default_notice(info), 180)
        describe(
            self.notice,
            "What every phone's join page says first, before anything is sent. Empty: the"
            " default shown greyed, which follows the organisers, contact and days kept.",
            "Privacy notice",
        )
        self.retention = QSpinBox()
        self.retention.setRange(1, MAX_RETENTION_DAYS)
        self.retention.setValue(info.retention_days)
        self.retention.setSuffix(" days")
        self.retention.setMaximumWidth(160)
        describe(
            self.retention,
            "How long the file keeps what links input to a phone; opening the summit after"
            " that reminds you to close and anonymise it.",
            "Keep what links input to a phone for",
        )
        form = QFormLayout()
        form.addRow("Privacy notice", self.notice)
        form.addRow(
            "",
            _hint(
                "Phones show it first, before anything is sent (one joining while a vote is"
                " open: a line on who keeps what, then this one tap away), and the pack's data"
                " appendix prints it. Leave it empty for the default (shown greyed), which"
                " follows the organisers, contact and days below; write your own to name your"
                " lawful basis or data protection officer."
            ),
        )
        form.addRow("Keep for", self.retention)
        form.addRow(
            "",
            _hint(
                "Days after the summit until what links input to a phone (passes, card codes,"
                " participant numbers, times to the second) should be removed with File ›"
                " Close and anonymise. Opening the summit after that reminds you."
            ),
        )
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addLayout(form)
        column.addStretch(1)  # the rows at their own height, not spread down the tab
        return tab

    # -- the logo ------------------------------------------------------------------------

    def _ask_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "", IMAGE_FILTER)
        if name:
            self.choose_logo_file(Path(name))

    def choose_logo_file(self, path: Path) -> bool:
        try:
            image = png_bytes(path)
        except ValueError as error:
            self.error.setText(str(error))
            return False
        self.set_logo(image, path.name)
        return True

    def set_logo(self, image: bytes | None, name: str = "") -> None:
        self.logo, self.logo_name, self._logo_changed = image, name, True
        self.error.clear()
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo is not None:
            pixmap.loadFromData(self.logo)
        if pixmap.isNull():
            self.logo_view.setText("No logo")
        else:
            self.logo_view.setPixmap(
                pixmap.scaled(
                    self.logo_view.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_logo.setEnabled(self.logo is not None)

    # -- saving --------------------------------------------------------------------------

    def fields(self) -> dict:
        date = self.date.date().toString("yyyy-MM-dd") if self.has_date.isChecked() else ""
        fields = {
            "title": self.title.text(),
            "date": date,
            "venue": self.venue.text(),
            "organisers": self.organisers.text(),
            "contact": self.contact.text(),
            "introduction": self.introduction.toPlainText(),
            "objectives": lines(self.objectives),
            "groups": lines(self.groups),
            "privacy_notice": self.notice.toPlainText(),
            "retention_days": self.retention.value(),
            "content_lang": self.content_lang.currentData(),
        }
        if self._free_date and not date:
            del fields["date"]
        return fields

    def save(self) -> None:
        if self.has_date.isChecked() and self.date.problem():
            self.error.setText(self.date.problem())
            self.date.setFocus()
            return
        logo = self.logo if self._logo_changed else commands.KEEP_LOGO
        count = self.tables.value()
        typed = [n.strip() for n in self.table_names.toPlainText().splitlines()]
        names = (typed + [""] * count)[:count]
        tables_changed = (count, names) != self._tables
        try:
            if tables_changed:  # first: a refusal here saves nothing at all
                self._session.run(
                    f"Set {count} tables", lambda s: s.tables.set_tables(count, names=names)
                )
        except SummitError as error:
            self.error.setText(str(error))
            return
        try:
            commands.save_summit_settings(self._session, self.fields(), logo, self.logo_name)
        except SummitError as error:
            if tables_changed:
                self._session.undo()
            self.error.setText(str(error))
            return
        self.accept()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(contrast.quiet_style())
    return label

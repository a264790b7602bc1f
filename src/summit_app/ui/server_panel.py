"""The participant server's controls: start and stop, address, join URL and QR, phones joined.

Participant events reach the widgets through `SummitSession.server_event`, a signal queued
from the server's thread to the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError
from summit_app.server import ROOM_ADVICE
from summit_app.server.network import candidate_addresses
from summit_app.ui.qr_image import qr_pixmap
from summit_app.ui.session import SummitSession

if TYPE_CHECKING:
    from summit_app.server import SummitServer

DEFAULT_PORT = 8765
NO_NETWORK = (
    "No network that phones can reach: this laptop is on no Wi-Fi, hotspot or Ethernet."
    " Join the venue Wi-Fi or turn on the laptop's hotspot, then press Refresh."
)


class ServerPanel(QWidget):
    """Signals:
    server_started(str): the join URL, once phones can join.
    server_stopped(): the server stopped.
    """

    server_started = Signal(str)
    server_stopped = Signal()

    def __init__(
        self, session: SummitSession, port: int = DEFAULT_PORT, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.port = port
        self.server: SummitServer | None = None
        self.address_combo = QComboBox()
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.reload_addresses)
        self.start_button = QPushButton("Start taking votes from phones")
        self.start_button.setMinimumHeight(40)
        self.start_button.clicked.connect(self.toggle)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.status = QLabel("Not running")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label = QLabel()
        self.url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(260, 260)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.joined_label = QLabel()
        self.joined_label.setStyleSheet("font-size: 14pt;")
        grid = QGridLayout()
        grid.addWidget(QLabel("Address"), 0, 0)
        address = QHBoxLayout()
        address.addWidget(self.address_combo, 1)
        address.addWidget(self.refresh_button)
        grid.addLayout(address, 0, 1)
        grid.addWidget(self.start_button, 1, 0, 1, 2)
        grid.addWidget(self.warning, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        grid.addWidget(self.url_label, 4, 0, 1, 2)
        grid.addWidget(self.joined_label, 5, 0, 1, 2)
        self.advice = QLabel(ROOM_ADVICE)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet("color: #374151;")
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addSpacing(16)
        left.addWidget(self.advice)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        session.people_changed.connect(self.refresh_joined)
        session.closed.connect(self.stop)
        self.reload_addresses()
        self.refresh_joined()

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    def reload_addresses(self) -> None:
        self.address_combo.clear()
        addresses = candidate_addresses()
        for address in addresses:
            self.address_combo.addItem(address.label, address.ip)
        reachable = any(address.preferred for address in addresses)
        self.warning.setText("" if reachable else NO_NETWORK)
        self.warning.setVisible(not reachable)

    def refresh_joined(self) -> None:
        count = self.session.summit.people.count() if self.session.is_open else 0
        self.joined_label.setText(f"{count} {'phone' if count == 1 else 'phones'} joined")

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self, host: str | None = None) -> bool:
        if self.running:
            return self.running
        host = host or self.address_combo.currentData() or "127.0.0.1"
        from summit_app.server import SummitServer  # loaded after the window shows (ui/app.py)

        server = SummitServer(
            self.session.path, host=host, port=self.port, on_event=self.session.server_event
        )
        try:
            server.start()
        except (SummitError, OSError) as error:
            self.status.setText(str(error))
            return False
        self.server = server
        self.session.set_events_active(True)
        found = self.address_combo.findData(server.host)
        if found >= 0:
            self.address_combo.setCurrentIndex(found)
        self.status.setText(f"Running on {server.host}:{server.port}")
        self.url_label.setText(server.join_url)
        self.qr_label.setPixmap(
            qr_pixmap(server.join_url).scaled(250, 250, Qt.AspectRatioMode.KeepAspectRatio)
        )
        self.start_button.setText("Stop the server")
        self.address_combo.setEnabled(False)
        self.server_started.emit(server.join_url)
        return True

    def stop(self) -> None:
        if self.server is None:
            return
        self.server.stop()
        self.server = None
        self.session.set_events_active(False)
        self.status.setText("Not running")
        self.url_label.clear()
        self.qr_label.clear()
        self.start_button.setText("Start taking votes from phones")
        self.address_combo.setEnabled(True)
        self.server_stopped.emit()

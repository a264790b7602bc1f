"""The Phones tab: start and stop, the address, the join QR code and its short address to
type, who joined and who took part, refused joins, the room check, and voting cards.

Participant events reach the widgets through `SummitSession.server_event`, a signal queued
from the server's thread to the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError
from summit_app.core.changes import Area, Changes, Origin
from summit_app.server.limits import JOIN_TOTAL, SHARED_ADDRESS_HINT
from summit_app.server.network import candidate_addresses
from summit_app.server.room import ROOM_ADVICE
from summit_app.ui import closing, commands, contrast, dialogs, settings
from summit_app.ui.accessible import describe
from summit_app.ui.cards_box import CardsBox
from summit_app.ui.guard import Guarded
from summit_app.ui.qr_image import qr_pixmap
from summit_app.ui.session import SummitSession
from summit_app.ui.tables_box import TablesBox

if TYPE_CHECKING:
    from summit_app.server import SummitServer
    from summit_app.server.throttle import Doors

DEFAULT_PORT = 8765
SERVED_HOST_KEY = "phones/served_host"  # where phones joined last: reopening serves there
SERVED_PORT_KEY = "phones/served_port"  # and on which port: phones' open pages know it
QR_SIDE = 240  # the Phones tab's QR code, drawn at a whole number of pixels a module
NO_NETWORK = (
    "No network that phones can reach: this laptop is on no Wi-Fi, hotspot or Ethernet."
    " Join the venue Wi-Fi or turn on the laptop's hotspot, then press Refresh."
)
SHARED_ADDRESS = "Many phones share one network address here"
SHARED_ADDRESS_WHEN = (
    f"Leave this off: one network address may bring in at most {JOIN_TOTAL} phones all day,"
    " so clearing cookies does not give a second vote. Tick it only where the venue's Wi-Fi"
    " puts every phone behind one address (a guest network behind one router: the joins"
    " refused above climb fast). Ticked, one person can join again and again: print voting"
    " cards where that must not be."
)


def crisp(url: str, side: int = QR_SIDE) -> QPixmap:
    """The QR code at most `side` pixels, a whole number of pixels a module (sharp edges
    for a camera; a smooth scale blurs them). qrcode draws it at 10 pixels a module."""
    pixmap = qr_pixmap(url)
    cells = pixmap.width() // 10
    size = max(1, side // cells) * cells
    return pixmap.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


def label(text: str = "", style: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    if style:
        widget.setStyleSheet(style)
    return widget


class ServerPanel(QWidget):
    """Signals:
    server_started(str): the join URL, once phones can join (`short_address` beside it).
    server_stopped(): the server stopped.
    """

    server_started = Signal(str)
    server_stopped = Signal()

    def __init__(
        self,
        session: SummitSession,
        port: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`port`: where to serve; by default the port phones were last served on (their
        open pages know it), else DEFAULT_PORT; 0 for any free port."""
        super().__init__(parent)
        self.session = session
        remembered = settings.settings().value(SERVED_PORT_KEY, DEFAULT_PORT, type=int)
        self.port = remembered if port is None else port
        self._remember_port = port is None
        self.server: SummitServer | None = None
        # Kept while this summit is open, so the day's total per address outlives a restart
        # of the server (a new address, a new port).
        self.doors: Doors | None = None  # made with the first server (the web stack loads then)
        self.showing_check = False
        self.address_combo = QComboBox()
        describe(
            self.address_combo,
            "The network address phones join on;"
            " the recommended one is on the venue's Wi-Fi or hotspot.",
            "Address for phones",
        )
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.reload_addresses)
        self.start_button = QPushButton("Start taking votes from phones")
        self.start_button.setMinimumHeight(40)
        # One button starts and stops: a double click must not stop what it just started.
        self.start_button.clicked.connect(Guarded(self.toggle))
        self.warning = label(style=contrast.warning_style() + " font-weight: 600;")
        self.status = label("Not running")
        self.url_label = label(style="font-size: 12pt;")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.short_label = label(style="font-size: 16pt; font-weight: 700;")
        self.short_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr_label = QLabel()
        self.qr_label.setFixedSize(QR_SIDE + 20, QR_SIDE + 20)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = label()
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setFixedWidth(QR_SIDE + 20)
        self.joined_label = label(style="font-size: 14pt;")
        self.turnout_label = label()
        self.shared_box = QCheckBox(SHARED_ADDRESS)
        describe(self.shared_box, SHARED_ADDRESS_WHEN)
        self.shared_box.setChecked(session.summit.info().shared_address)
        self.shared_box.toggled.connect(self._share_address)
        self.shared_hint = label(SHARED_ADDRESS_WHEN, contrast.quiet_style())
        grid = QGridLayout()
        grid.addWidget(QLabel("Address"), 0, 0)
        address = QHBoxLayout()
        address.addWidget(self.address_combo, 1)
        address.addWidget(self.refresh_button)
        grid.addLayout(address, 0, 1)
        grid.addWidget(self.start_button, 1, 0, 1, 2)
        grid.addWidget(self.warning, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        grid.addWidget(self.short_label, 4, 0, 1, 2)
        grid.addWidget(self.url_label, 5, 0, 1, 2)
        grid.addWidget(self.joined_label, 6, 0, 1, 2)
        grid.addWidget(self.turnout_label, 7, 0, 1, 2)
        grid.addWidget(self.shared_box, 8, 0, 1, 2)
        grid.addWidget(self.shared_hint, 9, 0, 1, 2)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addWidget(self._room_check_box())
        self.cards = CardsBox(session, self.card_address)
        left.addWidget(self.cards)
        self.tables = TablesBox(session, self.card_address)
        left.addWidget(self.tables)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.qr_label)
        right.addWidget(self.qr_caption)
        right.addStretch(1)
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.addLayout(left, 1)
        row.addLayout(right)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        QVBoxLayout(self).addWidget(scroll)
        session.changed.connect(self._on_changes)
        session.closed.connect(self.stop)
        self.reload_addresses()
        self.refresh_joined()

    def _on_changes(self, changes: Changes) -> None:
        if changes.origin is Origin.FACILITATOR and self.server is not None:
            self.server.poke()  # rather than wait for the hub's next look at the file
        if changes.touches(Area.PEOPLE, Area.BALLOTS):
            self.refresh_joined()
        if changes.touches(Area.INFO) and self.session.is_open:
            shared = self.session.summit.info().shared_address  # an undo may have moved it
            if shared != self.shared_box.isChecked():
                self.shared_box.blockSignals(True)
                self.shared_box.setChecked(shared)
                self.shared_box.blockSignals(False)

    def _share_address(self, on: bool) -> None:
        """Kept in the file: the phone server reads it with the live state, at once."""
        text = "Allow many phones per address" if on else "Limit phones per address"
        try:
            commands.edit_summit(self.session, text, shared_address=on)
        except SummitError as error:
            self.status.setText(str(error))

    def _room_check_box(self) -> QGroupBox:
        box = QGroupBox("Room check: can phones reach this laptop?")
        self.check_button = QPushButton("Show the room check code")
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.toggle_check)
        self.check_label = label()
        self.advice = label(ROOM_ADVICE, contrast.quiet_style())
        self.advice.hide()  # long: shown when asked for, as it is needed only when phones fail
        self.advice_button = QPushButton("If no phone reaches it…")
        self.advice_button.setCheckable(True)
        self.advice_button.toggled.connect(self.advice.setVisible)
        layout = QVBoxLayout(box)
        intro = label(
            "Before the day, scan the room check code with a few phones (an iPhone and an"
            " Android) and watch the count. Nothing they do there is recorded in the summit."
        )
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.check_label, 1)
        row.addWidget(self.advice_button)
        layout.addLayout(row)
        layout.addWidget(self.advice)
        return box

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def moved(self) -> bool:
        """Serving on a new port while phones had joined on the old one: they must scan again."""
        server = self.server
        return server is not None and bool(server.moved) and self.session.summit.people.count() > 0

    @property
    def short_address(self) -> str:
        """What a person types to join: '192.168.1.20:8765/482913' ('' when not serving)."""
        return self.server.short_url if self.server is not None else ""

    def card_address(self) -> tuple[str, str]:
        """The base URL the cards' QR codes open, and the short address printed on them."""
        if self.server is not None:
            return self.server.url, self.server.short_url
        host = self.address_combo.currentData() or "127.0.0.1"
        short = self.session.summit.info().short_code
        return f"http://{host}:{self.port or DEFAULT_PORT}", f"{host}:{self.port}/{short}"

    def reload_addresses(self) -> None:
        """The laptop's addresses, the recommended first; the one phones were last served
        on stays chosen (the recommended adapter was the wrong one in that room)."""
        self.address_combo.clear()
        addresses = candidate_addresses()
        for address in addresses:
            self.address_combo.addItem(address.label, address.ip)
        reachable = any(address.preferred for address in addresses)
        warning = "" if reachable else NO_NETWORK
        served = settings.settings().value(SERVED_HOST_KEY, "", type=str)
        found = self.address_combo.findData(served) if served else -1
        if found >= 0:
            self.address_combo.setCurrentIndex(found)
        elif served and self.session.summit.people.count():
            warning = (
                f"Phones joined at {served}, an address this laptop no longer has: they"
                " reach it again only by scanning the new code."
            )
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))

    def refresh_joined(self) -> None:
        if not self.session.is_open:
            return
        people = self.session.summit.people
        count, taking_part = people.count(), people.taking_part()
        self.joined_label.setText(f"{count} {'phone' if count == 1 else 'phones'} joined")
        turnout = f"{taking_part} taking part (voted, posted a note or picked a group)"
        if self.server is not None:
            refused = self.server.refused_joins
            if refused:
                turnout += (
                    f"; {refused} {'join' if refused == 1 else 'joins'} refused: too many"
                    " fresh joins from one phone's address"
                )
                over = self.doors.refused_over_total if self.doors else 0
                if over:
                    turnout += f" ({over} past the day's {JOIN_TOTAL}: {SHARED_ADDRESS_HINT})"
            checked = self.server.check_count
            self.check_label.setText(
                f"{checked} {'phone' if checked == 1 else 'phones'} reached this laptop"
            )
        self.turnout_label.setText(turnout)

    def toggle(self) -> None:
        if not self.running:
            self.start()
        elif self._may_stop():
            self.stop()

    def _may_stop(self) -> bool:
        """Stopping mid-vote leaves the room tapping a dead page: ask, as quitting does."""
        doing = closing.phones_taking_part(self.session)
        return not doing or dialogs.confirm(
            self,
            "Stop the server?",
            f"Phones are {doing}. Once the server stops, no phone can reach this laptop:"
            " their taps are lost until you start it again. Stop it anyway?",
            risky=True,
        )

    def toggle_check(self) -> None:
        """Show the room check's QR code in place of the join code, or back."""
        self.showing_check = not self.showing_check and self.server is not None
        self._show_qr()

    def _show_qr(self) -> None:
        if self.server is None:
            self.qr_label.clear()
            self.qr_caption.setText("")
            return
        if self.showing_check:
            self.qr_label.setPixmap(crisp(self.server.check_url))
            self.qr_caption.setText(f"Room check: {self.server.check_url}")
            self.check_button.setText("Show the join code again")
        else:
            self.qr_label.setPixmap(crisp(self.server.join_url))
            self.qr_caption.setText("Scan to join")
            self.check_button.setText("Show the room check code")

    def start(self, host: str | None = None) -> bool:
        if self.running:
            return self.running
        host = host or self.address_combo.currentData() or "127.0.0.1"
        from summit_app.server import SummitServer  # loaded after the window shows (ui/app.py)
        from summit_app.server.throttle import Doors

        if self.doors is None:
            self.doors = Doors()

        server = SummitServer(
            self.session.path,
            host=host,
            port=self.port,
            on_event=self.session.server_event,
            doors=self.doors,
        )
        try:
            server.start()
        except (SummitError, OSError) as error:
            self.status.setText(str(error))
            return False
        self.server = server
        settings.settings().setValue(SERVED_HOST_KEY, server.host)
        if self._remember_port:
            settings.settings().setValue(SERVED_PORT_KEY, server.port)
        self.session.set_events_active(True)
        found = self.address_combo.findData(server.host)
        if found >= 0:
            self.address_combo.setCurrentIndex(found)
        taken = "" if server.moved_from is None else f" (port {server.moved_from} is taken)"
        self.status.setText(f"Running on {server.host}:{server.port}{taken}")
        if self.moved:  # said where the facilitator looks, and on the projector (main_window)
            self.warning.setText(server.moved)
            self.warning.show()
        self.short_label.setText(f"Or type: {server.short_url}")
        self.url_label.setText(server.join_url)
        self.showing_check = False
        self._show_qr()
        self.check_button.setEnabled(True)
        self.start_button.setText("Stop the server")
        self.address_combo.setEnabled(False)
        self.refresh_joined()
        self.server_started.emit(server.join_url)
        return True

    def stop(self) -> None:
        if self.server is None:
            return
        if self.moved:
            self.warning.clear()
            self.warning.hide()
        self.server.stop()
        self.server = None
        self.session.set_events_active(False)
        self.status.setText("Not running")
        self.url_label.clear()
        self.short_label.clear()
        self.showing_check = False
        self._show_qr()
        self.check_button.setEnabled(False)
        self.check_button.setText("Show the room check code")
        self.start_button.setText("Start taking votes from phones")
        self.address_combo.setEnabled(True)
        self.server_stopped.emit()

"""The facilitator's control window: one tab per job, menus, the open file's name in the title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from summit_app.core import SummitError
from summit_app.ui import dialogs, settings, templates_service
from summit_app.ui.agenda_panel import AgendaPanel
from summit_app.ui.audience_panel import AudiencePanel
from summit_app.ui.menus import Menus
from summit_app.ui.moderation_panel import ModerationPanel
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.polls_panel import PollsPanel
from summit_app.ui.projector_panel import ProjectorPanel
from summit_app.ui.run_panel import RunPanel
from summit_app.ui.server_panel import ServerPanel
from summit_app.ui.session import SummitSession
from summit_app.ui.welcome_panel import WelcomePanel
from summit_app.ui.writeup_panel import WriteupPanel

APP_NAME = "Summit"
GEOMETRY_KEY = "window/geometry"


class MainWindow(QMainWindow):
    """The control window. Holds at most one open summit (`self.session`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: SummitSession | None = None
        self.tabs: QTabWidget | None = None
        self.resize(1280, 720)  # fits a 1366x768 laptop with its task bar
        geometry = settings.settings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.menus = Menus(self)
        self._show_welcome()

    # -- files ---------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a summit file; on a bad file show the store's message and keep what was open."""
        try:
            session = SummitSession.open(Path(path), self)
        except SummitError as error:
            dialogs.error(self, str(error), "Cannot open this summit")
            return False
        self._set_session(session)
        if session.summit.migration_note:  # an older file, updated; where its copy is
            self.statusBar().showMessage(session.summit.migration_note)
        return True

    def new_from_template(self) -> bool:
        choices = templates_service.templates()
        titles = [c.title for c in choices]
        title = dialogs.ask_choice(self, "New summit", "Start from:", titles)
        if title is None:
            return False
        path = dialogs.ask_new_path(self)
        if path is None:
            return False
        return self.create_summit(path, choices[titles.index(title)].name)

    def create_summit(self, path: Path, template: str) -> bool:
        try:
            summit = templates_service.create(path, template)
        except SummitError as error:
            dialogs.error(self, str(error), "Cannot create this summit")
            return False
        self._set_session(SummitSession(summit, self))
        return True

    def ask_and_open(self) -> bool:
        path = dialogs.ask_open_path(self)
        return self.open_path(path) if path else False

    def close_summit(self) -> None:
        self._drop_session()
        self._show_welcome()
        self.menus.session_changed()

    def _drop_session(self) -> None:
        if self.session is not None:
            self.projector.close()
            self.projector.deleteLater()
            self.session.close()
            self.session.deleteLater()
            self.session = None

    # -- building the window -------------------------------------------------------------

    def _set_session(self, session: SummitSession) -> None:
        self._drop_session()
        self.session = session
        settings.add_recent_file(session.path)
        self.setWindowTitle(f"{session.path.name} — {APP_NAME}")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.agenda_panel = AgendaPanel(session)
        self.run_panel = RunPanel(session)
        self.tabs.addTab(self.agenda_panel, "Agenda")
        self.note_board = NoteBoard(session)
        self.tabs.addTab(self.run_panel, "Run")
        self.polls_panel = PollsPanel(session)
        self.tabs.addTab(self.note_board, "Notes")
        self.tabs.addTab(self.polls_panel, "Polls")
        self.audience_panel = AudiencePanel(session)
        self.tabs.addTab(self.audience_panel, "Q&&A and words")
        self.moderation_panel = ModerationPanel(session)
        self.tabs.addTab(self.moderation_panel, "Moderation")
        self.moderation_panel.count_changed.connect(self._moderation_count)
        self._moderation_count(session.summit.moderation.held_count())
        self.server_panel = ServerPanel(session)
        self.tabs.addTab(self.server_panel, "Phones")
        self.writeup_panel = WriteupPanel(session)
        self.tabs.addTab(self.writeup_panel, "Write-up")
        self.projector_panel = ProjectorPanel(session)
        self.projector = self.projector_panel.window
        self.server_panel.server_started.connect(self.projector.set_join_url)
        self.server_panel.server_stopped.connect(lambda: self.projector.set_join_url(""))
        self.note_board.prompt_combo.currentIndexChanged.connect(self._sync_projector)
        self.polls_panel.list.selectionModel().currentChanged.connect(self._sync_projector)
        self.audience_panel.prompt_combo.currentIndexChanged.connect(self._sync_projector)
        self._sync_projector()
        self.menus.session_changed()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.projector_panel)
        self.setCentralWidget(central)

    def _sync_projector(self, *args: object) -> None:
        """The projector shows the prompt on the note board and the poll being looked at."""
        self.projector.prompt_id = self.note_board.prompt_id
        self.projector.poll_id = self.polls_panel.poll_id
        self.projector.question_screen.prompt_id = self.audience_panel.prompt_id
        self.projector.words_screen.prompt_id = self.audience_panel.prompt_id
        self.projector.refresh()

    def _moderation_count(self, count: int) -> None:
        """The Moderation tab says how much is waiting, whichever tab is in front."""
        if self.tabs is not None:
            index = self.tabs.indexOf(self.moderation_panel)
            self.tabs.setTabText(index, f"Moderation ({count})" if count else "Moderation")

    def _show_welcome(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.tabs = None
        welcome = WelcomePanel(settings.recent_files())
        welcome.new_requested.connect(self.new_from_template)
        welcome.open_requested.connect(self.ask_and_open)
        welcome.recent_chosen.connect(self.open_path)
        self.welcome = welcome
        self.setCentralWidget(welcome)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        settings.settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self._drop_session()
        super().closeEvent(event)

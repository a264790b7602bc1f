"""The facilitator's control window: one tab per job, menus, the presenter strip (preview and
live), and the open file's name in the title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError, cipher
from summit_app.core.changes import Area, Changes
from summit_app.core.cipher import PassphraseNeededError
from summit_app.core.model import PromptKind
from summit_app.file_lock import SummitLock
from summit_app.ui import closing, dialogs, settings, templates_service
from summit_app.ui.agenda_panel import AgendaPanel
from summit_app.ui.anonymise_dialog import ReminderBanner
from summit_app.ui.audience_panel import AudiencePanel
from summit_app.ui.follow import follow_item
from summit_app.ui.keys import ClickerKeys
from summit_app.ui.menus import Menus
from summit_app.ui.moderation_panel import ModerationPanel
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.passphrase_dialog import ask_to_unlock
from summit_app.ui.polls_panel import PollsPanel
from summit_app.ui.presenter_panel import PresenterPanel
from summit_app.ui.run_panel import RunPanel
from summit_app.ui.scrolling_tabs import ScrollingTabs
from summit_app.ui.server_panel import ServerPanel
from summit_app.ui.session import SummitSession
from summit_app.ui.slide_strip import SlideStrip
from summit_app.ui.stage import Mode, Scene
from summit_app.ui.summit_settings_dialog import SummitSettingsDialog
from summit_app.ui.tab_corner import TabCorner
from summit_app.ui.welcome_panel import WelcomePanel
from summit_app.ui.writeup_panel import WriteupPanel

APP_NAME = "Summit"
GEOMETRY_KEY = "window/geometry"
STRIP_KEY = "window/strip_shown"
# The first size: what a 1366x768 laptop with its task bar, or 1920x1080 at 150%, has room
# for; smaller when the screen is (the title bar and a task bar take about this much).
FIRST_SIZE = (1280, 720)
DESKTOP_CHROME = 80
BANNER = (
    "#banner { background: #fef3c7; } #banner QLabel { color: #78350f; font-weight: 600;"
    " padding: 2px 4px; }"
)
ALARM = (
    "#alarm { background: #fee2e2; } #alarm QLabel { color: #7f1d1d; font-weight: 600;"
    " padding: 2px 4px; }"
)


class OneLine(QLabel):
    """A banner's line in its kept place: a sentence too long for the room there loses its
    middle ("…"), keeping how it starts and what to do, rather than being cut off (or its
    end, where a button says what to do)."""

    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle) -> None:
        super().__init__()
        self.whole = ""
        self.mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_line(self, text: str) -> None:
        self.whole = text
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width()
        metrics = self.fontMetrics()  # laid out only once shown: till then, the whole
        fits = not self.isVisible() or metrics.horizontalAdvance(self.whole) <= room
        self.setText(self.whole if fits else metrics.elidedText(self.whole, self.mode, room))


class MainWindow(QMainWindow):
    """The control window. Holds at most one open summit (`self.session`)."""

    def __init__(self, parent: QWidget | None = None, embed_notes: bool = False) -> None:
        super().__init__(parent)
        self.session: SummitSession | None = None
        # The app embeds each file's notes in the background for Suggest themes; a window
        # made by a test does not load the model unless it asks.
        self._embed_notes = embed_notes
        self.tabs: ScrollingTabs | None = None
        self._lock: SummitLock | None = None
        self._fit_first_size()
        geometry = settings.settings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.menus = Menus(self)
        self.clicker = ClickerKeys(
            {"next": lambda: self._step(+1), "back": lambda: self._step(-1), "blank": self._blank},
            self._clicker_active,
            lambda: self.session is not None and self.isActiveWindow(),
            self,
            lambda: self.session is not None and self.slideshow.live_deck() is not None,
        )
        QApplication.instance().installEventFilter(self.clicker)
        self.focus_keeper = dialogs.FocusKeeper(self)
        self._show_welcome()

    # -- files ---------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a summit file; on a bad file show the store's message and keep what was open."""
        path = Path(path)
        if not self._may_drop_session("open another summit"):
            return False
        lock = self._take_lock(path)
        if lock is None:
            return False
        try:
            session = self._open_session(path)
        except SummitError as error:
            lock.release()
            dialogs.error(self, str(error), "Cannot open this summit")
            return False
        if session is None:  # the passphrase was not given
            lock.release()
            return False
        self._set_session(session, lock)
        if session.summit.migration_note:  # an older file, updated; where its copy is
            self.statusBar().showMessage(session.summit.migration_note)
        self._offer_to_serve()
        self._restore_room()
        return True

    def _open_session(self, path: Path) -> SummitSession | None:
        """The file opened; a protected one first asks for its passphrase (None: not given)."""
        try:
            return SummitSession.open(path, self)
        except PassphraseNeededError:
            if not ask_to_unlock(self, path):
                return None
        return SummitSession.open(path, self)

    def reopen_after(self, change: Callable[[Path], object], verb: str) -> bool:
        """Close the summit, run `change` on its file (a rewrite: core/protect.py) and open
        it again, holding its lock throughout so no other Summit takes it meanwhile. A
        refused change is said as its sentence, and the file opens as it was."""
        if self.session is None or self._lock is None or not self._may_drop_session(verb):
            return False
        path, lock = self.session.path, self._lock
        # Phones being served are let back in on the same address once it is open again.
        host = self.server_panel.server.host if self.server_panel.running else None
        self._lock = None
        self._drop_session(forget_key=False)
        done = dialogs.attempt(self, lambda: change(path) or True) is not None
        try:
            session = self._open_session(path)
        except SummitError as error:
            session = None
            dialogs.error(self, str(error), "Cannot open this summit")
        if session is None:
            lock.release()
            self._show_welcome()
            self.menus.session_changed()
            return False
        self._set_session(session, lock)
        if host is not None:
            self.server_panel.start(host)
        return done

    def new_from_template(self) -> bool:
        choices = templates_service.templates()
        titles = [c.title for c in choices]
        title = dialogs.ask_choice(self, "New summit", "Start from:", titles)
        if title is None:
            return False
        path = dialogs.ask_new_path(self)
        if path is None:
            return False
        if not self.create_summit(path, choices[titles.index(title)].name):
            return False
        self.open_settings()  # name the day before anything else ("Our summit" otherwise)
        return True

    def create_summit(self, path: Path, template: str) -> bool:
        if not self._may_drop_session("start a new summit"):
            return False
        lock = self._take_lock(Path(path))
        if lock is None:
            return False
        try:
            summit = templates_service.create(path, template)
        except SummitError as error:
            lock.release()
            dialogs.error(self, str(error), "Cannot create this summit")
            return False
        self._set_session(SummitSession(summit, self), lock)
        return True

    def _take_lock(self, path: Path) -> SummitLock | None:
        if self._lock is not None and self._lock.path.resolve() == path.resolve():
            self._drop_session()  # reopening the file this window has
        lock = SummitLock(path)
        try:
            lock.acquire()
        except SummitError as error:
            dialogs.error(self, str(error), "This summit is open elsewhere")
            return None
        return lock

    def ask_and_open(self) -> bool:
        path = dialogs.ask_open_path(self)
        return self.open_path(path) if path else False

    def close_summit(self) -> None:
        if not self._may_drop_session("close this summit"):
            return
        self._drop_session()
        self._show_welcome()
        self.menus.session_changed()

    def _may_drop_session(self, verb: str) -> bool:
        if self.session is None:
            return True
        serving = getattr(self, "server_panel", None) is not None and self.server_panel.running
        return closing.may_stop_phones(self, self.session, serving, verb)

    def _drop_session(self, forget_key: bool = True) -> None:
        if self.session is not None:
            if forget_key:  # a protected summit's key is held only while it is open
                cipher.forget(self.session.path)
            self.projector.close()
            self.projector.deleteLater()
            self.session.close()
            self.session.deleteLater()
            self.session = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _offer_to_serve(self) -> None:
        """A file closed while phones voted: offer to let them back in."""
        doing = closing.left_open(self.session)
        if not doing or self.server_panel.running:
            return
        if dialogs.confirm(
            self,
            "Let phones back in?",
            f"When this summit was last closed, phones were {doing}. It is still open in"
            " the file, but phones cannot reach this laptop until Summit serves them again."
            " Start taking votes from phones now?",
        ):
            self.server_panel.start()
        self._refresh_banner()

    def _restore_room(self) -> None:
        """Reopened mid-day: the tabs follow the running item; mid-vote (or mid-notes), the
        projector comes back up showing what phones are answering, as the room last saw."""
        live = self.session.summit.live()
        if live.current_item_id is not None:
            follow_item(self, live.current_item_id)
        if live.open_poll_id is not None:
            self.polls_panel.choose(live.open_poll_id)
            self.stage.set_preview(Scene(Mode.POLL, poll_id=live.open_poll_id))
        elif live.open_prompt_id is not None:
            prompt = self.session.summit.agenda.prompt(live.open_prompt_id)
            if prompt.kind is PromptKind.NOTES:
                self.note_board.choose_prompt(prompt.id)
                self.stage.set_preview(Scene(Mode.NOTES, prompt_id=prompt.id))
        else:
            return
        self.stage.take()
        self.projector_panel.set_visible(True)

    def open_settings(self) -> SummitSettingsDialog | None:
        if self.session is None:
            return None
        dialog = SummitSettingsDialog(self.session, self)
        dialog.open()
        return dialog

    # -- building the window -------------------------------------------------------------

    def _set_session(self, session: SummitSession, lock: SummitLock) -> None:
        self._drop_session()
        self.session, self._lock = session, lock
        if self._embed_notes:
            session.embeddings.start()
        settings.add_recent_file(session.path)
        room = session.summit.breakouts.room_name()  # a breakout room's file says which room
        place = f"{session.path.name} — {room}" if room else session.path.name
        self.setWindowTitle(f"{place} — {APP_NAME}")
        self.tabs = ScrollingTabs()
        self.tabs.setDocumentMode(True)
        self.agenda_panel = AgendaPanel(session)
        self.run_panel = RunPanel(session)
        self.note_board = NoteBoard(session)
        self.polls_panel = PollsPanel(session)
        self.audience_panel = AudiencePanel(session)
        self.moderation_panel = ModerationPanel(session)
        self.server_panel = ServerPanel(session)
        self.writeup_panel = WriteupPanel(session)
        for panel, name in (
            (self.agenda_panel, "Agenda"),
            (self.run_panel, "Run"),
            (self.note_board, "Notes"),
            (self.polls_panel, "Polls"),
            (self.audience_panel, "Q&&A and words"),  # && : a plain "&", not a mnemonic
            (self.moderation_panel, "Moderation"),
            (self.server_panel, "Phones"),
            (self.writeup_panel, "Write-up"),
        ):
            self.tabs.addTab(panel, name)
        self.moderation_panel.count_changed.connect(self._moderation_count)
        self._moderation_count(session.summit.moderation.held_count())
        self.tabs.currentChanged.connect(self.focus_tab)
        self.projector_panel = PresenterPanel(
            session,
            self,
            self._shown_poll_id,
            self._shown_prompt_id,
            lambda: self.audience_panel.prompt_id,
        )
        self.stage = self.projector_panel.stage
        self.projector = self.projector_panel.projector
        self.projector_panel.screens.said.connect(self.statusBar().showMessage)
        self.server_panel.server_started.connect(
            lambda url: self.projector.set_join_address(
                url, self.server_panel.short_address, self.server_panel.moved
            )
        )
        self.server_panel.server_stopped.connect(lambda: self.projector.set_join_address(""))
        self.server_panel.server_started.connect(self._refresh_banner)
        self.server_panel.server_stopped.connect(self._refresh_banner)
        self.polls_panel.poll_chosen.connect(
            lambda poll_id: self.stage.set_preview(Scene(Mode.POLL, poll_id=poll_id))
        )
        self.note_board.prompt_chosen.connect(
            lambda prompt_id: self.stage.set_preview(Scene(Mode.NOTES, prompt_id=prompt_id))
        )
        self.audience_panel.prompt_combo.activated.connect(self._audience_chosen)
        self.run_panel.item_started.connect(lambda item_id: follow_item(self, item_id))
        # The speakers' slides: Next and Back go through the live deck first; an item with
        # a deck shows it when it starts; the Run tab shows its slides to jump to.
        self.slideshow = self.projector_panel.slideshow
        self.run_panel.slide_step = self.slideshow.step
        self.run_panel.forward = lambda: self._step(+1)  # Space, as the clicker's PageDown
        self.slide_strip = SlideStrip(self.slideshow)
        self.run_panel.slides_box.addWidget(self.slide_strip)
        self.run_panel.item_started.connect(self._item_started_slides)
        self._show_running_deck()
        session.changed.connect(self._on_changes)
        self.menus.session_changed()
        self.banner = QWidget()
        self.banner.setObjectName("banner")
        self.banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.banner.setStyleSheet(BANNER)
        self.banner_text = OneLine()  # one line: its strip is kept, so it must not grow
        self.banner_serve = QPushButton("Start taking votes from phones")
        self.banner_serve.clicked.connect(lambda: self.server_panel.start())
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.banner_serve)
        # The file moved or deleted while open: an alarm, said at once, ahead of the phones'
        # banner (phones are refused too); its button gives the whole sentence, where it went.
        self.file_banner = QWidget()
        self.file_banner.setObjectName("alarm")
        self.file_banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.file_banner.setStyleSheet(ALARM)
        self.file_text = OneLine(Qt.TextElideMode.ElideRight)
        self.file_help = QPushButton("What to do…")
        self.file_help.clicked.connect(self._say_file_gone)
        row = QHBoxLayout(self.file_banner)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.file_text, 1)
        row.addWidget(self.file_help)
        self.file_banner.hide()
        session.file_gone.connect(self._file_gone)
        # A banner arriving late (the file moved, the port moved seconds after the server
        # started, phones stranded) must not push the tabs down under the facilitator's
        # pointer: banners show in the tabs' own row, right of the last tab.
        self.banner_strip = TabCorner(self.tabs)
        strip = QHBoxLayout(self.banner_strip)
        strip.setContentsMargins(0, 0, 0, 0)
        strip.setSpacing(0)
        strip.addWidget(self.file_banner)
        strip.addWidget(self.banner)
        self.banner.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.privacy_banner = ReminderBanner(self, session)  # kept past its retention
        layout.addWidget(self.privacy_banner)  # shown on opening only, before any click
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.projector_panel)
        self.setCentralWidget(central)
        self.set_strip_shown(settings.settings().value(STRIP_KEY, True, type=bool))
        self._refresh_banner()
        self.focus_tab(0)

    def set_strip_shown(self, shown: bool) -> None:
        """Show or hide the preview/live strip (View menu), remembered for the next time:
        on a small screen the facilitator may want the tabs' room while preparing."""
        if self.session is not None:
            self.projector_panel.setVisible(shown)
        self.menus.strip.setChecked(shown)
        settings.settings().setValue(STRIP_KEY, shown)

    def _fit_first_size(self) -> None:
        width, height = FIRST_SIZE
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width())
            height = min(height, room.height() - DESKTOP_CHROME)
        self.resize(width, height)

    def _audience_chosen(self, *_: object) -> None:
        """A Q&A or word cloud chosen in its tab goes to the preview."""
        prompt = self.audience_panel.prompt()
        if prompt is not None:
            mode = Mode.QUESTION if prompt.kind is PromptKind.QUESTIONS else Mode.WORDS
            self.stage.set_preview(Scene(mode, prompt_id=prompt.id))

    def _moderation_count(self, count: int) -> None:
        """The Moderation tab says how much is waiting, whichever tab is in front."""
        if self.tabs is not None:
            index = self.tabs.indexOf(self.moderation_panel)
            self.tabs.setTabText(index, f"Moderation ({count})" if count else "Moderation")

    def _shown_poll_id(self) -> int | None:
        return self.polls_panel.poll_id or self.session.summit.live().open_poll_id

    def _shown_prompt_id(self) -> int | None:
        return self.note_board.prompt_id or self.session.summit.live().open_prompt_id

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.LIVE):
            self._refresh_banner()
        if changes.touches(Area.SLIDES, Area.LIVE, Area.AGENDA):
            self._show_running_deck()

    def _file_gone(self, sentence: str) -> None:
        self.file_text.set_line(f"Saving stopped: {sentence}" if sentence else "")
        self.file_text.setToolTip(sentence)
        self.file_banner.setAccessibleName("Saving stopped")
        self.file_banner.setVisible(bool(sentence))
        self._refresh_banner()  # the phones' banner gives way to the alarm, and comes back
        if sentence:
            self._announce(self.file_banner, sentence)

    def _say_file_gone(self) -> None:
        dialogs.error(self, self.file_text.toolTip(), "Nothing more can be saved")

    def _refresh_banner(self, *_: object) -> None:
        """Say so when phones are meant to take part but cannot reach the laptop, or must
        scan again because the server is on a new address."""
        if self.session is None or not self.session.is_open:
            return
        doing = closing.phones_taking_part(self.session)
        stranded = bool(doing) and not self.server_panel.running
        server = self.server_panel.server
        moved = server.moved if server is not None and self.server_panel.moved else ""
        # The line is short, for the room right of the tabs; the whole sentence is its
        # tooltip and what a screen reader hears (the Phones tab says why at length).
        text = whole = ""
        if stranded:
            text = "Phones cannot reach this laptop: the phone server is not running."
            whole = (
                f"Phones are meant to be {doing}, but they cannot reach this laptop:"
                " the phone server is not running."
            )
        elif moved and server is not None:
            text = (
                f"Phones now join at {server.short_url}: those that joined before must scan"
                " the new code."
            )
            whole = moved + " The projector's join code says so too."
        said = self.banner.isVisibleTo(self) and self.banner_text.whole == text
        self.banner_text.set_line(text)
        self.banner_text.setToolTip(whole)
        self.banner.setAccessibleName(text)
        self.banner_serve.setVisible(stranded)
        shown = bool(text) and self.file_banner.isHidden()  # the alarm goes first
        self.banner.setVisible(shown)
        self.banner_strip.updateGeometry()
        if shown and not said:
            self._announce(self.banner, whole)

    @staticmethod
    def _announce(widget: QWidget, text: str) -> None:
        """A screen reader hears a banner as it arrives (an alert), not only when it is
        next visited."""
        widget.setAccessibleDescription(text)
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))

    def focus_tab(self, number: int) -> None:
        """Keys go to the tab's main list, never to a spin box that would take the arrows."""
        if self.tabs is None:
            return
        if self.tabs.currentIndex() != number:
            self.tabs.setCurrentIndex(number)
            return  # currentChanged comes back here
        target = {
            self.agenda_panel: self.agenda_panel.tree,
            self.run_panel: self.run_panel.agenda_view,
            self.note_board: self.note_board.capture,
            self.polls_panel: self.polls_panel.list,
            self.server_panel: self.server_panel.start_button,
        }.get(self.tabs.widget(number))
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- the stage keys ------------------------------------------------------------------

    def _clicker_active(self) -> bool:
        if self.session is None or not self.isActiveWindow():
            return False
        focus = QApplication.focusWidget()
        tab = self.tabs.currentWidget()
        if (
            isinstance(focus, QAbstractItemView)
            and getattr(tab, "typing_expected", False)
            and tab.isAncestorOf(focus)
        ):
            return False  # the notes wall, say: a letter there starts the next note
        return self.projector.isVisible() or self.tabs.currentWidget() is self.run_panel

    def _item_started_slides(self, item_id: int) -> None:
        deck = self.projector_panel.slide_images.deck_for_item(item_id)
        self.slideshow.item_started(deck)
        self.slide_strip.show_deck(deck)

    def _show_running_deck(self) -> None:
        if self.session is not None:
            item_id = self.session.summit.live().current_item_id
            self.slide_strip.show_deck(self.projector_panel.slide_images.deck_for_item(item_id))

    def _step(self, delta: int) -> None:
        if self.session is None:
            return
        live = self.stage.live
        if live.mode is Mode.TABLES and live.prompt_id is not None and not self.stage.blanked:
            # Table feedback on the projector: the clicker steps through the tables.
            count = len(self.session.summit.tables.feedback(live.prompt_id))
            self.stage.step_table(delta, count)
            return
        self.run_panel.step(delta)

    def _blank(self) -> None:
        if self.session is not None:
            self.stage.toggle_blank()

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
        if not self._may_drop_session("quit"):
            event.ignore()
            return
        settings.settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self._drop_session()
        QApplication.instance().removeEventFilter(self.clicker)
        super().closeEvent(event)

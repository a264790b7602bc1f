"""One scene as the room sees it, drawn to fit any size: the projector, and the preview and
live monitors in the control window are the same view at different sizes.

Type is sized from the view's height (a 1080p wall and a 4K wall read alike from the back
of the hall). Every screen but Blank has a corner with the short join address and its QR
code while phones can join, and the summit's logo if it has one. Text from people is
shown as plain text.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from summit_app.core.changes import Area, Changes
from summit_app.core.errors import NotFoundError
from summit_app.core.model import PollState
from summit_app.core.presenting import instruction, people, plural, turnout
from summit_app.ui.notes_wall import NotesWall, WallGroup
from summit_app.ui.options_view import OptionsView
from summit_app.ui.projector_audience import QuestionScreen, WordsScreen
from summit_app.ui.qr_image import qr_pixmap
from summit_app.ui.results_view import ResultsView
from summit_app.ui.run_panel import plain_label, run_state
from summit_app.ui.session import SummitSession
from summit_app.ui.slide_canvas import SlideCanvas
from summit_app.ui.slide_images import SlideImages
from summit_app.ui.stage import Mode, Scene, Stage
from summit_app.ui.wall_notes import WallNotes

# Brighter than the control window's colours: they must read on black across a room.
TIMER_COLOURS = {"normal": "#ffffff", "amber": "#fbbf24", "red": "#f87171", "paused": "#9ca3af"}
STYLE = "StageView { background: #000000; } QLabel { color: #ffffff; background: transparent; }"
# Sizes in hundredths of the view's height (of a 16:9 area, on wider or taller screens).
SIZES = {"title": 6.5, "question": 5.2, "timer": 24, "body": 3.8, "footer": 3.2, "address": 3.4}
# Under the join code when its port was taken and phones were moved to a new address.
MOVED = "New address: if your phone says it lost touch, scan this code again."
CORNER_QR = 13  # the corner's QR code, in hundredths of the height
FOOTER = 15
# The notes wall's type, sized as for a wall this share of the height (what it had under a
# two-line question and the footer): without the footer it holds more notes, not larger ones.
WALL_TYPE = 66


# The screens that show counts from the phones: people joined, ballots, tables' counts.
COUNTED = frozenset({Mode.JOIN, Mode.POLL, Mode.TABLES})


class StageView(QWidget):
    """Shows `stage.live` (role "live": the projector and the live monitor, which blank and
    freeze) or `stage.preview` (role "preview").

    Signals:
        drawn(): its widgets were given new content (also while hidden, when nothing paints).
    """

    drawn = Signal()

    def __init__(
        self,
        session: SummitSession,
        stage: Stage,
        role: str = "live",
        parent=None,
        slides: SlideImages | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.stage, self.role = session, stage, role
        self.slides = slides if slides is not None else SlideImages(session, self)
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.clock = datetime.now
        self.scene = self._wanted()
        self.showing = Mode.BLANK
        self._laid_out_for = QSize()
        self._qr_url = ""
        self._qr: QPixmap | None = None
        self._logo: QPixmap | None = None
        self._logo_stale = True  # read the logo again (only when the summit's details change)
        self._wall_notes = WallNotes()  # the wall's notes, read again only where they changed
        self.footer_next = self.footer_poll = ""
        self.stack = QStackedWidget()
        self.pages: dict[Mode, QWidget] = {}
        self._build_pages()
        self._build_footer()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.stack, 1)
        self.body.addWidget(self.footer)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        session.closed.connect(self._ticker.stop)
        # Several areas often change at once: repaint once, after they all have.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.refresh)
        session.changed.connect(self._on_changes)
        session.results_ready.connect(self._result_ready)
        # The facilitator's own action: show it at once.
        self._drawn_from: tuple = ()  # the stage as it was when this screen was drawn
        self._passed = False  # a stage change was let pass since it was drawn
        stage.changed.connect(self._stage_changed)
        stage.went_live.connect(self._went_live)  # Show: the room sees it now, even unchanged
        # A slide drawn ahead in the background: the preview's thumbnail is taken again.
        self.slides.rendered.connect(self._slide_rendered)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        self._wall_notes.changed(changes)
        if changes.touches(Area.INFO):
            self._logo_changed()
        if changes.areas <= {Area.BALLOTS, Area.PEOPLE} and not self._counts_shown():
            return  # phones voting or joining: nothing this screen shows moved
        if changes.areas - {Area.WRITEUP}:
            self._soon.start()

    def _stage_seen(self) -> tuple:
        """What of the stage the room's screen is drawn from: all of it but the preview."""
        st = self.stage
        return (st.live, st.blanked, st.frozen, st.join_url, st.join_short, st.join_moved) + (
            st.hide_overrun,
            st.slides_corner,
        )

    def _stage_changed(self) -> None:
        # A scene lined up in the preview (a prompt or poll chosen, an item started) redrew
        # the room's screen as well: 9 ms a time with phones voting (bench/live_edits.py).
        if self.role == "live" and self._stage_seen() == self._drawn_from:
            self._passed = True
            return
        self.refresh()

    def _went_live(self) -> None:
        if self._passed:
            self.refresh()

    def _result_ready(self, poll_id: int) -> None:
        if self._counts_shown():
            self._soon.start()

    def _counts_shown(self) -> bool:
        """Whether this screen shows what phones' ballots and joins move (or is about to
        show another scene). Every batch of ballots redrew the preview's notes wall too,
        and its thumbnail was grabbed again (bench/live_edits.py)."""
        return self.showing in COUNTED or self._wanted() != self.scene

    def _logo_changed(self) -> None:
        self._logo_stale = True

    # -- which scene ---------------------------------------------------------------------

    def _wanted(self) -> Scene:
        return self.stage.live if self.role == "live" else self.stage.preview

    @property
    def frozen(self) -> bool:
        return self.role == "live" and self.stage.frozen

    @property
    def blanked(self) -> bool:
        return self.role == "live" and self.stage.blanked

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        self._drawn_from, self._passed = self._stage_seen(), False
        wanted = self._wanted()
        # The room's picture holds still, also while the clicker moves the deck behind it.
        held = wanted == self.scene or wanted.mode is Mode.SLIDES
        if self.frozen and held and self.showing is not Mode.BLANK:
            return
        self.scene = wanted
        mode = Mode.BLANK if self.blanked else self.scene.mode
        self.showing = mode
        if mode is not Mode.BLANK:
            {
                Mode.JOIN: self._refresh_join,
                Mode.ITEM: self._refresh_item,
                Mode.POLL: self._refresh_poll,
                Mode.NOTES: self._refresh_notes,
                Mode.TABLES: self._refresh_tables,
                Mode.QUESTION: self._refresh_audience,
                Mode.WORDS: self._refresh_audience,
                Mode.SLIDES: self._refresh_slides,
            }[mode]()
        self._set_margins(mode)
        self.stack.setCurrentWidget(self.pages[mode])
        self._refresh_footer(mode)
        self.drawn.emit()

    def _tick(self) -> None:
        if self.frozen or self.showing not in (Mode.ITEM, Mode.NOTES):
            return
        if self.showing is Mode.ITEM:
            self._refresh_item()
        else:
            self.notes_wall.tick(self.clock())
        self.drawn.emit()

    # -- layout and type -----------------------------------------------------------------

    def unit(self) -> float:
        """A hundredth of the height of the 16:9 area that fits this view."""
        return max(1.0, min(self.height(), self.width() * 9 / 16) / 100)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # Grabbing a hidden view (the LIVE thumbnail does) sends resize events of the same
        # size each time: only a new size needs new type and a new layout.
        if self.size() == self._laid_out_for:
            return
        self._laid_out_for = self.size()
        unit = self.unit()
        self._set_margins(self.showing)
        for label, size, bold in self._sized:
            font = QFont(label.font())
            font.setPixelSize(max(4, round(unit * SIZES[size])))
            font.setBold(bold)
            label.setFont(font)
        self.footer.setFixedHeight(round(unit * FOOTER))
        self.notes_wall.set_type_basis(unit * WALL_TYPE)
        self._soon.start()

    def _set_margins(self, mode: Mode) -> None:
        """Slides fill the screen to its edges; every other scene keeps a margin."""
        margin = 0 if mode is Mode.SLIDES else round(self.unit() * 3)
        self.body.setContentsMargins(margin * 2, margin, margin * 2, margin)

    def _label(self, size: str, bold: bool = False, centre: bool = False) -> QLabel:
        label = plain_label()
        if centre:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._sized.append((label, size, bold))
        return label

    # -- pages ---------------------------------------------------------------------------

    def _page(self, mode: Mode) -> QVBoxLayout:
        page = QWidget()
        self.pages[mode] = page
        self.stack.addWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        return layout

    def _build_pages(self) -> None:
        self._sized: list[tuple[QLabel, str, bool]] = []
        self._page(Mode.BLANK)
        join = self._page(Mode.JOIN)
        self.join_title = self._label("title", bold=True, centre=True)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label = self._label("title", bold=True, centre=True)
        self.joined_label = self._label("body", centre=True)
        self.moved_label = self._label("body", bold=True, centre=True)
        self.moved_label.setText(MOVED)
        self.moved_label.hide()
        for widget, stretch in ((self.join_title, 0), (self.qr_label, 1)):
            join.addWidget(widget, stretch)
        join.addWidget(self.url_label)
        join.addWidget(self.moved_label)
        join.addWidget(self.joined_label)
        item = self._page(Mode.ITEM)
        self.item_title = self._label("title", bold=True)
        self.item_detail = self._label("body")
        self.item_timer = self._label("timer", bold=True, centre=True)
        self.item_paused = self._label("body", centre=True)
        item.addWidget(self.item_title)
        item.addWidget(self.item_detail)
        item.addStretch(1)
        item.addWidget(self.item_timer)
        item.addWidget(self.item_paused)
        item.addStretch(1)
        poll = self._page(Mode.POLL)
        self.poll_question = self._label("question", bold=True)
        self.poll_status = self._label("body")
        self.poll_results = ResultsView(large=True)
        self.poll_options = OptionsView()
        self.poll_body = QStackedWidget()
        self.poll_body.addWidget(self.poll_results)
        self.poll_body.addWidget(self.poll_options)
        poll.addWidget(self.poll_question)
        poll.addWidget(self.poll_status)
        poll.addWidget(self.poll_body, 1)
        notes = self._page(Mode.NOTES)
        self.notes_title = self._label("question", bold=True)
        self.notes_wall = NotesWall()
        notes.addWidget(self.notes_title)
        notes.addWidget(self.notes_wall, 1)
        self.slide_canvas = SlideCanvas(self.slides, ahead=self.role != "live")
        self._page(Mode.SLIDES).addWidget(self.slide_canvas, 1)
        tables = self._page(Mode.TABLES)
        self.tables_question = self._label("body")
        self.tables_name = self._label("title", bold=True)
        self.tables_points = self._label("question")
        self.tables_points.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.tables_step = self._label("body")
        tables.addWidget(self.tables_question)
        tables.addWidget(self.tables_name)
        tables.addWidget(self.tables_points, 1)
        tables.addWidget(self.tables_step)
        self.question_screen = QuestionScreen(self.session, self._page(Mode.QUESTION))
        self.words_screen = WordsScreen(self.session, self._page(Mode.WORDS))
        # Their type, too, from the view's height.
        q = self.question_screen
        for label, size, bold in (
            (q.heading, "body", False),
            (q.text, "title", True),
            (q.votes, "body", False),
            (q.others, "body", False),
            (self.words_screen.title, "question", True),
        ):
            self._sized.append((label, size, bold))

    def _build_footer(self) -> None:
        self.footer = QWidget()
        row = QHBoxLayout(self.footer)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_label = QLabel()
        self.footer_text = self._label("footer")
        self.footer_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.corner_address = self._label("address", bold=True)
        self.corner_address.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.corner_address.setWordWrap(False)
        self.corner_qr = QLabel()
        row.addWidget(self.logo_label)
        row.addWidget(self.footer_text, 1)
        row.addWidget(self.corner_address)
        row.addWidget(self.corner_qr)

    # -- join ----------------------------------------------------------------------------

    def _qr_pixmap(self) -> QPixmap | None:
        url = self.stage.join_url
        if url != self._qr_url:
            self._qr_url, self._qr = url, (qr_pixmap(url) if url else None)
        return self._qr

    def _refresh_join(self) -> None:
        summit = self.session.summit
        self.join_title.setText(f"Join {summit.info().title} on your phone")
        qr = self._qr_pixmap()
        if qr is None:
            self.qr_label.clear()
            self.url_label.setText("The join address appears when phones can join")
        else:
            side = max(40, min(self.stack.height() * 0.55, self.width() * 0.4))
            _set_scaled(self.qr_label, qr, int(side))
            self.url_label.setText(self.stage.join_text)
        self.moved_label.setVisible(self.stage.join_moved)
        count = summit.people.count()
        self.joined_label.setText(f"{count} {'phone' if count == 1 else 'phones'} joined")

    # -- the running item ----------------------------------------------------------------

    def _refresh_item(self) -> None:
        state = run_state(self.session, self.clock())
        summit = self.session.summit
        if state.current_item_id is None:
            info = summit.info()
            self.item_title.setText(info.title)
            self.item_detail.setText(
                " · ".join(x for x in (_long_date(info.date), info.venue) if x)
            )
            self.item_timer.setText("")
            self.item_paused.setText("")
            self.footer_next = f"First: {state.next_title}" if state.next_title != "—" else ""
            return
        self.item_title.setText(state.now_title)
        speakers = summit.agenda.speakers(state.current_item_id)
        self.item_detail.setText(
            "; ".join(", ".join(x for x in (s.name, s.role, s.organisation) if x) for s in speakers)
        )
        timer = state.timer
        hide = timer is not None and timer.overrun and self.stage.hide_overrun
        self.item_timer.setText("" if hide or timer is None else timer.text)
        colour = "paused" if timer is not None and timer.paused else state.timer_state.value
        self.item_timer.setStyleSheet(f"color: {TIMER_COLOURS[colour]};")
        self.item_timer.setProperty("timer_state", state.timer_state.value)
        self.item_paused.setText("Paused" if timer is not None and timer.paused else "")
        self.footer_next = f"Next: {state.next_title}" if state.next_title != "—" else ""
        if self.showing is Mode.ITEM:
            self.footer_text.setText(self.footer_next)

    # -- a poll --------------------------------------------------------------------------

    def shown_poll_id(self) -> int | None:
        return self.scene.poll_id if self.showing is Mode.POLL else None

    def _refresh_poll(self) -> None:
        summit = self.session.summit
        poll_id = self.scene.poll_id
        try:
            poll = summit.polls.poll(poll_id) if poll_id is not None else None
        except NotFoundError:  # removed since it went live
            poll = None
        if poll is None:
            self.poll_question.setText("")
            self.poll_status.setText("No poll chosen")
            self.poll_results.set_result(None)
            self.poll_options.set_options([])
            self.footer_poll = ""
            return
        result = self.session.result(poll.id)
        self.poll_question.setText(poll.question)
        if poll.state is PollState.OPEN:
            status = f"Vote now on your phone: {instruction(poll).lower()}"
            voted = summit.polls.ballot_count(poll.id, here=True)  # this room's phones
            self.footer_poll = turnout(voted, summit.people.count())
        elif poll.state is PollState.CLOSED:
            status = f"Voting closed · {people(result.voters)} voted"
            self.footer_poll = ""
        else:
            status = f"Voting opens soon: {instruction(poll).lower()}"
            self.footer_poll = ""
        self.poll_status.setText(status)
        if poll.show_results:
            self.poll_results.set_result(result)
            self.poll_body.setCurrentWidget(self.poll_results)
        else:
            self.poll_results.set_result(result, hidden=True)
            self.poll_options.set_options([o.text for o in poll.options])
            self.poll_body.setCurrentWidget(self.poll_options)

    # -- notes ---------------------------------------------------------------------------

    def shown_prompt_id(self) -> int | None:
        return self.scene.prompt_id if self.showing is Mode.NOTES else None

    def wall(self) -> list[WallGroup]:
        """The themes with their visible notes, in order; unsorted notes last."""
        prompt_id = self.scene.prompt_id
        if prompt_id is None:
            return []
        return self._wall_notes.groups(self.session.summit, prompt_id)

    def _refresh_notes(self) -> None:
        prompt_id = self.scene.prompt_id
        try:
            prompt = self.session.summit.agenda.prompt(prompt_id) if prompt_id else None
        except NotFoundError:
            prompt = None
        self.notes_title.setText(prompt.text if prompt else "No question chosen")
        self.notes_wall.set_groups(self.wall() if prompt else [])
        self.notes_wall.tick(self.clock())

    def _refresh_tables(self) -> None:
        """Table feedback: one table's key points at a time, as the clicker steps."""
        prompt_id = self.scene.prompt_id
        try:
            prompt = self.session.summit.agenda.prompt(prompt_id) if prompt_id else None
        except NotFoundError:
            prompt = None
        feedback = self.session.summit.tables.feedback(prompt.id) if prompt else []
        self.tables_question.setText(prompt.text if prompt else "No question chosen")
        if not feedback:
            self.tables_name.setText("Table feedback")
            self.tables_points.setText("No table has sent notes to this question yet.")
            self.tables_step.setText("")
            return
        at = min(self.scene.table, len(feedback) - 1)
        shown = feedback[at]
        self.tables_name.setText(shown.table.label)
        if shown.key_points:
            self.tables_points.setText("\n\n".join(f"\u2605 {p}" for p in shown.key_points))
        else:
            sent = plural(shown.notes, "note")
            self.tables_points.setText(f"{sent} sent; no key points starred yet.")
        self.tables_step.setText(f"Table feedback: {at + 1} of {len(feedback)} tables")

    def table_texts(self) -> list[str]:
        """What the table feedback screen says now (what the room reads)."""
        if self.showing is not Mode.TABLES:
            return []
        labels = (self.tables_name, self.tables_points, self.tables_step)
        return [label.text() for label in labels]

    def _refresh_audience(self) -> None:
        screen = self.question_screen if self.scene.mode is Mode.QUESTION else self.words_screen
        screen.prompt_id = self.scene.prompt_id
        screen.refresh()

    def note_labels(self) -> list[str]:
        """Every text on the wall right now (what the room sees), on every page."""
        return self.notes_wall.texts() if self.showing is Mode.NOTES else []

    # -- slides --------------------------------------------------------------------------

    def _slide_rendered(self) -> None:
        if self.showing is Mode.SLIDES:
            self.drawn.emit()

    def _refresh_slides(self) -> None:
        self.slide_canvas.show_slide(self.slides.deck(self.scene.deck_id), self.scene.slide)

    # -- the footer: logo, a line of context, and how to join ----------------------------

    def _refresh_footer(self, mode: Mode) -> None:
        # A slide fills the screen: no footer over it unless the join corner is asked for.
        shown = mode is not Mode.BLANK
        if mode is Mode.SLIDES:
            shown = self.stage.slides_corner and self._qr_pixmap() is not None
        self.footer.setVisible(shown)
        if not shown:
            return
        text = {Mode.ITEM: getattr(self, "footer_next", ""), Mode.POLL: self.footer_poll}
        self.footer_text.setText(text.get(mode, ""))
        height = self.footer.height()
        self._refresh_logo(height)
        qr = self._qr_pixmap()
        corner = qr is not None and mode is not Mode.JOIN
        self.corner_qr.setVisible(corner)
        self.corner_address.setVisible(corner)
        if corner:
            _set_scaled(self.corner_qr, qr, round(self.unit() * CORNER_QR))
            new = " (new address)" if self.stage.join_moved else ""
            self.corner_address.setText(f"Join{new}: {self.stage.join_text}")
        # The notes wall has no line of context: with no logo and no join corner the strip
        # would stay an empty band (a sixth of a 1080p wall, which then turned pages sooner).
        if mode is Mode.NOTES and not corner and self._logo is None:
            self.footer.setVisible(False)

    def _refresh_logo(self, height: int) -> None:
        if self._logo_stale:
            self._logo_stale = False
            logo = self.session.summit.logo()
            self._logo = None
            if logo is not None:
                pixmap = QPixmap()
                self._logo = pixmap if pixmap.loadFromData(logo.image) else None
        self.logo_label.setVisible(self._logo is not None)
        if self._logo is not None:
            scaled = self._logo.scaled(
                round(height * 3),
                max(8, round(height * 0.8)),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            if self.logo_label.pixmap().size() != scaled.size():
                self.logo_label.setPixmap(scaled)

    def corner_text(self) -> str:
        """The join corner as the room reads it ('' when it is not shown)."""
        return self.corner_address.text() if self.corner_address.isVisibleTo(self) else ""


def _set_scaled(label: QLabel, pixmap: QPixmap, side: int) -> None:
    """Show `pixmap` at `side` pixels square (QR codes stay sharp: no smoothing)."""
    if label.pixmap().size().width() != side:
        label.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))


def _long_date(value: str) -> str:
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"

"""The facilitator's edits while phones vote: do they fail because the server is writing?

The control window and the participant server both write the `.summit` file. This bench
runs the real control window (offscreen) on a demo summit, starts the participant server
from its Phones panel on 127.0.0.1, opens a new poll and a prompt through the widgets,
then lets N phones (another process, bench/live_phones.py) join, read the state, vote,
and every other phone post a note to the prompt open then. Meanwhile a QTimer on the GUI
thread makes one facilitator edit every 100 ms through the widgets' own buttons and
shortcuts: hide/show a note, move a note to another theme (Ctrl+0..9), change a draft
poll's question in the poll editor and save it, start the next agenda item on the Run
panel (and, as a facilitator does, open the item's first notes prompt to phones on the
note board when it has one).

An edit fails if it raised, if an exception escaped a slot (sys.excepthook; PySide6 prints
those on stderr), if it showed an error box ("error_box"), if a traceback reached stderr
while it ran, or if it silently changed nothing. A 10 ms QTimer records the GUI thread's
longest stall. After the phones are done and the server stopped, the file is read back.

    PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/live_edits.py [--phones 2000]

The last line reads:
    facilitator edits E, failed F; ballots acknowledged A, stored S; phones refused R
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QElapsedTimer,
    QEventLoop,
    QSettings,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtGui import QShortcut  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from summit_app.core import Summit  # noqa: E402
from summit_app.core.model import Author, PollKind, PromptKind  # noqa: E402
from summit_app.core.templates import create_from_template  # noqa: E402
from summit_app.ui import guard  # noqa: E402
from summit_app.ui.app import application  # noqa: E402
from summit_app.ui.main_window import MainWindow  # noqa: E402
from summit_app.ui.projector_window import Mode  # noqa: E402

HERE = Path(__file__).resolve().parent
TICK_MS = 10
RUN_DEADLINE_S = 170  # the phones are stopped after this, whatever they are doing
SETTLE_MS = 1500  # after the phones, let the last events reach the panels
LIVE_QUESTION = "Which should we fund first?"
LIVE_OPTIONS = ["Leadership development", "Shared records", "Workforce plan"]
SLIDE = "Next/Back: a slide"  # the press moved the running item's deck, not the day


# -- what reaches stderr ---------------------------------------------------------------------


class StderrTap(io.TextIOBase):
    """Stands in for sys.stderr: counts tracebacks and the server's 'database busy'
    warnings, keeps the last exception lines, and passes the text on only if asked."""

    def __init__(self, real: object, echo: bool) -> None:
        self.real = real
        self.echo = echo
        self.tracebacks = 0
        self.gui_tracebacks = 0  # printed by the GUI thread (where the edits run)
        self.busy_warnings = 0
        self.endings: Counter[str] = Counter()  # the last line of each traceback
        self._in_traceback = False
        self._partial = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.echo:
            self.real.write(text)  # type: ignore[attr-defined]
        self._partial += text
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            if line.startswith("Traceback (most recent call last)"):
                self.tracebacks += 1
                self.gui_tracebacks += threading.current_thread() is threading.main_thread()
                self._in_traceback = True
            elif self._in_traceback and line and not line.startswith((" ", "\t")):
                if not line.startswith(("During handling", "The above exception")):
                    self.endings[line[:160]] += 1
                    self._in_traceback = False
            if "database busy" in line:
                self.busy_warnings += 1
        return len(text)

    def flush(self) -> None:
        if self.echo:
            self.real.flush()  # type: ignore[attr-defined]


# -- the facilitator -------------------------------------------------------------------------


@dataclass
class Kind:
    done: int = 0
    failed: int = 0
    no_effect: int = 0
    slowest_ms: float = 0.0


@dataclass
class Facilitator:
    """Edits through the window's widgets, one per call of `edit()`, in rotation."""

    window: MainWindow
    tap: StderrTap
    prompt_id: int
    draft_poll_id: int
    note_ids: list[int]
    kinds: dict[str, Kind] = field(default_factory=dict)
    hooked: int = 0  # exceptions that reached sys.excepthook (escaped a slot)
    boxes: int = 0  # error boxes shown during edits
    durations: list[float] = field(default_factory=list)
    _turn: int = 0
    _version: int = 0
    _forward: bool = True
    _guard_offset: float = 0.0

    def __post_init__(self) -> None:
        guard.now = lambda: time.monotonic() + self._guard_offset
        self.rotation: list[tuple[str, Callable[[int], Callable[[], bool]]]] = [
            ("hide/show a note", self.hide_show),
            ("move a note to a theme", self.move_note),
            ("edit a draft poll", self.edit_poll),
            ("start the next item", self.next_item),
        ]
        self.kinds = {name: Kind() for name, _ in self.rotation}
        # Next and Back step through the running item's deck first (ui/run_panel.py step):
        # such a press moved a slide, not the day, and is counted as what it did.
        self.kinds[SLIDE] = Kind()
        self.did: str | None = None  # what the last edit really did, if not its name

    @property
    def summit(self) -> Summit:
        assert self.window.session is not None
        return self.window.session.summit

    @property
    def board(self):
        return self.window.note_board

    @property
    def edits(self) -> int:
        return sum(k.done for k in self.kinds.values())

    @property
    def failed(self) -> int:
        return sum(k.failed for k in self.kinds.values())

    def excepthook(self, kind, value, tb) -> None:
        self.hooked += 1
        traceback.print_exception(kind, value, tb)  # to sys.stderr, as Python's own hook

    def edit(self) -> None:
        """One edit, the next in the rotation; counted as done, failed or without effect."""
        name, make = self.rotation[self._turn % len(self.rotation)]
        turn = self._turn // len(self.rotation)
        self._turn += 1
        before = (self.hooked, self.tap.gui_tracebacks)
        started = time.perf_counter()
        raised = False
        effect = False
        try:
            check = make(turn)  # does the edit; returns "did it take?"
            effect = check()
        except Exception:  # noqa: BLE001 (any error is a failed edit)
            raised = True
            traceback.print_exc()
        took = 1000 * (time.perf_counter() - started)
        kind = self.kinds[self.did or name]
        self.did = None
        self.durations.append(took)
        kind.slowest_ms = max(kind.slowest_ms, took)
        boxes = close_error_boxes(self.window)
        self.boxes += boxes
        kind.done += 1
        if raised or boxes or (self.hooked, self.tap.gui_tracebacks) != before:
            kind.failed += 1
        elif not effect:
            kind.no_effect += 1
            kind.failed += 1

    # Each edit does its clicks now and returns a check of the file through the window's
    # own connection, made after the edit.

    def back_to_the_prompt(self) -> None:
        """Starting the next item moves the board to that item's prompt: the facilitator
        picks the prompt being clustered again (else the note is not on the board, and the
        edit changed nothing: most note edits did, before this)."""
        if self.board.prompt_id != self.prompt_id:
            self.board.choose_prompt(self.prompt_id)

    def hide_show(self, turn: int) -> Callable[[], bool]:
        self.back_to_the_prompt()
        note_id = self.note_ids[turn % len(self.note_ids)]
        was = self.summit.notes.note(note_id).is_hidden
        self.board.select_notes([note_id])
        self.board.buttons["hide"].click()
        return lambda: self.summit.notes.note(note_id).is_hidden != was

    def move_note(self, turn: int) -> Callable[[], bool]:
        self.back_to_the_prompt()
        note_id = self.note_ids[(turn * 5 + 3) % len(self.note_ids)]
        themes = [None] + [t.id for t in self.summit.notes.themes(self.prompt_id)][:9]
        current = self.summit.notes.note(note_id).theme_id
        number = turn % len(themes)
        if themes[number] == current:
            number = (number + 1) % len(themes)
        self.board.select_notes([note_id])
        shortcut(self.board, f"Ctrl+{number}").activated.emit()
        target = themes[number]
        return lambda: self.summit.notes.note(note_id).theme_id == target

    def edit_poll(self, turn: int) -> Callable[[], bool]:
        panel = self.window.polls_panel
        panel.choose(self.draft_poll_id)
        self._version += 1
        question = f"Which of these next year? (draft {self._version})"
        panel.editor.question.setText(question)
        panel.save_button.click()
        return lambda: self.summit.polls.poll(self.draft_poll_id).question == question

    def next_item(self, turn: int) -> Callable[[], bool]:
        # Next comes round every 400 ms, inside the double-click guard's window, which would
        # (rightly) ignore it: move the guard's clock on so each press reads as deliberate.
        self._guard_offset += guard.WINDOW_S
        panel = self.window.run_panel
        items = [i.id for i in self.summit.agenda.items()]
        current = self.summit.live().current_item_id
        if current == items[-1]:
            self._forward = False
        elif current == items[0]:
            self._forward = True
        slide = self.window.stage.live
        (panel.next_button if self._forward else panel.back_button).click()
        if self.summit.live().current_item_id == current and self.window.stage.live != slide:
            self.did = SLIDE
            return lambda: self.window.stage.live.mode is Mode.SLIDES
        started = self.summit.live().current_item_id
        prompts = [
            p.id
            for p in self.summit.agenda.prompts()
            if p.item_id == started and p.kind is PromptKind.NOTES  # the board's prompts
        ]
        if prompts:  # phones post their notes to the prompt open at the time
            self.board.choose_prompt(prompts[0])
            if not self.board.open_button.isChecked():
                self.board.open_button.click()
        opened = prompts[0] if prompts else None
        return lambda: (
            self.summit.live().current_item_id != current
            and (opened is None or self.summit.live().open_prompt_id == opened)
        )


def shortcut(widget, keys: str) -> QShortcut:
    for found in widget.findChildren(QShortcut):
        if found.key().toString() == keys:
            return found
    raise LookupError(f"no {keys} shortcut on {type(widget).__name__}")


def close_error_boxes(window: MainWindow) -> int:
    """How many error boxes (ui/dialogs.error) are showing; closes them."""
    # A message box is a window of its own, parent or not: the top-level widgets hold it.
    # (Walking the whole window's tree for it cost the window's thread ~2 ms an edit.)
    boxes = {
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "error_box" and w.isVisible()
    }
    for box in boxes:
        box.done(0)
        box.deleteLater()
    return len(boxes)


# -- setting up through the widgets ------------------------------------------------------


def make_demo(path: Path) -> None:
    create_from_template(path, "demo").close()


def setup(window: MainWindow) -> tuple[int, list[int], int, int, list[int]]:
    """Through the widgets: a new poll opened for phones, a draft poll to edit later,
    the first item started, then the busiest prompt open for notes (starting an item closes
    the prompts of other items).
    Returns (live poll, its option ids, draft poll, prompt, the prompt's notes)."""
    session = window.session
    assert session is not None
    summit = session.summit
    vote_item = next(i.id for i in summit.agenda.items() if i.kind.value == "vote")
    polls = window.polls_panel
    window.tabs.setCurrentWidget(polls)

    def add_poll(question: str, options: list[str]) -> int:
        polls.new_poll()
        editor = polls.editor
        editor.item_combo.setCurrentIndex(editor.item_combo.findData(vote_item))
        editor.question.setText(question)
        editor.kind.setCurrentIndex(editor.kind.findData(PollKind.SINGLE))
        editor.options.setPlainText("\n".join(options))
        polls.save_button.click()
        assert polls.poll_id is not None, "the poll editor did not save"
        return polls.poll_id

    live_poll = add_poll(LIVE_QUESTION, LIVE_OPTIONS)
    polls.open_button.click()
    assert summit.live().open_poll_id == live_poll, "the poll did not open"
    draft_poll = add_poll("Which of these next year? (draft)", ["One", "Two", "Three"])
    options = [o.id for o in summit.polls.poll(live_poll).options]

    window.run_panel.start_button.click()
    assert summit.live().current_item_id is not None, "the first item did not start"

    board = window.note_board
    window.tabs.setCurrentWidget(board)
    prompt = max(summit.agenda.prompts(), key=lambda p: len(summit.notes.themes(p.id))).id
    board.choose_prompt(prompt)
    board.open_button.click()
    assert summit.live().open_prompt_id == prompt, "the prompt did not open"
    notes = [n.id for n in summit.notes.notes(prompt)]
    window.projector_panel.show_mode(Mode.POLL)
    return live_poll, options, draft_poll, prompt, notes


def phone_notes(summit: Summit) -> int:
    """Phones' notes in the file, on every prompt."""
    return int(
        summit.execute(
            "SELECT COUNT(*) FROM notes WHERE author = ?", (Author.PARTICIPANT,)
        ).fetchone()[0]
    )


def run_loop_until(done: Callable[[], bool], deadline: float, every_ms: int = 50) -> None:
    """Spin the Qt event loop until `done()` or the monotonic `deadline`."""
    loop = QEventLoop()
    watcher = QTimer()
    watcher.setInterval(every_ms)
    watcher.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    watcher.start()
    loop.exec()
    watcher.stop()


def pause(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# -- the run ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=100, help="the phones' client pool")
    parser.add_argument(
        "--every-ms", type=int, default=100, help="one facilitator edit this often (ms)"
    )
    parser.add_argument(
        "--arrive-s",
        type=float,
        default=None,
        help="phones arrive over this many seconds (default: phones/200, at least 5)",
    )
    parser.add_argument("--echo", action="store_true", help="also pass stderr through")
    args = parser.parse_args()
    n = max(1, args.phones)
    spread = args.arrive_s if args.arrive_s is not None else max(5.0, n / 200)
    whole_run = time.perf_counter()

    tap = StderrTap(sys.stderr, args.echo)
    real_stderr, sys.stderr = sys.stderr, tap
    qt_messages: Counter[str] = Counter()

    def qt_message(mode, context, message: str) -> None:
        # Qt's own warnings (the offscreen platform's propagateSizeHints...) are counted,
        # not printed: they are about the test platform.
        qt_messages[message[:80]] += 1

    qInstallMessageHandler(qt_message)
    folder = Path(tempfile.mkdtemp(prefix="live_edits_"))
    # Keep the facilitator's real recent files and window places out of this run.
    settings = folder / "settings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(settings))
    app = application()  # noqa: F841 (kept alive for the run)
    path = folder / "demo.summit"
    make_demo(path)

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    if not window.open_path(path):
        print("the window could not open the demo summit", file=real_stderr)
        return 2
    live_poll, options, draft_poll, prompt, notes = setup(window)
    window.projector.resize(1280, 720)
    window.projector.show()
    with Summit.open(path) as before:
        phone_notes_before = phone_notes(before)
        ballots_before = before.polls.ballot_count(live_poll)

    facilitator = Facilitator(window, tap, prompt, draft_poll, notes)
    old_hook, sys.excepthook = sys.excepthook, facilitator.excepthook

    # One of each edit with no phones: they must all take, or the bench itself is wrong.
    for _ in facilitator.rotation:
        facilitator.edit()
        pause(50)
    calm = (facilitator.edits, facilitator.failed)
    calm_kinds = {name: (k.done, k.failed, k.no_effect) for name, k in facilitator.kinds.items()}
    for kind in facilitator.kinds.values():
        kind.done = kind.failed = kind.no_effect = 0
        kind.slowest_ms = 0.0
    facilitator.durations.clear()

    # The participant server, started as the Phones panel starts it.
    panel = window.server_panel
    panel.port = 0
    if not panel.start("127.0.0.1"):
        print("the server did not start:", panel.status.text(), file=real_stderr)
        return 2
    server = panel.server
    base, code = server.join_url.split("/j/")
    window.tabs.setCurrentWidget(window.note_board)

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6 - TICK_MS)
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    editor = QTimer()
    editor.setInterval(args.every_ms)
    editor.timeout.connect(facilitator.edit)

    phone_args = [base, code, live_poll, ",".join(map(str, options)), n]
    phone_args += [args.connections, spread]
    phones = subprocess.Popen(
        [sys.executable, str(HERE / "live_phones.py"), *map(str, phone_args)],
        stdout=subprocess.PIPE,
        text=True,
    )
    started = time.perf_counter()
    last[0] = clock.nsecsElapsed()
    ticker.start()
    editor.start()
    run_loop_until(lambda: phones.poll() is not None, time.monotonic() + RUN_DEADLINE_S)
    editor.stop()
    ticker.stop()
    load_s = time.perf_counter() - started
    if phones.poll() is None:
        print("the phones took too long: stopped", file=real_stderr)
        phones.kill()
    out, _ = phones.communicate(timeout=30)
    pause(SETTLE_MS)
    panel.stop()
    pause(200)
    sys.excepthook = old_hook

    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        result = {}
    legs = {
        name: result.get(name, {"ok": 0, "errors": {}})
        for name in ("join", "state", "ballot", "note")
    }
    with Summit.open(path) as after:
        stored = after.polls.ballot_count(live_poll) - ballots_before
        stored_notes = phone_notes(after) - phone_notes_before
    window.close()
    sys.stderr = real_stderr
    shutil.rmtree(folder, ignore_errors=True)

    def errors(leg: dict) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(leg["errors"].items())) or "none"

    def refused(leg: dict) -> int:
        return sum(leg["errors"].values())

    # A note for a prompt that closed between the phone's state read and its post (the
    # facilitator started the next item) is rightly refused, as the page then says.
    closed = legs["note"]["errors"].pop("HTTP 409", 0)

    gaps.sort()
    longest = gaps[-1] if gaps else float("nan")
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else float("nan")
    durations = sorted(facilitator.durations) or [float("nan")]
    print(
        f"{n} phones arriving over {spread:.0f} s ({(n + 1) // 2} post a note to the prompt open),"
        f" {args.connections} client connections; the server in the control window's process;"
        f" one facilitator edit every {args.every_ms} ms through the widgets"
    )
    for name in ("join", "state", "ballot", "note"):
        leg = legs[name]
        print(
            f"  {name:<6} {leg['ok']} ok; median {leg.get('median_ms', float('nan')):.0f} ms,"
            f" p99 {leg.get('p99_ms', float('nan')):.0f} ms,"
            f" max {result.get('max_ms', {}).get(name, float('nan')):.0f} ms; errors: {errors(leg)}"
        )
    if result.get("unfinished") or result.get("crashed") or not result:
        print(
            f"  phones unfinished {result.get('unfinished', '?')},"
            f" crashed {result.get('crashed', '?')}"
        )
    print(
        f"calm edits before the load (no phones): {calm[0]}, failed {calm[1]}"
        + ("" if calm[1] == 0 else f"  <- THE BENCH IS WRONG: {calm_kinds}")
    )
    for name, kind in facilitator.kinds.items():
        silent = f", {kind.no_effect} of them silently changed nothing" if kind.no_effect else ""
        print(
            f"  {name:<23} {kind.done} edits, failed {kind.failed}{silent};"
            f" slowest {kind.slowest_ms:.0f} ms"
        )
    print(
        f"facilitator's edit took median {durations[len(durations) // 2]:.0f} ms, max"
        f" {durations[-1]:.0f} ms; exceptions escaping slots {facilitator.hooked};"
        f" error boxes shown {facilitator.boxes}"
    )
    print(
        f"stderr: {tap.tracebacks} tracebacks; server 'database busy' warnings {tap.busy_warnings}"
    )
    for ending, count in tap.endings.most_common(4):
        print(f"  {count} x {ending}")
    if qt_messages:
        print(f"Qt messages (not printed): {sum(qt_messages.values())}")
    print(
        f"GUI thread during the load ({load_s:.1f} s): longest stall {longest:.0f} ms beyond the"
        f" {TICK_MS} ms tick; p99 {p99:.0f} ms; {len(gaps)} ticks"
    )
    print(
        f"notes acknowledged {legs['note']['ok']}, stored {stored_notes}; not sent, no prompt"
        f" open {result.get('no_prompt', '?')}; refused as the prompt closed meanwhile {closed}"
    )
    print(f"whole run {time.perf_counter() - whole_run:.1f} s")
    refusals = sum(refused(legs[name]) for name in ("join", "ballot", "note"))
    broken = not result or phones.returncode != 0
    if broken:
        print(f"the phones' process failed (exit {phones.returncode}): figures are incomplete")
    print(
        f"facilitator edits {facilitator.edits}, failed {facilitator.failed};"
        f" ballots acknowledged {legs['ballot']['ok']}, stored {stored};"
        f" phones refused {refusals}"
    )
    lost = stored != legs["ballot"]["ok"] or stored_notes != legs["note"]["ok"]
    if broken:
        return 2
    return 1 if facilitator.failed or refusals or lost else 0


if __name__ == "__main__":
    sys.exit(main())

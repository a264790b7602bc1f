"""Screenshots of the control and projector windows at each stage of a summit.

    PYTHONPATH=src python docs/ui/make_screenshots.py [demo.summit]

With a file (e.g. one made from the "demo" template) it works on a copy of it; without one
it builds a small summit through the core API. Windows are grabbed offscreen at 1366x768.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from summit_app.core import Summit  # noqa: E402
from summit_app.core.model import ItemKind, PollKind, SummitInfo  # noqa: E402
from summit_app.ui.app import application  # noqa: E402
from summit_app.ui.main_window import MainWindow  # noqa: E402
from summit_app.ui.projector_window import Mode  # noqa: E402

OUT = Path(__file__).resolve().parent


def build(path: Path) -> None:
    with Summit.create(path, SummitInfo(title="Leadership summit", start_time="09:30")) as s:
        morning = s.agenda.add_section("Morning")
        s.agenda.add_item(morning.id, "Welcome and objectives", ItemKind.OTHER, 10)
        talk = s.agenda.add_item(morning.id, "Perspectives on leadership", ItemKind.TALK, 30)
        s.agenda.add_speaker(talk.id, "Dr Ada Lovelace", "Chair", "SEL ICS")
        item = s.agenda.add_item(morning.id, "Reflections", ItemKind.DISCUSSION, 15)
        prompt = s.agenda.add_prompt(item.id, "What did you hear that matters most?")
        vote = s.agenda.add_item(morning.id, "Priorities", ItemKind.VOTE, 10)
        poll = s.polls.add_poll(
            vote.id, "Which initiative first?", PollKind.SINGLE, ["Workforce", "Digital", "Access"]
        )
        themes = [s.notes.add_theme(prompt.id, n) for n in ("Workforce", "Listening")]
        for text, theme in (
            ("Nurses and pharmacists at every table", themes[0]),
            ("<b>Protected time</b> for leadership", themes[0]),
            ("Hear from carers", themes[1]),
            ("Shared care records", None),
        ):
            s.notes.add_note(prompt.id, text, theme_id=theme.id if theme else None)
        s.polls.open_poll(poll.id)
        for i in range(23):
            person = s.people.join()
            s.polls.cast_ballot(poll.id, person.id, {poll.options[i % 3 if i % 4 else 0].id: 1})


def grab(widget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print("saved", OUT / f"{name}.png")


def writeup(window: MainWindow) -> None:
    """The Write-up tab on the section with the most blocks of text, its first one chosen,
    once the preview beside it is built."""
    import time

    from summit_app.core.model import NarrativeBlock

    summit = window.session.summit
    panel = window.writeup_panel
    window.tabs.setCurrentWidget(panel)
    sections = summit.agenda.sections()
    if sections:
        section = max(sections, key=lambda x: len(summit.writeup.narrative_blocks(x.id)))
        blocks = [e for e in summit.writeup.flow(section.id) if isinstance(e, NarrativeBlock)]
        panel.outline.select(("block", blocks[0].id) if blocks else ("section", section.id))
    deadline = time.monotonic() + 30
    preview = panel.preview
    while time.monotonic() < deadline and (
        preview.worker is not None or preview.document.pageCount() == 0 or preview._want
    ):  # built, and scrolled to the section chosen
        QApplication.processEvents()
        time.sleep(0.05)
    rendered = time.monotonic() + 1.5  # the view draws its pages on a thread of its own
    while time.monotonic() < rendered:
        QApplication.processEvents()
        time.sleep(0.02)
    grab(window, "10-writeup")


def logo_png() -> bytes:
    """A stand-in organiser's logo, drawn here (no image files in the repository)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(480, 160, QImage.Format.Format_ARGB32)
    image.fill(QColor("#005eb8"))
    painter = QPainter(image)
    font = QFont()
    font.setPixelSize(64)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, 480, 160), 0x84, "SEL ICS")  # centred
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def settings_and_presenter(window: MainWindow) -> None:
    """Summit settings, the presenter strip with preview and live side by side, the room's
    screen while voting, and a scale poll's diverging bars."""
    from summit_app.core.model import PollKind
    from summit_app.ui import commands
    from summit_app.ui.summit_settings_dialog import SummitSettingsDialog

    session = window.session
    summit = session.summit
    commands.save_summit_settings(session, {}, logo_png(), "sel-ics.png")
    dialog = SummitSettingsDialog(session, window)
    dialog.show()
    grab(dialog, "11-summit-settings")
    dialog.close()

    # A poll open now: the room sees the running item; the facilitator lines up the poll.
    item = summit.agenda.items()[0]
    poll = summit.polls.add_poll(
        item.id,
        "How far do you agree?",
        PollKind.SCALE,
        [
            "We have a shared vision for clinical and care leadership",
            "Every profession has a voice in the ICS",
            "Leaders have protected time to lead",
        ],
    )
    summit.polls.open_poll(poll.id)
    answers = [(5, 4, 1), (5, 2, 2), (4, 3, 1), (4, 4, 2), (1, 5, 3), (2, 4, 1), (5, 1, 2)]
    for n, levels in enumerate(answers * 4):
        person = summit.people.join()
        if n < 24:
            choices = {o.id: level for o, level in zip(poll.options, levels, strict=True)}
            summit.polls.cast_ballot(poll.id, person.id, choices)
    session.changed("polls", "people", "live")
    window.projector_panel.show_mode(Mode.ITEM)
    window.tabs.setCurrentWidget(window.polls_panel)
    window.polls_panel.choose(poll.id)
    grab(window, "12-presenter-preview-live")
    window.projector_panel.take()
    grab(window.projector, "13-projector-voting")
    summit.polls.close_poll(poll.id)
    summit.polls.set_show_results(poll.id, True)
    session.changed("polls", "live")
    grab(window.projector, "14-projector-scale")


def main() -> int:
    # Keep the facilitator's real recent files and window places out of this run.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = application()  # noqa: F841 (kept alive for the run)
    work = Path(tempfile.mkdtemp())
    path = work / "demo.summit"
    if len(sys.argv) > 1:
        shutil.copy(sys.argv[1], path)
    else:
        build(path)
    # A summit built here opens mid-vote: the window would ask whether to let phones back
    # in; this run answers no and starts the server itself, on 127.0.0.1.
    from summit_app.ui import dialogs

    dialogs.confirm = lambda *args, **kwargs: False
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    grab(window, "01-welcome")
    window.open_path(path)
    window.resize(1366, 768)
    grab(window, "02-agenda")

    summit = window.session.summit
    items = summit.agenda.items()
    # The room's clock: the first item started two minutes late and is nearly over.
    hours, minutes = map(int, summit.info().start_time.split(":"))
    start = datetime.now().replace(hour=hours, minute=minutes, second=0) + timedelta(minutes=2)
    window.run_panel.clock = lambda: start
    window.run_panel.start_item(items[0].id)
    later = start + timedelta(minutes=items[0].planned_minutes - 1, seconds=-25)
    window.run_panel.clock = lambda: later
    for view in (
        window.projector.view,
        window.projector_panel.preview_view,
        window.projector_panel.live_view,
    ):
        view.clock = lambda: later
    window.run_panel.refresh()
    window.tabs.setCurrentWidget(window.run_panel)
    grab(window, "03-run")

    projector = window.projector
    projector.resize(1366, 768)
    window.tabs.setCurrentWidget(window.server_panel)
    window.server_panel.port = 0
    assert window.server_panel.start("127.0.0.1"), window.server_panel.status.text()
    grab(window, "03b-phones")
    # The room's screens as on a venue's Wi-Fi (the server here listens on 127.0.0.1 only).
    projector.set_join_address(f"http://192.168.1.20:8765/j/{summit.info().join_code}")
    for mode in (Mode.JOIN, Mode.ITEM):
        window.projector_panel.show_mode(mode)
        grab(projector, f"04-projector-{mode.value}")

    prompts = sorted(summit.agenda.prompts(), key=lambda p: -len(summit.notes.themes(p.id)))
    if prompts:
        window.note_board.choose_prompt(prompts[0].id)
        notes = summit.notes.notes(prompts[0].id)
        if notes:
            window.note_board.select_notes([notes[0].id])
    window.tabs.setCurrentWidget(window.note_board)
    grab(window, "05-notes")
    window.projector_panel.show_mode(Mode.NOTES)
    grab(projector, "06-projector-notes")

    polls = [p for p in summit.polls.polls() if summit.polls.ballot_count(p.id)]
    if polls:
        window.polls_panel.choose(polls[0].id)
        summit.polls.set_show_results(polls[0].id, True)
        window.session.changed("polls")
    window.tabs.setCurrentWidget(window.polls_panel)
    grab(window, "07-polls")
    window.projector_panel.show_mode(Mode.POLL)
    grab(projector, "08-projector-poll")
    agenda = window.agenda_panel
    window.tabs.setCurrentWidget(agenda)
    agenda.select("item", items[1].id)
    dialog = agenda.item_dialog(items[1].id)
    dialog.show()
    grab(dialog, "09-item-dialog")
    dialog.close()
    writeup(window)
    settings_and_presenter(window)
    window.server_panel.stop()
    window.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

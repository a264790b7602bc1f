"""What keeps the window responsive while phones pour in: notes appended, not reloaded;
the GIL switch interval and the frozen garbage set once when the app starts."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from summit_app.core import Summit
from summit_app.ui.app import SWITCH_INTERVAL_S
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.server_panel import ServerPanel

START_UP = """
import gc, sys
before = gc.get_freeze_count()
from summit_app.ui import app
app.application()
print(sys.getswitchinterval(), gc.get_freeze_count() > before)
"""


def test_phones_notes_append_once_each_and_keep_hidden_ones_out(qtbot, session):
    board = NoteBoard(session)
    qtbot.addWidget(board)
    prompt_id = board.prompt_id
    session.summit.agenda.open_prompt(prompt_id)
    session.summit.notes.add_note(prompt_id, "Typed here")
    board.show_hidden.setChecked(False)  # reloads: "Typed here" is seen
    with Summit.open(session.path) as phones:
        person = phones.people.join()
        for text in ("From a phone", "Another"):
            phones.notes.add_note(prompt_id, text, "participant", person.id)
        hidden = phones.notes.add_note(prompt_id, "Rude", "participant", person.id)
        phones.notes.set_hidden(hidden.id, True)
    board.model.add_new_notes()
    board.model.add_new_notes()  # nothing new: nothing added twice
    assert board.model.note_texts(None) == ["Typed here", "From a phone", "Another"]
    assert board.model.index(0, 0).data() == "Unsorted  (3)"


def test_the_app_sets_the_switch_interval_and_freezes_the_garbage_once_at_start_up(tmp_path):
    # Process-wide settings: checked in a process of its own, as the real app starts.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", START_UP], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    interval, frozen = done.stdout.split()
    assert float(interval) == pytest.approx(SWITCH_INTERVAL_S)
    assert frozen == "True"


def test_starting_and_stopping_the_server_leaves_process_settings_alone(qtbot, session):
    interval, frozen = sys.getswitchinterval(), gc.get_freeze_count()
    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    assert panel.start("127.0.0.1")
    assert (sys.getswitchinterval(), gc.get_freeze_count()) == (interval, frozen)
    panel.stop()
    assert sys.getswitchinterval() == interval

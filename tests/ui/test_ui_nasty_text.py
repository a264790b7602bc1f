"""Whatever a phone types reaches the note board and the projector exactly as typed.

A participant posts awkward notes through the real server on 127.0.0.1: markup that Qt,
a browser or reportlab would interpret, entities, right-to-left scripts, emoji built from
several code points, combining marks, a NUL byte. Each must be shown as plain text, never
interpreted as rich text, and never changed on the way.
"""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt

from summit_app.ui.main_window import MainWindow
from summit_app.ui.projector_window import Mode

NASTY = [
    "<b>x</b>",
    "<script>alert(1)</script>",
    "<para>a paragraph</para>",
    "</para> closes what was never opened",
    '<font color=red>red</font> <font color="red">quoted</font>',
    "&amp; &lt; &#65; &nbsp; & alone",
    "a < b, and an unclosed <",
    "w" * 500,
    "👩‍⚕️ a nurse (ZWJ), 🇬🇧 🇺🇦 flags, 👍🏽 skin tone",
    "مرحبا بالعالم — Arabic, right to left",
    "שלום עולם — Hebrew, right to left",
    "e\u0301 cafe\u0301 Z\u0351\u0352\u0353algo",
    "before\x00after",
]


def test_a_phones_awkward_notes_show_exactly_as_typed(qtbot, summit_path):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(summit_path)
    session = window.session
    board = window.note_board
    window.tabs.setCurrentWidget(board)
    prompt_id = board.prompt_id
    board.open_button.click()  # phones may post to this prompt now
    window.projector_panel.show_mode(Mode.NOTES)
    server_panel = window.server_panel
    server_panel.port = 0
    assert server_panel.start("127.0.0.1"), server_panel.status.text()
    try:
        base = server_panel.server.url
        for i, text in enumerate(NASTY):  # one phone each, from its own address
            own = httpx.HTTPTransport(local_address=f"127.0.30.{1 + i}")
            with httpx.Client(timeout=10, transport=own) as phone:
                assert phone.get(server_panel.server.join_url).status_code == 200
                sent = phone.post(f"{base}/api/note", json={"prompt_id": prompt_id, "text": text})
                assert sent.status_code == 201, (text, sent.text)
        qtbot.waitUntil(lambda: len(board.model.note_texts(None)) == len(NASTY), timeout=5000)
        qtbot.waitUntil(lambda: len(window.projector.view.note_labels()) == len(NASTY) + 1)
    finally:
        server_panel.stop()

    # Stored exactly as typed.
    assert [n.text for n in session.summit.notes.notes(prompt_id)] == NASTY
    # The board shows each as its display text, a plain string, untouched.
    assert board.model.note_texts(None) == NASTY
    group = board.model.group_index(None)
    for row, text in enumerate(NASTY):
        index = board.model.index(row, 0, group)
        assert index.data(Qt.ItemDataRole.DisplayRole) == text
        assert index.data(Qt.ItemDataRole.ToolTipRole) == "from a phone"
    # The projector's wall has the same strings, drawn as plain text.
    assert window.projector.view.note_labels() == ["Not yet grouped", *NASTY]
    board.tree.expandAll()
    board.grab()  # painting every awkward string must not fail
    window.projector.resize(1280, 720)
    window.projector.grab()
    assert window.projector.view.notes_wall.pixel_size >= 12
    window.close()

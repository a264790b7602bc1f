"""File › Close and anonymise…, as the facilitator meets it: the reminder on reopening a
summit kept past its retention, the confirmation, a copy only if asked, the phones stopped,
and nothing of what was removed left in the kept undo history."""

from __future__ import annotations

import json
import sqlite3

import docx
import httpx

from summit_app.core.anonymise import PASS_PREFIX
from summit_app.core.templates import create_from_template
from summit_app.ui import commands, dialogs
from summit_app.ui.anonymise_dialog import AnonymiseDialog, close_and_anonymise, copy_path
from summit_app.ui.main_window import MainWindow


def opened(qtbot, path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    qtbot.addWidget(window.projector)
    return window


def test_a_summit_kept_past_its_retention_is_anonymised_with_a_copy_only_if_asked(qtbot, tmp_path):
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()  # 13 April 2021, 40 phones, kept 90 days
    with sqlite3.connect(path) as raw:  # the phones joined on the day, not when it was made
        raw.execute("UPDATE participants SET joined_at = '2021-04-13T10:41:17+01:00'")
    raw.close()
    window = opened(qtbot, path)
    session = window.session
    banner = window.privacy_banner
    assert not banner.isHidden()
    assert "13 April 2021, more than 90 days ago" in banner.text.text()
    # A removed poll's ballots (passes' participants, seconds) sit in the undo history...
    poll = session.summit.polls.polls()[0]
    commands.remove_poll(session, poll.id)
    tokens = [p.token for p in session.summit.people.participants()]
    assert window.server_panel.start("127.0.0.1")
    with httpx.Client(base_url=window.server_panel.server.url) as phone:
        assert phone.get(window.server_panel.server.join_url).status_code == 200
    window.close_summit()  # ...and are kept in the file when it closes
    with sqlite3.connect(path) as raw:
        (kept,) = raw.execute("SELECT log FROM undo_history").fetchone()
    assert "ballots" in kept

    window = opened(qtbot, path)
    session = window.session
    assert session.history.can_undo()
    assert window.server_panel.start("127.0.0.1")
    dialog = close_and_anonymise(window)
    assert isinstance(dialog, AnonymiseDialog) and dialog.isVisible()
    assert not dialog.keep_copy.isChecked()  # a copy only if asked
    assert dialog.go.text() == "Close and anonymise" and not dialog.go.isDefault()
    dialog.reject()
    assert not session.summit.info().anonymised_at  # cancelled: nothing happened
    dialog = close_and_anonymise(window)
    dialog.keep_copy.setChecked(True)
    copy = copy_path(path)
    dialog.go.click()
    qtbot.waitUntil(lambda: bool(session.summit.info().anonymised_at), timeout=10_000)
    assert not window.server_panel.running  # the phones were stopped first
    assert copy.exists() and copy.name == "demo (before anonymising).summit"
    assert window.privacy_banner.isHidden()
    assert not session.history.can_undo()
    assert "anonymised" in window.statusBar().currentMessage()
    window.close_summit()

    with sqlite3.connect(path) as raw:
        (log,) = raw.execute("SELECT log FROM undo_history").fetchone()
        assert json.loads(log) == []
        assert all(
            t.startswith(PASS_PREFIX) for (t,) in raw.execute("SELECT token FROM participants")
        )
    stored = path.read_bytes()
    assert not [t for t in tokens if t.encode() in stored]
    with sqlite3.connect(copy) as raw:  # the copy asked for still holds everything
        assert {t for (t,) in raw.execute("SELECT token FROM participants")} >= set(tokens)

    window = opened(qtbot, path)  # reopened: no reminder, and phones cannot join
    assert window.privacy_banner.isHidden()
    assert window.server_panel.start("127.0.0.1")
    with httpx.Client(base_url=window.server_panel.server.url) as phone:
        refused = phone.get(window.server_panel.server.join_url)
    assert refused.status_code == 410 and "has closed" in refused.text
    window.server_panel.stop()
    assert close_and_anonymise(window) is None  # already done: said, not done again


def test_file_export_governance_pack_writes_the_word_document(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()
    window = opened(qtbot, path)
    menu = window.menus
    assert menu.governance.text() == "&Governance pack…" and menu.governance.isEnabled()
    assert menu.exports.title() == "&Export" and menu.governance in menu.exports.actions()
    asked = []
    target = tmp_path / "for the IG lead.docx"
    monkeypatch.setattr(
        dialogs, "ask_save_docx", lambda parent, title, suggested: asked.append(suggested) or target
    )
    menu.governance.trigger()
    assert asked == [tmp_path / "exports" / "demo-governance.docx"]
    assert target.exists() and str(target) in window.statusBar().currentMessage()
    headings = [
        p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"
    ]
    assert "DPIA questions" in headings and "IT note" in headings

"""Table hosts on the Phones tab (issue 26): the room's tables are set and named, their
cards printed (read back from the PDF, QR codes decoded from a picture of the page), a
host's phone shows its last contact, and a lost card is reprinted while the old one stops
working."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from test_ui_phones_tab import decoded

from summit_app.export.table_cards import table_link
from summit_app.ui import dialogs
from summit_app.ui.server_panel import ServerPanel


@pytest.fixture
def panel(qtbot, session):
    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    assert panel.start("127.0.0.1"), panel.status.text()
    yield panel
    panel.stop()


def test_tables_are_set_printed_hosted_and_a_lost_card_reprinted(
    qtbot, panel, monkeypatch, tmp_path: Path
) -> None:
    session, server, box = panel.session, panel.server, panel.tables
    assert "No tables set" in box.summary.text() and not box.print_button.isEnabled()
    monkeypatch.setattr(dialogs, "ask_number", lambda *a, **k: 6)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Riverside, Oak")
    box.set_tables()
    tables = session.summit.tables.tables()
    assert [t.label for t in tables[:3]] == ["Table 1 (Riverside)", "Table 2 (Oak)", "Table 3"]
    assert box.summary.text() == "6 tables, 0 with a host phone."

    sheet = tmp_path / "tables.pdf"
    monkeypatch.setattr(dialogs, "ask_save_pdf", lambda *a, **k: sheet)
    assert box.print_cards() == sheet
    reader = PdfReader(sheet)
    assert len(reader.pages) == 2  # four cards to a page
    first = reader.pages[0].extract_text()
    for table in tables[:4]:
        assert "-".join(table.pass_[i : i + 4] for i in range(0, 16, 4)) in first
    assert "Riverside" in first and "Table host: scan the square" in first
    assert decoded(sheet, 1) == {table_link(server.url, t) for t in tables[:4]}

    transport = httpx.HTTPTransport(local_address="127.0.41.1")
    with httpx.Client(base_url=server.url, timeout=10, transport=transport) as host:
        assert host.get(table_link(server.url, tables[2])).status_code == 303
        # The server's event redraws the box; refreshing here keeps the test off its timing.
        box.refresh()
        assert "1 with a host phone" in box.summary.text()
        assert "Table 3: host last heard" in box.list.item(2).text()

        again = tmp_path / "table-3.pdf"
        monkeypatch.setattr(dialogs, "ask_number", lambda *a, **k: 3)
        monkeypatch.setattr(dialogs, "ask_save_pdf", lambda *a, **k: again)
        assert box.reprint() == again
        reprinted = session.summit.tables.table(3)
        assert reprinted.pass_ != tables[2].pass_ and reprinted.host_token is None
        assert "Reprint 2: earlier cards for table 3 no longer work" in (
            PdfReader(again).pages[0].extract_text()
        )
        assert host.get("/api/table/state").status_code == 403
        assert box.list.item(2).text() == "Table 3: no host phone yet"
    session.undo()  # the reprint is one undo step: the first card works again
    assert session.summit.tables.table(3).pass_ == tables[2].pass_


def test_the_summit_settings_set_the_rooms_tables_and_refuse_dropping_a_busy_one(
    qtbot, session
) -> None:
    from summit_app.core import table_host
    from summit_app.ui.summit_settings_dialog import SummitSettingsDialog

    dialog = SummitSettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.tables.setValue(12)
    dialog.table_names.setPlainText("Riverside\n\nOak")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    tables = session.summit.tables.tables()
    assert [t.label for t in tables[:3]] == ["Table 1 (Riverside)", "Table 2", "Table 3 (Oak)"]
    assert len(tables) == 12

    prompt = session.summit.agenda.prompts()[0]
    session.summit.agenda.open_prompt(prompt.id)
    _, host = session.summit.tables.claim(tables[11].pass_, None)
    table_host.post_note(session.summit, host, prompt.id, "From the back table")
    again = SummitSettingsDialog(session)
    qtbot.addWidget(again)
    again.tables.setValue(10)
    again.title.setText("Renamed summit")
    again.save()
    assert "Table 12 has already sent notes" in again.error.text()
    assert session.summit.tables.count() == 12
    assert session.summit.info().title != "Renamed summit"  # nothing was saved

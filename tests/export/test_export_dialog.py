"""The Export dialog, as the facilitator uses it after the day."""

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from summit_app.ui.export_dialog import ExportDialog


def make_dialog(qtbot: QtBot, summit: Path) -> ExportDialog:
    dialog = ExportDialog(summit)
    qtbot.addWidget(dialog)
    return dialog


def test_the_pack_goes_into_exports_by_default(qtbot: QtBot, seed_summit: Path) -> None:
    dialog = make_dialog(qtbot, seed_summit)
    assert dialog.pdf_path() == seed_summit.parent / "exports" / "leadership.pdf"


# The offscreen test platform cannot propagate size hints when a window is shown; that
# warning is about the platform, not about Summit.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_exporting_writes_every_edition_and_previews_the_pdf(
    qtbot: QtBot, seed_summit: Path, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, seed_summit)
    dialog.show()
    assert [box.text().split(":")[0] for box in dialog.boxes.values()][:3] == [
        "PDF",
        "HTML",
        "Word",
    ]
    dialog.folder_edit.setText(str(tmp_path))
    dialog.name_edit.setText("pack")
    with qtbot.waitSignal(dialog.exported, timeout=20000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert signal.args == [str(tmp_path / "pack.pdf")]
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    assert dialog.preview.page_count() == len(PdfReader(tmp_path / "pack.pdf").pages)
    for name in ("pack.html", "pack.docx", "pack-data/notes.csv", "pack-log.txt"):
        assert (tmp_path / name).exists(), name
    text = dialog.status.text()
    assert text.startswith(f"Written in {tmp_path}: pack.pdf, pack.html, pack.docx")
    assert "Note: Groups of fewer than 5 people" in text

    opened = []
    dialog.open_url = opened.append
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_only_the_chosen_editions_are_written(
    qtbot: QtBot, seed_summit: Path, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, seed_summit)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.name_edit.setText("only")
    for key in ("pdf", "docx", "csv"):
        dialog.boxes[key].setChecked(False)
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.start_export()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["only-log.txt", "only.html"]
    assert dialog.preview.page_count() == 0  # no PDF to preview


def test_nothing_chosen_or_no_name_is_said_and_nothing_written(
    qtbot: QtBot, seed_summit: Path, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, seed_summit)
    dialog.folder_edit.setText(str(tmp_path))
    for box in dialog.boxes.values():
        box.setChecked(False)
    dialog.start_export()
    assert dialog.status.text() == "Choose at least one thing to export."
    dialog.boxes["pdf"].setChecked(True)
    dialog.name_edit.setText("  ")
    dialog.start_export()
    assert dialog.status.text() == "Choose a folder and a file name for the pack."
    assert dialog.worker is None and list(tmp_path.iterdir()) == []


def test_a_problem_is_shown_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    bogus = tmp_path / "broken.summit"
    bogus.write_bytes(b"not a database")
    dialog = make_dialog(qtbot, bogus)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.start_export()
    qtbot.waitUntil(lambda: "is not a summit file" in dialog.status.text(), timeout=10000)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    assert not dialog.folder_button.isEnabled()
    assert dialog.export_button.isEnabled()
    assert dialog.preview.page_count() == 0


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_dialog_warns_of_template_text_and_says_which_edition_failed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from summit_app.core.templates import create_from_template

    create_from_template(tmp_path / "day.summit", "summit-day").close()
    (tmp_path / "out" / "day.docx").mkdir(parents=True)  # the Word file cannot be written
    dialog = make_dialog(qtbot, tmp_path / "day.summit")
    dialog.show()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    text = dialog.status.text()
    assert text.startswith("The Word edition was not written")
    assert "Check: The title is still the template's: “Our summit”." in text
    assert (tmp_path / "out" / "day.pdf").is_file() and (tmp_path / "out" / "day.html").is_file()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_many_notes_scroll_in_their_box_and_the_preview_keeps_its_room(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A draft exported before the day: a 'Check:' line for each poll nobody voted in. On a
    1366x768 laptop (the dialog 1280x688) the PDF's preview stays usable."""
    from summit_app.core import Summit
    from summit_app.core.model import ItemKind, PollKind, SummitInfo

    path = tmp_path / "draft.summit"
    with Summit.create(path, SummitInfo(title="Leadership summit", start_time="09:30")) as s:
        item = s.agenda.add_item(s.agenda.add_section("Morning").id, "Vote", ItemKind.VOTE, 20)
        for n in range(20):
            question = f"Which priority should the partnership fund first, question {n}?"
            s.polls.add_poll(item.id, question, PollKind.SINGLE, ["Workforce", "Digital"])
    dialog = make_dialog(qtbot, path)
    dialog.resize(1280, 688)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.preview.height()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.start_export()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    text = dialog.status.text()
    assert text.count("Check: The poll") == 20  # every line is there, to scroll to
    line = dialog.status.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: dialog.status.visibleRegion().boundingRect().height() > 3 * line)
    assert dialog.preview.height() >= 300  # was 182 px, the top of the cover
    assert dialog.preview.height() >= before - 8 * line
    assert dialog.preview.page_count() > 0
    assert dialog.notes.verticalScrollBar().maximum() > 0  # the rest scrolls in its box

"""File › Summit settings…: a summit from a template gets its own name, everywhere, undoably."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage

from summit_app.core.privacy import default_notice, notice
from summit_app.ui.main_window import MainWindow
from summit_app.ui.stage import Mode
from summit_app.ui.summit_settings_dialog import SummitSettingsDialog


def _logo_file(tmp_path):
    image = QImage(600, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d4ed8"))
    path = tmp_path / "ics-logo.png"
    assert image.save(str(path))
    return path


def test_a_template_summit_is_named_described_and_given_a_logo(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.create_summit(tmp_path / "day.summit", "summit-day")
    qtbot.addWidget(window.projector)
    assert window.session.summit.info().title == "Our summit"
    window.menus.summit_settings.trigger()
    dialog = window.findChild(SummitSettingsDialog, "summit_settings")
    qtbot.addWidget(dialog)
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "SEL leadership summit")
    dialog.has_date.setChecked(True)
    dialog.date.setDate(QDate(2021, 4, 13))
    qtbot.keyClicks(dialog.venue, "Guy's Hospital, London")
    dialog.groups.setPlainText("Nursing\nPharmacy\nAllied health professions\n")
    # Tab moves on from a text box rather than typing a tab into it.
    dialog.objectives.setFocus()
    qtbot.keyClick(dialog.objectives, Qt.Key.Key_Tab)
    assert "\t" not in dialog.objectives.toPlainText()
    assert dialog.choose_logo_file(_logo_file(tmp_path))
    dialog.save()
    assert not dialog.isVisible()

    info = window.session.summit.info()
    assert info.title == "SEL leadership summit" and info.date == "2021-04-13"
    assert info.groups == ("Nursing", "Pharmacy", "Allied health professions")
    logo = window.session.summit.logo()
    assert logo is not None and logo.mime == "image/png"
    room = window.projector.view
    window.projector_panel.show_mode(Mode.ITEM)
    assert room.item_title.text() == "SEL leadership summit"
    assert room.item_detail.text() == "13 April 2021 · Guy's Hospital, London"
    assert room.logo_label.isVisibleTo(room)

    assert window.menus.undo.text() == "&Undo Edit summit settings"
    window.menus.undo.trigger()
    assert window.session.summit.info().title == "Our summit"
    assert window.session.summit.logo() is None
    qtbot.waitUntil(lambda: room.item_title.text() == "Our summit")


def test_a_refused_setting_is_said_and_nothing_typed_is_lost(qtbot, session, tmp_path):
    dialog = SummitSettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.clear()
    dialog.venue.setText("The Oval")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error.text() == "The summit needs a title."
    assert dialog.venue.text() == "The Oval"
    assert session.summit.info().title == "Leadership summit"
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    assert not dialog.choose_logo_file(bad)
    assert "not an image" in dialog.error.text()


def test_a_new_summit_from_a_template_opens_its_settings_first(qtbot, tmp_path, monkeypatch):
    from summit_app.ui import dialogs

    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, title, label, choices: "Summit day")
    monkeypatch.setattr(dialogs, "ask_new_path", lambda parent: tmp_path / "new.summit")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.new_from_template()
    qtbot.addWidget(window.projector)
    dialog = window.findChild(SummitSettingsDialog, "summit_settings")
    assert dialog is not None and dialog.isVisible()
    assert dialog.title.text() == "Our summit"
    dialog.reject()


def test_the_privacy_tab_sets_what_phones_are_told_and_how_long_links_are_kept(qtbot, tmp_path):
    """Empty, the notice is the default (shown greyed, following the organisers and days);
    written, it is the facilitator's own; both are one undo step with the rest."""
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.create_summit(tmp_path / "day.summit", "summit-day")
    qtbot.addWidget(window.projector)
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.tabText(1) == "Privacy"
    assert dialog.notice.toPlainText() == ""
    assert dialog.notice.placeholderText() == default_notice(window.session.summit.info())
    assert dialog.retention.value() == 90
    qtbot.keyClicks(dialog.organisers, "SEL ICS")
    dialog.retention.setValue(30)
    dialog.save()
    info = window.session.summit.info()
    assert info.retention_days == 30 and info.privacy_notice == ""
    assert notice(info).startswith("SEL ICS run this page") and "30 days" in notice(info)
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.notice.setPlainText("  Kept 30 days by SEL ICS; ask Sam.  ")
    dialog.retention.setValue(3650)
    dialog.save()
    info = window.session.summit.info()
    assert notice(info) == "Kept 30 days by SEL ICS; ask Sam." and info.retention_days == 3650
    window.session.undo()
    assert window.session.summit.info().privacy_notice == ""
    assert window.session.summit.info().retention_days == 30


def test_the_language_of_the_summits_content_is_chosen_and_undone(qtbot, session):
    assert session.summit.info().content_lang == "en"  # English unless the team says
    dialog = SummitSettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.content_lang.currentText() == "English"
    dialog.content_lang.setCurrentIndex(dialog.content_lang.findText("Cymraeg (Welsh)"))
    dialog.save()
    assert not dialog.isVisible()
    assert session.summit.info().content_lang == "cy"
    session.undo()
    assert session.summit.info().content_lang == "en"

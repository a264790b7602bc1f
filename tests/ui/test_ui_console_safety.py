"""Controls that cannot hurt: closing mid-vote asks, deleting what runs asks, a file left
mid-vote offers to let phones back in, and one window per summit."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from summit_app.file_lock import lock_path
from summit_app.server.network import Address, Kind
from summit_app.ui import server_panel as server_panel_module
from summit_app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """The server panel offers only this machine's loopback address in these tests."""
    loopback = [Address("loopback", "127.0.0.1", Kind.LOOPBACK)]
    monkeypatch.setattr(server_panel_module, "candidate_addresses", lambda: loopback)


def _window(qtbot, path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(path)
    return window


def _voting(qtbot, summit_path):
    window = _window(qtbot, summit_path)
    window.server_panel.port = 0
    assert window.server_panel.start("127.0.0.1")
    poll = window.session.summit.polls.polls()[0]
    window.polls_panel.choose(poll.id)
    window.polls_panel.open_button.click()
    return window


def test_quitting_while_phones_vote_asks_and_says_what_happens(qtbot, summit_path, answers):
    window = _voting(qtbot, summit_path)
    answers.reply = False
    window.close()  # Ctrl+Q
    assert window.session is not None and window.server_panel.running
    question = answers.asked[-1]
    assert "Phones are voting on “Which priority first?” (0 ballots so far)" in question
    assert "the phone server stops" in question and "offers to let phones back in" in question
    window.close_summit()  # Ctrl+W asks the same
    assert window.session is not None and "close this summit" in answers.asked[-1]
    answers.reply = True
    window.close()
    assert window.session is None


def test_deleting_the_running_item_asks_first(qtbot, summit_path, answers):
    window = _window(qtbot, summit_path)
    window.run_panel.start_first()
    agenda = window.agenda_panel
    welcome = window.session.summit.agenda.items()[0]
    agenda.select("item", welcome.id)
    answers.reply = False
    agenda.buttons["remove"].click()
    assert "“Welcome” is running now" in answers.asked[-1]
    assert [i.title for i in window.session.summit.agenda.items()][0] == "Welcome"
    answers.reply = True
    agenda.select("section", welcome.section_id)
    agenda.buttons["remove"].click()  # its section, with it inside
    assert "Welcome" not in [i.title for i in window.session.summit.agenda.items()]
    asked = len(answers.asked)
    later = window.session.summit.agenda.items()[-1]
    agenda.select("item", later.id)
    agenda.buttons["remove"].click()  # not running: Undo is enough, no question
    assert len(answers.asked) == asked


def test_a_summit_closed_mid_vote_offers_to_let_phones_back_in(qtbot, summit_path, answers):
    window = _voting(qtbot, summit_path)
    window.close()
    answers.asked.clear()
    answers.reply = False
    again = _window(qtbot, summit_path)
    assert "phones were voting on “Which priority first?”" in answers.asked[-1]
    assert not again.server_panel.running
    assert again.banner.isVisibleTo(again)
    assert "cannot reach this laptop" in again.banner_text.text()
    again.close()
    answers.reply = True
    third = _window(qtbot, summit_path)
    assert third.server_panel.running
    assert not third.banner.isVisibleTo(third)
    third.close()


def test_one_window_per_summit_and_the_other_says_who_has_it(qtbot, summit_path):
    first = _window(qtbot, summit_path)
    second = MainWindow()
    qtbot.addWidget(second)
    assert not second.open_path(summit_path)
    box = second.findChild(QMessageBox, "error_box")
    assert "already open in another Summit (process" in box.text()
    assert "process" in box.text() and "this computer" in box.text()
    box.close()
    assert second.session is None
    first.close_summit()
    assert not lock_path(summit_path).exists()
    assert second.open_path(summit_path)


def test_a_lock_left_by_a_crashed_summit_is_taken_over(qtbot, summit_path):
    crashed = (
        "import os, sys; from PySide6.QtCore import QLockFile;"
        " lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); os._exit(0)"
    )
    subprocess.run(
        [sys.executable, "-c", crashed, str(lock_path(summit_path))], check=True, timeout=60
    )
    assert lock_path(summit_path).exists()
    window = _window(qtbot, summit_path)
    assert window.session is not None


def test_the_stranded_banner_keeps_one_line_with_a_long_question(qtbot, summit_path, answers):
    from summit_app.core import Summit

    question = "Which of the priorities we agreed this morning should the board fund first? " * 2
    with Summit.open(summit_path) as summit:
        item = summit.agenda.items()[0]
        poll = summit.polls.add_poll(item.id, question.strip(), "single", ["A", "B"])
        summit.polls.open_poll(poll.id)  # phones voting, and no server on opening
    answers.reply = False
    window = _window(qtbot, summit_path)
    window.resize(1280, 690)
    window.show()
    qtbot.waitExposed(window)
    tabs = window.tabs.mapTo(window, window.tabs.rect().topLeft())
    line = window.banner_text
    qtbot.waitUntil(lambda: line.isVisible() and line.width() > 300)
    assert window.banner_serve.isVisible()
    # In the tabs' row, right of the last tab: the line says what matters, whole; the
    # question is in the whole sentence, its tooltip and what a screen reader hears.
    bar = window.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1).topRight()
    assert (
        window.banner.mapTo(window, window.banner.rect().topLeft()).x()
        > bar.mapTo(window, last).x()
    )
    assert line.text() == "Phones cannot reach this laptop: the phone server is not running."
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    assert question.strip() in line.toolTip() and line.toolTip().startswith(
        "Phones are meant to be voting on"
    )
    assert window.banner.accessibleDescription() == line.toolTip()
    assert window.banner.height() == window.banner_strip.height()
    window.grab().save(str(summit_path.parent / "stranded.png"))
    # A window narrowed (its presenter strip folded away): the banner keeps room to be read,
    # a sentence too long for it loses its middle, and the tabs make way.
    window.set_strip_shown(False)
    qtbot.waitUntil(lambda: window.minimumSize().width() < 700)
    window.resize(700, 690)
    qtbot.waitUntil(lambda: window.width() == 700)
    qtbot.waitUntil(lambda: line.width() >= 240 and "…" in line.text())
    assert line.text().startswith("Phones cannot") and line.text().endswith("not running.")
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    window.resize(1280, 690)
    window.server_panel.start("127.0.0.1")  # the banner goes; the tabs stay where they were
    qtbot.waitUntil(lambda: not window.banner.isVisible())
    assert window.tabs.mapTo(window, window.tabs.rect().topLeft()) == tabs

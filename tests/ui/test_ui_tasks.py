"""The window's one background idiom: work on a pool thread, its result on the GUI thread,
and a stop that waits for the work under way and delivers nothing after."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread

from summit_app.core import SummitError
from summit_app.ui.tasks import TaskRunner


def test_the_result_comes_back_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    gui = QThread.currentThread()
    seen: list[tuple[object, bool]] = []

    def work() -> str:
        assert QThread.currentThread() is not gui
        return threading.current_thread().name

    task = runner.run(work, lambda name: seen.append((name, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert task.is_finished()
    assert seen[0][1] is True and seen[0][0] != threading.current_thread().name
    assert runner.stop()


def test_an_error_reaches_its_handler_as_it_was_raised(qtbot) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def work() -> None:
        raise SummitError("The file is busy.")

    runner.run(work, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "The file is busy." and isinstance(errors[0], SummitError)
    assert runner.stop()


def test_one_thread_runs_the_work_in_order_on_the_same_thread(qtbot) -> None:
    runner = TaskRunner(threads=1)
    names: list[str] = []
    for _ in range(3):
        runner.run(lambda: threading.current_thread().name, names.append)
    qtbot.waitUntil(lambda: len(names) == 3, timeout=5000)
    assert len(set(names)) == 1
    assert runner.stop()


def test_stop_waits_for_the_work_under_way_and_delivers_nothing_after(qtbot) -> None:
    runner = TaskRunner()
    started, delivered = threading.Event(), []

    def slow() -> str:
        started.set()
        time.sleep(0.3)
        return "late"

    task = runner.run(slow, delivered.append)
    assert started.wait(5)
    assert runner.stop()
    assert task.is_finished()
    qtbot.wait(100)
    assert delivered == []
    later = runner.run(lambda: "never", delivered.append)
    assert later.is_finished() and delivered == []

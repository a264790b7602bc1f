"""Fixtures for the desktop: a real summit file in tmp_path (settings are kept out of $HOME
by tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo


def build_short_summit(path: Path) -> Path:
    """A short summit: two sections, a talk, a discussion with a prompt, a vote."""
    with Summit.create(path, SummitInfo(title="Leadership summit", start_time="09:30")) as s:
        morning = s.agenda.add_section("Morning")
        welcome = s.agenda.add_item(morning.id, "Welcome", ItemKind.TALK, 15)
        s.agenda.add_speaker(welcome.id, "Dr Ada Lovelace", "Chair", "SEL ICS", ["Why we are here"])
        talk = s.agenda.add_item(morning.id, "What have we heard", ItemKind.DISCUSSION, 30)
        s.agenda.add_prompt(talk.id, "What should we start doing?")
        afternoon = s.agenda.add_section("Afternoon")
        vote = s.agenda.add_item(afternoon.id, "Priorities", ItemKind.VOTE, 20)
        s.polls.add_poll(
            vote.id, "Which priority first?", PollKind.SINGLE, ["Workforce", "Digital", "Access"]
        )
    return path


@pytest.fixture
def summit_path(tmp_path) -> Path:
    return build_short_summit(tmp_path / "leadership.summit")


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot propagate size hints; that warning is about the test
    # platform, not about Summit, so it must not fail tests that show windows.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture
def session(summit_path):
    """The short summit open as the control window holds it; closed after the test."""
    from summit_app.ui.session import SummitSession

    opened = SummitSession.open(summit_path)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _deliberate_presses(monkeypatch):
    """Each button press in a test comes a second after the last, as a facilitator's
    deliberate presses do; tests of double clicks set the guard's clock themselves."""
    from summit_app.ui import guard

    moments = iter(range(1, 1_000_000))
    monkeypatch.setattr(guard, "now", lambda: float(next(moments)))


class Answers:
    """The facilitator's answers to the app's yes/no questions, and what was asked."""

    def __init__(self) -> None:
        self.reply = True
        self.asked: list[str] = []

    def confirm(self, parent, title: str, question: str, risky: bool = False) -> bool:
        self.asked.append(question)
        return self.reply


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> Answers:
    """Every question the app asks is answered here (a modal question would otherwise wait
    forever offscreen); a test sets `answers.reply` and reads `answers.asked`."""
    from summit_app.ui import dialogs

    given = Answers()
    monkeypatch.setattr(dialogs, "confirm", given.confirm)
    return given


@pytest.fixture
def screens(qapp):
    """The offscreen platform's screens, to plug a projector in and out; put back after."""
    from offscreen_screens import OffscreenScreens

    plugged = OffscreenScreens()
    yield plugged
    plugged.reset()

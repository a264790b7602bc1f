"""The notes embedded in the background as they arrive: kept in the file, the window free
meanwhile, and Suggest themes then runs no model."""

from __future__ import annotations

import sys
from pathlib import Path

from summit_app.core import themes
from summit_app.core.embeddings import text_key
from summit_app.ui import commands

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from labelled_themes import load  # noqa: E402


def test_notes_are_embedded_in_the_background_as_they_arrive_and_kept_in_the_file(
    qtbot, session
) -> None:
    summit = session.summit
    prompt_id = summit.agenda.prompts()[0].id
    texts = load()[0]
    for text in texts + [f"{t}, said table {i % 9 + 1}" for i, t in enumerate(texts[:60])]:
        summit.notes.add_note(prompt_id, text)
    waiting: list[int] = []
    session.embeddings.embedded.connect(waiting.append)
    session.embeddings.start(after_ms=0)
    qtbot.waitUntil(lambda: bool(waiting) and waiting[-1] == 0, timeout=120_000)
    assert len(waiting) >= 3  # a few dozen at a time, with a pause between
    texts = {n.text for n in summit.notes.notes()}
    assert summit.embeddings.keys(themes.MODEL_ID) == {text_key(t) for t in texts}

    # A note typed now is embedded a moment later, from the window's own command.
    waiting.clear()
    commands.add_note(session, prompt_id, "Walk in each other's shoes for a day")
    qtbot.waitUntil(lambda: bool(waiting) and waiting[-1] == 0, timeout=60_000)
    assert text_key("Walk in each other's shoes for a day") in summit.embeddings.keys(
        themes.MODEL_ID
    )

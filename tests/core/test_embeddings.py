"""The notes' embeddings kept in the summit file: embedded once, read back after the file
is opened again, so Suggest themes then runs no model at all; never in the undo history,
gone with close and anonymise."""

from __future__ import annotations

from pathlib import Path

import pytest
from labelled_themes import load

from summit_app.core import Summit, themes
from summit_app.core.anonymise import anonymise
from summit_app.core.embeddings import text_key
from summit_app.core.history import History
from summit_app.core.model import SummitInfo


def _notes(path: Path, texts: list[str]) -> tuple[Summit, int]:
    s = Summit.create(path, SummitInfo(title="Day"))
    section = s.agenda.add_section("Morning")
    item = s.agenda.add_item(section.id, "What should we invest in?", "discussion", 30)
    prompt = s.agenda.add_prompt(item.id, "What would make you proud in 5 years?")
    for text in texts:
        s.notes.add_note(prompt.id, text)
    return s, prompt.id


def test_notes_embedded_once_are_read_back_and_suggest_the_same_themes_without_the_model(
    tmp_path: Path, monkeypatch
) -> None:
    texts = load()[0][:80]
    path = tmp_path / "day.summit"
    s, prompt_id = _notes(path, texts + [texts[0]])  # the same words twice: embedded once
    embedder = themes.Embedder.shared()
    found, left = embedder.embed_missing(s.embeddings, limit=50)
    assert len(found) == 50 and left == 30
    s.embeddings.keep(themes.MODEL_ID, found)
    found, left = embedder.embed_missing(s.embeddings)
    assert len(found) == 30 and left == 0
    s.embeddings.keep(themes.MODEL_ID, found)
    assert embedder.embed_missing(s.embeddings) == ([], 0)
    assert s.embeddings.keys(themes.MODEL_ID) == {text_key(t) for t in texts}
    fresh = themes.suggest(texts, vectors=embedder.embed(texts))
    s.close()

    # Opened again, in a process whose model has seen nothing: the file's embeddings serve.
    reopened = Summit.open(path)
    cold = themes.Embedder()
    assert cold.load(reopened.embeddings) == 80

    def no_model(*_args):
        raise AssertionError("the model ran for a note the file had kept")

    monkeypatch.setattr(cold, "_run", no_model)
    again = themes.suggest(texts, vectors=cold.embed(texts))
    assert [(t.name, t.members) for t in again] == [(t.name, t.members) for t in fresh]

    # An edited note is embedded again (its new words), the others are not.
    note = reopened.notes.notes(prompt_id)[3]
    reopened.notes.edit_note(note.id, "Protected time for leaders to think")
    monkeypatch.undo()
    found, left = cold.embed_missing(reopened.embeddings)
    assert [k for k, _ in found] == [text_key("Protected time for leaders to think")]
    reopened.close()


def test_keeping_embeddings_is_no_step_of_undo_and_anonymising_removes_them(
    tmp_path: Path,
) -> None:
    s, prompt_id = _notes(tmp_path / "day.summit", ["Protected time", "Learn from Covid"])
    history = History(s)
    history.run("Add a note", lambda summit: summit.notes.add_note(prompt_id, "Buddy schemes"))
    found, _ = themes.Embedder.shared().embed_missing(s.embeddings)
    s.embeddings.keep(themes.MODEL_ID, found)
    assert len(s.embeddings.keys(themes.MODEL_ID)) == 3
    history.undo()  # takes the note back, and nothing else
    assert [n.text for n in s.notes.notes(prompt_id)] == ["Protected time", "Learn from Covid"]
    assert len(s.embeddings.keys(themes.MODEL_ID)) == 3
    anonymise(s)
    assert s.embeddings.keys(themes.MODEL_ID) == set()
    s.close()


@pytest.mark.parametrize("bad", [b"", b"\x00" * 10, b"\xff\x7f" * 384])  # NaN
def test_a_damaged_embedding_in_the_file_is_embedded_again_not_trusted(
    tmp_path: Path, bad: bytes
) -> None:
    s, _ = _notes(tmp_path / "day.summit", ["Protected time"])
    s.embeddings.keep(themes.MODEL_ID, [(text_key("Protected time"), bad)])
    cold = themes.Embedder()
    assert cold.load(s.embeddings) == 0
    assert cold.embed(["Protected time"]).shape == (1, 384)
    s.close()

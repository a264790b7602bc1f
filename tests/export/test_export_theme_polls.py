"""From themes to priorities in one step, and near-duplicate notes merged with a count:
in the file, on undo, and in the pack read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from summit_app.core import Summit, themes
from summit_app.core.commands import notes as note_commands
from summit_app.core.commands import polls as poll_commands
from summit_app.core.errors import ValidationError
from summit_app.core.history import History
from summit_app.core.model import PollKind, SummitInfo


def _day(tmp_path: Path) -> tuple[Summit, History, int]:
    s = Summit.create(tmp_path / "day.summit", SummitInfo(title="Day"))
    section = s.agenda.add_section("Morning")
    item = s.agenda.add_item(section.id, "Liked, missing, prioritise", "discussion", 30)
    prompt = s.agenda.add_prompt(item.id, "What is missing?")
    return s, History(s), prompt.id


def test_the_themes_become_a_ranking_poll_in_one_step_linked_to_them(tmp_path: Path) -> None:
    s, history, prompt_id = _day(tmp_path)
    names = ["Protected time", "Patient voice", "Digital leadership"]
    made = [s.notes.add_theme(prompt_id, n) for n in names]
    poll = history.run(
        "Poll on the themes", lambda x: poll_commands.poll_from_themes(x, prompt_id, "rank")
    ).value
    assert poll.kind is PollKind.RANK and poll.state.value == "draft"
    assert [o.text for o in poll.options] == names
    assert [o.theme_id for o in poll.options] == [t.id for t in made]
    assert "What is missing?" in poll.question
    history.undo()
    assert s.polls.polls() == []
    points = poll_commands.poll_from_themes(s, prompt_id, "points").value
    assert points.kind is PollKind.POINTS and points.points == 10
    from summit_app.export.pack import write_pack

    pdf = write_pack(s, tmp_path / "pack.pdf")
    with pdfplumber.open(pdf) as document:
        text = " ".join((page.extract_text() or "").replace("\n", " ") for page in document.pages)
    assert "Its options are the themes the room raised" in text  # the pack links them
    s.close()


def test_a_poll_on_fewer_than_two_themes_is_refused_with_a_sentence(tmp_path: Path) -> None:
    s, _, prompt_id = _day(tmp_path)
    s.notes.add_theme(prompt_id, "Only one")
    with pytest.raises(ValidationError, match="at least two themes"):
        poll_commands.poll_from_themes(s, prompt_id, "rank")
    s.close()


def test_near_duplicates_merge_into_one_note_with_a_count_shown_in_the_pack(
    tmp_path: Path,
) -> None:
    from summit_app.export.pack import write_pack

    s, history, prompt_id = _day(tmp_path)
    theme = s.notes.add_theme(prompt_id, "Time")
    texts = [
        "Protected time for leaders",
        "protected time for leadership",
        "Protected leadership time",
        "Include pharmacy teams",
    ]
    notes = [s.notes.add_note(prompt_id, t, theme_id=theme.id) for t in texts]
    groups = themes.near_duplicates(texts)
    assert [sorted(g) for g in groups] == [[0, 1, 2]]
    ids = [[notes[i].id for i in g] for g in groups]
    history.run("Merge duplicate notes", lambda x: note_commands.merge_notes(x, ids))
    left = s.notes.notes(prompt_id)
    assert len(left) == 2
    merged = next(n for n in left if n.count == 3)
    assert merged.label.endswith("(x3)") and merged.theme_id == theme.id
    pdf = tmp_path / "pack.pdf"
    write_pack(s, pdf)
    with pdfplumber.open(pdf) as document:
        words = " ".join(page.extract_text() or "" for page in document.pages)
    assert "(x3)" in words and "Include pharmacy teams" in words
    history.undo()
    assert sorted(n.text for n in s.notes.notes(prompt_id)) == sorted(texts)
    assert all(n.count == 1 for n in s.notes.notes(prompt_id))
    s.close()

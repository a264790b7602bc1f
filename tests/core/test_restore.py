"""Undoing a removal puts things back exactly where they were."""

from summit_app.core import Summit
from summit_app.core.model import Author, ItemKind, SummitInfo


def _summit(tmp_path):
    s = Summit.create(tmp_path / "undo.summit", SummitInfo(title="Undo"))
    section = s.agenda.add_section("Morning")
    item = s.agenda.add_item(section.id, "Discuss", ItemKind.DISCUSSION, 20)
    prompt = s.agenda.add_prompt(item.id, "What is missing?")
    return s, section, item, prompt


def test_a_removed_participant_note_comes_back_with_its_author_and_place(tmp_path):
    s, _, _, prompt = _summit(tmp_path)
    s.agenda.open_prompt(prompt.id)
    theme = s.notes.add_theme(prompt.id, "Workforce")
    person = s.people.join()
    first = s.notes.add_note(prompt.id, "first", Author.PARTICIPANT, person.id, theme.id)
    s.notes.add_note(prompt.id, "second")
    s.notes.set_hidden(first.id, True)
    gone = s.notes.note(first.id)
    s.notes.remove_note(first.id)
    s.agenda.open_prompt(None)  # restoring works even once the prompt is closed
    back = s.notes.restore_note(gone)
    assert back == gone
    assert [n.text for n in s.notes.notes(prompt.id)] == ["first", "second"]


def test_a_removed_theme_comes_back_with_its_notes(tmp_path):
    s, _, _, prompt = _summit(tmp_path)
    a = s.notes.add_theme(prompt.id, "A", "summary of A")
    s.notes.add_theme(prompt.id, "B")
    note = s.notes.add_note(prompt.id, "in A", theme_id=a.id)
    s.notes.remove_theme(a.id)
    assert s.notes.note(note.id).theme_id is None
    s.notes.restore_theme(a, (note.id,))
    assert [t.name for t in s.notes.themes(prompt.id)] == ["A", "B"]
    assert s.notes.theme(a.id) == a
    assert s.notes.note(note.id).theme_id == a.id


def test_a_removed_item_comes_back_with_speakers_and_prompts(tmp_path):
    s, section, item, prompt = _summit(tmp_path)
    s.agenda.add_item(section.id, "Lunch", ItemKind.BREAK, 45)
    speaker = s.agenda.add_speaker(item.id, "Ada", "Chair", "ICS", ["one", "two"])
    s.agenda.remove_item(item.id)
    s.agenda.restore_item(item, (speaker,), (prompt,))
    assert [i.title for i in s.agenda.items()] == ["Discuss", "Lunch"]
    assert s.agenda.speakers(item.id) == [speaker]
    assert s.agenda.prompts(item.id) == [prompt]

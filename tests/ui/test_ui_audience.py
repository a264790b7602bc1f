"""The facilitator's Q&A, word cloud and moderation queue, with phones writing on their own
connection (as the participant server does), and what the projector shows of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.model import Author, PromptKind, QuestionState
from summit_app.ui.main_window import MainWindow
from summit_app.ui.projector_window import Mode


@pytest.fixture
def window(qtbot, summit_path: Path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    window.projector.resize(1280, 720)
    return window


@pytest.fixture
def phones(summit_path: Path):
    """The participant server's own connection to the same file."""
    with Summit.open(summit_path) as summit:
        yield summit


def new_prompt(window: MainWindow, kind: PromptKind, text: str) -> int:
    window.audience_panel.new_prompt(kind, text)
    prompt_id = window.audience_panel.prompt_id
    window.audience_panel.open_button.click()
    assert window.session.summit.live().open_prompt_id == prompt_id
    return prompt_id


def test_phones_questions_list_by_upvotes_and_the_projector_shows_the_one_answered(
    qtbot, window: MainWindow, phones: Summit
) -> None:
    panel = window.audience_panel
    qa = new_prompt(window, PromptKind.QUESTIONS, "Questions for the panel")
    a, b, c = (phones.people.join().id for _ in range(3))
    first = phones.questions.ask(qa, "Who funds <b>protected time</b>?", Author.PARTICIPANT, a)
    second = phones.questions.ask(qa, "What about social care?", Author.PARTICIPANT, b)
    phones.questions.upvote(second.id, c)
    window.session.server_event("upvote", {})
    qtbot.waitUntil(lambda: len(panel.question_rows()) == 2, timeout=2000)
    assert [row[:2] for row in panel.question_rows()] == [
        ("1", "What about social care?"),
        ("0", "Who funds <b>protected time</b>?"),
    ]
    panel.order.setCurrentIndex(1)  # oldest first
    assert [row[1] for row in panel.question_rows()][0] == "Who funds <b>protected time</b>?"

    window.projector_panel.show_mode(Mode.QUESTION)
    panel.select_question(first.id)
    panel.q_buttons["answering"].click()
    screen = window.projector.view.question_screen

    def shows(text: str) -> None:
        qtbot.waitUntil(lambda: screen.text.text() == text, timeout=2000)

    shows("Who funds <b>protected time</b>?")
    assert screen.text.textFormat().name == "PlainText"
    panel.q_buttons["answered"].click()
    assert phones.questions.question(first.id).state is QuestionState.ANSWERED
    shows("Ask and upvote questions on your phone")
    window.session.undo()
    shows("Who funds <b>protected time</b>?")


def test_merging_and_hiding_questions_are_undoable(qtbot, window: MainWindow, phones: Summit):
    panel = window.audience_panel
    qa = new_prompt(window, PromptKind.QUESTIONS, "Ask the panel")
    a, b = phones.people.join().id, phones.people.join().id
    keep = phones.questions.ask(qa, "Is social care included?", Author.PARTICIPANT, a)
    dup = phones.questions.ask(qa, "Does this include social care?", Author.PARTICIPANT, b)
    phones.questions.upvote(dup.id, a)
    window.session.server_event("question", {})
    qtbot.waitUntil(lambda: len(panel.question_rows()) == 2, timeout=2000)
    panel.select_question(dup.id)
    panel.merge(keep.id)
    assert window.session.summit.questions.question(keep.id).upvotes == 1
    assert [q.id for q in window.session.summit.questions.shown(qa)] == [keep.id]
    assert "merged into" in dict((r[1], r[2]) for r in panel.question_rows())[dup.text]
    panel.select_question(keep.id)
    panel.q_buttons["hide"].click()
    assert window.session.summit.questions.shown(qa) == []
    window.session.undo()
    window.session.undo()
    assert len(window.session.summit.questions.shown(qa)) == 2


def test_the_cloud_grows_live_and_a_hidden_word_leaves_it(qtbot, window: MainWindow, phones):
    panel = window.audience_panel
    cloud = new_prompt(window, PromptKind.WORDS, "What is one thing we should take forward?")
    window.projector_panel.show_mode(Mode.WORDS)
    words = window.projector.view.words_screen.cloud
    for text in ("time", "Time", "support", "training", "leadership skills"):
        phones.words.add_word(cloud, text, Author.PARTICIPANT, phones.people.join().id)
        window.session.server_event("word", {})
    qtbot.waitUntil(lambda: len(words.shown_texts()) == 4, timeout=2000)
    assert words.shown_texts()[0] == "time"
    assert min(p.size for p in words.cloud().placed) >= words.height() / 22 - 0.5
    qtbot.waitUntil(lambda: panel.words.rowCount() == 4, timeout=2000)
    panel.select_word("support")
    panel.hide_word_button.click()
    qtbot.waitUntil(lambda: "support" not in words.shown_texts(), timeout=2000)
    assert "support" in [panel.words.item(r, 1).text() for r in range(panel.words.rowCount())]


def test_a_flagged_word_is_held_from_the_projector_until_approved(qtbot, window, phones) -> None:
    cloud = new_prompt(window, PromptKind.WORDS, "One word for today")
    window.projector_panel.show_mode(Mode.WORDS)
    words = window.projector.view.words_screen.cloud
    phones.words.add_word(cloud, "inspiring", Author.PARTICIPANT, phones.people.join().id)
    flagged = phones.words.add_word(cloud, "Bollocks", Author.PARTICIPANT, phones.people.join().id)
    assert flagged.is_held and flagged.flagged == "bollocks"
    window.session.server_event("word", {})
    queue = window.moderation_panel
    qtbot.waitUntil(lambda: len(queue.rows()) == 1, timeout=2000)
    qtbot.waitUntil(lambda: words.shown_texts() == ["inspiring"], timeout=2000)
    assert queue.rows()[0][:2] == ("Word", "Bollocks")
    assert window.tabs.tabText(window.tabs.indexOf(queue)) == "Moderation (1)"
    queue.approve_all()  # leaves flagged input for one-by-one approval
    qtbot.wait(50)
    assert words.shown_texts() == ["inspiring"]
    queue.select("word", flagged.id)
    queue.buttons["approve"].click()
    qtbot.waitUntil(lambda: "Bollocks" in words.shown_texts(), timeout=2000)
    assert window.tabs.tabText(window.tabs.indexOf(queue)) == "Moderation"


def test_moderated_notes_wait_off_the_wall_and_rules_are_undoable(qtbot, window, phones):
    queue = window.moderation_panel
    queue.summit_wide.setChecked(True)
    assert window.session.summit.moderation.summit_moderated()
    prompt = window.session.summit.agenda.prompts()[0]
    window.note_board.choose_prompt(prompt.id)
    window.note_board.open_button.click()
    note = phones.notes.add_note(
        prompt.id, "More support", Author.PARTICIPANT, phones.people.join().id
    )
    window.session.server_event("note", {})
    qtbot.waitUntil(lambda: len(queue.rows()) == 1, timeout=2000)
    window.projector_panel.show_mode(Mode.NOTES)
    qtbot.wait(50)
    assert "More support" not in window.projector.view.note_labels()
    queue.select("note", note.id)
    queue.buttons["hide"].click()
    assert window.session.summit.notes.note(note.id).is_hidden
    window.session.undo()
    assert window.session.summit.notes.note(note.id).is_held
    queue.set_word_lists(["waffle"], ["bollocks"])
    assert window.session.summit.moderation.word_lists() == (("waffle",), ("bollocks",))
    window.session.undo()
    assert window.session.summit.moderation.word_lists() == ((), ())


def test_approving_one_word_never_moves_the_selection_onto_a_flagged_one(
    qtbot, window, phones
) -> None:
    window.session.summit.moderation.set_summit_moderated(True)
    cloud = new_prompt(window, PromptKind.WORDS, "One word for today")
    fine = phones.words.add_word(cloud, "inspiring", Author.PARTICIPANT, phones.people.join().id)
    flagged = phones.words.add_word(cloud, "Bollocks", Author.PARTICIPANT, phones.people.join().id)
    window.session.server_event("word", {})
    queue = window.moderation_panel
    qtbot.waitUntil(lambda: len(queue.rows()) == 2, timeout=2000)
    queue.select("word", fine.id)
    queue.buttons["approve"].click()
    qtbot.waitUntil(lambda: len(queue.rows()) == 1, timeout=2000)
    assert queue.selected() == []  # the flagged word, now in the approved one's row, is not chosen
    assert not queue.buttons["approve"].isEnabled()
    queue.buttons["approve"].click()  # the nervous second press
    assert phones.words.word(flagged.id).is_held


def test_the_chosen_question_stays_chosen_while_upvotes_reorder_the_list(
    qtbot, window: MainWindow, phones: Summit
) -> None:
    panel = window.audience_panel
    qa = new_prompt(window, PromptKind.QUESTIONS, "Questions for the panel")
    people = [phones.people.join().id for _ in range(4)]
    first = phones.questions.ask(qa, "Who funds protected time?", Author.PARTICIPANT, people[0])
    second = phones.questions.ask(qa, "What about social care?", Author.PARTICIPANT, people[1])
    phones.questions.upvote(first.id, people[2])
    window.session.server_event("upvote", {})
    qtbot.waitUntil(lambda: len(panel.question_rows()) == 2, timeout=2000)
    panel.select_question(first.id)  # top of the list
    for voter in people[2:]:  # the room prefers the other one now
        phones.questions.upvote(second.id, voter)
    window.session.server_event("upvote", {})
    qtbot.waitUntil(lambda: panel.question_rows()[0][1] == "What about social care?", timeout=2000)
    assert panel.selected_question() == first.id

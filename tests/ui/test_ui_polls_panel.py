"""Polls: the facilitator writes a poll, opens it, watches phones vote and adds a show of hands."""

from __future__ import annotations

import pytest

from summit_app.core import Summit
from summit_app.core.model import PollKind, PollState
from summit_app.ui import commands
from summit_app.ui.polls_panel import PollsModel, PollsPanel


@pytest.fixture
def panel(qtbot, session):
    widget = PollsPanel(session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _write_poll(panel, question, kind, options, n=None, p=None):
    panel.new_button.click()
    editor = panel.editor
    editor.question.setText(question)
    editor.kind.setCurrentIndex(editor.kind.findData(kind))
    editor.options.setPlainText("\n".join(options))
    if n:
        editor.max_choices.setValue(n)
    if p:
        editor.points.setValue(p)
    panel.save_button.click()
    return panel.session.summit.polls.poll(panel.poll_id) if panel.poll_id else None


@pytest.mark.parametrize(
    ("kind", "n", "p"),
    [
        (PollKind.SINGLE, None, None),
        (PollKind.MULTI, 2, None),
        (PollKind.POINTS, None, 7),
        (PollKind.RANK, None, None),
        (PollKind.SCALE, None, None),
    ],
)
def test_the_editor_writes_every_kind_of_poll(panel, kind, n, p):
    poll = _write_poll(panel, f"A {kind} poll", kind, ["Alpha", "Beta", "Gamma"], n, p)
    assert poll.kind is kind
    assert [o.text for o in poll.options] == ["Alpha", "Beta", "Gamma"]
    if n:
        assert poll.max_choices == n
    if p:
        assert poll.points == p
    panel.new_button.click()
    panel.choose(poll.id)
    assert panel.editor.question.text() == f"A {kind} poll"


def test_a_bad_poll_shows_the_rule_it_breaks(panel):
    from PySide6.QtWidgets import QMessageBox

    _write_poll(panel, "Rank one thing", PollKind.RANK, ["Only"])
    box = panel.findChild(QMessageBox, "error_box")
    assert "at least two options" in box.text()
    box.close()


def test_phones_vote_live_and_a_show_of_hands_joins_them(qtbot, panel, session):
    poll = session.summit.polls.polls()[0]
    panel.choose(poll.id)
    panel.open_button.click()
    assert session.summit.polls.poll(poll.id).state is PollState.OPEN
    assert panel.open_button.text() == "Close voting"
    workforce, digital, _ = poll.options

    with Summit.open(session.path) as phones:  # the server's own connection
        for choice in (workforce, workforce, digital):
            person = phones.people.join()
            phones.polls.cast_ballot(poll.id, person.id, {choice.id: 1})
    qtbot.waitUntil(lambda: "3 ballots · 3 phones joined" in panel.live_label.text(), timeout=3000)
    assert panel.results.bar_texts() == [
        ("Workforce", "67% · 2 votes"),
        ("Digital", "33% · 1 vote"),
        ("Access", "0% · 0 votes"),
    ]

    dialog = panel.hand_count_dialog()
    qtbot.addWidget(dialog)
    dialog.set_count(digital.id, 3)
    dialog.set_count(workforce.id, 0)
    dialog.voters.setValue(3)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    assert panel.results.bar_texts()[0] == ("Digital", "67% · 4 votes, 3 counted by hand")
    assert panel.results.caption() == "6 people voted"

    panel.reveal_button.click()
    assert session.summit.polls.poll(poll.id).show_results
    panel.open_button.click()
    assert session.summit.polls.poll(poll.id).state is PollState.CLOSED
    assert panel.model.index(0, 0).data().startswith("closed")


def test_polls_model_passes_the_model_tester(qtmodeltester, summit_path):
    with Summit.open(summit_path) as summit:
        qtmodeltester.check(PollsModel(summit))


def test_a_double_click_on_open_voting_leaves_the_poll_open(panel, session, monkeypatch):
    from summit_app.ui import guard

    poll = session.summit.polls.polls()[0]
    panel.choose(poll.id)
    monkeypatch.setattr(guard, "now", lambda: 50.0)  # both clicks in the same moment
    panel.open_button.click()
    panel.open_button.click()
    assert session.summit.polls.poll(poll.id).state is PollState.OPEN


def test_unsaved_typing_survives_other_changes_and_is_offered_for_saving(panel, session, answers):
    (first,) = session.summit.polls.polls()
    panel.choose(first.id)
    panel.editor.question.setText("Which priority comes first?")
    commands.start_item(session, session.summit.agenda.items()[0].id, at="2026-04-13T09:30:00")
    assert panel.editor.question.text() == "Which priority comes first?"  # not wiped
    answers.reply = True
    panel.new_button.click()
    assert answers.asked[-1].startswith("Save your changes to “Which priority comes first?”")
    assert session.summit.polls.poll(first.id).question == "Which priority comes first?"


def test_a_new_poll_goes_on_the_running_item(panel, session):
    talk = session.summit.agenda.items()[1]
    commands.start_item(session, talk.id, at="2026-04-13T09:45:00")
    panel.new_button.click()
    assert panel.editor.item_id() == talk.id
    poll = _write_poll(panel, "How was the talk?", PollKind.SCALE, ["It was useful"])
    assert poll.item_id == talk.id


def test_an_option_typo_is_fixed_after_people_voted(panel, session):
    poll = session.summit.polls.polls()[0]
    session.summit.polls.open_poll(poll.id)
    with Summit.open(session.path) as phones:
        phones.polls.cast_ballot(poll.id, phones.people.join().id, {poll.options[0].id: 1})
    panel.choose(poll.id)
    panel.editor.options.setPlainText("Workforce and skills\nDigital\nAccess")
    panel.save_button.click()
    assert [o.text for o in session.summit.polls.poll(poll.id).options][0] == "Workforce and skills"
    assert session.summit.polls.result(poll.id).ranked()[0].count == 1


def test_the_count_dialog_fits_a_ranking_without_scrolling(qtbot, session, screens):
    from offscreen_screens import laptop

    screens.set([laptop(1366, 768)])
    item = session.summit.agenda.items()[-1]
    options = [f"Initiative number {n} with a fairly long description" for n in range(1, 10)]
    poll = session.summit.polls.add_poll(item.id, "Rank them", PollKind.RANK, options)
    from summit_app.ui.hand_count_dialog import HandCountDialog

    dialog = HandCountDialog(session, poll.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.columnCount() == 10  # the option, and nine places
    assert not table.horizontalScrollBar().isVisible()
    assert not table.verticalScrollBar().isVisible()
    assert dialog.width() > 700


def test_opening_voting_with_unsaved_options_offers_to_save_them_first(panel, session, answers):
    (poll,) = session.summit.polls.polls()
    panel.choose(poll.id)
    panel.editor.options.setPlainText("Workforce\nDigital\nPrevention")
    answers.reply = True
    panel.open_button.click()
    assert answers.asked[-1].startswith("Save your changes to")
    assert "and open voting?" in answers.asked[-1]
    stored = session.summit.polls.poll(poll.id)
    assert stored.state is PollState.OPEN
    assert [o.text for o in stored.options] == ["Workforce", "Digital", "Prevention"]
    assert not panel.has_unsaved_edits()


def test_saying_no_to_saving_keeps_voting_closed_and_the_typing_in_the_form(
    panel, session, answers
):
    (poll,) = session.summit.polls.polls()
    before = [o.text for o in poll.options]
    panel.choose(poll.id)
    panel.editor.options.setPlainText("Workforce\nDigital")
    answers.reply = False
    panel.open_button.click()
    stored = session.summit.polls.poll(poll.id)
    assert stored.state is not PollState.OPEN
    assert [o.text for o in stored.options] == before
    assert panel.editor.options.toPlainText() == "Workforce\nDigital"
    assert panel.has_unsaved_edits()
    assert panel.hand_count_dialog() is None  # counting hands waits for the same answer


def test_reveal_and_hide_are_not_unsaved_typing(panel, session, answers):
    (poll,) = session.summit.polls.polls()
    panel.choose(poll.id)
    for _ in range(2):  # reveal, then hide
        panel.reveal_button.click()
        shown = session.summit.polls.poll(poll.id).show_results
        assert panel.editor.show_results.isChecked() is shown
        assert not panel.has_unsaved_edits()
    asked = len(answers.asked)
    panel.open_button.click()
    assert len(answers.asked) == asked  # nothing to save, nothing asked
    assert session.summit.polls.poll(poll.id).state is PollState.OPEN


def test_reveal_while_typing_keeps_the_typing_and_follows_the_reveal(panel, session, monkeypatch):
    (poll,) = session.summit.polls.polls()
    panel.choose(poll.id)
    panel.editor.question.setText("Which comes first, really?")
    panel.reveal_button.click()
    assert panel.editor.question.text() == "Which comes first, really?"
    assert panel.editor.show_results.isChecked() is True  # the stored reveal, not a stale box
    assert panel.has_unsaved_edits()


def test_a_long_question_shows_its_start_when_its_poll_is_chosen(panel, session):
    long = (
        "Which of these priorities should the partnership fund first next year, given the"
        " workforce gaps we heard about this morning and the money that is left?"
    )
    (first,) = session.summit.polls.polls()
    second = _write_poll(panel, long, PollKind.SINGLE, ["Workforce", "Digital"])
    panel.choose(first.id)
    # The facilitator clicks the long poll in the list.
    panel.list.setCurrentIndex(panel.model.index(panel.model.row_of(second.id), 0))
    field = panel.editor.question
    assert field.text() == long
    assert field.cursorPosition() == 0
    field.grab()  # painted as the facilitator sees it: the view follows the cursor
    assert field.cursorRect().left() < field.width() // 4  # the start, not the end
    assert panel.editor.is_edited() is False

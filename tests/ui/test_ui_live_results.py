"""The window's results follow the phones' ballots and the facilitator's edits at once (read
from the poll's running totals); panels hear of phones' ballots by `results_ready`."""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin


def _vote(path, poll_id, option_index, voters):
    with Summit.open(path) as phones:
        poll = phones.polls.poll(poll_id)
        for _ in range(voters):
            person = phones.people.join()
            phones.polls.cast_ballot(poll_id, person.id, {poll.options[option_index].id: 1})


def _open_first_poll(session) -> int:
    """The first poll opened, its (empty) results shown: the session holds its tally."""
    poll = session.summit.polls.polls()[0]
    session.summit.polls.open_poll(poll.id)
    session.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))
    assert session.result(poll.id).voters == 0
    return poll.id


def test_ballots_from_phones_show_in_the_results_at_once(qtbot, session):
    poll_id = _open_first_poll(session)
    _vote(session.path, poll_id, 0, 3)
    seen: list[int] = []
    session.changed.connect(lambda changes: seen.append(session.result(poll_id).voters))
    with qtbot.waitSignal(session.results_ready, timeout=1000) as ready:
        session.announce(Changes.unknown(Area.BALLOTS, origin=Origin.PHONES))
    assert ready.args == [poll_id]
    assert seen == [3]  # a panel redrawing on `changed` already reads the new figures
    assert session.result(poll_id).ranked()[0].option.text == "Workforce"


def test_the_facilitators_own_edit_is_counted_at_once(qtbot, session):
    poll_id = _open_first_poll(session)
    _vote(session.path, poll_id, 1, 2)
    session.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))  # an edit here
    assert session.result(poll_id).voters == 2

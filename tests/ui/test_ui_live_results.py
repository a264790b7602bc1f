"""Phones' ballots are counted off the GUI thread; the facilitator's edits show at once."""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin


def _vote(path, poll_id, option_index, voters):
    with Summit.open(path) as phones:
        poll = phones.polls.poll(poll_id)
        for _ in range(voters):
            person = phones.people.join()
            phones.polls.cast_ballot(poll_id, person.id, {poll.options[option_index].id: 1})


def test_ballots_from_phones_are_counted_in_the_background(qtbot, session):
    summit = session.summit
    poll = summit.polls.polls()[0]
    summit.polls.open_poll(poll.id)
    session.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))
    assert session.result(poll.id).voters == 0

    _vote(session.path, poll.id, 0, 3)
    session.announce(Changes.unknown(Area.BALLOTS, origin=Origin.PHONES))
    assert session.result(poll.id).voters == 0  # the last tally, while the worker counts
    with qtbot.waitSignal(session.results_ready, timeout=5000):
        pass
    qtbot.waitUntil(lambda: session.result(poll.id).voters == 3, timeout=5000)
    assert session.result(poll.id).ranked()[0].option.text == "Workforce"


def test_the_facilitators_own_edit_is_counted_at_once(qtbot, session):
    summit = session.summit
    poll = summit.polls.polls()[0]
    summit.polls.open_poll(poll.id)
    session.announce(Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR))
    assert session.result(poll.id).voters == 0
    _vote(session.path, poll.id, 1, 2)
    session.announce(
        Changes.unknown(Area.POLLS, origin=Origin.FACILITATOR)
    )  # an edit here: no waiting for the worker
    assert session.result(poll.id).voters == 2

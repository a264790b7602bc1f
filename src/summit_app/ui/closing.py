"""Closing or quitting while phones take part asks first and says what happens; opening a
summit whose poll was left open offers to let phones back in.

Closing stops the phone server: the poll stays open in the file but no phone can reach the
laptop. Without a question, a Ctrl+Q mid-vote would leave the room tapping a dead page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from summit_app.core.errors import NotFoundError
from summit_app.core.presenting import plural
from summit_app.ui import dialogs
from summit_app.ui.session import SummitSession


def phones_taking_part(session: SummitSession) -> str:
    """What phones are doing now, in words ('' when no poll or question is open to them)."""
    summit = session.summit
    live = summit.live()
    parts = []
    try:
        if live.open_poll_id is not None:
            poll = summit.polls.poll(live.open_poll_id)
            ballots = summit.polls.ballot_count(poll.id)
            parts.append(f"voting on “{poll.question}” ({plural(ballots, 'ballot')} so far)")
        if live.open_prompt_id is not None:
            prompt = summit.agenda.prompt(live.open_prompt_id)
            parts.append(f"posting notes to “{prompt.text}”")
    except NotFoundError:
        pass
    return " and ".join(parts)


def may_stop_phones(parent: QWidget, session: SummitSession, serving: bool, verb: str) -> bool:
    """Ask before `verb` ('quit', 'close this summit') stops phones taking part."""
    doing = phones_taking_part(session) if serving else ""
    if not doing:
        return True
    joined = session.summit.people.count()
    return dialogs.confirm(
        parent,
        "Phones are taking part",
        f"Phones are {doing}. If you {verb} now, the phone server stops: the"
        f" {plural(joined, 'phone')} that joined can no longer reach this laptop. What is"
        " already in is saved, and what is open stays open in the file: when you open this"
        f" summit again, Summit offers to let phones back in. {verb.capitalize()} anyway?",
        risky=True,
    )


def left_open(session: SummitSession) -> str:
    """What was left open to phones when the file was last closed ('' if nothing)."""
    return phones_taking_part(session)

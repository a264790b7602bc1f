"""What participants are told about their data, and how long the file keeps what links
their input to a phone.

The phone's join page reads `notice` first (before anything is sent); the pack's data
appendix prints it, so the write-up says what the room was promised. A facilitator may
write their own (settings); left empty, the default follows the summit's organisers,
contact and retention, and so never goes stale when they change.
"""

from __future__ import annotations

from summit_app.core.model import SummitInfo

NOTICE_TITLE = "Privacy notice"


def default_notice(info: SummitInfo) -> str:
    """The notice a summit has until the facilitator writes their own."""
    who = info.organisers.strip() or "The organisers of this event"
    contact = info.contact.strip()
    ask = f" Questions about your data: {contact}." if contact else ""
    return (
        f"{who} run this page from a laptop in the room; nothing goes to the internet. No"
        " name is asked. Your votes, notes, questions and the group you pick (if you pick"
        " one) are kept on that laptop, for the write-up of the day, without your name."
        " Notes and questions may be shown on the screen and quoted: please name no one."
        f" What links them to this phone is removed within {days(info.retention_days)}.{ask}"
    )


def notice(info: SummitInfo) -> str:
    """What the phones' join page says first: the facilitator's own text, else the default."""
    return info.privacy_notice.strip() or default_notice(info)


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n:,} days"

"""What the team should look at before the pack goes out: text still as a template left it
("Our summit", its sample introduction, "First initiative") and polls nobody voted in.

Shown in the Export dialog and on the command line, and written to the pack's log; the pack
is written all the same (a draft may be wanted), never silently.
"""

from __future__ import annotations

from summit_app.core import Summit, SummitError
from summit_app.core.templates import list_templates, read_template
from summit_app.export.typeset import one_line

DEMO = "demo"  # its texts are the real day's, not placeholders


def export_warnings(summit: Summit) -> list[str]:
    """One sentence for each placeholder left and each poll without a vote, naming it."""
    samples = _template_texts()
    out: list[str] = []
    info = summit.info()
    if _key(info.title) in samples:
        out.append(f"The title is still the template's: “{one_line(info.title)}”.")
    if _key(info.introduction) in samples:
        out.append("The introduction is still the template's sample text.")
    for section in summit.agenda.sections():
        if _key(section.introduction) in samples:
            name = one_line(section.title)
            out.append(f"The introduction of section “{name}” is still the template's.")
    for poll in summit.polls.polls():
        question = one_line(poll.question)
        sample = [one_line(o.text) for o in poll.options if _key(o.text) in samples]
        if sample:
            names = ", ".join(f"“{s}”" for s in sample)
            out.append(f"The poll “{question}” still has the template's options {names}.")
        if not summit.polls.result(poll.id).voters:
            out.append(f"The poll “{question}” has no votes.")
    return out


def _template_texts() -> frozenset[str]:
    """The sample texts of every template but the demo: a summit title and introduction,
    section introductions, poll options."""
    texts: set[str] = set()
    try:
        names = [t.name for t in list_templates() if t.name != DEMO]
        templates = [read_template(name) for name in names]
    except SummitError:
        return frozenset()  # no templates to compare with: nothing to warn about
    for data in templates:
        if not isinstance(data, dict):
            continue
        summit = data.get("summit") or {}
        texts |= {summit.get("title", ""), summit.get("introduction", "")}
        for section in data.get("sections") or []:
            texts.add(section.get("introduction", ""))
            for item in section.get("items") or []:
                for poll in item.get("polls") or []:
                    texts |= {o for o in poll.get("options") or [] if isinstance(o, str)}
    return frozenset(_key(t) for t in texts if isinstance(t, str) and t.strip())


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()

"""The facilitator's actions, each one command of the core's History.

Each function runs its edit through `session.run`: one transaction, one undo step, and one
`Change` that the session announces to the panels. Undo needs no code here: the history
brings back exactly the rows a command wrote. A refused edit raises a SummitError (and
changed nothing) for the widget to show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from summit_app.core import Summit
from summit_app.core.model import Item, Note, Poll, Prompt, Section, Theme
from summit_app.ui.session import SummitSession

# -- notes ---------------------------------------------------------------------------------


def add_note(
    session: SummitSession, prompt_id: int, text: str, theme_id: int | None = None
) -> Note:
    return session.run("Add note", lambda s: s.notes.add_note(prompt_id, text, theme_id=theme_id))


def edit_note(session: SummitSession, note_id: int, text: str) -> Note:
    return session.run("Edit note", lambda s: s.notes.edit_note(note_id, text))


def remove_notes(session: SummitSession, note_ids: Sequence[int]) -> None:
    def remove(s: Summit) -> None:
        for note_id in note_ids:
            s.notes.remove_note(note_id)

    session.run("Remove note" if len(note_ids) == 1 else "Remove notes", remove)


def set_flag(session: SummitSession, note_ids: Sequence[int], flag: str, value: bool) -> None:
    """Hide/show (`hidden`) or mark/unmark as a quote (`quote`) several notes at once."""
    label = {"hidden": ("Hide note", "Show note"), "quote": ("Mark quote", "Unmark quote")}[flag]

    def apply(s: Summit) -> None:
        setter = s.notes.set_hidden if flag == "hidden" else s.notes.set_quote
        for note_id in note_ids:
            setter(note_id, value)

    session.run(label[0] if value else label[1], apply)


def move_notes(session: SummitSession, note_ids: Sequence[int], theme_id: int | None) -> None:
    def move(s: Summit) -> None:
        for note_id in note_ids:
            s.notes.set_theme(note_id, theme_id)

    session.run("Move note to theme", move)


def open_prompt(session: SummitSession, prompt_id: int | None) -> None:
    text = "Stop taking input from phones"
    if prompt_id is not None:
        kind = session.summit.agenda.prompt(prompt_id).kind.value
        text = f"Take {kind} from phones"  # notes, words or questions: the undo says which
    session.run(text, lambda s: s.agenda.open_prompt(prompt_id))


# -- themes --------------------------------------------------------------------------------


def add_theme(
    session: SummitSession, prompt_id: int, name: str, note_ids: Sequence[int] = ()
) -> Theme:
    """A new theme; notes given go into it, in the same step."""

    def add(s: Summit) -> Theme:
        theme = s.notes.add_theme(prompt_id, name)
        for note_id in note_ids:
            s.notes.set_theme(note_id, theme.id)
        return theme

    return session.run("Add theme", add)


def update_theme(session: SummitSession, theme_id: int, **fields: str) -> Theme:
    text = "Rename theme" if "name" in fields else "Edit theme"
    if set(fields) == {"colour"}:
        text = "Recolour theme"
    return session.run(text, lambda s: s.notes.update_theme(theme_id, **fields))


def move_theme(session: SummitSession, theme_id: int, position: int) -> None:
    session.run("Reorder themes", lambda s: s.notes.move_theme(theme_id, position))


def remove_theme(session: SummitSession, theme_id: int) -> None:
    session.run("Remove theme", lambda s: s.notes.remove_theme(theme_id))


# -- agenda --------------------------------------------------------------------------------


def add_section(session: SummitSession, title: str) -> Section:
    return session.run("Add section", lambda s: s.agenda.add_section(title))


def update_section(session: SummitSession, section_id: int, title: str) -> Section:
    def update(s: Summit) -> Section:
        old = s.agenda.section(section_id)
        return s.agenda.update_section(section_id, title, old.introduction)

    return session.run("Rename section", update)


def move_section(session: SummitSession, section_id: int, position: int) -> None:
    session.run("Move section", lambda s: s.agenda.move_section(section_id, position))


def remove_section(session: SummitSession, section_id: int) -> None:
    session.run("Remove section", lambda s: s.agenda.remove_section(section_id))


def add_item(
    session: SummitSession,
    section_id: int | None,
    title: str,
    kind: str,
    minutes: int,
    position: int | None = None,
) -> Item:
    """A new item at the end of its section (a new "Programme" section if there is none),
    or at `position`; one step."""

    def add(s: Summit) -> Item:
        target = section_id
        if target is None:
            sections = s.agenda.sections()
            target = sections[-1].id if sections else s.agenda.add_section("Programme").id
        item = s.agenda.add_item(target, title, kind, minutes)
        if position is not None:
            s.agenda.move_item(item.id, position)
        return s.agenda.item(item.id)

    return session.run("Add agenda item", add)


def update_item(session: SummitSession, item_id: int, **fields: Any) -> Item:
    return session.run("Edit agenda item", lambda s: s.agenda.update_item(item_id, **fields))


def remove_item(session: SummitSession, item_id: int) -> None:
    session.run("Remove agenda item", lambda s: s.agenda.remove_item(item_id))


def move_item(
    session: SummitSession, item_id: int, position: int, section_id: int | None = None
) -> None:
    session.run("Move agenda item", lambda s: s.agenda.move_item(item_id, position, section_id))


@dataclasses.dataclass(frozen=True)
class SpeakerEdit:
    id: int | None
    name: str
    role: str
    organisation: str
    key_points: Sequence[str]


def apply_item(
    session: SummitSession,
    item_id: int,
    fields: dict[str, Any],
    speakers: Sequence[SpeakerEdit],
    prompt_texts: Sequence[str],
) -> list[Prompt]:
    """The item dialog's OK: the item, its speakers and prompts in one step.

    Returns the prompts that were kept although the dialog removed them (they hold notes).
    """

    def apply(s: Summit) -> list[Prompt]:
        agenda = s.agenda
        old = agenda.item(item_id)
        changed = {k: v for k, v in fields.items() if getattr(old, k) != v}
        if changed:
            agenda.update_item(item_id, **changed)
        for row in speakers:
            if row.id is None:
                if row.name:
                    agenda.add_speaker(
                        item_id, row.name, row.role, row.organisation, list(row.key_points)
                    )
            elif not row.name:
                agenda.remove_speaker(row.id)
            else:
                agenda.update_speaker(
                    row.id,
                    name=row.name,
                    role=row.role,
                    organisation=row.organisation,
                    key_points=list(row.key_points),
                )
        prompts = agenda.prompts(item_id)
        for i, text in enumerate(prompt_texts):
            if i >= len(prompts):
                agenda.add_prompt(item_id, text)
            elif prompts[i].text != text:
                agenda.update_prompt(prompts[i].id, text)
        kept = []
        for prompt in prompts[len(prompt_texts) :]:
            if s.agenda.has_input(prompt.id):
                kept.append(prompt)
            else:
                agenda.remove_prompt(prompt.id)
        return kept

    return session.run("Edit agenda item", apply)


def set_start_time(session: SummitSession, value: str) -> None:
    def apply(s: Summit) -> None:
        s.update_info(dataclasses.replace(s.info(), start_time=value))

    session.run("Change the day's start time", apply)


def pause_clock(session: SummitSession, at: str) -> Item:
    return session.run("Pause the clock", lambda s: s.agenda.pause(at=at))


def resume_clock(session: SummitSession, at: str) -> Item:
    return session.run("Resume the clock", lambda s: s.agenda.resume(at=at))


def add_minutes(session: SummitSession, minutes: int) -> Item:
    text = f"Add {minutes} minute{'' if minutes == 1 else 's'}"
    return session.run(text, lambda s: s.agenda.add_minutes(minutes))


def start_item(session: SummitSession, item_id: int, at: str) -> Item:
    return session.run("Start item", lambda s: s.agenda.start_item(item_id, at=at))


def end_day(session: SummitSession, at: str) -> None:
    session.run("End the day", lambda s: s.agenda.end_day(at=at))


# -- the summit's details -------------------------------------------------------------------

KEEP_LOGO = object()  # `save_summit_settings` leaves the logo as it is


def edit_summit(session: SummitSession, text: str = "Edit summit settings", **fields: Any):
    """Change some of the summit's details (see `core.summit_info.edit_info`); one step."""
    return session.run(text, lambda s: s.edit_info(**fields))


def save_summit_settings(
    session: SummitSession, fields: dict[str, Any], logo: Any = KEEP_LOGO, logo_name: str = ""
) -> None:
    """The settings dialog's Save: the details and the logo (bytes, or None to remove it)
    in one undo step."""

    def apply(s: Summit) -> None:
        s.edit_info(**fields)
        if logo is not KEEP_LOGO:
            s.set_logo(logo, logo_name)

    session.run("Edit summit settings", apply)


# -- polls ---------------------------------------------------------------------------------


def add_poll(session: SummitSession, item_id: int, **values: Any) -> Poll:
    return session.run("Add poll", lambda s: s.polls.add_poll(item_id, **values))


def update_poll(session: SummitSession, poll_id: int, **values: Any) -> Poll:
    return session.run("Edit poll", lambda s: s.polls.update_poll(poll_id, **values))


def remove_poll(session: SummitSession, poll_id: int) -> None:
    session.run("Remove poll", lambda s: s.polls.remove_poll(poll_id))


def open_poll(session: SummitSession, poll_id: int) -> Poll:
    return session.run("Open voting", lambda s: s.polls.open_poll(poll_id))


def close_poll(session: SummitSession, poll_id: int) -> Poll:
    return session.run("Close voting", lambda s: s.polls.close_poll(poll_id))


def show_results(session: SummitSession, poll_id: int, show: bool) -> Poll:
    text = "Reveal results" if show else "Hide results"
    return session.run(text, lambda s: s.polls.set_show_results(poll_id, show))


def set_hand_counts(
    session: SummitSession,
    poll_id: int,
    counts: Sequence[tuple[int, int | None, int]],
    voters: int,
    method: str,
) -> None:
    session.run(
        "Enter counts from the room",
        lambda s: s.polls.set_hand_counts(poll_id, counts, voters, method),
    )


# -- questions, word clouds and moderation -------------------------------------------------


def add_audience_prompt(
    session: SummitSession, item_id: int, text: str, kind: str, max_words: int = 3
) -> Prompt:
    """A new Q&A or word-cloud prompt on an agenda item."""
    label = {"questions": "Add Q&A", "words": "Add word cloud"}.get(kind, "Add prompt")
    return session.run(
        label, lambda s: s.agenda.add_prompt(item_id, text, kind, max_words=max_words)
    )


def set_prompt_rules(session: SummitSession, prompt_id: int, **rules: Any) -> Prompt:
    text = "Change moderation" if set(rules) == {"moderated"} else "Change prompt"
    return session.run(text, lambda s: s.agenda.set_prompt_rules(prompt_id, **rules))


def set_question_state(session: SummitSession, question_id: int, state: str) -> None:
    text = {"answering": "Mark as being answered", "answered": "Mark as answered"}.get(
        state, "Reopen question"
    )
    session.run(text, lambda s: s.questions.set_state(question_id, state))


def merge_questions(session: SummitSession, question_id: int, into_id: int) -> None:
    session.run("Merge questions", lambda s: s.questions.merge(question_id, into_id))


def hide_question(session: SummitSession, question_id: int, hidden: bool) -> None:
    text = "Hide question" if hidden else "Show question"
    session.run(text, lambda s: s.questions.set_hidden(question_id, hidden))


def ask_question(session: SummitSession, prompt_id: int, text: str) -> None:
    session.run("Add question", lambda s: s.questions.ask(prompt_id, text))


def add_word(session: SummitSession, prompt_id: int, text: str) -> None:
    session.run("Add word", lambda s: s.words.add_word(prompt_id, text))


def hide_word(session: SummitSession, prompt_id: int, word: str, hidden: bool) -> None:
    text = "Hide word" if hidden else "Show word"
    session.run(text, lambda s: s.words.set_word_hidden(prompt_id, word, hidden))


def approve(session: SummitSession, held: Sequence[tuple[str, int]]) -> None:
    """Let these held inputs ((kind, id) pairs) through to the room, as one step."""

    def apply(s: Summit) -> None:
        for kind, row_id in held:
            s.moderation.approve(kind, row_id)

    session.run("Approve" if len(held) == 1 else f"Approve {len(held)}", apply)


def reject(session: SummitSession, held: Sequence[tuple[str, int]]) -> None:
    def apply(s: Summit) -> None:
        for kind, row_id in held:
            s.moderation.hide(kind, row_id)

    session.run("Hide from the room", apply)


def approve_all(session: SummitSession, prompt_id: int | None = None) -> int:
    return session.run("Approve all", lambda s: s.moderation.approve_all(prompt_id))


def set_summit_moderated(session: SummitSession, on: bool) -> None:
    text = "Moderate phones' input" if on else "Stop moderating phones' input"
    session.run(text, lambda s: s.moderation.set_summit_moderated(on))


def set_word_lists(session: SummitSession, blocked: Sequence[str], allowed: Sequence[str]) -> None:
    session.run(
        "Change the words held back", lambda s: s.moderation.set_word_lists(blocked, allowed)
    )

"""The facilitator's actions as the window runs them: each a core command
(`core.commands`) run as one undo step with the name the Edit menu shows.

The rules live in the core commands; here are only the undo names. A refused edit raises
a SummitError (and changed nothing) for the widget to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summit_app.core.commands import agenda, audience, decks, notes, polls
from summit_app.core.commands.agenda import KEEP_LOGO, SpeakerEdit
from summit_app.core.model import Item, Note, Poll, Prompt, Section, Theme
from summit_app.core.themes import Draft, Offer
from summit_app.ui.session import SummitSession

__all__ = ["KEEP_LOGO", "SpeakerEdit"]

# -- notes ---------------------------------------------------------------------------------


def add_note(
    session: SummitSession, prompt_id: int, text: str, theme_id: int | None = None
) -> Note:
    return session.command("Add note", notes.add_note, prompt_id, text, theme_id)


def edit_note(session: SummitSession, note_id: int, text: str) -> Note:
    return session.command("Edit note", notes.edit_note, note_id, text)


def remove_notes(session: SummitSession, note_ids: Sequence[int]) -> None:
    text = "Remove note" if len(note_ids) == 1 else "Remove notes"
    session.command(text, notes.remove_notes, note_ids)


def set_flag(session: SummitSession, note_ids: Sequence[int], flag: str, value: bool) -> None:
    """Hide/show (`hidden`) or mark/unmark as a quote (`quote`) several notes at once."""
    if flag == "hidden":
        session.command("Hide note" if value else "Show note", notes.set_hidden, note_ids, value)
    else:
        text = "Mark quote" if value else "Unmark quote"
        session.command(text, notes.set_quote, note_ids, value)


def move_notes(session: SummitSession, note_ids: Sequence[int], theme_id: int | None) -> None:
    session.command("Move note to theme", notes.move_notes, note_ids, theme_id)


def open_prompt(session: SummitSession, prompt_id: int | None) -> None:
    text = "Stop taking input from phones"
    if prompt_id is not None:
        kind = session.summit.agenda.prompt(prompt_id).kind.value
        text = f"Take {kind} from phones"  # notes, words or questions: the undo says which
    session.command(text, agenda.open_prompt, prompt_id)


# -- themes --------------------------------------------------------------------------------


def add_theme(
    session: SummitSession, prompt_id: int, name: str, note_ids: Sequence[int] = ()
) -> Theme:
    """A new theme; notes given go into it, in the same step."""
    return session.command("Add theme", notes.add_theme, prompt_id, name, note_ids)


def update_theme(session: SummitSession, theme_id: int, **fields: str) -> Theme:
    text = "Rename theme" if "name" in fields else "Edit theme"
    if set(fields) == {"colour"}:
        text = "Recolour theme"
    return session.command(text, notes.update_theme, theme_id, **fields)


def move_theme(session: SummitSession, theme_id: int, position: int) -> None:
    session.command("Reorder themes", notes.move_theme, theme_id, position)


def remove_theme(session: SummitSession, theme_id: int) -> None:
    session.command("Remove theme", notes.remove_theme, theme_id)


def merge_notes(session: SummitSession, groups: Sequence[Sequence[int]]) -> list[Note]:
    return session.command("Merge duplicate notes", notes.merge_notes, groups)


def poll_from_themes(session: SummitSession, prompt_id: int, kind: str) -> Poll:
    return session.command("Poll on the themes", polls.poll_from_themes, prompt_id, kind)


def accept_themes(
    session: SummitSession, prompt_id: int, drafts: Sequence[Draft], offers: Sequence[Offer]
) -> list[Theme]:
    """Suggested or sorted themes as the facilitator accepted them: one step."""
    return session.command(
        "Accept suggested themes", notes.accept_themes, prompt_id, drafts, offers
    )


# -- agenda --------------------------------------------------------------------------------


def add_section(session: SummitSession, title: str) -> Section:
    return session.command("Add section", agenda.add_section, title)


def update_section(session: SummitSession, section_id: int, title: str) -> Section:
    return session.command("Rename section", agenda.rename_section, section_id, title)


def move_section(session: SummitSession, section_id: int, position: int) -> None:
    session.command("Move section", agenda.move_section, section_id, position)


def remove_section(session: SummitSession, section_id: int) -> None:
    session.command("Remove section", agenda.remove_section, section_id)


def add_item(
    session: SummitSession,
    section_id: int | None,
    title: str,
    kind: str,
    minutes: int,
    position: int | None = None,
) -> Item:
    """A new item at the end of its section (see `core.commands.agenda.add_item`)."""
    return session.command(
        "Add agenda item", agenda.add_item, section_id, title, kind, minutes, position
    )


def update_item(session: SummitSession, item_id: int, **fields: Any) -> Item:
    return session.command("Edit agenda item", agenda.update_item, item_id, **fields)


def remove_item(session: SummitSession, item_id: int) -> None:
    session.command("Remove agenda item", agenda.remove_item, item_id)


def move_item(
    session: SummitSession, item_id: int, position: int, section_id: int | None = None
) -> None:
    session.command("Move agenda item", agenda.move_item, item_id, position, section_id)


def apply_item(
    session: SummitSession,
    item_id: int,
    fields: dict[str, Any],
    speakers: Sequence[SpeakerEdit],
    prompt_texts: Sequence[str],
) -> list[Prompt]:
    """The item dialog's OK; returns the prompts kept because they hold input."""
    return session.command(
        "Edit agenda item", agenda.apply_item, item_id, fields, speakers, prompt_texts
    )


def set_start_time(session: SummitSession, value: str) -> None:
    session.command("Change the day's start time", agenda.set_start_time, value)


def pause_clock(session: SummitSession, at: str) -> Item:
    return session.command("Pause the clock", agenda.pause_clock, at)


def resume_clock(session: SummitSession, at: str) -> Item:
    return session.command("Resume the clock", agenda.resume_clock, at)


def add_minutes(session: SummitSession, minutes: int) -> Item:
    text = f"Add {minutes} minute{'' if minutes == 1 else 's'}"
    return session.command(text, agenda.add_minutes, minutes)


def start_item(session: SummitSession, item_id: int, at: str) -> Item:
    return session.command("Start item", agenda.start_item, item_id, at)


def end_day(session: SummitSession, at: str) -> None:
    session.command("End the day", agenda.end_day, at)


# -- the summit's details -------------------------------------------------------------------


def edit_summit(session: SummitSession, text: str = "Edit summit settings", **fields: Any):
    """Change some of the summit's details (see `core.summit_info.edit_info`); one step."""
    return session.command(text, agenda.edit_summit, **fields)


def save_summit_settings(
    session: SummitSession, fields: dict[str, Any], logo: Any = KEEP_LOGO, logo_name: str = ""
) -> None:
    """The settings dialog's Save: the details and the logo in one undo step."""
    session.command("Edit summit settings", agenda.save_settings, fields, logo, logo_name)


# -- polls ---------------------------------------------------------------------------------


def add_poll(session: SummitSession, item_id: int, **values: Any) -> Poll:
    return session.command("Add poll", polls.add_poll, item_id, **values)


def update_poll(session: SummitSession, poll_id: int, **values: Any) -> Poll:
    return session.command("Edit poll", polls.update_poll, poll_id, **values)


def remove_poll(session: SummitSession, poll_id: int) -> None:
    session.command("Remove poll", polls.remove_poll, poll_id)


def open_poll(session: SummitSession, poll_id: int) -> Poll:
    return session.command("Open voting", polls.open_poll, poll_id)


def close_poll(session: SummitSession, poll_id: int) -> Poll:
    return session.command("Close voting", polls.close_poll, poll_id)


def show_results(session: SummitSession, poll_id: int, show: bool) -> Poll:
    text = "Reveal results" if show else "Hide results"
    return session.command(text, polls.show_results, poll_id, show)


def set_hand_counts(
    session: SummitSession,
    poll_id: int,
    counts: Sequence[tuple[int, int | None, int]],
    voters: int,
    method: str,
) -> None:
    session.command(
        "Enter counts from the room", polls.set_hand_counts, poll_id, counts, voters, method
    )


# -- questions, word clouds and moderation -------------------------------------------------


def add_audience_prompt(
    session: SummitSession, item_id: int, text: str, kind: str, max_words: int = 3
) -> Prompt:
    """A new Q&A or word-cloud prompt on an agenda item."""
    label = {"questions": "Add Q&A", "words": "Add word cloud"}.get(kind, "Add prompt")
    return session.command(label, audience.add_prompt, item_id, text, kind, max_words)


def set_prompt_rules(session: SummitSession, prompt_id: int, **rules: Any) -> Prompt:
    text = "Change moderation" if set(rules) == {"moderated"} else "Change prompt"
    return session.command(text, audience.set_prompt_rules, prompt_id, **rules)


def set_question_state(session: SummitSession, question_id: int, state: str) -> None:
    text = {"answering": "Mark as being answered", "answered": "Mark as answered"}.get(
        state, "Reopen question"
    )
    session.command(text, audience.set_question_state, question_id, state)


def merge_questions(session: SummitSession, question_id: int, into_id: int) -> None:
    session.command("Merge questions", audience.merge_questions, question_id, into_id)


def hide_question(session: SummitSession, question_id: int, hidden: bool) -> None:
    text = "Hide question" if hidden else "Show question"
    session.command(text, audience.hide_question, question_id, hidden)


def ask_question(session: SummitSession, prompt_id: int, text: str) -> None:
    session.command("Add question", audience.ask_question, prompt_id, text)


def add_word(session: SummitSession, prompt_id: int, text: str) -> None:
    session.command("Add word", audience.add_word, prompt_id, text)


def hide_word(session: SummitSession, prompt_id: int, word: str, hidden: bool) -> None:
    text = "Hide word" if hidden else "Show word"
    session.command(text, audience.hide_word, prompt_id, word, hidden)


def approve(session: SummitSession, held: Sequence[tuple[str, int]]) -> None:
    """Let these held inputs ((kind, id) pairs) through to the room, as one step."""
    text = "Approve" if len(held) == 1 else f"Approve {len(held)}"
    session.command(text, audience.approve, held)


def reject(session: SummitSession, held: Sequence[tuple[str, int]]) -> None:
    session.command("Hide from the room", audience.reject, held)


def approve_all(session: SummitSession, prompt_id: int | None = None) -> int:
    return session.command("Approve all", audience.approve_all, prompt_id)


def set_summit_moderated(session: SummitSession, on: bool) -> None:
    text = "Moderate phones' input" if on else "Stop moderating phones' input"
    session.command(text, audience.set_summit_moderated, on)


def set_word_lists(session: SummitSession, blocked: Sequence[str], allowed: Sequence[str]) -> None:
    session.command("Change the words held back", audience.set_word_lists, blocked, allowed)


# -- speakers' slides ----------------------------------------------------------------------


def add_deck(session: SummitSession, item_id: int, pdf: bytes, name: str) -> Any:
    had = session.summit.decks.for_item(item_id) is not None
    return session.command(
        "Replace slides" if had else "Add slides", decks.add_deck, item_id, pdf, name
    )


def remove_deck(session: SummitSession, item_id: int) -> None:
    session.command("Remove slides", decks.remove_deck, item_id)


def set_annex_slide(
    session: SummitSession, deck_id: int, page: int, included: bool, caption: str = ""
) -> None:
    text = "Caption slide in the annex" if included else "Take slide out of the annex"
    session.command(text, decks.set_annex_slide, deck_id, page, included, caption)


def set_annex_deck(session: SummitSession, deck_id: int, included: bool) -> None:
    text = "Put slides in the annex" if included else "Take slides out of the annex"
    session.command(text, decks.set_annex_deck, deck_id, included)


def set_annex_per_page(session: SummitSession, per_page: int) -> None:
    session.command("Slides to a page in the annex", decks.set_annex_per_page, per_page)

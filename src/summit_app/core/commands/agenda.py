"""The agenda and the day's clock: sections, items with their speakers and prompts."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from summit_app.core.commands import command
from summit_app.core.model import Item, Prompt, Section
from summit_app.core.store import Summit

# An item added with no section goes into a new section of this name.
FIRST_SECTION = "Programme"


@command
def add_section(summit: Summit, /, title: str) -> Section:
    return summit.agenda.add_section(title)


@command
def rename_section(summit: Summit, /, section_id: int, title: str) -> Section:
    old = summit.agenda.section(section_id)
    return summit.agenda.update_section(section_id, title, old.introduction)


@command
def move_section(summit: Summit, /, section_id: int, position: int) -> None:
    summit.agenda.move_section(section_id, position)


@command
def remove_section(summit: Summit, /, section_id: int) -> None:
    summit.agenda.remove_section(section_id)


@command
def add_item(
    summit: Summit,
    /,
    section_id: int | None,
    title: str,
    kind: str,
    minutes: int,
    position: int | None = None,
) -> Item:
    """A new item at the end of its section (the last section, or a new "Programme" one if
    there is none), or at `position`."""
    agenda = summit.agenda
    target = section_id
    if target is None:
        sections = agenda.sections()
        target = sections[-1].id if sections else agenda.add_section(FIRST_SECTION).id
    item = agenda.add_item(target, title, kind, minutes)
    if position is not None:
        agenda.move_item(item.id, position)
    return agenda.item(item.id)


@command
def update_item(summit: Summit, /, item_id: int, **fields: Any) -> Item:
    return summit.agenda.update_item(item_id, **fields)


@command
def remove_item(summit: Summit, /, item_id: int) -> None:
    summit.agenda.remove_item(item_id)


@command
def move_item(
    summit: Summit, /, item_id: int, position: int, section_id: int | None = None
) -> None:
    summit.agenda.move_item(item_id, position, section_id)


@dataclasses.dataclass(frozen=True)
class SpeakerEdit:
    """A speaker row as the item dialog left it: no id is a new one, no name removes it."""

    id: int | None
    name: str
    role: str
    organisation: str
    key_points: Sequence[str]


@command
def apply_item(
    summit: Summit,
    /,
    item_id: int,
    fields: dict[str, Any],
    speakers: Sequence[SpeakerEdit],
    prompt_texts: Sequence[str],
) -> list[Prompt]:
    """The item, its speakers and its prompts as edited together.

    A prompt the edit removes is kept if it holds the room's input (notes, questions,
    words): that is never lost by editing an item. Returns the prompts so kept.
    """
    agenda = summit.agenda
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
        if agenda.has_input(prompt.id):
            kept.append(prompt)
        else:
            agenda.remove_prompt(prompt.id)
    return kept


@command
def open_prompt(summit: Summit, /, prompt_id: int | None) -> None:
    """Take the room's input on this prompt (None: on none)."""
    summit.agenda.open_prompt(prompt_id)


# -- the day's clock -----------------------------------------------------------------------


@command
def set_start_time(summit: Summit, /, value: str) -> None:
    summit.update_info(dataclasses.replace(summit.info(), start_time=value))


@command
def start_item(summit: Summit, /, item_id: int, at: str) -> Item:
    return summit.agenda.start_item(item_id, at=at)


@command
def pause_clock(summit: Summit, /, at: str) -> Item:
    return summit.agenda.pause(at=at)


@command
def resume_clock(summit: Summit, /, at: str) -> Item:
    return summit.agenda.resume(at=at)


@command
def add_minutes(summit: Summit, /, minutes: int) -> Item:
    return summit.agenda.add_minutes(minutes)


@command
def end_day(summit: Summit, /, at: str) -> None:
    summit.agenda.end_day(at=at)


# -- the summit's details -------------------------------------------------------------------

KEEP_LOGO = object()  # `save_settings` leaves the logo as it is


@command
def edit_summit(summit: Summit, /, **fields: Any) -> Any:
    """Change some of the summit's details (see `core.summit_info.edit_info`)."""
    return summit.edit_info(**fields)


@command
def save_settings(
    summit: Summit, fields: dict[str, Any], logo: Any = KEEP_LOGO, logo_name: str = ""
) -> None:
    """The details and the logo (bytes, or None to remove it) together."""
    summit.edit_info(**fields)
    if logo is not KEEP_LOGO:
        summit.set_logo(logo, logo_name)

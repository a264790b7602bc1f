"""The pack numbers the sections it prints without gaps: a section with nothing to tell is
left out of the pack and out of the count (finding 12 of the second stage rehearsal)."""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.core.model import ItemKind, SummitInfo
from summit_app.export.build import build_pack


def test_sections_printed_are_numbered_one_two_three(tmp_path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Summit")) as summit:
        for title, note in (
            ("Welcome", "Good to be here"),
            ("Coffee", None),  # a break: nothing to tell
            ("Tables", "More time together"),
            ("Lunch", None),
            ("Next steps", "Meet again in June"),
        ):
            section = summit.agenda.add_section(title)
            kind = ItemKind.BREAK if note is None else ItemKind.DISCUSSION
            item = summit.agenda.add_item(section.id, title, kind, 20)
            if note is not None:
                prompt = summit.agenda.add_prompt(item.id, f"What about {title.lower()}?")
                summit.notes.add_note(prompt.id, note)
        pack = build_pack(summit)
    sections = [" ".join(p.title.split()) for p in pack.parts if p.anchor.startswith("section-")]
    assert sections == ["Section 1: Welcome", "Section 2: Tables", "Section 3: Next steps"]


def test_a_section_titled_with_its_own_number_is_not_numbered_twice(tmp_path):
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Summit")) as summit:
        section = summit.agenda.add_section("Section 4: What could go wrong? Pre-mortem")
        item = summit.agenda.add_item(section.id, "Pre-mortem", ItemKind.DISCUSSION, 20)
        prompt = summit.agenda.add_prompt(item.id, "What has gone wrong?")
        summit.notes.add_note(prompt.id, "Lost momentum")
        pack = build_pack(summit)
    (title,) = [" ".join(p.title.split()) for p in pack.parts if p.anchor.startswith("section-")]
    assert title == "Section 4: What could go wrong? Pre-mortem"

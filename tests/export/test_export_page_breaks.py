"""Where pages break in a long pack: a heading never ends a page, even one straight above
another heading (an item above its speaker, a prompt above its first theme)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.pack import write_pack


def long_day(path: Path) -> tuple[Summit, set[str]]:
    """Items of different lengths, so that page breaks fall in many different places."""
    summit = Summit.create(path, SummitInfo(title="A long day", organisers="Team"))
    headings: set[str] = set()
    with summit.write():
        section = summit.agenda.add_section("The morning", "What we did.")
        for i in range(14):
            item = summit.agenda.add_item(section.id, f"Session {i}", "discussion", 20)
            summit.agenda.add_speaker(item.id, f"Speaker {i}", "Role", "Org", ["A key message"])
            prompt = summit.agenda.add_prompt(item.id, f"What did we learn in {i}?")
            headings |= {f"Session {i}", f"Speaker {i}", f"What did we learn in {i}?"}
            for t in range(2):
                theme = summit.notes.add_theme(prompt.id, f"Theme {i}.{t}", "")
                headings.add(f"Theme {i}.{t}")
                for k in range(3 + (i * 5 + t * 3) % 11):
                    summit.notes.add_note(
                        prompt.id, f"Note {k} in {i}: " + "we heard this. " * 4, theme_id=theme.id
                    )
    return summit, headings


def test_no_page_of_a_long_pack_ends_with_a_heading(tmp_path: Path) -> None:
    summit, headings = long_day(tmp_path / "long.summit")
    with summit:
        pdf = write_pack(summit, tmp_path / "long.pdf")
    ends = []
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) > 8
        for page in document.pages:
            lines = [line.strip() for line in (page.extract_text() or "").splitlines()]
            body = [line for line in lines[1:-1] if line]  # without running head and footer
            if body:
                ends.append(body[-1])
    assert not [end for end in ends if end in headings]

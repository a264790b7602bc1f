"""The demo summit's pack reads like the seed's write-up, in the PDF, the HTML and Word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_editions import edition_texts
from export_pdfutil import as_printed
from pypdf import PdfReader

from summit_app.core import Summit, templates
from summit_app.core.presenting import present
from summit_app.export.cli import write_all
from summit_app.export.pack import build_pack
from summit_app.export.typeset import smarten

SEED_PERCENTAGES = [15, 15, 13, 11, 11, 9, 9, 9, 8]
SEED_PHRASES = (
    "become world leaders in the area",  # the nine core messages as discussed
    "veer away from short-term thinking",  # the nine updated core messages
    "This pack provides an overview of our discussions",  # the introduction's lead-in
)
# The seed's headings, in the seed's order (the pack's parts and their questions).
SEED_ORDER = (
    "This pack provides an overview of our discussions",
    "Section 1: What does effective clinical and care professional leadership look like",
    "Angela Helleur",
    "Vanessa Burgess",
    "Ben Collins",
    "Section 2: What needs to happen in south east London to achieve this vision?",
    "nine core messages.",
    "We have updated the core messages",
    "Section 3: Imagining the future – 1 year; 5 years",
    "What have we invested in over the past 5 years",
    "Learn from Covid",
    "What else should we be prioritising?",
    "Section 4: What could possibly go wrong…? Pre-mortem",
    "What can we do now to mitigate these risks?",
    "Section 5: Next steps",
    "How do you want to stay involved?",
    "Who needs to be a part of this conversation",
    "Section 6: Closing reflections",
    "Clarity",
    "Inclusion",
    "Personal commitments",
    "Thank you",
    "What have we heard?",
)


def after_agenda(text: str) -> str:
    """The pack from its first section on: after the contents and the agenda's titles."""
    return text[text.index("To kick off our conversations") :]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.summit"
    templates.create_from_template(path, "demo").close()
    targets = {e: folder / f"demo.{e}" for e in ("pdf", "html", "docx")}
    with Summit.open(path) as summit:
        write_all(summit, targets)
    return path, edition_texts(targets["pdf"], targets["html"], targets["docx"])


@pytest.mark.parametrize("edition", ["pdf", "html", "docx"])
def test_every_edition_carries_the_seeds_words(demo, edition: str) -> None:
    text = demo[1][edition]
    for phrase in SEED_PHRASES:
        assert phrase in text, (edition, phrase)


@pytest.mark.parametrize("edition", ["pdf", "html", "docx"])
def test_every_section_of_the_seed_comes_in_the_seeds_order(demo, edition: str) -> None:
    text = demo[1][edition]
    body = text[text.index("The objectives of the session") :]  # after the contents
    at = 0
    for heading in SEED_ORDER:
        found = body.find(heading, at)
        assert found >= 0, (edition, heading)
        at = found + len(heading)


def test_the_pdf_reads_as_a_write_up_not_a_run_sheet(demo) -> None:
    path, texts = demo
    text = after_agenda(texts["pdf"])
    with Summit.open(path) as summit:
        prompts = [p.text for p in summit.agenda.prompts()]
        descriptions = [i.description for i in summit.agenda.items() if i.description]
        hidden = [n.text for n in summit.notes.notes() if n.is_hidden]
        multi = next(p for p in summit.polls.polls() if p.kind.value == "multi")
        result = summit.polls.result(multi.id)
    for prompt in prompts:  # each question printed once
        assert text.count(as_printed(prompt).replace("\u00a0", " ")) <= 1, prompt
    for description in descriptions:  # the facilitator's text never
        assert as_printed(description) not in text, description
    assert "join in from your phone" not in text
    for note in hidden:
        assert as_printed(note) not in text
    rows = present(result).rows  # what every surface prints, by the presenter's one rule
    for row in rows:
        assert f"{as_printed(row.label)} {row.count} {row.share}%" in text
    assert [row.share for row in rows] == SEED_PERCENTAGES
    assert "Borda" not in text and "a first place earns 8" in text


def test_closing_reflections_commitments_and_thanks_close_the_day_before_the_data(demo) -> None:
    text = demo[1]["pdf"]
    order = ["Section 6: Closing reflections", "Personal commitments", "Thank you"]
    order += ["What have we heard?", "Who took part", "Data appendix"]
    body = after_agenda(text)
    places = [body.index(title) for title in order]
    assert places == sorted(places)
    assert body.count("Next steps") == 1  # the section; the actions are "Actions"


def test_the_demo_pack_is_a_few_dozen_pages_with_every_part_in_the_contents(
    demo, tmp_path: Path
) -> None:
    path, _ = demo
    pdf = path.parent / "demo.pdf"
    reader = PdfReader(pdf)
    assert 15 <= len(reader.pages) <= 40
    contents = reader.pages[1].extract_text()
    with Summit.open(path) as summit:
        pack = build_pack(summit)
    for part in pack.parts:
        assert re.sub(r"\s+", " ", part.title.replace("\u00a0", " "))[:40] in re.sub(
            r"\s+", " ", contents
        )
    assert smarten("What could possibly go wrong...?") in contents

"""Tables split cleanly across pages, read back from the PDF: a header row only at the top
of a table or of a page (never a second one under rows of the same table), no page holding
fewer than three rows of a table that has more, and the rest of a split table headed with
what it continues."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.pack import write_pack

ACCENT = (0.113725, 0.305882, 0.537255)  # the header row's fill
RULE = (0.811765, 0.839216, 0.87451)  # the line under every row
CONTINUED = "(continued)"


def tables_day(path: Path) -> Path:
    """Polls of many lengths and a long list of actions, after notes of varying length, so
    that tables meet the foot of a page at many different rows."""
    with Summit.create(path, SummitInfo(title="Tables", organisers="Team")) as summit:
        section = summit.agenda.add_section("The day")
        people = [summit.people.join().id for _ in range(12)]
        for i, count in enumerate((4, 7, 9, 12, 16, 23, 31, 8, 13)):
            item = summit.agenda.add_item(section.id, f"Vote {i}", "vote", 10)
            prompt = summit.agenda.add_prompt(item.id, f"What did we hear in {i}?")
            for k in range(2 + (i * 7) % 9):
                summit.notes.add_note(prompt.id, f"Note {k} of {i}: " + "something heard. " * 6)
            options = [
                f"Option {n} of poll {i}, " + "worded at length " * (n % 3) for n in range(count)
            ]
            poll = summit.polls.add_poll(
                item.id, f"Which do you choose in vote {i}?", "single", options
            )
            summit.polls.open_poll(poll.id)
            for p, person in enumerate(people):
                option = poll.options[(p * (i + 1)) % count]
                summit.polls.cast_ballot(poll.id, person, {option.id: 1})
            summit.polls.close_poll(poll.id)
        for n in range(17):
            summit.people.add_action(f"Action {n}: " + "do this well " * (n % 5), "Team", "")
    return path


def segments(page) -> list[dict]:
    """Each table piece on the page: its header row, the rows under it, what is just above."""
    headers = sorted(
        (r for r in page.rects if _near(r["non_stroking_color"], ACCENT) and r["height"] < 60),
        key=lambda r: r["top"],
    )
    lines = sorted(
        (ln for ln in page.lines if _near(ln["stroking_color"], RULE)), key=lambda ln: ln["top"]
    )
    out = []
    for header in headers:
        span = (round(header["x0"]), round(header["x1"]))
        tops = [
            ln["top"]
            for ln in lines
            if (round(ln["x0"]), round(ln["x1"])) == span and 60 < ln["top"] < page.height - 60
        ]  # the running header's and footer's rules left out
        above = page.crop((0, max(header["top"] - 24, 0), page.width, header["top"]))
        rows, y = 0, header["bottom"]
        while True:
            following = [t for t in tops if y + 3 < t <= y + 220]
            if not following:
                break
            band = page.crop((0, y + 1, page.width, following[0] - 1))
            if any(c["size"] > 9.5 for c in band.chars) or any(
                _near(r["non_stroking_color"], ACCENT) for r in band.rects if r["fill"]
            ):
                break  # a heading or the next table's header: this table has ended
            rows, y = rows + 1, following[0]
        out.append(
            {
                "top": header["top"],
                "bottom": y,
                "rows": rows,
                "under_a_row": any(abs(t - header["top"]) < 1.5 for t in tops),
                "continued": CONTINUED in (above.extract_text() or ""),
            }
        )
    return out


def _near(colour, target) -> bool:
    return (
        isinstance(colour, tuple)
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, target, strict=True))
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[list[dict]]:
    folder = tmp_path_factory.mktemp("tables")
    with Summit.open(tables_day(folder / "tables.summit")) as summit:
        pdf = write_pack(summit, folder / "tables.pdf")
    with pdfplumber.open(pdf) as document:
        return [segments(page) for page in document.pages]


def test_a_table_header_row_is_never_repeated_under_rows_of_its_table(pages) -> None:
    assert sum(len(page) for page in pages) >= 10  # the agenda, the appendix, the actions
    repeated = [n + 1 for n, page in enumerate(pages) for s in page if s["under_a_row"]]
    assert not repeated, f"a header row straight under a table's rows on pages {repeated}"


def test_a_split_table_keeps_three_rows_on_each_page_and_says_what_it_continues(
    pages,
) -> None:
    pieces = 0
    for n, page in enumerate(pages):
        for i, piece in enumerate(page):
            if piece["continued"]:
                # The rest of a table: at the top of its page, and at least three rows.
                assert i == 0, f"page {n + 1}: a continued table below other tables"
                assert piece["rows"] >= 3, f"page {n + 1}: {piece['rows']} rows continued"
                pieces += 1
                before = pages[n - 1][-1]
                assert before["rows"] >= 3, f"page {n}: {before['rows']} rows before a split"
    assert pieces >= 2  # the long polls and the actions did split


def test_the_demo_packs_actions_and_appendix_split_without_a_second_header(
    demo_editions: dict[str, Path],
) -> None:
    with pdfplumber.open(demo_editions["pdf"]) as document:
        pages = [segments(page) for page in document.pages]
    assert not [n + 1 for n, page in enumerate(pages) for s in page if s["under_a_row"]]
    for page in pages:
        assert all(s["rows"] >= 3 for s in page if s["continued"])

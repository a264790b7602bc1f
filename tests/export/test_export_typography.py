"""Typography worth publishing, measured on the pages: full pages, a contents whose numbers
sit on their entries' lines, a 70-character measure, curly quotes, real dashes and no
heading ending on a word alone."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from summit_app.export.anonymity import OTHER_GROUPS, fold
from summit_app.export.typeset import NBSP, heading, smarten

PART_TITLE_SIZE = 20  # the H1 of each part


def lines(page) -> list[tuple[float, float, str]]:
    """(top, size, text) of each line of the page's body, header and footer left out."""
    height = page.height
    rows: dict[int, list] = {}
    for char in page.chars:
        if 60 < char["top"] < height - 60:
            rows.setdefault(round(char["bottom"]), []).append(char)
    out = []
    for bottom in sorted(rows):
        chars = sorted(rows[bottom], key=lambda c: c["x0"])
        out.append((bottom, max(c["size"] for c in chars), "".join(c["text"] for c in chars)))
    return out


@pytest.fixture(scope="module")
def pages(demo_editions: dict[str, Path]):
    with pdfplumber.open(demo_editions["pdf"]) as pdf:
        return [(page.height, lines(page)) for page in pdf.pages]


def test_no_page_is_left_mostly_empty_unless_a_new_part_follows(pages) -> None:
    for number in range(2, len(pages) - 1):  # after the cover and the contents
        height, body = pages[number]
        following = pages[number + 1][1]
        if following and round(following[0][1]) >= PART_TITLE_SIZE:
            continue  # a part's own page break: the page before it may end short
        lowest = body[-1][0]
        assert lowest > 0.55 * height, f"page {number + 1} ends at {lowest / height:.0%}"


def test_contents_numbers_sit_on_their_entries_last_line(demo_editions) -> None:
    with pdfplumber.open(demo_editions["pdf"]) as pdf:
        page = pdf.pages[1]
        words = page.extract_words(keep_blank_chars=False)
    numbers = [w for w in words if w["text"].isdigit() and w["x0"] > page.width - 120]
    assert len(numbers) >= 12
    rights = {round(w["x1"], 1) for w in numbers}
    assert max(rights) - min(rights) < 0.5  # aligned right, all of them
    for number in numbers:
        line = [w for w in words if abs(w["bottom"] - number["bottom"]) < 0.6 and w is not number]
        assert line, number["text"]  # the entry's (last) line, on the same baseline


def test_running_text_keeps_a_measure_near_70_characters(pages) -> None:
    body = [text for _, page in pages[2:] for _, size, text in page if round(size) == 11]
    long_lines = sorted(len(t) for t in body if len(t) > 40)
    median = long_lines[len(long_lines) // 2]
    assert 60 <= median <= 78, median


def test_quotes_and_dashes_are_set_for_print() -> None:
    assert smarten('She said "it\'s fine" - then left...') == (
        "She said \u201cit\u2019s fine\u201d \u2013 then left\u2026"
    )
    assert smarten("'inspiration' sessions -- and --- more") == (
        "\u2018inspiration\u2019 sessions \u2013 and \u2014 more"
    )
    assert smarten("5-3 and 2021-04-13 stay") == "5-3 and 2021-04-13 stay"
    assert smarten('<font name="x">') == "<font name=\u201cx\u201d>"


def test_a_headings_last_word_never_stands_alone() -> None:
    assert heading("What needs to happen to achieve this vision?") == (
        f"What needs to happen to achieve this{NBSP}vision?"
    )
    assert heading("Two words") == "Two words" and heading("  spaced\n out  title ") == (
        f"spaced out{NBSP}title"
    )


def test_small_groups_fold_until_the_folded_group_is_big_enough() -> None:
    groups = {"A": "x" * 9, "B": "x" * 1, "C": "x" * 2, "D": "x" * 6, "E": ""}
    folded = fold(groups, 5)
    # B and C (3 people) are too few together: the next smallest group, D, joins them.
    assert [(name, len(members)) for name, members in folded.groups] == [
        ("A", 9),
        (OTHER_GROUPS, 9),
    ]
    assert folded.hidden == ("B", "C", "D")
    assert fold({"A": "x" * 3, "B": "x" * 1}, 5).groups == ()  # nothing safe to show
    assert fold({"A": "x" * 5, "B": "x" * 5}, 5).hidden == ()

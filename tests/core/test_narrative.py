"""The team's formatted text: bold where bold, literal where literal, lists as lists."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from summit_app.core.narrative import (
    ListBlock,
    Narrative,
    Paragraph,
    Run,
    parse,
    parse_inline,
    parse_lines,
)


def runs(text: str) -> list[tuple[str, bool, bool]]:
    return [(r.text, r.bold, r.italic) for r in parse_inline(text)]


def test_markup_prints_literally_and_stars_make_bold_and_italic() -> None:
    text = "**Bold** then <b>not bold</b>, a lone ** and <para> & <script>x</script> 🎉 *it*"
    assert runs(text) == [
        ("Bold", True, False),
        (" then <b>not bold</b>, a lone ** and <para> & <script>x</script> 🎉 ", False, False),
        ("it", False, True),
    ]


def test_bold_and_italic_nest_and_combine() -> None:
    assert runs("***both*** and **b *bi* b**") == [
        ("both", True, True),
        (" and ", False, False),
        ("b ", True, False),
        ("bi", True, True),
        (" b", True, False),
    ]


def test_stars_that_cannot_open_or_close_print_as_typed() -> None:
    assert runs("5 * 3 = 15") == [("5 * 3 = 15", False, False)]
    assert runs("**unclosed bold") == [("**unclosed bold", False, False)]
    assert runs("* not italic *") == [("* not italic *", False, False)]
    assert runs("****") == [("****", False, False)]
    assert runs("*a**b*") == [("a**b", False, True)]  # CommonMark's rule of 3


def test_bold_ending_in_punctuation_before_the_next_word() -> None:
    assert runs("**Effective innovation.** Develop a strategy") == [
        ("Effective innovation.", True, False),
        (" Develop a strategy", False, False),
    ]
    assert runs("the following **nine core messages.**") == [
        ("the following ", False, False),
        ("nine core messages.", True, False),
    ]


def test_a_backslash_keeps_a_star_or_a_list_marker_literal_and_is_otherwise_kept() -> None:
    assert runs(r"\*not italic\* C:\Users\me") == [(r"*not italic* C:\Users\me", False, False)]
    assert parse("\\- not a list\n\\1. nor this").blocks == (
        Paragraph((Run("- not a list"),)),
        Paragraph((Run("1. nor this"),)),
    )


def test_paragraphs_and_lists() -> None:
    text = (
        "We discussed the following **nine core messages.**\n"
        "- first\n"
        "- second, wrapped\n"
        "  onto a second line\n"
        "\n"
        "- third after a blank line\n"
        "Then a paragraph.\n"
        "\n\n"
        "3) numbered from three\n"
        "4) *four*\n"
        "• a bullet again"
    )
    blocks = parse(text).blocks
    assert [type(b).__name__ for b in blocks] == [
        "Paragraph",
        "ListBlock",
        "Paragraph",
        "ListBlock",
        "ListBlock",
    ]
    bullets, numbered, again = blocks[1], blocks[3], blocks[4]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert [i.text for i in bullets.items] == [
        "first",
        "second, wrapped onto a second line",
        "third after a blank line",
    ]
    assert isinstance(numbered, ListBlock) and numbered.ordered and numbered.start == 3
    assert numbered.items[1].runs == (Run("four", italic=True),)
    assert isinstance(again, ListBlock) and [i.text for i in again.items] == ["a bullet again"]


def test_every_line_is_a_paragraph_and_blank_lines_change_nothing() -> None:
    assert parse("One.\nTwo.") == parse("One.\n\n\nTwo.\n") == parse("  One.  \r\nTwo.")
    assert [b.text for b in parse("One.\nTwo.").blocks] == ["One.", "Two."]
    assert parse("") == parse("\n \n") == Narrative()
    assert not parse("  ")


def test_key_points_in_a_row_make_one_numbered_list() -> None:
    points = ["Ben shared key insights:", "1. Champions", "2. Breadth; **support**", "Then."]
    blocks = parse_lines(points).blocks
    assert len(blocks) == 3
    assert isinstance(blocks[1], ListBlock) and blocks[1].ordered
    assert blocks[1].items[1].runs == (Run("Breadth; "), Run("support", bold=True))


def test_plain_text_for_a_csv_or_an_alternative_text() -> None:
    text = "Lead **in**:\n1. one\n2. *two*\n- dot"
    assert parse(text).plain_text == "Lead in:\n1. one\n2. two\n- dot"


def test_a_long_text_of_stars_parses_quickly() -> None:
    for text in ("a*" * 10_000, "**a*" * 5_000, "*" * 20_000, "*a " * 6_000 + "b*" * 3_000):
        started = time.perf_counter()
        parse(text)
        # Generous: this is about quadratic blow-ups (minutes), not speed.
        assert time.perf_counter() - started < 5


# -- properties ----------------------------------------------------------------------------

any_text = st.text(
    alphabet=st.sampled_from(list("ab *\\<>&-.1)\n\t") + ["🎉", "ש", "\u200d", "•"]), max_size=80
)


@given(any_text)
@settings(max_examples=400, deadline=None)
def test_no_character_but_stars_and_markers_is_ever_lost_or_added(text: str) -> None:
    narrative = parse(text)
    printed = "".join(
        run.text
        for block in narrative.blocks
        for para in (block.items if isinstance(block, ListBlock) else (block,))
        for run in para.runs
    )

    def letters(value: str) -> str:
        return "".join(c for c in value if c not in "*\\-.1)• \t\n")

    assert letters(printed) == letters(text)


@given(any_text)
@settings(max_examples=200, deadline=None)
def test_runs_are_never_empty_and_neighbours_differ_in_style(text: str) -> None:
    for block in parse(text).blocks:
        for para in block.items if isinstance(block, ListBlock) else (block,):
            assert para.runs, "an empty paragraph"
            assert all(r.text for r in para.runs)
            styles = [(r.bold, r.italic) for r in para.runs]
            assert all(a != b for a, b in zip(styles, styles[1:], strict=False))


words = st.text(alphabet=st.sampled_from(list("abcXYZ<>&🎉ש")), min_size=1, max_size=6)
styled = st.tuples(st.lists(words, min_size=1, max_size=3), st.booleans(), st.booleans())


@given(st.lists(styled, min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_words_marked_bold_or_italic_come_back_so(spans: list) -> None:
    """Each span of words, separated from the next by a space, written with its markers
    (two styled spans stay apart: the plain space between them is a run of its own)."""
    marks = {(False, False): "", (True, False): "**", (False, True): "*", (True, True): "***"}
    source = " ".join(
        f"{marks[bold, italic]}{' '.join(ws)}{marks[bold, italic]}" for ws, bold, italic in spans
    )
    got = [(r.bold, r.italic, r.text.strip()) for r in parse_inline(source) if r.text.strip()]
    want: list[tuple[bool, bool, str]] = []
    for ws, bold, italic in spans:
        if want and want[-1][:2] == (bold, italic) == (False, False):
            want[-1] = (bold, italic, f"{want[-1][2]} {' '.join(ws)}")
        else:
            want.append((bold, italic, " ".join(ws)))
    assert got == want

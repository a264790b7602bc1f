"""Whatever people type prints as typed: markup stays text, any script prints, nothing breaks."""

from pathlib import Path

import pytest
from export_pdfutil import flat, letters, pdf_text
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.pack import write_pack
from summit_app.export.pdf.text import safe
from summit_app.export.typeset import clean

MARKUP = [
    "<b>not bold</b>",
    "<para>opened",
    "closed</para>",
    "Fish & chips &amp; peas",
    "1 < 2 and an unclosed <",
    "<script>alert('x')</script>",
    '<font color="red">red?</font>',
    "<br/> and <img src='x.png'/>",
]

SCRIPTS = [
    "Здравствуйте, коллеги",  # Cyrillic
    "Καλημέρα σε όλους",  # Greek
    "שלום לכולם",  # Hebrew
    "مرحبا بالجميع",  # Arabic
    "Zoë, François, Łukasz, Ørsted",
    "Great day 😀 ☺ ★ ✓",
]


def summit_with_notes(path: Path, notes: list[str], title: str = "Day") -> Summit:
    summit = Summit.create(path, SummitInfo(title=title, organisers="Team <b>&</b> co"))
    section = summit.agenda.add_section("Talk <i>back</i> & forth")
    item = summit.agenda.add_item(section.id, "Open floor", "discussion", 30)
    prompt = summit.agenda.add_prompt(item.id, "What <matters> to you & why?")
    theme = summit.notes.add_theme(prompt.id, "A&B <theme>", "Summary with </para> & <b>")
    for text in notes:
        summit.notes.add_note(prompt.id, text, theme_id=theme.id)
    poll = summit.polls.add_poll(item.id, "Pick <one>", "single", ["<b>A</b>", "B & C"])
    summit.polls.open_poll(poll.id)
    summit.polls.cast_ballot(poll.id, summit.people.join().id, {poll.options[0].id: 1})
    summit.polls.close_poll(poll.id)
    return summit


def test_notes_made_of_markup_print_exactly_as_typed(tmp_path: Path) -> None:
    with summit_with_notes(tmp_path / "m.summit", MARKUP) as summit:
        text = flat(pdf_text(write_pack(summit, tmp_path / "m.pdf")))
    for note in MARKUP:
        assert flat(note) in text  # exactly as typed, straight quotes and all
    for typed in (
        "What <matters> to you & why?",
        "A&B <theme>",
        "Summary with </para> & <b>",
        "Talk <i>back</i> & forth",
        "Pick <one>",
        "<b>A</b>",
        "B & C",
    ):
        assert typed in text


def test_names_and_notes_in_other_scripts_print(tmp_path: Path) -> None:
    with summit_with_notes(tmp_path / "s.summit", SCRIPTS, title="Саммит Σύνοδος") as summit:
        pdf = write_pack(summit, tmp_path / "s.pdf")
    text = letters(pdf_text(pdf))
    for note in SCRIPTS:
        # Arabic is shaped (joined letters, read back as presentation forms) and laid out
        # right to left: every letter is in the PDF's text.
        for letter in note.replace(" ", ""):
            assert letter in text
    assert PdfReader(pdf).metadata.title == "Саммит Σύνοδος"


def test_letters_the_font_lacks_do_not_break_the_export(tmp_path: Path) -> None:
    notes = [
        "会議はとても良かった",
        "좋은 회의",
        "thumbs 👍 up 🙂",
        "zero\u200bwidth joiner 👩\u200d⚕️",
    ]
    with summit_with_notes(tmp_path / "c.summit", notes) as summit:
        pdf = write_pack(summit, tmp_path / "c.pdf")
    assert "thumbs" in pdf_text(pdf)


def test_control_characters_are_dropped_and_everything_else_kept() -> None:
    assert clean("a\x00b\x07c\x1bd\x7fe\x85f") == "abcdef"
    assert clean("line one\r\nline two\rthree\ttab") == "line one\nline two\nthree tab"
    assert clean("lone \ud800 surrogate") == "lone  surrogate"
    assert safe("<b>&</b>\nnext") == "&lt;b&gt;&amp;&lt;/b&gt;<br/>next"
    assert clean("\x00\x1f<para>") == "<para>"


def test_a_note_with_control_characters_exports(tmp_path: Path) -> None:
    with summit_with_notes(tmp_path / "n.summit", ["bell\x07 and\x00 nul\x1b[31m"]) as summit:
        text = flat(pdf_text(write_pack(summit, tmp_path / "n.pdf")))
    assert "bell and nul[31m" in text


def test_long_notes_and_long_option_texts_wrap(tmp_path: Path) -> None:
    long_note = " ".join(f"word{i}" for i in range(70))  # nearly 500 characters
    unbroken = "x" * 300
    with summit_with_notes(tmp_path / "l.summit", [long_note, unbroken]) as summit:
        item = summit.agenda.items()[0]
        long_option = " ".join(f"option{i}" for i in range(30))  # nearly 270 characters
        poll = summit.polls.add_poll(item.id, "Long", "multi", [long_option, "Short"], 2)
        summit.polls.open_poll(poll.id)
        person = summit.people.join()
        summit.polls.cast_ballot(poll.id, person.id, {poll.options[0].id: 1})
        pdf = write_pack(summit, tmp_path / "l.pdf")
    text = pdf_text(pdf)
    assert flat(long_note) in flat(text)
    assert flat(long_option) in flat(text)
    widest = max(len(line) for line in text.splitlines() if "word" in line)
    assert widest < 120  # it wrapped rather than running off the page


@pytest.mark.parametrize("text", ["&", "<", ">", "&#0;", "&bogus;", "]]>", "<![CDATA[x]]>"])
def test_single_markup_characters_never_break_the_export(tmp_path: Path, text: str) -> None:
    with summit_with_notes(tmp_path / "x.summit", [text]) as summit:
        assert text in pdf_text(write_pack(summit, tmp_path / "x.pdf"))


def _words_left_to_right(pdf: Path, wanted: set[str]) -> list[list[str]]:
    """Each printed line holding one of `wanted`, its words as they stand from left to right
    (Arabic read back in its letters, each word's letters in reading order)."""
    import pdfplumber

    lines: dict[tuple[int, int], list[tuple[float, str]]] = {}
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for word in page.extract_words():
                text = letters(word["text"])
                if _RTL_LETTER.search(text):
                    text = text[::-1]  # a right-to-left word's letters are drawn right to left
                key = (page.page_number, round(word["top"]))
                lines.setdefault(key, []).append((word["x0"], text))
    found = []
    for words in lines.values():
        texts = [text for _, text in sorted(words)]
        if wanted & set(texts):
            found.append(texts)
    return found


_RTL_LETTER = __import__("re").compile("[\u0590-\u06ff]")


def test_right_to_left_notes_read_right_to_left_word_by_word(tmp_path: Path) -> None:
    notes = ["مرحبا بالجميع في القمة", "שלום לכולם ותודה רבה", "We need خطة واضحة for 2024 now"]
    with summit_with_notes(tmp_path / "r.summit", notes) as summit:
        pdf = write_pack(summit, tmp_path / "r.pdf")
    lines = _words_left_to_right(pdf, {"مرحبا", "שלום", "خطة"})
    # The first word, and the note's bullet, at the right; in an English line, its Arabic
    # run reads right to left within it.
    assert ["القمة", "في", "بالجميع", "مرحبا", "•"] in lines
    assert ["רבה", "ותודה", "לכולם", "שלום", "•"] in lines
    assert ["•", "We", "need", "واضحة", "خطة", "for", "2024", "now"] in lines

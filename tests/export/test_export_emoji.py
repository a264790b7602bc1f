"""Emoji print as glyphs (from the bundled Symbola fallback font), not as empty boxes,
beside Latin, Arabic and markup-looking text, and the PDF's text gives them back as typed."""

from pathlib import Path

from export_pdfutil import flat, letters, pdf_text
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.pack import write_pack
from summit_app.export.pdf.fonts import SYMBOLS
from summit_app.export.pdf.text import safe

MIXED = [
    "Great session 🎉 thanks <b>everyone</b> & see you 👋",
    "شكرا 🙏 للجميع",  # Arabic: thanks to everyone
    "Family 👨‍👩‍👧‍👦 and nurse 🧑‍⚕️ and flag 🏳️‍🌈",
    'Thumbs 👍🏽 <font name="Symbola">not a tag</font> 😀 ★',
]


def summit_with_notes(path: Path, notes: list[str], title: str = "Day") -> Summit:
    summit = Summit.create(path, SummitInfo(title=title))
    section = summit.agenda.add_section("Open floor")
    item = summit.agenda.add_item(section.id, "Feedback", "discussion", 30)
    prompt = summit.agenda.add_prompt(item.id, "How was today?")
    for text in notes:
        summit.notes.add_note(prompt.id, text)
    return summit


def fonts_used(pdf: Path) -> set[str]:
    """The base font names every page of `pdf` draws with."""
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_mixed_notes_print_as_typed_with_emoji_from_the_fallback_font(tmp_path: Path) -> None:
    with summit_with_notes(tmp_path / "e.summit", MIXED, title="Day 🎉") as summit:
        pdf = write_pack(summit, tmp_path / "e.pdf")
    text = letters(pdf_text(pdf))
    for note in MIXED:
        for word in note.split():
            # pypdf gives right-to-left runs back reversed; either way round, every letter.
            assert word in text or word[::-1] in text, (note, word)
    assert flat(MIXED[0]) in flat(text)
    assert flat(MIXED[3]) in flat(text)  # a participant's own straight quotes
    for page in PdfReader(pdf).pages[1:]:  # the running header, drawn run by run
        assert "Day 🎉" in page.extract_text()
    assert any(name.endswith("+Symbola") for name in fonts_used(pdf))  # the subset's name


def test_emoji_in_headings_and_quotes_print(tmp_path: Path) -> None:
    with summit_with_notes(tmp_path / "h.summit", []) as summit:
        section = summit.agenda.add_section("Wins 🏆")
        item = summit.agenda.add_item(section.id, "Cheers 🥂 all round", "discussion", 10)
        prompt = summit.agenda.add_prompt(item.id, "Best moment? ✨")
        summit.notes.add_note(prompt.id, "The demo 🚀 worked", is_quote=True)
        text = pdf_text(write_pack(summit, tmp_path / "h.pdf"))
    for typed in ("Wins 🏆", "Cheers 🥂 all round", "Best moment? ✨", "The demo 🚀 worked"):
        assert typed in text


def test_only_what_dejavu_lacks_goes_to_the_fallback_font() -> None:
    tag = f'<font name="{SYMBOLS}">'
    assert safe("plain <ascii> & text") == "plain &lt;ascii&gt; &amp; text"
    assert safe("Zoë مرحبا ★ ✓ 😀") == "Zoë مرحبا ★ ✓ 😀"  # DejaVu has all of these
    assert safe("a 🎉🎈 b") == f"a {tag}🎉🎈</font> b"
    # A joined sequence stays one run, joiners and variation selectors included.
    assert safe("👨‍👩‍👧 🏳️‍🌈") == f"{tag}👨‍👩‍👧</font> {tag}🏳️‍🌈</font>"
    assert safe("🧑‍⚕️") == f"{tag}🧑‍⚕️</font>"


def test_characters_no_font_has_stay_in_the_text() -> None:
    # CJK goes to the CJK font found on this computer; a post-Unicode-9 emoji (🥰) has no
    # glyph in any font: kept, unwrapped (DejaVu prints its empty box).
    assert safe("会議 🥰") == '<font name="SummitCJK">会議</font> 🥰'

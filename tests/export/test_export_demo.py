"""The demo summit's pack reads like the seed write-up."""

from pathlib import Path

from export_pdfutil import pdf_text
from pypdf import PdfReader

from summit_app.core import templates
from summit_app.export.pack import write_pack

SEED_PERCENTAGES = [15, 15, 13, 11, 11, 9, 9, 9, 8]


def test_the_demo_pack_has_the_seeds_votes_rankings_themes_and_speakers(tmp_path: Path) -> None:
    with templates.create_from_template(tmp_path / "demo.summit", "demo") as summit:
        pdf = write_pack(summit, tmp_path / "demo.pdf")
        multi = next(p for p in summit.polls.polls() if p.kind.value == "multi")
        result = summit.polls.result(multi.id)
        hidden = [n.text for n in summit.notes.notes() if n.is_hidden]
    text = " ".join(pdf_text(pdf).replace("•", " ").split())
    assert [r.share_of_votes for r in result.ranked()] == SEED_PERCENTAGES
    for r in result.ranked():
        assert f"{' '.join(r.option.text.split())} {r.count} {r.share_of_votes}%" in text
    assert "1 Diversity of Leadership" in text
    assert "Angela Helleur Chief Nurse" in text
    assert "What have we heard?" in text and "Start with the why" in text
    for note in hidden:
        assert " ".join(note.split()) not in text
    assert 10 <= len(PdfReader(pdf).pages) <= 40

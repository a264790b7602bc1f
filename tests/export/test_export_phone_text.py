"""What phones send reaches every edition whole and as typed: no character from a phone
stops an edition, one edition that fails never stops the others, and a participant's
words keep their straight quotes and double hyphens (typography is for the team's text)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from export_editions import docx_text, html_text
from export_pdfutil import flat, pdf_text

from summit_app.core import Summit
from summit_app.core.model import Author, PromptKind, SummitInfo
from summit_app.export import cli

# Characters XML (so Word and HTML) cannot hold, or holds but no reader should meet.
NON_XML = "\ufffe\uffff\x00\x0b\x1b\U0001fffe\ufdd0"
AS_TYPED = (
    "He said \"no\" -- it's 'fine'... - really",
    'Is "now" right?? --- or later',
    '"Trust"',
)


def _phone_summit(path: Path, note: str, question: str, word: str) -> Path:
    with Summit.create(path, SummitInfo(title="Day")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("Morning").id, "Talk", "talk", 30)
        summit.agenda.update_item(item.id, writeup='The team\'s "plan" -- set for print.')
        notes = summit.agenda.add_prompt(item.id, "What matters?", PromptKind.NOTES)
        qa = summit.agenda.add_prompt(item.id, "Ask the panel", PromptKind.QUESTIONS)
        cloud = summit.agenda.add_prompt(item.id, "One word", PromptKind.WORDS)
        phone = summit.people.join().id
        summit.agenda.open_prompt(notes.id)
        summit.notes.add_note(notes.id, note, Author.PARTICIPANT, phone)
        summit.agenda.open_prompt(qa.id)
        summit.questions.ask(qa.id, question, Author.PARTICIPANT, phone)
        summit.agenda.open_prompt(cloud.id)
        summit.words.add_word(cloud.id, word, Author.PARTICIPANT, phone)
        summit.agenda.open_prompt(None)
    return path


def _texts(paths: dict[str, Path]) -> dict[str, str]:
    return {
        "pdf": flat(pdf_text(paths["pdf"])),
        "html": html_text(paths["html"]),
        "docx": docx_text(paths["docx"]),
    }


def test_a_phone_cannot_stop_the_word_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _phone_summit(
        tmp_path / "day.summit",
        f"Fair{NON_XML} pay for all",
        f"Why{NON_XML} not now?",
        f"Hope{NON_XML}",
    )
    assert cli.export(path) == 0, capsys.readouterr().err
    paths = cli.default_paths(path)
    for edition, text in _texts(paths).items():
        for typed in ("Fair pay for all", "Why not now?", "Hope"):
            assert typed in text, (edition, typed)
    with (paths["csv"] / "notes.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert any("pay for all" in row["text"] for row in csv.DictReader(handle))


def test_one_failing_edition_never_stops_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _phone_summit(tmp_path / "day.summit", "A note", "A question?", "Word")
    out = tmp_path / "out"
    blocker = out / "day.docx"
    blocker.mkdir(parents=True)  # a folder where the Word file should go: it cannot be written
    code = cli.export(
        path, pdf=out / "day.pdf", html=out / "day.html", docx=blocker, csv_dir=out / "data"
    )
    assert code == 1
    captured = capsys.readouterr()
    assert "Word edition" in captured.err and str(blocker) in captured.err
    assert "Traceback" not in captured.err
    for written in (out / "day.pdf", out / "day.html", out / "data" / "notes.csv"):
        assert written.is_file() and str(written) in captured.out
    log = (out / "day-log.txt").read_text(encoding="utf-8")
    assert "Word edition" in log


def test_participants_words_print_exactly_as_typed(tmp_path: Path) -> None:
    note, question, word = AS_TYPED
    path = _phone_summit(tmp_path / "day.summit", note, question, word)
    assert cli.export(path) == 0
    for edition, text in _texts(cli.default_paths(path)).items():
        for typed in AS_TYPED:
            assert typed in text, (edition, typed)
        # The team's own text is still set for print.
        assert "The team\u2019s \u201cplan\u201d \u2013 set for print." in text, edition

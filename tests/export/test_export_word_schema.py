"""The Word edition is valid WordprocessingML, part by part: every XML part of the package
(the document, styles, settings, numbering, header, footer, properties, relationships)
checked against the Office Open XML schemas and Word's own rules by openxml-audit, a Python
port of Microsoft's Open XML SDK validator. An element out of the schema's order is what
makes Word drop a heading's style, or offer to "repair" the file, where LibreOffice forgives
it; so opening the file in LibreOffice or python-docx proves nothing here."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.cli import write_all


def _errors(path: Path) -> list[str]:
    validator = OpenXmlValidator(
        file_format=FileFormat.OFFICE_2019,
        max_errors=0,  # all of them
        schema_validation=True,
        semantic_validation=True,
    )
    result = validator.validate(str(path))
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def test_the_demo_word_edition_has_no_schema_error(demo_editions: dict[str, Path]) -> None:
    path = demo_editions["docx"]
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
    assert {"word/document.xml", "word/styles.xml", "word/settings.xml"} <= set(parts)
    assert "word/numbering.xml" in parts and "word/header1.xml" in parts
    assert _errors(path) == []


def test_a_word_edition_of_awkward_text_has_no_schema_error(tmp_path: Path) -> None:
    info = SummitInfo(title="Tabs\tand <b>markup</b> — مرحبا", organisers="Team & co")
    with Summit.create(tmp_path / "t.summit", info) as summit:
        section = summit.agenda.add_section("Right to left", "1. First\n2. Second\n\n- a\n- b")
        item = summit.agenda.add_item(section.id, "Open floor", "discussion", 30)
        prompt = summit.agenda.add_prompt(item.id, "What <matters>?")
        theme = summit.notes.add_theme(prompt.id, "A&B", "Summary\nover two lines")
        for text in ("שלום לכולם", "a\ttab", "😀 & <i>", "会議は良かった"):
            summit.notes.add_note(prompt.id, text, theme_id=theme.id, is_quote=True)
        poll = summit.polls.add_poll(item.id, "Agree?", "scale", ["We should", "We could"])
        summit.polls.open_poll(poll.id)
        for level in range(1, 6):
            person = summit.people.join("Nursing")
            summit.polls.cast_ballot(poll.id, person.id, {o.id: level for o in poll.options})
        write_all(summit, {"docx": tmp_path / "t.docx"})
    assert _errors(tmp_path / "t.docx") == []

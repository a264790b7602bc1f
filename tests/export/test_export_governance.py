"""The governance pack for the demo summit, written as File › Export › Governance pack and
`summit-app export --governance` write it, and read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx

from summit_app.core import Summit
from summit_app.core.templates import create_from_template
from summit_app.export.cli import export
from summit_app.export.governance import BLANK, PORT

SECTIONS = [
    "In short",
    "Data inventory",
    "Data flow",
    "Security measures",
    "Retention and anonymisation",
    "DPIA questions",
    "IT note",
]


def test_the_demos_governance_pack_reads_back_with_its_inventory_dpia_and_it_note(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()
    with Summit.open(path) as summit:
        summit.edit_info(organisers="Our Healthier South East London ICS", retention_days=30)
        held = summit.held()
    target = tmp_path / "out" / "demo-governance.docx"
    assert export(path, governance=target) == 0
    assert capsys.readouterr().out.split() == [str(target)]  # only what was asked for
    document = docx.Document(str(target))
    assert document.paragraphs[0].style.name == "Title"
    assert document.core_properties.title.startswith("Governance pack: South East London")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    text = "\n".join(p.text for p in document.paragraphs)
    assert "on 13 April 2021 from one laptop" in text
    assert f"holds {held.participants} pseudonymous participants, {held.ballots} votes" in text
    assert "for 30 days" in text and "not encrypted" in text
    inventory, dpia = document.tables
    assert [c.text for c in inventory.rows[0].cells] == ["Data", "Why", "Where", "How long"]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in inventory.rows[1:]}
    assert len(rows) == 8
    assert "never written to the file" in rows["A phone\u2019s network address"][1]
    assert "within 30 days" in rows["Participant (a random pass; no name)"][2]
    assert [c.text for c in dpia.rows[0].cells][2] == "Your organisation\u2019s answer"
    answers = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in dpia.rows[1:]}
    assert answers["Who is the data controller?"] == ("Our Healthier South East London ICS", BLANK)
    assert answers["What is the lawful basis (UK GDPR Article 6)?"] == ("", BLANK)
    assert all(theirs == BLANK for _, theirs in answers.values())
    # The blanks stand out (highlighted), so none is missed.
    blank_runs = [r for p in document.paragraphs for r in p.runs if r.text == BLANK]
    assert blank_runs and all(r.font.highlight_color is not None for r in blank_runs)
    # The IT note: the port, the inbound rule on a private network, no outbound traffic.
    it_note = text[text.index("Summit listens for phones") :]
    assert f"TCP port {PORT}" in it_note
    assert "-Direction Inbound" in it_note and f"-LocalPort {PORT} -Profile Private" in it_note
    assert "No outbound traffic" in it_note
    command = next(p for p in document.paragraphs if p.text.startswith("New-NetFirewallRule"))
    assert command.runs[0].font.name == "Consolas"


def test_after_anonymising_the_governance_pack_says_so(tmp_path: Path) -> None:
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()
    with Summit.open(path) as summit:
        summit.anonymise()
    target = tmp_path / "governance.docx"
    assert export(path, governance=target) == 0
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "It was closed and anonymised on" in text
    assert "This summit was closed and anonymised on" in text

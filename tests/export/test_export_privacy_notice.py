"""The privacy notice phones were shown, printed in the pack's data appendix: in the PDF,
the accessible HTML edition and Word alike, as the summit's settings made it."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import docx
from export_pdfutil import as_printed, flat, pdf_text

from summit_app.core import Summit
from summit_app.core.privacy import default_notice, notice
from summit_app.core.templates import create_from_template
from summit_app.export.cli import write_all

HEADING = "What phones were told: the privacy notice"


def test_the_demo_pack_prints_what_phones_were_told_in_its_data_appendix(
    demo_editions: dict[str, Path], tmp_path: Path
) -> None:
    create_from_template(tmp_path / "demo.summit", "demo").close()
    with Summit.open(tmp_path / "demo.summit") as summit:
        told = notice(summit.info())
        assert told == default_notice(summit.info())  # the demo keeps the default
    assert "90 days" in told
    text = flat(pdf_text(demo_editions["pdf"]))
    appendix = text[text.rindex("Data appendix") :]
    assert as_printed(HEADING) in appendix
    assert as_printed(told) in appendix
    page = unescape(demo_editions["html"].read_text(encoding="utf-8"))
    assert f'<h3 id="privacy">{as_printed(HEADING)}</h3>' in page
    assert as_printed(told) in flat(page)
    document = docx.Document(str(demo_editions["docx"]))
    paragraphs = [flat(p.text) for p in document.paragraphs]
    assert as_printed(HEADING) in paragraphs and as_printed(told) in paragraphs


def test_the_facilitators_own_notice_is_the_one_printed(tmp_path: Path) -> None:
    create_from_template(tmp_path / "demo.summit", "demo").close()
    own = "Our Healthier South East London ICS keeps your votes for 14 days.\n\nAsk Sam."
    with Summit.open(tmp_path / "demo.summit") as summit:
        summit.edit_info(privacy_notice=own, retention_days=14)
        written = write_all(summit, {"pdf": tmp_path / "pack.pdf"})
    assert written.paths
    text = flat(pdf_text(tmp_path / "pack.pdf"))
    assert as_printed("keeps your votes for 14 days.") in text
    assert as_printed("Ask Sam.") in text
    assert "What links them to this phone" not in text  # the default is not printed as well

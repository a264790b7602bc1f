"""Every edition publishable as is: no column left empty, figures with thousands separators,
headings that are the poll's short title (the question in full below), no number alone at
the end of a heading's line, and a Word file that is Word's own: A4, properties before
everything else in a paragraph, a header and page numbers, the pack's own metadata."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from export_editions import docx_text, edition_texts, html_text
from lxml import etree

from summit_app.core import Summit
from summit_app.core.breakout_kit import write_kit
from summit_app.core.merge import import_room
from summit_app.core.model import SummitInfo
from summit_app.core.presenting import people, plural
from summit_app.export.cli import write_all
from summit_app.export.typeset import NBSP, heading, short_question

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _day(path: Path, run: bool, due: tuple[str, ...]) -> dict[str, Path]:
    with Summit.create(path, SummitInfo(title="Day")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Welcome", "talk", 10)
        summit.agenda.add_item(section.id, "Close", "talk", 10)
        if run:
            summit.agenda.start_item(item.id)
        for n, by in enumerate(due):
            summit.people.add_action(f"Action {n}", "Team", by)
        targets = {e: path.with_suffix(f".{e}") for e in ("html", "docx")}
        write_all(summit, targets)
    return targets


def test_the_agenda_has_an_actual_column_only_when_the_day_was_run(tmp_path: Path) -> None:
    never = _day(tmp_path / "never.summit", run=False, due=())
    assert "Actual" not in html_text(never["html"]) and "Actual" not in docx_text(never["docx"])
    ran = _day(tmp_path / "ran.summit", run=True, due=())
    assert "Actual" in html_text(ran["html"]) and "Actual" in docx_text(ran["docx"])


def test_an_item_run_in_a_breakout_room_names_the_clock_its_times_are_by(tmp_path: Path) -> None:
    # The room's laptop kept UTC (an hour behind the main laptop's summer time): its
    # "09:47" must not read as the main room's morning, before the welcome.
    main = Summit.create(tmp_path / "main.summit", SummitInfo(title="Day"))
    section = main.agenda.add_section("Morning")
    welcome = main.agenda.add_item(section.id, "Welcome", "talk", 10)
    workforce = main.agenda.add_item(section.id, "Workforce", "discussion", 30)
    main.agenda.start_item(welcome.id, at="2021-04-13T09:31:00+01:00")
    main.agenda.end_day(at="2021-04-13T09:40:00+01:00")
    write_kit(main, tmp_path / "b.summit", "Breakout B: Workforce", [workforce.id])
    with Summit.open(tmp_path / "b.summit") as room:
        room.agenda.start_item(workforce.id, at="2021-04-13T09:47:00+00:00")
        room.agenda.end_day(at="2021-04-13T10:16:00+00:00")
    import_room(main, tmp_path / "b.summit", last=True)
    targets = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
    write_all(main, targets)
    main.close()
    texts = edition_texts(targets["pdf"], targets["html"], targets["docx"])
    for edition, text in texts.items():
        # The main laptop's own times, unlabelled; the room's, with whose clock they are.
        assert "Welcome Talk 09:31–09:40 09:40–10:10" in text, edition
        assert "Workforce Discussion 09:47–10:16 clock of Breakout B: Workforce" in text, edition
        assert "show the times that room's laptop kept, by its own clock" in text, edition


def test_a_mostly_empty_by_column_of_actions_goes_beside_who(tmp_path: Path) -> None:
    few = _day(tmp_path / "few.summit", run=False, due=("", "", "April 2022"))
    text = html_text(few["html"])
    assert "Team, by April 2022" in text and "Who By" not in text
    table = docx.Document(str(few["docx"])).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Action", "Who"]
    most = _day(tmp_path / "most.summit", run=False, due=("May", "", "April 2022"))
    table = docx.Document(str(most["docx"])).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Action", "Who", "By"]


def test_large_figures_have_thousands_separators() -> None:
    assert people(1000) == "1,000 people" and plural(10000, "point") == "10,000 points"
    assert plural(1, "vote") == "1 vote"


def test_a_polls_heading_is_its_short_question_and_the_question_follows_in_full(
    demo_editions: dict[str, Path],
) -> None:
    document = docx.Document(str(demo_editions["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert not [h for h in headings if "Pick up to" in h or "most important" in h]
    text = docx_text(demo_editions["docx"])
    assert "The question: Which of these would most help us" in text
    assert "Pick up to 3." in text  # in full, below the heading
    assert short_question("Which is best? Pick up to 3.") == "Which is best?"
    assert short_question("Rank these, most important first.") == "Rank these"
    assert short_question("What matters?") == "What matters?"


def test_a_number_in_a_heading_never_ends_a_line_alone() -> None:
    assert heading("Imagining the future – 1 year; 5 years") == (
        f"Imagining the future –{NBSP}1{NBSP}year; 5{NBSP}years"
    )
    assert heading("Section 1: What now?") == f"Section 1: What{NBSP}now?"


def test_the_word_edition_is_a4_with_a_header_page_numbers_and_its_own_metadata(
    demo_editions: dict[str, Path],
) -> None:
    document = docx.Document(str(demo_editions["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 25
    assert "Leadership Summit" in section.header.paragraphs[0].text
    with zipfile.ZipFile(demo_editions["docx"]) as package:
        footer = package.read("word/footer1.xml").decode()
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
        body = etree.fromstring(package.read("word/document.xml"))
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert "<Application>Summit</Application>" in app and "Macintosh" not in app
    assert "python-docx" not in core and "2013" not in core
    # The schema's order: a paragraph's properties come first (Word drops them otherwise).
    late = [
        p for p in body.iter(f"{W}p") if p.find(f"{W}pPr") is not None and p[0].tag != f"{W}pPr"
    ]
    assert not late, f"{len(late)} paragraphs with their properties after other content"
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "List Bullet", "List Number"} <= styles


def test_the_word_editions_charts_are_pictures_whose_alt_text_states_the_figures(
    demo_editions: dict[str, Path],
) -> None:
    with zipfile.ZipFile(demo_editions["docx"]) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    alts = [d.get("descr", "") for d in body.iter(f"{wp}docPr")]
    assert len(media) >= 3  # the vote, the word cloud, who took part
    vote = next(a for a in alts if "Confirm arrangements for protected time" in a)
    assert "15%" in vote and "8%" in vote
    assert any(a.startswith("A word cloud") and "Time, 2" in a for a in alts)


def test_shares_of_who_took_part_add_up_to_100_or_say_why(
    demo_editions: dict[str, Path],
) -> None:
    page = demo_editions["html"].read_text(encoding="utf-8")
    start = page.index("Bar chart of the people who joined")
    alt = page[start : page.index("</desc>", start)]
    shares = [int(s) for s in re.findall(r"\((\d+)%\)", alt)]
    assert len(shares) >= 3
    if sum(shares) != 100:  # 7 and 7 of 40 print 18% each, kept equal: said once
        note = f"Equal counts show equal percentages, so these add up to {sum(shares)}%."
        assert note in html_text(demo_editions["html"])


def test_word_tables_keep_their_column_widths(demo_editions: dict[str, Path]) -> None:
    with zipfile.ZipFile(demo_editions["docx"]) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    tables = list(body.iter(f"{W}tbl"))
    assert tables
    for table in tables:
        layout = table.find(f"{W}tblPr/{W}tblLayout")
        assert layout is not None and layout.get(f"{W}type") == "fixed"
    widths = [int(c.get(f"{W}w")) for c in tables[-1].iter(f"{W}gridCol")]
    assert len(set(widths)) > 1  # an option's text wider than its figures


def test_a_bulleted_summary_in_a_word_table_is_a_real_list(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "t.summit", SummitInfo(title="Day")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "Talk", "talk", 10)
        prompt = summit.agenda.add_prompt(item.id, "What matters?")
        theme = summit.notes.add_theme(prompt.id, "Time", "We heard:\n- protected time\n- cover")
        summit.notes.add_note(prompt.id, "A note", theme_id=theme.id)
        write_all(summit, {"docx": tmp_path / "t.docx"})
    with zipfile.ZipFile(tmp_path / "t.docx") as package:
        body = etree.fromstring(package.read("word/document.xml"))
    listed = [
        "".join(p.itertext())
        for table in body.iter(f"{W}tbl")
        for p in table.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "ListBullet"
    ]
    assert listed == ["protected time", "cover"]

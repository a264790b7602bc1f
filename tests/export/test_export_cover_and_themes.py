"""The team's own choices in every edition: the cover says the publication date or version
they set (a draft says so, with the day it was exported), and the closing "What have we
heard?" table holds the themes they chose, in their order, the rest said in the log."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from export_editions import edition_texts
from export_pdfutil import flat, pdf_text

from summit_app.core import Summit
from summit_app.core.errors import ValidationError
from summit_app.core.templates import create_from_template
from summit_app.export.cli import write_all


def _editions(path: Path) -> tuple[dict[str, str], list[str]]:
    targets = {e: path.with_suffix(f".{e}") for e in ("pdf", "html", "docx")}
    with Summit.open(path) as summit:
        done = write_all(summit, targets)
    return edition_texts(targets["pdf"], targets["html"], targets["docx"]), done.notes


@pytest.fixture(scope="module")
def chosen(tmp_path_factory: pytest.TempPathFactory):
    """The demo with a publication line and four of its themes chosen, in its own order."""
    path = tmp_path_factory.mktemp("chosen") / "demo.summit"
    with create_from_template(path, "demo") as summit:
        themes = [t for t in summit.notes.themes() if t.summary.strip()]
        picked = (themes[5], themes[0], themes[2], themes[1])
        options = summit.writeup.pack_options()
        summit.writeup.set_pack_options(
            dataclasses.replace(
                options,
                publication="  Version 2,   20 April 2021 ",
                closing_themes=tuple(t.id for t in picked),
            )
        )
        left = [t.name for t in themes if t not in picked]
    texts, notes = _editions(path)
    return texts, notes, [t.name for t in picked], left


def test_a_draft_says_so_on_the_cover_in_every_edition(demo_editions) -> None:
    texts = edition_texts(demo_editions["pdf"], demo_editions["html"], demo_editions["docx"])
    for edition, text in texts.items():
        assert "Draft, exported on" in text, edition


def test_the_cover_says_the_teams_publication_line_in_every_edition(chosen) -> None:
    texts, _notes, _picked, _left = chosen
    for edition, text in texts.items():
        assert "Version 2, 20 April 2021" in text, edition
        assert "Draft, exported on" not in text, edition


def test_the_closing_table_holds_the_chosen_themes_in_the_teams_order(chosen) -> None:
    texts, notes, picked, left = chosen
    for edition, text in texts.items():
        # The closing page's table, not the annex's heading of the findings talk after it.
        end = text.rfind("Annex: slides")
        table = text[text.rindex("What have we heard?", 0, end if end > 0 else None) : end]
        positions = [table.find(name) for name in picked]
        assert -1 not in positions and positions == sorted(positions), (edition, positions)
    logged = next(n for n in notes if "What have we heard?" in n)
    assert all(name in logged for name in left)


def test_the_team_can_only_choose_themes_of_the_summit(tmp_path: Path) -> None:
    with create_from_template(tmp_path / "d.summit", "demo") as summit:
        options = summit.writeup.pack_options()
        assert options.closing_themes is None and options.publication == ""
        with pytest.raises(ValidationError):
            summit.writeup.set_pack_options(dataclasses.replace(options, closing_themes=(99999,)))
        with pytest.raises(ValidationError):
            summit.writeup.set_pack_options(dataclasses.replace(options, publication="x" * 81))
        assert summit.writeup.pack_options() == options


def test_an_untouched_template_warns_naming_each_placeholder_and_unvoted_poll(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from summit_app.export import cli

    create_from_template(tmp_path / "day.summit", "summit-day").close()
    assert cli.export(tmp_path / "day.summit", pdf=tmp_path / "day.pdf") == 0
    warnings = [
        line.removeprefix("summit-app export: warning: ")
        for line in capsys.readouterr().err.splitlines()
        if line.startswith("summit-app export: warning: ")
    ]
    assert "The title is still the template's: “Our summit”." in warnings
    assert "The introduction is still the template's sample text." in warnings
    assert any("“First initiative”" in w for w in warnings)
    assert any(w.endswith("has no votes.") for w in warnings)
    log = (tmp_path / "day-log.txt").read_text(encoding="utf-8")
    assert "Warning: The title is still the template's" in log
    text = flat(pdf_text(tmp_path / "day.pdf"))
    assert "shares of all 0 votes" not in text and "No votes were cast." in text


def test_the_demo_exports_without_a_warning(tmp_path: Path) -> None:
    create_from_template(tmp_path / "demo.summit", "demo").close()
    with Summit.open(tmp_path / "demo.summit") as summit:
        assert write_all(summit, {"html": tmp_path / "demo.html"}).warnings == []


def test_raising_the_smallest_group_folds_groups_in_every_edition_and_the_csv(
    tmp_path: Path,
) -> None:
    import csv

    path = tmp_path / "demo.summit"
    with create_from_template(path, "demo") as summit:
        options = summit.writeup.pack_options()
        summit.writeup.set_pack_options(dataclasses.replace(options, anonymity_threshold=6))
        write_all(summit, {"csv": tmp_path / "data"})
    texts, notes = _editions(path)
    for edition, text in texts.items():
        # Pharmacy has 5 people: shown at the default 5, folded at 6.
        assert "Pharmacy (5)" not in text and "Pharmacy, 5" not in text, edition
        assert "Other groups" in text, edition
    assert any("fewer than 6 people" in n and "“Pharmacy”" in n for n in notes)
    with (tmp_path / "data" / "ballots.csv").open(encoding="utf-8-sig", newline="") as handle:
        groups = {row["group"] for row in csv.DictReader(handle)}
    assert "Pharmacy" not in groups and "Other groups" in groups

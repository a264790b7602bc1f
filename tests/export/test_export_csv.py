"""The raw data: three CSV files a spreadsheet opens cleanly, with nothing lost."""

import csv
from pathlib import Path

from export_seedlike import HIDDEN_NOTE, INITIATIVES

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.csv_export import write_csv


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_three_files_are_utf8_with_a_bom_and_a_header(
    seed_summit: Path, tmp_path: Path
) -> None:
    with Summit.open(seed_summit) as summit:
        paths = write_csv(summit, tmp_path / "data")
    assert [p.name for p in paths] == [
        "notes.csv",
        "ballots.csv",
        "results.csv",
        "questions.csv",
        "words.csv",
    ]
    for path in paths:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read(paths[0])[0].keys() == {
        "id",
        "prompt",
        "theme",
        "text",
        "author",
        "quote",
        "hidden",
        "created_at",
        "waiting_for_approval",
        "flagged",
    }


def test_notes_keep_their_theme_and_hidden_notes_are_marked(
    seed_summit: Path, tmp_path: Path
) -> None:
    with Summit.open(seed_summit) as summit:
        rows = read(write_csv(summit, tmp_path)[0])
        assert len(rows) == len(summit.notes.notes())
    by_text = {r["text"]: r for r in rows}
    assert (
        by_text["There is nothing about the patient voice."]["theme"] == "Diversity of Leadership"
    )
    assert by_text["There is nothing about the patient voice."]["quote"] == "yes"
    assert by_text[HIDDEN_NOTE]["hidden"] == "yes"
    assert by_text["Bottom up ground level empowerment."]["theme"] == ""


def test_one_row_per_ballot_with_group_and_choices(seed_summit: Path, tmp_path: Path) -> None:
    with Summit.open(seed_summit) as summit:
        rows = read(write_csv(summit, tmp_path)[1])
        assert len(rows) == len(summit.polls.ballots())
    multi = [r for r in rows if r["poll"].startswith("Which initiatives")]
    assert len(multi) == 34
    picks = sum(len(r["choices"].split("; ")) for r in multi)
    assert picks == 100
    assert multi[0]["choices"].startswith(INITIATIVES[0][0] + "=1")
    assert {r["group"] for r in multi} >= {"Nursing", "Pharmacy", ""}


def test_results_give_counts_percentages_and_borda(seed_summit: Path, tmp_path: Path) -> None:
    with Summit.open(seed_summit) as summit:
        rows = read(write_csv(summit, tmp_path)[2])
    multi = [r for r in rows if r["poll"].startswith("Which initiatives")]
    assert [(r["option"], int(r["percent"])) for r in multi] == INITIATIVES
    assert {r["voters"] for r in multi} == {"34"} and {r["votes"] for r in multi} == {"100"}
    ranking = [r for r in rows if r["poll"] == "Rank the core messages"]
    assert ranking[0]["option"] == "Diversity of Leadership" and ranking[0]["borda"] == "157"
    hands = [r for r in rows if r["poll"] == "How do you want to stay involved?"]
    assert hands[0]["hand_count"] == "9"


def test_text_round_trips_and_formulas_are_defused(tmp_path: Path) -> None:
    typed = [
        'She said "hello", then left',
        "line one\nline two",
        "Здравствуйте; שלום; 😀",
        '=HYPERLINK("http://x")',
        "+1 for this",
        "-minus",
        "@handle",
    ]
    with Summit.create(tmp_path / "t.summit", SummitInfo(title="T")) as summit:
        section = summit.agenda.add_section("S")
        item = summit.agenda.add_item(section.id, "I")
        prompt = summit.agenda.add_prompt(item.id, "=cmd|' /C calc'!A0")
        for text in typed:
            summit.notes.add_note(prompt.id, text)
        rows = read(write_csv(summit, tmp_path / "out")[0])
    texts = [r["text"] for r in rows]
    assert texts[:3] == typed[:3]
    assert texts[3:] == ["'" + t for t in typed[3:]]
    assert rows[0]["prompt"] == "'=cmd|' /C calc'!A0"


def test_an_empty_summit_gives_header_only_files(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "e.summit", SummitInfo(title="E")) as summit:
        paths = write_csv(summit, tmp_path / "out")
    for path in paths:
        assert read(path) == []
        assert len(path.read_text(encoding="utf-8-sig").splitlines()) == 1

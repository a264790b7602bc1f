"""The raw data: three CSV files a spreadsheet opens cleanly, with nothing lost."""

import csv
from pathlib import Path

from export_seedlike import CORE_MESSAGES, HIDDEN_NOTE, INITIATIVES

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
        "room",  # the breakout room a note came from; empty for the main room
        "table",
        "key_point",
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
    groups = {r["group"] for r in multi}
    assert "" not in groups
    assert all(
        sum(r["group"] == group for r in multi) >= 5 for group in groups
    )  # a smaller group is folded, as in the pack
    assert (tmp_path / "README.txt").read_text(encoding="utf-8").count("Internal") == 3


def test_a_ranking_ballot_lists_the_options_by_place(seed_summit: Path, tmp_path: Path) -> None:
    with Summit.open(seed_summit) as summit:
        rows = read(write_csv(summit, tmp_path)[1])
    ranking = [r for r in rows if r["poll"] == "Rank the core messages"]
    for row in ranking:
        places = [int(pair.rsplit("=", 1)[1]) for pair in row["choices"].split("; ")]
        assert places == list(range(1, 10))
    # The first voter swapped the first two messages: the second message is listed first.
    assert ranking[0]["choices"].startswith(CORE_MESSAGES[1] + "=1; " + CORE_MESSAGES[0] + "=2")


def test_results_give_each_figure_its_own_column(seed_summit: Path, tmp_path: Path) -> None:
    with Summit.open(seed_summit) as summit:
        rows = read(write_csv(summit, tmp_path)[2])
    multi = [r for r in rows if r["poll"].startswith("Which initiatives")]
    assert [(r["option"], int(r["votes"]), int(r["percent"])) for r in multi] == [
        (option, share, share) for option, share in INITIATIVES
    ]
    assert {r["poll_voters"] for r in multi} == {"34"}
    assert {r["poll_votes"] for r in multi} == {"100"}
    assert {r["first_places"] + r["ranking_points"] + r["answers"] for r in multi} == {""}
    ranking = [r for r in rows if r["poll"] == "Rank the core messages"]
    first = ranking[0]
    assert first["option"] == "Diversity of Leadership"
    assert (first["ranking_points"], first["first_places"], first["mean_place"]) == (
        "157",
        "17",
        "1.2",
    )
    assert first["votes"] == first["percent"] == first["points"] == ""
    points = [r for r in rows if r["poll"].startswith("Share 10 points")]
    assert sum(int(r["points"]) for r in points) == 120 and points[0]["votes"] == ""
    scale = [r for r in rows if r["poll"] == "How far do you agree?"]
    assert scale[0]["answers"] == "25" and scale[0]["mean_level"] and not scale[0]["mean_place"]
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


def test_ballots_with_quotes_commas_lines_and_formulas_read_back_as_typed(
    tmp_path: Path,
) -> None:
    """ballots.csv joins each line from cells encoded once: every awkward cell still reads
    back as typed, and a formula is defused as in the other files."""
    options = ['Say "yes", loudly', "two\nlines", "=1+1", "Plain"]
    with Summit.create(tmp_path / "b.summit", SummitInfo(title="B")) as summit:
        section = summit.agenda.add_section("S")
        item = summit.agenda.add_item(section.id, "Vote")
        poll = summit.polls.add_poll(item.id, '=Which, "first"?', "multi", options, 2)
        summit.polls.open_poll(poll.id)
        ids = [o.id for o in poll.options]
        people = [summit.people.join("Nursing") for _ in range(6)]
        for p, person in enumerate(people):
            summit.polls.cast_ballot(poll.id, person.id, {ids[p % 4]: 1, ids[3]: 1})
        rows = read(write_csv(summit, tmp_path / "out")[1])
        cast = [b.cast_at for b in summit.polls.ballots(poll.id)]
    assert [r["poll"] for r in rows] == ['\'=Which, "first"?'] * 6
    assert [r["participant"] for r in rows] == [str(p.id) for p in people]
    assert [r["group"] for r in rows] == ["Nursing"] * 6
    assert [r["choices"] for r in rows[:4]] == [
        'Say "yes", loudly=1; Plain=1',
        "two\nlines=1; Plain=1",
        "'=1+1=1; Plain=1",
        "Plain=1",
    ]
    assert [r["cast_at"] for r in rows] == cast and {r["room"] for r in rows} == {""}

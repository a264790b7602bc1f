"""questions.csv and words.csv: the demo's Q&A and word cloud, and nothing hidden left out."""

from __future__ import annotations

import csv
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import Author, PromptKind, SummitInfo
from summit_app.core.templates import create_from_template
from summit_app.export.csv_export import write_csv


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_demo_exports_its_questions_by_upvotes_and_its_cloud(tmp_path: Path) -> None:
    with create_from_template(tmp_path / "demo.summit", "demo") as summit:
        write_csv(summit, tmp_path / "data")
    questions = read(tmp_path / "data" / "questions.csv")
    assert len(questions) >= 3
    assert list(questions[0])[:5] == ["prompt", "text", "upvotes", "state", "hidden"]
    upvotes = [int(q["upvotes"]) for q in questions]
    assert upvotes == sorted(upvotes, reverse=True) and upvotes[0] > 0
    assert {q["state"] for q in questions} == {"open", "answered"}
    words = read(tmp_path / "data" / "words.csv")
    assert len(words) >= 5
    assert list(words[0])[:4] == ["prompt", "word", "count", "hidden"]
    assert (words[0]["word"], words[0]["count"], words[0]["typed_as"]) == (
        "Time",
        "2",
        "Time; time",
    )


def test_hidden_held_and_merged_input_stays_in_the_csv_marked(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Day")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "Panel", "talk", 30)
        qa = summit.agenda.add_prompt(item.id, "Ask", PromptKind.QUESTIONS)
        cloud = summit.agenda.add_prompt(item.id, "One word", PromptKind.WORDS)
        phone = summit.people.join().id
        summit.agenda.open_prompt(qa.id)
        kept = summit.questions.ask(qa.id, "=SUM(A1) <b>fair</b>?", Author.PARTICIPANT, phone)
        dup = summit.questions.ask(qa.id, "Duplicate", Author.PARTICIPANT, phone)
        summit.questions.merge(dup.id, kept.id)
        rude = summit.questions.ask(qa.id, "What the fuck?", Author.PARTICIPANT, phone)
        summit.moderation.hide("question", rude.id)
        summit.agenda.open_prompt(cloud.id)
        summit.words.add_word(cloud.id, "Waffle", Author.PARTICIPANT, phone)
        summit.words.add_word(cloud.id, "shite", Author.PARTICIPANT, phone)
        summit.words.set_word_hidden(cloud.id, "waffle", True)
        write_csv(summit, tmp_path / "data")
    rows = {r["text"]: r for r in read(tmp_path / "data" / "questions.csv")}
    assert rows["'=SUM(A1) <b>fair</b>?"]["hidden"] == "no"
    assert rows["Duplicate"]["merged_into"] == "'=SUM(A1) <b>fair</b>?"
    assert rows["What the fuck?"]["hidden"] == "yes"
    assert rows["What the fuck?"]["flagged"] == "fuck"
    words = {w["word"]: w for w in read(tmp_path / "data" / "words.csv")}
    assert words["Waffle"]["hidden"] == "yes" and words["Waffle"]["count"] == "1"
    assert words["shite"]["count"] == "0" and words["shite"]["waiting"] == "1"

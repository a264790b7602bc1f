"""questions.csv and words.csv: the demo's Q&A and word cloud, and nothing hidden left out."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from export_editions import edition_texts
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import Author, PromptKind, SummitInfo
from summit_app.core.templates import create_from_template
from summit_app.export.cli import write_all
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


@pytest.fixture(scope="module")
def demo_editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.summit"
    create_from_template(path, "demo").close()
    targets = {e: folder / f"demo.{e}" for e in ("pdf", "html", "docx")}
    with Summit.open(path) as summit:
        write_all(summit, targets)
    return folder, edition_texts(targets["pdf"], targets["html"], targets["docx"])


@pytest.mark.parametrize("edition", ["pdf", "html", "docx"])
def test_every_edition_prints_the_questions_and_the_top_words_with_what_they_mean(
    demo_editions, edition: str
) -> None:
    text = demo_editions[1][edition]
    questions = text.index("Questions for our speakers")
    # The table: most upvoted first, answered or not, with its upvotes.
    first = text.index("How do we give clinical leaders protected time", questions)
    second = text.index("How do we make sure system leadership is multidisciplinary", first)
    assert text.index("What does a good career pathway", second) > second
    assert "Upvotes count the people who wanted the same question asked" in text
    assert "the more often a word was given, the larger it is" in text
    cloud = text.index("What is one thing we should take forward?", questions)
    for word in ("Time", "multidisciplinary", "leadership skills", "safe space", "support"):
        assert word in text[cloud:], (edition, word)


def test_the_pdf_draws_the_cloud_and_the_html_gives_it_a_text_alternative(demo_editions):
    folder, texts = demo_editions
    page = next(
        p.extract_text() for p in PdfReader(folder / "demo.pdf").pages
        if "one to three words each" in p.extract_text()
    )  # fmt: skip
    # The cloud's words are text on the page (drawn, then listed in the table).
    assert page.count("distributed leadership") >= 2
    html = (folder / "demo.html").read_text(encoding="utf-8")
    assert 'role="img"' in html and "A word cloud. Most answers first: Time, 2;" in html


def test_hidden_held_and_merged_input_never_reaches_the_pack(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Day")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "Panel", "talk", 30)
        qa = summit.agenda.add_prompt(item.id, "Ask the panel", PromptKind.QUESTIONS)
        cloud = summit.agenda.add_prompt(item.id, "One word", PromptKind.WORDS)
        phone = summit.people.join().id
        summit.agenda.open_prompt(qa.id)
        keep = summit.questions.ask(qa.id, "<b>Who</b> decides & how?", Author.PARTICIPANT, phone)
        dup = summit.questions.ask(qa.id, "Who makes the decisions?", Author.PARTICIPANT, phone)
        summit.questions.merge(dup.id, keep.id)
        summit.questions.ask(qa.id, "What the fuck?", Author.PARTICIPANT, phone)
        hidden = summit.questions.ask(qa.id, "Off topic entirely", Author.PARTICIPANT, phone)
        summit.questions.set_hidden(hidden.id, True)
        summit.agenda.open_prompt(cloud.id)
        summit.words.add_word(cloud.id, "Waffle", Author.PARTICIPANT, phone)
        summit.words.add_word(cloud.id, "shite", Author.PARTICIPANT, phone)
        summit.words.add_word(cloud.id, "listening", Author.PARTICIPANT, phone)
        summit.words.set_word_hidden(cloud.id, "waffle", True)
        targets = {e: tmp_path / f"day.{e}" for e in ("pdf", "html", "docx")}
        write_all(summit, targets)
    for edition, text in edition_texts(targets["pdf"], targets["html"], targets["docx"]).items():
        assert "<b>Who</b> decides & how?" in text, edition  # as typed, markup and all
        assert "listening" in text, edition
        for left_out in ("Who makes the decisions?", "fuck", "Off topic", "Waffle", "shite"):
            assert left_out not in text, (edition, left_out)

"""The write-up pack of a summit like the seed's, read back as a reader of the PDF would."""

import re
from pathlib import Path

from export_pdfutil import as_printed, flat, pdf_text
from export_seedlike import CORE_MESSAGES, HIDDEN_NOTE, INITIATIVES
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.pack import write_pack


def test_the_nine_initiatives_print_with_the_seeds_percentages(seed_text: str) -> None:
    text = flat(seed_text)
    for option, share in INITIATIVES:
        assert f"{as_printed(option)} {share} {share}%" in text  # the data appendix
        assert f"{as_printed(option)} {share}% · {share} votes" in text  # the chart
    assert "Each person could pick up to 3 options; percentages are shares of all 100 votes" in text


def test_initiatives_are_listed_best_first(seed_text: str) -> None:
    text = flat(seed_text)
    table = text[text.index("Option Votes Share") :]
    positions = [table.index(as_printed(option)) for option, _ in INITIATIVES]
    assert positions == sorted(positions)


def test_themes_print_their_summary_and_notes_and_hidden_notes_are_left_out(
    seed_text: str,
) -> None:
    text = flat(seed_text)
    assert "Start with the why There must be a clear, purposeful and motivating strategy" in text
    assert "“There is nothing about the patient voice.”" in text
    assert "Other notes Bottom up ground level empowerment." in text
    assert HIDDEN_NOTE not in text


def test_the_ranking_is_an_ordered_list_with_its_points_in_plain_words(seed_text: str) -> None:
    text = flat(seed_text)
    assert "1 Diversity of Leadership 157 17 1.2" in text
    assert "The order is by points: a first place earns 8, a second 7," in text
    assert "Borda" not in text
    listed = text[text.index("Place Option Points First places Mean place") :]
    positions = [listed.index(message) for message in CORE_MESSAGES]
    assert positions == sorted(positions)


def test_speakers_print_with_their_roles_and_key_messages(seed_text: str) -> None:
    text = flat(seed_text)
    assert "Angela Helleur Chief Nurse, Lewisham and Greenwich NHS Trust" in text
    assert "Vanessa Burgess Chief Pharmacist" in text
    assert "Shared purpose is fundamental" in text


def test_scale_points_and_hand_counted_polls_explain_themselves(seed_text: str) -> None:
    text = flat(seed_text)
    assert "We have a shared vision 5 (20%) 5 (20%) 5 (20%) 5 (20%) 5 (20%) 25 3.0" in text
    assert "Each person shared 10 points among the options" in text
    assert "All of them were counted by a show of hands" in text


def test_who_took_part_and_how_each_group_voted(seed_text: str) -> None:
    text = flat(seed_text)
    assert "34 people took part on their phones." in text
    assert "How each group voted" in text
    assert re.search(r"Nursing \(\d+\)", text)


def test_agenda_actions_and_what_we_heard(seed_text: str) -> None:
    text = flat(seed_text)
    assert "09:30–10:00 Perspectives on system leadership Talk 09:32–10:20" in text
    assert "Share this pack with all participants Chloe 30 April 2021" in text
    assert "To accept invitations to meetings such as this" in text
    heard = text[text.index("What have we heard? Theme") :]
    assert "Diversity of Leadership Leadership must be inclusive" in heard


def test_pages_are_numbered_and_the_contents_points_at_them(seed_pack: Path) -> None:
    reader = PdfReader(seed_pack)
    pages = [page.extract_text() for page in reader.pages]
    assert 6 <= len(pages) <= 30
    assert f"Page 2 of {len(pages)}" in flat(pages[1])
    contents = flat(pages[1])
    for title in ("Introduction", "Agenda", "Section 2", "Who took part", "What have we heard?"):
        page = int(re.search(re.escape(title) + r"[^\d]* (\d+)", contents).group(1))
        assert title in pages[page - 1], title
    assert (
        reader.metadata.title
        == "South East London Clinical and Care Professional Leadership Summit"
    )
    assert reader.metadata.author == "Our Healthier South East London ICS"


def test_an_empty_summit_still_gives_a_sensible_pack(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "empty.summit", SummitInfo(title="Planning day")) as summit:
        pdf = write_pack(summit, tmp_path / "out" / "empty.pdf")
    text = flat(pdf_text(pdf))
    assert "Planning day" in text
    assert "Nothing has been recorded for this summit yet" in text
    assert len(PdfReader(pdf).pages) == 3


def test_a_question_nobody_answered_is_left_out_and_an_empty_poll_says_so(
    tmp_path: Path,
) -> None:
    with Summit.create(tmp_path / "s.summit", SummitInfo(title="Day")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Discussion", "discussion", 20)
        summit.agenda.add_prompt(item.id, "What went well?")
        summit.polls.add_poll(item.id, "Pick one", "single", ["A", "B"])
        pdf = write_pack(summit, tmp_path / "s.pdf")
    text = flat(pdf_text(pdf))
    assert "What went well?" not in text
    assert "Discussion" in text
    assert "No votes were cast." in text
    assert "Option Votes Share" not in text  # no empty chart or table


def test_everything_at_its_longest_still_lays_out(tmp_path: Path) -> None:
    """Oversized text everywhere, 40 options, a summary longer than a page: no layout error."""
    options = [f"{i} " + "y" * 290 for i in range(40)]
    with Summit.create(tmp_path / "big.summit", SummitInfo(title="T" * 300)) as summit:
        section = summit.agenda.add_section("S" * 400, "intro " * 500)
        item = summit.agenda.add_item(section.id, "I" * 300, "vote", 10, "d" * 3000)
        summit.agenda.add_speaker(item.id, "N" * 300, "R" * 300, "O" * 300, ["k" * 1000] * 5)
        poll = summit.polls.add_poll(item.id, "Q" * 500, "multi", options, max_choices=40)
        summit.polls.open_poll(poll.id)
        for k in range(10):
            person = summit.people.join("Nursing")
            summit.polls.cast_ballot(poll.id, person.id, {o.id: 1 for o in poll.options[: k + 1]})
        prompt = summit.agenda.add_prompt(item.id, "P" * 500)
        theme = summit.notes.add_theme(prompt.id, "t" * 200, "summary " * 1200)
        for i in range(10):
            summit.notes.add_note(prompt.id, "z" * 500, theme_id=theme.id, is_quote=i % 2 == 0)
        pdf = write_pack(summit, tmp_path / "big.pdf")
    assert len(PdfReader(pdf).pages) > 5


def test_a_scale_counted_by_hand_on_paper_says_so(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "p.summit", SummitInfo(title="Paper")) as summit:
        item = summit.agenda.add_item(summit.agenda.add_section("S").id, "Vote", "vote")
        poll = summit.polls.add_poll(item.id, "Agree?", "scale", ["We are ready"])
        option = poll.options[0].id
        summit.polls.set_hand_counts(poll.id, [(option, 4, 6), (option, 5, 2)], 8, "paper")
        text = flat(pdf_text(write_pack(summit, tmp_path / "p.pdf")))
    assert "All of them were counted on paper." in text
    assert "We are ready 0 0 0 6 (75%) 2 (25%) 8 4.3" in text


def test_a_sections_first_item_starts_on_the_sections_page(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "f.summit", SummitInfo(title="F")) as summit:
        section = summit.agenda.add_section("Morning", "What we did.")
        item = summit.agenda.add_item(section.id, "Session one", "talk", 20)
        summit.agenda.add_speaker(item.id, "Ada", "Chair", "Trust", ["A key message"])
        poll_item = summit.agenda.add_item(section.id, "Session two", "vote", 20)
        poll = summit.polls.add_poll(poll_item.id, "Pick", "single", ["A", "B"])
        summit.polls.set_hand_counts(poll.id, [(poll.options[0].id, None, 3)], 3)
        pdf = write_pack(summit, tmp_path / "f.pdf")
    page = next(
        p.extract_text() for p in PdfReader(pdf).pages if "What we did." in p.extract_text()
    )
    # The talk is told through its speaker, the vote through its question: no item titles.
    assert "Ada" in page and "A key message" in page and "Pick" in page

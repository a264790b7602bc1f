"""The room, the phones, the write-up and the spreadsheet show the same figures for every poll.

The demo summit, with a pick-one vote (some of it counted by hand), a points vote and an
agreement scale added to its ranking and nine-initiative vote. The facilitator reveals each
poll in turn: the projector (the real window, offscreen) and a phone (`summit-app serve` in
its own process, over HTTP) show it; then the PDF pack and results.csv are exported. Each
surface must show the presenter's figures: no surface counts for itself.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from served import Served, serve

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import ItemKind, PollKind
from summit_app.core.presenting import Presentation, present
from summit_app.core.templates import create_from_template
from summit_app.export.csv_export import LEVEL_FIELDS, write_csv
from summit_app.export.pack import write_pack
from summit_app.export.typeset import smarten
from summit_app.ui.projector_window import Mode, ProjectorWindow, Scene
from summit_app.ui.session import SummitSession
from summit_app.ui.stage import Stage

SEED_PERCENTAGES = [15, 15, 13, 11, 11, 9, 9, 9, 8]
SPLIT = "We have a shared vision"  # half the room strongly disagrees, half strongly agrees

pytestmark = pytest.mark.slow


def add_the_other_kinds(summit: Summit) -> None:
    """A pick-one vote partly counted by hand, a points vote, and a scale with a split room."""
    section = summit.agenda.add_section("Before we close")
    item = summit.agenda.add_item(section.id, "Quick votes", ItemKind.VOTE, 10)
    single = summit.polls.add_poll(
        item.id, "How do you want to stay involved?", PollKind.SINGLE, ["Meetings", "Workshops"]
    )
    points = summit.polls.add_poll(
        item.id, "Share 10 points", PollKind.POINTS, ["Workforce", "Digital", "Access"], points=10
    )
    scale = summit.polls.add_poll(
        item.id, "How far do you agree?", PollKind.SCALE, [SPLIT, "Leaders have protected time"]
    )
    for poll, ballots in (
        (single, [{0: 1}, {0: 1}, {1: 1}]),
        (points, [{0: 5, 1: 5}, {0: 5, 1: 5}, {2: 10}]),
        (scale, [{0: 1, 1: 4}, {0: 5, 1: 2}, {0: 1, 1: 4}, {0: 5, 1: 3}]),
    ):
        summit.polls.open_poll(poll.id)
        for choices in ballots:
            person = summit.people.join("Nursing")
            ids = {poll.options[i].id: value for i, value in choices.items()}
            summit.polls.cast_ballot(poll.id, person.id, ids)
        summit.polls.close_poll(poll.id)
    summit.polls.set_hand_counts(single.id, [(single.options[1].id, None, 4)], 4, "hands")


@pytest.fixture
def demo_day(tmp_path: Path) -> Path:
    path = tmp_path / "demo.summit"
    with create_from_template(path, "demo") as summit:
        add_the_other_kinds(summit)
    return path


@pytest.fixture
def phone_server(demo_day: Path) -> Iterator[tuple[Served, httpx.Client]]:
    served = serve(demo_day)
    try:
        with httpx.Client(base_url=served.url, timeout=10, trust_env=False) as phone:
            assert phone.get(f"/j/{served.code}").status_code == 200
            yield served, phone
    finally:
        served.stop()


def flat(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


def printed(line: str, text: str) -> bool:
    """`line` appears in `text` as whole words: "3.0" is not found in "3.00"."""
    return re.search(r"(?<!\S)" + re.escape(line) + r"(?!\S)", text) is not None


def one_line(text: str) -> str:
    """An option's text as the pack prints it: on one line, with curly quotes."""
    return " ".join(smarten(text).split())


def pdf_line(shown: Presentation, row) -> str:
    """The table row the PDF must print for `row`, as text read back from the page."""
    hand = [str(row.hand_count) if row.hand_marked else ""] if shown.hand_marked else []
    if shown.kind is PollKind.RANK:
        cells = [str(row.place), one_line(row.label), str(row.borda), str(row.count), row.mean]
    elif shown.kind is PollKind.SCALE:
        levels = [f"{v.count} ({v.share}%)" if v.count else "0" for v in row.levels]
        cells = [one_line(row.label), *levels, str(row.count), row.mean or "–"]
    else:
        cells = [one_line(row.label), str(row.count), f"{row.share}%"]
    return " ".join(c for c in [*cells, *hand] if c)


def csv_figures(line: dict[str, str]) -> tuple:
    counts = ("votes", "points", "first_places", "answers")
    return (
        line["place"],
        line["option"],
        "".join(line[c] for c in counts),  # one of them, the others empty
        line["percent"],
        line["ranking_points"],
        line["mean_place"] + line["mean_level"],
        line["hand_count"],
        [line[f] for f in LEVEL_FIELDS],
        [line[f"{f}_percent"] for f in LEVEL_FIELDS],
    )


def presenter_figures(row) -> tuple:
    def text(value: object) -> str:
        return "" if value is None else str(value)

    return (
        str(row.place),
        row.label,
        str(row.count),
        text(row.share),
        text(row.borda),
        row.mean,
        str(row.hand_count),
        [str(v.count) for v in row.levels] or [""] * len(LEVEL_FIELDS),
        [str(v.share) for v in row.levels] or [""] * len(LEVEL_FIELDS),
    )


def test_every_poll_shows_the_same_figures_on_the_projector_phones_pdf_and_csv(
    qtbot, demo_day: Path, phone_server: tuple[Served, httpx.Client], tmp_path: Path
) -> None:
    served, phone = phone_server
    session = SummitSession.open(demo_day)
    try:
        stage = Stage()
        window = ProjectorWindow(session, stage)
        qtbot.addWidget(window)
        projector = window.view
        polls = session.summit.polls
        shown = {p.id: present(polls.result(p.id)) for p in polls.polls()}
        assert {s.kind for s in shown.values()} == set(PollKind)

        for poll_id, expected in shown.items():
            # The facilitator opens the poll again and reveals its results.
            polls.open_poll(poll_id)
            polls.set_show_results(poll_id, True)
            session.announce(Changes.unknown(Area.POLLS, Area.LIVE, origin=Origin.FACILITATOR))
            stage.set_preview(Scene(Mode.POLL, poll_id=poll_id))
            stage.take()

            # The projector: the texts it paints beside each bar, and under them.
            # Beside a scale's diverging bar (its levels drawn in it): the mean.
            bars = [
                (
                    f"{r.place}. {r.label}" if expected.kind is PollKind.RANK else r.label,
                    r.detail if expected.kind is PollKind.SCALE and r.count else r.caption,
                )
                for r in expected.rows
            ]
            qtbot.waitUntil(lambda bars=bars: projector.poll_results.bar_texts() == bars)
            assert projector.poll_results.caption() == expected.voters_text
            assert projector.poll_results.sentence() == expected.sentence

            # A phone: the results the server sends, shown as they are by the page.
            def on_phone(poll_id: int = poll_id) -> dict:
                poll = phone.get("/api/state").json()["poll"]
                assert poll["id"] == poll_id and poll["results"] is not None
                return poll["results"]

            qtbot.waitUntil(lambda: bool(on_phone()), timeout=10_000)
            assert on_phone() == expected.to_dict()
            polls.close_poll(poll_id)

        pdf = write_pack(session.summit, tmp_path / "pack.pdf")
        results_csv = write_csv(session.summit, tmp_path / "csv")[2]
    finally:
        session.close()

    from pypdf import PdfReader

    text = flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    with results_csv.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    for expected in shown.values():
        assert flat(expected.sentence) in text
        for row in expected.rows:
            # The data appendix's table row, and the chart's bar with the projector's caption.
            assert printed(pdf_line(expected, row), text), (expected.question, row.label)
            if expected.kind is not PollKind.RANK:
                assert printed(f"{one_line(row.label)} {row.caption}", text), row.label
        mine = [line for line in lines if line["poll"] == expected.question]
        assert [csv_figures(line) for line in mine] == [presenter_figures(r) for r in expected.rows]
        assert {(line["poll_voters"], line["poll_votes"]) for line in mine} == {
            (str(expected.voters), str(expected.votes))
        }

    # What the README promises, on every surface.
    multi = next(s for s in shown.values() if s.kind is PollKind.MULTI)
    assert [r.share for r in multi.rows] == SEED_PERCENTAGES
    # A split room reads as split everywhere, never as "Neither".
    scale = next(s for s in shown.values() if s.kind is PollKind.SCALE)
    split = next(r for r in scale.rows if r.label == SPLIT)
    assert split.figure == "50% agree, 0% neither, 50% disagree" and split.mean == "3.0"
    assert printed(f"{SPLIT} 2 (50%) 0 0 0 2 (50%) 4 3.0", text)
    # Hand counts are marked: some people voted on phones, the rest by a show of hands.
    single = next(s for s in shown.values() if s.kind is PollKind.SINGLE)
    assert single.rows[0].caption == "71% · 5 votes, 4 counted by hand"
    assert "4 of them were counted by a show of hands; those counts are marked." in text

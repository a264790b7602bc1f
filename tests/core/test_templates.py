"""Starting a summit from a template: the bundled ones, the demo's figures, and bad templates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summit_app.core import Summit, SummitFileError, ValidationError
from summit_app.core.model import DEFAULT_GROUPS, Author, PollKind, PollState
from summit_app.core.presenting import present
from summit_app.core.templates import create_from_template, list_templates

BUNDLED = [t.name for t in list_templates()]

# The seed write-up (seeds/002), copied here so the test does not trust the template.
SEED_INITIATIVES = [
    "Confirm arrangements for protected time for clinicians and care professionals",
    "Complete detailed mapping of an ICS governance model for clinical and care professional"
    " leaders and secure funding for identified sessions and roles",
    "Expand the current CPLG to include wider range of clinical and care professionals",
    "Develop a proposal for a SEL systems leadership academy",
    "Facilitated relationship building via networking and inspiration learning events",
    "Set up a pilot 'Walking in each others shoes' shadowing programme",
    "Host a SEL clinical and care professional conference to bring together health and care"
    " partners to design the clinical vision for south east London",
    'Establish a "SEL next generation systems leadership network" to start to build future'
    " capacity and passion among emerging leaders",
    "Invite 'bids' for support for a number of systems improvement projects that will"
    " demonstrate clinical and care professional leadership at work in SEL",
]
SEED_RANKING = [
    "Diversity of Leadership",
    "Underpinned by a clear, purposeful & motivating strategy",
    "Permissive structures based on a culture of trust & connectedness",
    "Focused on key areas of system level work",
    "Learning culture underpinned by psychological safety",
    "Be ambitious",
    "Systems Leadership development",
    "Integrated and interdependent with executive leadership",
    "ICS to convene and enable for maximum impact",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Summit]:
    path = tmp_path_factory.mktemp("demo") / "demo.summit"
    create_from_template(path, "demo").close()
    summit = Summit.open(path)
    yield summit
    summit.close()


def poll_of_kind(summit: Summit, kind: PollKind):
    return next(p for p in summit.polls.polls() if p.kind is kind)


def leaves_nothing(folder: Path) -> bool:
    return not any(folder.glob("new.summit*"))


# -- the bundled templates ---------------------------------------------------------------


def test_the_five_templates_are_offered_with_a_title_and_description() -> None:
    assert {"demo", "summit-day", "pre-mortem", "liked-missing-prioritise",
            "functions-ranking"} <= set(BUNDLED)  # fmt: skip
    for template in list_templates():
        assert template.title and template.description


@pytest.mark.parametrize("name", BUNDLED)
def test_every_template_makes_a_summit_file_that_reopens(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.summit"
    create_from_template(path, name).close()
    with Summit.open(path) as summit:
        assert summit.info().title
        assert summit.agenda.sections() and summit.agenda.items()
        assert summit.agenda.prompts() or summit.polls.polls()
        assert summit.live().open_prompt_id is None and summit.live().current_item_id is None


@pytest.mark.parametrize("name", [n for n in BUNDLED if n != "demo"])
def test_starting_templates_come_empty_of_notes_and_votes(tmp_path: Path, name: str) -> None:
    with create_from_template(tmp_path / "new.summit", name) as summit:
        assert summit.notes.notes() == []
        assert summit.polls.ballots() == [] and summit.people.count() == 0
        assert all(p.state is PollState.DRAFT for p in summit.polls.polls())


# -- the demo: the seed's summit ---------------------------------------------------------


def test_demo_is_the_south_east_london_summit_of_13_april_2021(demo: Summit) -> None:
    info = demo.info()
    assert info.title == "South East London Clinical and Care Professional Leadership Summit"
    assert info.date == "2021-04-13" and info.start_time == "09:30"
    assert info.organisers == "Our Healthier South East London ICS"
    assert "chloe@kscopehealth.org.uk" in info.contact
    assert info.objectives[0] == "Share the findings of our engagement programme so far"
    assert len(info.objectives) == 4
    assert len(demo.agenda.sections()) == 6
    kinds = {item.kind.value for item in demo.agenda.items()}
    assert {"talk", "discussion", "ranking", "vote", "break"} <= kinds
    day = sum(item.planned_minutes for item in demo.agenda.items())
    assert 3 * 60 <= day <= 4 * 60  # a half-day from 09:30


def test_demo_has_the_three_speakers_with_their_roles(demo: Summit) -> None:
    speakers = [(s.name, s.role, s.organisation) for s in demo.agenda.speakers()]
    assert speakers == [
        ("Angela Helleur", "Chief Nurse", "Lewisham and Greenwich NHS Trust"),
        ("Vanessa Burgess", "Chief Pharmacist",
         "NHS South East London Clinical Commissioning Group"),
        ("Ben Collins", "Director for System Development", "Our Healthier South East London ICS"),
    ]  # fmt: skip
    assert all(s.key_points for s in demo.agenda.speakers())


def test_demo_vote_reproduces_the_seeds_percentages(demo: Summit) -> None:
    poll = poll_of_kind(demo, PollKind.MULTI)
    assert [o.text for o in poll.options] == SEED_INITIATIVES
    assert poll.max_choices == 3 and poll.state is PollState.CLOSED
    result = demo.polls.result(poll.id)
    assert [r.share for r in present(result).rows] == [15, 15, 13, 11, 11, 9, 9, 9, 8]
    assert result.votes == 100 and result.voters == 34


def test_demo_ranking_puts_the_core_messages_in_the_seeds_order(demo: Summit) -> None:
    poll = poll_of_kind(demo, PollKind.RANK)
    ranked = demo.polls.result(poll.id).ranked()
    assert [r.option.text for r in ranked] == SEED_RANKING
    assert len({r.borda for r in ranked}) == 9  # no ties decide the order


def test_demo_voters_are_reused_across_polls_and_spread_over_groups(demo: Summit) -> None:
    people = demo.people.participants()
    assert 30 <= len(people) <= 50
    assert len({p.group for p in people}) >= 6
    assert {p.group for p in people} - {None} <= set(DEFAULT_GROUPS)
    for poll in demo.polls.polls():
        voters = [b.participant_id for b in demo.polls.ballots(poll.id)]
        assert len(voters) == len(set(voters))
    assert len({b.participant_id for b in demo.polls.ballots()}) == len(people)


def test_demo_notes_are_clustered_into_the_seeds_themes(demo: Summit) -> None:
    themes = {t.name: t for t in demo.notes.themes()}
    # A summary where the seed wrote a paragraph for the theme; where it listed what was
    # said (the investments, clarity and inclusion), the notes speak for themselves.
    for name in ("Start with the why", "Ambition", "Diversity of Leadership",
                 "Learning culture underpinned by psychological safety", "Learn from Covid",
                 "Lack of vision", "Lost momentum"):  # fmt: skip
        assert themes[name].summary, name
    for name in ("Relationships and shared goals", "Capacity and capability",
                 "Our patients and communities", "Clarity", "Inclusion"):  # fmt: skip
        assert not themes[name].summary and demo.notes.notes(themes[name].prompt_id), name
    assert themes["Start with the why"].summary.startswith("For our approach to clinical")
    notes = demo.notes.notes()
    clarity = [n.text for n in notes if n.theme_id == themes["Clarity"].id]
    assert "Clarity over what we are able to do at borough level - clear delegation and" \
        " permissions" in clarity  # fmt: skip
    assert sum(n.is_quote for n in notes) >= 5
    assert any(n.author is Author.PARTICIPANT and n.participant_id for n in notes)
    # A table host's note is the table's, not a person's (issue 26).
    anonymous = [n for n in notes if n.participant_id is None and n.table_id is None]
    assert all(n.author is Author.FACILITATOR for n in anonymous)


def test_demo_has_the_seeds_prompts_actions_and_commitments(demo: Summit) -> None:
    prompts = " | ".join(p.text for p in demo.agenda.prompts())
    for text in ("It is April 2026", "What have we invested in", "by April 2022",
                 "What else should we be prioritising?", "What's gone wrong?",
                 "What can we do now to mitigate these risks?", "How do you want to stay involved?",
                 "Who needs to be a part of this conversation"):  # fmt: skip
        assert text in prompts
    actions = demo.people.actions()
    commitments = [a.text for a in actions if a.is_commitment]
    assert len(commitments) == 10
    assert "To accept invitations to meetings such as this" in commitments
    assert any(not a.is_commitment for a in actions)


# -- refusing bad templates --------------------------------------------------------------


def write_template(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def minimal(**extra: object) -> dict:
    return {"title": "Mine", "summit": {"title": "A summit"}, **extra}


def with_poll(**poll: object) -> dict:
    """A template whose one item holds one poll (a two-option ranking unless told)."""
    poll = {"question": "Q", "kind": "rank", "options": ["a", "b"], **poll}
    return minimal(sections=[{"title": "S", "items": [{"title": "T", "polls": [poll]}]}])


def test_unknown_template_lists_the_ones_there_are(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no template called 'nope'.*demo.*pre-mortem"):
        create_from_template(tmp_path / "new.summit", "nope")
    assert leaves_nothing(tmp_path)


def test_a_template_broken_half_way_leaves_no_file(tmp_path: Path) -> None:
    poll = {"question": "Which?", "kind": "multi", "options": ["a", "b", "c"], "max_choices": 2}
    ballots = [{"group": "Nursing", "picks": [0, 1]}, {"picks": [2, 2]}]
    folder = tmp_path / "templates"
    write_template(folder, "broken", with_poll(**poll, ballots=ballots))
    with pytest.raises(ValidationError) as raised:
        create_from_template(tmp_path / "new.summit", "broken", templates_dir=folder)
    assert str(raised.value) == (
        "Template 'broken' is malformed: sections[0].items[0].polls[0].ballots[1].picks:"
        " lists the same option twice."
    )
    assert leaves_nothing(tmp_path)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("{not json", "is not valid JSON"),
        (["a list"], "expected an object"),
        ({"title": "No summit"}, "summit: is missing"),
        (minimal(sections=[{"title": "S", "itmes": []}]), "sections[0]: unknown field 'itmes'"),
        (
            minimal(sections=[{"title": "S", "items": [{"title": "T", "kind": "lecture"}]}]),
            "sections[0].items[0]: 'lecture' is not a kind of agenda item",
        ),
        (minimal(summit={"title": "A", "start_time": "half nine"}), "summit.start_time"),
        (
            with_poll(ballots=[{"group": "Astronauts", "order": [0, 1]}]),
            "ballots[0].group: 'Astronauts' is not one of the summit's groups",
        ),
        (
            with_poll(ballots=[{"picks": [0]}]),
            "a rank poll's ballot gives its choices as 'order'",
        ),
        (with_poll(state="draft", ballots=[{"order": [1, 0]}]), "must be open or closed"),
        (with_poll(ballots=[{"order": [0, 2]}]), "order[1]: 2 is not an option index (0 to 1)"),
        (minimal(format=2), "newer than this Summit reads"),
    ],
)
def test_a_malformed_template_says_what_is_wrong(tmp_path: Path, data: object, says: str) -> None:
    folder = tmp_path / "templates"
    write_template(folder, "mine", data)
    with pytest.raises(ValidationError) as raised:
        create_from_template(tmp_path / "new.summit", "mine", templates_dir=folder)
    assert str(raised.value).startswith("Template 'mine'")
    assert says in str(raised.value)
    assert leaves_nothing(tmp_path)


def test_an_unreadable_template_is_still_listed(tmp_path: Path) -> None:
    write_template(tmp_path, "mine", "{not json")
    [listed] = list_templates(tmp_path)
    assert listed.name == "mine" and "cannot be read" in listed.description


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "new.summit"
    path.write_text("my notes")
    with pytest.raises(SummitFileError):
        create_from_template(path, "summit-day")
    assert path.read_text() == "my notes"


# -- the rest of the format --------------------------------------------------------------


def test_points_scale_hidden_and_participant_notes_load_as_written(tmp_path: Path) -> None:
    item = {"title": "Votes", "kind": "vote", "prompts": [
        "Any thoughts?",
        {"text": "Hidden?", "notes": [{"text": "rude", "hidden": True},
                                      {"text": "from a phone", "author": "participant"}]}],
        "polls": [
            {"question": "Spend 10", "kind": "points", "options": ["a", "b"], "points": 10,
             "ballots": [{"group": "Pharmacy", "points": {"0": 7, "1": 3}}]},
            {"question": "Agree?", "kind": "scale", "options": ["We should", "We can"],
             "state": "open", "ballots": [{"group": "Pharmacy", "levels": {"1": 5}},
                                          {"group": None, "levels": {"0": 2}}]}]}  # fmt: skip
    folder = tmp_path / "templates"
    write_template(folder, "mine", minimal(sections=[{"title": "S", "items": [item]}],
                                           actions=["Write it up"]))  # fmt: skip
    with create_from_template(tmp_path / "new.summit", "mine", templates_dir=folder) as summit:
        points, scale = summit.polls.polls()
        assert [o.count for o in summit.polls.result(points.id).options] == [7, 3]
        assert points.state is PollState.CLOSED
        assert summit.live().open_poll_id == scale.id
        assert [o.mean for o in summit.polls.result(scale.id).options] == [2.0, 5.0]
        assert summit.people.count() == 2  # the Pharmacy voter voted in both polls
        hidden, phone = summit.notes.notes()
        assert hidden.is_hidden and phone.author is Author.PARTICIPANT
        assert summit.live().open_prompt_id is None
        assert [a.text for a in summit.people.actions()] == ["Write it up"]


def test_demo_ships_tables_on_its_five_year_vision(demo: Summit) -> None:
    """Issue 26: a new user meets table hosts in the quick start."""
    from summit_app.core.tables import raised_by

    assert demo.tables.count() == 15
    invested = next(p for p in demo.agenda.prompts() if p.text.startswith("What have we invested"))
    assert demo.agenda.item(invested.item_id).title == "It is April 2026: five years on"
    notes = demo.notes.notes(invested.id)
    raised = {
        t.name: raised_by((n.table_id for n in notes if n.theme_id == t.id), 15)
        for t in demo.notes.themes(invested.id)
    }
    assert raised == {
        "Relationships and shared goals": "9 of 15 tables",
        "Capacity and capability": "5 of 15 tables",
        "Our patients and communities": "3 of 15 tables",
    }
    feedback = demo.tables.feedback(invested.id)
    assert len(feedback) == 15 and all(len(f.key_points) <= 3 for f in feedback)
    assert sum(len(f.key_points) for f in feedback) == 10

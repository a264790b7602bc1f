"""The demo summit carries the seed's write-up: its lead-ins, both sets of core messages word
for word with their bold words, the speakers' prose, section by section in the seed's order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from seed_core_messages import CORE_MESSAGES_AS_SHARED, UPDATED_CORE_MESSAGES

from summit_app.core import Summit
from summit_app.core.model import Item, NarrativeBlock
from summit_app.core.narrative import ListBlock, Paragraph, parse, parse_inline, parse_lines
from summit_app.core.templates import create_from_template

SEED_SECTIONS = (
    "What does effective clinical and care professional leadership look like across a system?",
    "What needs to happen in south east London to achieve this vision?",
    "Imagining the future - 1 year; 5 years",
    "What could possibly go wrong...? Pre-mortem",
    "Next steps",
    "Closing reflections",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Summit]:
    summit = create_from_template(tmp_path_factory.mktemp("demo") / "demo.summit", "demo")
    yield summit
    summit.close()


def authored_text(s: Summit) -> str:
    """Everything the team wrote for the pack, as stored."""
    w = s.writeup
    texts = [s.info().introduction, *(b.text for b in w.narrative_blocks(None))]
    for section in s.agenda.sections():
        texts += [section.introduction, *(b.text for b in w.narrative_blocks(section.id))]
    texts += [i.writeup for i in s.agenda.items()] + [p.writeup for p in s.agenda.prompts()]
    texts += [t.summary for t in s.notes.themes()]
    texts += [p for sp in s.agenda.speakers() for p in sp.key_points]
    closing = w.closing_texts()
    texts += [closing.thanks, closing.actions_intro, closing.commitments_intro]
    return "\n".join(texts + [a.text for a in s.people.actions()])


def bold_words(paragraph: Paragraph) -> list[str]:
    return [r.text for r in paragraph.runs if r.bold]


def seed_form(message: str) -> tuple[str, list[str]]:
    """The seed's message as printed, and its bold words."""
    runs = parse_inline(message)
    return "".join(r.text for r in runs), [r.text for r in runs if r.bold]


def test_the_phrases_the_pack_must_print_are_in_the_demos_write_up(demo: Summit) -> None:
    text = authored_text(demo)
    for phrase in (
        "become world leaders in the area",
        "veer away from short-term thinking",
        "This pack provides an overview of our discussions",
        "The following factors were identified",
    ):
        assert phrase in text, phrase


def test_the_sections_come_in_the_seeds_order_each_with_its_introduction(demo: Summit) -> None:
    sections = demo.agenda.sections()
    assert tuple(s.title for s in sections) == SEED_SECTIONS
    assert all(s.introduction.strip() for s in sections)
    pre_mortem = parse(sections[3].introduction).blocks[0]
    assert isinstance(pre_mortem, Paragraph) and bold_words(pre_mortem) == ["pre-mortem"]


def test_the_nine_core_messages_as_shared_follow_the_findings(demo: Summit) -> None:
    section = demo.agenda.sections()[1]
    flow = demo.writeup.flow(section.id)
    titles = [e.title if isinstance(e, Item) else "block" for e in flow]
    assert titles[:3] == [
        "What have we heard? Findings of our engagement programme",
        "block",
        "Rank the nine core messages",
    ]
    block = flow[1]
    assert isinstance(block, NarrativeBlock)
    lead, messages = parse(block.text).blocks
    assert isinstance(lead, Paragraph) and bold_words(lead) == ["nine core messages."]
    assert isinstance(messages, ListBlock) and not messages.ordered
    assert [(i.text, bold_words(i)) for i in messages.items] == [
        seed_form(m) for m in CORE_MESSAGES_AS_SHARED
    ]


def test_the_nine_updated_core_messages_close_the_section_numbered(demo: Summit) -> None:
    section = demo.agenda.sections()[1]
    flow = demo.writeup.flow(section.id)
    discussion = next(
        i for i, e in enumerate(flow) if isinstance(e, Item) and e.title.startswith("Core messages")
    )
    block = flow[discussion + 1]
    assert isinstance(block, NarrativeBlock)
    lead, messages = parse(block.text).blocks
    assert isinstance(lead, Paragraph) and lead.text.startswith("We have updated the core messages")
    assert bold_words(lead) == ["core messages"]
    assert isinstance(messages, ListBlock) and messages.ordered and messages.start == 1
    assert [(i.text, bold_words(i)) for i in messages.items] == [
        seed_form(m) for m in UPDATED_CORE_MESSAGES
    ]


def test_the_speakers_key_points_are_their_prose_with_its_bold(demo: Summit) -> None:
    speakers = {s.name: s for s in demo.agenda.speakers()}
    angela = parse_lines(speakers["Angela Helleur"].key_points).blocks
    assert all(isinstance(b, Paragraph) for b in angela) and len(angela) == 3
    assert bold_words(angela[0]) == ["strong system leadership"]  # type: ignore[arg-type]
    vanessa = parse_lines(speakers["Vanessa Burgess"].key_points).blocks
    assert vanessa[2].text.endswith(
        "She highlighted how we should build on and amplify this going forwards."
    )  # type: ignore[union-attr]  # noqa: E501
    ben = parse_lines(speakers["Ben Collins"].key_points).blocks
    assert isinstance(ben[1], ListBlock) and ben[1].ordered and len(ben[1].items) == 5
    assert bold_words(ben[1].items[4]) == ["support"]


def test_the_lead_ins_and_closing_words_are_the_seeds(demo: Summit) -> None:
    prompts = {p.text: p for p in demo.agenda.prompts()}
    gone_wrong = next(p for t, p in prompts.items() if t.endswith("What's gone wrong?"))
    assert gone_wrong.writeup.startswith("The following factors were identified that could")
    invested = next(p for t, p in prompts.items() if t.startswith("What have we invested in"))
    assert invested.writeup == (
        "The group identified the following areas where we should invest both time and funding:"
    )
    closing = demo.writeup.closing_texts()
    assert closing.thanks.startswith("Thank you for such constructive input to the session")
    assert closing.commitments_intro.startswith("Finally we asked the group to share one action")
    commitments = [a.text for a in demo.people.actions() if a.is_commitment]
    shoes = parse_inline(next(c for c in commitments if "shoes" in c))
    assert [r.text for r in shoes if r.bold] == ["get into someone else's shoes"]
    descriptions = " ".join(i.description for i in demo.agenda.items())
    assert "from your phone" in descriptions  # the facilitator's, kept apart...
    assert "from your phone" not in authored_text(demo)  # ...from what the pack prints


def test_the_demo_pack_options_are_the_defaults(demo: Summit) -> None:
    options = demo.writeup.pack_options()
    assert options.anonymity_threshold == 5
    assert options.closing_order[:3] == ("commitments", "actions", "thanks")

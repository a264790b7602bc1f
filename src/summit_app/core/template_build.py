"""Building a summit from a template's JSON, only through the Summit API.

The format is described in resources/templates/README.md. Every problem is raised as a
TemplateProblem saying where in the file it is; templates.py turns it into a user message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from summit_app.core import table_host
from summit_app.core.errors import SummitError
from summit_app.core.model import DEFAULT_GROUPS, Author, Participant, SummitInfo
from summit_app.core.store import Summit
from summit_app.core.template_audience import load_questions, load_words
from summit_app.core.template_ballots import choices
from summit_app.core.template_fields import Node, TemplateProblem
from summit_app.core.template_writeup import NARRATIVE, add_block, build_writeup, is_narrative

FORMAT = 1
ROOT = {"format", "title", "description", "summit", "sections", "actions", "commitments",
        "writeup", "tables"}  # fmt: skip
TABLES = {"count", "names", "seats"}
INFO = {"title", "date", "venue", "organisers", "introduction", "objectives", "start_time",
        "contact", "groups"}  # fmt: skip
SECTION = {"title", "introduction", "items"}
ITEM = {"title", "kind", "minutes", "description", "writeup", "speakers", "prompts", "polls",
        "slides"}  # fmt: skip
SLIDES = {"file", "annex", "annex_per_page"}
ANNEX_SLIDE = {"slide", "caption"}
SPEAKER = {"name", "role", "organisation", "key_points"}
PROMPT = {"text", "writeup", "themes", "notes", "kind", "max_words", "moderated", "questions",
          "words", "sample"}  # fmt: skip
THEME = {"name", "summary", "colour", "notes"}
NOTE = {"text", "quote", "hidden", "author", "table", "key"}
POLL = {"question", "kind", "options", "max_choices", "points", "show_results", "state",
        "ballots"}  # fmt: skip
BALLOT = {"group", "picks", "order", "points", "levels"}
ACTION = {"text", "owner", "due"}


@contextmanager
def at(where: str) -> Iterator[None]:
    """Report an error from the Summit API as a problem at this place in the template."""
    try:
        yield
    except SummitError as error:
        raise TemplateProblem(where, str(error)) from None


def read_root(data: object) -> Node:
    root = Node.of(data, "", ROOT)
    version = root.whole("format", FORMAT)
    if version > FORMAT:
        raise TemplateProblem("format", f"{version} is newer than this Summit reads ({FORMAT}).")
    return root


def read_info(root: Node) -> SummitInfo:
    if not root.has("summit"):
        raise TemplateProblem("summit", "is missing.")
    node = Node.of(root.data["summit"], "summit", INFO)
    groups = tuple(node.texts("groups")) or DEFAULT_GROUPS
    # Checked here as well as by the store, so the message names the template's field.
    if not node.text("title").strip():
        raise node.problem("must not be empty.", "title")
    try:
        datetime.strptime(node.text("start_time", "09:30"), "%H:%M")
    except ValueError:
        raise node.problem("must be a time of day like 09:30.", "start_time") from None
    return SummitInfo(
        title=node.text("title"),
        date=node.text("date", ""),
        venue=node.text("venue", ""),
        organisers=node.text("organisers", ""),
        introduction=node.text("introduction", ""),
        objectives=tuple(node.texts("objectives")),
        start_time=node.text("start_time", "09:30"),
        groups=groups,
        contact=node.text("contact", ""),
    )


class Builder:
    """Adds a template's agenda, notes, polls, ballots and actions to a new summit.

    Sample ballots come from demo participants kept per professional group: the n-th
    ballot of a group in every poll is cast by the same person, so one person casts at
    most one ballot per poll and the group breakdowns agree across polls.
    """

    def __init__(self, summit: Summit, folder: Path | None = None) -> None:
        self.s = summit
        self.folder = folder  # where the template's slide decks are
        self.groups = summit.info().groups
        self.pools: dict[str | None, list[Participant]] = {}
        self.open_poll: int | None = None
        self.note_turn = 0
        self.audience: list[tuple[int, Node]] = []  # Q&A and cloud prompts, loaded last

    def build(self, root: Node) -> None:
        if root.has("tables"):
            self.tables(Node.of(root.data["tables"], "tables", TABLES))
        for section in root.children("sections", SECTION):
            self.section(section)
        for node in root.children("actions", ACTION, short="text"):
            self.action(node, commitment=False)
        for node in root.children("commitments", ACTION, short="text"):
            self.action(node, commitment=True)
        for prompt_id, node in self.audience:
            loader = load_questions if node.has("questions") else load_words
            loader(self.s, prompt_id, node, self.sample_people)
        with at("writeup"):
            build_writeup(self.s, root)
        if self.open_poll is not None:
            self.s.polls.open_poll(self.open_poll)
        self.s.agenda.open_prompt(None)

    def section(self, node: Node) -> None:
        with at(node.where):
            section = self.s.agenda.add_section(node.text("title"), node.text("introduction", ""))
        for i, value in enumerate(node.items("items")):
            where = f"{node.at('items')}[{i}]"
            if is_narrative(value):
                block = Node.of(value, where, NARRATIVE)
                with at(where):
                    add_block(self.s, section.id, block)
                continue
            item_node = Node.of(value, where, ITEM)
            with at(item_node.where):
                item = self.s.agenda.add_item(
                    section.id,
                    item_node.text("title"),
                    item_node.text("kind", "other"),
                    item_node.whole("minutes", 10),
                    item_node.text("description", ""),
                )
                if item_node.has("writeup"):
                    self.s.writeup.set_item_writeup(item.id, item_node.text("writeup"))
            for speaker in item_node.children("speakers", SPEAKER):
                with at(speaker.where):
                    self.s.agenda.add_speaker(
                        item.id,
                        speaker.text("name"),
                        speaker.text("role", ""),
                        speaker.text("organisation", ""),
                        speaker.texts("key_points"),
                    )
            for prompt in item_node.children("prompts", PROMPT, short="text"):
                self.prompt(item.id, prompt)
            for poll in item_node.children("polls", POLL):
                self.poll(item.id, poll)
            if item_node.has("slides"):
                self.slides(
                    item.id, Node.of(item_node.data["slides"], item_node.at("slides"), SLIDES)
                )

    def slides(self, item_id: int, node: Node) -> None:
        """The item's deck: a PDF beside the template, and the slides in the pack's annex
        (numbered from 1, as the facilitator sees them)."""
        name = node.text("file")
        if self.folder is None or Path(name).name != name or not name.endswith(".pdf"):
            raise node.problem("must name a PDF beside the template.", "file")
        try:
            pdf = (self.folder / name).read_bytes()
        except OSError as error:
            raise node.problem(f"cannot be read ({error.strerror}).", "file") from None
        with at(node.where):
            deck = self.s.decks.set_deck(item_id, pdf, name)
        for slide in node.children("annex", ANNEX_SLIDE):
            with at(slide.where):
                number = slide.whole("slide", 0)
                self.s.decks.set_annex_slide(deck.id, number - 1, True, slide.text("caption", ""))
        if node.has("annex_per_page"):
            with at(node.where):
                self.s.decks.set_annex_per_page(node.whole("annex_per_page", 1))

    def prompt(self, item_id: int, node: Node) -> None:
        with at(node.where):
            moderated = node.data.get("moderated")
            if moderated is not None and not isinstance(moderated, bool):
                raise node.problem("must be true, false or null.", "moderated")
            prompt_id = self.s.agenda.add_prompt(
                item_id,
                node.text("text"),
                node.text("kind", "notes"),
                node.whole("max_words", 3),
                moderated,
                node.text("writeup", ""),
            ).id
        if node.has("questions") and node.has("words"):
            raise node.problem("a prompt takes questions or words, not both.")
        if node.has("questions") or node.has("words"):
            self.audience.append((prompt_id, node))
        for theme_node in node.children("themes", THEME):
            with at(theme_node.where):
                theme = self.s.notes.add_theme(
                    prompt_id,
                    theme_node.text("name"),
                    theme_node.text("summary", ""),
                    theme_node.optional_text("colour"),
                )
            for note in theme_node.children("notes", NOTE, short="text"):
                self.note(prompt_id, theme.id, note)
        for note in node.children("notes", NOTE, short="text"):
            self.note(prompt_id, None, note)

    def tables(self, node: Node) -> None:
        """The room's tables (issue 26): how many, their names, their seats."""
        with at(node.where):
            self.s.tables.set_tables(
                node.whole("count", 0), names=node.texts("names"), seats=node.whole("seats", 10)
            )

    def table_note(self, prompt_id: int, theme_id: int | None, node: Node) -> None:
        """A note a table's host sent, tagged with the table (and starred if `key`)."""
        with at(node.where):
            self.s.agenda.open_prompt(prompt_id)  # a table sends only to the open prompt
            note = self.s.notes.add_note(
                prompt_id, node.text("text"), Author.PARTICIPANT, theme_id=theme_id,
                table_id=node.whole("table", 0),
            )  # fmt: skip
            if node.flag("key"):
                table_host.mark_key(self.s, note.id)

    def note(self, prompt_id: int, theme_id: int | None, node: Node) -> None:
        if node.has("table"):
            self.table_note(prompt_id, theme_id, node)
            return
        with at(node.where):
            if node.text("author", "facilitator") not in ("facilitator", "participant"):
                raise node.problem("must be facilitator or participant.", "author")
            author = Author(node.text("author", "facilitator"))
            participant_id = None
            if author is Author.PARTICIPANT:
                # A participant may write only to the open prompt, as on the day.
                self.s.agenda.open_prompt(prompt_id)
                participant_id = self.note_writer().id
            note = self.s.notes.add_note(
                prompt_id, node.text("text"), author, participant_id, theme_id,
                node.flag("quote"),
            )  # fmt: skip
            if node.flag("hidden"):
                self.s.notes.set_hidden(note.id, True)

    def note_writer(self) -> Participant:
        everyone = [p for pool in self.pools.values() for p in pool]
        if not everyone:
            everyone = [self.participant(None, 0)]
        self.note_turn += 1
        return everyone[(self.note_turn - 1) % len(everyone)]

    def poll(self, item_id: int, node: Node) -> None:
        with at(node.where):
            poll = self.s.polls.add_poll(
                item_id,
                node.text("question"),
                node.text("kind"),
                node.texts("options"),
                node.whole("max_choices", 1),
                node.whole("points", 0),
                node.flag("show_results"),
            )
        ballots = node.children("ballots", BALLOT)
        state = node.text("state", "closed" if ballots else "draft")
        if state not in ("draft", "open", "closed"):
            raise node.problem("must be draft, open or closed.", "state")
        if ballots and state == "draft":
            raise node.problem("a poll with sample ballots must be open or closed.", "state")
        if state == "open" and self.open_poll is not None:
            raise node.problem("only one poll can be open at a time.", "state")
        if state != "draft":
            self.s.polls.open_poll(poll.id)
        turns: dict[str | None, int] = {}
        for ballot in ballots:
            group = ballot.optional_text("group")
            if group is not None and group not in self.groups:
                raise ballot.problem(f"'{group}' is not one of the summit's groups.", "group")
            turns[group] = turns.get(group, 0) + 1
            voter = self.participant(group, turns[group] - 1)
            with at(ballot.where):
                self.s.polls.cast_ballot(poll.id, voter.id, choices(poll, ballot))
        if state == "closed":
            self.s.polls.close_poll(poll.id)
        elif state == "open":
            self.open_poll = poll.id

    def sample_people(self, wanted: int) -> list[Participant]:
        """At least `wanted` sample participants: the voters first, new ones if too few."""
        everyone = [p for pool in self.pools.values() for p in pool]
        while len(everyone) < wanted:
            everyone.append(self.participant(None, len(self.pools.get(None, []))))
        return everyone

    def participant(self, group: str | None, n: int) -> Participant:
        """The n-th demo participant of `group`, joining as many as needed."""
        pool = self.pools.setdefault(group, [])
        while len(pool) <= n:
            pool.append(self.s.people.join(group))
        return pool[n]

    def action(self, node: Node, commitment: bool) -> None:
        with at(node.where):
            self.s.people.add_action(
                node.text("text"), node.text("owner", ""), node.text("due", ""), commitment
            )

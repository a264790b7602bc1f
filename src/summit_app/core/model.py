"""The domain values. Plain dataclasses: the store builds them, everyone else reads them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    TALK = "talk"
    DISCUSSION = "discussion"
    VOTE = "vote"
    RANKING = "ranking"
    BREAK = "break"
    OTHER = "other"


class PollKind(StrEnum):
    SINGLE = "single"  # pick one
    MULTI = "multi"  # pick up to max_choices
    POINTS = "points"  # allocate `points` across the options
    RANK = "rank"  # order every option
    SCALE = "scale"  # rate each option (statement) on the agreement scale


class PollState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Author(StrEnum):
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"


class PromptKind(StrEnum):
    NOTES = "notes"  # sticky notes, clustered into themes
    WORDS = "words"  # one to three words each, counted into a word cloud
    QUESTIONS = "questions"  # questions for a speaker or panel, upvoted by the room


class QuestionState(StrEnum):
    OPEN = "open"
    ANSWERING = "answering"  # the one on the projector now
    ANSWERED = "answered"


class CountMethod(StrEnum):
    HANDS = "hands"
    PAPER = "paper"


# The agreement scale, lowest first; a ballot's value for a statement is 1..5.
SCALE_LABELS: tuple[str, ...] = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)

DEFAULT_GROUPS: tuple[str, ...] = (
    "Nursing",
    "Pharmacy",
    "General practice",
    "Social care",
    "Acute care",
    "Mental health",
    "Public health",
    "Patient or carer",
    "Other",
    "Prefer not to say",
)


@dataclass(frozen=True)
class SummitInfo:
    title: str
    date: str = ""
    venue: str = ""
    organisers: str = ""
    introduction: str = ""
    objectives: tuple[str, ...] = ()
    start_time: str = "09:30"
    join_code: str = ""
    groups: tuple[str, ...] = DEFAULT_GROUPS
    contact: str = ""
    short_code: str = ""  # six digits to type beside the QR code; set when the file is made
    privacy_notice: str = ""  # what the phone's join page says first; '' is the default one
    retention_days: int = 90  # how long the identifiable part is kept before anonymising
    shared_address: bool = False  # many phones behind one address: no per-address total
    anonymised_at: str = ""  # when File › Close and anonymise was done; '' until then
    # The language the summit's own words are written in (titles, questions, options,
    # prompts, groups, its own privacy notice): phones mark them with it, whatever the
    # language of the page around them, so a screen reader pronounces each part right.
    content_lang: str = "en"


@dataclass(frozen=True)
class Logo:
    """The summit's logo as kept in the file: a PNG or JPEG image."""

    image: bytes
    mime: str
    name: str = ""


@dataclass(frozen=True)
class Section:
    id: int
    position: int
    title: str
    introduction: str = ""


@dataclass(frozen=True)
class Item:
    id: int
    section_id: int
    position: int
    title: str
    kind: ItemKind
    planned_minutes: int
    description: str = ""
    actual_start: str | None = None
    actual_end: str | None = None
    writeup: str = ""  # the pack's narrative for this item; `description` is the facilitator's
    extra_minutes: int = 0  # added on the day (+1, +5); the plan keeps `planned_minutes`
    paused_seconds: int = 0  # time its clock was paused, pauses that have ended
    paused_at: str | None = None  # when the current pause began; None while running


@dataclass(frozen=True)
class Speaker:
    id: int
    item_id: int
    position: int
    name: str
    role: str = ""
    organisation: str = ""
    key_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prompt:
    id: int
    item_id: int
    position: int
    text: str
    kind: PromptKind = PromptKind.NOTES
    max_words: int = 3  # a words prompt: how many answers each phone may send
    moderated: bool | None = None  # None: as the summit's own setting
    writeup: str = ""  # the pack's lead-in after the question ("The following factors...")


@dataclass(frozen=True)
class Theme:
    id: int
    prompt_id: int
    position: int
    name: str
    summary: str = ""
    colour: str = "#fde68a"


@dataclass(frozen=True)
class Note:
    id: int
    prompt_id: int
    text: str
    author: Author
    created_at: str
    participant_id: int | None = None
    theme_id: int | None = None
    is_quote: bool = False
    is_hidden: bool = False
    position: int = 0
    is_held: bool = False  # waiting for the facilitator's approval; not shown to the room
    flagged: str = ""  # what the profanity filter found, if that is why it is held
    table_id: int | None = None  # the table whose host sent it
    is_key: bool = False  # starred by its table as one of its (up to three) key points
    sent_key: str | None = None  # the host phone's name for it (a resend finds it in)
    count: int = 1  # near-duplicates merged into this note: how many said it

    @property
    def label(self) -> str:
        """The text as the wall and the pack show it: "Protected time (x3)" when merged."""
        return self.text if self.count <= 1 else f"{self.text} (x{self.count})"


@dataclass(frozen=True)
class Table:
    """One of the room's round tables: its number (`id`), an optional name, its seats and
    the pass on its printed card. `host_token` is the secret of the phone that scanned
    the card (None until one did); `printed` counts the cards printed for it."""

    id: int
    pass_: str
    name: str = ""
    seats: int = 10
    printed: int = 1
    host_token: str | None = None
    last_contact: str | None = None

    @property
    def label(self) -> str:
        """'Table 3' or 'Table 3 (Riverside)'."""
        return f"Table {self.id} ({self.name})" if self.name else f"Table {self.id}"


@dataclass(frozen=True)
class TableCount:
    """What a table host counted for a poll on behalf of the people at the table who did
    not vote by phone: `people` counted, and option id -> picks. Never a ballot."""

    poll_id: int
    table_id: int
    people: int
    counts: dict[int, int]
    counted_at: str = ""


@dataclass(frozen=True)
class Question:
    """A question from the room (or typed by the facilitator) for a Q&A prompt.

    `upvotes` counts distinct phones, including those that upvoted questions merged into it.
    """

    id: int
    prompt_id: int
    text: str
    author: Author
    created_at: str
    upvotes: int = 0
    participant_id: int | None = None
    state: QuestionState = QuestionState.OPEN
    merged_into: int | None = None
    is_hidden: bool = False
    is_held: bool = False
    flagged: str = ""
    answered_at: str | None = None

    @property
    def is_shown(self) -> bool:
        """Whether the room sees it (phones' list, projector)."""
        return not (self.is_hidden or self.is_held or self.merged_into is not None)


@dataclass(frozen=True)
class Word:
    """One answer to a words prompt, exactly as typed, and its normalised `word`."""

    id: int
    prompt_id: int
    text: str
    word: str
    author: Author
    created_at: str
    participant_id: int | None = None
    is_hidden: bool = False
    is_held: bool = False
    flagged: str = ""


@dataclass(frozen=True)
class WordCount:
    """A word of the cloud: the answers sharing one normalised form.

    `text` is the form typed most often (the first typed among equals), shown as typed.
    """

    word: str
    text: str
    count: int
    forms: tuple[str, ...] = ()
    is_hidden: bool = False


@dataclass(frozen=True)
class Option:
    id: int
    poll_id: int
    position: int
    text: str
    theme_id: int | None = None  # an option made from a theme (a poll on a prompt's themes)


@dataclass(frozen=True)
class Poll:
    id: int
    item_id: int
    position: int
    question: str
    kind: PollKind
    state: PollState = PollState.DRAFT
    max_choices: int = 1
    points: int = 0
    show_results: bool = False
    options: tuple[Option, ...] = ()
    opened_at: str | None = None
    closed_at: str | None = None


@dataclass(frozen=True)
class Participant:
    id: int
    token: str
    joined_at: str
    group: str | None = None
    acted_at: str | None = None  # first vote, note or group: only then are they taking part


@dataclass(frozen=True)
class Card:
    """A printed voting card: its number, its pass (in its QR code) and nothing about who
    holds it. `participant_id` is the phone that used it; `replaces` the card it stands in
    for after that one was revoked."""

    id: int
    pass_: str
    created_at: str
    group: str | None = None
    participant_id: int | None = None
    revoked_at: str | None = None
    replaces: int | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class Ballot:
    """One participant's answer to one poll.

    `choices` maps option id to a value whose meaning follows the poll kind:
    1 for a pick, points allocated, rank position (1 = first), or scale level (1..5).
    """

    id: int
    poll_id: int
    participant_id: int
    choices: dict[int, int]
    cast_at: str
    group: str | None = None


@dataclass(frozen=True)
class HandCount:
    """A count taken in the room (show of hands, paper) and typed in by the facilitator.

    `level` is the rank position or scale level for rank and scale polls, else None.
    """

    id: int
    poll_id: int
    option_id: int
    count: int
    method: CountMethod
    level: int | None = None


@dataclass(frozen=True)
class Action:
    id: int
    position: int
    text: str
    owner: str = ""
    due: str = ""
    is_commitment: bool = False


@dataclass(frozen=True)
class LiveState:
    """What is happening now, as phones and the projector need it."""

    current_item_id: int | None
    open_prompt_id: int | None
    open_poll_id: int | None
    changed_at: str = ""


@dataclass(frozen=True)
class NarrativeBlock:
    """A block of formatted text the programme team placed in a section's write-up.

    It follows item `after_item_id` (None: before the section's first item), and blocks
    following the same item go in `position` order. `section_id` None: the introduction,
    after the objectives. `text` is stored as typed; `narrative.parse(text)` is its form.
    """

    id: int
    section_id: int | None
    after_item_id: int | None
    position: int
    text: str
    title: str = ""  # an optional heading printed above it


# The pages after the last section, in their default order (the seed's): the personal
# commitments close the last section's reflections, then next steps, the thank-you, the
# "What have we heard?" table, and the figures: who took part and the data appendix.
CLOSING_PAGES: tuple[str, ...] = (
    "commitments",
    "actions",
    "thanks",
    "what_we_heard",
    "participation",
    "data_appendix",
)
DEFAULT_ANONYMITY_THRESHOLD = 5


@dataclass(frozen=True)
class PackOptions:
    """What the programme team chose the pack to include, and in what order it closes.

    A professional group with fewer voters than `anonymity_threshold` is folded into
    "Other groups" in every table and chart for people.
    """

    include_agenda: bool = True
    include_participation: bool = True
    include_group_tables: bool = True
    include_data_appendix: bool = True
    closing_order: tuple[str, ...] = CLOSING_PAGES
    anonymity_threshold: int = DEFAULT_ANONYMITY_THRESHOLD
    # What the cover says: a publication date or a version ("20 April 2021", "Version 2");
    # empty, the pack is a draft and says so.
    publication: str = ""
    # The themes (ids) the closing "What have we heard?" table holds, in order; None: every
    # theme with a summary, in agenda order.
    closing_themes: tuple[int, ...] | None = None


@dataclass(frozen=True)
class ClosingTexts:
    """The team's words for the closing pages (each a narrative text, '' for none)."""

    thanks: str = ""  # the thank-you page
    actions_intro: str = ""  # before the actions ("next steps")
    commitments_intro: str = ""  # before the personal commitments

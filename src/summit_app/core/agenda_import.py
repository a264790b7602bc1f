"""An agenda from a table (pasted from Word or a spreadsheet, or a CSV file) or from
another summit, added to this one.

A table has a row per item: title, minutes, kind, speaker, in that order or under headings
that say so ("Session", "Duration", "Type", "Presenter", "Section"...). Minutes may be
"15", "15 min", "1 hour", "1h30" or a time range "09:30-10:00". A row with a title and
nothing else is a section heading, as agendas in Word are laid out; a "Section" column
does the same. A speaker reads "Name, role, organisation"; several are split by ";".
A row that cannot be read is refused with its line number, and nothing is added.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summit_app.core.errors import ValidationError
from summit_app.core.model import ItemKind

if TYPE_CHECKING:
    from summit_app.core.model import Item
    from summit_app.core.store import Summit

COLUMNS = ("title", "minutes", "kind", "speaker", "section")
HEADINGS = {
    "title": ("title", "item", "session", "topic", "what", "agenda item", "activity"),
    "minutes": ("minutes", "mins", "min", "duration", "length", "time", "timing", "when"),
    "kind": ("kind", "type", "format"),
    "speaker": ("speaker", "speakers", "presenter", "presenters", "lead", "who", "facilitator"),
    "section": ("section", "part", "block"),
}
KIND_WORDS = {
    ItemKind.BREAK: ("break", "lunch", "coffee", "tea", "refreshments"),
    ItemKind.RANKING: ("ranking", "rank", "prioritise", "prioritize", "priorities"),
    ItemKind.VOTE: ("vote", "voting", "poll"),
    ItemKind.DISCUSSION: ("discussion", "workshop", "table", "breakout", "pre-mortem", "q&a"),
    ItemKind.TALK: ("talk", "presentation", "keynote", "speech", "welcome", "panel"),
}
# With no kind given, only a title this plain says what the item is.
TITLE_HINTS = {
    ItemKind.BREAK: KIND_WORDS[ItemKind.BREAK],
    ItemKind.DISCUSSION: ("discussion", "workshop", "breakout", "pre-mortem"),
}
RANGE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*(?:-|–|—|to)\s*(\d{1,2})[:.](\d{2})$")
DURATION = re.compile(
    r"^(?:(\d+)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d+)\s*(?:m|min|mins|minute|minutes)?)?$"
)
MAX_ROWS = 500


@dataclass(frozen=True)
class SpeakerRow:
    name: str
    role: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ItemRow:
    """One item to add; `section` names the section it goes in ('' for the chosen one)."""

    title: str
    minutes: int
    kind: ItemKind
    section: str = ""
    speakers: tuple[SpeakerRow, ...] = ()
    description: str = ""
    prompts: tuple[tuple[str, str], ...] = ()  # (text, kind)
    polls: tuple[dict[str, Any], ...] = field(default=(), compare=False)  # add_poll's arguments


def read_table(text: str) -> list[ItemRow]:
    """The items of a pasted table (tab-separated) or of CSV text."""
    return rows_to_items(split_cells(text))


def read_csv_file(path: Path | str) -> list[ItemRow]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = Path(path).read_text(encoding="cp1252")  # Excel's "CSV" on Windows
    except OSError as error:
        raise ValidationError(f"{path} cannot be read: {error.strerror}.") from error
    return read_table(text)


def split_cells(text: str) -> list[list[str]]:
    """Rows of cells: tab-separated when any line has a tab (a spreadsheet's or Word's
    copy), else CSV (commas or semicolons, whichever the first line has more of)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if "\t" in text:
        reader = csv.reader(io.StringIO(text), delimiter="\t")
    else:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [[cell.strip() for cell in row] for row in reader]


def table_from_html(html: str) -> list[list[str]]:
    """The cells of the first table in clipboard HTML (Word, a spreadsheet, a web page)."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.rows


def rows_to_items(rows: list[list[str]]) -> list[ItemRow]:
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValidationError("There is no agenda to add: the table is empty.")
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"An agenda of {len(rows)} rows is too long (at most {MAX_ROWS}).")
    columns, rows, first_line = _columns(rows)
    items: list[ItemRow] = []
    section = ""
    for number, row in enumerate(rows, start=first_line):
        cells = {name: row[i].strip() if i < len(row) else "" for name, i in columns.items()}
        extra = [c for i, c in enumerate(row) if i not in columns.values() and c.strip()]
        title = " ".join(cells.get("title", "").split())
        if not title:
            raise ValidationError(f"Row {number} has no title: every item needs one.")
        if cells.get("section"):
            section = cells["section"]
        rest = [cells.get(k, "") for k in ("minutes", "kind", "speaker")]
        if not any(rest) and not extra:
            section = title  # a heading row
            continue
        minutes = _minutes(cells.get("minutes", ""), number)
        kind = _kind(cells.get("kind", ""), title)
        speakers = tuple(_speaker(s) for s in re.split(r"[;\n]", cells.get("speaker", "")))
        items.append(ItemRow(title, minutes, kind, section, tuple(s for s in speakers if s.name)))
    if not items:
        raise ValidationError("The table has section headings but no items with minutes.")
    return items


def _columns(rows: list[list[str]]) -> tuple[dict[str, int], list[list[str]], int]:
    """Which column holds what: from a heading row, else title, minutes, kind, speaker."""
    head = [" ".join(cell.lower().split()).strip(" :*") for cell in rows[0]]
    found: dict[str, int] = {}
    for i, cell in enumerate(head):
        for name, words in HEADINGS.items():
            if name not in found and cell in words:
                found[name] = i
                break
    if "title" in found and len(found) >= 2:
        return found, rows[1:], 2
    return {name: i for i, name in enumerate(COLUMNS[:4])}, rows, 1


def _minutes(text: str, line: int) -> int:
    value = text.lower().strip()
    if not value:
        return 10
    ranged = RANGE.match(value)
    if ranged:
        start = int(ranged[1]) * 60 + int(ranged[2])
        end = int(ranged[3]) * 60 + int(ranged[4])
        if end > start:
            return end - start
    else:
        match = DURATION.match(value.replace(" ", "")) if value[0].isdigit() else None
        if match and (match[1] or match[2]):
            minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
            if 0 < minutes <= 24 * 60:
                return minutes
    raise ValidationError(
        f"Row {line}: “{text}” is not a length of time; write minutes (15),"
        " hours and minutes (1h30) or a time range (09:30-10:00)."
    )


def _kind(text: str, title: str) -> ItemKind:
    """The kind a cell names; with none, a break or discussion its title names, else a talk."""
    if text:
        word = text.lower().strip()
        found = _kind_named(word, KIND_WORDS)
        if found is not None:
            return found
        try:
            return ItemKind(word)
        except ValueError:
            return ItemKind.OTHER
    return _kind_named(title.lower(), TITLE_HINTS) or ItemKind.TALK


def _kind_named(words: str, table: dict[ItemKind, tuple[str, ...]]) -> ItemKind | None:
    for kind, names in table.items():
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words) for n in names):
            return kind
    return None


def _speaker(text: str) -> SpeakerRow:
    parts = [p.strip() for p in text.split(",")]
    return SpeakerRow(parts[0], parts[1] if len(parts) > 1 else "", ", ".join(parts[2:]))


def items_of(path: Path | str) -> list[ItemRow]:
    """Another summit's agenda: its sections, items, speakers, prompts and polls (as
    drafts: no ballot goes with them)."""
    from summit_app.core.store import Summit

    with Summit.open(path) as other:
        sections = {s.id: s.title for s in other.agenda.sections()}
        polls: dict[int, list[dict[str, Any]]] = {}
        for poll in other.polls.polls():
            polls.setdefault(poll.item_id, []).append(
                {
                    "question": poll.question,
                    "kind": poll.kind,
                    "options": [o.text for o in poll.options],
                    "max_choices": poll.max_choices,
                    "points": poll.points,
                }
            )
        return [
            ItemRow(
                item.title,
                item.planned_minutes,
                item.kind,
                sections[item.section_id],
                tuple(
                    SpeakerRow(s.name, s.role, s.organisation)
                    for s in other.agenda.speakers(item.id)
                ),
                item.description,
                tuple((p.text, p.kind.value) for p in other.agenda.prompts(item.id)),
                tuple(polls.get(item.id, ())),
            )
            for item in other.agenda.items()
        ]


def add_items(summit: Summit, rows: list[ItemRow], section_id: int | None = None) -> list[Item]:
    """Add the rows to the agenda: an item without a section name goes in `section_id`
    (else the last section, else a new "Programme"); a named section is the existing one of
    that title, or a new one at the end. Into an agenda with no items yet, a table whose rows
    all name their sections replaces the empty sections there. The caller makes it one
    transaction and undo step."""
    sections = summit.agenda.sections()
    # A blank summit's placeholder section ("Morning") gives way to a table's own sections.
    if not summit.agenda.items() and all(row.section for row in rows):
        for section in sections:
            summit.agenda.remove_section(section.id)
        sections, section_id = [], None
    by_title = {s.title: s.id for s in sections}
    added = []
    for row in rows:
        if row.section:
            if row.section not in by_title:
                by_title[row.section] = summit.agenda.add_section(row.section).id
            target = by_title[row.section]
        else:
            if section_id is None:
                sections = summit.agenda.sections()
                section_id = (
                    sections[-1].id if sections else summit.agenda.add_section("Programme").id
                )
            target = section_id
        item = summit.agenda.add_item(target, row.title, row.kind, row.minutes, row.description)
        for speaker in row.speakers:
            summit.agenda.add_speaker(item.id, speaker.name, speaker.role, speaker.organisation)
        for text, kind in row.prompts:
            summit.agenda.add_prompt(item.id, text, kind)
        for poll in row.polls:
            summit.polls.add_poll(item.id, **poll)
        added.append(item)
    return added


class _TableParser(HTMLParser):
    """The first <table>'s rows of cell texts; nested tables are read as text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._depth = 0
        self._done = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth == 1 and tag == "tr":
            self.rows.append([])
        elif self._depth == 1 and tag in ("td", "th") and self.rows:
            self._cell = []
        elif tag in ("br", "p", "div", "li") and self._cell is not None and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth -= 1
            self._done = self._depth == 0 and bool(self.rows)
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell)
            lines = [" ".join(line.split()) for line in text.split("\n")]
            self.rows[-1].append("\n".join(line for line in lines if line))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

"""The write-up pack as plain data: everything every edition prints, decided once.

`build_pack(summit)` (export/build.py) makes a `Pack` from the `.summit` file; the PDF, HTML
and Word renderers lay it out and decide nothing about what it says. A pack is a sequence of
`Part`s (the introduction, each section of the day, the closing pages, the data appendix),
each a sequence of blocks:

- `Heading`: a heading of level 2 to 4 inside a part (the part's own title is level 1);
  `anchor` is its id for links, `contents` lists it in the table of contents.
- `Para` and `Bullets`: formatted text, runs of characters that are bold, italic or plain,
  never markup; `tone` says what kind of text it is (the team's narrative, a participant's
  note, a quote, a caption), which each renderer styles in its own way.
- `Table`: columns with headers, rows of cells (plain text, runs, or `Rich` paragraphs and
  lists); `group_rows` are rows that head a group of rows (the agenda's sections).
- `Chart`: bars (one part each, or several stacked parts for an agreement scale), every bar
  labelled in full, with its text alternative and its data as a `Table`: the PDF draws the
  bars with their labels and figures, the HTML draws them as SVG with the table beside
  them, the Word edition prints the table.

Texts are already set for print (curly quotes, dashes, no-break space before a heading's
last word); user text is characters, so `<b>` is four characters wherever it appears.
New kinds of results (questions, word clouds) are new block types: a renderer that meets
a block it does not know fails loudly rather than leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from summit_app.core.model import Logo
from summit_app.export.dates import long_date


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


Inline = tuple[Run, ...]


class Tone(StrEnum):
    BODY = "body"  # the team's narrative
    NOTE = "note"  # what a participant wrote, as typed
    QUOTE = "quote"  # a participant's words set apart
    CAPTION = "caption"  # how to read the figures beside it
    BYLINE = "byline"  # a speaker's role and organisation


@dataclass(frozen=True)
class Para:
    runs: Inline
    tone: Tone = Tone.BODY

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, or a numbered one counting from `start`."""

    items: tuple[Inline, ...]
    ordered: bool = False
    start: int = 1
    tone: Tone = Tone.BODY


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 2, 3 or 4 (a part's title is 1)
    anchor: str = ""
    contents: bool = False  # listed in the table of contents, under its part
    swatch: str = ""  # a theme's colour on the note board, '#rrggbb'


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False  # right-aligned figures


@dataclass(frozen=True)
class Rich:
    """A table cell of several paragraphs or lists (a theme's summary)."""

    blocks: tuple[Para | Bullets, ...]


Cell = str | Inline | Rich


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""  # what the table shows, for a reader who meets it alone
    row_headers: bool = True  # the first cell of a row names it
    group_rows: tuple[int, ...] = ()  # rows (indices) that head the rows after them

    def without_empty_columns(self) -> Table:
        """The table less the columns no row fills (an agenda's "Actual" when the day was
        never run): an empty column tells the reader nothing and takes room from the rest."""
        rows = [row for r, row in enumerate(self.rows) if r not in self.group_rows]
        keep = [c for c in range(len(self.columns)) if any(_filled(row[c]) for row in rows)]
        if len(keep) == len(self.columns) or not keep:
            return self
        return replace(
            self,
            columns=tuple(self.columns[c] for c in keep),
            rows=tuple(
                (row[0], *[""] * (len(keep) - 1))
                if r in self.group_rows  # a group's heading spans the table
                else tuple(row[c] for c in keep)
                for r, row in enumerate(self.rows)
            ),
        )


def _filled(cell: object) -> bool:
    if isinstance(cell, str):
        return bool(cell.strip())
    if isinstance(cell, Rich):
        return bool(cell.blocks)
    return any(run.text.strip() for run in cell)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[float, ...]  # 0..1 of the full length; several parts are stacked
    figure: str  # printed at the end of the bar, e.g. "15%" or "40% agree"


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str  # the chart in one or two sentences, for a reader who cannot see it
    bars: tuple[Bar, ...]
    data: Table  # the same figures as a table
    legend: tuple[str, ...] = ()  # names of the stacked parts, in order


@dataclass(frozen=True)
class Cloud:
    """A word cloud: each word drawn bigger the more answers it had (`core.cloud_layout`
    places them, as on the projector), with its text alternative and its top words as a
    `Table`, which is what a screen reader reads and the Word edition prints."""

    title: str
    alt: str
    words: tuple[tuple[str, int], ...]  # (the word as typed most, answers), most first
    data: Table


@dataclass(frozen=True, eq=False)
class Slide:
    """A speaker's slide in the annex: the PDF printed as the slide's own vector page, the
    HTML and Word editions as a picture whose alternative text is the slide's own text."""

    pdf: bytes  # the whole deck (one bytes object shared by its slides)
    page: int  # from 0
    width: float  # points
    height: float
    caption: str  # the team's caption, or which slide it is
    alt: str  # the slide's text, extracted


Block = Heading | Para | Bullets | Table | Chart | Cloud | Slide


class PartKind(StrEnum):
    FRONT = "front"  # introduction, agenda
    SECTION = "section"  # a section of the day
    CLOSING = "closing"  # commitments, actions, thank-you, what we heard
    APPENDIX = "appendix"  # who took part, how groups voted, the data


@dataclass(frozen=True)
class Part:
    title: str
    anchor: str
    blocks: tuple[Block, ...]
    kind: PartKind = PartKind.SECTION
    new_page: bool = True  # starts a page in paged editions


@dataclass(frozen=True)
class Pack:
    title: str
    date: str = ""  # as printed: "13 April 2021"
    venue: str = ""
    organisers: str = ""
    language: str = "en-GB"  # BCP 47
    logo: Logo | None = None  # the summit's logo (Summit settings), on the cover
    parts: tuple[Part, ...] = ()
    exported_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    # The cover's edition line: the team's publication date or version, or "Draft, exported
    # on ..." until they set one (Write-up › Closing pages).
    edition: str = ""
    # The annex prints one or two slides to a page (the team's choice).
    slides_per_page: int = 1
    # What a reader of the log should know: groups folded for anonymity, fonts used
    # from the computer or missing. Never printed in the pack itself.
    log: tuple[str, ...] = ()

    @property
    def exported_on(self) -> str:
        """'6 December 2026': the day it was exported, in the pack's language."""
        return long_date(self.exported_at)

    @property
    def logo_alt(self) -> str:
        """The logo's text alternative: whose logo it is."""
        return f"Logo of {self.organisers or self.title}"

    def contents(self) -> list[tuple[str, str, int]]:
        """The table of contents: (anchor, title, level 0 for a part or 1 below it)."""
        entries: list[tuple[str, str, int]] = []
        for part in self.parts:
            entries.append((part.anchor, part.title, 0))
            entries += [
                (b.anchor, b.text, 1) for b in part.blocks if isinstance(b, Heading) and b.contents
            ]
        return entries

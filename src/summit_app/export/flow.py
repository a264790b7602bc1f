"""Small flowables and table helpers shared by the story builders."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from summit_app.export.fonts import REGULAR
from summit_app.export.styles import ACCENT, INK, QUOTE_BAR, QUOTE_BG, RULE, ZEBRA


class Heading(Paragraph):
    """A heading that is listed in the contents and the PDF outline.

    The renderer's afterFlowable notes the page it lands on under `toc_key`.
    """

    def __init__(self, text: str, style, toc_key: str, toc_title: str, level: int = 0) -> None:
        super().__init__(text, style)
        self.toc_key = toc_key
        self.toc_title = toc_title
        self.toc_level = level


def headings(flowables: Sequence[Flowable]) -> list[Heading]:
    """Every Heading in a story, those kept together with what follows them included."""
    found: list[Heading] = []
    for flowable in flowables:
        if isinstance(flowable, Heading):
            found.append(flowable)
        elif isinstance(flowable, KeepTogether):
            found += headings(flowable._content)  # noqa: SLF001 - reportlab keeps them there
    return found


def keep_together(flowables: Sequence[Flowable]) -> KeepTogether:
    """KeepTogether over `flowables`, with any KeepTogether inside them unpacked.

    A KeepTogether reports an endless height to force its own split, so one nested in
    another makes the outer one think it never fits and start a new page needlessly.
    """
    flat: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            flat += flowable._content  # noqa: SLF001 - reportlab keeps them there
        else:
            flat.append(flowable)
    return KeepTogether(flat)


def page_form(key: str) -> str:
    return f"toc_{key}"


class PageRef(Flowable):
    """The page number of a heading, drawn from a form filled in once the build is done.

    reportlab lets a page use a form before it is defined, so the contents can show page
    numbers in a single pass instead of building the whole pack twice.
    """

    def __init__(self, key: str, width: float = 30, height: float = 12) -> None:
        super().__init__()
        self.key = key
        self.width = width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(page_form(self.key))


def define_page_form(canvas, key: str, page: int | None, width: float = 30) -> None:
    canvas.beginForm(page_form(key), 0, -2, width, 14)
    if page is not None:
        canvas.setFont(REGULAR, 11)
        canvas.setFillColor(INK)
        canvas.drawRightString(width, 1, str(page))
    canvas.endForm()


def grid(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    right: Sequence[int] = (),
    header: bool = True,
    split_in_row: bool = False,
) -> Table:
    """A results-style table: coloured header row repeated on each page, zebra rows."""
    # split_in_row lets a row taller than a page (a very long summary) split instead of
    # failing; it is off by default because it also splits rows that would fit on the next page.
    table = Table(
        list(rows),
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        splitInRow=int(split_in_row),
    )
    commands: list[tuple] = [
        # Plain-string cells (numbers) are set in the pack's font; they are much cheaper
        # than a Paragraph each, which counts in a day with thousands of table cells.
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    first = 1 if header else 0
    for row in range(first, len(rows)):
        if (row - first) % 2 == 1:
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    for col in right:
        commands.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def pull_quote(paragraph: Paragraph, width: float) -> Table:
    """A quote set apart: tinted box with a coloured bar on its left."""
    table = Table([[paragraph]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), QUOTE_BG),
                ("LINEBEFORE", (0, 0), (0, -1), 3, QUOTE_BAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    table.spaceBefore = 4
    table.spaceAfter = 8
    return table


def swatch_table(colour: str, paragraph: Paragraph, width: float) -> Table:
    """A theme heading with a small block of the theme's board colour before it."""
    try:
        fill = colors.HexColor(colour)
    except (ValueError, TypeError):
        fill = ZEBRA
    table = Table([["", paragraph]], colWidths=[8, width - 8])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), fill),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table

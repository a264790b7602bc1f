"""The front of the pack: cover, contents, introduction and objectives, agenda."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
)

from summit_app.export.data import PackData, clock_time, is_break, long_date
from summit_app.export.flow import Heading, PageRef, grid
from summit_app.export.styles import FRAME_WIDTH, RULE
from summit_app.export.text import para, safe

KIND_WORDS = {
    "talk": "Talk",
    "discussion": "Discussion",
    "vote": "Vote",
    "ranking": "Ranking",
    "break": "Break",
    "other": "",
}


def cover(data: PackData, s: StyleSheet1) -> list[Flowable]:
    info = data.info
    story: list[Flowable] = [Spacer(1, 66 * mm)]
    story.append(para(info.title, s["CoverTitle"]))
    for line in (long_date(info.date), info.venue):
        if line.strip():
            story.append(para(line, s["CoverLine"]))
    if info.organisers.strip():
        story += [Spacer(1, 10 * mm), Paragraph("Organised by", s["Small"])]
        story.append(para(info.organisers, s["CoverLine"]))
    return story


def contents(entries: Sequence[tuple[str, str, int]], s: StyleSheet1) -> list[Flowable]:
    """The contents: (key, title, level) rows with page numbers filled in after the build."""
    story: list[Flowable] = [Paragraph("Contents", s["H1"])]
    rows = []
    for key, title, level in entries:
        style = s["Toc"] if level == 0 else s["TocSub"]
        # Each title links to its heading (the renderer bookmarks every heading by key).
        link = Paragraph(f'<a href="#{key}">{safe(title)}</a>', style)
        rows.append([link, PageRef(key)])
    if rows:
        table = Table(rows, colWidths=[FRAME_WIDTH - 34, 34])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ]
        )
        story.append(table)
    return story


def introduction(data: PackData, s: StyleSheet1) -> list[Flowable]:
    info = data.info
    if not info.introduction.strip() and not info.objectives:
        return []
    story: list[Flowable] = [Heading("Introduction", s["H1"], "intro", "Introduction")]
    for block in info.introduction.split("\n\n"):
        if block.strip():
            story.append(para(block.strip(), s["Body"]))
    if info.objectives:
        story.append(Paragraph("The objectives of the session were to:", s["H3"]))
        story.append(
            ListFlowable(
                [ListItem(para(o, s["Body"]), leftIndent=18) for o in info.objectives],
                bulletType="1",
                bulletFontName=s["Body"].fontName,
                bulletFontSize=10,
                leftIndent=18,
            )
        )
    return story


def agenda(data: PackData, s: StyleSheet1) -> list[Flowable]:
    """Planned times from the day's start and each item's minutes; actual times as run."""
    if not data.items:
        return []
    # Under the introduction when there is one, else a heading of its own.
    level = 1 if data.info.introduction.strip() or data.info.objectives else 0
    style = s["H2"] if level else s["H1"]
    story: list[Flowable] = [Heading("Agenda", style, "agenda", "Agenda", level=level)]
    head = [
        Paragraph("Planned", s["CellHead"]),
        Paragraph("Item", s["CellHead"]),
        Paragraph("Kind", s["CellHead"]),
        Paragraph("Actual", s["CellHead"]),
    ]
    rows: list[list[object]] = [head]
    section_rows = []
    ran = False
    for section in data.sections:
        section_rows.append(len(rows))
        title = Paragraph(f"<b>{safe(section.section.title)}</b>", s["Cell"])
        rows.append([title, "", "", ""])
        for block in section.items:
            item = block.item
            start, end = clock_time(item.actual_start), clock_time(item.actual_end)
            ran |= bool(start)
            actual = f"{start}–{end}" if start and end else start
            rows.append(
                [
                    Paragraph(f"{block.planned_start}–{block.planned_end}", s["Cell"]),
                    para(item.title, s["Cell"]),
                    Paragraph(KIND_WORDS.get(item.kind.value, ""), s["Cell"]),
                    Paragraph(actual, s["Cell"]),
                ]
            )
    table = grid(rows, [26 * mm, FRAME_WIDTH - 26 * mm - 22 * mm - 26 * mm, 22 * mm, 26 * mm])
    for row in section_rows:
        table.setStyle([("SPAN", (0, row), (-1, row)), ("TOPPADDING", (0, row), (-1, row), 7)])
    note = (
        "Planned times follow the agenda from the start of the day; actual times are when"
        " each item was started and ended on the day."
        if ran
        else "Planned times follow the agenda from the start of the day."
    )
    # The agenda reads best on one page, its note included.
    story = [KeepTogether([*story, Paragraph(note, s["Caption"]), table])]
    return story


def is_content_item(block) -> bool:
    """An item worth its own heading in a section: breaks and empty items are agenda-only."""
    item = block.item
    return not is_break(item) and bool(
        item.description.strip() or block.speakers or block.prompts or block.polls
    )


def empty_note(s: StyleSheet1) -> Flowable:
    return Paragraph(
        "Nothing has been recorded for this summit yet: no agenda, notes or votes.", s["Body"]
    )

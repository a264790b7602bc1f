"""The back of the pack: who took part, how each group voted, actions and commitments,
and the closing 'What have we heard' table."""

from __future__ import annotations

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from summit_app.core.model import PollKind
from summit_app.core.presenting import people, present
from summit_app.core.tally import PollResult, percent
from summit_app.export.charts import bar_chart
from summit_app.export.data import PackData
from summit_app.export.flow import Heading, grid, pull_quote
from summit_app.export.styles import FRAME_WIDTH
from summit_app.export.text import para, safe

GROUPS_PER_TABLE = 6
LONG_SUMMARY = 2500  # characters: a summary this long may not fit on a page in the table


def participation(data: PackData, s: StyleSheet1) -> list[Flowable]:
    if not data.joined:
        return []
    story: list[Flowable] = [
        Heading("Who took part", s["H1"], "people", "Who took part"),
        Paragraph(f"{people(data.joined).capitalize()} took part on their phones.", s["Body"]),
    ]
    if not data.groups_collected:
        return story
    story.append(
        Paragraph(
            "By professional group or care setting, as each person chose it when joining:",
            s["Body"],
        )
    )
    names = list(data.by_group)
    counts = [data.by_group[g] for g in names]
    order = sorted(range(len(names)), key=lambda i: -counts[i])
    story.append(
        bar_chart(
            [names[i] for i in order],
            [counts[i] / max(counts) for i in order],
            [f"{counts[i]} ({percent(counts[i], data.joined)}%)" for i in order],
            FRAME_WIDTH,
        )
    )
    story += group_votes(data, s)
    return story


def group_votes(data: PackData, s: StyleSheet1) -> list[Flowable]:
    """For each poll, one column per group: its share of the votes (or place, or mean)."""
    polls = [p.result for p in data.polls if any(g != "Not given" for g in p.result.by_group)]
    if not polls:
        return []
    story: list[Flowable] = [
        Heading("How each group voted", s["H2"], "groups", "How each group voted", level=1),
        Paragraph(
            "Votes from phones only, by the group each person chose; counts taken by"
            " hand have no group. Percentages are shares of that group's votes;"
            " for rankings, the option's place in that group's Borda order; for"
            " statements, the group's mean level (1 to 5).",
            s["Caption"],
        ),
    ]
    for result in polls:
        question = para(result.poll.question, s["H3"])
        # Groups in the summit's own order (as on the join page), "Not given" last.
        order = {name: i for i, name in enumerate(data.by_group)}
        groups = sorted(result.by_group.items(), key=lambda g: (order.get(g[0], len(order)), g[0]))
        # Balanced tables (6 groups as 3 + 3, not 5 + 1) keep the columns readable.
        tables = -(-len(groups) // GROUPS_PER_TABLE)
        size = -(-len(groups) // tables)
        for start in range(0, len(groups), size):
            table = _group_table(result, groups[start : start + size], s)
            # Each table whole on a page, the question with the first one.
            story += [KeepTogether([question, table] if start == 0 else [table]), Spacer(1, 6)]
    return story


def _group_table(result: PollResult, groups, s: StyleSheet1):
    head: list[object] = [Paragraph("Option", s["CellHead"])]
    head += [Paragraph(f"{safe(name)} ({r.voters})", s["CellHeadSmall"]) for name, r in groups]
    rows: list[list[object]] = [head]
    shown = {name: {row.option_id: row for row in present(r).rows} for name, r in groups}
    for overall in present(result).rows:
        row: list[object] = [para(overall.label, s["Cell"])]
        for name, _ in groups:
            mine = shown[name][overall.option_id]
            if result.poll.kind is PollKind.RANK:
                cell = str(mine.place)
            elif result.poll.kind is PollKind.SCALE:
                cell = mine.mean or "–"
            else:
                cell = mine.figure
            row.append(cell)
        rows.append(row)
    col = 20 * mm
    return grid(
        rows,
        [FRAME_WIDTH - col * len(groups), *[col] * len(groups)],
        right=range(1, len(groups) + 1),
    )


def actions(data: PackData, s: StyleSheet1) -> list[Flowable]:
    if not data.actions and not data.commitments:
        return []
    story: list[Flowable] = [Heading("Next steps", s["H1"], "actions", "Next steps")]
    if data.actions:
        story.append(Paragraph("Actions", s["H2"]))
        rows: list[list[object]] = [[Paragraph(t, s["CellHead"]) for t in ("Action", "Who", "By")]]
        for a in data.actions:
            rows.append([para(a.text, s["Cell"]), para(a.owner, s["Cell"]), para(a.due, s["Cell"])])
        story.append(grid(rows, [FRAME_WIDTH - 75 * mm, 45 * mm, 30 * mm]))
    if data.commitments:
        story.append(Paragraph("Personal commitments", s["H2"]))
        story.append(Paragraph("One action each person said they will take:", s["Body"]))
        for c in data.commitments:
            text = c.text + (f" — {c.owner}" if c.owner.strip() else "")
            story.append(para(text, s["Note"], markup_before="<bullet>•</bullet>"))
    return story


def what_we_heard(data: PackData, s: StyleSheet1) -> list[Flowable]:
    themes = data.summarised_themes
    if not themes:
        return []
    rows: list[list[object]] = [
        [Paragraph("Theme", s["CellHead"]), Paragraph("What we heard", s["CellHead"])]
    ]
    for theme in themes:
        rows.append(
            [Paragraph(f"<b>{safe(theme.name)}</b>", s["Cell"]), para(theme.summary, s["Cell"])]
        )
    return [
        Heading("What have we heard?", s["H1"], "heard", "What have we heard?"),
        grid(
            rows,
            [52 * mm, FRAME_WIDTH - 52 * mm],
            split_in_row=any(len(t.summary) > LONG_SUMMARY for t in themes),
        ),
    ]


def thanks(data: PackData, s: StyleSheet1) -> list[Flowable]:
    contact = data.info.contact.strip()
    said = [i.item.description for i in data.items] + [
        x.section.introduction for x in data.sections
    ]
    if not contact or any(contact in text for text in said):
        return []  # no contact, or the closing item of the day already gives it
    text = (
        "Thank you for such constructive input to the session. If you have any further"
        " questions, contact "
    )
    return [
        Spacer(1, 12),
        KeepTogether(
            [
                Paragraph("Thank you", s["H2"]),
                pull_quote(para(contact, s["Body"], safe(text)), FRAME_WIDTH),
            ]
        ),
    ]

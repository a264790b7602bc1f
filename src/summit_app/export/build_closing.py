"""The pages after the last section, each built only when it has something to say:
personal commitments, actions, the thank-you, "What have we heard?", who took part (with
how each group voted) and the data appendix. Their order is the team's (`PackOptions`).
"""

from __future__ import annotations

from collections.abc import Callable

from summit_app.core.model import Theme
from summit_app.core.presenting import people, rounding_note, shares
from summit_app.core.privacy import NOTICE_TITLE, notice
from summit_app.core.tables import raised_by
from summit_app.export.anonymity import OTHER_GROUPS, fold_counts
from summit_app.export.build_groups import group_tables
from summit_app.export.build_results import appendix_blocks
from summit_app.export.build_sections import tagged
from summit_app.export.data import PackData
from summit_app.export.log import Log
from summit_app.export.model import (
    Bar,
    Block,
    Bullets,
    Cell,
    Chart,
    Column,
    Heading,
    Para,
    Part,
    PartKind,
    Rich,
    Run,
    Table,
    Tone,
)
from summit_app.export.typeset import inline, narrative_text, one_line, plain, text_runs


def commitments(data: PackData, log: Log) -> list[Part]:
    if not data.commitments:
        return []
    story: list[Block] = list(narrative_text(data.closing.commitments_intro))
    if not story:
        story.append(Para((Run("One action each person said they will take:"),)))
    items = []
    for c in data.commitments:
        runs = inline(c.text) + _from_room(data, c.id)
        if c.owner.strip():
            runs += (Run(f" \u2014 {one_line(c.owner)}"),)
        if runs:
            items.append(runs)
    story.append(Bullets(tuple(items)))
    return [Part("Personal commitments", "commitments", tuple(story), PartKind.CLOSING, False)]


def _from_room(data: PackData, action_id: int) -> tuple[Run, ...]:
    """ " (Breakout B: Workforce)" after an action or commitment a breakout room agreed."""
    room = data.action_rooms.get(action_id)
    return (Run(f" ({one_line(room)})", italic=True),) if room else ()


def actions(data: PackData, log: Log) -> list[Part]:
    if not data.actions:
        return []
    story: list[Block] = list(narrative_text(data.closing.actions_intro))
    dated = sum(1 for a in data.actions if a.due.strip())
    rows: tuple[tuple[Cell, ...], ...]
    columns: tuple[Column, ...]
    said = {a.id: inline(a.text) + _from_room(data, a.id) for a in data.actions}
    if 2 * dated >= len(data.actions):
        rows = tuple((said[a.id], one_line(a.owner), one_line(a.due)) for a in data.actions)
        columns = (Column("Action"), Column("Who"), Column("By"))
    else:  # a "By" column mostly empty: the few dates read better beside who
        rows = tuple((said[a.id], _who_by(a.owner, a.due)) for a in data.actions)
        columns = (Column("Action"), Column("Who"))
    caption = "Actions agreed, with who will take each" + (" and by when." if dated else ".")
    story.append(Table(columns, rows, caption=caption).without_empty_columns())
    return [Part("Actions", "actions", tuple(story), PartKind.CLOSING, False)]


def _who_by(owner: str, due: str) -> str:
    who, by = one_line(owner), one_line(due)
    return f"{who}, by {by}" if who and by else who or (f"By {by}" if by else "")


def thanks(data: PackData, log: Log) -> list[Part]:
    story: list[Block] = list(narrative_text(data.closing.thanks))
    contact = data.info.contact.strip()
    if not story and contact:
        story.append(
            Para(
                (
                    Run(
                        "Thank you for such constructive input to the session. If you have"
                        f" any further questions, contact {plain(contact)}."
                    ),
                )
            )
        )
    if not story:
        return []
    return [Part("Thank you", "thanks", tuple(story), PartKind.CLOSING, False)]


def what_we_heard(data: PackData, log: Log) -> list[Part]:
    themes = closing_themes(data, log)
    if not themes:
        return []
    blocks = data.theme_blocks
    if data.tables and any(blocks[t.id].tables for t in themes if t.id in blocks):
        return [_heard_at_tables(data, themes)]
    rows = tuple(
        ((Run(one_line(t.name), bold=True),), Rich(tuple(narrative_text(t.summary))))
        for t in themes
    )
    table = Table(
        (Column("Theme"), Column("What we heard")),
        rows,
        caption="Each theme of the day and what we heard about it.",
    )
    return [Part("What have we heard?", "heard", (table,), PartKind.CLOSING)]


def _heard_at_tables(data: PackData, themes: list[Theme]) -> Part:
    """The closing table with how many of the room's tables raised each theme, and the key
    points they starred under what we heard."""
    blocks = data.theme_blocks
    rows = []
    for t in themes:
        block = blocks.get(t.id)
        said: list[Para | Bullets] = [*narrative_text(t.summary)]
        if block and block.key_points:
            said.append(Para((Run("Key points from the tables:", bold=True),)))
            said.append(
                Bullets(tuple(text_runs(tagged(n, data.table_labels)) for n in block.key_points))
            )
        raised = raised_by(block.tables, data.tables) if block else ""
        rows.append(((Run(one_line(t.name), bold=True),), raised or "–", Rich(tuple(said))))
    table = Table(
        (Column("Theme"), Column("Tables"), Column("What we heard")),
        tuple(rows),
        caption=(
            f"Each theme of the day, how many of the {data.tables} tables raised it,"
            " and what we heard about it."
        ),
    )
    return Part("What have we heard?", "heard", (table,), PartKind.CLOSING)


def closing_themes(data: PackData, log: Log) -> list[Theme]:
    """The themes of the closing table: the team's choice in their order (the rest said in
    the log), or every summarised theme in agenda order until they choose."""
    themes = data.summarised_themes
    chosen = data.options.closing_themes
    if chosen is None:
        return themes
    by_id = {t.id: t for t in themes}
    kept = [by_id[i] for i in chosen if i in by_id]
    left = [t for t in themes if t.id not in set(chosen)]
    if left:
        names = ", ".join(f"“{one_line(t.name)}”" for t in left)
        log.note(f"“What have we heard?” leaves out the themes the team did not choose: {names}.")
    return kept


def participation(data: PackData, log: Log) -> list[Part]:
    options = data.options
    story: list[Block] = []
    if options.include_participation and data.joined:
        story += _who(data, log)
    if options.include_group_tables:
        tables = group_tables(data, log)
        if tables:
            story.append(Heading("How each group voted", 2, "groups", contents=True))
            story += tables
    if not story:
        return []
    return [Part("Who took part", "people", tuple(story), PartKind.APPENDIX)]


def _who(data: PackData, log: Log) -> list[Block]:
    story: list[Block] = [
        Para((Run(f"{people(data.joined).capitalize()} took part on their phones."),))
    ]
    if not data.groups_collected:
        return story
    threshold = data.options.anonymity_threshold
    counts, hidden = fold_counts(data.by_group, threshold)
    log.folded("the chart of who took part", hidden, threshold)
    if not counts:
        return story
    story.append(
        Para((Run("By professional group or care setting, as each person chose it when joining:"),))
    )
    order = sorted(counts, key=lambda g: (g == OTHER_GROUPS, -counts[g]))
    top = max(counts.values())
    # One rounding rule with the polls' (each rounded on its own, 7, 7, 6, 5 and 15 of 40
    # made 102% with no word said); a total other than 100 is explained under the chart.
    share = dict(zip(order, shares([counts[g] for g in order]), strict=True))
    figures = {g: f"{counts[g]:,} ({share[g]}%)" for g in order}
    data_table = Table(
        (Column("Group"), Column("People", numeric=True), Column("Share", numeric=True)),
        tuple((plain(g), f"{counts[g]:,}", f"{share[g]}%") for g in order),
        caption=f"People who joined, by group: {people(data.joined)} in all.",
    )
    alt = "Bar chart of the people who joined, by group, largest first: " + "; ".join(
        f"{plain(g)}, {figures[g]}" for g in order
    )
    bars = tuple(Bar(plain(g), (counts[g] / top,), figures[g]) for g in order)
    story.append(Chart("Who took part, by group", alt + ".", bars, data_table))
    note = rounding_note(list(share.values()))
    if note:
        story.append(Para((Run(note),), Tone.CAPTION))
    return story


def data_appendix(data: PackData, log: Log) -> list[Part]:
    if not data.options.include_data_appendix or not (
        data.polls or data.joined or data.table_notes
    ):
        return []
    story: list[Block] = []
    if data.polls:
        story += poll_figures(data)
    return [Part("Data appendix", "data", (*story, *told_phones(data)), PartKind.APPENDIX)]


def told_phones(data: PackData) -> list[Block]:
    """What every phone's join page said before anything was sent (core.privacy)."""
    said = [p.strip() for p in notice(data.info).split("\n\n") if p.strip()]
    return [
        Heading(f"What phones were told: the {NOTICE_TITLE.lower()}", 2, "privacy", True),
        Para((Run("Each phone\u2019s join page showed this first, before anything was sent:"),)),
        *(Para((Run(plain(p)),), Tone.QUOTE) for p in said),
    ]


def poll_figures(data: PackData) -> list[Block]:
    story: list[Block] = [
        Para(
            (
                Run(
                    "Every poll\u2019s figures in full, in the order of the day: votes from"
                    " phones and any counts taken in the room. The raw data is in the CSV"
                    " files exported with this pack."
                ),
            ),
            Tone.CAPTION,
        )
    ]
    story += _table_notes(data)  # before the polls: each poll's full figures close it
    for poll in data.polls:
        story += appendix_blocks(poll.result)
    return story


def _table_notes(data: PackData) -> list[Block]:
    """Every note the table hosts sent, with its table (as notes.csv carries it)."""
    notes = data.table_notes
    if not notes:
        return []
    themes = {i: b.theme.name for i, b in data.theme_blocks.items()}
    rows = tuple(
        (
            data.table_labels.get(n.table_id or 0, f"Table {n.table_id}"),
            text_runs(n.text),
            one_line(themes.get(n.theme_id or 0, "")),
            "Key point" if n.is_key else "",
        )
        for n in notes
    )
    table = Table(
        (Column("Table"), Column("Note"), Column("Theme"), Column("Starred")),
        rows,
        caption=f"The notes the table hosts sent: {len(notes)} from {data.tables} tables.",
    )
    return [Heading("Notes from the tables", 2, "data-tables", contents=True), table]


CLOSING: dict[str, Callable[[PackData, Log], list[Part]]] = {
    "commitments": commitments,
    "actions": actions,
    "thanks": thanks,
    "what_we_heard": what_we_heard,
    "participation": participation,
    "data_appendix": data_appendix,
}

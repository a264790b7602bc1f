"""The pack model as reportlab flowables: one function a block type, nothing decided about
what is said, only how it sits on the page.

Page breaks: a part starts a page when the model says so; a heading never ends a page (it
needs room for itself and a few lines under it, else it goes to the next page); a heading
stays with what follows it only when that is short (a sentence, a small chart), so a long
table or chart starts under its heading and splits, rather than leave a page mostly empty.
"""

from __future__ import annotations

from functools import partial

from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus import Table as ReportlabTable

from summit_app.export.model import (
    Block,
    Bullets,
    Chart,
    Cloud,
    Heading,
    Inline,
    Para,
    Part,
    Rich,
    Run,
    Table,
    Tone,
)
from summit_app.export.pdf.charts import chart_flowable
from summit_app.export.pdf.cloud import CloudFlowable
from summit_app.export.pdf.flow import CELL_PADDING, HeadingPara, grid, pull_quote, swatch_table
from summit_app.export.pdf.fonts import BOLD, REGULAR
from summit_app.export.pdf.styles import FRAME_HEIGHT, FRAME_WIDTH, MEASURE
from summit_app.export.pdf.text import cell_lines, markup, paragraph, plain

TONE_STYLE = {
    Tone.BODY: "Body",
    Tone.NOTE: "Note",
    Tone.QUOTE: "Quote",
    Tone.CAPTION: "Caption",
    Tone.BYLINE: "Byline",
}
ROOM_FOR_HEADING = {1: 0.3 * FRAME_HEIGHT, 2: 130, 3: 105, 4: 80}
SHORT = 0.3 * FRAME_HEIGHT  # what a heading keeps with it on its page


def part_story(part: Part, s: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [PageBreak()] if part.new_page else [CondPageBreak(ROOM_FOR_HEADING[1])]
    story.append(HeadingPara(markup((Run(part.title),)), s["H1"], part.anchor, part.title, 0))
    blocks = list(part.blocks)
    title = part.title  # the nearest heading: what a table's rest on a new page continues
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Heading):
            # The heading, a caption or byline under it, any heading straight under it (an
            # item's speaker, a prompt's first theme) with theirs, and the next block if it is
            # short. A heading left alone because the next block was a heading ended pages.
            group = [heading_flowable(block, s)]
            last = block
            j = i + 1
            while True:
                captions = _past_captions(blocks, j)
                for caption in blocks[j:captions]:
                    group += block_flowables(caption, s)
                j = captions
                if j < len(blocks) and isinstance(blocks[j], Heading):
                    last = blocks[j]
                    group.append(heading_flowable(last, s))
                    j += 1
                    continue
                break
            title = last.text
            room = ROOM_FOR_HEADING[block.level]
            if last is not block:  # the chain, and room under its last heading
                room = max(room, _height(group) + ROOM_FOR_HEADING[last.level])
            if j < len(blocks):
                following = block_flowables(blocks[j], s, title)
                if _height(following) < SHORT:
                    group += following
                    j += 1
                    # A poll's heading, its question and its caption go where its chart goes:
                    # a rehearsal found all three at a page's foot and the chart overleaf.
                    k = _past_captions(blocks, j)
                    if k < len(blocks) and isinstance(blocks[k], Chart):
                        for kept in blocks[j : k + 1]:
                            group += block_flowables(kept, s, title)
                        j = k + 1
            story += [CondPageBreak(room), KeepTogether(group)]
            i = j
        else:
            story += block_flowables(block, s, title)
            i += 1
    return story


def _past_captions(blocks: list[Block], j: int) -> int:
    """Where the captions and bylines that start at `j` end."""
    while (
        j < len(blocks)
        and isinstance(blocks[j], Para)
        and blocks[j].tone in (Tone.CAPTION, Tone.BYLINE)
    ):
        j += 1
    return j


def _height(flowables: list[Flowable]) -> float:
    total = 0.0
    for f in flowables:
        if isinstance(f, ReportlabTable) and len(f._cellvalues) * 14 > SHORT:  # noqa: SLF001
            return SHORT  # plainly long: not worth laying out twice to know it
        _, h = f.wrap(FRAME_WIDTH, FRAME_HEIGHT)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
        if total >= SHORT:
            break
    return total


def heading_flowable(block: Heading, s: StyleSheet1) -> Flowable:
    style = s[f"H{block.level}"]
    outline = block.level - 1 if block.contents else None
    head = HeadingPara(markup((Run(block.text),)), style, block.anchor, block.text, outline)
    if block.swatch:
        return swatch_table(block.swatch, head, MEASURE)
    return head


def block_flowables(block: Block, s: StyleSheet1, title: str = "") -> list[Flowable]:
    """The flowables of `block`; `title` is the heading it sits under."""
    if isinstance(block, Para):
        if block.tone is Tone.QUOTE:
            return [pull_quote(paragraph(block.runs, s["Quote"]), MEASURE)]
        return [paragraph(block.runs, s[TONE_STYLE[block.tone]])]
    if isinstance(block, Bullets):
        return [*list_flowables(block, s), Spacer(1, 4)]
    if isinstance(block, Table):
        return [table_flowable(block, s, title), Spacer(1, 8)]
    if isinstance(block, Chart):
        return [chart_flowable(block, s)]
    if isinstance(block, Cloud):
        data = table_flowable(block.data, s, title)
        return [CloudFlowable(block, s), Spacer(1, 6), data, Spacer(1, 8)]
    if isinstance(block, Heading):
        return [heading_flowable(block, s)]
    raise TypeError(f"The PDF cannot print a {type(block).__name__} yet.")


def list_flowables(block: Bullets, s: StyleSheet1, cell: bool = False) -> list[Flowable]:
    if block.ordered:
        style = s["Numbered"]
        marks = [f"{block.start + i}." for i in range(len(block.items))]
    else:
        style = s["Note"] if block.tone is Tone.NOTE else s["Item"]
        marks = ["\u2022"] * len(block.items)
    if cell:
        style = _cell_variant(style, s)
    return [paragraph(item, style, mark) for item, mark in zip(block.items, marks, strict=True)]


def _cell_variant(style: ParagraphStyle, s: StyleSheet1) -> ParagraphStyle:
    name = f"{style.name}InCell"
    if name not in s:
        s.add(ParagraphStyle(name, parent=style, fontSize=9, leading=12, rightIndent=0))
    return s[name]


def table_flowable(block: Table, s: StyleSheet1, title: str = ""):
    cols = block.columns
    widths = column_widths(block)
    room = [w - 2 * CELL_PADDING for w in widths]
    head: list[object] = []
    for c, col in enumerate(cols):
        lines = cell_lines(col.title, BOLD, 9, room[c])
        head.append(
            lines
            if lines is not None
            else plain(col.title, s["CellHeadRight" if col.numeric else "CellHead"])
        )
    rows: list[list[object]] = [head]
    for r, row in enumerate(block.rows):
        group = r in block.group_rows
        rows.append([_cell(v, cols[c].numeric, s, room[c], group) for c, v in enumerate(row)])
    groups = [g + 1 for g in block.group_rows]
    long_cells = any(isinstance(v, Rich) for row in block.rows for v in row)
    return grid(
        rows,
        widths,
        right=[i for i, c in enumerate(cols) if c.numeric],
        group_rows=groups,
        split_in_row=long_cells,
        continued=partial(plain, f"{title} (continued)", s["Continued"]) if title else None,
    )


def _cell(value, numeric: bool, s: StyleSheet1, width: float, bold: bool = False):
    if isinstance(value, Rich):
        out: list[Flowable] = []
        for block in value.blocks:
            if isinstance(block, Bullets):
                out += list_flowables(block, s, cell=True)
            else:
                out.append(paragraph(block.runs, s["Cell"]))
        return out
    if isinstance(value, tuple):
        if len(value) == 1 and not value[0].italic and value[0].bold == bold:
            value = value[0].text  # one plain run: a string cell will do
        else:
            return paragraph(value, s["Cell"])
    lines = cell_lines(value, BOLD if bold else REGULAR, 9, width) if not bold else None
    if lines is not None:
        return lines
    return plain(value, s["CellBold" if bold else ("CellRight" if numeric else "Cell")])


def column_widths(block: Table) -> list[float]:
    """Numeric and short columns as wide as their widest entry or heading word; text columns
    share the rest in proportion to their text (each at least a fifth of what is left)."""
    rows = [row for r, row in enumerate(block.rows) if r not in block.group_rows]
    widths: list[float] = []
    text_cols: list[int] = []
    for c, col in enumerate(block.columns):
        texts = [_text(row[c]) for row in rows]
        widest = max((stringWidth(t, REGULAR, 9) for t in texts), default=0)
        if col.numeric or (texts and widest < 70):
            words = max((stringWidth(w, BOLD, 9) for w in col.title.split()), default=0)
            widths.append(min(max(widest, words) + 11, FRAME_WIDTH * 0.3))
        else:
            widths.append(0.0)
            text_cols.append(c)
    free = FRAME_WIDTH - sum(widths)
    if not text_cols:
        widths[-1] += free
        return widths
    weights = [max(sum(len(_text(row[c])) for row in rows), 1) ** 0.5 for c in text_cols]
    floor = free / (5 * len(text_cols))
    for c, weight in zip(text_cols, weights, strict=True):
        widths[c] = floor + (free - floor * len(text_cols)) * weight / sum(weights)
    return widths


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Rich):
        return " ".join(
            b.text if isinstance(b, Para) else " ".join(_inline(i) for i in b.items)
            for b in value.blocks
        )
    return _inline(value)


def _inline(runs: Inline) -> str:
    return "".join(r.text for r in runs)

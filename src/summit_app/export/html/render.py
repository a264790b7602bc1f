"""`render_html(pack) -> str`: the pack as one self-contained, accessible HTML file.

Semantic and script-free: a banner with the title, a contents `nav`, one `section` a part
(headings h2 to h5 in order, the pack's title the one h1), lists as lists, tables with a
caption and header cells (`scope`), each chart a `figure` of an SVG image with its text
alternative beside the table of its figures. The language is declared, text that may run
right to left gets `dir="auto"`, and everything is escaped: `<b>` typed by anyone is text.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator

from summit_app.export.html.cloud import cloud_svg
from summit_app.export.html.css import CSS
from summit_app.export.html.svg import chart_svg
from summit_app.export.model import (
    Block,
    Bullets,
    Chart,
    Cloud,
    Heading,
    Inline,
    Pack,
    Para,
    Part,
    Rich,
    Slide,
    Table,
    Tone,
)
from summit_app.export.slide_pictures import slide_png
from summit_app.export.typeset import html_escape as escape

NUM = ' class="num"'
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def render_html(pack: Pack) -> str:
    tables = itertools.count(1)  # numbers the tables, naming each scrolling box uniquely
    parts = "\n".join(_part(part, tables) for part in pack.parts)
    title = escape(pack.title)
    cover = ['<p class="kicker">Write-up pack</p>', f"<h1{_dir(pack.title)}>{title}</h1>"]
    if pack.logo is not None:
        image = base64.b64encode(pack.logo.image).decode("ascii")
        cover.insert(
            0,
            f'<img class="logo" src="data:{pack.logo.mime};base64,{image}"'
            f' alt="{escape(pack.logo_alt)}">',
        )
    for line in (pack.date, pack.venue):
        if line:
            cover.append(f"<p{_dir(line)}>{escape(line)}</p>")
    if pack.organisers:
        who = escape(pack.organisers)
        cover.append(f"<p>Organised by <span{_dir(pack.organisers)}>{who}</span></p>")
    if pack.edition:
        cover.append(f'<p class="edition">{escape(pack.edition)}</p>')
    exported = pack.exported_on
    return f"""<!DOCTYPE html>
<html lang="{escape(pack.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="{escape(pack.organisers or "Summit")}">
<meta name="generator" content="Summit">
<title>{title}: write-up pack</title>
<style>{CSS}</style>
</head>
<body>
<header class="cover">
{chr(10).join(cover)}
</header>
{_contents(pack)}
<main>
{parts}
</main>
<footer><p>Write-up pack exported on {escape(exported)} with Summit.</p></footer>
</body>
</html>
"""


def _contents(pack: Pack) -> str:
    groups: list[tuple[str, list[str]]] = []
    for anchor, title, level in pack.contents():
        link = f'<a href="#{escape(anchor)}">{escape(title)}</a>'
        if level == 0 or not groups:
            groups.append((link, []))
        else:
            groups[-1][1].append(f"<li>{link}</li>")
    items = "".join(
        f"<li>{link}<ol>{''.join(subs)}</ol></li>" if subs else f"<li>{link}</li>"
        for link, subs in groups
    )
    return f'<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>{items}</ol></nav>'


def _part(part: Part, tables: Iterator[int]) -> str:
    classes = "part new-page" if part.new_page else "part"
    body = "\n".join(
        _block(block, f"{part.anchor}-{i}", tables) for i, block in enumerate(part.blocks)
    )
    return (
        f'<section class="{classes}" aria-labelledby="{escape(part.anchor)}">\n'
        f'<h2 id="{escape(part.anchor)}"{_dir(part.title)}>{escape(part.title)}</h2>\n'
        f"{body}\n</section>"
    )


def _block(block: Block, ident: str, tables: Iterator[int]) -> str:
    if isinstance(block, Heading):
        level = block.level + 1
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        swatch = ""
        if block.swatch and re.fullmatch("#[0-9a-fA-F]{3,8}", block.swatch):
            swatch = f'<span class="swatch" style="background:{block.swatch}"></span>'
        return f"<h{level}{anchor}{_dir(block.text)}>{swatch}{escape(block.text)}</h{level}>"
    if isinstance(block, Para):
        return _para(block)
    if isinstance(block, Bullets):
        return _list(block)
    if isinstance(block, Table):
        return _scroll(block, f"Table {next(tables)}")
    if isinstance(block, Chart):
        return (
            f'<figure aria-labelledby="{ident}-caption">'
            f'<figcaption id="{ident}-caption">{escape(block.title)}</figcaption>'
            f'<div class="chart">{chart_svg(block, ident)}'
            f"{_scroll(block.data, f'Table {next(tables)}')}</div></figure>"
        )
    if isinstance(block, Cloud):
        return (
            f'<figure aria-labelledby="{ident}-caption">'
            f'<figcaption id="{ident}-caption">{escape(block.title)}</figcaption>'
            f'<div class="chart">{cloud_svg(block, ident)}'
            f"{_scroll(block.data, f'Table {next(tables)}')}</div></figure>"
        )
    if isinstance(block, Slide):
        # The slide as a picture; its alternative text is the slide's own text.
        picture = base64.b64encode(slide_png(block)).decode("ascii")
        return (
            f'<figure class="slide" aria-labelledby="{ident}-caption">'
            f'<img src="data:image/png;base64,{picture}" alt="{escape(block.alt)}"'
            f' width="{round(block.width)}" height="{round(block.height)}">'
            f'<figcaption id="{ident}-caption">{escape(block.caption)}</figcaption></figure>'
        )
    raise TypeError(f"The HTML edition cannot print a {type(block).__name__} yet.")


def _scroll(table: Table, ident: str) -> str:
    """The table in a box that scrolls sideways on a narrow screen; focusable, so a keyboard
    can scroll it too, and named after its caption (with its place, to be unique)."""
    label = escape(f"{ident}: {table.caption or 'a table'}")
    return (
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">'
        f"{_table(table)}</div>"
    )


def _para(block: Para) -> str:
    text = _runs(block.runs)
    attrs = _dir(block.text)
    if block.tone is Tone.QUOTE:
        return f"<blockquote><p{attrs}>{text}</p></blockquote>"
    if block.tone in (Tone.CAPTION, Tone.BYLINE):
        return f'<p class="{block.tone.value}"{attrs}>{text}</p>'
    return f"<p{attrs}>{text}</p>"


def _list(block: Bullets) -> str:
    items = "".join(f"<li{_dir(_plain(item))}>{_runs(item)}</li>" for item in block.items)
    if block.ordered:
        start = f' start="{block.start}"' if block.start != 1 else ""
        return f"<ol{start}>{items}</ol>"
    cls = ' class="notes"' if block.tone is Tone.NOTE else ""
    return f"<ul{cls}>{items}</ul>"


def _table(table: Table) -> str:
    head = "".join(
        f'<th scope="col"{NUM if c.numeric else ""}>{escape(c.title)}</th>' for c in table.columns
    )
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    bodies: list[list[str]] = [[]]
    for r, row in enumerate(table.rows):
        if r in table.group_rows:
            if bodies[-1]:
                bodies.append([])
            span = len(table.columns)
            bodies[-1].append(
                f'<tr><th scope="rowgroup" colspan="{span}" class="group">{_cell(row[0])}</th></tr>'
            )
            continue
        cells = []
        for c, value in enumerate(row):
            num = NUM if table.columns[c].numeric else ""
            if c == 0 and table.row_headers:
                cells.append(f'<th scope="row"{num}>{_cell(value)}</th>')
            else:
                cells.append(f"<td{num}{_dir(_cell_text(value))}>{_cell(value)}</td>")
        bodies[-1].append(f"<tr>{''.join(cells)}</tr>")
    tbody = "".join(f"<tbody>{''.join(rows)}</tbody>" for rows in bodies if rows)
    return f"<table>{caption}<thead><tr>{head}</tr></thead>{tbody}</table>"


def _cell(value) -> str:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, Rich):
        return "".join(_para(b) if isinstance(b, Para) else _list(b) for b in value.blocks)
    return _runs(value)


def _cell_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Rich):
        return ""
    return _plain(value)


def _runs(runs: Inline) -> str:
    out = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br>")
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _plain(runs: Inline) -> str:
    return "".join(r.text for r in runs)


def _dir(text: str) -> str:
    """`dir="auto"` where the text has right-to-left letters, so it runs the right way."""
    return ' dir="auto"' if _RTL.search(text) else ""

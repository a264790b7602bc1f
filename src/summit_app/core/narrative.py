"""Formatted text the programme team writes, parsed once here so no renderer ever parses.

The team types plain text in a small, safe subset of Markdown; the `.summit` file stores it
exactly as typed, and `parse(text)` turns it into a `Narrative` the renderers draw:

- every non-blank line is a paragraph (a blank line between paragraphs changes nothing);
- a line starting `- `, `* ` or `• ` is an item of a bulleted list; `1. ` or `1) ` an item of
  a numbered list, which counts from its first item's number; consecutive items of one kind
  (blank lines between them allowed) make one list; an indented line right after an item
  continues that item; lists are flat;
- `**bold**` and `*italic*` (and `***both***`), with CommonMark's rules for where a star
  may open or close, so `5 * 3`, a lone `**` or an unclosed `*` print as typed;
- a backslash before a star (`\\*`) or before a line's list marker (`\\- not a list`) makes
  it literal; every other backslash prints as typed.

Nothing else is markup: `<b>`, `<para>`, `&amp;`, `<script>`, emoji and right-to-left text
are characters of a run's text, and each renderer escapes them for its own format.

For example `parse("We **must** act:\\n1. now\\n2. *together*")` gives two blocks:
`Paragraph((Run("We "), Run("must", bold=True), Run(" act:")))` and
`ListBlock((Paragraph((Run("now"),)), Paragraph((Run("together", italic=True),))),
ordered=True, start=1)`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

# A write-up text longer than this is refused with a sentence (checks.need_narrative).
NARRATIVE_MAX_CHARS = 20_000
# Numbers a numbered list may start from (a longer run of digits is a paragraph).
_MAX_START = 10**9

_BULLET = re.compile(r"([-*\u2022])[ \t]+(.*)")
_NUMBER = re.compile(r"(\d{1,9})([.)])[ \t]+(.*)")


@dataclass(frozen=True)
class Run:
    """Text in one style. `text` is the user's characters, never markup."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The paragraph's characters without styling."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (`ordered=False`) or numbered list; item i is numbered `start + i`."""

    items: tuple[Paragraph, ...]
    ordered: bool = False
    start: int = 1


Block = Paragraph | ListBlock


@dataclass(frozen=True)
class Narrative:
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.blocks)

    @property
    def plain_text(self) -> str:
        """Without styling, one line per paragraph or item ("- " / "3. " before items):
        for places that take plain text (a CSV cell, a chart's alternative text)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                for i, item in enumerate(block.items):
                    mark = f"{block.start + i}." if block.ordered else "-"
                    lines.append(f"{mark} {item.text}")
        return "\n".join(lines)


def parse(text: str) -> Narrative:
    """The structure of `text` (see the module's docstring). Never fails."""
    blocks: list[Block] = []
    items: list[list[str]] = []  # the open list's items, each as its lines
    kind: tuple[bool, int] | None = None  # the open list: (ordered, start)
    last_blank = False

    def close_list() -> None:
        nonlocal kind
        if kind is not None:
            blocks.append(
                ListBlock(tuple(_paragraph(" ".join(i)) for i in items), kind[0], kind[1])
            )
        items.clear()
        kind = None

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            last_blank = True
            continue
        marker = _list_marker(line)
        if marker is not None:
            ordered, number, rest = marker
            if kind is None or kind[0] != ordered:
                close_list()
                kind = (ordered, number)
            items.append([rest])
        elif kind is not None and raw[:1] in (" ", "\t") and not last_blank:
            items[-1].append(line)  # an indented line continues the item above it
        else:
            close_list()
            if line.startswith("\\") and _list_marker(line[1:]) is not None:
                line = line[1:]  # an escaped list marker is text
            blocks.append(_paragraph(line))
        last_blank = False
    close_list()
    return Narrative(tuple(blocks))


def parse_lines(lines: Sequence[str]) -> Narrative:
    """Several texts read as the lines of one (a speaker's key points: one point a line,
    so `1. ` points in a row make one numbered list)."""
    return parse("\n".join(line.replace("\n", " ") for line in lines))


def parse_inline(text: str) -> tuple[Run, ...]:
    """One paragraph's runs (line breaks in `text` read as spaces)."""
    return _paragraph(" ".join(text.split("\n"))).runs


def _list_marker(line: str) -> tuple[bool, int, str] | None:
    bullet = _BULLET.fullmatch(line)
    if bullet is not None:
        return (False, 1, bullet.group(2).strip()) if bullet.group(2).strip() else None
    number = _NUMBER.fullmatch(line)
    if number is not None and number.group(3).strip():
        return True, min(int(number.group(1)), _MAX_START), number.group(3).strip()
    return None


# -- emphasis: CommonMark's delimiter-run algorithm for `*` only ------------------------


@dataclass
class _Delimiter:
    """A run of stars: how many are left, and what was opened or closed with them."""

    count: int
    length: int  # the run's length as typed (CommonMark's "rule of 3" needs it)
    can_open: bool
    can_close: bool
    opened: list[str] = field(default_factory=list)  # "b"/"i", innermost first
    closed: list[str] = field(default_factory=list)  # "b"/"i", innermost first
    active: bool = True


def _paragraph(text: str) -> Paragraph:
    nodes = _tokens(text)
    _match(nodes)
    return Paragraph(_runs(nodes))


def _tokens(text: str) -> list[str | _Delimiter]:
    nodes: list[str | _Delimiter] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and text[i + 1 : i + 2] == "*":
            literal.append("*")
            i += 2
            continue
        if char != "*":
            literal.append(char)
            i += 1
            continue
        end = i
        while end < len(text) and text[end] == "*":
            end += 1
        before = text[i - 1] if i > 0 else " "
        after = text[end] if end < len(text) else " "
        if literal:
            nodes.append("".join(literal))
            literal = []
        left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
        right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
        nodes.append(_Delimiter(end - i, end - i, can_open=left, can_close=right))
        i = end
    if literal:
        nodes.append("".join(literal))
    return nodes


def _punct(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _match(nodes: list[str | _Delimiter]) -> None:
    """Pair closers with openers, innermost first, as CommonMark's 'process emphasis'."""
    stack: list[int] = []  # indices of delimiters that may still open
    for index, node in enumerate(nodes):
        if not isinstance(node, _Delimiter):
            continue
        while node.can_close and node.count:
            opener = _opener_for(nodes, stack, node)
            if opener is None:
                break
            opening = nodes[opener]
            assert isinstance(opening, _Delimiter)
            use = 2 if opening.count >= 2 and node.count >= 2 else 1
            style = "b" if use == 2 else "i"
            opening.count -= use
            node.count -= use
            opening.opened.append(style)
            node.closed.append(style)
            # Delimiters between them can no longer open: their stars are literal.
            stack[:] = [i for i in stack if i <= opener]
            if opening.count == 0:
                stack.remove(opener)
        if node.can_open and node.count:
            stack.append(index)


def _opener_for(nodes: list[str | _Delimiter], stack: list[int], closer: _Delimiter) -> int | None:
    for index in reversed(stack):
        opener = nodes[index]
        assert isinstance(opener, _Delimiter)
        both = (opener.can_open and opener.can_close) or (closer.can_open and closer.can_close)
        if (
            both
            and (opener.length + closer.length) % 3 == 0
            and not (opener.length % 3 == 0 and closer.length % 3 == 0)
        ):
            continue  # CommonMark's rule of 3: `*a**b*` is not `*a*` + `*b*`
        return index
    return None


def _runs(nodes: list[str | _Delimiter]) -> tuple[Run, ...]:
    runs: list[Run] = []
    depth = {"b": 0, "i": 0}

    def emit(text: str) -> None:
        if not text:
            return
        bold, italic = depth["b"] > 0, depth["i"] > 0
        if runs and runs[-1].bold == bold and runs[-1].italic == italic:
            runs[-1] = Run(runs[-1].text + text, bold, italic)
        else:
            runs.append(Run(text, bold, italic))

    for node in nodes:
        if isinstance(node, str):
            emit(node)
            continue
        for style in node.closed:  # innermost first, as they appear left to right
            depth[style] -= 1
        emit("*" * node.count)
        for style in reversed(node.opened):  # outermost first
            depth[style] += 1
    # Trim the paragraph's outer spaces (lines were stripped, but a star may have hidden one).
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
    return tuple(run for run in runs if run.text)

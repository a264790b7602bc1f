"""What the pack's log should say about its fonts: a CJK font taken from this computer, or
characters no font of the pack can draw (printed as empty boxes)."""

from __future__ import annotations

from collections.abc import Iterator

from summit_app.export.model import Bullets, Chart, Heading, Inline, Pack, Para, Rich, Table
from summit_app.export.pdf.fonts import fonts, has_glyph

_CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF))


def font_log(pack: Pack) -> list[str]:
    text = "".join(texts(pack))
    unusual = {c for c in text if ord(c) > 0x2000}
    if not unusual:
        return []
    table = fonts()
    lines = []
    cjk = sorted(c for c in unusual if any(lo <= ord(c) <= hi for lo, hi in _CJK_RANGES))
    if cjk and table.cjk_path:
        lines.append(
            f"Chinese, Japanese or Korean text is drawn in {table.cjk_path}, a font of this"
            " computer (CJK fonts are too large to ship with Summit)."
        )
    elif cjk:
        lines.append(
            "Chinese, Japanese or Korean text prints as empty boxes: no CJK font with"
            " TrueType outlines was found on this computer (on Debian or Ubuntu, install"
            " fonts-wqy-microhei; on Windows, Microsoft YaHei comes with the system)."
        )
    missing = [
        c for c in sorted(unusual) if c not in cjk and not c.isspace() and not has_glyph(ord(c))
    ]
    if missing:
        shown = " ".join(missing[:12]) + (" …" if len(missing) > 12 else "")
        lines.append(
            f"{len(missing)} characters have no glyph in the pack's fonts and print as empty"
            f" boxes (the text keeps them): {shown}"
        )
    return lines


def texts(pack: Pack) -> Iterator[str]:
    for part in pack.parts:
        yield part.title
        for block in part.blocks:
            yield from _block_texts(block)


def _block_texts(block) -> Iterator[str]:
    if isinstance(block, Heading):
        yield block.text
    elif isinstance(block, Para):
        yield block.text
    elif isinstance(block, Bullets):
        for item in block.items:
            yield _inline(item)
    elif isinstance(block, Table):
        for row in block.rows:
            for cell in row:
                if isinstance(cell, str):
                    yield cell
                elif isinstance(cell, Rich):
                    for inner in cell.blocks:
                        yield from _block_texts(inner)
                else:
                    yield _inline(cell)
    elif isinstance(block, Chart):
        yield from (bar.label for bar in block.bars)


def _inline(runs: Inline) -> str:
    return "".join(r.text for r in runs)

"""The annex: the speakers' slides the programme team chose, in the agenda's order, each deck
under its own heading (listed in the contents) and each slide with its caption. A pack with
no slides chosen has no annex."""

from __future__ import annotations

from itertools import groupby

from summit_app.export.data import PackData
from summit_app.export.model import Block, Heading, Para, Part, PartKind, Run, Slide, Tone
from summit_app.export.typeset import heading, one_line

ANNEX_TITLE = "Annex: slides"
INTRO = "The slides referred to in this pack, as the speakers showed them on the day."


def annex(data: PackData) -> list[Part]:
    if not data.annex:
        return []
    blocks: list[Block] = [Para((Run(INTRO),), Tone.CAPTION)]
    for deck_id, slides in groupby(data.annex, key=lambda a: a.deck_id):
        chosen = list(slides)
        first = chosen[0]
        title = one_line(first.item_title) or one_line(first.deck_name)
        blocks.append(Heading(heading(title), 2, f"annex-deck-{deck_id}", contents=True))
        for each in chosen:
            which = f"Slide {each.page + 1} of {each.pages}"
            caption = one_line(each.caption)
            blocks.append(
                Slide(
                    pdf=each.pdf,
                    page=each.page,
                    width=each.slide.width,
                    height=each.slide.height,
                    caption=f"{which}: {caption}" if caption else which,
                    alt=each.slide.text or f"{which} of “{one_line(each.deck_name)}”, no text",
                )
            )
    return [Part(ANNEX_TITLE, "annex", tuple(blocks), PartKind.APPENDIX)]

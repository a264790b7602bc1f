"""`build_pack(summit) -> Pack`: what the write-up says, decided once for every edition.

The pack follows the seed's write-up: the introduction (objectives, the team's lead-in),
the agenda, each section of the day in order, then the closing pages in the order the
programme team chose (by default: personal commitments, actions, the thank-you, "What have
we heard?", who took part and how each group voted, the data appendix). Which of them are
included is the team's choice too (`summit.writeup.pack_options()`).

    pack = build_pack(summit)          # one consistent snapshot of the file
    pdf = render_pdf(pack)             # export.pdf; render_html, render_docx likewise
"""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.export.build_closing import CLOSING
from summit_app.export.build_front import agenda, introduction
from summit_app.export.build_sections import section_part
from summit_app.export.data import PackData, read_pack
from summit_app.export.dates import long_date
from summit_app.export.log import Log
from summit_app.export.model import Pack, Para, Part, PartKind, Run
from summit_app.export.typeset import one_line

EMPTY = "Nothing has been recorded for this summit yet: no agenda, notes or votes."


def build_pack(summit: Summit) -> Pack:
    """The pack of `summit`, read in one transaction (a pack exported while phones are
    still voting is one consistent snapshot; nothing is written)."""
    return assemble(read_pack(summit))


def assemble(data: PackData) -> Pack:
    log = Log()
    parts: list[Part] = [*introduction(data), *agenda(data)]
    number = 0  # sections with nothing to tell are left out, and their numbers with them
    for section in data.sections:
        part = section_part(number + 1, section)
        if part is not None:
            number += 1
            parts.append(part)
    for page in data.options.closing_order:
        parts += CLOSING[page](data, log)
    if not parts:
        parts.append(Part("Introduction", "intro", (Para((Run(EMPTY),)),), PartKind.FRONT))
    info = data.info
    return Pack(
        title=one_line(info.title),
        date=one_line(long_date(info.date)),
        venue=one_line(info.venue),
        organisers=one_line(info.organisers),
        logo=data.logo,
        parts=tuple(parts),
        exported_at=data.exported_at,
        log=log.result(),
    )

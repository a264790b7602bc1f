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
from summit_app.export.build_annex import annex
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
    parts += annex(data)
    parts.append(about(data))
    info = data.info
    return Pack(
        title=one_line(info.title),
        date=one_line(long_date(info.date)),
        venue=one_line(info.venue),
        organisers=one_line(info.organisers),
        logo=data.logo,
        parts=tuple(parts),
        exported_at=data.exported_at,
        edition=edition(data),
        slides_per_page=data.annex_per_page,
        log=log.result(),
    )


def edition(data: PackData) -> str:
    """What the cover says: the team's publication date or version, else that it is a draft."""
    publication = one_line(data.options.publication)
    if publication:
        return publication
    return f"Draft, exported on {long_date(data.exported_at)}"


def about(data: PackData) -> Part:
    """Which edition is the accessible one, and whom to ask for another format."""
    text = (
        "This pack comes in three editions with the same words and figures: PDF, Word and"
        " HTML. The HTML edition (one web page) is the accessible one: it works with screen"
        " readers, keyboard navigation and zoom, and every chart has its figures as a table."
        " The PDF is not tagged for screen readers."
    )
    contact = one_line(data.info.contact)
    if contact:
        text += f" For the HTML edition or another format, such as large print, contact {contact}."
    return Part(
        "About this pack", "about", (Para((Run(text),)),), PartKind.APPENDIX, new_page=False
    )

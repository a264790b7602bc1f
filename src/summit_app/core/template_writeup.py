"""The write-up parts of a template: narrative blocks, closing texts and pack options.

The format is described in resources/templates/README.md: an entry of a section's `items`
with a `narrative` field is a block of text placed there in the reading, and the root's
`writeup` object holds the introduction's blocks, the closing texts and the pack options.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summit_app.core.model import CLOSING_PAGES, ClosingTexts, PackOptions
from summit_app.core.template_fields import Node

if TYPE_CHECKING:
    from summit_app.core.store import Summit

NARRATIVE = {"narrative", "title"}
WRITEUP = {"introduction_blocks", "thanks", "actions_intro", "commitments_intro", "pack"}
PACK = {"include_agenda", "include_participation", "include_group_tables",
        "include_data_appendix", "closing_order", "anonymity_threshold"}  # fmt: skip


def is_narrative(value: object) -> bool:
    return isinstance(value, dict) and "narrative" in value


def add_block(summit: Summit, section_id: int | None, node: Node) -> None:
    """A block at the end of the section's reading so far (after the items before it)."""
    summit.writeup.add_block(section_id, node.text("narrative"), title=node.text("title", ""))


def build_writeup(summit: Summit, root: Node) -> None:
    if not root.has("writeup"):
        return
    node = Node.of(root.data["writeup"], "writeup", WRITEUP)
    for block in node.children("introduction_blocks", NARRATIVE, short="narrative"):
        add_block(summit, None, block)
    summit.writeup.set_closing_texts(
        ClosingTexts(
            thanks=node.text("thanks", ""),
            actions_intro=node.text("actions_intro", ""),
            commitments_intro=node.text("commitments_intro", ""),
        )
    )
    if node.has("pack"):
        summit.writeup.set_pack_options(_options(Node.of(node.data["pack"], node.at("pack"), PACK)))


def _options(node: Node) -> PackOptions:
    default = PackOptions()
    order = tuple(node.texts("closing_order")) or default.closing_order
    if sorted(order) != sorted(CLOSING_PAGES):
        raise node.problem(f"must list each of {', '.join(CLOSING_PAGES)} once.", "closing_order")
    return PackOptions(
        include_agenda=node.flag("include_agenda", True),
        include_participation=node.flag("include_participation", True),
        include_group_tables=node.flag("include_group_tables", True),
        include_data_appendix=node.flag("include_data_appendix", True),
        closing_order=order,
        anonymity_threshold=node.whole("anonymity_threshold", default.anonymity_threshold),
    )


__all__ = ["NARRATIVE", "add_block", "build_writeup", "is_narrative"]

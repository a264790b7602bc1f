"""Rules that span repositories, above them: what one change to the agenda means for the
write-up. The facade offers the agenda with these rules as `summit.agenda`."""

from __future__ import annotations

from summit_app.core import ordering
from summit_app.core.agenda import AgendaRepo
from summit_app.core.db import Db
from summit_app.core.writeup import WriteupRepo


class Agenda(AgendaRepo):
    """The agenda whose items, when removed or moved to another section, leave the
    write-up's blocks of text where they were in the reading (after the item before)."""

    def __init__(self, db: Db, writeup: WriteupRepo) -> None:
        super().__init__(db)
        self._writeup = writeup

    def remove_item(self, item_id: int) -> None:
        with self._s.write():
            ordering.parent_of(self._s, "items", item_id)  # an unknown item, said as before
            self._writeup.item_leaving(item_id)
            super().remove_item(item_id)

    def move_item(self, item_id: int, position: int, section_id: int | None = None) -> None:
        with self._s.write():
            if section_id is not None:
                self.section(section_id)
                if section_id != self.item(item_id).section_id:
                    self._writeup.item_leaving(item_id)
            super().move_item(item_id, position, section_id)

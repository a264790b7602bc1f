"""The ballots' running totals (`ballot_totals`, kept by the file's triggers) checked
against a recount of the ballots when a file is opened, and rebuilt where they disagree.

The triggers keep the totals in the same transaction as each ballot, whoever writes; a file
whose totals disagree was written another way (a damaged page, a tool that wrote ballots
with the triggers set aside), and every surface reads its results from the totals: the
projector, the phones, the window and the pack would show numbers that are not the votes.
"""

from __future__ import annotations

import logging
from typing import Any

from summit_app.core.db import Db
from summit_app.core.errors import StorageError, SummitFileError

log = logging.getLogger(__name__)

# What the triggers would have written, from the ballots themselves: per poll, how many
# ballots gave each option each value, and (option 0, value 0) how many ballots there are.
RECOUNT = (
    "SELECT poll_id, CAST(key AS INTEGER), value, COUNT(*)"
    " FROM ballots, json_each(ballots.choices) GROUP BY 1, 2, 3"
    " UNION ALL SELECT poll_id, 0, 0, COUNT(*) FROM ballots GROUP BY poll_id"
)
STORED = "SELECT poll_id, option_id, value, ballots FROM ballot_totals"


def _counts(db: Db, sql: str) -> dict[tuple[Any, ...], int]:
    return {tuple(row[:-1]): row[-1] for row in db.execute(sql).fetchall()}


def mend(db: Db) -> bool:
    """Rebuild the totals if they are not the recount of the ballots (logged); whether
    they were. A file that cannot be written to mend them is refused with a sentence."""
    with db.reading():
        if _counts(db, RECOUNT) == _counts(db, STORED):
            return False
    try:
        with db.write():
            db.execute("DELETE FROM ballot_totals")
            db.execute(f"INSERT INTO ballot_totals (poll_id, option_id, value, ballots) {RECOUNT}")
    except StorageError as error:
        raise SummitFileError(
            f"{db.path} is damaged (its running totals of the ballots disagree with the"
            f" ballots) and cannot be mended here: {error}"
        ) from error
    log.warning(
        "%s: the running totals of the ballots disagreed with the ballots; recounted", db.path
    )
    return True

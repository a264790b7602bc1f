"""The alternative to `core.merge`, measured: SQLite's session extension through APSW.

Builds the same main file and room's file as bench/merge.py (500 participants, 10 polls,
5,000 ballots, 1,000 notes), keeping the kit as it was written. Then, in APSW's own SQLite:
captures the room's changes as a changeset (`Session.diff` of the room's file against its
kit, table by table), and applies it to a copy of the main file, counting the changes the
conflict handler is called for (`SQLITE_CHANGESET_CONFLICT`: a row of that id is already
there; the handler omits them). Applying to a copy of the kit itself shows the cost
without conflicts. APSW is not a dependency of Summit; this needs `pip install apsw`.

    PYTHONPATH=src python bench/merge_session.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from merge import build  # noqa: E402  (bench/merge.py)

from summit_app.core.breakout_rows import NOT_MERGED  # noqa: E402

try:
    import apsw
except ImportError:
    raise SystemExit("This comparison needs APSW: pip install apsw") from None


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="summit-session-bench-") as tmp:
        folder = Path(tmp)
        kit = folder / "kit.summit"
        main_path, room_path = build(folder, 500, 1000, 10, kit_copy=kit)
        print(f"APSW {apsw.apsw_version()}, SQLite {apsw.sqlite_lib_version()}")
        room = apsw.Connection(str(room_path))
        room.execute(f"ATTACH DATABASE '{kit}' AS kit")
        tables = [
            name
            for (name,) in room.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name not in NOT_MERGED
        ]
        started = time.perf_counter()
        session = apsw.Session(room, "main")
        for table in tables:
            session.attach(table)
            session.diff("kit", table)
        changeset = session.changeset()
        captured = time.perf_counter() - started
        kinds = Counter(change.op for change in apsw.Changeset.iter(changeset))
        print(
            f"capture (Session.diff, {len(tables)} tables): {captured:.2f} s,"
            f" changeset {len(changeset) / 1e6:.2f} MB, {dict(kinds)}"
        )
        session.close()
        room.close()
        for label, target in (("a copy of the kit", kit), ("a copy of the main file", main_path)):
            copy = folder / "target.summit"
            shutil.copy(target, copy)
            conn = apsw.Connection(str(copy))
            conflicts: Counter[str] = Counter()
            ((people,),) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM participants")

            def conflict(
                reason: int, change: apsw.TableChange, conflicts: Counter[str] = conflicts
            ) -> int:
                conflicts[f"{change.name} {apsw.mapping_session_conflict[reason]}"] += 1
                return apsw.SQLITE_CHANGESET_OMIT

            started = time.perf_counter()
            with conn:
                apsw.Changeset.apply(changeset, conn, conflict=conflict)
            took = time.perf_counter() - started
            total = sum(conflicts.values())
            print(f"apply to {label}: {took:.2f} s, {total} changes in conflict")
            for what, n in conflicts.most_common(8):
                print(f"    {n:6d}  {what}")
            # The room's ballots now pointing at the main file's own participants: a room
            # participant's id was already taken there, so the vote is silently someone else's.
            ((wrong,),) = conn.execute(
                "SELECT count(*) FROM ballots b JOIN polls p ON p.id = b.poll_id"
                " WHERE p.question LIKE 'Question %' AND b.participant_id <= ?",
                (people,),
            )
            print(f"    {wrong:6d}  room ballots now credited to the main file's own participants")
            conn.close()


if __name__ == "__main__":
    main()

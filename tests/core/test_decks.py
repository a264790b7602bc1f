"""Speakers' slides kept in the file: a deck added to an agenda item, refused with a
sentence when Summit could not show it, replaced and removed as undoable steps, and whole or
absent after the process is killed while adding it."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from summit_app.core import Summit
from summit_app.core.changes import Area
from summit_app.core.commands.decks import add_deck, remove_deck, set_annex_deck, set_annex_slide
from summit_app.core.decks import MAX_BYTES
from summit_app.core.errors import ValidationError
from summit_app.core.history import History
from summit_app.core.model import SummitInfo

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/sample_decks.py
from sample_decks import deck, heavy_deck  # noqa: E402


def _talk(summit: Summit) -> int:
    section = summit.agenda.add_section("Section 2")
    return summit.agenda.add_item(section.id, "What we heard", "talk", 20).id


def _file_rows(summit: Summit) -> tuple[int, int]:
    decks = summit.execute("SELECT COUNT(*) FROM decks").fetchone()[0]
    files = summit.execute("SELECT COUNT(*) FROM deck_files").fetchone()[0]
    return decks, files


def test_a_deck_added_to_an_item_is_kept_in_the_file_and_read_back_whole(tmp_path: Path):
    path = tmp_path / "day.summit"
    pdf = deck(23)
    with Summit.create(path, SummitInfo(title="Day")) as summit:
        item = _talk(summit)
        done = add_deck(summit, item, pdf, "  Findings   deck.pdf ")
        assert done.changes.touches(Area.SLIDES)
        assert done.value.pages == 23 and done.value.name == "Findings deck.pdf"
    with Summit.open(path) as summit:  # the file is the one thing to carry
        kept = summit.decks.for_item(item)
        assert kept is not None and kept.pages == 23 and kept.size == len(pdf)
        assert summit.decks.pdf(kept.id) == pdf
        assert kept.sha256 == hashlib.sha256(pdf).hexdigest()


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (lambda: b"PK\x03\x04 a PowerPoint file, not its PDF", "is not a PDF"),
        (lambda: deck(4)[:900], "is damaged"),
        (lambda: deck(3, password="secret"), "protected by a password"),
        (lambda: b"%PDF-1.7\n" + bytes(MAX_BYTES), r"too big to keep as slides \(100 MB\)"),
    ],
    ids=["not-a-pdf", "damaged", "password", "over-100-MB"],
)
def test_a_deck_summit_cannot_show_is_refused_with_a_sentence_and_nothing_written(
    summit: Summit, data: Callable[[], bytes], sentence: str
):
    item = _talk(summit)
    written = summit.db.conn.total_changes
    with pytest.raises(ValidationError, match=sentence) as refused:
        add_deck(summit, item, data(), "talk.pdf")
    assert "“talk.pdf”" in str(refused.value)
    assert summit.db.conn.total_changes == written
    assert _file_rows(summit) == (0, 0) and summit.decks.for_item(item) is None


def test_a_deck_of_more_than_500_slides_is_refused(summit: Summit):
    item = _talk(summit)
    with pytest.raises(ValidationError, match="has 501 pages: a deck can have at most 500"):
        add_deck(summit, item, deck(501), "long.pdf")
    assert _file_rows(summit) == (0, 0)


def test_adding_replacing_and_removing_a_deck_are_each_undone_and_redone(summit: Summit):
    history = History(summit)
    item = _talk(summit)
    first, second = deck(5, "First"), deck(8, "Second")
    history.run("Add slides", lambda s: add_deck(s, item, first, "first.pdf"))
    deck_id = summit.decks.for_item(item).id  # type: ignore[union-attr]
    history.run("Put slides in the annex", lambda s: set_annex_deck(s, deck_id, True))
    assert [a.page for a in summit.decks.annex()] == [0, 1, 2, 3, 4]
    history.run("Replace slides", lambda s: add_deck(s, item, second, "second.pdf"))
    assert summit.decks.pdf(deck_id) == second and summit.decks.deck(deck_id).pages == 8
    history.run("Remove slides", lambda s: remove_deck(s, item))
    assert summit.decks.for_item(item) is None and summit.decks.annex() == []

    history.undo()  # the second deck is back
    assert summit.decks.pdf(deck_id) == second
    history.undo()  # the first deck is back, with its annex
    assert summit.decks.pdf(deck_id) == first
    assert [a.page for a in summit.decks.annex()] == [0, 1, 2, 3, 4]
    history.undo()
    history.undo()  # no deck at all
    assert summit.decks.for_item(item) is None
    history.redo()
    assert summit.decks.pdf(deck_id) == first
    history.redo()
    history.redo()
    assert summit.decks.pdf(deck_id) == second


def test_a_replaced_deck_drops_annex_slides_past_its_end_and_the_undo_brings_them_back(
    summit: Summit,
):
    history = History(summit)
    item = _talk(summit)
    deck_id = add_deck(summit, item, deck(6), "long.pdf").value.id
    set_annex_slide(summit, deck_id, 5, True, "The last slide: next steps")
    history.run("Replace slides", lambda s: add_deck(s, item, deck(3), "short.pdf"))
    assert summit.decks.annex() == []
    history.undo()
    assert [(a.page, a.caption) for a in summit.decks.annex()] == [
        (5, "The last slide: next steps")
    ]


def test_the_pdfs_no_deck_or_kept_undo_step_uses_leave_the_file_when_it_closes(tmp_path: Path):
    path = tmp_path / "day.summit"
    summit = Summit.create(path, SummitInfo(title="Day"))
    history = History(summit)
    item = _talk(summit)
    history.run("Add slides", lambda s: add_deck(s, item, deck(3, "Old"), "old.pdf"))
    history.run("Replace slides", lambda s: add_deck(s, item, deck(4, "New"), "new.pdf"))
    history.save()  # the old deck can still come back by Undo: kept
    assert _file_rows(summit) == (1, 2)
    history.clear()
    history.save()  # no step can bring it back
    assert _file_rows(summit) == (1, 1)
    summit.close()
    with Summit.open(path) as again:
        kept = again.decks.for_item(item)
        assert kept is not None and kept.name == "new.pdf"


WRITER = textwrap.dedent(
    """
    import hashlib, sys
    from summit_app.core import Summit
    from summit_app.core.commands.decks import add_deck
    base = open(sys.argv[2], "rb").read()
    marker = b"(opensource)"
    s = Summit.open(sys.argv[1])
    item = s.agenda.items()[0].id
    for i in range(1000):
        pdf = base.replace(marker, b"(%010d)" % i, 1)  # same length: offsets stay right
        print("adding", hashlib.sha256(pdf).hexdigest(), flush=True)
        add_deck(s, item, pdf, f"v{i}.pdf")
        print("added", flush=True)
    """
)


def test_a_deck_is_whole_or_absent_after_the_process_is_killed_while_adding_it(tmp_path: Path):
    path = tmp_path / "killed.summit"
    source = tmp_path / "photos.pdf"
    source.write_bytes(heavy_deck(8_000_000))
    with Summit.create(path, SummitInfo(title="Day")) as summit:
        _talk(summit)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    attempted: list[str] = []
    acknowledged: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(source)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        while len(acknowledged) < 3 and time.monotonic() < deadline:
            word, *rest = proc.stdout.readline().split()
            if word == "adding":
                attempted.append(rest[0])
            else:
                acknowledged.append(attempted[-1])
        word, digest = proc.stdout.readline().split()  # the fourth add has begun
        attempted.append(digest)
        time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert len(acknowledged) == 3

    copy = tmp_path / "copy.summit"  # as the laptop finds it when it comes back up
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            shutil.copy(f"{path}{suffix}", f"{copy}{suffix}")
    with Summit.open(copy) as summit:
        assert summit.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = summit.decks.all()
        assert len(kept) == 1
        pdf = summit.decks.pdf(kept[0].id)
        # Whole: the bytes are those the row says, and the last acknowledged deck or the
        # one being added when the process died.
        assert hashlib.sha256(pdf).hexdigest() == kept[0].sha256
        assert kept[0].sha256 in (acknowledged[-1], attempted[-1])
        assert len(pdfium.PdfDocument(pdf)) == 2

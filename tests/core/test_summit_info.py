"""The summit's details and logo: set once in the settings, read everywhere, undone whole."""

from __future__ import annotations

import struct
import zlib

import pytest

from summit_app.core import Summit
from summit_app.core.errors import ValidationError
from summit_app.core.history import History
from summit_app.core.summit_info import LOGO_MAX_BYTES


def tiny_png() -> bytes:
    """A real 1x1 PNG, made by hand so the core needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1d\x4e\xd8")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_template_summit_is_renamed_and_described_in_one_undoable_step(summit: Summit):
    history = History(summit)
    history.run(
        "Edit summit settings",
        lambda s: s.edit_info(
            title="  SEL leadership summit ",
            date="2021-04-13",
            venue="Guy's Hospital",
            objectives=["Share findings", "", "  Agree priorities "],
            groups=["Nursing", "Pharmacy", "Allied health"],
            introduction="Why we meet.",
        ),
    )
    info = summit.info()
    assert info.title == "SEL leadership summit"
    assert info.objectives == ("Share findings", "Agree priorities")
    assert info.groups == ("Nursing", "Pharmacy", "Allied health")
    assert info.date == "2021-04-13" and info.venue == "Guy's Hospital"
    history.undo()
    assert summit.info().title == "Test summit"
    assert summit.info().venue == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "   "}, "needs a title"),
        ({"title": "x" * 201}, "too long"),
        ({"date": "13/04/2021"}, "not a date like 2021-04-13"),
        ({"groups": []}, "at least one professional group"),
        ({"groups": ["Nursing", "nursing "]}, "listed twice"),
        ({"groups": "Nursing"}, "list of text"),
        ({"objectives": ["x"] * 21}, "At most 20 objectives"),
        ({"introduction": "x" * 20_001}, "too long"),  # as every write-up narrative
        ({"retention_days": 0}, "between 1 and 3,650 days"),
        ({"retention_days": 3651}, "between 1 and 3,650 days"),
        ({"retention_days": "30"}, "whole number of days"),
        ({"retention_days": True}, "whole number of days"),
        ({"privacy_notice": "x" * 1201}, "privacy notice is too long"),
    ],
)
def test_bad_details_are_refused_with_a_sentence_and_change_nothing(summit, fields, message):
    before = summit.info()
    with pytest.raises(ValidationError, match=message):
        summit.edit_info(**fields)
    assert summit.info() == before


def test_a_logo_is_kept_in_the_file_and_comes_back_after_undo(summit: Summit, tmp_path):
    history = History(summit)
    image = tiny_png()
    history.run("Set logo", lambda s: s.set_logo(image, "ics.png"))
    path = summit.path
    summit.close()
    with Summit.open(path) as again:
        logo = again.logo()
        assert logo is not None and logo.image == image and logo.mime == "image/png"
        history = History(again)
        history.run("Remove logo", lambda s: s.set_logo(None))
        assert again.logo() is None
        history.undo()
        assert again.logo().image == image


def test_a_logo_that_is_not_an_image_or_too_large_is_refused(summit: Summit):
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        summit.set_logo(b"<svg></svg>")
    with pytest.raises(ValidationError, match="too large"):
        summit.set_logo(b"\x89PNG\r\n\x1a\n" + bytes(LOGO_MAX_BYTES))
    assert summit.logo() is None

"""The summit's logo (Summit settings) on the cover of every edition, with its text
alternative, and its shape kept."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from PIL import Image
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.cli import write_all


def _logo_png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), "#005eb8")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_logo_is_on_every_editions_cover_with_its_alternative(tmp_path: Path) -> None:
    info = SummitInfo(title="Leadership summit", organisers="South east London ICS")
    with Summit.create(tmp_path / "day.summit", info) as summit:
        summit.set_logo(_logo_png(600, 200), "ics.png")  # wide: 3 to 1
        targets = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
        write_all(summit, targets)

    cover = PdfReader(targets["pdf"]).pages[0]
    (image,) = cover.images
    assert image.image.size == (600, 200)
    assert not PdfReader(targets["pdf"]).pages[1].images  # the cover only

    html = targets["html"].read_text(encoding="utf-8")
    (tag,) = re.findall(r"<img [^>]*>", html)
    assert 'src="data:image/png;base64,' in tag
    assert 'alt="Logo of South east London ICS"' in tag

    document = docx.Document(str(targets["docx"]))
    (shape,) = document.inline_shapes
    assert abs(shape.width / shape.height - 3.0) < 0.01  # its shape kept, width bounded
    assert shape.width <= docx.shared.Mm(70)
    assert shape._inline.docPr.get("descr") == "Logo of South east London ICS"


def test_a_pack_without_a_logo_has_no_image_on_its_cover(tmp_path: Path) -> None:
    with Summit.create(tmp_path / "day.summit", SummitInfo(title="Day")) as summit:
        targets = {e: tmp_path / f"pack.{e}" for e in ("pdf", "html", "docx")}
        write_all(summit, targets)
    assert not PdfReader(targets["pdf"]).pages[0].images
    assert "<img" not in targets["html"].read_text(encoding="utf-8")
    assert not docx.Document(str(targets["docx"])).inline_shapes

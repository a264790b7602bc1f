"""The write-up pack's public entry points: build it once, render it three ways, write it.

    from summit_app.export.pack import build_pack, render_pdf, render_html, render_docx

    pack = build_pack(summit)      # the model: what the pack says (export/model.py)
    pdf = render_pdf(pack)         # bytes; render_html(pack) -> str; render_docx(pack) -> bytes

`write_pack(summit, pdf=..., html=..., docx=...)` writes whichever editions are asked for,
each beside its target and renamed into place, so a reader never sees half a file and a
failed export leaves an earlier one untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from summit_app.core import Summit, SummitError
from summit_app.export.build import build_pack
from summit_app.export.model import Pack
from summit_app.export.pdf import font_log, render_pdf


class ExportError(SummitError):
    """The pack could not be written (a folder we cannot write to, a full disk...)."""


def pdf_bytes(pack: Pack) -> bytes:
    from reportlab.platypus.doctemplate import LayoutError

    try:
        return render_pdf(pack)
    except LayoutError as error:
        # Last resort: something too big for a page that no rule foresaw.
        raise ExportError(f"The pack could not be laid out: {error}") from error


def render_html(pack: Pack) -> str:
    from summit_app.export.html import render_html as render

    return render(pack)


def render_docx(pack: Pack) -> bytes:
    from summit_app.export.word import render_docx as render

    return render(pack)


EDITIONS: dict[str, Callable[[Pack], bytes]] = {
    "pdf": pdf_bytes,
    "html": lambda pack: render_html(pack).encode("utf-8"),
    "docx": render_docx,
}


def log_lines(pack: Pack) -> list[str]:
    """What the team should know about this export (never printed in the pack)."""
    return [*pack.log, *font_log(pack)]


EDITION_NAMES = {"pdf": "PDF edition", "html": "HTML edition", "docx": "Word edition"}


def write_edition(pack: Pack, edition: str, target: Path | str) -> Path:
    """Write one edition ("pdf", "html", "docx") of `pack` to `target`.

    Whatever goes wrong is an `ExportError` naming the edition, so a caller writing several
    can go on with the others: one edition that fails never costs the team the rest.
    """
    name = EDITION_NAMES[edition]
    try:
        return write_file(Path(target), EDITIONS[edition](pack))
    except ExportError as error:
        raise ExportError(f"The {name} was not written: {error}") from error
    except Exception as error:  # noqa: BLE001 - a fault of ours in one renderer
        raise ExportError(
            f"The {name} could not be made ({type(error).__name__}: {error})."
        ) from error


def write_editions(pack: Pack, targets: dict[str, Path | str]) -> list[Path]:
    """Write each edition named in `targets` ("pdf", "html", "docx") to its path."""
    return [write_edition(pack, edition, target) for edition, target in targets.items()]


def write_pack(summit: Summit, pdf_path: Path | str) -> Path:
    """Build the pack of `summit` and write its PDF to `pdf_path`."""
    return write_editions(build_pack(summit), {"pdf": pdf_path})[0]


def render_pack(summit: Summit) -> bytes:
    """The pack of `summit` as PDF bytes."""
    return pdf_bytes(build_pack(summit))


def write_file(path: Path, content: bytes) -> Path:
    partial = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(content)
        os.replace(partial, path)
    except OSError as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise ExportError(f"The pack could not be written to {path}: {error.strerror}.") from error
    return path


__all__ = ["ExportError", "build_pack", "render_docx", "render_html", "render_pdf", "write_pack"]

"""Writing the write-up pack of a summit to a PDF file."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from summit_app.core import Summit, SummitError
from summit_app.export.data import read_pack
from summit_app.export.renderer import PackRenderer


class ExportError(SummitError):
    """The pack could not be written (a folder we cannot write to, a full disk...)."""


def render_pack(summit: Summit) -> bytes:
    """The pack as PDF bytes."""
    try:
        return PackRenderer(read_pack(summit)).render()
    except LayoutError as error:
        # Last resort: something too big for a page that no rule above foresaw.
        raise ExportError(f"The pack could not be laid out: {error}") from error


def write_pack(summit: Summit, pdf_path: Path | str) -> Path:
    """Write the pack to `pdf_path` and return it.

    The PDF is written beside the target and renamed into place, so a reader never sees
    half a file and a failed export leaves an earlier pack untouched.
    """
    path = Path(pdf_path)
    pdf = render_pack(summit)
    partial = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pdf)
        os.replace(partial, path)
    except OSError as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise ExportError(f"The pack could not be written to {path}: {error.strerror}.") from error
    return path

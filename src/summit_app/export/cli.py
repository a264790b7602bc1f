"""`summit-app export FILE [--pdf OUT] [--csv DIR]`: the pack and the raw data, headless."""

from __future__ import annotations

import sys
from pathlib import Path

from summit_app.core import Summit, SummitError
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import write_pack


def exports_folder(summit_path: Path | str) -> Path:
    """Where a summit's exports go unless the user says otherwise: exports/ beside its file.

    The user's own folder (for the demo at the repository's root, the top-level exports/),
    never the installation, which may be read-only or replaced by the next update.
    """
    return Path(summit_path).parent / "exports"


def default_pdf(summit_path: Path) -> Path:
    """exports/<summit name>.pdf beside the summit file."""
    return exports_folder(summit_path) / f"{summit_path.stem}.pdf"


def default_csv_dir(summit_path: Path) -> Path:
    return exports_folder(summit_path) / f"{summit_path.stem}-data"


def export(
    path: Path | str, pdf: Path | str | None = None, csv_dir: Path | str | None = None
) -> int:
    """Write the pack and the CSV files, print the paths written; 0 on success.

    A problem the user can fix (not a summit file, a folder that cannot be written) is one
    clear line on stderr and exit code 1, never a traceback.
    """
    path = Path(path)
    try:
        with Summit.open(path) as summit:
            written = [write_pack(summit, Path(pdf) if pdf else default_pdf(path))]
            written += write_csv(summit, Path(csv_dir) if csv_dir else default_csv_dir(path))
    except SummitError as error:
        print(f"summit-app export: {error}", file=sys.stderr)
        return 1
    for item in written:
        print(item)
    return 0

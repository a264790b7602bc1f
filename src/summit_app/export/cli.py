"""`summit-app export FILE [--pdf OUT] [--html OUT] [--docx OUT] [--csv DIR]`: the pack's
three editions and the raw data, headless, by default into exports/ beside the file."""

from __future__ import annotations

import sys
from pathlib import Path

from summit_app.core import Summit, SummitError
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import build_pack, log_lines, write_editions, write_file


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


def default_paths(summit_path: Path) -> dict[str, Path]:
    """Every edition's default path: exports/<name>.pdf, .html, .docx and <name>-data/."""
    folder = exports_folder(summit_path)
    return {
        "pdf": default_pdf(summit_path),
        "html": folder / f"{summit_path.stem}.html",
        "docx": folder / f"{summit_path.stem}.docx",
        "csv": default_csv_dir(summit_path),
    }


def log_path(first_written: Path) -> Path:
    """The pack's log beside what was written first: <name>-log.txt."""
    stem = first_written.stem if first_written.suffix else first_written.name
    return first_written.with_name(f"{stem.removesuffix('-data')}-log.txt")


def export(
    path: Path | str,
    pdf: Path | str | None = None,
    csv_dir: Path | str | None = None,
    html: Path | str | None = None,
    docx: Path | str | None = None,
) -> int:
    """Write the editions asked for (none asked: all of them, into exports/ beside the
    file), print the paths written; 0 on success.

    What the team should know (groups folded for anonymity, a font taken from this computer
    or missing) is written to <name>-log.txt beside them and said on stderr.
    A problem the user can fix (not a summit file, a folder that cannot be written) is one
    clear line on stderr and exit code 1, never a traceback.
    """
    path = Path(path)
    asked = {"pdf": pdf, "html": html, "docx": docx, "csv": csv_dir}
    if not any(asked.values()):
        asked = dict(default_paths(path))
    targets = {k: Path(v) for k, v in asked.items() if v is not None}
    try:
        with Summit.open(path) as summit:
            written, notes = write_all(summit, targets)
    except SummitError as error:
        print(f"summit-app export: {error}", file=sys.stderr)
        return 1
    for item in written:
        print(item)
    for note in notes:
        print(f"summit-app export: note: {note}", file=sys.stderr)
    return 0


def write_all(summit: Summit, targets: dict[str, Path]) -> tuple[list[Path], list[str]]:
    """Write the editions in `targets` ("pdf", "html", "docx", "csv") from one snapshot of
    `summit`; return the paths written and the log's lines (also written to the log file)."""
    with summit.reading():  # the pack and the CSV from the same moment
        pack = build_pack(summit)
        editions = {k: v for k, v in targets.items() if k != "csv"}
        written = write_editions(pack, editions)
        if "csv" in targets:
            written += write_csv(summit, targets["csv"])
    notes = log_lines(pack) if editions else []
    if notes:
        written.append(write_file(log_path(written[0]), ("\n".join(notes) + "\n").encode()))
    return written, notes

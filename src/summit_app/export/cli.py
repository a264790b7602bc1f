"""`summit-app export FILE [--pdf OUT] [--html OUT] [--docx OUT] [--csv DIR]`: the pack's
three editions and the raw data, headless, by default into exports/ beside the file."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from summit_app.core import Summit, SummitError
from summit_app.export.csv_export import write_csv
from summit_app.export.pack import ExportError, build_pack, log_lines, write_edition, write_file
from summit_app.export.warnings import export_warnings
from summit_app.export.word.governance import write_governance


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
    governance: Path | str | None = None,
) -> int:
    """Write the editions asked for (none asked: all of them, into exports/ beside the
    file), and the governance pack if asked; print the paths written; 0 on success.

    What the team should know (groups folded for anonymity, a font taken from this computer
    or missing) is written to <name>-log.txt beside them and said on stderr.
    A problem the user can fix (not a summit file, a folder that cannot be written) is one
    clear line on stderr and exit code 1, never a traceback. An edition that cannot be
    written is its own line; the others are written all the same (and the exit code is 1).
    """
    path = Path(path)
    asked = {"pdf": pdf, "html": html, "docx": docx, "csv": csv_dir}
    if not any(asked.values()) and governance is None:
        asked = dict(default_paths(path))
    targets = {k: Path(v) for k, v in asked.items() if v is not None}
    try:
        with Summit.open(path) as summit:
            done = write_all(summit, targets)
            if governance is not None:
                done.paths.append(write_governance(summit, Path(governance)))
    except SummitError as error:
        print(f"summit-app export: {error}", file=sys.stderr)
        return 1
    for item in done.paths:
        print(item)
    for problem in done.failed:
        print(f"summit-app export: {problem}", file=sys.stderr)
    for warning in done.warnings:
        print(f"summit-app export: warning: {warning}", file=sys.stderr)
    for note in done.notes:
        print(f"summit-app export: note: {note}", file=sys.stderr)
    return 1 if done.failed else 0


@dataclass(frozen=True)
class Exported:
    paths: list[Path]  # what was written, the log last
    notes: list[str]  # what the team should know (groups folded, fonts), also in the log
    failed: list[str]  # one sentence for each edition that was not written, also in the log
    warnings: list[str] = field(default_factory=list)  # placeholders left, polls unvoted


def write_all(summit: Summit, targets: dict[str, Path]) -> Exported:
    """Write the editions in `targets` ("pdf", "html", "docx", "csv") from one snapshot of
    `summit`, each on its own: one that fails is a sentence in `failed` and in the log, and
    the others are still written. The log goes beside the first edition written."""
    written: dict[str, list[Path]] = {}
    failed: list[str] = []
    notes: list[str] = []
    editions = {k: v for k, v in targets.items() if k != "csv"}
    with summit.reading():  # the pack and the CSV from the same moment
        warnings = export_warnings(summit) if editions else []
        if editions:
            try:
                pack = build_pack(summit)
            except SummitError:
                raise  # the file itself cannot be read: nothing else can be written either
            except Exception as error:  # noqa: BLE001 - the CSV can still be written
                failed.append(f"The pack could not be made ({type(error).__name__}: {error}).")
            else:
                notes = log_lines(pack)
                for edition, target in editions.items():
                    try:
                        written[edition] = [write_edition(pack, edition, target)]
                    except ExportError as error:
                        failed.append(str(error))
        if "csv" in targets:
            try:
                written["csv"] = write_csv(summit, targets["csv"])
            except SummitError as error:
                failed.append(f"The CSV data was not written: {error}")
    paths = [p for edition in targets if edition in written for p in written[edition]]
    lines = failed + [f"Warning: {w}" for w in warnings] + notes
    first = next((targets[e] for e in targets if e in written), None)
    if lines and first is not None:
        try:
            paths.append(write_file(log_path(first), ("\n".join(lines) + "\n").encode()))
        except ExportError as error:
            failed.append(str(error))
    return Exported(paths, notes, failed, warnings)

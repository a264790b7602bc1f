"""The `summit-app` command: argument parsing, and nothing else.

Errors a user can cause print as one clear line and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from summit_app import __version__
from summit_app.core import cipher
from summit_app.core.cipher import PassphraseNeededError, WrongPassphraseError
from summit_app.core.errors import SummitError
from summit_app.core.schema import SCHEMA_VERSION
from summit_app.core.store import Summit, check_file

COMMANDS = ("new", "templates", "serve", "export", "breakout", "import")
# A protected summit's passphrase, for a command run without a terminal to type it in. Never
# a command-line argument: `ps` shows those to everyone on the laptop.
PASSPHRASE_VARIABLE = "SUMMIT_PASSPHRASE"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summit-app",
        description="Run an in-person summit from one laptop. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"summit-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create a .summit file from a template")
    new.add_argument("file", type=Path, help="the .summit file to create")
    new.add_argument("--template", default="summit-day", help="template name (see 'templates')")

    sub.add_parser("templates", help="list the templates")

    serve = sub.add_parser("serve", help="serve the phone page without a screen")
    serve.add_argument("file", type=Path)
    serve.add_argument("--host", default=None, help="address to listen on (default: the LAN's)")
    serve.add_argument("--port", type=int, default=8765)

    export = sub.add_parser(
        "export",
        help="write the write-up pack (PDF, HTML, Word) and the CSV files",
        description="With no option, writes all four into exports/ beside the file;"
        " with some, only those.",
    )
    export.add_argument("file", type=Path)
    export.add_argument("--pdf", type=Path, default=None, help="where to write the PDF")
    export.add_argument("--html", type=Path, default=None, help="where to write the HTML")
    export.add_argument("--docx", type=Path, default=None, help="where to write the Word file")
    export.add_argument("--csv", type=Path, default=None, dest="csv_dir", help="folder for CSV")
    export.add_argument(
        "--governance",
        type=Path,
        default=None,
        help="where to write the governance pack (Word: data inventory, DPIA answers, IT note)",
    )

    kit = sub.add_parser(
        "breakout",
        help="write a breakout room's file with some of the agenda's items",
        description="The room's file opens in Summit like any summit, with its own join code;"
        " the main file leaves those items to the room until its last import.",
    )
    kit.add_argument("file", type=Path, help="the main summit")
    kit.add_argument("room_file", type=Path, help="the room's .summit file to write")
    kit.add_argument("--room", required=True, help='its name, e.g. "Breakout B: Workforce"')
    kit.add_argument(
        "--item", action="append", required=True, help="an item's title (repeat for several)"
    )

    merge = sub.add_parser(
        "import",
        help="bring a breakout room's file into the main summit",
        description="Import a room's file as often as a copy arrives: the same file twice changes"
        " nothing, a later copy brings only what is new.",
    )
    merge.add_argument("file", type=Path, help="the main summit")
    merge.add_argument("room_file", type=Path, help="the room's .summit file")
    merge.add_argument(
        "--last", action="store_true", help="the room has finished: its items are yours again"
    )
    return parser


def _breakout(args: argparse.Namespace) -> int:
    from summit_app.core.breakout_kit import write_kit

    _up_to_date(args.file)
    with Summit.open(args.file) as summit:
        items = {item.title: item.id for item in summit.agenda.items()}
        missing = [title for title in args.item if title not in items]
        if missing:
            raise SummitError(f"No item on the agenda is called “{missing[0]}”.")
        room = write_kit(summit, args.room_file, args.room, [items[t] for t in args.item])
        print(
            f"Wrote {args.room_file} for {room.name} ({len(room.item_ids)} items);"
            " open it in Summit on the room's laptop."
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from summit_app import logs
    from summit_app.core.merge import import_room

    logs.configure()  # the log says what came in
    _up_to_date(args.file)
    with Summit.open(args.file) as summit:
        result = import_room(summit, args.room_file, last=args.last)
        print(result.sentence())
        if result.backup is not None:
            print(f"The file as it was before is kept as {result.backup.name}.")
    return 0


def _new(args: argparse.Namespace) -> int:
    from summit_app.core.templates import create_from_template

    if not args.file.name.strip() or args.file.name in (".", ".."):
        raise SummitError("Name the file to create, e.g. summit-app new leadership.summit")
    path = args.file if args.file.suffix else args.file.with_suffix(".summit")
    if not path.parent.is_dir():  # a typo in a folder's name would otherwise make folders
        raise SummitError(f"{path.parent}: no such folder. Create it first, or choose another.")
    with create_from_template(path, args.template) as summit:
        print(f"Created {path} ({summit.info().title}) from the '{args.template}' template.")
    return 0


def _templates(args: argparse.Namespace) -> int:
    from summit_app.core.templates import list_templates

    for template in list_templates():
        print(f"{template.name:<26} {template.description}")
    return 0


def _unlock(path: Path) -> None:
    """Hold a protected file's key for this command: the passphrase from the environment
    (PASSPHRASE_VARIABLE), else typed at a prompt that does not show it."""
    try:
        check_file(path)
        return
    except PassphraseNeededError:
        pass
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given is not None:
        cipher.unlock(path, given)
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise SummitError(
            f"{path.name} is protected with a passphrase: run this in a terminal to type it,"
            f" or set {PASSPHRASE_VARIABLE} in the environment."
        )
    for _ in range(3):
        try:
            cipher.unlock(path, getpass.getpass(f"Passphrase for {path.name}: "))
            return
        except WrongPassphraseError as error:
            print(f"summit-app: {error}", file=sys.stderr)
    raise SummitError(f"{path.name} was not opened: three passphrases did not open it.")


def _up_to_date(path: Path) -> None:
    """Refuse a bad file in one line; bring one from an older Summit up to date, saying so."""
    _unlock(path)
    if check_file(path) < SCHEMA_VERSION:
        with Summit.open(path) as summit:
            print(summit.migration_note)


def _serve(args: argparse.Namespace) -> int:
    _up_to_date(args.file)
    from summit_app import logs
    from summit_app.server.headless import serve

    logs.configure()  # the same log the window keeps, for a day served without a screen

    return serve(args.file, args.host, args.port)


def _export(args: argparse.Namespace) -> int:
    _up_to_date(args.file)
    from summit_app.export.cli import export

    return export(
        args.file,
        pdf=args.pdf,
        csv_dir=args.csv_dir,
        html=args.html,
        docx=args.docx,
        governance=args.governance,
    )


def _gui(path: Path | None) -> int:
    if path is not None and sys.stderr is not None:
        try:  # a bad file is one line for a terminal too; the window says it as well
            check_file(path)
        except PassphraseNeededError:
            pass  # the window asks for it
        except SummitError as error:
            print(f"summit-app: {error}", file=sys.stderr)
    from summit_app.ui.app import run

    return run(path)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _new,
    "templates": _templates,
    "serve": _serve,
    "export": _export,
    "breakout": _breakout,
    "import": _import,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `summit-app FILE.summit` opens the GUI on that file; a bare path is not a command.
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        if len(argv) > 1:
            _parser().error(f"unexpected arguments: {' '.join(argv[1:])}")
        try:
            return _gui(Path(argv[0]) if argv else None)
        except SummitError as error:
            print(f"summit-app: {error}", file=sys.stderr)
            return 1
    args = _parser().parse_args(argv)
    if args.command is None:
        return _gui(None)
    try:
        return HANDLERS[args.command](args)
    except SummitError as error:
        print(f"summit-app: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())

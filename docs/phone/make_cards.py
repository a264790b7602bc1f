"""Draw docs/phone/cards.png: the first page of a sheet of voting cards for the demo summit.

    PYTHONPATH=src .venv/bin/python docs/phone/make_cards.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.export.cards import write_card_sheet

HERE = Path(__file__).resolve().parent
TITLE = "South east London clinical and care professional leadership summit"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cards.summit"
        with Summit.create(path, SummitInfo(title=TITLE)) as summit:
            cards = summit.cards.issue(6) + summit.cards.issue(4, group="Pharmacy")
            short = f"192.168.1.20:8765/{summit.info().short_code}"
        sheet = Path(folder) / "cards.pdf"
        write_card_sheet(sheet, cards, "http://192.168.1.20:8765", TITLE, short)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(sheet),
             str(HERE / "cards")],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()

"""How many bytes a table host's phone downloads when it scans its table card (target: the
participants' 50 KB, bench/page_weight.py). The host's page loads only on hosts' phones, so
the participants' first load is not changed by it.

Starts a real server on a throwaway summit with 15 tables, an open prompt and an open poll,
scans table 1's card, then fetches every asset the host's page references and its first
state answer, and prints the bytes on the wire per file and in total.

    PYTHONPATH=src python bench/host_page_weight.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx
from page_weight import ASSET, report

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo
from summit_app.server import SummitServer


def first_load(encoding: str) -> list[tuple[str, httpx.Response]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.summit"
        with Summit.create(path, SummitInfo(title="Host page weight")) as summit:
            section = summit.agenda.add_section("Vision")
            item = summit.agenda.add_item(section.id, "Five years on", ItemKind.DISCUSSION, 30)
            summit.agenda.start_item(item.id)
            prompt = summit.agenda.add_prompt(item.id, "What should the vision include?")
            summit.agenda.open_prompt(prompt.id)
            options = ["Workforce development", "Digital and data", "Health inequalities"]
            poll = summit.polls.add_poll(item.id, "Which first?", PollKind.SINGLE, options)
            summit.polls.open_poll(poll.id)
            card = summit.tables.set_tables(15)[0]
        with SummitServer(path, host="127.0.0.1", port=0) as server:
            with httpx.Client(headers={"accept-encoding": encoding}, timeout=10) as phone:
                scan = phone.get(f"{server.url}/t/{card.pass_}")
                page = phone.get(server.url + "/host")
                fetched = [("/t/<pass>", scan), ("/host", page)]
                for asset in dict.fromkeys(ASSET.findall(page.text)):
                    fetched.append((asset, phone.get(server.url + asset)))
                fetched.append(("/api/table/state", phone.get(server.url + "/api/table/state")))
    return fetched


def main() -> int:
    return report("A table host's first load", first_load)


if __name__ == "__main__":
    sys.exit(main())

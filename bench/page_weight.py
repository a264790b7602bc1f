"""How many bytes a phone downloads on its first visit to the join link (target: < 50 KB).

The target is the transfer: every phone browser asks for gzip, and the server compresses
what is worth it. The bytes a client that takes no compression would get are printed too
(they were held under 50 KB until the page spoke Welsh; its words put them over).

Starts a real server on a throwaway summit with an open poll, fetches the join page, then
every asset the page references (stylesheets, scripts) and the first state answer, and
prints the bytes on the wire per file (body plus headers) and in total.

    PYTHONPATH=src python bench/page_weight.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import httpx

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo
from summit_app.server import SummitServer

TARGET = 50 * 1024
ASSET = re.compile(r'(?:src|href)="(/[^"]+\.(?:js|css))"')  # /static/..., /phone.js


def first_load(encoding: str, language: str = "en-GB") -> list[tuple[str, httpx.Response]]:
    """The join page, its assets and the first state answer, as a phone fetches them
    (in the language its browser asks for: the page carries only that one's words)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.summit"
        with Summit.create(path, SummitInfo(title="Page weight")) as summit:
            section = summit.agenda.add_section("Morning")
            item = summit.agenda.add_item(section.id, "Priorities", ItemKind.VOTE, 30)
            summit.agenda.start_item(item.id)
            options = ["Workforce development", "Digital and data", "Health inequalities"]
            poll = summit.polls.add_poll(item.id, "Which first?", PollKind.RANK, options)
            summit.polls.open_poll(poll.id)
        with SummitServer(path, host="127.0.0.1", port=0) as server:
            headers = {"accept-encoding": encoding, "accept-language": language}
            with httpx.Client(headers=headers, timeout=10) as phone:
                page = phone.get(server.join_url)
                fetched = [("/j/<code>", page)]
                for asset in dict.fromkeys(ASSET.findall(page.text)):
                    fetched.append((asset, phone.get(server.url + asset)))
                fetched.append(("/api/state", phone.get(server.url + "/api/state")))
    return fetched


def wire(response: httpx.Response) -> int:
    """Bytes on the wire: the status line, headers and the body as sent (compressed or not)."""
    head = sum(len(k) + len(v) + 4 for k, v in response.headers.raw) + 17
    return head + response.num_bytes_downloaded


def main() -> int:
    english = report("First load in English", first_load)
    print()
    welsh = report("First load in Welsh", lambda e: first_load(e, "cy-GB,cy;q=0.9,en;q=0.5"))
    return max(english, welsh)


def report(title: str, load: Callable[[str], list[tuple[str, httpx.Response]]]) -> int:
    """Print each file's bytes on the wire, with and without gzip; 1 when the transfer is over
    the target."""
    totals = {}
    for encoding in ("identity", "gzip"):
        print(f"{title}, Accept-Encoding: {encoding}")
        totals[encoding] = 0
        for name, response in load(encoding):
            size = wire(response)
            totals[encoding] += size
            print(f"{size:>8,} B  {response.status_code}  {name}")
        print(f"{totals[encoding]:>8,} B  total\n")
    sent = totals["gzip"]
    verdict = "under" if sent < TARGET else "OVER"
    print(
        f"First load as a phone transfers it {sent:,} B: {verdict} the {TARGET // 1024} KB target"
    )
    print(f"  (uncompressed, for a client that takes no compression: {totals['identity']:,} B).")
    return 0 if sent < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

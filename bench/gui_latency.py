"""How long the GUI thread is blocked while phones vote and post notes over HTTP.

The control window runs (offscreen) with the participant server on 127.0.0.1, showing
the polls tab and the projector's poll page. A separate process plays the phones:
1,000 join and vote, 500 of them also post a note. A 10 ms QTimer records the gap
between its ticks; the longest gap is how long the facilitator's window froze.

    PYTHONPATH=src python bench/gui_latency.py [BALLOTS] [NOTES] [--embed]

With --embed the window embeds the notes for Suggest themes in the background as they
arrive, as the app does (ui/note_embeddings.py); the ticks go on until every note is kept.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer  # noqa: E402

from summit_app.core import Summit  # noqa: E402
from summit_app.core.model import ItemKind, PollKind, SummitInfo  # noqa: E402
from summit_app.core.themes import MODEL_ID  # noqa: E402
from summit_app.ui import dialogs  # noqa: E402
from summit_app.ui.app import application  # noqa: E402
from summit_app.ui.main_window import MainWindow  # noqa: E402
from summit_app.ui.projector_window import Mode  # noqa: E402

TICK_MS = 10
TARGET_MS = 50

PHONES = r"""
import asyncio, json, sys
host, port, code, poll_id, prompt_id, ballots, notes = sys.argv[1:8]
port, poll_id, prompt_id, ballots, notes = map(int, (port, poll_id, prompt_id, ballots, notes))
options = [int(x) for x in sys.argv[8].split(",")]

async def request(reader, writer, method, path, cookie="", body=None):
    data = json.dumps(body).encode() if body is not None else b""
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}"]
    if cookie:
        head.append(f"Cookie: {cookie}")
    if body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
    line = await reader.readline()
    if not line:
        raise ConnectionError("closed")
    status = int(line.split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        key, _, value = line.decode().partition(":")
        headers[key.strip().lower()] = value.strip()
    await reader.readexactly(int(headers.get("content-length", 0)))
    return status, headers

async def phone(i, gate, done):
    async with gate:
        # Each phone from its own loopback address, as on Wi-Fi (joins are limited per address).
        mine = f"127.{1 + i // 62500}.{1 + i // 250 % 250}.{1 + i % 250}"
        reader, writer = await asyncio.open_connection(host, port, local_addr=(mine, 0))
        try:
            status, headers = await request(reader, writer, "GET", f"/j/{code}")
            if status != 200:
                done["refused"][status] = done["refused"].get(status, 0) + 1
                return
            cookie = headers["set-cookie"].split(";")[0]
            body = {"poll_id": poll_id, "choices": {str(options[i % len(options)]): 1}}
            status, _ = await request(reader, writer, "POST", "/api/ballot", cookie, body)
            done["ballot"] += status == 200
            if i < notes:
                body = {"prompt_id": prompt_id, "text": f"Note {i} from a phone"}
                status, _ = await request(reader, writer, "POST", "/api/note", cookie, body)
                done["note"] += status == 201
        except (ConnectionError, OSError) as error:
            done["errors"] += 1
        finally:
            writer.close()

async def main():
    gate = asyncio.Semaphore(50)
    done = {"ballot": 0, "note": 0, "errors": 0, "refused": {}}
    await asyncio.gather(*(phone(i, gate, done) for i in range(ballots)))
    refused = json.dumps(done["refused"]).replace(" ", "")
    print(done["ballot"], done["note"], done["errors"], refused)

asyncio.run(main())
"""


def build(path: Path) -> tuple[int, int, list[int]]:
    with Summit.create(path, SummitInfo(title="Latency bench")) as s:
        section = s.agenda.add_section("Day")
        item = s.agenda.add_item(section.id, "Vote and talk", ItemKind.VOTE, 30)
        prompt = s.agenda.add_prompt(item.id, "What matters most?")
        poll = s.polls.add_poll(item.id, "Which first?", PollKind.SINGLE, ["A", "B", "C"])
        s.polls.open_poll(poll.id)
        s.polls.set_show_results(poll.id, True)
        s.agenda.open_prompt(prompt.id)
        s.agenda.start_item(item.id)
        return poll.id, prompt.id, [o.id for o in poll.options]


def main() -> int:
    numbers = [a for a in sys.argv[1:] if not a.startswith("--")]
    ballots = int(numbers[0]) if numbers else 1000
    notes = int(numbers[1]) if len(numbers) > 1 else 500
    embed = "--embed" in sys.argv
    # Keep the facilitator's real recent files and window places out of this run.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = application()  # noqa: F841 (kept alive for the run)
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.summit"
    poll_id, prompt_id, options = build(path)
    # The file opens mid-vote, so the window offers to let phones back in: the bench says no
    # and starts the server itself, on 127.0.0.1.
    dialogs.confirm = lambda *args, **kwargs: False
    window = MainWindow(embed_notes=embed)
    window.resize(1366, 768)
    window.show()
    # Opening a file whose poll is open offers to serve phones: not yet (served below on
    # 127.0.0.1); closing while phones vote asks first: yes.
    dialogs.confirm = lambda *args, **kwargs: False  # type: ignore[assignment]
    window.open_path(path)
    window.polls_panel.choose(poll_id)
    window.tabs.setCurrentWidget(window.polls_panel)
    window.projector_panel.show_mode(Mode.POLL)
    window.projector.resize(1280, 720)
    window.projector.show()
    window.server_panel.port = 0
    if not window.server_panel.start("127.0.0.1"):
        print("server did not start:", window.server_panel.status.text())
        return 1
    server = window.server_panel.server
    code = server.join_url.rsplit("/", 1)[-1]

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    args = [str(a) for a in ("127.0.0.1", server.port, code, poll_id, prompt_id, ballots, notes)]
    phones = subprocess.Popen(
        [sys.executable, "-c", PHONES, *args, ",".join(map(str, options))],
        stdout=subprocess.PIPE,
        text=True,
    )
    loop = QEventLoop()
    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(lambda: loop.quit() if phones.poll() is not None else None)
    watcher.start()
    loop.exec()
    watcher.stop()
    burst = time.perf_counter() - started
    # Let the last batch of events reach the panels before reading them.
    QTimer.singleShot(2500, loop.quit)
    loop.exec()
    embedded = ""
    if embed and window.session is not None:
        summit = window.session.summit
        wanted = len(summit.embeddings.note_texts())
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            if len(summit.embeddings.keys(MODEL_ID)) >= wanted:
                break
            QTimer.singleShot(200, loop.quit)
            loop.exec()
        kept = len(summit.embeddings.keys(MODEL_ID))
        embedded = (
            f"notes embedded in the background: {kept} of {wanted},"
            f" {time.perf_counter() - started - burst:.1f} s after the burst ended"
        )
    timer.stop()
    out = (phones.stdout.read().split() if phones.stdout else []) + ["?"] * 4
    label = window.polls_panel.live_label.text()
    with Summit.open(path) as fresh:
        stored = fresh.polls.ballot_count(poll_id), len(fresh.notes.notes())
    shown_notes = len(window.note_board.model.note_texts(None))
    dialogs.confirm = lambda *args, **kwargs: True  # type: ignore[assignment]
    window.close()

    gaps.sort()
    longest = gaps[-1]
    p99 = gaps[int(len(gaps) * 0.99)]
    print(f"phones: {ballots} ballots and {notes} notes sent; accepted {out[0]} and {out[1]}")
    print(f"connection errors {out[2]}; refused joins by status {out[3]}")
    print(f"burst took {burst:.1f} s; stored {stored[0]} ballots and {stored[1]} notes")
    print(f"the control window shows: {label}; {shown_notes} notes on the board")
    if embedded:
        print(embedded)
    print(f"timer ticks: {len(gaps)}; median gap {gaps[len(gaps) // 2]:.1f} ms; p99 {p99:.1f} ms")
    verdict = "within" if longest <= TARGET_MS else "OVER"
    print(
        f"longest gap between 10 ms ticks: {longest:.1f} ms ({verdict} the {TARGET_MS} ms target)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

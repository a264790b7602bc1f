"""The Write-up tab's preview: how long a rebuild takes, and how long it holds the window.

For the demo summit and for bench/export_large.py's long day (1,000 participants, 40 polls,
2,000 notes), the real Write-up tab (offscreen) is shown, then a section's introduction is
edited five times; each edit is saved as the tab saves it, and the preview rebuilds on its
worker thread. Printed, as medians of the five: from the save to the new preview showing,
and the longest gap between the ticks of a 10 ms timer on the GUI thread meanwhile (what
the programme team would feel as a stall while typing).

    PYTHONPATH=src python bench/writeup_preview.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from summit_app.core.templates import create_from_template  # noqa: E402
from summit_app.ui.app import application  # noqa: E402
from summit_app.ui.session import SummitSession  # noqa: E402
from summit_app.ui.writeup_panel import WriteupPanel  # noqa: E402

EDITS = 5


class Ticks:
    """The longest gap between a 10 ms timer's ticks since `reset()`."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.longest = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def reset(self) -> None:
        self.last, self.longest = self.clock.elapsed(), 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def wait_for(app: QApplication, done, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("the preview did not arrive in time")
        app.processEvents()
        time.sleep(0.002)


def measure(app: QApplication, path: Path, name: str) -> None:
    session = SummitSession.open(path)
    panel = WriteupPanel(session)
    panel.resize(1366, 700)
    panel.show()
    built: list[int] = []
    panel.preview.updated.connect(built.append)
    wait_for(app, lambda: bool(built))
    section = session.summit.agenda.sections()[0]
    panel.outline.select(("section", section.id))
    ticks = Ticks()
    latencies, stalls = [], []
    for n in range(EDITS):
        built.clear()
        ticks.reset()
        started = time.perf_counter()
        panel.text_page.editor.setPlainText(f"Edit {n}: what we did in this part of the day.")
        panel.text_page.editor.commit()
        wait_for(app, lambda: bool(built))
        latencies.append(time.perf_counter() - started)
        stalls.append(ticks.longest)
    pages = built[-1]
    session.close()
    panel.deleteLater()
    app.processEvents()
    print(
        f"{name}: {pages} pages; save to new preview {statistics.median(latencies):.2f} s"
        f" (range {min(latencies):.2f}-{max(latencies):.2f}); longest GUI stall"
        f" {statistics.median(stalls):.0f} ms (range {min(stalls)}-{max(stalls)})"
    )


def main() -> int:
    import export_large

    app = application()  # the app's process settings (GIL switch interval, gc.freeze)
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.summit"
        create_from_template(demo, "demo").close()
        measure(app, demo, "demo summit")
        large = Path(folder) / "large.summit"
        export_large.build(large)
        measure(app, large, "long day")
    return 0


if __name__ == "__main__":
    sys.exit(main())

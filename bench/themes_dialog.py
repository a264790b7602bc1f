"""The window while Suggest themes runs cold in the real dialog, and how long it takes.

    .venv/bin/python bench/themes_dialog.py [NOTES] [--runs N]     # 5000 notes, 5 runs

A summit with NOTES notes made from the labelled ones (new texts every run) is opened as the
window holds it; nothing is embedded before (a file from an older version, suggested at
once), the model already loaded. The Suggest themes dialog (ui/theme_suggestions.py,
offscreen) runs from its opening until its suggestions are shown, while a 10 ms timer on
the GUI thread records the gaps between its ticks: the longest is how long the window
froze. Each run is timed twice, the model run as shipped and as before 2026-12-07
(bench/themes.py's `_as_before`), first or second by turns. Medians.
"""

from __future__ import annotations

import functools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))
sys.path.insert(0, str(ROOT / "bench"))

from labelled_themes import load  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from themes import _as_before, _summit_with  # noqa: E402

from summit_app.core import themes  # noqa: E402
from summit_app.ui.app import application  # noqa: E402
from summit_app.ui.session import SummitSession  # noqa: E402
from summit_app.ui.theme_suggestions import ThemeSuggestions  # noqa: E402

TICK_MS = 10


def _one(path: Path, way: str) -> tuple[float, float]:
    """Seconds from the dialog's opening to its suggestions, and the longest gap (ms)."""
    if way == "shipped":
        embedder = themes.Embedder()
    else:
        embedder = _as_before()
        # As before, one call ran its batches one after another on onnxruntime's threads.
        embedder.embed = functools.partial(embedder.embed, cores=1)  # type: ignore[method-assign]
    embedder.embed(["Loaded"])  # the session loads the model in the background
    themes.Embedder._shared = embedder
    session = SummitSession.open(path)
    prompt_id = session.summit.agenda.prompts()[0].id
    gaps: list[float] = []
    clock = QElapsedTimer()
    loop = QEventLoop()
    last = 0.0

    def tick() -> None:
        nonlocal last
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last)
        last = now
        if dialog.tree.topLevelItemCount() and dialog.isEnabled():
            loop.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    clock.start()
    start = time.perf_counter()
    dialog = ThemeSuggestions(session, prompt_id)  # suggests at once, off the GUI thread
    dialog.show()
    timer.start()
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    took = time.perf_counter() - start
    timer.stop()
    dialog.reject()
    session.close()
    themes.Embedder._shared = None
    return took, max(gaps)


def main() -> int:
    size = int(next((a for a in sys.argv[1:] if a.isdigit()), 5000))
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    app = application()  # noqa: F841 (kept alive for the run)
    notes, _, _ = load()
    rng = random.Random(9)
    words = [w for n in notes for w in n.split()]
    figures: dict[str, list[tuple[float, float]]] = {"shipped": [], "before": []}
    with tempfile.TemporaryDirectory() as folder:
        # Once, not counted: the first dialog and the first run of each way warm up.
        for way in ("before", "shipped"):
            _summit_with(Path(folder) / f"warm-{way}.summit", notes[:50]).close()
            _one(Path(folder) / f"warm-{way}.summit", way)
        for run in range(runs):
            for way in ("shipped", "before") if run % 2 else ("before", "shipped"):
                texts = [
                    f"{rng.choice(notes)} {' '.join(rng.sample(words, rng.randint(0, 4)))}"
                    for _ in range(size)
                ]
                path = Path(folder) / f"{run}-{way}.summit"
                _summit_with(path, texts).close()
                figures[way].append(_one(path, way))
    for way, found in figures.items():
        took = [round(t, 2) for t, _ in found]
        longest = [round(g) for _, g in found]
        print(
            f"Suggest themes, {size} notes, cold, the model run {'as ' + way}: median"
            f" {statistics.median(took):.2f} s of {took}; the window's longest pause"
            f" between {TICK_MS} ms ticks: median {statistics.median(longest):.0f} ms of {longest};"
            f" load"
            f" {os.getloadavg()[0]:.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

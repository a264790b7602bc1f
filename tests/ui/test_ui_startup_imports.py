"""Before the first window shows, nothing loads that the window does not need yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from summit_app.core.templates import create_from_template

LATER = ("fastapi", "uvicorn", "starlette", "pydantic", "reportlab", "summit_app.export")
LATER += ("onnxruntime",)  # the themes model: loaded when themes are first suggested

SHOW_THE_DEMO = """
import json, sys
from summit_app.ui.app import application
from summit_app.ui.main_window import MainWindow
app = application()
window = MainWindow()
window.show()
assert window.open_path(__import__("pathlib").Path(sys.argv[1]))
app.processEvents()
loaded = sorted({m.split(".")[0] if not m.startswith("summit_app") else m for m in sys.modules})
print(json.dumps(loaded))
window.menus.open_export()  # the export dialog brings in the pack's code
window.server_panel.start("127.0.0.1")  # and the first server the web stack
print(json.dumps(sorted(sys.modules)))
window.server_panel.stop()
window.close()
"""


def test_the_window_opens_a_summit_without_the_server_or_the_pdf_code(tmp_path: Path) -> None:
    demo = tmp_path / "demo.summit"
    create_from_template(demo, "demo").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SHOW_THE_DEMO, str(demo)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    at_start, later = (json.loads(line) for line in done.stdout.splitlines()[-2:])
    assert [m for m in at_start if m.startswith(LATER)] == []
    assert "PySide6" in at_start and "summit_app.ui.main_window" in at_start
    assert {"fastapi", "uvicorn", "reportlab", "summit_app.export.pack"} <= set(later)

"""The Linux desktop bundle, tried as a facilitator would: it starts, serves phones, exports.

    scripts/bundle.sh                                   # builds dist/linux/summit-app/
    .venv/bin/python bench/bundle_smoke.py              # or --bundle PATH/TO/summit-app

With the bundle's own executable and nothing from the checkout: makes the demo summit, opens
it in the window under Xvfb (screenshot kept in build/bundle/smoke.png), serves phones on
127.0.0.1 (a phone joins and votes through HTTP), exports the pack and reads the PDF, the
Word file's header and the CSV back, and exports a copy protected with a passphrase
(SQLCipher inside the bundle).
Prints the bundle's size and its start time (median of 5, bench/startup.py's measure) beside
the checkout's, measured in the same run. Exits non-zero if a step fails.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from docx import Document
from pypdf import PdfReader
from startup import ROOT, display, launch_once, make_demo, print_medians

from summit_app.core import Summit, cipher
from summit_app.core.model import PollKind
from summit_app.core.protect import protect

SMOKE_PASSPHRASE = "bundle smoke passphrase"
DEFAULT_BUNDLE = ROOT / "dist" / "linux" / "summit-app" / "summit-app"


def size_mb(folder: Path) -> float:
    """As du counts it: a symbolic link (PyInstaller links Qt's libraries) counts once."""
    files = (f for f in folder.rglob("*") if not f.is_symlink() and f.is_file())
    return sum(f.stat().st_size for f in files) / 1e6


def run(bundle: Path, *args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(bundle), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise SystemExit(f"summit-app {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def opens_the_demo(bundle: Path, demo: Path, env: dict[str, str], shot: Path) -> float:
    """The window opens on the demo; a screenshot of it is kept."""
    app = subprocess.Popen([str(bundle), str(demo)], env=env, stderr=subprocess.PIPE)
    started = time.monotonic()
    try:
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{demo.name} — Summit$"],
                env=env,
                capture_output=True,
            )
            if found.returncode == 0:
                break
            if app.poll() is not None or time.monotonic() - started > 60:
                raise SystemExit(f"the bundle's window did not open: {app.stderr.read()!r}")
            time.sleep(0.05)
        shown = time.monotonic() - started
        time.sleep(2)  # let it paint
        grab = (
            "import sys; from PySide6.QtGui import QGuiApplication;"
            " app = QGuiApplication(['grab']);"
            " sys.exit(not app.primaryScreen().grabWindow(0).save(sys.argv[1]))"
        )
        subprocess.run(
            [sys.executable, "-c", grab, str(shot)],
            env={**env, "QT_QPA_PLATFORM": "xcb"},
            check=True,
        )
        return shown
    finally:
        app.terminate()
        app.wait(10)


def serves_a_phone(bundle: Path, demo: Path, env: dict[str, str]) -> int:
    """`summit-app serve` on 127.0.0.1; a phone joins and votes in a poll opened meanwhile."""
    with Summit.open(demo) as summit:
        item = summit.agenda.items()[0]
        poll = summit.polls.add_poll(item.id, "Smoke test", PollKind.SINGLE, ["Yes", "No"])
        summit.agenda.start_item(item.id)
        summit.polls.open_poll(poll.id)
        yes = summit.polls.poll(poll.id).options[0].id
    server = subprocess.Popen(
        [str(bundle), "serve", str(demo), "--host", "127.0.0.1", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        join_url = ""
        deadline = time.monotonic() + 60
        while not join_url and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                raise SystemExit(f"serve stopped: {server.stderr.read()}")
            if re.match(r"http://127\.0\.0\.1:\d+/j/", line):
                join_url = line.strip()
        base = join_url.split("/j/")[0]
        with httpx.Client(base_url=base, timeout=5) as phone:
            assert phone.get(join_url).status_code == 200
            assert "<html" in phone.get("/").text.lower()
            assert phone.get("/static/app.js").status_code == 200
            voted = phone.post("/api/ballot", json={"poll_id": poll.id, "choices": {yes: 1}})
            assert voted.status_code == 200, voted.text
    finally:
        server.terminate()
        server.wait(10)
    with Summit.open(demo) as summit:
        return len(summit.polls.ballots(poll.id))


def exports_the_pack(bundle: Path, demo: Path, env: dict[str, str]) -> tuple[int, int]:
    written = run(bundle, "export", demo.name, cwd=demo.parent, env=env).split()
    pdf = demo.parent / "exports" / f"{demo.stem}.pdf"
    assert str(Path("exports") / pdf.name) in written, written
    pages = len(PdfReader(pdf).pages)
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Professional Leadership Summit" in text, text[:200]
    # The Word edition's header and footer come from python-docx's own templates, which a
    # bundle once lacked (the export stopped there).
    word = Document(str(demo.parent / "exports" / f"{demo.stem}.docx"))
    header = " ".join(p.text for p in word.sections[0].header.paragraphs)
    assert "Professional Leadership" in header, header
    ballots = demo.parent / "exports" / f"{demo.stem}-data" / "ballots.csv"
    with ballots.open(encoding="utf-8-sig") as rows:
        return pages, sum(1 for _ in csv.DictReader(rows))


def opens_a_protected_copy(bundle: Path, demo: Path, env: dict[str, str]) -> int:
    """A copy of the demo protected with a passphrase (SQLCipher, which the bundle must
    carry): refused in one line without it, exported with it from SUMMIT_PASSPHRASE."""
    protected = demo.with_name("protected.summit")
    shutil.copy(demo, protected)
    protect(protected, SMOKE_PASSPHRASE)
    cipher.forget(protected)
    refused = subprocess.run(
        [str(bundle), "export", protected.name, "--pdf", "refused.pdf"],
        cwd=demo.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert refused.returncode == 1 and "protected with a passphrase" in refused.stderr, refused
    with_it = {**env, "SUMMIT_PASSPHRASE": SMOKE_PASSPHRASE}
    run(bundle, "export", protected.name, "--pdf", "protected.pdf", cwd=demo.parent, env=with_it)
    return len(PdfReader(demo.parent / "protected.pdf").pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--display", type=int, default=72)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    if not bundle.is_file():
        raise SystemExit(f"No bundle at {bundle}: build it with scripts/bundle.sh")

    folder = Path(tempfile.mkdtemp(prefix="summit-bundle-smoke-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_QPA_PLATFORM")}
    env |= {"DISPLAY": f":{args.display}", "HOME": str(folder / "home")}
    xvfb = display(args.display)
    try:
        print(run(bundle, "--version", cwd=folder, env=env).strip())
        listed = run(bundle, "templates", cwd=folder, env=env)
        templates = sorted(p.stem for p in (ROOT / "resources" / "templates").glob("*.json"))
        assert all(re.search(rf"^{t} ", listed, re.M) for t in templates), listed
        run(bundle, "new", "demo.summit", "--template", "demo", cwd=folder, env=env)
        demo = folder / "demo.summit"
        shot = ROOT / "build" / "bundle" / "smoke.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        shown = opens_the_demo(bundle, demo, env, shot)
        ballots = serves_a_phone(bundle, demo, env)
        pages, rows = exports_the_pack(bundle, demo, env)
        protected_pages = opens_a_protected_copy(bundle, demo, env)
        print(f"templates: {len(templates)} listed; window on the demo after {shown:.2f} s")
        print(f"phones: 1 joined and voted on 127.0.0.1, {ballots} ballot stored")
        print(f"export: {pages}-page PDF, Word with its header, ballots.csv with {rows} rows")
        print(
            f"protected copy: refused without its passphrase, a {protected_pages}-page PDF"
            " with it (SUMMIT_PASSPHRASE)"
        )
        print(f"screenshot: {shot}")

        times: dict[str, list[float]] = {"checkout": [], "bundle": []}
        checkout = [str(ROOT / ".venv" / "bin" / "summit-app")]
        for run_number in range(args.runs):
            for name, command in (("checkout", checkout), ("bundle", [str(bundle)])):
                copy = folder / f"{name}-{run_number}"
                copy.mkdir()
                times[name].append(launch_once(command, make_demo(command, copy, env), env))
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"bundle size: {size_mb(bundle.parent):.0f} MB in {bundle.parent}")
    print_medians(times)
    return 0


if __name__ == "__main__":
    sys.exit(main())

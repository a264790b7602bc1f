"""Time from launch to a usable window: the control window on screen with the demo open.

    .venv/bin/python bench/startup.py                        # the checkout's summit-app
    .venv/bin/python bench/startup.py --bundle dist/linux/summit-app/summit-app
    .venv/bin/python bench/startup.py --before ../other-checkout/src

Each run starts the app on a fresh copy of the demo under its own Xvfb screen and waits for
X to show a window titled "<file> — Summit" (the title is set once the summit is loaded, and
the window is mapped once the event loop has started), polling every 10 ms; then the app is
closed. Five runs each, medians printed; every variant is measured in the same session,
turn by turn, so the shared machine's noise falls on all of them alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60.0


def display(number: int) -> subprocess.Popen:
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x900x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or xvfb.poll() is not None:
            raise SystemExit(f"Xvfb :{number} did not start (is the display taken?)")
        time.sleep(0.05)
    return xvfb


def window_shown(title: str, env: dict[str, str]) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", title],
        env=env,
        capture_output=True,
        text=True,
    )
    return found.returncode == 0 and bool(found.stdout.strip())


def launch_once(command: list[str], demo: Path, env: dict[str, str]) -> float:
    """Seconds from starting the process to its window showing the open summit."""
    title = f"^{demo.name} — Summit$"
    started = time.monotonic()
    app = subprocess.Popen(
        [*command, str(demo)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while not window_shown(title, env):
            if app.poll() is not None:
                raise SystemExit(f"{command[0]} exited: {app.stderr.read().decode()[-2000:]}")
            if time.monotonic() - started > TIMEOUT_S:
                raise SystemExit(f"{command[0]}: no window after {TIMEOUT_S:.0f} s")
            time.sleep(0.01)
        return time.monotonic() - started
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def make_demo(command: list[str], folder: Path, env: dict[str, str]) -> Path:
    """The demo, made by the Summit being measured (another may write another file format)."""
    demo = folder / "demo.summit"
    subprocess.run(
        [*command, "new", str(demo), "--template", "demo"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return demo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--display", type=int, default=71)
    parser.add_argument(
        "--bundle", type=Path, action="append", default=[], help="a bundle's executable (repeat)"
    )
    parser.add_argument("--before", type=Path, help="another checkout's src/ to measure too")
    parser.add_argument("--no-checkout", action="store_true", help="skip this checkout")
    args = parser.parse_args()

    variants: dict[str, tuple[list[str], dict[str, str]]] = {}
    base = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
    base["DISPLAY"] = f":{args.display}"
    python = str(ROOT / ".venv/bin/python")
    if args.before:
        before = {**base, "PYTHONPATH": str(args.before.resolve())}
        variants[f"before ({args.before})"] = ([python, "-m", "summit_app"], before)
    if not args.no_checkout:
        variants["checkout"] = ([str(ROOT / ".venv/bin/summit-app")], base)
    for bundle in args.bundle:
        variants[f"bundle ({bundle})"] = ([str(bundle.resolve())], base)
    if not variants:
        parser.error("nothing to measure")

    times: dict[str, list[float]] = {name: [] for name in variants}
    xvfb = display(args.display)
    folder = Path(tempfile.mkdtemp(prefix="summit-startup-"))
    try:
        home = {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder / "config")}  # no settings
        for run in range(args.runs):
            for name, (command, env) in variants.items():
                demo_dir = folder / f"{run}-{len(times[name])}-{abs(hash(name))}"
                demo_dir.mkdir()
                demo = make_demo(command, demo_dir, {**env, **home})
                times[name].append(launch_once(command, demo, {**env, **home}))
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(folder, ignore_errors=True)

    print_medians(times)
    return 0


def print_medians(times: dict[str, list[float]]) -> None:
    runs = len(next(iter(times.values())))
    print(f"launch to a usable window, {runs} runs each (median, min-max):")
    for name, seconds in times.items():
        print(
            f"  {name:<40} {statistics.median(seconds):6.2f} s"
            f"  ({min(seconds):.2f}-{max(seconds):.2f})"
        )


if __name__ == "__main__":
    sys.exit(main())

"""Speakers' slides: the time to add a 100-slide deck, and how long a click takes to show the
next slide on the projector at 1080p and at 2160p (4K).

A real `.summit` file in a temporary folder gets a 100-slide deck (16:9, text, shapes and
a photo every fifth slide) through the facilitator's command, timed. Then the real
projector window (offscreen, at 1920x1080 and at 3840x2160) shows the deck and the
clicker steps through all 100 slides: from the click (`Slideshow.step`) to the projector
having painted the new slide, with the next slide drawn ahead in the background between
clicks as it is on the day (a speaker clicks every few seconds). Printed: the median and
worst of the 99 changes, and for comparison how long one slide takes to draw from nothing.

    PYTHONPATH=src python bench/slides.py
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import summit_app.export.pdf  # noqa: E402, F401 - readies reportlab before it is imported
from summit_app.core import Summit  # noqa: E402
from summit_app.core.commands.decks import add_deck  # noqa: E402
from summit_app.core.model import ItemKind, SummitInfo  # noqa: E402
from summit_app.ui.app import application  # noqa: E402
from summit_app.ui.projector_window import ProjectorWindow  # noqa: E402
from summit_app.ui.session import SummitSession  # noqa: E402
from summit_app.ui.slide_images import SlideImages, render_slide  # noqa: E402
from summit_app.ui.slideshow import Slideshow  # noqa: E402
from summit_app.ui.stage import Stage  # noqa: E402

SLIDES = 100


def talk_deck(pages: int) -> bytes:
    """What a speaker exports: text and shapes, and a photo every fifth slide."""
    from PIL import Image
    from reportlab.lib.colors import HexColor
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(7)
    photo = Image.frombytes("RGB", (480, 320), rng.randbytes(480 * 320 * 3))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(960, 540), invariant=1)
    for n in range(1, pages + 1):
        c.setFillColor(HexColor("#1d4ed8"))
        c.rect(0, 450, 960, 90, stroke=0, fill=1)
        c.setFillColor(HexColor("#ffffff"))
        c.setFont("Helvetica-Bold", 40)
        c.drawString(48, 478, f"Finding {n}: what the room told us")
        c.setFillColor(HexColor("#111827"))
        c.setFont("Helvetica", 24)
        for line in range(6):
            c.drawString(72, 390 - line * 50, f"Point {line + 1}: workforce, digital, estates")
        for bar in range(5):
            c.setFillColor(HexColor(("#047857", "#b45309", "#7c3aed", "#be123c", "#0e7490")[bar]))
            c.rect(640 + bar * 56, 60, 40, 40 + 50 * ((n + bar) % 6), stroke=0, fill=1)
        if n % 5 == 0:
            c.drawImage(ImageReader(photo), 560, 140, 360, 240)
        c.showPage()
    c.save()
    return out.getvalue()


def wait_until(app: QApplication, done, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the projector did not paint the slide")
        app.processEvents()


def memory_copy_ms() -> float:
    """How long copying one 4K picture's bytes (33 MB) takes now: the floor of a 4K slide
    change, and a measure of how loaded the machine is while the figures were taken."""
    picture = bytearray(3840 * 2160 * 4)
    began = time.perf_counter()
    for _ in range(5):
        bytes(picture)
    return (time.perf_counter() - began) / 5 * 1000


def main() -> None:
    app = application()
    folder = Path(tempfile.mkdtemp(prefix="slides-bench-"))
    path = folder / "bench.summit"
    pdf = talk_deck(SLIDES)
    with Summit.create(path, SummitInfo(title="Bench")) as summit:
        section = summit.agenda.add_section("Section 2")
        item = summit.agenda.add_item(section.id, "Findings", ItemKind.TALK, 20).id
        started = time.perf_counter()
        add_deck(summit, item, pdf, "findings.pdf")
        added = time.perf_counter() - started
    print(f"add a {SLIDES}-slide deck ({len(pdf) / 1e6:.1f} MB) to a .summit file: {added:.2f} s")

    session = SummitSession.open(path)
    stage = Stage()
    images = SlideImages(session)
    projector = ProjectorWindow(session, stage, slides=images)
    canvas = projector.view.slide_canvas
    show = Slideshow(stage, images, canvas.pixel_size)
    deck = images.deck_for_item(item)
    assert deck is not None
    for width, height in ((1920, 1080), (3840, 2160)):
        projector.resize(width, height)
        projector.show()
        wait_until(app, lambda w=width, h=height: projector.view.size() == QSize(w, h))
        document = images._document(deck)
        assert document is not None
        cold = []
        for index in (0, 4, 9):
            began = time.perf_counter()
            render_slide(document, index, canvas.pixel_size())
            cold.append(time.perf_counter() - began)
        show.go_to(deck, 0)
        wait_until(app, lambda: canvas.painted == (deck.sha256, 0))
        changes = []
        for slide in range(1, SLIDES):
            images.wait()  # a speaker's click comes after the next slide is drawn ahead
            app.processEvents()
            began = time.perf_counter()
            assert show.step(+1)
            canvas.repaint()  # what the event loop does next; done here to time it alone
            wait_until(app, lambda s=slide: canvas.painted == (deck.sha256, s))
            changes.append(time.perf_counter() - began)
        ms = [c * 1000 for c in changes]
        print(
            f"{height}p ({canvas.pixel_size().width()}x{canvas.pixel_size().height()}):"
            f" slide change median {statistics.median(ms):.1f} ms, worst {max(ms):.1f} ms"
            f" over {len(ms)} clicks; one slide drawn from nothing"
            f" {statistics.median(cold) * 1000:.0f} ms"
        )
    print(f"(a 33 MB memory copy took {memory_copy_ms():.0f} ms on this machine meanwhile)")
    projector.close()
    images.close()
    session.close()


if __name__ == "__main__":
    main()

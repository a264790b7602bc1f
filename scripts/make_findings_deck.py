"""Makes the demo summit's findings deck, resources/templates/demo-findings.pdf, from the demo
template itself (resources/templates/demo.json: the seed's Section 2, its engagement figures
and its nine core messages), as a speaker would export slides to PDF: 16:9 pages of text,
vector throughout, in the bundled DejaVu Sans.

The deck is the same bytes every time it is made from the same template (reportlab's
invariant mode), so tests/test_findings_deck.py can check that the file in the repository
is what this script makes.

    .venv/bin/python scripts/make_findings_deck.py          # writes the file
    .venv/bin/python scripts/make_findings_deck.py --check  # fails if it is out of date
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "resources" / "templates"
FONTS = ROOT / "resources" / "fonts"
DECK = TEMPLATES / "demo-findings.pdf"
TALK = "What have we heard? Findings of our engagement programme"
WIDTH, HEIGHT = 960.0, 540.0  # points: 16:9, as PowerPoint's widescreen
NAVY, TEAL, INK, MUTED = "#1d3557", "#0f766e", "#111827", "#4b5563"


def _plain(text: str) -> str:
    """The template's written-up text without its **bold** marks."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text).strip()


def findings(template: dict) -> tuple[str, str, list[str], list[str]]:
    """From the demo: the summit's title and date line, the section's engagement lines, and
    the nine core messages (the narrative block after the findings talk)."""
    summit = template["summit"]
    for section in template["sections"]:
        titles = [item.get("title") for item in section["items"]]
        if TALK not in titles:
            continue
        intro = [_plain(line) for line in section["introduction"].split("\n")[1:]]
        after = section["items"][titles.index(TALK) + 1]
        messages = [_plain(line[2:]) for line in after["narrative"].split("\n") if line[:2] == "- "]
        return summit["title"], "13 April 2021", intro, messages
    raise SystemExit(f"The demo template has no item called {TALK!r}.")


def make_deck(template: dict) -> bytes:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    pdfmetrics.registerFont(TTFont("DeckSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DeckSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    title, date, intro, messages = findings(template)
    if len(messages) != 9:
        raise SystemExit(f"Expected the nine core messages, found {len(messages)}.")
    body = ParagraphStyle("body", fontName="DeckSans", fontSize=19, leading=25, textColor=INK)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(WIDTH, HEIGHT), invariant=1)
    c.setTitle("What have we heard? Findings of our engagement programme")
    c.setAuthor("Our Healthier South East London ICS")

    def band(heading: str, number: int) -> None:
        c.setFillColor(HexColor(NAVY))
        c.rect(0, HEIGHT - 96, WIDTH, 96, stroke=0, fill=1)
        c.setFillColor(HexColor("#ffffff"))
        c.setFont("DeckSans-Bold", 34)
        c.drawString(48, HEIGHT - 62, heading)
        c.setFillColor(HexColor(MUTED))
        c.setFont("DeckSans", 12)
        c.drawString(48, 24, title)
        c.drawRightString(WIDTH - 48, 24, f"{number}")

    def text(lines: list[str], top: float, bullet: str = "•") -> None:
        y = top
        for n, line in enumerate(lines, start=1):
            mark = f"{n}." if bullet == "1." else bullet
            para = Paragraph(line, body)
            _, height = para.wrap(WIDTH - 170, HEIGHT)
            c.setFillColor(HexColor(TEAL))
            c.setFont("DeckSans-Bold", 21)
            c.drawString(60, y - 21, mark)
            para.drawOn(c, 110, y - height)
            y -= height + 18

    # 1. Title
    c.setFillColor(HexColor(NAVY))
    c.rect(0, 0, WIDTH, HEIGHT, stroke=0, fill=1)
    c.setFillColor(HexColor("#ffffff"))
    c.setFont("DeckSans-Bold", 46)
    c.drawString(60, 330, "What have we heard?")
    c.setFont("DeckSans", 28)
    c.drawString(60, 282, "Findings of our engagement programme")
    c.setFont("DeckSans", 16)
    c.drawString(60, 120, title)
    c.drawString(60, 96, date)
    c.showPage()
    # 2. Who we heard from
    band("Who we heard from", 2)
    text(intro, HEIGHT - 140)
    c.showPage()
    # 3 to 5. The nine core messages, three to a slide
    for part in range(3):
        band(f"Nine core messages ({3 * part + 1} to {3 * part + 3})", 3 + part)
        body_lines = messages[3 * part : 3 * part + 3]
        y = HEIGHT - 140
        for n, line in enumerate(body_lines, start=3 * part + 1):
            para = Paragraph(line, body)
            _, height = para.wrap(WIDTH - 170, HEIGHT)
            c.setFillColor(HexColor(TEAL))
            c.setFont("DeckSans-Bold", 24)
            c.drawString(60, y - 22, f"{n}")
            para.drawOn(c, 110, y - height)
            y -= height + 18
        c.showPage()
    # 6. What next
    band("Next: your view", 6)
    text(
        [
            "Rank the nine core messages on your phone, most important first.",
            "Then tell us what you liked, what is missing and how you would prioritise.",
        ],
        HEIGHT - 150,
    )
    c.showPage()
    c.save()
    return out.getvalue()


def main(argv: list[str]) -> int:
    template = json.loads((TEMPLATES / "demo.json").read_text(encoding="utf-8"))
    sys.path.insert(0, str(ROOT / "src"))
    import summit_app.export.pdf  # noqa: F401 - readies reportlab first, as the app does

    deck = make_deck(template)
    if "--check" in argv:
        if not DECK.exists() or DECK.read_bytes() != deck:
            print(f"{DECK} is out of date: run scripts/make_findings_deck.py", file=sys.stderr)
            return 1
        print(f"{DECK.name} is up to date ({len(deck):,} bytes)")
        return 0
    DECK.write_bytes(deck)
    print(f"wrote {DECK} ({len(deck):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

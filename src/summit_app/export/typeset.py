"""Text set for print, once for every edition: curly quotes, real dashes, clean characters.

Everything the pack prints passes through here on its way into the pack model, so the PDF,
the HTML and the Word file print the same characters. The team's formatted texts arrive
parsed by `core.narrative` (paragraphs, runs, lists); participants' notes are plain text.
Nothing is markup: `<b>` stays four characters.

- Straight quotes become curly (“ ” ‘ ’), an apostrophe inside a word becomes ’.
- A spaced hyphen becomes an en dash (`a - b` → `a – b`), `--` an en dash, `---` an em
  dash, `...` an ellipsis.
- Characters no document can hold are dropped (`printable`): NUL and the other C0 and C1
  controls, lone surrogates, U+FFFE, U+FFFF and the other noncharacters. XML refuses most of
  them, so one of them from a phone would stop the Word edition. Tabs become spaces.
  Each renderer passes every string it writes through `printable` too, so text that reached
  the pack some other way cannot stop an edition either.
- Participants' words (notes, questions, cloud words) are printed exactly as typed:
  `as_typed` cleans them and sets nothing; typography is for the team's own text.
- A heading's last two words are joined by a no-break space, so its last word never
  stands alone on a line.
"""

from __future__ import annotations

import html
import re
from xml.sax import saxutils

from summit_app.core import narrative
from summit_app.export.model import Bullets, Inline, Para, Run, Tone

# Controls, surrogates and noncharacters (U+FDD0..U+FDEF and the last two code points of
# every plane): XML 1.0 refuses controls, surrogates, U+FFFE and U+FFFF outright.
_NONCHARACTERS = "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
_UNPRINTABLE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]"
)
# A quote after one of these (or a letter or digit) closes; after anything else it opens.
_CLOSERS = frozenset(".,!?;:)]}>%*\u2026\u2019\u201d")
_DASHES = ((re.compile(r"(?<!-)---(?!-)"), "\u2014"), (re.compile(r"(?<!-)--(?!-)"), "\u2013"))
_SPACED_HYPHEN = re.compile(r"(?<=\s)-(?=\s)")
NBSP = "\u00a0"


def printable(text: str) -> str:
    """`text` without the characters no document can hold: what every renderer writes."""
    return _UNPRINTABLE.sub("", text)


def html_escape(text: str, quote: bool = True) -> str:
    """`text` for an HTML page (or its SVG): printable, then escaped."""
    return html.escape(printable(text), quote)


def xml_escape(text: str) -> str:
    """`text` for XML (Word's parts, reportlab's Paragraph markup): printable, then escaped."""
    return saxutils.escape(printable(text))


def xml_attribute(text: str) -> str:
    """`text` as a quoted XML attribute value, printable."""
    return saxutils.quoteattr(printable(text))


def clean(text: object) -> str:
    """Plain text without characters a document cannot hold; line breaks as \\n."""
    value = "" if text is None else str(text)
    return printable(value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def smarten(text: str, before: str = " ") -> str:
    """`text` with typographic quotes and dashes; `before` is the character before it."""
    if "-" in text:
        text = _SPACED_HYPHEN.sub("\u2013", text)
        for pattern, dash in _DASHES:
            text = pattern.sub(dash, text)
    if "..." in text:
        text = text.replace("...", "\u2026")
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    previous = before
    for char in text:
        closing = previous.isalnum() or previous in _CLOSERS
        if char == '"':
            char = "\u201d" if closing else "\u201c"
        elif char == "'":
            # An apostrophe (don't, each other's) or a closing quote both read as ’.
            char = "\u2019" if closing else "\u2018"
        out.append(char)
        previous = char
    return "".join(out)


def plain(text: object) -> str:
    """User text, cleaned and set, on one or more lines."""
    return smarten(clean(text))


def one_line(text: object) -> str:
    return " ".join(plain(text).split())


def heading(text: object) -> str:
    """A heading on one line, its last two words bound by a no-break space, and a number or
    a sign bound to the word after it (`1 year`, `5 – 10`), so neither ends a line alone."""
    words = one_line(text).split(" ")
    if len(words) > 2:
        words[-2:] = [words[-2] + NBSP + words[-1]]
    out: list[str] = []
    for word in words:
        last = out[-1].rsplit(NBSP, 1)[-1] if out else ""
        if _SIGN.fullmatch(last) or last.isdigit():
            out[-1] += NBSP + word
        else:
            out.append(word)
    return " ".join(out)


_SIGN = re.compile(r"[^\w\s]{1,3}")  # a sign standing alone: / – & +
# The phones' instructions after a poll's question ("Pick up to 3."), and an order asked
# for at the end of it (", most important first"): kept out of the poll's heading.
_AFTER_QUESTION = re.compile(r"(?<=\?)\s+\S.*$", re.DOTALL)
_ORDER_ASKED = re.compile(
    r",?\s+(?:the\s+)?(?:most|least|best|highest|lowest)\s+\w+\s+first\.?$", re.IGNORECASE
)


def short_question(text: object) -> str:
    """A poll's question as a heading: without the instructions for the phones that follow
    it (`Pick up to 3.`) or the order it asks for (`, most important first.`)."""
    full = one_line(text)
    short = _AFTER_QUESTION.sub("", full)
    short = _ORDER_ASKED.sub("", short).rstrip(" .")
    return short or full


def runs(paragraph: narrative.Paragraph) -> Inline:
    """The runs of one parsed paragraph, set; quotes pair up across runs."""
    out: list[Run] = []
    before = " "
    for run in paragraph.runs:
        text = smarten(clean(run.text).replace("\n", " "), before)
        if text:
            out.append(Run(text, run.bold, run.italic))
            before = text[-1]
    return tuple(out)


def inline(text: object) -> Inline:
    """Formatted text typed on one line (an action, a commitment): its runs."""
    return runs(narrative.Paragraph(narrative.parse_inline(clean(text))))


def as_typed(text: object) -> str:
    """A participant's words on one line, cleaned but otherwise exactly as typed."""
    return " ".join(clean(text).split())


def text_runs(text: object) -> Inline:
    """A participant's words (a note, a question) as one run, exactly as typed: nothing in
    it is formatting, and nothing in it is set for print."""
    value = " ".join(clean(text).split("\n"))
    return (Run(value),) if value.strip() else ()


def blocks(parsed: narrative.Narrative, tone: Tone = Tone.BODY) -> list[Para | Bullets]:
    """The team's formatted text as pack blocks."""
    out: list[Para | Bullets] = []
    for block in parsed.blocks:
        if isinstance(block, narrative.Paragraph):
            set_runs = runs(block)
            if set_runs:
                out.append(Para(set_runs, tone))
        else:
            items = tuple(r for r in (runs(item) for item in block.items) if r)
            if items:
                out.append(Bullets(items, block.ordered, block.start, tone))
    return out


def narrative_text(text: object, tone: Tone = Tone.BODY) -> list[Para | Bullets]:
    """A stored narrative text (an introduction, a write-up, a summary) as pack blocks."""
    return blocks(narrative.parse(clean(text)), tone)

"""The governance pack: what an information-governance lead, a DPIA and an IT team need to
know about one summit, pre-filled from its file (File › Export › Governance pack).

The content is here, as plain data (`sections(facts)`); `word/governance.py` writes it as
a Word document the organisation finishes: every answer Summit cannot give (the lawful
basis, the controller, the sign-off) is a marked blank. What it says of the software is
what the code does, with its figures (the server's limits, the port, the retention).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from summit_app.core import Summit
from summit_app.core.anonymise import Held
from summit_app.core.privacy import days, notice
from summit_app.export.dates import long_date

BLANK = "[For your organisation to complete]"
PORT = 8765  # the Phones tab's port (ui/server_panel.py DEFAULT_PORT)
COOKIE_DAYS = 3  # how long a phone keeps its pass (server/deps.py)
JOIN_TOTAL = 6  # new participants one address may bring in over the day (server/throttle.py)


@dataclass(frozen=True)
class Facts:
    """What the pack says of this summit, read from its file."""

    title: str
    date: str
    organisers: str
    contact: str
    retention_days: int
    notice: str
    groups: tuple[str, ...]
    held: Held
    anonymised_at: str
    encrypted: bool
    anonymity_threshold: int
    exported_at: datetime


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str


@dataclass(frozen=True)
class Code:
    """A command to type as it is (set in a fixed-width font)."""

    text: str


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str | Code, ...] = ()
    steps: tuple[str, ...] = ()  # a numbered list, after the paragraphs
    table: Table | None = None
    after: tuple[str, ...] = ()  # paragraphs after the table


def facts(summit: Summit, encrypted: bool = False) -> Facts:
    info = summit.info()
    return Facts(
        title=info.title,
        date=info.date,
        organisers=info.organisers,
        contact=info.contact,
        retention_days=info.retention_days,
        notice=notice(info),
        groups=info.groups,
        held=summit.held(),
        anonymised_at=info.anonymised_at,
        encrypted=encrypted or summit.protected,
        anonymity_threshold=summit.writeup.pack_options().anonymity_threshold,
        exported_at=datetime.now().astimezone(),
    )


def sections(f: Facts) -> list[Section]:
    return [
        _summary(f),
        _inventory(f),
        _flow(f),
        _security(f),
        _retention(f),
        _dpia(f),
        _it_note(f),
    ]


def _summary(f: Facts) -> Section:
    h = f.held
    state = (
        f"It was closed and anonymised on {f.anonymised_at[:10]}."
        if f.anonymised_at
        else f"It has not been anonymised yet; the organisers chose to keep what links input"
        f" to a phone for {days(f.retention_days)}."
    )
    return Section(
        "In short",
        (
            f"Summit ran \u201c{f.title}\u201d{_on(f.date)} from one"
            " laptop. Participants took part from their own phones through a web page served"
            " by that laptop over the venue\u2019s Wi-Fi or the laptop\u2019s hotspot; nothing"
            " was sent to the internet, and no name, e-mail address or phone number was asked.",
            f"The summit file holds {h.participants:,} pseudonymous participants,"
            f" {h.ballots:,} votes, {h.notes:,} notes, {h.questions:,} questions and"
            f" {h.words:,} word-cloud words from phones, and {h.cards:,} voting cards. {state}",
            f"Text in square brackets, {BLANK}, is for your organisation to complete.",
        ),
    )


def _on(day: str) -> str:
    return f" on {long_date(day)}" if day else ""


def _inventory(f: Facts) -> Section:
    keep = days(f.retention_days)
    rows = (
        (
            "Participant (a random pass; no name)",
            "One vote per person; lets a phone change its vote",
            f"The phone\u2019s browser (a cookie for {COOKIE_DAYS} days) and the summit file",
            f"Pass removed at Close and anonymise (planned within {keep})",
        ),
        (
            "Professional group or care setting (optional, from a list)",
            "Shows who took part and how each group voted",
            "The summit file; the pack and CSV",
            "Kept as figures; no longer linked to a phone once anonymised. Groups of fewer"
            f" than {f.anonymity_threshold} are folded into \u201cOther groups\u201d in the pack",
        ),
        (
            "Votes (ballots) and upvotes",
            "The results",
            "The summit file; the pack; ballots.csv",
            "Kept; the participant number is redrawn per poll and the time cut to the"
            " minute at Close and anonymise",
        ),
        (
            "Notes, questions and cloud words (free text; may name people)",
            "What the room said, for the write-up",
            "The summit file; the pack; notes.csv, questions.csv, words.csv",
            "Kept as the write-up needs; the facilitator can hide any; moderation holds input"
            " with listed words for approval",
        ),
        (
            "Times of joining, voting and posting (to the second)",
            "The live day",
            "The summit file",
            "Cut to the minute at Close and anonymise",
        ),
        (
            "Voting card codes (if cards are printed)",
            "One vote per card holder where it must be certain",
            "The printed cards and the summit file; cards carry no names",
            "Codes removed at Close and anonymise",
        ),
        (
            "A phone\u2019s network address",
            f"At most {JOIN_TOTAL} new participants per address over the day",
            "The laptop\u2019s memory only; never written to the file",
            "Gone when Summit closes",
        ),
        (
            "Speakers, organisers, action owners (names and roles)",
            "The agenda and the write-up",
            "The summit file; the pack",
            "As the programme team decides",
        ),
    )
    return Section(
        "Data inventory",
        (
            "Every kind of data Summit keeps about this summit, why, where and for how long."
            " The summit file is one file on the laptop, at the place the facilitator chose.",
        ),
        table=Table(
            ("Data", "Why", "Where", "How long"), rows, "The data Summit processes for this summit"
        ),
    )


def _flow(f: Facts) -> Section:
    return Section(
        "Data flow",
        ("From the phone to the pack, and nowhere else:",),
        steps=(
            "A participant scans the QR code on the screen. The phone opens a page served by"
            f" the facilitator\u2019s laptop, over the venue\u2019s Wi-Fi or the laptop\u2019s"
            f" own hotspot (plain HTTP on TCP port {PORT}, inside that network).",
            "The page shows the privacy notice first, before anything is sent. A phone that"
            " joins while a vote or question is open sees its first layer (one line: who"
            " keeps what is sent, on the laptop, without a name; nothing goes to the"
            " internet; name no one in a note) with the whole notice one tap away.",
            "What the participant sends (a vote, a note, a question, a word, a group) goes to"
            " the laptop only and is saved at once in the summit file.",
            "The projector shows results and notes the facilitator chooses to show.",
            "After the day, the programme team exports the write-up pack (PDF, HTML, Word)"
            " and CSV files to a folder they choose, then closes and anonymises the summit.",
        ),
        after=(
            "Nothing goes to the internet: the page loads no fonts, scripts or images from"
            " elsewhere, there is no analytics or telemetry, and Summit makes no outbound"
            " connection. The page\u2019s traffic is not encrypted on the local network: use"
            " a venue network with a password (WPA2 or better) or the laptop\u2019s hotspot.",
        ),
    )


def _security(f: Facts) -> Section:
    at_rest = (
        "This summit file is encrypted with a passphrase (SQLCipher, AES-256): without the"
        " passphrase it cannot be read."
        if f.encrypted
        else "This summit file is not encrypted: keep it on a laptop with disk encryption"
        " (BitLocker or FileVault), and never on an unencrypted USB stick."
    )
    return Section(
        "Security measures",
        (
            "One file: everything about the summit is in the one summit file the facilitator"
            " chose; exports go only where the team saves them.",
            at_rest,
            "The phone page can only take part: vote, post, ask, upvote, pick a group. Nothing"
            " sent from the network can change the agenda, open a vote or read another"
            " phone\u2019s input. Requests under another host name and writes sent by another"
            " web site are refused.",
            "Limits: a request body is at most 16 KB; each phone has a rate limit; each"
            f" network address brings in at most {JOIN_TOTAL} new participants a day; wrong"
            " join codes and card codes lock the guessing address out for a while.",
            "Every page carries a strict content security policy, no-referrer and no-store"
            " headers; a phone\u2019s pass is an HTTP-only cookie.",
            "Free text can be held for the facilitator\u2019s approval (moderation, and a list"
            " of words that are always held).",
        ),
    )


def _retention(f: Facts) -> Section:
    done = (
        f"This summit was closed and anonymised on {f.anonymised_at[:10]}."
        if f.anonymised_at
        else "This summit has not been closed and anonymised yet."
    )
    return Section(
        "Retention and anonymisation",
        (
            f"The organisers chose to keep what links input to a phone for"
            f" {days(f.retention_days)} (Summit settings, Privacy). Opening the summit after"
            " that reminds the facilitator to close and anonymise it.",
            "File \u203a Close and anonymise removes, in one confirmed step: every pass"
            " (phones\u2019 cookies stop working), every voting card code, the participant"
            " numbers that link one person\u2019s votes and notes across polls and prompts, and"
            " every time finer than the minute. It keeps every figure and every note: the"
            " pack and the CSV exported afterwards show the same figures. It also empties the"
            " undo history and rewrites the file, so the removed values are not left in it."
            " A copy of the file as it was is kept first only if the facilitator asks.",
            done,
            "What phones were told:",
            f.notice,
            f"Exported packs, CSV files and any copies are kept for: {BLANK}",
        ),
    )


def _dpia(f: Facts) -> Section:
    who = f.organisers or BLANK
    q = (
        ("Who is the data controller?", who, BLANK),
        (
            "Is there a data processor?",
            "No: no cloud service; the laptop is the organiser\u2019s.",
            BLANK,
        ),
        ("What is the lawful basis (UK GDPR Article 6)?", "", BLANK),
        (
            "Is special category data processed (Article 9)?",
            "Not asked for. Free-text notes could mention health; moderation can hold them.",
            BLANK,
        ),
        (
            "Who are the data subjects?",
            "People at the summit who choose to take part by phone.",
            BLANK,
        ),
        (
            "Is the data identifiable?",
            "Pseudonymous: a random pass per phone, no name. Free text may name people.",
            BLANK,
        ),
        ("Is data transferred outside the UK?", "No: nothing leaves the laptop.", BLANK),
        (
            "How are people told?",
            "The privacy notice on the phone, shown first (to a phone joining mid-vote, in"
            " two layers: one line, then the whole notice one tap away).",
            BLANK,
        ),
        (
            "How long is it kept?",
            f"Links to a phone: {days(f.retention_days)}, then anonymised. Figures and notes:"
            " as the write-up needs.",
            BLANK,
        ),
        (
            "How can people exercise their rights?",
            "No name is held, so a person can be found only by their phone\u2019s pass;"
            " the facilitator can hide or delete a note.",
            BLANK,
        ),
        ("What are the main risks?", "A lost laptop or USB stick; a note naming someone.", BLANK),
        (
            "How are they reduced?",
            "Disk encryption; moderation; anonymising after the day.",
            BLANK,
        ),
        ("Who signs this off, and when?", "", BLANK),
    )
    return Section(
        "DPIA questions",
        (
            "The questions of a Data Protection Impact Assessment screening, with Summit\u2019s"
            " answers for this summit and room for your organisation\u2019s.",
        ),
        table=Table(
            ("Question", "Summit\u2019s answer", "Your organisation\u2019s answer"),
            q,
            "DPIA screening questions",
        ),
    )


def _it_note(f: Facts) -> Section:
    return Section(
        "IT note",
        (
            f"Summit listens for phones on TCP port {PORT} (summit-app serve --port chooses"
            " another) on the laptop\u2019s address on the venue network, only while the"
            " facilitator serves phones. It needs no administrator rights and installs"
            " nothing system-wide.",
            "Windows: allow Summit inbound on Private networks and mark the venue Wi-Fi as a"
            " Private network. A managed laptop\u2019s firewall rule (PowerShell, as an"
            " administrator):",
            Code(
                f'New-NetFirewallRule -DisplayName "Summit phones" -Direction Inbound'
                f' -Program "<folder>\\Summit\\Summit.exe" -Protocol TCP -LocalPort {PORT}'
                " -Profile Private -Action Allow"
            ),
            "macOS: allow Summit to accept incoming connections (System Settings \u203a"
            " Network \u203a Firewall \u203a Options).",
            "No outbound traffic: Summit needs no internet at all. An outbound block rule for"
            " Summit.exe changes nothing it does.",
            "Phones must reach the laptop: a venue network that isolates its clients from each"
            " other stops them; then turn on the laptop\u2019s hotspot.",
        ),
    )

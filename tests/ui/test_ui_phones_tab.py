"""The Phones tab: the short address beside the QR code, who joined and who took part,
refused joins, the room check, and verified voting with printed cards (read back from
the PDF, and its QR codes decoded from a picture of the page)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from summit_app.export.cards import card_link
from summit_app.server.throttle import JOIN_TOTAL, SHARED_ADDRESS_HINT
from summit_app.ui import dialogs
from summit_app.ui.server_panel import ServerPanel


def phone(url: str, n: int, **kwargs: object) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=f"127.0.40.{n}")
    return httpx.Client(base_url=url, timeout=10, transport=transport, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def panel(qtbot, session):
    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    assert panel.start("127.0.0.1"), panel.status.text()
    yield panel
    panel.stop()


def test_the_short_address_is_shown_beside_the_qr_code_and_leads_to_the_join_page(panel):
    server = panel.server
    short = panel.session.summit.info().short_code
    assert panel.short_label.text() == f"Or type: 127.0.0.1:{server.port}/{short}"
    assert panel.qr_label.pixmap().width() <= 240
    with phone(server.url, 1) as typed:
        answer = typed.get(f"/{short}", follow_redirects=True)
        assert answer.status_code == 200 and "summit_token" in typed.cookies


def test_joins_taking_part_and_refused_joins_are_counted(qtbot, panel):
    session, server = panel.session, panel.server
    poll = session.summit.polls.polls()[0]
    session.run("Open voting", lambda s: s.polls.open_poll(poll.id))
    with phone(server.url, 2) as voter, phone(server.url, 3) as looker:
        assert voter.get(server.join_url).status_code == 200
        assert looker.get(server.join_url).status_code == 200  # a link preview, say
        ballot = {"poll_id": poll.id, "choices": {str(poll.options[0].id): 1}}
        assert voter.post("/api/ballot", json=ballot).status_code == 200
    for _ in range(30):  # one address, the cookie dropped each time
        with phone(server.url, 9) as fresh:
            fresh.get(server.join_url)
    qtbot.waitUntil(lambda: "joins refused" in panel.turnout_label.text(), timeout=5000)
    joined = session.summit.people.count()
    assert panel.joined_label.text() == f"{joined} phones joined"
    assert panel.turnout_label.text().startswith("1 taking part")
    assert f"{server.refused_joins} joins refused" in panel.turnout_label.text()


def test_the_room_check_is_in_the_phones_tab(qtbot, panel):
    server = panel.server
    panel.check_button.click()
    assert panel.qr_caption.text() == f"Room check: {server.check_url}"
    with phone(server.url, 4) as checking:
        assert checking.get(server.check_url).status_code == 200
        assert checking.post(server.check_url, json={"device": "iPhone"}).status_code == 200
    qtbot.waitUntil(lambda: panel.check_label.text() == "1 phone reached this laptop", timeout=5000)
    panel.check_button.click()
    assert panel.qr_caption.text() == "Scan to join"


def answer_dialogs(monkeypatch, number: int, group: str, path: Path) -> None:
    monkeypatch.setattr(dialogs, "ask_number", lambda *a, **k: number)
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: group)
    monkeypatch.setattr(dialogs, "ask_save_pdf", lambda *a, **k: path)


def decoded(pdf: Path, page: int) -> set[str]:
    """The links in the QR codes on a page, read from a picture of it as a camera would."""
    picture = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(picture)],
        check=True,
    )  # fmt: skip
    zbar = shutil.which("zbarimg")
    assert zbar, "zbarimg is missing: scripts/setup.sh test installs zbar-tools"
    out = subprocess.run(
        [zbar, "--raw", "-q", f"{picture}.png"],
        capture_output=True,
        text=True,
    )
    return set(out.stdout.split())


def test_printed_cards_are_read_back_and_their_qr_codes_open_each_card(
    qtbot, panel, monkeypatch, tmp_path
):
    session, server = panel.session, panel.server
    sheet = tmp_path / "cards.pdf"
    answer_dialogs(monkeypatch, 12, "Pharmacy", sheet)
    assert panel.cards.print_cards() == sheet
    cards = session.summit.cards.cards()
    assert [c.id for c in cards] == list(range(1, 13)) and {c.group for c in cards} == {"Pharmacy"}
    reader = PdfReader(sheet)
    assert len(reader.pages) == 2  # ten to a page
    first = reader.pages[0].extract_text()
    for card in cards[:10]:
        assert f"Card {card.id}" in first
        assert "-".join(card.pass_[i : i + 4] for i in range(0, 16, 4)) in first
    assert "Pharmacy" in first and "No names are kept" in first
    assert "Card 11" in reader.pages[1].extract_text()
    assert decoded(sheet, 1) == {card_link(server.url, c) for c in cards[:10]}
    # A card's QR code works on the phones' server: that phone votes as card 3.
    session.run("Turn verified voting on", lambda s: s.cards.set_verified(True))
    with phone(server.url, 5) as holder:
        assert holder.get(card_link(server.url, cards[2]), follow_redirects=True).is_success
        assert holder.get("/api/state").json()["me"]["card"] == 3
    qtbot.waitUntil(
        lambda: "12 cards printed, 1 in use on a phone, 0 cancelled" in panel.cards.summary.text(),
        timeout=5000,
    )


def test_verified_voting_is_one_undoable_command(qtbot, panel):
    session = panel.session
    panel.cards.verified.setChecked(True)
    assert session.summit.cards.verified()
    session.undo()
    assert not session.summit.cards.verified()
    qtbot.waitUntil(lambda: not panel.cards.verified.isChecked(), timeout=3000)


def test_a_lost_card_is_cancelled_and_its_replacement_printed(
    qtbot, panel, monkeypatch, tmp_path, answers
):
    session = panel.session
    answer_dialogs(monkeypatch, 3, "No group (the holder may pick one)", tmp_path / "a.pdf")
    panel.cards.print_cards()
    answer_dialogs(monkeypatch, 2, "", tmp_path / "replacement.pdf")
    assert panel.cards.cancel_card() == tmp_path / "replacement.pdf"
    assert "Cancel card 2?" in answers.asked[-1]
    assert session.summit.cards.card(2).revoked
    replacement = session.summit.cards.card(4)
    assert replacement.replaces == 2
    text = PdfReader(tmp_path / "replacement.pdf").pages[0].extract_text()
    assert "Card 4" in text and "Card 2" not in text


def test_the_projector_is_given_the_short_address(qtbot, summit_path):
    from summit_app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    panel = window.server_panel
    panel.port = 0
    try:
        assert panel.start("127.0.0.1")
        assert window.stage.join_short == panel.server.short_url
        assert window.stage.join_text.endswith(f"/{window.session.summit.info().short_code}")
    finally:
        panel.stop()


def test_the_shared_address_switch_lets_a_venue_behind_one_address_in(qtbot, panel):
    """Past the day's total an address is refused, and the tab says which box to tick;
    ticked, every phone behind that address joins; Edit › Undo unticks it."""
    session, server = panel.session, panel.server
    assert not panel.shared_box.isChecked()
    assert "at most" in panel.shared_hint.text() and "one address" in panel.shared_hint.text()
    statuses = []
    for _ in range(JOIN_TOTAL + 2):
        with phone(server.url, 60) as fresh:
            statuses.append(fresh.get(server.join_url).status_code)
    assert statuses == [200] * JOIN_TOTAL + [429, 429]
    qtbot.waitUntil(lambda: SHARED_ADDRESS_HINT in panel.turnout_label.text(), timeout=5000)
    panel.shared_box.click()
    assert session.summit.info().shared_address
    for _ in range(20):
        with phone(server.url, 60) as fresh:
            assert fresh.get(server.join_url).status_code == 200
    session.undo()
    assert not session.summit.info().shared_address
    qtbot.waitUntil(lambda: not panel.shared_box.isChecked(), timeout=5000)
    with phone(server.url, 60) as fresh:
        assert fresh.get(server.join_url).status_code == 429

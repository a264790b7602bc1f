"""The port taken on restart: the server moves, says so, and a phone that lost touch is told
to scan the screen's code again; scanning it, the phone is the same participant."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from playwright.sync_api import Browser, expect

from browser import axe_violations
from browser import phone as phone_context
from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo
from summit_app.server import SummitServer

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_a_phone_that_lost_touch_is_told_to_rescan_and_stays_itself_at_the_new_address(
    browser: Browser, tmp_path: Path
) -> None:
    summit = Summit.create(tmp_path / "day.summit", SummitInfo(title="Leadership summit"))
    item = summit.agenda.add_item(summit.agenda.add_section("Day").id, "Vote", ItemKind.VOTE, 30)
    summit.agenda.start_item(item.id)
    poll = summit.polls.add_poll(item.id, "Which first?", PollKind.SINGLE, ["Workforce", "Data"])
    summit.polls.open_poll(poll.id)
    first = SummitServer(summit.path, host="127.0.0.1", port=0)
    first.start()
    port = first.port
    context = phone_context(browser, 360, 640)
    page = context.new_page()
    page.clock.install()  # the page's timers run on a clock the test moves on
    squatter = socket.socket()
    try:
        page.goto(first.join_url)
        page.get_by_role("radio", name="Workforce").check()
        page.get_by_role("button", name="Send my vote").click()
        expect(page.get_by_role("status").filter(has_text="Your vote is saved.")).to_be_visible()
        # The laptop restarts, and another program has taken the port meanwhile.
        first.stop()
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        second = SummitServer(summit.path, host="127.0.0.1", port=port)
        second.start()
        try:
            assert second.moved_from == port and second.port != port
            expect(
                page.get_by_text(re.compile("^Lost touch with the summit laptop"))
            ).to_be_visible(timeout=15_000)
            page.clock.fast_forward(21_000)
            rescan = page.get_by_text(re.compile("scan the code on the screen again"))
            expect(rescan).to_be_visible()
            assert axe_violations(page) == []
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "phone-lost-touch-rescan.png"))
            # The phone scans the screen's new code: the same pass (cookies are per host,
            # not per port), so the same participant, and its vote is still its own.
            page.goto(second.join_url)
            expect(page.locator("#poll .summary li")).to_have_text(["Workforce"])
            page.get_by_role("button", name="Change my vote").click()
            expect(page.get_by_role("radio", name="Workforce")).to_be_checked()
            page.get_by_role("radio", name="Data").check()
            page.get_by_role("button", name="Change my vote").click()
            expect(
                page.get_by_role("status").filter(has_text="Your vote is saved.")
            ).to_be_visible()
            assert summit.people.count() == 1
            (ballot,) = summit.polls.ballots(poll.id)
            data = next(o.id for o in summit.polls.poll(poll.id).options if o.text == "Data")
            assert ballot.choices == {data: 1}
        finally:
            second.stop()
    finally:
        squatter.close()
        context.close()
        summit.close()

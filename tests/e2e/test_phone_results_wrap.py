"""Scale results on a narrow phone: a figure such as "43% agree, 14% neither, 43% disagree"
breaks between its parts, never inside one that fits a line ("43%" above "disagree" before),
and nothing overflows sideways (issue 23, finding 10)."""

from __future__ import annotations

import pytest
from phone_day import open_poll
from playwright.sync_api import Browser, expect

from browser import phone
from summit_app.core import Summit
from summit_app.core.model import PollKind
from summit_app.server import SummitServer

pytestmark = pytest.mark.browser

# Each part of each figure: how many lines it takes, whether it fits a line by itself.
PARTS = """() => [...document.querySelectorAll('#results .bar .label')].flatMap(label => {
  const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  const nodes = []; let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n, at]); at += n.data.length;
  }
  const place = (offset) => { for (const [n, start] of nodes)
      if (offset <= start + n.data.length) return [n, offset - start]; };
  const text = label.textContent, parts = []; let from = 0;
  for (const part of text.split(', ')) {
    const range = document.createRange();
    range.setStart(...place(from)); range.setEnd(...place(from + part.length));
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute; white-space:nowrap; visibility:hidden';
    probe.className = 'label'; probe.textContent = part + ',';
    label.parentElement.appendChild(probe);
    const fits = probe.getBoundingClientRect().width <= label.parentElement.clientWidth;
    probe.remove();
    parts.push([part, tops.size, fits]); from += part.length + 2;
  }
  return parts; })"""


@pytest.mark.parametrize(("width", "text"), [(320, "100%"), (320, "200%"), (390, "200%")])
def test_scale_results_break_between_the_parts_of_a_figure_not_inside_one(
    browser: Browser, day: tuple[Summit, SummitServer], width: int, text: str
) -> None:
    summit, server = day
    poll_id = open_poll(summit, PollKind.SCALE)
    ids = [o.id for o in summit.polls.poll(poll_id).options]
    for n in range(7):
        levels = {ids[0]: 1 + n % 5, ids[1]: 1 + n * 3 % 5, ids[2]: 3}
        summit.polls.cast_ballot(poll_id, summit.people.join().id, levels)
    summit.polls.set_show_results(poll_id, True)
    page = phone(browser, width=width, height=700).new_page()
    page.goto(server.join_url)
    page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
    expect(page.get_by_role("heading", name="Results so far")).to_be_visible()
    parts = page.evaluate(PARTS)
    assert len(parts) == 9  # three statements, each "agree, neither, disagree"
    broken = [part for part, lines, fits in parts if lines > 1 and fits]
    assert broken == [], parts
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.context.close()

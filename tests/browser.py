"""Chromium for tests: Debian's browser driven by Playwright, a phone's screen, and axe-core.

Shared by the phone page's tests and any page Summit writes (the pack's HTML edition):

    with sync_playwright() as pw:
        browser = launch(pw)
        page = phone(browser).new_page()
        assert axe_violations(page) == []
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/setup.sh installs it)
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(pw: Playwright) -> Browser:
    return pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def phone(
    browser: Browser, width: int = 390, height: int = 844, **options: object
) -> BrowserContext:
    """A phone-sized context (a fresh one has no cookies: a phone that never joined)."""
    return browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        **options,  # type: ignore[arg-type]
    )


def axe_violations(page: Page, context: object = None) -> list[str]:
    """axe-core's violations on the page as it is now, one line each (empty when none)."""
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]

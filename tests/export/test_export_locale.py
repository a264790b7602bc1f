"""One locale for the pack: exported from the window on a German laptop, the English pack
still says "December", as it does from the command line (Qt sets the process's locale from
the system's, and strftime's month names followed it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

from summit_app.export.dates import MONTHS, long_date

WINDOW_EXPORT = """
import json, locale, sys
from datetime import date
from summit_app.ui.app import application
application()  # what the window does first: Qt takes the process's locale from LANG
from summit_app.core.templates import create_from_template
from summit_app.export.cli import export
path, out = sys.argv[1], sys.argv[2]
create_from_template(path, "demo").close()
export(path, pdf=None, csv_dir=None, html=out, docx=None)
print(json.dumps({
    "locale": locale.setlocale(locale.LC_TIME),
    "german_month": date.today().strftime("%B"),
}))
"""


@pytest.fixture(scope="session")
def german_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a German laptop: de_DE.UTF-8 compiled into a folder of our own
    (the test machine need not have it installed)."""
    folder = tmp_path_factory.mktemp("locales")
    localedef = shutil.which("localedef")
    assert localedef, "localedef (glibc's locale compiler) is needed for this test"
    subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {"LOCPATH": str(folder), "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"}


def test_the_pack_from_the_window_on_a_german_laptop_has_english_dates(tmp_path, german_locale):
    out = tmp_path / "pack.html"
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_EXPORT, str(tmp_path / "demo.summit"), str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **german_locale},
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["locale"] == "de_DE.UTF-8"  # the process really was German
    html = out.read_text(encoding="utf-8")
    today = date.today()
    english = MONTHS[today.month - 1]
    assert f"{today.day} {english} {today.year}" in html
    if seen["german_month"] != english:  # "Mai" is "May"... but "Dezember" is not "December"
        assert seen["german_month"] not in html
    assert "13 April 2021" in html  # the summit's own date


def test_long_dates_are_english_from_a_date_or_iso_text():
    assert long_date("2026-12-06") == "6 December 2026"
    assert long_date(date(2021, 4, 13)) == "13 April 2021"
    assert long_date("Spring 2027") == "Spring 2027"

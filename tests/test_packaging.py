"""What an installed Summit reports about itself, and the files it needs, found as a package's."""

import configparser
import os
import shutil
import subprocess
from importlib.metadata import metadata, version
from pathlib import Path
from xml.etree import ElementTree

import pytest

from summit_app import __version__
from summit_app.cli import main
from summit_app.resources import FONTS, ICONS, TEMPLATES, WEB


def test_the_version_is_the_same_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    from summit_app.ui.menus import about_text

    assert version("summit-app") == __version__
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"summit-app {__version__}"
    assert about_text().startswith(f"Summit {__version__}\n")


def test_the_metadata_names_a_licence_a_home_and_what_it_runs_on() -> None:
    data = metadata("summit-app")
    assert data["License-Expression"] == "MIT"
    assert any(url.startswith("Source, https://") for url in data.get_all("Project-URL"))
    assert "Operating System :: Microsoft :: Windows" in data.get_all("Classifier")


def test_every_resource_folder_is_found_through_the_package() -> None:
    assert (WEB / "index.html").is_file()
    assert sorted(TEMPLATES.glob("*.json"))
    assert sorted(FONTS.glob("*.ttf"))
    assert (ICONS / "summit.svg").is_file() and (ICONS / "summit.ico").is_file()


LINUX = Path(__file__).resolve().parents[1] / "packaging" / "linux"


def test_the_desktop_entry_opens_summit_files_with_the_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(LINUX / "summit-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    mime = ElementTree.parse(LINUX / "summit-app.xml").getroot()[0]
    assert desktop["MimeType"].rstrip(";") == mime.get("type") == "application/x-summit"
    assert desktop["Exec"] == "summit-app %f" and desktop["Icon"] == "summit-app"
    assert [g.get("pattern") for g in mime.iter() if g.tag.endswith("glob")] == ["*.summit"]


def test_the_desktop_entry_installs_for_this_user_only(tmp_path: Path) -> None:
    bundle = tmp_path / "unpacked" / "summit-app"
    bundle.mkdir(parents=True)
    for name in ("summit-app.desktop", "summit-app.xml", "install-desktop-entry.sh"):
        shutil.copy(LINUX / name, bundle)
    shutil.copy(ICONS / "summit-256.png", bundle / "summit-app.png")
    shutil.copy(ICONS / "summit.svg", bundle / "summit-app.svg")
    (bundle / "summit-app").write_text("#!/bin/sh\n")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", str(bundle / "install-desktop-entry.sh")], env=env, check=True)
    share = home / ".local" / "share"
    entry = (share / "applications" / "summit-app.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}/summit-app" %f' in entry
    assert (share / "mime" / "packages" / "summit-app.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "summit-app.png").is_file()
    assert (home / ".local" / "bin" / "summit-app").resolve() == bundle / "summit-app"

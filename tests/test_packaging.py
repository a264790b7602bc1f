"""What an installed Summit reports about itself, and the files it needs, found as a package's."""

from importlib.metadata import metadata, version

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

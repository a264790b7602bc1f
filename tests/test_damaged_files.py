"""Damaged files: every one is refused with a sentence or works, on `export` and `serve`;
none gives a traceback, none is served to fail every phone, none leaves a stray copy."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from damaged_files import damaged_copies, demo
from summit_app.cli import main
from summit_app.core import SummitError, SummitFileError
from summit_app.core.store import check_file
from summit_app.server import SummitServer


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("damaged")
    made = damaged_copies(demo(folder), folder / "copies")
    assert len(made) >= 100
    return made


def refusal_or_none(path: Path) -> str | None:
    try:
        check_file(path)
    except SummitFileError as error:
        return str(error)
    return None


@pytest.mark.slow
def test_a_damaged_file_is_never_a_traceback_on_export(
    copies: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    refused = 0
    for path in copies:
        code = main(["export", str(path)])  # an uncaught exception fails the test here
        said = capsys.readouterr().err
        if code:
            refused += 1
            (line,) = said.strip().splitlines()  # one line, and a sentence
            assert line.startswith("summit-app: ") and path.name in line, line
            assert "damaged" in line or "not a summit file" in line, line
        else:
            assert (path.parent / "exports" / f"{path.stem}.pdf").exists(), path.name
    assert refused >= 60  # most damage is found; the rest is damage inside text, still a file
    assert not list(copies[0].parent.glob("*.bak")), "a refused file left a copy behind"


def test_the_check_reads_the_rows_the_app_decodes(copies: list[Path]) -> None:
    """quick_check passes these (structurally valid): the app could not decode them."""
    for path in copies:
        kind = path.stem.split("-", 1)[0]
        if kind in ("text", "json", "enum", "number", "id", "blob", "null", "user"):
            said = refusal_or_none(path)
            assert said is not None and "is damaged" in said, path.name
            assert "\n" not in said


@pytest.mark.slow
def test_a_damaged_file_is_refused_by_serve_or_served_whole(
    copies: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    served = 0
    for path in copies:
        if refusal_or_none(path) is not None:
            assert main(["serve", str(path), "--host", "127.0.0.1", "--port", "0"]) == 1
            assert capsys.readouterr().err.startswith("summit-app: ")
            continue
        server = SummitServer(path, host="127.0.0.1", port=0)
        try:
            server.start()
        except SummitError as error:  # a header that makes the file read-only, say
            assert "cannot be written" in str(error), path.name
            continue
        try:
            with httpx.Client(base_url=server.url, timeout=5) as phone:
                assert phone.get(f"/j/{server.join_url.rsplit('/', 1)[1]}").status_code == 200
                state = phone.get("/api/state")
                assert state.status_code == 200, (path.name, state.text)
        finally:
            server.stop()
        served += 1
    assert served >= 20

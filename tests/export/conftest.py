from pathlib import Path

import pytest
from export_pdfutil import pdf_text
from export_seedlike import build_seedlike

from summit_app.core import Summit
from summit_app.export.pack import write_pack


@pytest.fixture(scope="session")
def seed_summit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A summit like the seed's, built once; tests only read it."""
    return build_seedlike(tmp_path_factory.mktemp("seed") / "leadership.summit")


@pytest.fixture(scope="session")
def seed_pack(seed_summit: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Summit.open(seed_summit) as summit:
        return write_pack(summit, tmp_path_factory.mktemp("pack") / "leadership.pdf")


@pytest.fixture(scope="session")
def seed_text(seed_pack: Path) -> str:
    return pdf_text(seed_pack)


@pytest.fixture(scope="session")
def demo_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo summit's pack in its three editions, written once."""
    from summit_app.core.templates import create_from_template
    from summit_app.export.cli import write_all

    folder = tmp_path_factory.mktemp("demo-editions")
    create_from_template(folder / "demo.summit", "demo").close()
    targets = {e: folder / f"demo.{e}" for e in ("pdf", "html", "docx")}
    with Summit.open(folder / "demo.summit") as summit:
        write_all(summit, targets)
    return targets

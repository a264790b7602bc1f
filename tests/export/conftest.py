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

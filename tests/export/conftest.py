from pathlib import Path

import pytest
from export_seedlike import build_seedlike
from pypdf import PdfReader

from summit_app.core import Summit
from summit_app.export.pack import write_pack


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


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

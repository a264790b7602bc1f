"""New summits for the UI: a blank summit, or one from the templates in resources/templates/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summit_app.core import Summit
from summit_app.core.model import SummitInfo
from summit_app.core.templates import create_from_template, list_templates

BLANK = "blank"


@dataclass(frozen=True)
class TemplateChoice:
    name: str
    title: str
    description: str = ""


def templates() -> list[TemplateChoice]:
    choices = [TemplateChoice(BLANK, "Blank summit", "An empty agenda to build yourself.")]
    return choices + [TemplateChoice(t.name, t.title, t.description) for t in list_templates()]


def create(path: Path, name: str) -> Summit:
    """Create a new summit file at `path` from template `name` (raises SummitFileError)."""
    if name == BLANK:
        summit = Summit.create(path, SummitInfo(title=path.stem.replace("-", " ").title()))
        summit.agenda.add_section("Morning")
        return summit
    return create_from_template(path, name)

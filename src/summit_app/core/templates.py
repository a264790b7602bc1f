"""Summit templates: readable JSON files in resources/templates/ that start a new summit.

A template is loaded only through the Summit API, in one transaction, so a template that
fails half-way leaves no half-made summit file behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summit_app.core.errors import SummitError, ValidationError
from summit_app.core.store import Summit, remove_files
from summit_app.core.template_build import Builder, read_info, read_root
from summit_app.core.template_fields import TemplateProblem


@dataclass(frozen=True)
class TemplateInfo:
    name: str  # the file's name without .json, as `create_from_template` takes it
    title: str
    description: str


def _folder(templates_dir: Path | str | None) -> Path:
    if templates_dir is not None:
        return Path(templates_dir)
    from summit_app.resources import TEMPLATES

    return Path(TEMPLATES)


def list_templates(templates_dir: Path | str | None = None) -> list[TemplateInfo]:
    """Every template, by name. One that cannot be read is still listed, saying so,
    so a damaged file shows up rather than vanishing; loading it gives the details."""
    found = []
    for path in sorted(_folder(templates_dir).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            title = data.get("title") or path.stem
            description = data.get("description") or ""
        except (OSError, ValueError, AttributeError):
            title, description = path.stem, "This template cannot be read."
        found.append(TemplateInfo(path.stem, str(title), str(description)))
    return found


def read_template(name: str, templates_dir: Path | str | None = None) -> object:
    """The parsed JSON of template `name`, or ValidationError saying what is wrong."""
    folder = _folder(templates_dir)
    names = [t.name for t in list_templates(folder)]
    if name not in names:
        known = ", ".join(names) or "none"
        raise ValidationError(f"There is no template called '{name}'. Templates: {known}.")
    path = folder / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValidationError(f"Template '{name}' cannot be read: {error.strerror}.") from None
    except ValueError as error:
        raise ValidationError(f"Template '{name}' is not valid JSON: {error}.") from None


def create_from_template(
    path: Path | str, name: str, templates_dir: Path | str | None = None
) -> Summit:
    """Create a new summit file at `path` from template `name` and return it open.

    Raises ValidationError (unknown or malformed template) or SummitFileError (the file
    exists or cannot be written); either way no new file is left behind.
    """
    path = Path(path)
    folder = _folder(templates_dir)
    data = read_template(name, templates_dir)
    try:
        root = read_root(data)
        info = read_info(root)
    except TemplateProblem as problem:
        raise ValidationError(f"Template '{name}' is malformed: {problem}") from None
    summit = Summit.create(path, info)  # refuses an existing file, so we own this one
    try:
        with summit.write():
            Builder(summit, folder).build(root)
    except (TemplateProblem, SummitError) as error:
        _discard(summit)
        raise ValidationError(f"Template '{name}' is malformed: {error}") from None
    except BaseException:
        _discard(summit)
        raise
    return summit


def _discard(summit: Summit) -> None:
    """Close and delete a summit file that could not be finished, with its WAL files."""
    summit.close()
    remove_files(summit.path)

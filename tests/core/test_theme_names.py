"""Names of suggested themes read like themes: a phrase from the notes' own words, not a
lone word that says nothing or half a sentence."""

from __future__ import annotations

import re
from pathlib import Path

from summit_app.core import themes
from summit_app.core.templates import create_from_template
from summit_app.core.theme_names import STOP, WEAK_ALONE, Namer


def test_the_demo_notes_suggested_themes_are_named_by_phrases_their_notes_use(
    tmp_path: Path,
) -> None:
    summit = create_from_template(tmp_path / "demo.summit", "demo")
    names = []
    for prompt in summit.agenda.prompts():
        texts = [n.text for n in summit.notes.notes(prompt.id, include_hidden=False)]
        if len(texts) < 6:
            continue
        for theme in themes.suggest(texts):
            words = theme.name.lower().split()
            assert 1 <= len(words) <= 4, theme.name
            assert words[0] not in STOP and words[-1] not in STOP, theme.name
            assert not (len(words) == 1 and words[0] in WEAK_ALONE), theme.name
            said = " ".join(
                " ".join(re.findall(r"[\w'’-]+", texts[i].lower())) for i in theme.members
            )
            assert theme.name.lower() in said, theme.name  # as the notes put it
            names.append(theme.name)
    summit.close()
    assert len(names) >= 15
    assert sum(len(n.split()) >= 2 for n in names) >= len(names) / 2, names


def test_a_phrase_several_notes_share_names_their_theme_and_a_word_all_themes_use_does_not() -> (
    None
):
    groups = [
        ["Protected time for leaders", "More protected time for leaders", "Leadership time"],
        ["Leadership in primary care", "Primary care leadership voice", "GP leadership"],
    ]
    namer = Namer(groups)
    assert namer.name(0) == "Protected time for leaders"
    assert namer.name(1) == "Primary care"

"""Hindi and Arabic read right in the Qt windows, from the fonts Summit bundles."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

from summit_app.ui.app import application

HINDI = "नमस्ते, क्षेत्रीय स्वास्थ्य"
ARABIC = "مرحبا بالعالم"


def _runs(text: str, font: QFont):
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return layout.glyphRuns()


def test_hindi_typed_by_a_facilitator_shows_in_the_bundled_devanagari_font(qapp):
    application()
    assert "Noto Sans Devanagari" in QFontDatabase.families()
    runs = _runs(HINDI, QFont())  # the windows' own font: Qt falls back for Devanagari
    devanagari = [r for r in runs if r.rawFont().familyName() == "Noto Sans Devanagari"]
    assert devanagari, [r.rawFont().familyName() for r in runs]
    for run in devanagari:
        assert 0 not in run.glyphIndexes()  # no tofu box (glyph 0 is .notdef)
    # Shaped, not letter by letter: क्ष is one conjunct glyph, not क + virama + ष.
    conjunct = _runs("क्ष", QFont())
    assert sum(len(r.glyphIndexes()) for r in conjunct) < 3


def test_arabic_on_the_projector_reads_right_to_left(qapp):
    application()
    runs = _runs(ARABIC, QFont())
    assert runs and all(r.isRightToLeft() for r in runs)
    assert all(0 not in r.glyphIndexes() for r in runs)

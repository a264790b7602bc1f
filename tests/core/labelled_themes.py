"""The labelled set of notes and their human themes (tests/data/themes_labelled.txt), and
the agreement measures bench/themes.py reports: the adjusted Rand index between a grouping
and the human one, and the share of notes sorted into their human theme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from math import comb
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[1] / "data" / "themes_labelled.txt"


def load() -> tuple[list[str], list[int], list[str]]:
    """(notes, each note's theme index, theme names)."""
    notes: list[str] = []
    labels: list[int] = []
    names: list[str] = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("## "):
            names.append(line[3:])
        else:
            notes.append(line)
            labels.append(len(names) - 1)
    return notes, labels, names


def adjusted_rand(truth: Sequence[int], found: Sequence[int]) -> float:
    """Hubert and Arabie's adjusted Rand index (as scikit-learn's adjusted_rand_score)."""
    pairs = sum(comb(c, 2) for c in Counter(zip(truth, found, strict=True)).values())
    rows = sum(comb(c, 2) for c in Counter(truth).values())
    cols = sum(comb(c, 2) for c in Counter(found).values())
    expected = rows * cols / comb(len(truth), 2)
    best = (rows + cols) / 2
    return 1.0 if best == expected else (pairs - expected) / (best - expected)

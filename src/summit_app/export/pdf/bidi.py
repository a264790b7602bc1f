"""Right-to-left text for reportlab, through python-bidi.

reportlab lays out Arabic and Hebrew right to left (a paragraph's `wordWrap` of "RTL" or
"LTR" turns its bidi handling on) only when it can import `rlbidi`, ReportLab's own wrapper
of GNU FriBidi, which is not on PyPI. Its one function, `log2vis`, is the Unicode
Bidirectional Algorithm (UAX #9): this module gives reportlab that function on python-bidi's
implementation, under the name reportlab looks for, before reportlab is imported.
reportlab then wraps lines in logical order and reorders each line for display, as it
does with rlbidi.
"""

from __future__ import annotations

import sys
import types

from bidi import algorithm

_LEVELS = {"LTR": 0, "L": 0, "RTL": 1, "R": 1}


def log2vis(
    text: str,
    base_direction: str | None = None,
    clean: bool = True,
    positions_V_to_L: list[int] | None = None,  # noqa: N803 - rlbidi's keyword
    **_: object,
) -> str:
    """`text` in display order; `positions_V_to_L[v]` is the logical index of display
    character v (explicit direction marks, which are not displayed, have none)."""
    storage = algorithm.get_empty_storage()
    level = _LEVELS.get((base_direction or "").upper())
    if level is None:
        level = algorithm.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    # python-bidi 0.5 and 0.6 differ in which steps take `debug` positionally: pass it always.
    algorithm.get_embedding_levels(text, storage, debug=False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage, debug=False)
    algorithm.resolve_weak_types(storage, debug=False)
    algorithm.resolve_neutral_types(storage, debug=False)
    algorithm.resolve_implicit_levels(storage, debug=False)
    algorithm.reorder_resolved_levels(storage, debug=False)
    algorithm.apply_mirroring(storage, debug=False)
    chars = storage["chars"]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [char["index"] for char in chars]
    return "".join(char["ch"] for char in chars)


def install() -> None:
    """Offer `log2vis` to reportlab as `rlbidi` (unless the real one is installed)."""
    if "rlbidi" not in sys.modules:
        try:
            import rlbidi  # noqa: F401 - ReportLab's own, where someone installed it
        except ImportError:
            module = types.ModuleType("rlbidi")
            module.log2vis = log2vis  # type: ignore[attr-defined]
            sys.modules["rlbidi"] = module
    from reportlab.pdfgen import textobject

    if not textobject.rtlSupport:
        # reportlab was imported before this module could offer it the bidi algorithm.
        raise RuntimeError(
            "Right-to-left text cannot be laid out: reportlab was imported before"
            " summit_app.export.pdf. Import summit_app.export.pdf first."
        )

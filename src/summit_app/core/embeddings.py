"""The notes' sentence embeddings, kept in the summit file as the notes arrive.

A note is embedded once, in the background (ui/note_embeddings.py), and kept here under the
model's name and a hash of its text: Suggest themes then only clusters, and after the file
is opened again nothing is embedded twice. A cache: rebuilt from the notes whenever it is
missing (a breakout room's file starts without it, close and anonymise removes it), never
shown, never undone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from summit_app.core.db import Db


def text_key(text: str) -> str:
    """The key of a note's text (the same words, the same key)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class EmbeddingsRepo:
    def __init__(self, db: Db) -> None:
        self._s = db

    def vectors(self, model: str) -> dict[str, bytes]:
        """Every text key embedded with `model`, with its vector's bytes."""
        rows = self._s.rows(
            "SELECT text_key, vector FROM note_embeddings WHERE model = ?", (model,)
        )
        return {row["text_key"]: bytes(row["vector"]) for row in rows}

    def keys(self, model: str) -> set[str]:
        """The text keys embedded with `model`."""
        rows = self._s.rows("SELECT text_key FROM note_embeddings WHERE model = ?", (model,))
        return {row["text_key"] for row in rows}

    def keep(self, model: str, found: Sequence[tuple[str, bytes]]) -> None:
        """Keep these (text key, vector) pairs; a key kept already stays as it was."""
        if not found:
            return
        with self._s.write():
            for key, vector in found:
                self._s.execute(
                    "INSERT OR IGNORE INTO note_embeddings (model, text_key, vector)"
                    " VALUES (?, ?, ?)",
                    (model, key, vector),
                )

    def note_texts(self) -> list[str]:
        """The texts of all notes, each once (hidden ones too: they may be shown again)."""
        rows = self._s.rows("SELECT DISTINCT text FROM notes WHERE text != ''")
        return [row["text"] for row in rows]

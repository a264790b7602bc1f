"""BERT's uncased WordPiece tokenizer, for the themes model (core/themes.py).

The same steps as the model's own tokenizer (Hugging Face's BertTokenizer, uncased): clean
and lower-case the text, drop accents, split off punctuation and CJK characters, then cut
each word into the longest pieces found in the vocabulary. scripts/build_theme_model.py
checks it against the `tokenizers` package on the labelled notes; here it needs no package.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

CLS, SEP, UNK = "[CLS]", "[SEP]", "[UNK]"
MAX_WORD = 100


class WordPiece:
    def __init__(self, vocab_file: Path) -> None:
        words = vocab_file.read_text(encoding="utf-8").splitlines()
        self._ids = {w: i for i, w in enumerate(words)}
        self._unk = self._ids[UNK]

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """[CLS] pieces [SEP], cut to max_tokens."""
        ids = [self._ids[CLS]]
        for word in _words(text):
            ids.extend(self._pieces(word))
            if len(ids) >= max_tokens - 1:
                del ids[max_tokens - 1 :]
                break
        ids.append(self._ids[SEP])
        return ids

    def _pieces(self, word: str) -> list[int]:
        if len(word) > MAX_WORD:
            return [self._unk]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self._ids.get(piece)
                if found is not None:
                    pieces.append(found)
                    break
                end -= 1
            else:
                return [self._unk]
            start = end
        return pieces


def _words(text: str) -> list[str]:
    out: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if word:
            out.append("".join(word))
            word.clear()

    text = unicodedata.normalize("NFD", text.lower())
    for ch in text:
        code = ord(ch)
        category = unicodedata.category(ch)
        if code == 0 or code == 0xFFFD or (category.startswith("C") and ch not in "\t\n\r"):
            continue
        if category == "Mn":  # accents, after NFD
            continue
        if ch.isspace() or category == "Zs":
            flush()
        elif _is_punctuation(ch, code, category) or _is_cjk(code):
            flush()
            out.append(ch)
        else:
            word.append(ch)
    flush()
    return out


def _is_punctuation(ch: str, code: int, category: str) -> bool:
    ascii_punct = 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126
    return ascii_punct or category.startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )

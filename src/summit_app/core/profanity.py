"""The profanity filter: holds back input whose words are on a word list, moderation or not.

The list shipped with the app (`resources/wordlists/en.txt`, its source and changes in the
README beside it) is read once; each summit adds its own words to hold back and words to
let through. Entries are whole words or phrases: "assess" is not "ass".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from summit_app.core.wording import singular, tokens, variants
from summit_app.resources import RESOURCES

WORDLIST = RESOURCES / "wordlists" / "en.txt"
MAX_PHRASE_WORDS = 8


@lru_cache(maxsize=4)
def shipped_words(path: Path = WORDLIST) -> tuple[str, ...]:
    """The shipped list's entries; a missing list is an install fault and fails loudly."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class WordFilter:
    """Finds the entries of a word list in a text (case, accents, plurals, leetspeak aside)."""

    def __init__(self, words: Iterable[str] = (), allowed: Iterable[str] = ()) -> None:
        allow = {_key(tokens(a)) for a in allowed}
        self._phrases: dict[str, set[tuple[str, ...]]] = {}  # first token -> phrases
        self._names: dict[str, str] = {}  # an entry's key (singular forms) -> as listed
        self._stems: dict[str, str] = {}  # "shit*": any word that starts with it
        for entry in words:
            if entry.strip().endswith("*") and len(tokens(entry)) == 1:
                self._stems[tokens(entry)[0]] = entry.strip()
                continue
            parts = tuple(tokens(entry))
            if not parts or _key(parts) in allow or len(parts) > MAX_PHRASE_WORDS:
                continue
            self._phrases.setdefault(parts[0], set()).add(parts)
            self._names.setdefault(_key(parts), entry.strip())
        self._allowed = allow

    def found(self, text: str) -> tuple[str, ...]:
        """The list's entries the text contains, each once, in the order they appear."""
        words = tokens(text)
        forms = [variants(w) for w in words]
        hits: list[str] = []
        for start, first in enumerate(forms):
            matched = False
            for head in first:
                for phrase in self._phrases.get(head, ()):
                    end = start + len(phrase)
                    if end > len(words):
                        continue
                    if all(phrase[k] in forms[start + k] for k in range(1, len(phrase))):
                        name = self._names[_key(phrase)]
                        if _key(words[start:end]) not in self._allowed:
                            matched = True
                            if name not in hits:
                                hits.append(name)
            if not matched and _key(words[start : start + 1]) not in self._allowed:
                # No listed word here: a compound of a strong word still counts ("shitshow").
                for stem, name in self._stems.items():
                    if any(f.startswith(stem) for f in first) and name not in hits:
                        hits.append(name)
        return tuple(hits)


def _key(parts: Iterable[str]) -> str:
    return " ".join(singular(p) for p in parts)


@lru_cache(maxsize=16)
def summit_filter(extra: tuple[str, ...], allowed: tuple[str, ...]) -> WordFilter:
    """The shipped list with one summit's additions and exceptions (cached per lists)."""
    return WordFilter((*shipped_words(), *extra), allowed)

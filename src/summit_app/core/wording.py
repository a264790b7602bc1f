"""Words as phones type them: the cloud's normal form, and the tokens the profanity filter reads.

Nothing here changes what is stored or shown: answers are kept exactly as typed, and these
forms only decide which answers count as the same word and which are held back.
"""

from __future__ import annotations

import re
import unicodedata

from summit_app.core.checks import INVISIBLE_LETTERS
from summit_app.core.errors import ValidationError

WORD_MAX_CHARS = 60
MAX_WORDS_PER_ANSWER = 3
# Words that end in s without being plurals (beyond the endings -ss, -us and -is).
NOT_PLURALS = frozenset(
    {"news", "series", "species", "always", "perhaps", "yes", "lens", "christmas", "whereas",
     "towards", "afterwards", "sometimes", "ethos", "chaos", "pathos", "kudos", "covid-19s"}
)  # fmt: skip
_LEET = str.maketrans("013457", "oieast")


def _strip_punctuation(word: str) -> str:
    """The word without punctuation at either end ("skills!" -> "skills", "(time)" -> "time")."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end]


def singular(word: str) -> str:
    """The singular of a simple English plural; anything else as it is.

    "skills" -> "skill", "communities" -> "community", "approaches" -> "approach";
    "process", "virus", "analysis", "news" and short words stay as they are.
    """
    if len(word) <= 3 or not word.endswith("s") or word in NOT_PLURALS:
        return word
    if word.endswith(("ss", "us", "is", "'s", "’s")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def answer_words(text: str) -> list[str]:
    """The words of an answer for the cloud, folded for comparing: case ignored, the
    punctuation around each word dropped, the last word made singular."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = [w for w in (_strip_punctuation(part) for part in folded.split()) if w]
    if words:
        words[-1] = singular(words[-1])
    return words


def cloud_word(text: str) -> str:
    """The normal form under which a cloud counts an answer; refuses what is not 1-3 words."""
    words = answer_words(text)
    if not words:
        raise ValidationError("Send a word, not only punctuation.")
    if len(words) > MAX_WORDS_PER_ANSWER:
        raise ValidationError(
            f"Send one to {MAX_WORDS_PER_ANSWER} words: that answer has {len(words)}."
            " Send each idea on its own."
        )
    return " ".join(words)


def _plain(text: str) -> str:
    """Case and accents folded away (compatibility forms too: full-width letters, ligatures),
    and characters that draw nothing removed: a zero-width joiner or a soft hyphen inside a
    word hid it from the profanity filter ("f\u200buck")."""
    text = "".join(
        ch for ch in text if unicodedata.category(ch) != "Cf" and ch not in INVISIBLE_LETTERS
    )
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """The words and symbols of a text, for matching against a word list."""
    plain = _plain(text)
    found = []
    for match in re.finditer(r"\w+|[^\w\s]", plain):
        token = match.group()
        if len(token) == 1 and not token.isalnum():
            if unicodedata.category(token) != "So":  # punctuation separates; emoji count
                continue
        found.append(token)
    return found


def variants(token: str) -> set[str]:
    """The forms of a token a word list is checked against: as it is, singular, with
    digits read as letters (sh1t), and with stretched letters squeezed (fuuuck)."""
    forms = {token, singular(token)}
    if any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token):
        forms.add(token.translate(_LEET))
    if re.search(r"(.)\1\1", token):
        squeezed = re.sub(r"(.)\1+", r"\1", token)
        forms |= {squeezed, re.sub(r"(.)\1{2,}", r"\1\1", token)}
    return forms | {singular(f) for f in forms}

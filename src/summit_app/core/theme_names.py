"""Names for suggested themes: one to four words from the notes' own words.

Each group's candidates are the phrases of one to four words its notes use (never starting
or ending on a function word, never across punctuation), scored as class-based TF-IDF: the
share of the group's notes that use the phrase, times how rare it is among the other
groups. The best few are then read by the same sentence model as the notes, and the one
closest to the group's centre wins, so "protected time for leaders" beats "time", and a
word every group uses ("leadership" at a leadership summit) does not name any. A single
word that says nothing on its own ("better", "agreed") is never a name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]

# The candidates read by the model for each group: the best by TF-IDF.
CANDIDATES = 10
LONGEST = 4
# How much the TF-IDF score (0 to 1, the group's best is 1) counts beside the closeness to
# the group's centre (a cosine, mostly 0.3 to 0.8).
TFIDF_WEIGHT = 0.35

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_CLAUSE = re.compile(r"[.,;:!?()\[\]/&+\"“”…–—]|\s-\s")
STOP = frozenset(
    """a about above across after again all also am an and any are as at be been before being
    between both but by can could did do does doing don't down during each every few for from
    further get had has have having he her here him his how i if in into is it its itself just
    let me more most much must my need needs no nor not now of off on once only or other our
    ours out over own really same she should so some such than that the their them then there
    these they this those through to too under until up us very want was we were what when
    where which while who whom why will with would you your yours i'd we'd we're we've it's
    make made many lot lots like one two things thing way ways well still even already going
    go keep sure rather often via etc sel actively clear able develop build create identify
    think ensure use start continue try give take bring isn't aren't doesn't didn't there's
    that's other's each never longer always than""".split()
)
# Words that may sit inside a phrase ("care closer to home") but say nothing as a name alone.
WEAK_ALONE = frozenset(
    """better best good great new old big small more less real true whole right key main
    agreed ability able important need needed needs work working works worked done doing
    local clinical system systems leadership leaders leader people person group groups team
    teams level levels time times part parts area areas place places way support supported
    supporting approach everyone everybody someone anyone nothing something anything
    further across around within without year years day days missing lead led leading
    deliver delivered delivering""".split()
)

# Words that describe what follows them: a name never ends on one ("buddying schemes with
# executive", "agree key strategic"), and adverbs ("collectively") neither start nor end one.
NOT_LAST = frozenset(
    """strategic key local clinical organisational organizational executive professional
    collaborative multidisciplinary wider broader senior current joint shared common primary
    social medical national regional financial acute own whole same different
    effective inclusive diverse""".split()
)

# The only words a phrase holds between its first and last ("time for leaders", "patients
# and carers"): with any other ("strategy was never agreed") it reads as half a sentence.
JOINING = frozenset("and of for in with across between on from the".split())

Embed = Callable[[Sequence[str]], "Matrix"]


class Namer:
    """Names for groups of notes (see the module's docstring). With `centres` (each
    group's unit mean embedding) and `embed`, the candidates are re-ranked by meaning;
    without, by TF-IDF alone."""

    def __init__(
        self,
        groups: Sequence[Sequence[str]],
        centres: Matrix | None = None,
        embed: Embed | None = None,
    ) -> None:
        self._spelled: dict[str, Counter[str]] = {}
        self._groups = groups
        self._centres = centres
        self._embed = embed
        self._words = [[self._read(text) for text in group] for group in groups]
        # In how many of each group's notes each phrase occurs.
        self._uses = [
            Counter(p for clauses in group for p in _phrases(clauses)) for group in self._words
        ]
        self._groups_with = Counter(p for uses in self._uses for p in uses)

    def _read(self, text: str) -> list[list[str]]:
        clauses = []
        for clause in _CLAUSE.split(text):
            found = _WORD.findall(clause)
            for w in found:
                self._spelled.setdefault(w.lower(), Counter())[w] += 1
            if found:
                clauses.append([w.lower() for w in found])
        return clauses

    def name(self, k: int) -> str:
        uses = self._uses[k]
        size = len(self._words[k])
        # A phrase only one note uses names a group of one or two notes, not a larger one.
        shared = 2 if size >= 3 else 1
        groups = max(1, len(self._groups))

        def tfidf(phrase: tuple[str, ...]) -> float:
            rarity = math.log(1 + groups / self._groups_with[phrase])
            return uses[phrase] / max(1, size) * rarity

        candidates = [p for p in uses if not (len(p) == 1 and p[0] in WEAK_ALONE)]
        if not candidates:
            return self._typical(k)
        # The phrases several notes share first; then, for a small group whose notes share
        # none, the model picks among each note's own phrases.
        candidates.sort(key=lambda p: (uses[p] < shared, -tfidf(p), -len(p), p))
        candidates = candidates[:CANDIDATES]
        spelled = [_spell(p, self._spelled) for p in candidates]
        if self._centres is None or self._embed is None or len(candidates) == 1:
            return spelled[0]
        best = tfidf(candidates[0])
        closeness = self._embed(spelled) @ self._centres[k]
        scores = [
            float(closeness[i]) + TFIDF_WEIGHT * tfidf(p) / best for i, p in enumerate(candidates)
        ]
        return spelled[max(range(len(candidates)), key=lambda i: scores[i])]

    def _typical(self, k: int) -> str:
        """Nothing shared: the group's most typical note, when short enough, says it; else
        its first words that are not function words."""
        if not self._words[k]:
            return "Other"
        first = [w for clause in self._words[k][0] for w in clause]
        if len(first) <= LONGEST:
            return _spell(tuple(first), self._spelled) or "Other"
        content = [w for w in first if w not in STOP][:3]
        return _spell(tuple(content or first[:LONGEST]), self._spelled)


def _phrases(clauses: Sequence[Sequence[str]]) -> set[tuple[str, ...]]:
    """The note's phrases of one to four words, each starting and ending on a word that is
    not a function word, with only joining words between."""
    found: set[tuple[str, ...]] = set()
    for words in clauses:
        for i, first in enumerate(words):
            if not _content(first) or _adverb(first):
                continue
            for n in range(1, LONGEST + 1):
                phrase = tuple(words[i : i + n])
                if len(phrase) < n:
                    break
                if n > 2 and phrase[-2] not in JOINING and not _content(phrase[-2]):
                    break
                if _content(phrase[-1]) and _may_end(phrase[-1]):
                    found.add(phrase)
    return found


def _content(word: str) -> bool:
    return word not in STOP and len(word) > 1


def _adverb(word: str) -> bool:
    return len(word) > 6 and word.endswith("ly")


def _may_end(word: str) -> bool:
    return word not in NOT_LAST and not _adverb(word)


def _spell(chosen: Sequence[str], spelled: dict[str, Counter[str]]) -> str:
    shown = [spelled[w].most_common(1)[0][0] if w in spelled else w for w in chosen]
    # Acronyms (ICS, GP) as typed; other words in lower case, the first capitalised.
    shown = [w if w.isupper() and len(w) > 1 else w.lower() for w in shown]
    text = " ".join(shown)
    return text[:1].upper() + text[1:]

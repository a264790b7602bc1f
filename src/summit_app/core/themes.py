"""Themes suggested and sorted on the laptop, offline: a wall of notes grouped in a second.

Each note becomes a sentence embedding from a small model that ships inside the package
(resources/models/minilm: all-MiniLM-L6-v2, int8, run by onnxruntime, its WordPiece
tokenizer in core/wordpiece.py; see its README for where the weights came from).
Suggesting cuts an average-linkage tree over the embeddings (core/clustering.py), the count
chosen from the notes (the best silhouette) unless the facilitator asks for more or fewer;
sorting places each note with the theme whose name (and notes) it is closest to. Chosen by
measuring on a labelled set from the seed pack (bench/themes.py): TF-IDF and static word
embeddings only match words, and short notes rarely share them.

Pure functions over texts: no Qt, no SQL, nothing on the network. numpy and onnxruntime
are imported when first used, so the app starts without them.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summit_app.core import clustering
from summit_app.core.embeddings import EmbeddingsRepo, text_key
from summit_app.core.model import Note, Theme
from summit_app.core.theme_names import Namer

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]

# How close two notes must be (cosine of their embeddings) to be offered as one note.
DUPLICATE_SIMILARITY = 0.8
# Notes go through the model this many at a time, shortest first (less padding): 32 short
# notes' activations stay in the cores' caches (measured: a fifth less CPU than 128 at a time).
BATCH = 32
MAX_TOKENS = 64
# The fusion onnxruntime (1.32, CPU) would make of each residual add and its layer norm took a
# third of the model's time; left as separate nodes, embedding costs 30% less CPU, the vectors
# within a cosine of 0.99 of the fused ones (mean 0.999), scoring alike on the labelled set.
UNFUSED = ["SkipLayerNormFusion"]
# A suggested theme's notes that fit it less than this are shown as the ones it is least sure of.
LEAST_SURE = 0.5
# A new note is offered to an existing theme it fits at least this well (and better than
# the new theme it would join).
OFFER_FIT = 0.35
# How sure a placement is: the share of its closeness that goes to its theme, each theme's
# share growing as exp(SHARPNESS x cosine); on vectors less their mean (twice as spread),
# CENTRED_SHARPNESS made the mean sureness match the share placed right on the labelled set.
SHARPNESS, CENTRED_SHARPNESS = 20.0, 8.0
# A note sorted, or offered to a theme you have, less sure than this (or, offered, fitting
# its theme less than LEAST_SURE) is doubtful: shown first, marked, and left for a tick.
DOUBTFUL = 0.5
# Embeddings kept for texts seen before (1.5 KB each).
KNOWN_TEXTS = 50_000
# The embeddings kept in the summit file are this model's (core/embeddings.py); another
# model, or the same cut at another length, is another name.
MODEL_ID = f"all-MiniLM-L6-v2 int8, {MAX_TOKENS} tokens, layer norm unfused"
# Notes embedded in the background go this many at a time (about 0.07 s of CPU), with a
# pause between, so a backlog (a file opened with 5,000 notes) takes at most a quarter of the
# cores from phones' requests and the window; the file keeps each batch.
BACKGROUND_BATCH = 64
BACKGROUND_PAUSE_S = 0.25
# The default count of themes is looked for between these, and never above notes / 3.
FEWEST, MOST = 3, 12
# Sorting takes the notes' mean away when there are at least this many (fewer say too little).
CENTRE_FROM = 20

Progress = Callable[[float], None]


@dataclass(frozen=True)
class SuggestedTheme:
    """A proposed theme: its name from the notes' own words, its notes (indices into the
    texts given) with how well each fits (cosine to the theme's centre, 0 to 1), the ones
    it is least sure of first."""

    name: str
    members: tuple[int, ...]
    fits: tuple[float, ...]

    def least_sure(self, count: int = 3) -> tuple[int, ...]:
        order = sorted(range(len(self.members)), key=lambda i: self.fits[i])
        return tuple(self.members[i] for i in order[:count] if self.fits[i] < LEAST_SURE)


@dataclass(frozen=True)
class Placement:
    """Where sorting puts one note: the theme (index into the themes given), how well it
    fits it (cosine to its name and the other notes placed there, on the scale a suggested
    theme's notes fit theirs), how sure the placement is (0 to 1: the share of the note's
    closeness that goes to this theme over the others), and the next best theme."""

    note: int
    theme: int
    fit: float
    confidence: float
    runner_up: int | None

    @property
    def doubtful(self) -> bool:
        """As an offered note's: a rehearsal read "100% sure" for a note Suggest had marked
        ? at a fit of 46% (closer to that theme than to the others, yet far from all)."""
        return self.confidence < DOUBTFUL or self.fit < LEAST_SURE


class Embedder:
    """The sentence-embedding model, loaded once per process (a few hundred ms), and the
    embeddings of the texts it has seen (from the model or from the summit file)."""

    _shared: Embedder | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        import onnxruntime

        from summit_app.core.wordpiece import WordPiece
        from summit_app.resources import RESOURCES

        folder = RESOURCES / "models" / "minilm"
        self._tokenizer = WordPiece(folder / "vocab.txt")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # Each run on the calling thread alone, at its priority: the background thread's
        # runs take one core, niced; a cold Suggest themes runs batches side by side on a
        # thread a core (_run). onnxruntime's own pool of threads splits every node of a run
        # and waits for the slowest: on this busy 2-core machine that cost more CPU and
        # time than one thread did, and its threads took the priority of whichever thread
        # first loaded the model (the niced background one, for the dialog's runs too).
        options.intra_op_num_threads = 1
        self.model_file = folder / "model.onnx"
        self._session = onnxruntime.InferenceSession(
            str(self.model_file),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=UNFUSED,
        )
        self.batch = BATCH
        # Texts seen before are not run again (text key -> vector): the notes embedded in
        # the background as they arrived, and "more themes", "split", sorting after
        # suggesting. Used from the window's background threads: under a lock.
        self._known: dict[str, Any] = {}
        self._known_lock = threading.Lock()

    @classmethod
    def shared(cls) -> Embedder:
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def embed(
        self, texts: Sequence[str], progress: Progress | None = None, cores: int | None = None
    ) -> Matrix:
        """Unit-length embeddings, one row per text, on up to `cores` threads (None: all
        this process may use)."""
        import numpy as np

        keys = [text_key(t) for t in texts]
        with self._known_lock:
            found = {k: self._known[k] for k in keys if k in self._known}
        new = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if new:
            vectors = self._run(new, progress, cores or _cores())
            fresh = dict(zip(map(text_key, new), vectors, strict=True))
            found.update(fresh)
            self.remember(fresh)
        elif progress:
            progress(1.0)
        out: Matrix = np.array([found[k] for k in keys], np.float32).reshape(-1, 384)
        return out

    def remember(self, vectors: dict[str, Any]) -> None:
        with self._known_lock:
            if len(self._known) + len(vectors) > KNOWN_TEXTS:
                self._known.clear()
            self._known.update(vectors)

    def load(self, repo: EmbeddingsRepo) -> int:
        """Remember the embeddings the summit file keeps; how many were sound."""
        import numpy as np

        read = {}
        for key, data in repo.vectors(MODEL_ID).items():
            if len(data) == 2 * 384:  # anything else is not ours: embedded again instead
                vector = np.frombuffer(data, np.float16).astype(np.float32)
                if np.isfinite(vector).all():
                    read[key] = vector
        self.remember(read)
        return len(read)

    def embed_missing(
        self, repo: EmbeddingsRepo, limit: int = BACKGROUND_BATCH
    ) -> tuple[list[tuple[str, bytes]], int]:
        """Embed up to `limit` of the file's notes whose embedding it does not keep yet
        (those embedded already, by Suggest themes say, cost nothing): (text key, vector
        bytes) for the file to keep, and how many are left."""
        import numpy as np

        kept = repo.keys(MODEL_ID)
        missing = list(dict.fromkeys(t for t in repo.note_texts() if text_key(t) not in kept))
        chunk = missing[:limit]
        if not chunk:
            return [], 0
        vectors = self.embed(chunk, cores=1)  # one core: the rest are the window's and phones'
        found = [
            (text_key(t), np.asarray(v, np.float16).tobytes())
            for t, v in zip(chunk, vectors, strict=True)
        ]
        return found, len(missing) - len(chunk)

    def _run(self, texts: Sequence[str], progress: Progress | None, cores: int) -> Matrix:
        import numpy as np

        out: Matrix = np.zeros((len(texts), 384), np.float32)
        encoded = [self._tokenizer.encode(t, MAX_TOKENS) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        batches = [order[start : start + self.batch] for start in range(0, len(order), self.batch)]
        done = 0

        def run(chunk: list[int]) -> Matrix:
            width = max(len(encoded[i]) for i in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.int64)
            for row, i in enumerate(chunk):
                n = len(encoded[i])
                ids[row, :n] = encoded[i]
                mask[row, :n] = 1
            found: Matrix = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            return found

        def keep(chunk: list[int], found: Matrix) -> None:
            nonlocal done
            out[chunk] = found
            done += len(chunk)
            if progress:
                progress(min(1.0, done / len(order)))

        cores = min(cores, len(batches))
        if cores <= 1:
            for chunk in batches:
                keep(chunk, run(chunk))
        else:
            # Whole batches side by side (onnxruntime lets go of the GIL while it runs):
            # a thread held up by another program holds up only its own batch. Started from
            # the calling thread, they share its priority.
            with ThreadPoolExecutor(cores, thread_name_prefix="summit-model") as pool:
                for chunk, found in zip(batches, pool.map(run, batches), strict=True):
                    keep(chunk, found)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        # Rounded as the summit file keeps them (float16), so a note embedded now and one
        # read back from the file give the same themes.
        unit: Matrix = (out / np.maximum(norms, 1e-9)).astype(np.float16).astype(np.float32)
        return unit


# -- suggesting ----------------------------------------------------------------------------


def suggest(
    texts: Sequence[str],
    count: int | None = None,
    vectors: Matrix | None = None,
    progress: Progress | None = None,
) -> list[SuggestedTheme]:
    """Group the texts into themes, largest first. `count` None: chosen from the notes."""
    import numpy as np

    if not texts:
        return []
    if vectors is None:
        vectors = Embedder.shared().embed(texts, _part(progress, 0.0, 0.8))
    n = len(texts)
    if n < 2:
        return [SuggestedTheme(Namer([[texts[0]]]).name(0), (0,), (1.0,))]
    shifted = clustering.centred(vectors)
    tree = clustering.Tree(shifted)
    # Never more themes than different notes: two notes saying the same are one theme.
    distinct = len(set(texts))
    if count is None:
        count = clustering.choose_count(tree, shifted, FEWEST, min(MOST, distinct))
    count = max(1, min(count, distinct, tree.leaves))
    labels = tree.cut(count)
    if progress:
        progress(0.95)
    # How well each note fits is shown on the model's own scale (cosine to its theme's centre).
    centres = clustering.unit(clustering.group_sums(vectors, labels, count))
    fits = np.einsum("ij,ij->i", vectors, centres[labels])
    groups = [np.flatnonzero(labels == c) for c in range(count)]
    groups = [g for g in groups if len(g)]
    groups = [g[np.argsort(-fits[g])] for g in groups]  # the most typical note first
    all_texts = [[texts[int(i)] for i in g] for g in groups]
    themes = []
    named = clustering.unit(np.array([vectors[g].sum(0) for g in groups], np.float32))
    namer = Namer(all_texts, named, Embedder.shared().embed)
    for k, order in enumerate(groups):
        themes.append(
            SuggestedTheme(
                namer.name(k),
                tuple(int(i) for i in order),
                tuple(round(float(max(0.0, fits[i])), 3) for i in order),
            )
        )
    themes.sort(key=lambda t: -len(t.members))
    if progress:
        progress(1.0)
    return themes


# -- sorting -------------------------------------------------------------------------------


def sort_into(
    texts: Sequence[str],
    names: Sequence[str],
    examples: Sequence[Sequence[int]] = (),
    vectors: Matrix | None = None,
    progress: Progress | None = None,
) -> list[Placement]:
    """Place every text with one of the named themes, least sure first.

    `examples[k]` are texts already in theme k (dragged there, or sorted before): they pull
    the theme towards them, and are placed there with full confidence."""
    import numpy as np

    if not texts or not names:
        return []
    embedder = Embedder.shared()
    if vectors is None:
        vectors = embedder.embed(texts, _part(progress, 0.0, 0.8))
    named = embedder.embed(names)
    sharpness = SHARPNESS
    raw, raw_named = vectors, named
    if len(texts) >= CENTRE_FROM:
        sharpness = CENTRED_SHARPNESS
        # What all the notes share says nothing about which theme each is in (measured on
        # both halves of the labelled set: a few points more placed right).
        mean = vectors.mean(0)
        vectors, named = clustering.unit(vectors - mean), clustering.unit(named - mean)
    given = {i: k for k, members in enumerate(examples) for i in members}
    centres = named.copy()
    for k, members in enumerate(examples):
        if len(members):
            centre = named[k] + vectors[list(members)].mean(0)
            centres[k] = centre / max(float(np.linalg.norm(centre)), 1e-9)
    sims = vectors @ centres.T
    # One round of refinement: each theme moves towards the notes it drew, keeping its name.
    labels = sims.argmax(1)
    for k in range(len(names)):
        drawn = vectors[labels == k]
        if len(drawn):
            centre = centres[k] + drawn.mean(0)
            centres[k] = centre / max(float(np.linalg.norm(centre)), 1e-9)
    sims = vectors @ centres.T
    weights = np.exp(sims * sharpness)
    shares = weights / weights.sum(1, keepdims=True)
    labels = np.array([given.get(i, int(sims[i].argmax())) for i in range(len(texts))])
    # The fit on the model's own scale, as Suggest shows it: cosine to the theme's name and the
    # other notes placed there (left out, a note alone in its theme fitted itself 100%).
    sums = clustering.group_sums(raw, labels, len(names)) + raw_named
    others = sums[labels] - raw
    fits = np.einsum("ij,ij->i", raw, clustering.unit(others))
    placements = []
    for i in range(len(texts)):
        order = np.argsort(-sims[i])
        theme = int(labels[i])
        runner = next((int(k) for k in order if int(k) != theme), None)
        confidence = 1.0 if i in given else float(shares[i, theme])
        fit = round(float(max(0.0, fits[i])), 3)
        placements.append(Placement(i, theme, fit, round(confidence, 3), runner))
    if progress:
        progress(1.0)
    placements.sort(key=lambda p: p.confidence)
    return placements


# -- near-duplicates -----------------------------------------------------------------------


def near_duplicates(
    texts: Sequence[str], vectors: Matrix | None = None, threshold: float = DUPLICATE_SIMILARITY
) -> list[tuple[int, ...]]:
    """Groups of texts that say the same thing, each group's most typical text first."""
    import numpy as np

    if len(texts) < 2:
        return []
    if vectors is None:
        vectors = Embedder.shared().embed(texts)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, len(texts), 1024):  # blocks keep 5,000 notes to a few MB
        sims = vectors[start : start + 1024] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if start + r < c:
                parent[root(c)] = root(start + r)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    found = []
    for members in groups.values():
        if len(members) > 1:
            centre = vectors[members].sum(0)
            # The most typical first; between equals (two notes always are), the earliest.
            members.sort(key=lambda i: (-round(float(vectors[i] @ centre), 3), i))
            found.append(tuple(members))
    return found


# -- a prompt's notes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """A note offered to a theme that already exists, with how well it fits (0 to 1)."""

    note_id: int
    theme_id: int
    fit: float
    confidence: float

    @property
    def doubtful(self) -> bool:
        """Less sure than a sorted note must be, or fitting its theme only as well as a
        suggested theme's least sure notes fit theirs. On the demo's themed prompts, each
        half of their notes taken out in turn, 38 notes were offered: the 17 doubtful ones
        were right 9 times, the other 21, 17 times (by the fit alone: 8 of 16 under 0.5)."""
        return self.confidence < DOUBTFUL or self.fit < LEAST_SURE


@dataclass(frozen=True)
class Draft:
    """A new theme as suggested: a name and its notes (ids), each note's fit."""

    name: str
    note_ids: tuple[int, ...]
    fits: tuple[float, ...]

    def least_sure(self, count: int = 3) -> tuple[int, ...]:
        order = sorted(range(len(self.note_ids)), key=lambda i: self.fits[i])
        return tuple(self.note_ids[i] for i in order[:count] if self.fits[i] < LEAST_SURE)


@dataclass(frozen=True)
class Proposal:
    """What Suggest themes proposes for a prompt: the notes not in a theme offered to the
    existing themes they fit, and the rest grouped into new themes."""

    offers: tuple[Offer, ...]
    drafts: tuple[Draft, ...]


def propose(
    notes: Sequence[Note],
    existing: Sequence[Theme] = (),
    count: int | None = None,
    progress: Progress | None = None,
) -> Proposal:
    """Suggest themes for the notes not yet in one; existing themes keep their notes and are
    offered the new notes that fit them (sure enough, and closer than to any other theme)."""
    import numpy as np

    loose = [n for n in notes if n.theme_id is None]
    if not loose:
        return Proposal((), ())
    embedder = Embedder.shared()
    vectors = embedder.embed([n.text for n in notes], _part(progress, 0.0, 0.8))
    rows = [i for i, n in enumerate(notes) if n.theme_id is None]
    # Each existing theme's centre: its name and the notes already in it.
    centres = embedder.embed([t.name for t in existing]) if existing else None
    for k, theme in enumerate(existing):
        members = [i for i, n in enumerate(notes) if n.theme_id == theme.id]
        if members and centres is not None:
            centre = centres[k] + vectors[members].mean(0)
            centres[k] = centre / max(float(np.linalg.norm(centre)), 1e-9)
    texts = [notes[r].text for r in rows]
    asked = count
    while True:
        found = suggest(texts, asked, vectors=vectors[rows], progress=None)
        offers, drafts = _offered(found, notes, rows, vectors, existing, centres, embedder)
        # A new theme whose notes all go to existing ones vanishes: "more themes" asks
        # again, a few times at most.
        if asked is None or count is None or len(drafts) >= count:
            break
        if asked >= min(len(set(texts)), count + 4):
            break
        asked += 1
    if progress:
        progress(1.0)
    offers.sort(key=lambda o: (not o.doubtful, o.confidence))
    return Proposal(tuple(offers), tuple(drafts))


def _offered(
    found: Sequence[SuggestedTheme],
    notes: Sequence[Note],
    rows: Sequence[int],
    vectors: Matrix,
    existing: Sequence[Theme],
    centres: Matrix | None,
    embedder: Embedder,
) -> tuple[list[Offer], list[Draft]]:
    """The suggested themes' notes that fit an existing theme better, offered to it; the
    rest as drafts of new themes."""
    import numpy as np

    offers: list[Offer] = []
    drafts: list[Draft] = []
    smaller: list[int] = []  # drafts that gave notes away
    for group in found:
        kept_ids, kept_fits = [], []
        total = vectors[[rows[m] for m in group.members]].sum(0)
        for member, fit in zip(group.members, group.fits, strict=True):
            row = rows[member]
            if centres is not None:
                sims = centres @ vectors[row]
                best = int(sims.argmax())
                closest = float(sims[best])
                # Offered to the existing theme it fits best when it fits that better than
                # the rest of the new theme it would join (itself left out of its centre,
                # as it is not in the existing theme's).
                others = total - vectors[row]
                rest = float(others @ vectors[row]) / max(float(np.linalg.norm(others)), 1e-9)
                if closest >= max(rest, OFFER_FIT):
                    # Sure as sorting is: its share of closeness among every theme it could
                    # join, the ones you have and the new one.
                    weights = np.exp(SHARPNESS * np.append(sims, rest))
                    sure = float(weights[best] / weights.sum())
                    offers.append(
                        Offer(notes[row].id, existing[best].id, round(closest, 3), round(sure, 3))
                    )
                    continue
            kept_ids.append(notes[row].id)
            kept_fits.append(fit)
        if kept_ids:
            if len(kept_ids) < len(group.members):
                smaller.append(len(drafts))
            drafts.append(Draft(group.name, tuple(kept_ids), tuple(kept_fits)))
    if smaller:
        # Named again from the notes they kept: a rehearsal showed "Social care colleagues"
        # over "Shared data across the system" and "The coffee and lunch were great", the
        # note it was named after offered to a theme the facilitator had.
        row_of = {notes[r].id: r for r in rows}
        members = [[row_of[i] for i in d.note_ids] for d in drafts]
        namer = Namer(
            [[notes[r].text for r in m] for m in members],
            clustering.unit(np.array([vectors[m].sum(0) for m in members], np.float32)),
            embedder.embed,
        )
        for k in smaller:
            drafts[k] = dataclasses.replace(drafts[k], name=namer.name(k))
    return offers, drafts


def _cores() -> int:
    """The cores this process may use (its affinity, where the system has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _part(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda share: progress(start + (end - start) * share)

"""Which method suggests and sorts themes best, and how fast the shipped one is.

    .venv/bin/python -m pip install scikit-learn wordllama   # the methods compared against
    .venv/bin/python bench/themes.py            # --quick: one run of each size, not five

On the labelled set (tests/data/themes_labelled.txt: notes from the seed pack under its own
headings) each method suggests themes for all the notes, at the human count and at the count
it chooses itself, and sorts them into the human themes given only the themes' names. It
prints the adjusted Rand index (ARI) of the suggestion against the human grouping and the
share of notes the sorting placed with their human theme. Then the shipped method
(core/themes.py) suggests themes for 500 and 5,000 notes made from the labelled ones, median
of 5, two ways: cold (nothing embedded before: the model reads every note) and warm, as
shipped (the notes were embedded in the background as they arrived and kept in a real
summit file, read back after it was opened again, so the click only clusters and names).
Cold is timed in the same run with the model run as before 2026-12-07 too (`_as_before`).
The last line is the shipped method's summary, with the warm times; the line after it, the
cold ones.
"""

from __future__ import annotations

import importlib
import os
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))

from labelled_themes import adjusted_rand, load  # noqa: E402

from summit_app.core import Summit, clustering, themes  # noqa: E402
from summit_app.core.model import SummitInfo  # noqa: E402

# Only after summit_app, which sets numpy's BLAS threading as the app runs it.
np = importlib.import_module("numpy")


def _grouping(n: int, groups: list[list[int]]) -> list[int]:
    labels = [0] * n
    for g, members in enumerate(groups):
        for i in members:
            labels[i] = g
    return labels


def _placed(vectors: np.ndarray, named: np.ndarray, truth: list[int]) -> float:
    return float(((vectors @ named.T).argmax(1) == np.array(truth)).mean())


def main() -> None:
    notes, truth, names = load()
    k = len(names)
    print(f"labelled set: {len(notes)} notes in {k} themes (chance of placing right {1 / k:.0%})")
    rows = []

    # TF-IDF with scikit-learn's k-means; sorting by cosine to each theme name's TF-IDF.
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(notes + names)
    docs, named = x[: len(notes)], x[len(notes) :]
    found = KMeans(k, n_init=10, random_state=0).fit_predict(docs)
    placed = ((docs @ named.T).toarray().argmax(1) == np.array(truth)).mean()
    rows.append(("TF-IDF + k-means (scikit-learn)", adjusted_rand(truth, found.tolist()), placed))

    # wordllama's static embeddings from its own wheel. 0.4 looks for its tokenizer in the
    # wrong folder and goes to the network unless pointed at its own package folder.
    import wordllama

    wl = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    vecs = np.asarray(wl.embed(notes, norm=True), np.float32)
    named_wl = np.asarray(wl.embed(names, norm=True), np.float32)
    found = KMeans(k, n_init=10, random_state=0).fit_predict(vecs)
    rows.append(
        (
            "wordllama static embeddings + k-means",
            adjusted_rand(truth, found.tolist()),
            _placed(vecs, named_wl, truth),
        )
    )

    # MiniLM-L6 (int8, onnxruntime) with spherical k-means, as shipped before the tree.
    embedder = themes.Embedder.shared()
    vectors = embedder.embed(notes)
    found, _ = clustering.kmeans(vectors, k)
    rows.append(("MiniLM-L6 + spherical k-means", adjusted_rand(truth, found.tolist()), None))

    # The shipped method: the same embeddings, less their mean, cut from an average-linkage
    # tree; sorting by name, centred, with one round of refinement.
    at_k = themes.suggest(notes, k, vectors=vectors)
    chosen = themes.suggest(notes, None, vectors=vectors)
    sorted_ = themes.sort_into(notes, names, vectors=vectors)
    placed_minilm = float(np.mean([p.theme == truth[p.note] for p in sorted_]))
    ari_k = adjusted_rand(truth, _grouping(len(notes), [list(t.members) for t in at_k]))
    ari_own = adjusted_rand(truth, _grouping(len(notes), [list(t.members) for t in chosen]))
    rows.append(("MiniLM-L6 + average-linkage tree (shipped)", ari_k, placed_minilm))
    # With two notes of each theme dragged in first, as the facilitator may.
    examples = [[i for i, t in enumerate(truth) if t == g][:2] for g in range(k)]
    given = {i for e in examples for i in e}
    helped = themes.sort_into(notes, names, examples, vectors=vectors)
    placed_helped = np.mean([p.theme == truth[p.note] for p in helped if p.note not in given])

    print(f"{'method':44} {'ARI':>6} {'placed':>7}")
    for name, ari, placed in rows:
        shown = "" if placed is None else f"{placed:7.1%}"
        print(f"{name:44} {ari:6.3f} {shown:>7}")
    print(f"shipped, count chosen from the notes ({len(chosen)} themes): ARI {ari_own:.3f}")
    print(f"shipped, sorting with two notes of each theme given: placed {placed_helped:.1%}")
    # The method was chosen looking at the whole set, so each half is reported on its own
    # too: a method fitted to one half would show it on the other.
    for half in (0, 1):
        rows_ = [i for i in range(len(notes)) if truth[:i].count(truth[i]) % 2 == half]
        sub = [notes[i] for i in rows_]
        subtruth = [truth[i] for i in rows_]
        got = themes.suggest(sub, k, vectors=vectors[rows_])
        ari = adjusted_rand(subtruth, _grouping(len(sub), [list(t.members) for t in got]))
        placed = np.mean(
            [
                p.theme == subtruth[p.note]
                for p in themes.sort_into(sub, names, vectors=vectors[rows_])
            ]
        )
        print(f"shipped, half {half + 1} ({len(sub)} notes): ARI {ari:.3f}, placed {placed:.1%}")
    print("suggested names:", "; ".join(t.name for t in chosen))

    rng = random.Random(5)
    words = [w for n in notes for w in n.split()]
    runs = 1 if "--quick" in sys.argv else 5
    warm: dict[int, float] = {}
    cold: dict[int, float] = {}
    was: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (500, 5000):
            figures: dict[str, list[float]] = {
                "cold": [],
                "cpu": [],
                "before": [],
                "before cpu": [],
                "read": [],
                "warm": [],
                "load": [],
            }
            stalls, writes = [], []
            for run in range(runs):
                # New texts every run: a cold run embeds every note.
                texts = [
                    f"{rng.choice(notes)} {' '.join(rng.sample(words, rng.randint(0, 4)))}"
                    for _ in range(size)
                ]
                summit = _summit_with(Path(folder) / f"{size}-{run}.summit", texts)
                # Cold: a model that has seen nothing, as on a first click with nothing kept
                # (loaded and run once before: a session does that once, in the background).
                # The runner as it was before, in the same run, first or second by turns.
                start = time.perf_counter()
                fresh = themes.Embedder()
                fresh.embed(["Loaded"])
                figures["load"].append(time.perf_counter() - start)
                before = _as_before()
                before.embed(["Loaded"])
                for way in ("cold", "before") if run % 2 else ("before", "cold"):
                    embedder, cores = (fresh, None) if way == "cold" else (before, 1)
                    start, used = time.perf_counter(), time.process_time()
                    themes.suggest(texts, vectors=embedder.embed(texts, cores=cores))
                    figures[way].append(time.perf_counter() - start)
                    figures[f"{way.replace('cold', '')} cpu".strip()].append(
                        time.process_time() - used
                    )
                # As shipped: the notes were embedded in the background as they arrived
                # (ui/note_embeddings.py, a batch at a time) and kept in the summit file.
                background = themes.Embedder()
                stall, write = _embedded_in_the_background(background, summit)
                stalls.append(stall)
                writes.append(write)
                # The file opened again: its embeddings are read back in the background...
                reopened = themes.Embedder()
                start = time.perf_counter()
                reopened.load(summit.embeddings)
                figures["read"].append(time.perf_counter() - start)
                summit.close()
                # ...so the facilitator's click only clusters and names.
                start = time.perf_counter()
                themes.suggest(texts, vectors=reopened.embed(texts))
                figures["warm"].append(time.perf_counter() - start)
            cold[size] = statistics.median(figures["cold"])
            was[size] = statistics.median(figures["before"])
            warm[size] = statistics.median(figures["warm"])
            # The CPU time (both cores' together) shows the work itself when the shared
            # machine is busy: on an idle 2-core machine the wall time is about half of it.
            print(
                f"suggest {size} notes, cold (nothing embedded): median {cold[size]:.2f} s of"
                f" {_shown(figures['cold'])}; CPU median {statistics.median(figures['cpu']):.2f} s;"
                f" load {os.getloadavg()[0]:.1f}"
            )
            print(
                f"suggest {size} notes, cold, the runner as before: median {was[size]:.2f} s of"
                f" {_shown(figures['before'])}; CPU median"
                f" {statistics.median(figures['before cpu']):.2f} s"
            )
            print(
                f"suggest {size} notes, warm (embedded as they arrived, kept in the file):"
                f" median {warm[size]:.2f} s of {_shown(figures['warm'])}"
            )
            print(
                f"  reading {size} notes' embeddings back from the file (in the background):"
                f" median {statistics.median(figures['read']):.3f} s (the model's own load:"
                f" {statistics.median(figures['load']):.2f} s);"
                f" while they were embedded, the GUI thread's longest wait for the"
                f" interpreter {max(stalls) * 1000:.0f} ms, its longest write of a batch"
                f" {max(writes) * 1000:.0f} ms"
            )
    print(
        f"themes: ARI {ari_k:.2f}, placed {placed_minilm:.0%}, "
        f"500 notes {warm[500]:.2f} s, 5000 notes {warm[5000]:.2f} s"
    )
    print(
        f"(cold, nothing embedded before: 500 notes {cold[500]:.2f} s,"
        f" 5000 notes {cold[5000]:.2f} s; the runner as before: {was[500]:.2f} s and"
        f" {was[5000]:.2f} s)"
    )


def _as_before() -> themes.Embedder:
    """The model run as before 2026-12-07: onnxruntime's own pool of threads (a thread a
    core, sleeping between runs), every fusion of its graph, 128 notes a batch."""
    import onnxruntime

    embedder = themes.Embedder()
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    embedder._session = onnxruntime.InferenceSession(
        str(embedder.model_file), options, providers=["CPUExecutionProvider"]
    )
    embedder.batch = 128
    return embedder


def _shown(runs: list[float]) -> list[float]:
    return [round(r, 2) for r in runs]


def _summit_with(path: Path, texts: list[str]) -> Summit:
    summit = Summit.create(path, SummitInfo(title="Bench"))
    item = summit.agenda.add_item(summit.agenda.add_section("Morning").id, "Talk", "discussion", 30)
    prompt = summit.agenda.add_prompt(item.id, "What did you hear?")
    with summit.write():
        for text in texts:
            summit.notes.add_note(prompt.id, text)
    return summit


def _embedded_in_the_background(embedder: themes.Embedder, summit: Summit) -> tuple[float, float]:
    """Embed the file's notes on a thread, as the window does, while this thread (the GUI
    thread's stand-in) ticks every 10 ms: its longest gap beyond the tick is how long the
    window would have waited for the interpreter. Each batch is kept from this thread, as
    the window keeps it: the longest such write."""
    done: queue.Queue[tuple[list[tuple[str, bytes]], int]] = queue.Queue()
    path = summit.path
    stall, write = 0.0, 0.0

    def work() -> None:
        own = Summit.open(path)  # the thread's own connection, as the window's worker has
        try:
            left = 1
            while left:
                found, left = embedder.embed_missing(own.embeddings)
                done.put((found, left))
                time.sleep(themes.BACKGROUND_PAUSE_S)  # the worker's pause between batches
        finally:
            own.close()

    thread = threading.Thread(target=work)
    thread.start()
    last = time.perf_counter()
    while thread.is_alive() or not done.empty():
        time.sleep(0.01)
        now = time.perf_counter()
        stall, last = max(stall, now - last - 0.01), now
        while not done.empty():
            found, _ = done.get()
            start = time.perf_counter()
            summit.embeddings.keep(themes.MODEL_ID, found)
            write = max(write, time.perf_counter() - start)
            last = time.perf_counter()
    thread.join()
    return stall, write


if __name__ == "__main__":
    main()

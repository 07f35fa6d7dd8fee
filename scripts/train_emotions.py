"""Rebuild OS1's emotion classifier (os1/mind/data/emotions/: model.npz, branch.onnx) from the
GoEmotions splits.

Build tool, not runtime: it needs scikit-learn, scipy, torch (the CPU wheel) and onnx
(`pip install 'os1[train]'`), none of which OS1 itself imports.

    PYTHONPATH=. python scripts/train_emotions.py --data ../shared/data/goemotions

Steps: embed train+dev with the shipped int8 MiniLM, keeping the token states after its fourth layer
(cached in --work); build the TF-IDF vocabulary on train (words + word pairs seen in >= 2 comments);
for the 28 labels and for the 7 Ekman groups fit one L2 logistic regression per output over
[TF-IDF | embedding] (liblinear) and a one-hidden-layer MLP over the embedding; fine-tune a copy of the
encoder's last two layers for all 35 outputs at once (scripts/emotion_branch.py, torch on CPU); then on
dev choose the mixes and each output's threshold. Deterministic for a seed on one machine.
Running time on 2 cores: see os1/mind/data/emotions/README.md.
"""

from __future__ import annotations

import argparse
import csv
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from os1.mind.emotions import EKMAN, LABELS, tfidf_rows, tokens

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "os1" / "mind" / "data" / "emotions"


def read_split(path: Path) -> tuple[list[str], np.ndarray]:
    """Texts and a 0/1 label matrix; csv handles the ~2.5% of rows whose text is CSV-quoted."""
    texts: list[str] = []
    y_rows: list[list[int]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.reader(f, delimiter="\t"):
            texts.append(rec[0])
            y_rows.append([int(x) for x in rec[1].split(",")])
    y = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
    for i, ids in enumerate(y_rows):
        y[i, ids] = 1.0
    return texts, y


def embed(texts: list[str], work: Path, split: str) -> tuple[np.ndarray, list[np.ndarray]]:
    """Sentence vectors and branch-point token states from the shipped int8 MiniLM, cached in `work`
    (states as one float16 block plus offsets: about 650 MB for train)."""
    names = ("emb", "branch_states", "offsets")
    pooled_file, states_file, offsets_file = (work / f"{split}_{k}.npy" for k in names)
    if not (pooled_file.exists() and states_file.exists() and offsets_file.exists()):
        from os1.nlp.embeddings import get_embedder

        pooled, per_text = get_embedder().encode_with_states(texts)
        np.save(pooled_file, pooled)
        np.save(states_file, np.concatenate(per_text).astype(np.float16))
        np.save(offsets_file, np.cumsum([0] + [len(x) for x in per_text]))
    block, offsets = np.load(states_file), np.load(offsets_file)
    return np.load(pooled_file), [block[a:b] for a, b in pairwise(offsets)]


def build_vocab(texts: list[str], min_df: int) -> tuple[dict[str, int], np.ndarray]:
    df: dict[str, int] = {}
    for t in texts:
        for tok in set(tokens(t)):
            df[tok] = df.get(tok, 0) + 1
    words = sorted(w for w, c in df.items() if c >= min_df)
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[w])) + 1.0 for w in words], dtype=np.float32)
    return {w: i for i, w in enumerate(words)}, idf


def tfidf_matrix(texts: list[str], vocab: dict[str, int], idf: np.ndarray) -> Any:
    from scipy import sparse

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for cols, vals in tfidf_rows(texts, vocab, idf):
        indices.extend(cols)
        data.extend(vals)
        indptr.append(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(vocab)), dtype=np.float32)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def best_thresholds(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-label threshold maximising that label's F1; returns (thresholds, F1s)."""
    best_f = np.full(p.shape[1], -1.0)
    best_t = np.full(p.shape[1], 0.5)
    for t in np.arange(0.02, 0.96, 0.01):
        pred = p >= t
        tp = (pred & (y > 0)).sum(0)
        f = 2 * tp / np.maximum(1, pred.sum(0) + y.sum(0))
        better = f > best_f
        best_f[better], best_t[better] = f[better], t
    return np.round(best_t, 2).astype(np.float32), best_f


def main() -> None:
    from scipy import sparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "goemotions")
    ap.add_argument("--work", type=Path, default=Path("/tmp/os1-emotions-work"))
    ap.add_argument("--C", type=float, default=4.0, help="inverse L2 strength of the linear read-out")
    ap.add_argument("--emb-scale", type=float, default=1.0, help="weight of the embedding columns vs TF-IDF")
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    tr_texts, y_tr = read_split(args.data / "train.tsv")
    dv_texts, y_dv = read_split(args.data / "dev.tsv")
    e_tr, s_tr = embed(tr_texts, args.work, "train")
    e_dv, _ = embed(dv_texts, args.work, "dev")  # dev states are recomputed in float32 at the end
    print(f"embeddings ready ({time.time() - t0:.0f}s)", flush=True)

    vocab, idf = build_vocab(tr_texts, args.min_df)
    s = args.emb_scale
    x_tr = sparse.hstack([tfidf_matrix(tr_texts, vocab, idf), sparse.csr_matrix(e_tr * s)]).tocsr()
    x_dv = sparse.hstack([tfidf_matrix(dv_texts, vocab, idf), sparse.csr_matrix(e_dv * s)]).tocsr()
    arrays: dict[str, np.ndarray] = {"vocab": np.array(sorted(vocab, key=vocab.__getitem__)), "idf": idf}
    targets_tr = np.hstack([y_tr, to_ekman(y_tr)])
    targets_dv = np.hstack([y_dv, to_ekman(y_dv)])
    for prefix, ya, yb in (("", y_tr, y_dv), ("ek_", to_ekman(y_tr), to_ekman(y_dv))):
        head = fit_head(x_tr, e_tr, ya, x_dv, e_dv, yb, len(vocab), args, prefix or "fine")
        arrays.update({prefix + k: v for k, v in head.items()})
        print(f"{prefix or 'fine '}head done ({time.time() - t0:.0f}s)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    fit_branch(s_tr, targets_tr, dv_texts, args.out, args)
    print(f"branch done ({time.time() - t0:.0f}s)", flush=True)
    # Provisional mix and thresholds, so that the runtime can load the files and score dev exactly as it
    # will in use (float32 states, float16 TF-IDF weights): thresholds tuned on the cached float16 states
    # instead lost 0.3 points of Ekman F1 when run for real.
    n_fine = len(LABELS)
    arrays.update(branch_mix=np.zeros(n_fine + 7, dtype=np.float32),
                  thresholds=np.full(n_fine, 0.5, dtype=np.float32), ek_thresholds=np.full(7, 0.5, dtype=np.float32))
    np.savez_compressed(args.out / "model.npz", **arrays)
    sentence_dv, branch_dv = runtime_dev_scores(args.out, dv_texts)
    blend(arrays, sentence_dv, branch_dv, targets_dv)
    np.savez_compressed(args.out / "model.npz", **arrays)
    size = sum((args.out / f).stat().st_size for f in ("model.npz", "branch.onnx")) / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.time() - t0:.0f}s")


def to_ekman(y: np.ndarray) -> np.ndarray:
    """Fine labels -> the 6 Ekman groups + neutral (a group is on when any member label is)."""
    out = np.zeros((y.shape[0], len(EKMAN) + 1), dtype=np.float32)
    for g, members in enumerate([*EKMAN.values(), ("neutral",)]):
        out[:, g] = y[:, [LABELS.index(m) for m in members]].max(1)
    return out


def fit_head(
    x_tr: Any, e_tr: np.ndarray, y_tr: np.ndarray, x_dv: Any, e_dv: np.ndarray, y_dv: np.ndarray,
    n_text: int, args: argparse.Namespace, name: str,
) -> dict[str, np.ndarray]:
    """One L2 logistic regression per output over [TF-IDF | embedding] and an MLP over the embedding,
    mixed with the weight that maximises macro-F1 on dev. Returns the arrays."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    n_out = y_tr.shape[1]
    w = np.zeros((x_tr.shape[1], n_out), dtype=np.float32)
    b = np.zeros(n_out, dtype=np.float32)
    for j in range(n_out):
        lr = LogisticRegression(C=args.C, solver="liblinear", max_iter=300)
        lr.fit(x_tr, y_tr[:, j])
        w[:, j] = lr.coef_[0]
        b[j] = lr.intercept_[0]
    p_lin = sigmoid(np.asarray(x_dv @ w) + b)
    mlp = MLPClassifier(hidden_layer_sizes=(args.hidden,), alpha=1e-3, batch_size=256,
                        learning_rate_init=1e-3, max_iter=60, early_stopping=True, n_iter_no_change=4,
                        random_state=args.seed)  # fmt: skip
    mlp.fit(e_tr, y_tr)
    p_mlp = mlp.predict_proba(e_dv)
    mix = best_mix(p_lin, p_mlp, y_dv)
    print(f"{name}: linear/MLP mix {mix:.1f}", flush=True)
    s = args.emb_scale
    arrays = {
        "w_text": w[:n_text].astype(np.float16),
        "w_emb": (w[n_text:] * s).astype(np.float32),
        "bias": b,
        "mlp_w1": mlp.coefs_[0].astype(np.float32),
        "mlp_b1": mlp.intercepts_[0].astype(np.float32),
        "mlp_w2": mlp.coefs_[1].astype(np.float32),
        "mlp_b2": mlp.intercepts_[1].astype(np.float32),
        "mix": np.array(mix, dtype=np.float32),
    }
    return arrays


def best_mix(p_a: np.ndarray, p_b: np.ndarray, y: np.ndarray) -> float:
    """The weight of `p_a` (0..1 in tenths) whose blend with `p_b` has the best tuned macro-F1."""
    scored = [(best_thresholds(m * p_a + (1 - m) * p_b, y)[1].mean(), round(float(m), 1))
              for m in np.arange(0.0, 1.01, 0.1)]  # fmt: skip
    return max(scored)[1]


def blend(arrays: dict[str, np.ndarray], sentence: np.ndarray, branch: np.ndarray, y: np.ndarray) -> None:
    """Choose the branch's weight for the 28 labels and for the 7 groups, and the thresholds of the
    blended scores, all for OS1's decision rule; report dev macro-F1 (thresholds tuned on dev, so
    optimistic: bench/emotions.py also prints a cross-fitted figure)."""
    n = len(LABELS)
    mix = np.zeros(y.shape[1], dtype=np.float32)
    thresholds = np.zeros(y.shape[1], dtype=np.float32)
    for name, part in (("28 labels", slice(0, n)), ("Ekman", slice(n, None))):
        best = (-1.0, 0.0, thresholds[part])
        for m in np.round(np.arange(0.0, 1.01, 0.1), 1):
            p = m * branch[:, part] + (1 - m) * sentence[:, part]
            t, score = tune_for_decision_rule(p, y[:, part], best_thresholds(p, y[:, part])[0])
            best = max(best, (score, float(m), t), key=lambda b: b[0])
        score, mix[part], thresholds[part] = best
        print(f"{name}: branch weight {mix[part][0]:.1f}, dev macro-F1 with the decision rule {score:.4f}", flush=True)
    arrays["branch_mix"] = mix
    arrays["thresholds"], arrays["ek_thresholds"] = thresholds[:n], thresholds[n:]


def tune_for_decision_rule(p: np.ndarray, y: np.ndarray, thresholds: np.ndarray) -> tuple[np.ndarray, float]:
    """Refine per-output thresholds for OS1's decision rule, where `neutral` (the last column) is
    predicted exactly when no emotion clears its bar: each emotion's threshold then also moves neutral's
    F1, so per-output tuning is not enough. Coordinate ascent on macro-F1, starting from `thresholds`."""
    gold = y > 0
    grid = np.round(np.arange(0.02, 0.96, 0.01), 2)
    t = thresholds.copy()

    def macro(pred: np.ndarray) -> float:
        full = np.concatenate([pred, ~pred.any(1, keepdims=True)], axis=1)
        tp = (full & gold).sum(0)
        return float((2 * tp / np.maximum(1, full.sum(0) + gold.sum(0))).mean())

    pred = p[:, :-1] >= t[:-1]
    score = macro(pred)
    for _ in range(2):
        for j in range(p.shape[1] - 1):
            for value in grid:
                trial = pred.copy()
                trial[:, j] = p[:, j] >= value
                trial_score = macro(trial)
                if trial_score > score + 1e-9:
                    score, pred, t[j] = trial_score, trial, value
    return t, score


def fit_branch(
    states_tr: list[np.ndarray], y_tr: np.ndarray, dv_texts: list[str], out_dir: Path, args: argparse.Namespace
) -> None:
    """Fine-tune the branch (scripts/emotion_branch.py) and write `branch.onnx`."""
    import emotion_branch

    from os1.nlp.embeddings import _model_path

    branch = emotion_branch.build(emotion_branch.minilm_weights(_model_path()), y_tr.shape[1], args.seed)
    gap = emotion_branch.check_start(branch, dv_texts[:32])
    if gap > 1e-3:
        raise SystemExit(f"the branch does not reproduce the encoder's last layers (max difference {gap:.2g})")
    print(f"branch starts where the encoder ends (max difference {gap:.1g})", flush=True)
    emotion_branch.fine_tune(branch, states_tr, y_tr, args.seed)
    emotion_branch.export(branch, out_dir / "branch.onnx")


def runtime_dev_scores(model_dir: Path, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Dev probabilities (n, 35) of the sentence heads and of the branch, computed by OS1's own code from
    the files just written, so that the blend and thresholds are tuned on exactly what ships."""
    from os1.mind.emotions import EmotionModel
    from os1.nlp.embeddings import get_embedder

    model = EmotionModel(model_dir)
    embeddings, states = get_embedder().encode_with_states(texts)
    rows = tfidf_rows(texts, model.vocab, model.idf)
    sentence = np.concatenate([model.fine.scores(rows, embeddings), model.ekman.scores(rows, embeddings)], axis=1)
    return sentence, model.branch.scores(states)


if __name__ == "__main__":
    main()

"""Rebuild OS1's emotion classifier (os1/mind/data/emotions/model.npz) from the GoEmotions splits.

Build tool, not runtime: it needs scikit-learn (and scipy), which OS1 itself never imports.

    PYTHONPATH=. python scripts/train_emotions.py --data ../shared/data/goemotions

Steps: embed train+dev with the shipped int8 MiniLM (cached in --work), build the TF-IDF vocabulary on
train (words + word pairs seen in >= 2 comments), fit one L2 logistic regression per label over
[TF-IDF | embedding] (liblinear), fit a one-hidden-layer MLP over the embedding, then on dev choose the
mix of the two and each label's threshold (max F1 per label). Everything is deterministic for a seed.
Running time on 2 shared cores: see os1/mind/data/emotions/README.md.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path
from typing import Any

import numpy as np

from os1.mind.emotions import EKMAN, LABELS, tfidf_rows, tokens

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "os1" / "mind" / "data" / "emotions" / "model.npz"


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


def embed(texts: list[str], cache: Path) -> np.ndarray:
    if cache.exists():
        return np.load(cache)
    from os1.nlp.embeddings import get_embedder

    x = get_embedder().encode(texts)
    np.save(cache, x)
    return x


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
    ap.add_argument("--heads", default="fine,ekman", help="which heads to fit (others are kept from --out)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    tr_texts, y_tr = read_split(args.data / "train.tsv")
    dv_texts, y_dv = read_split(args.data / "dev.tsv")
    e_tr = embed(tr_texts, args.work / "train_emb.npy")
    e_dv = embed(dv_texts, args.work / "dev_emb.npy")
    print(f"embeddings ready ({time.time() - t0:.0f}s)", flush=True)

    vocab, idf = build_vocab(tr_texts, args.min_df)
    s = args.emb_scale
    x_tr = sparse.hstack([tfidf_matrix(tr_texts, vocab, idf), sparse.csr_matrix(e_tr * s)]).tocsr()
    x_dv = sparse.hstack([tfidf_matrix(dv_texts, vocab, idf), sparse.csr_matrix(e_dv * s)]).tocsr()
    n_text = len(vocab)
    arrays: dict[str, np.ndarray] = {}
    if args.out.exists():  # heads not refitted this run are kept as they are
        with np.load(args.out) as old:
            arrays.update({k: old[k] for k in old.files})
    arrays["vocab"] = np.array(sorted(vocab, key=vocab.__getitem__))
    arrays["idf"] = idf
    heads = {"fine": ("", y_tr, y_dv), "ekman": ("ek_", to_ekman(y_tr), to_ekman(y_dv))}
    for name in args.heads.split(","):
        prefix, ya, yb = heads[name]
        head = fit_head(x_tr, e_tr, ya, x_dv, e_dv, yb, n_text, args, name)
        arrays.update({prefix + k: v for k, v in head.items()})
        print(f"{name} head done ({time.time() - t0:.0f}s)", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s")


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
    """One L2 logistic regression per output over [TF-IDF | embedding], an MLP over the embedding,
    then the mix and the per-output thresholds that maximise F1 on dev."""
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
    best = (-1.0, 1.0)
    for mix in np.arange(0.0, 1.01, 0.1):
        _, f = best_thresholds(mix * p_lin + (1 - mix) * p_mlp, y_dv)
        if f.mean() > best[0]:
            best = (float(f.mean()), float(mix))
    mix = best[1]
    thresholds, f = best_thresholds(mix * p_lin + (1 - mix) * p_mlp, y_dv)
    print(f"{name}: mix {mix:.1f}, dev macro-F1 (thresholds tuned on dev) {f.mean():.4f}", flush=True)
    s = args.emb_scale
    return {
        "w_text": w[:n_text].astype(np.float16),
        "w_emb": (w[n_text:] * s).astype(np.float32),
        "bias": b,
        "mlp_w1": mlp.coefs_[0].astype(np.float32),
        "mlp_b1": mlp.intercepts_[0].astype(np.float32),
        "mlp_w2": mlp.coefs_[1].astype(np.float32),
        "mlp_b2": mlp.intercepts_[1].astype(np.float32),
        "mix": np.array(mix, dtype=np.float32),
        "thresholds": thresholds,
    }


if __name__ == "__main__":
    main()

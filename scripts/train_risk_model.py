"""Train the risk model (os1/safety/model.py) on the corpus and write os1/safety/data/risk_model.npz.

Run: PYTHONPATH=$PWD python scripts/train_risk_model.py   (about a minute on 2 cores: parse + embed 3,000
messages, then a few seconds of numpy). The corpus is written by scripts/make_risk_corpus.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from os1.safety import model  # noqa: E402
from os1.safety.evaluate import featurise, fold_assess, is_crisis_label, load_set  # noqa: E402

CORPUS = ROOT / "os1" / "safety" / "data" / "risk_corpus.jsonl"
OUT = ROOT / "os1" / "safety" / "data" / "risk_model.npz"


def main() -> None:
    rows = load_set(CORPUS)
    f = featurise(rows)
    m = model.fit(f.vectors, [is_crisis_label(r) for r in rows])
    model.save(m, OUT)
    risks = fold_assess(f, m)
    wrong = sum(rk.is_crisis != bool(is_crisis_label(r)) for rk, r in zip(risks, rows, strict=True))
    print(f"trained on {len(rows)} messages; training errors {wrong}; wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

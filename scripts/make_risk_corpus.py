"""Write the risk training corpus: os1/safety/data/risk_corpus.jsonl.

Run: python scripts/make_risk_corpus.py   (deterministic: a fixed seed)

Each message comes from a hand-written line or a small template (scripts/risk_corpus/), said once as
written and, for part of them, once more in another voice (scripts/risk_corpus/voices.py: teen chat,
older and formal, British, Scottish, American South, AAVE-leaning, Australian, typos). Fields:
text, level, kind, category (the kind of wording: the group held out in leave-one-kind-out CV), about,
voice. Crisis groups: means_stated, preparation, passive_burden, self_harm, other_at_risk, direct.
Negative groups: hard_negative, negation, everyday, distress.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from risk_corpus import negatives, positives  # noqa: E402
from risk_corpus.voices import voice  # noqa: E402

OUT = ROOT / "os1" / "safety" / "data" / "risk_corpus.jsonl"
GROUPS = {
    "means_stated": positives.means,
    "preparation": positives.preparation,
    "passive_burden": positives.burden,
    "self_harm": positives.self_harm,
    "other_at_risk": positives.other,
    "direct": positives.direct,
    "hard_negative": negatives.hard_negative,
    "negation": negatives.negation,
    "everyday": negatives.everyday,
    "distress": negatives.distress,
}
# Share of lines said a second time in another voice, per group (enough to reach the group's size).
REVOICE = {"hard_negative": 0.75, "negation": 0.45, "everyday": 0.2, "distress": 0.2}


def build(seed: int = 17) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    seen: set[str] = set()
    for group, make in GROUPS.items():
        for text, level in make(rng):
            said = [(text, "as_written")]
            if rng.random() < REVOICE.get(group, 0.25):
                said.append(voice(text, rng))
            elif rng.random() < 0.5:
                said = [voice(text, rng)]
            for t, reg in said:
                key = t.lower().strip(" .")
                if key in seen:
                    continue
                seen.add(key)
                crisis = group in ("means_stated", "preparation", "passive_burden", "self_harm", "other_at_risk",
                                   "direct")
                kind = ("other_at_risk" if group == "other_at_risk" else "suicide_self_harm") if crisis else None
                if not crisis and level == "medium":
                    kind = "suicide_self_harm"
                rows.append({"text": t, "level": level, "kind": kind, "category": group,
                             "about": "other" if group == "other_at_risk" else "self", "voice": reg})
    return rows


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    from collections import Counter

    groups = Counter(r["category"] for r in rows)
    hard = groups["hard_negative"] + groups["negation"]
    print(dict(groups), "total", len(rows), f"hard negatives {hard / len(rows):.1%}")


if __name__ == "__main__":
    main()

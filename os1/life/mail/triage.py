"""Sorting mail into important, people you know, newsletters, promotions and junk.

Signals, strongest first: authentication failures and spam flags (junk); the sender is someone in the
people map or someone the person has written to (people); list headers — List-Unsubscribe, List-Id,
Precedence: bulk — (newsletters or promotions); then a small naive Bayes model over the words of the
subject and opening, trained by scripts/train_mail_triage.py and shipped as JSON. Every decision keeps
its reasons so the digest can say why.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from os1.life.mail.message import MailFields

CATEGORIES = ("important", "people", "newsletters", "promotions", "junk")
_TOKEN = re.compile(r"[a-z][a-z']{1,20}|\d+%|[$£€]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class NaiveBayes:
    priors: dict[str, float]
    log_probs: dict[str, dict[str, float]]
    unseen: dict[str, float]

    def scores(self, words: list[str]) -> dict[str, float]:
        return {
            category: self.priors[category]
            + sum(self.log_probs[category].get(word, self.unseen[category]) for word in words)
            for category in self.priors
        }

    def predict(self, text: str) -> tuple[str, float]:
        scores = self.scores(tokens(text))
        top = max(scores, key=scores.__getitem__)
        total = sum(math.exp(s - scores[top]) for s in scores.values())
        return top, 1.0 / total

    def to_json(self) -> str:
        return json.dumps({"priors": self.priors, "log_probs": self.log_probs, "unseen": self.unseen}, indent=0)


def train(samples: list[tuple[str, str]], alpha: float = 1.0) -> NaiveBayes:
    """Multinomial naive Bayes with Laplace smoothing over (category, text) pairs."""
    counts: dict[str, dict[str, int]] = {c: {} for c in CATEGORIES}
    docs = dict.fromkeys(CATEGORIES, 0)
    for category, text in samples:
        docs[category] += 1
        for word in tokens(text):
            counts[category][word] = counts[category].get(word, 0) + 1
    vocabulary = {w for c in counts.values() for w in c}
    total_docs = sum(docs.values())
    priors, log_probs, unseen = {}, {}, {}
    for category in CATEGORIES:
        total = sum(counts[category].values()) + alpha * len(vocabulary)
        priors[category] = math.log((docs[category] + 1) / (total_docs + len(CATEGORIES)))
        log_probs[category] = {w: round(math.log((n + alpha) / total), 4) for w, n in counts[category].items()}
        unseen[category] = math.log(alpha / total)
    return NaiveBayes(priors, log_probs, unseen)


@cache
def shipped_model() -> NaiveBayes:
    data = json.loads(resources.files("os1.life.mail").joinpath("data/triage_nb.json").read_text())
    return NaiveBayes(data["priors"], data["log_probs"], data["unseen"])


_PROMO = re.compile(r"\b(\d+% off|sale|discount|coupon|deal|offer|shop now|buy now|free shipping|cart)\b", re.I)


def triage(fields: MailFields, known_senders: set[str], model: NaiveBayes | None = None) -> tuple[str, list[str]]:
    """The category of one message and the reasons for it."""
    headers = {k.lower(): v.lower() for k, v in fields.headers.items()}
    auth = headers.get("authentication-results", "")
    if headers.get("x-spam-flag", "").startswith("yes") or ("dmarc=fail" in auth and "spf=fail" in auth):
        return "junk", ["the sender failed authentication" if "fail" in auth else "marked as spam by the server"]
    if fields.from_addr in known_senders:
        return "people", [f"from {fields.from_name}, someone you know"]
    bulk = "list-unsubscribe" in headers or "list-id" in headers or headers.get("precedence") in ("bulk", "list")
    text = f"{fields.subject}\n{fields.body[:2000]}"
    category, confidence = (model or shipped_model()).predict(text)
    if bulk:
        if category == "promotions" or _PROMO.search(text):
            return "promotions", ["a mailing list selling something"]
        return "newsletters", ["a mailing list (it has an unsubscribe header)"]
    if category in ("newsletters", "promotions") and not bulk and confidence < 0.9:
        category = "important"
    reason = {"important": "addressed to you and it looks like it needs you",
              "people": "reads like a personal note", "junk": "reads like spam",
              "newsletters": "reads like a newsletter", "promotions": "reads like an advert"}[category]
    return category, [f"{reason} ({confidence:.0%} sure)"]

"""OS1's safety and honesty layer: risk on every turn, the crisis reply, honesty about what it is.

Modules, one concept each:
  risk          `assess(text, context) -> Risk`: rules, the structured reading and the learned model combined
  reading       the structured reading of a message on its dependency parse (who, intent, means, time...)
  model         logistic regression over MiniLM embeddings + the reading (weights in data/risk_model.npz)
  evaluate      scoring on labelled sets and leave-one-kind-out cross-validation
  crisis_lines  the table of crisis lines by country and `lookup()` (countries, regions and cities)
  places        regions below the country (US states, UK nations, provinces, Australian states), find_place()
  response      the reply at high/imminent risk and `check_reply()` for every model reply
  reply_check   `check_every_reply()`: honesty, agreement with self-harm, method information, with a reason
  honesty       questions about the companion's nature and the honest answers; `claims_to_be_human()`
  plan          the Stanley–Brown safety plan (data model, pure edits, consent preview)
  plan_store    the plan in SQLite (named migration) — imported only by code that stores it
  dependence    isolation talk and heavy use -> a gentle outward-turning hook

Nothing here imports numpy or onnxruntime at import time; the model loads them on first use.
"""

from os1.safety.risk import LEVELS, Risk, assess

__all__ = ["LEVELS", "Risk", "assess"]

"""OS1's safety and honesty layer: risk on every turn, the crisis reply, honesty about what it is.

Modules, one concept each:
  risk          `assess(text, context) -> Risk`: rules first, an embedding classifier only when unsure
  crisis_lines  the table of crisis lines by country and `lookup()`
  response      the reply at high/imminent risk and `check_reply()` for every model reply
  honesty       questions about the companion's nature and the honest answers; `claims_to_be_human()`
  plan          the Stanley–Brown safety plan (data model, pure edits, consent preview)
  plan_store    the plan in SQLite (named migration) — imported only by code that stores it
  dependence    isolation talk and heavy use -> a gentle outward-turning hook

Nothing here imports numpy or onnxruntime at import time; the classifier loads them on first use.
"""

from os1.safety.risk import LEVELS, Risk, assess

__all__ = ["LEVELS", "Risk", "assess"]

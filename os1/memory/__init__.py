"""Long-term memory: every turn indexed by words, meaning and time; facts, summaries, important dates.

Modules: schema (tables, triggers), timeparse (timestamps and time in questions), facts (what the
person told us about their life), vectors (embeddings, ANN index), ingest (remember_turn, summaries),
importer (files), search (hybrid recall), manage (list, edit, forget).
Import the submodules directly; this package imports nothing heavy on purpose.
"""

"""Shared language tools: sentence embeddings (and nothing that depends on the companion)."""

"""Minds behind one interface: the built-in mind and language-model providers, loaded as plugins."""

from os1.providers.base import CancelToken, Provider, ReplyRequest

__all__ = ["CancelToken", "Provider", "ReplyRequest"]

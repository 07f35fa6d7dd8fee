"""Shared words of the conversation: typed settings (more to come: the turn, the context). Standard library only."""

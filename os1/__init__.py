"""OS1: a local-first AI companion that listens, remembers, and turns its person outward."""

__version__ = "0.1.0"

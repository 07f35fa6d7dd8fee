"""Finding providers: every mind, the built-in one included, is a plugin in the `os1.providers`
entry-point group, so a third-party package adds one by declaring an entry point.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from typing import Any

from os1.errors import ConfigError, ProviderUnavailable
from os1.providers.base import Provider

GROUP = "os1.providers"


@cache
def available_providers() -> dict[str, type[Provider]]:
    """Provider classes by name, from the entry-point group."""
    found: dict[str, type[Provider]] = {}
    for point in entry_points(group=GROUP):
        try:
            cls = point.load()
        except Exception:  # a broken third-party plugin must not take OS1 down
            continue
        found[point.name] = cls
    return found


def parse_spec(spec: str) -> tuple[str, str | None]:
    """'ollama:llama3.1' -> ('ollama', 'llama3.1'); 'builtin' -> ('builtin', None)."""
    name, _, model = spec.partition(":")
    return name.strip().lower(), (model.strip() or None)


def get_provider(spec: str = "builtin", **options: Any) -> Provider:
    """Instantiate the provider named by `spec`."""
    name, model = parse_spec(spec)
    providers = available_providers()
    if name not in providers:
        if not providers:
            raise ProviderUnavailable(
                "No minds are registered: OS1 seems not to be installed properly.",
                "Reinstall with `make chat` (or `pip install -e .`) from the OS1 checkout.",
            )
        raise ConfigError(
            f"Unknown model provider '{name}'.",
            f"Choose one of: {', '.join(sorted(providers))} (see `os1 model list`).",
        )
    return providers[name](model=model, **options)

"""`os1 model`: list the minds OS1 can use, choose one, and show the choice (keys always hidden)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

KEYED = ("openai",)  # providers that may need an API key


@click.group("model")
def model_group() -> None:
    """Choose the mind OS1 answers with: the built-in one, or a language model.

    \b
    Examples:
      os1 model list
      os1 model set ollama:llama3.1
      os1 model set openai:qwen2.5-7b --base-url http://127.0.0.1:1234/v1
      os1 model set openai:gpt-4o-mini --base-url https://api.example.com/v1 --api-key-env MY_KEY
      os1 model set llamacpp:~/models/llama-3.2-1b.Q4_K_M.gguf
      os1 model show
      os1 chat --model ollama:llama3.1      (one conversation only)
    """


@model_group.command("list")
@click.option("--offline", is_flag=True, help="Do not ask the configured servers which models they have.")
def model_list(offline: bool) -> None:
    """List the providers installed (plugins included) and, for reachable servers, their models.

    \b
    Examples:
      os1 model list
      os1 model list --offline
    """
    from os1.home import get_setting
    from os1.providers.registry import available_providers

    current = get_setting("model.default") or "builtin"
    for name, cls in sorted(available_providers().items()):
        marker = "*" if current.split(":", 1)[0] == name else " "
        click.echo(f"{marker} {name:<10} {_describe(name, cls)}")
        if offline or not getattr(cls, "is_language_model", False) or not hasattr(cls, "list_models"):
            continue
        for line in _server_models(name, cls):
            click.echo(f"      {line}")
    click.echo(f"\nIn use: {current}   (change it with `os1 model set SPEC`)")


def _describe(name: str, cls: Any) -> str:
    doc = (cls.__doc__ or sys.modules[cls.__module__].__doc__ or "").strip().splitlines()
    summary = doc[0] if doc else ""
    if name == "llamacpp":
        import importlib.util

        if importlib.util.find_spec("llama_cpp") is None:
            summary += "  [not installed: pip install \"os1[llamacpp]\"]"
    return summary


def _server_models(name: str, cls: Any) -> list[str]:
    provider = cls()
    try:
        models = provider.list_models()
    except Exception as exc:  # any failure here only means "not reachable now"
        return [f"(no answer from {provider.base_url}: {type(exc).__name__})"]
    if not models:
        return [f"(the server at {provider.base_url} has no models)"]
    return [f"{name}:{model}" for model in models]


@model_group.command("set")
@click.argument("spec")
@click.option("--base-url", metavar="URL", help="Where the server listens (ollama, openai).")
@click.option("--api-key-env", metavar="VAR", help="Read the API key from this environment variable.")
@click.option("--api-key-stdin", is_flag=True, help="Read the API key from stdin (for scripts).")
@click.option("--no-key", is_flag=True, help="The server needs no API key (do not ask for one).")
def model_set(spec: str, base_url: str | None, api_key_env: str | None, api_key_stdin: bool, no_key: bool) -> None:
    """Make SPEC the mind for every conversation: builtin, ollama:NAME, openai:NAME, llamacpp:PATH.gguf.

    For openai, OS1 asks for the API key on a terminal unless --api-key-env or --no-key is given; the
    key is stored in secrets.toml (mode 0600) in `os1 home` and never printed.

    \b
    Examples:
      os1 model set ollama:llama3.1
      os1 model set openai:local --base-url http://127.0.0.1:8080/v1 --no-key
      echo "$KEY" | os1 model set openai:gpt-4o-mini --base-url https://api.example.com/v1 --api-key-stdin
      os1 model set llamacpp:/models/phi-3-mini.gguf
      os1 model set builtin
    """
    from os1.errors import ConfigError
    from os1.home import get_setting, set_setting
    from os1.providers.registry import available_providers, parse_spec
    from os1.secrets import set_secret

    name, model = parse_spec(spec)
    providers = available_providers()
    if name not in providers:
        raise ConfigError(f"Unknown model provider '{name}'.",
                          f"Choose one of: {', '.join(sorted(providers))} (see `os1 model list`).")
    if name == "llamacpp":
        model = _gguf_path(model)
    elif getattr(providers[name], "is_language_model", False) and not model:
        raise ConfigError(f"Say which model: `os1 model set {name}:NAME`.", "`os1 model list` shows what is there.")
    if (base_url or api_key_env or api_key_stdin) and name not in ("ollama", "openai"):
        raise ConfigError(f"--base-url and API keys do not apply to {name}.")
    if base_url:
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"'{base_url}' is not an http(s) address.", "For example: http://127.0.0.1:8080/v1")
        set_setting(f"providers.{name}.base_url", base_url.rstrip("/"))
    if api_key_env:
        set_setting(f"providers.{name}.api_key_env", api_key_env)
        if not os.environ.get(api_key_env):
            click.echo(f"Note: {api_key_env} is not set in this shell; set it before you chat.", err=True)
    key = _read_key(name, api_key_stdin, no_key or bool(api_key_env))
    if key:
        set_secret(name, key)
        click.echo("API key stored in secrets.toml (readable only by you).")
    full = f"{name}:{model}" if model else name
    set_setting("model.default", full)
    where = get_setting(f"providers.{name}.base_url")
    click.echo(f"OS1 will answer with {full}" + (f" at {where}." if where else "."))


def _gguf_path(model: str | None) -> str:
    from os1.errors import ConfigError

    if not model:
        raise ConfigError("Give the model file: `os1 model set llamacpp:/path/to/model.gguf`.")
    path = Path(model).expanduser()
    if not path.is_file():
        raise ConfigError(f"There is no file at {path}.", "Give the full path of a .gguf model file.")
    if path.suffix.lower() != ".gguf":
        raise ConfigError(f"{path.name} is not a .gguf file.", "llama.cpp needs a GGUF model (ends in .gguf).")
    return str(path.resolve())


def _read_key(name: str, from_stdin: bool, skip: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip() or None
    if skip or name not in KEYED or not sys.stdin.isatty():
        return None
    key: str = click.prompt("API key (leave empty if the server needs none)", default="", hide_input=True,
                            show_default=False)
    return key.strip() or None


@model_group.command("show")
def model_show() -> None:
    """Show the mind in use and its settings (API keys are never shown, only whether one is set).

    \b
    Examples:
      os1 model show
    """
    from os1.home import get_setting
    from os1.providers.registry import parse_spec
    from os1.secrets import get_secret, mask

    spec = get_setting("model.default") or "builtin"
    name, _ = parse_spec(spec)
    click.echo(f"model:     {spec}")
    settings = get_setting(f"providers.{name}", {}) or {}
    for key, value in sorted(settings.items()):
        if "key" in key.lower() and key != "api_key_env":
            value = mask(str(value))
        click.echo(f"{key + ':':<10} {value}")
    if name in KEYED:
        variable = settings.get("api_key_env")
        if variable:
            state = "set" if os.environ.get(str(variable)) else "NOT set in this shell"
            click.echo(f"api key:   from ${variable} ({state})")
        else:
            click.echo(f"api key:   {mask(get_secret(name))}" + ("" if get_secret(name) else " — none stored"))

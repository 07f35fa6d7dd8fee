"""`llamacpp`: a local GGUF model run in-process by llama-cpp-python (the optional extra `os1[llamacpp]`).

The spec is the file: `llamacpp:/path/to/model.gguf`. A loaded model is kept for the life of the process
(loading takes seconds), keyed by path and context size. The prompt is counted with the model's own
tokenizer, so the budget is exact. Tools are not offered: llama-cpp-python only parses tool calls for a
few special chat formats, and a model that was not trained for them would answer with broken calls.
What this module leaves out: the prompt and the shared turn (os1.providers.llm).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from os1.errors import ProviderError, ProviderUnavailable
from os1.providers.base import CancelToken
from os1.providers.llm import Event, Finish, LanguageModelProvider

INSTALL_LINE = 'pip install "os1[llamacpp]"   (or: pip install llama-cpp-python — it compiles for about 4 minutes)'
DEFAULT_CONTEXT = 4096

_loaded: dict[tuple[str, int], Any] = {}
_lock = threading.Lock()


def load_model(path: Path, n_ctx: int, n_threads: int | None = None) -> Any:
    """The llama_cpp.Llama for `path`, loaded once per process."""
    try:
        import llama_cpp
    except ImportError as exc:
        raise ProviderUnavailable("Local models need llama-cpp-python, which is not installed.",
                                  f"Install it with: {INSTALL_LINE}") from exc
    key = (str(path.resolve()), n_ctx)
    with _lock:
        if key not in _loaded:
            if not path.is_file():
                raise ProviderUnavailable(f"There is no model file at {path}.",
                                          "Check the path, then `os1 model set llamacpp:/path/to/model.gguf`.")
            try:
                _loaded[key] = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads,
                                               verbose=False)
            except (ValueError, RuntimeError, OSError) as exc:
                raise ProviderUnavailable(f"llama.cpp could not load {path.name} ({exc}).",
                                          "Check that the file is a complete GGUF model (re-download it).") from exc
        return _loaded[key]


class LlamaCppProvider(LanguageModelProvider):
    """A local GGUF model run in-process by llama-cpp-python, e.g. llamacpp:/path/model.gguf."""
    name = "llamacpp"
    supports_tools = False

    def __init__(self, model: str | None = None, **options: Any) -> None:
        super().__init__(model, **options)
        self.context_tokens = int(self.settings.get("context_tokens", DEFAULT_CONTEXT))

    @property
    def path(self) -> Path:
        if not self.model:
            raise ProviderUnavailable("No model file was given for llamacpp.",
                                      "Choose one with `os1 model set llamacpp:/path/to/model.gguf`.")
        return Path(str(self.model)).expanduser()

    def llama(self) -> Any:
        threads = self.settings.get("threads")
        return load_model(self.path, self.context_tokens, int(threads) if threads else None)

    def count_tokens(self) -> Callable[[str], int] | None:
        llama = self.llama()

        def count(text: str) -> int:
            return len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

        return count

    def chat(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]] | None,
             cancel: CancelToken) -> Iterator[Event]:
        llama = self.llama()
        try:
            chunks = llama.create_chat_completion(
                messages=messages, stream=True, max_tokens=self.max_tokens, temperature=self.temperature,
            )
            finish = "stop"
            for chunk in chunks:
                if cancel.cancelled:
                    chunks.close()  # stops generation between two tokens
                    return
                choice = (chunk.get("choices") or [{}])[0]
                content = (choice.get("delta") or {}).get("content")
                if content:
                    yield str(content)
                if choice.get("finish_reason"):
                    finish = str(choice["finish_reason"])
        except (ValueError, RuntimeError) as exc:
            raise ProviderError(f"llama.cpp failed while answering ({exc}).",
                                "Try a shorter conversation, or a larger context_tokens in providers.llamacpp.") \
                from exc
        yield Finish(finish)

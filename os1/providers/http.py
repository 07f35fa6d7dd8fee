"""Streaming HTTP for the language-model servers: timeouts, bounded retries, cancellation, error messages.

`stream_lines` opens a streaming POST and yields the response body line by line, decoded as UTF-8 with
bad bytes replaced (a server that sends broken bytes must not end the conversation). Only failures to
connect are retried, a bounded number of times with a short back-off: once the server has answered, a
retry could duplicate a reply. A cancelled `CancelToken` closes the stream, also while waiting for the
next byte (a watcher thread), so a stop button works during a slow prompt evaluation too.
Every failure becomes a ProviderUnavailable / ProviderError whose message says what to do.
What this module leaves out: the wire formats (SSE, NDJSON) of each server (the providers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from os1.errors import ProviderError, ProviderInterrupted, ProviderUnavailable
from os1.providers.base import CancelToken


class ToolsRejected(ProviderError):
    """The server refused the request because of its `tools` (the model or server has no tool support).
    Handled inside the providers (they ask again without tools); it never reaches the person."""


@dataclass(frozen=True)
class HttpSettings:
    """How patient to be with a server (seconds), and how often to retry a failed connect."""

    connect_timeout: float = 5.0
    read_timeout: float = 120.0  # the longest silence between two chunks (a CPU model's first token is slow)
    retries: int = 2
    backoff: float = 0.25

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> HttpSettings:
        return cls(
            connect_timeout=float(settings.get("connect_timeout", cls.connect_timeout)),
            read_timeout=float(settings.get("read_timeout", cls.read_timeout)),
            retries=max(0, int(settings.get("retries", cls.retries))),
        )


@dataclass(frozen=True)
class Endpoint:
    """Who we talk to, for messages: `label` names the server kind, `hints` the next steps per failure."""

    label: str
    url: str
    model: str
    missing_model_hint: str
    wrong_url_hint: str
    auth_hint: str
    secret: str | None = None

    def redact(self, text: str) -> str:
        """Remove the API key from anything we might show (some servers echo part of it)."""
        return text.replace(self.secret, "••••") if self.secret else text


def stream_lines(
    endpoint: Endpoint,
    payload: dict[str, Any],
    headers: dict[str, str],
    cancel: CancelToken,
    settings: HttpSettings,
) -> Iterator[str]:
    """POST `payload` as JSON to `endpoint.url` and yield the streamed body's lines (no line endings)."""
    response = _connect(_client(settings), endpoint, payload, headers, settings)
    try:
        _check_status(response, endpoint)
        yield from _lines(response, endpoint, cancel)
    finally:
        response.close()


_clients: dict[tuple[float, float], httpx.Client] = {}
_clients_lock = threading.Lock()


def _client(settings: HttpSettings) -> httpx.Client:
    """One client per timeout setting for the whole process: it keeps connections alive between turns,
    and creating a client (its TLS context) costs more than the rest of a request's overhead."""
    key = (settings.connect_timeout, settings.read_timeout)
    with _clients_lock:
        if key not in _clients:
            _clients[key] = httpx.Client(timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout))
        return _clients[key]


def _connect(
    client: httpx.Client, endpoint: Endpoint, payload: dict[str, Any], headers: dict[str, str],
    settings: HttpSettings,
) -> httpx.Response:
    for attempt in range(settings.retries + 1):
        try:
            request = client.build_request("POST", endpoint.url, json=payload, headers=headers)
            return client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if attempt == settings.retries:
                raise ProviderUnavailable(
                    f"Cannot reach the {endpoint.label} at {endpoint.url} ({_reason(exc)}).",
                    endpoint.wrong_url_hint,
                ) from exc
            time.sleep(settings.backoff * (2**attempt))
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise ProviderUnavailable(
                f"'{endpoint.url}' is not a usable address for the {endpoint.label}.", endpoint.wrong_url_hint
            ) from exc
        except httpx.TimeoutException as exc:
            raise ProviderUnavailable(
                f"The {endpoint.label} at {endpoint.url} did not answer in time.",
                "Check that it is running and not overloaded, or raise providers.<name>.read_timeout.",
            ) from exc
        except httpx.HTTPError as exc:
            raise ProviderUnavailable(
                f"The {endpoint.label} at {endpoint.url} failed before answering ({_reason(exc)}).",
                endpoint.wrong_url_hint,
            ) from exc
    raise AssertionError("unreachable")  # the loop always returns or raises


def _check_status(response: httpx.Response, endpoint: Endpoint) -> None:
    status = response.status_code
    if status < 400:
        return
    body = endpoint.redact(_body_snippet(response))
    where = f"the {endpoint.label} at {endpoint.url}"
    if status in (401, 403):
        raise ProviderError(f"{where} refused the request ({status}): the API key is missing or wrong.",
                            endpoint.auth_hint)
    if status == 404 or (status == 400 and "model" in body.lower() and "not" in body.lower()):
        if "model" in body.lower():
            raise ProviderUnavailable(f"The model '{endpoint.model}' is not available on {where} ({body}).",
                                      endpoint.missing_model_hint)
        raise ProviderUnavailable(f"Nothing answers at {endpoint.url} (404).", endpoint.wrong_url_hint)
    if status == 400 and "tool" in body.lower():
        raise ToolsRejected(f"{where} does not accept tools for this model ({body}).")
    if status == 429:
        raise ProviderError(f"{where} is rate-limiting requests (429).", "Wait a moment and try again.")
    if status >= 500:
        raise ProviderUnavailable(f"{where} had an internal error ({status}: {body}).",
                                  "Check the server's own log; restarting it often helps.")
    raise ProviderError(f"{where} rejected the request ({status}: {body}).",
                        "Check the model name and the server's settings (`os1 model show`).")


def _body_snippet(response: httpx.Response, limit: int = 300) -> str:
    try:
        raw = response.read()[:limit]
    except httpx.HTTPError:
        return "no details"
    return " ".join(raw.decode("utf-8", errors="replace").split()) or "no details"


def _lines(response: httpx.Response, endpoint: Endpoint, cancel: CancelToken) -> Iterator[str]:
    done = threading.Event()

    def watch() -> None:
        # Wakes up on cancel even while the reading thread waits for bytes, and closes the stream under it.
        while not done.is_set():
            if cancel.wait(0.05):
                _abort(response)
                return

    watcher = threading.Thread(target=watch, name="os1-cancel-watch", daemon=True)
    watcher.start()
    pending = b""
    try:
        for chunk in response.iter_bytes():
            if cancel.cancelled:
                return
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                # A newline byte never occurs inside a multi-byte UTF-8 sequence, so splitting first is safe.
                yield line.rstrip(b"\r").decode("utf-8", errors="replace")
        if pending.strip():
            yield pending.decode("utf-8", errors="replace")
    except (httpx.HTTPError, httpx.StreamClosed, RuntimeError, AttributeError, ValueError) as exc:
        if cancel.cancelled:
            return  # we closed it ourselves
        if isinstance(exc, httpx.ReadTimeout):
            raise ProviderInterrupted(f"The {endpoint.label} stopped sending in the middle of the reply.",
                                      "Check that the server is not overloaded; raise read_timeout if it is slow.") \
                from exc
        raise ProviderInterrupted(
            f"The connection to the {endpoint.label} broke in the middle of the reply ({_reason(exc)}).",
            "Check that the server is still running, then try again.",
        ) from exc
    finally:
        done.set()


def _abort(response: httpx.Response) -> None:
    """Unblock a read in progress: closing an httpx response does not wake a thread waiting in recv(),
    shutting the socket down does."""
    import contextlib
    import socket

    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):  # already closed by the server
            sock.shutdown(socket.SHUT_RDWR)
    response.close()


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text.split("\n")[0][:160] if text else type(exc).__name__

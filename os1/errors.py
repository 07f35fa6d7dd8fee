"""Every error OS1 raises on purpose, each carrying the next step for the person.

The tree::

    OS1Error                    anything OS1 raises deliberately; `.hint` says what to do next
    ├── UserInputError          the person gave us something we cannot use (bad file, bad value)
    │   ├── ConfigError         config.toml or a `config set` value is wrong
    │   ├── BundleError         an export bundle is truncated, foreign or from a newer OS1
    │   └── NotAudio            bytes given for speech recognition are not audio OS1 can decode
    ├── HomeError               the user directory is missing, read-only or unusable
    ├── StoreError              the database cannot be used
    │   ├── DatabaseCorrupt     the file is damaged (never overwritten)
    │   ├── ForeignDatabase     the file is not an OS1 database (never overwritten)
    │   ├── DatabaseBusy        another process holds a write lock for too long
    │   └── AlreadyRunning      another `os1` conversation is open on the same home
    ├── ProviderError           a mind (built-in or language model) could not answer
    │   ├── ProviderUnavailable the configured server or model cannot be reached
    │   └── ProviderInterrupted the server stopped in the middle of a reply (part of it may be shown)
    ├── VoiceUnavailable        speech parts (piper, espeak-ng, faster-whisper, the model) are missing
    ├── WebError                `os1 serve` cannot start as asked (unsafe bind, port in use, users file)
    └── MailError               a letter could not be sent (it stays unsent and can be retried)
        ├── MailRefused         the server refused the connection, the sender or a recipient
        ├── MailTimeout         the server did not answer in time
        └── MailAuthFailed      the server rejected the account's user name or password

The CLI turns these into one-line messages in one place (`os1.cli._errors`); anything else is a bug
and is reported as such. `OS1_DEBUG=1` re-raises so the traceback is visible.
"""

from __future__ import annotations


class OS1Error(Exception):
    """Base of every deliberate OS1 error.

    Args:
        message: what went wrong, in plain words.
        hint: what the person can do next (shown on its own line).
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class UserInputError(OS1Error):
    """Input from the person (a file, a value, a line) that cannot be used as given."""


class ConfigError(UserInputError):
    """config.toml or a `config set` value is not valid."""


class BundleError(UserInputError):
    """An export bundle cannot be read: truncated, foreign, or written by a newer OS1."""


class HomeError(OS1Error):
    """The user directory cannot be created or written."""


class StoreError(OS1Error):
    """The database cannot be used."""


class DatabaseCorrupt(StoreError):
    """The database file is damaged. It is left untouched."""


class ForeignDatabase(StoreError):
    """The database file is not an OS1 database. It is left untouched."""


class DatabaseBusy(StoreError):
    """Another process kept the database locked for longer than the busy timeout."""


class AlreadyRunning(StoreError):
    """Another `os1` conversation holds this home's conversation lock."""


class ProviderError(OS1Error):
    """A mind could not produce a reply."""


class ProviderUnavailable(ProviderError):
    """The configured language-model server or model cannot be reached or loaded."""


class ProviderInterrupted(ProviderError):
    """The language-model server stopped or the connection broke after the reply had started."""


class NotAudio(UserInputError):
    """Bytes handed to speech recognition that no audio decoder can read."""


class VoiceUnavailable(OS1Error):
    """A speech part is not installed: the `voice` extra, the packaged models, or espeak-ng."""


class WebError(OS1Error):
    """`os1 serve` or `os1 user` cannot do what was asked (unsafe bind, bad users file)."""


class MailError(OS1Error):
    """Sending mail failed; nothing was marked as sent, so the same command can be retried."""


class MailRefused(MailError):
    """The mail server refused the connection, the sender or a recipient."""


class MailTimeout(MailError):
    """The mail server did not answer in time."""


class MailAuthFailed(MailError):
    """The mail server rejected the account's credentials."""

"""A throwaway Dovecot IMAP server on 127.0.0.1 for the mail tests (Debian's dovecot-imapd, installed
by scripts/system-deps). Configuration follows the notes in shared/notes/dependencies.md: a fresh
base_dir every start, mail owned by `nobody` (Dovecot refuses uid 0 for mail), no auth penalty."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
instance_name = os1-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
log_path = {root}/dovecot.log
mail_location = maildir:{root}/mail/%u
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/mail/%u
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def available() -> bool:
    return os.path.exists(DOVECOT) and os.geteuid() == 0


@contextmanager
def dovecot() -> Iterator[ImapServer]:
    # Not pytest's tmp_path: its parents are mode 0700 and Dovecot's auth process (user dovecot) must
    # traverse to the users file.
    root = Path(tempfile.mkdtemp(prefix="os1-dovecot-"))
    root.chmod(0o755)
    port = free_port()
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir(parents=True, mode=0o755)
        (root / sub).chmod(0o755)  # mkdir's mode is masked by OS1's private umask
    (root / "users").write_text("robin:{PLAIN}s3cret-pass\n")
    (root / "dovecot.conf").write_text(CONFIG.format(root=root, port=port))
    # OS1 makes its own process's files private (umask 077, os1.home.private_umask); dovecot's workers run
    # as other users and must read these, so they are made readable explicitly.
    for name in ("users", "dovecot.conf"):
        (root / name).chmod(0o644)
    shutil.chown(root / "mail", "nobody", "nogroup")
    root.chmod(0o755)
    proc = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"dovecot exited: {proc.stderr.read().decode() if proc.stderr else ''}"
                    ) from None
                time.sleep(0.05)
        else:
            raise RuntimeError("dovecot did not start listening within 15 s")
        yield ImapServer("127.0.0.1", port, "robin", "s3cret-pass")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(root, ignore_errors=True)

"""The store under attack and bad luck: private permissions under any umask, bundles checked whole
before their first write, a damaged database refused and salvaged."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MEETING, run_os1


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- permissions --------------------------------------------------------------------------------------

def test_home_and_every_file_are_private_under_umask_022(os1_home: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run_os1("chat", input=MEETING + "hello\n").returncode == 0
        assert run_os1("config", "set", "quiet_hours.start", "22").returncode == 0
        assert run_os1("memory", "search", "hello").returncode == 0  # writes the vector index file
        bundle = tmp_path / "export.os1"
        assert run_os1("export", str(bundle)).returncode == 0
    finally:
        os.umask(old)
    assert _mode(os1_home) == 0o700
    for name in ("os1.db", "config.toml"):
        assert _mode(os1_home / name) == 0o600, name
    for extra in ("os1.db-wal", "os1.db-shm"):
        if (os1_home / extra).exists():
            assert _mode(os1_home / extra) == 0o600, extra
    assert _mode(bundle) == 0o600
    for path in os1_home.rglob("*"):  # everything else OS1 wrote too (index, lock ...)
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_an_open_home_is_tightened_at_start(os1_home: Path) -> None:
    assert run_os1("chat", input=MEETING).returncode == 0
    os.chmod(os1_home, 0o755)
    os.chmod(os1_home / "os1.db", 0o644)
    assert run_os1("memory", "list").returncode == 0
    assert _mode(os1_home) == 0o700 and _mode(os1_home / "os1.db") == 0o600


def test_a_shared_directory_is_never_tightened(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    (shared / "someone-elses-file").write_text("x")
    os.chmod(shared, 0o1777)
    from os1.home import user_home

    os.environ["OS1_HOME"] = str(shared)
    try:
        user_home()
    finally:
        os.environ.pop("OS1_HOME")
    assert _mode(shared) == 0o1777


# --- bundles ----------------------------------------------------------------------------------------

@pytest.fixture()
def bundle(tmp_path: Path, os1_home: Path) -> Path:
    assert run_os1("chat", input=MEETING + "my brother Jon lives in Leeds\n").returncode == 0
    assert run_os1("config", "set", "quiet_hours.start", "22").returncode == 0
    path = tmp_path / "good.os1"
    assert run_os1("export", str(path)).returncode == 0
    return path


def _variant(src: Path, dst: Path, *, replace: dict[str, bytes | None] | None = None,
             add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
        for name in a.namelist():
            data = (replace or {}).get(name, a.read(name))
            if data is not None:
                b.writestr(name, data)
        for name, data in (add or {}).items():
            b.writestr(name, data)
    return dst


def _manifest(src: Path, **changes: object) -> bytes:
    manifest = json.loads(zipfile.ZipFile(src).read("manifest.json"))
    manifest.update(changes)
    return json.dumps(manifest).encode()


def _nothing_written(home: Path) -> bool:
    if not (home / "os1.db").exists():
        return True
    conn = sqlite3.connect(home / "os1.db")
    try:
        return conn.execute("SELECT count(*) FROM turns").fetchone()[0] == 0
    finally:
        conn.close()


def test_bad_bundles_are_refused_in_one_line_before_any_write(bundle: Path, tmp_path: Path) -> None:
    turns = zipfile.ZipFile(bundle).read("tables/turns.jsonl")
    first = json.loads(turns.splitlines()[0])
    cases: dict[str, tuple[dict[str, bytes | None], dict[str, bytes], str]] = {
        "unsafe path": ({}, {"files/../../escape.txt": b"x"}, "unsafe path"),
        "absolute path": ({}, {"files//etc/cron.d/x": b"x"}, "unsafe path"),
        "over the database": ({}, {"files/os1.db": b"x"}, "unsafe path"),
        "bad column": ({"tables/person.jsonl": b'{"id": 1, "name\\" , 1); DROP TABLE turns; --": 1}\n'}, {},
                       "columns this OS1 does not have"),
        "bad table name": ({}, {'tables/x"; DROP TABLE turns; --.jsonl': b"{}\n"}, "does not know"),
        "corrupt row": ({"tables/turns.jsonl": turns + b"{not json\n"}, {}, "not valid JSON"),
        "list row": ({"tables/turns.jsonl": turns + b"[1, 2]\n"}, {}, "not a JSON object"),
        "non-UTF-8 table": ({"tables/turns.jsonl": turns + b"\xff\xfe\n"}, {}, "not UTF-8"),
        "deep JSON": ({"tables/turns.jsonl": turns + json.dumps({**first, "meta": "[" * 5000}).encode()
                       .replace(b'"[[[', b"[" * 5000 + b"]" * 5000 + b', "x": "') + b"\n"}, {}, "not valid JSON"),
        "huge number": ({"tables/turns.jsonl": turns + b'{"id": ' + b"9" * 100_000 + b"}\n"}, {}, "not valid JSON"),
        "list manifest": ({"manifest.json": b"[1, 2]"}, {}, "not an OS1 export"),
        "version 0": ({"manifest.json": _manifest(bundle, version=0)}, {}, "format version 0"),
        "version -7": ({"manifest.json": _manifest(bundle, version=-7)}, {}, "format version -7"),
        "version true": ({"manifest.json": _manifest(bundle, version=True)}, {}, "format version true"),
        "stray member": ({}, {"evil.sh": b"rm -rf /"}, "does not write"),
    }
    for label, (replace, add, message) in cases.items():
        home = tmp_path / f"home-{label.replace(' ', '-')}"
        path = _variant(bundle, tmp_path / f"{label.replace(' ', '-')}.os1", replace=replace, add=add)
        result = run_os1("import", str(path), env={"OS1_HOME": str(home)})
        assert result.returncode == 1, (label, result.stdout, result.stderr)
        assert message in result.stderr, (label, result.stderr)
        assert "Traceback" not in result.stderr and "Something went wrong" not in result.stderr, label
        assert _nothing_written(home), label
        assert not (tmp_path / "escape.txt").exists()
        # A refused bundle leaves the home importable: the good bundle still goes in.
    retry = run_os1("import", str(bundle), env={"OS1_HOME": str(tmp_path / "home-unsafe-path")})
    assert retry.returncode == 0, retry.stderr


def test_an_import_killed_after_its_commit_is_finished_on_next_open(bundle: Path, tmp_path: Path) -> None:
    from os1.store import open_store
    from os1.store.bundle import PENDING_KEY, STAGING

    home = tmp_path / "restored"
    assert run_os1("import", str(bundle), env={"OS1_HOME": str(home)}).returncode == 0
    # Recreate the state a kill between the commit and the file moves leaves behind.
    config = (home / "config.toml").read_bytes()
    (home / "config.toml").unlink()
    (home / STAGING).mkdir()
    (home / STAGING / "000000").write_bytes(config)
    conn = sqlite3.connect(home / "os1.db")
    conn.execute("INSERT INTO state (key, value, updated_at) VALUES (?, ?, '')",
                 (PENDING_KEY, json.dumps({"000000": "config.toml"})))  # fmt: skip
    conn.commit()
    conn.close()
    os.environ["OS1_HOME"] = str(home)
    try:
        open_store().close()
    finally:
        os.environ.pop("OS1_HOME")
    assert (home / "config.toml").read_bytes() == config and not (home / STAGING).exists()
    assert _mode(home / "config.toml") == 0o600


# --- a damaged database -----------------------------------------------------------------------------

def _damage_turns(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'turns'").fetchone()[0]
    conn.close()
    with db.open("r+b") as handle:  # scribble over the middle of the turns table's page
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)


def test_a_damaged_database_is_never_written_and_can_be_salvaged(os1_home: Path, tmp_path: Path) -> None:
    assert run_os1("chat", input=MEETING + "my brother Jon lives in Leeds\n").returncode == 0
    _damage_turns(os1_home / "os1.db")
    before = (os1_home / "os1.db").read_bytes()
    chat = run_os1("chat", input="are you there?\n")
    assert chat.returncode != 0
    assert "damaged" in chat.stderr and "os1 doctor --salvage" in chat.stderr and "Traceback" not in chat.stderr
    assert (os1_home / "os1.db").read_bytes() == before  # not one byte written
    doctor = run_os1("doctor")
    assert doctor.returncode == 1 and "--salvage" in doctor.stdout

    rescued = tmp_path / "rescued.os1"
    salvage = run_os1("doctor", "--salvage", str(rescued))
    assert salvage.returncode == 0, salvage.stderr
    assert "Saved" in salvage.stdout and "turns" in salvage.stderr  # rows it could not read are counted
    assert (os1_home / "os1.db").read_bytes() == before
    restored = tmp_path / "new-home"
    imported = run_os1("import", str(rescued), env={"OS1_HOME": str(restored)})
    assert imported.returncode == 0, imported.stderr
    conn = sqlite3.connect(restored / "os1.db")
    try:
        assert conn.execute("SELECT count(*) FROM persona_versions").fetchone()[0] >= 1
        assert conn.execute("SELECT name FROM person").fetchone()[0] == "Theodore"
    finally:
        conn.close()

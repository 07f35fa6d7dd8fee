"""Export and import: all of a person's data in one documented file.

Format (version 1): a zip archive holding
  manifest.json   {"format": "os1-export", "version": 1, "created_at": ..., "app_version": ...,
                   "migrations": [...], "tables": {"turns": 123, ...}}
  tables/NAME.jsonl   one JSON object per row, columns by name
  files/...           the home's other files (config.toml, letters ...), secrets excluded
Derived tables (search indexes) are not exported; import rebuilds them. Import only goes into an empty
home, so nothing is ever merged over or lost.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from os1 import __version__
from os1.clock import to_iso, utcnow
from os1.errors import BundleError, UserInputError
from os1.store.db import transaction
from os1.store.migrations import applied_migrations, derived_tables

FORMAT = "os1-export"
VERSION = 1
# Files in the home never put in a bundle: the database itself (exported as tables), locks, secrets.
SKIP_FILES = {"os1.db", "os1.db-wal", "os1.db-shm", "conversation.lock", "secrets.toml"}
# Directories of derived files (the memory's ANN index file), rebuilt from the tables after import.
SKIP_DIRS = {"index"}


def user_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables holding the person's data, in creation order (parents before children)."""
    derived = derived_tables()
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "ORDER BY rowid"
        )
    ]
    return [
        name for name in names
        if not name.startswith(("sqlite_", "_"))
        and not any(name == d or name.startswith(d + "_") for d in derived)
    ]


def export_bundle(conn: sqlite3.Connection, home: Path, out: Path) -> dict[str, int]:
    """Write every user table and file to `out`; return row counts per table."""
    counts: dict[str, int] = {}
    tmp = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            conn.execute("BEGIN")  # one consistent snapshot of every table
            try:
                for table in user_tables(conn):
                    cursor = conn.execute(f'SELECT * FROM "{table}"')
                    columns = [d[0] for d in cursor.description]
                    with archive.open(f"tables/{table}.jsonl", "w") as handle:
                        count = 0
                        for row in cursor:
                            record = dict(zip(columns, row, strict=True))
                            handle.write((json.dumps(record, ensure_ascii=False, default=_blob) + "\n").encode())
                            count += 1
                    counts[table] = count
                migrations = applied_migrations(conn)
            finally:
                conn.execute("COMMIT")
            for path in sorted(home.rglob("*")):
                if path.is_file() and path.name not in SKIP_FILES and path.resolve() != out.resolve() \
                        and not path.name.endswith(".partial") \
                        and path.relative_to(home).parts[0] not in SKIP_DIRS:
                    archive.write(path, f"files/{path.relative_to(home)}")
            manifest = {
                "format": FORMAT, "version": VERSION, "created_at": to_iso(utcnow()),
                "app_version": __version__, "migrations": migrations, "tables": counts,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserInputError(f"OS1 cannot write {out} ({exc.strerror}).", "Choose a writable path.") from exc
    return counts


def _blob(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    raise TypeError(f"cannot export {type(value).__name__}")


def _unblob(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$bytes"}:
        return bytes.fromhex(value["$bytes"])
    return value


def read_manifest(path: Path) -> dict[str, Any]:
    """Open a bundle and check it is one OS1 can read."""
    if not path.exists():
        raise BundleError(f"{path} does not exist.", "Check the path of the export file.")
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad:
                raise BundleError(f"{path} is damaged ({bad} is corrupt).", "Export again from the original home.")
            manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, EOFError) as exc:
        raise BundleError(
            f"{path} is not a complete OS1 export (it may be truncated or another kind of file).",
            "Export again with `os1 export FILE` and copy the whole file.",
        ) from exc
    if manifest.get("format") != FORMAT:
        raise BundleError(f"{path} is not an OS1 export.", "Use a file written by `os1 export`.")
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BundleError(
            f"{path} was written by a newer OS1 (export format {version}; this OS1 reads up to {VERSION}).",
            "Update OS1 (git pull, then `make chat`) and import again.",
        )
    return manifest


def import_bundle(conn: sqlite3.Connection, home: Path, path: Path) -> dict[str, int]:
    """Restore a bundle into an empty home; return row counts per table."""
    manifest = read_manifest(path)
    if conn.execute("SELECT count(*) FROM turns").fetchone()[0] or conn.execute(
        "SELECT count(*) FROM persona_versions"
    ).fetchone()[0]:
        raise UserInputError(
            "This home already has a conversation; import only restores into an empty home.",
            "Point OS1_HOME at a new directory, or run `os1 forget --all` first.",
        )
    known = set(user_tables(conn))
    counts: dict[str, int] = {}
    with zipfile.ZipFile(path) as archive:
        with transaction(conn):
            for table in user_tables(conn):  # creation order keeps foreign keys satisfied
                member = f"tables/{table}.jsonl"
                if member not in archive.namelist():
                    continue
                conn.execute(f'DELETE FROM "{table}"')  # e.g. state rows written when the home opened
                counts[table] = _insert_rows(conn, table, archive.read(member).decode())
            missing = set(manifest.get("tables", {})) - known
            if missing:
                raise BundleError(
                    f"The export holds tables this OS1 does not know ({', '.join(sorted(missing))}).",
                    "Update OS1 and import again.",
                )
        for name in archive.namelist():
            if name.startswith("files/") and not name.endswith("/"):
                target = (home / name.removeprefix("files/")).resolve()
                if home.resolve() not in target.parents:
                    raise BundleError(f"The export contains an unsafe path ({name}).", "Use a file written by OS1.")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    for rebuild in derived_tables().values():
        if rebuild is not None:
            rebuild(conn)
    return counts


def _insert_rows(conn: sqlite3.Connection, table: str, text: str) -> int:
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BundleError(f"Row {number} of {table} in the export is damaged.", "Export again.") from exc
        columns = ", ".join(f'"{key}"' for key in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', [_unblob(v) for v in row.values()])
        count += 1
    return count

"""Export and import: all of a person's data in one documented file.

Format (version 1): a zip archive holding
  manifest.json   {"format": "os1-export", "version": 1, "created_at": ..., "app_version": ...,
                   "migrations": [...], "tables": {"turns": 123, ...}}
  tables/NAME.jsonl   one JSON object per row, columns by name
  files/...           the home's other files (config.toml, letters ...), secrets excluded
Derived tables (search indexes) are not exported; import rebuilds them. Import only goes into an empty
home, so nothing is ever merged over or lost.

Import checks the whole bundle before its first write (`check_bundle`): the manifest's types and
version, every member's name (no absolute or `..` paths, no links, nothing over the database, the
lock, secrets or derived files), every table name against this OS1's schema and every row's columns
against the table's own, UTF-8, JSON (depth and number size capped), value types. Then the bundle's
files are staged next to the home, all rows go in in one transaction that also records a marker (the
`state` row `bundle.import`), and after the commit the staged files are moved in and the marker
cleared. A kill before the commit leaves nothing (the staging folder is removed next time); a kill
after it is finished by the next `open_store` (`finish_pending_import`).
Every file written (the bundle, restored files) is 0600.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from os1 import __version__, jsonsafe
from os1.clock import to_iso, utcnow
from os1.errors import BundleError, UserInputError
from os1.home import PRIVATE_FILE, open_private
from os1.store.db import transaction
from os1.store.migrations import applied_migrations, derived_tables

FORMAT = "os1-export"
VERSION = 1
# Files in the home never put in a bundle: the database itself (exported as tables), locks, secrets.
SKIP_FILES = {"os1.db", "os1.db-wal", "os1.db-shm", "conversation.lock", "secrets.toml"}
# Directories of derived files (the memory's ANN index file), rebuilt from the tables after import.
SKIP_DIRS = {"index"}
STAGING = ".os1-import-staging"
PENDING_KEY = "bundle.import"
# Limits on what a bundle may hold: nested JSON deeper than this, or a number longer than this, is
# damage or an attack, never OS1's own data.
MAX_JSON_DEPTH = 32
MAX_MEMBER_BYTES = 4 * 1024**3
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


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
        with open_private(tmp) as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
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
                        and path.relative_to(home).parts[0] not in (*SKIP_DIRS, STAGING):
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


def _bad(path: Path, what: str) -> BundleError:
    return BundleError(f"{path.name} cannot be imported: {what}. Nothing was changed.",
                       "Use a file written by `os1 export`, or export again from the original home.")


def read_manifest(path: Path) -> dict[str, Any]:
    """Open a bundle and check it is one OS1 can read (format, version, types of the manifest)."""
    if not path.exists():
        raise BundleError(f"{path} does not exist.", "Check the path of the export file.")
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad:
                raise BundleError(f"{path} is damaged ({bad} is corrupt).", "Export again from the original home.")
            manifest = _loads(archive.read("manifest.json").decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, RecursionError) as exc:
        raise BundleError(
            f"{path} is not a complete OS1 export (it may be truncated or another kind of file).",
            "Export again with `os1 export FILE` and copy the whole file.",
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{path} is not an OS1 export.", "Use a file written by `os1 export`.")
    version = manifest.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise BundleError(
            f"{path} was written by a newer OS1 (export format {version}; this OS1 reads up to {VERSION}).",
            "Update OS1 (git pull, then `make chat`) and import again.",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(path, f"its format version {json.dumps(version)[:20]} is not one OS1 wrote")
    tables = manifest.get("tables", {})
    if not isinstance(tables, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in tables.items()
    ):
        raise _bad(path, "its manifest's table counts are not a list of names and numbers")
    if not isinstance(manifest.get("migrations", []), list):
        raise _bad(path, "its manifest's migrations are not a list")
    return manifest


def _loads(text: str) -> Any:
    """JSON with bounded depth and number size (os1.jsonsafe): damage or an attack, never OS1's data."""
    return jsonsafe.loads(text, max_depth=MAX_JSON_DEPTH)


# --- checking a bundle before anything is written ----------------------------------------------------

def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}


def _file_target(home: Path, name: str) -> Path | None:
    """Where a `files/...` member goes in the home, or None when its path is unsafe."""
    rel = name.removeprefix("files/")
    if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/") or re.match(r"^[A-Za-z]:", rel):
        return None
    parts = PurePosixPath(rel).parts
    if any(part in ("", ".", "..") for part in parts):
        return None
    if parts[0] in (*SKIP_DIRS, STAGING) or (len(parts) == 1 and parts[0] in SKIP_FILES):
        return None
    target = (home / Path(*parts)).resolve()
    return target if home.resolve() in target.parents else None


def _rows(archive: zipfile.ZipFile, member: str) -> Iterator[tuple[int, str]]:
    """The lines of a table member as text, with their numbers, streamed (a bundle can be large)."""
    with archive.open(member) as raw:
        for number, line in enumerate(raw, start=1):
            yield number, line.decode("utf-8")


def _row(line: str, table: str, number: int, columns: set[str], path: Path) -> dict[str, Any] | None:
    """One checked row, or None for a blank line; BundleError (one line) for anything else."""
    if not line.strip():
        return None
    try:
        row = _loads(line)
    except (ValueError, RecursionError) as exc:
        raise _bad(path, f"row {number} of {table} is not valid JSON ({str(exc)[:80]})") from exc
    if not isinstance(row, dict) or not row:
        raise _bad(path, f"row {number} of {table} is not a JSON object")
    unknown = set(row) - columns
    if unknown:
        raise _bad(path, f"row {number} of {table} has columns this OS1 does not have "
                         f"({', '.join(sorted(map(str, unknown)))[:80]})")
    for key, value in row.items():
        if isinstance(value, dict):
            if set(value) != {"$bytes"} or not isinstance(value["$bytes"], str) or not re.fullmatch(
                    r"(?:[0-9a-fA-F]{2})*", value["$bytes"]):
                raise _bad(path, f"row {number} of {table}: {key} holds an object")
        elif isinstance(value, list):
            raise _bad(path, f"row {number} of {table}: {key} holds a list")
    return row


def check_bundle(conn: sqlite3.Connection, home: Path, path: Path, archive: zipfile.ZipFile,
                 manifest: dict[str, Any]) -> dict[str, Path]:
    """Check every member and every row; return the files to restore (member -> target). Writes nothing."""
    known = set(user_tables(conn))
    missing = set(manifest.get("tables", {})) - known
    if missing:
        raise BundleError(
            f"The export holds tables this OS1 does not know ({', '.join(sorted(missing))[:120]}).",
            "Update OS1 and import again.",
        )
    files: dict[str, Path] = {}
    for info in archive.infolist():
        name = info.filename
        if name == "manifest.json" or name.endswith("/"):
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            raise _bad(path, f"{name[:80]} is larger than {MAX_MEMBER_BYTES // 1024**3} GB")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _bad(path, f"{name[:80]} is a link")
        if name.startswith("tables/") and name.endswith(".jsonl"):
            table = name.removeprefix("tables/").removesuffix(".jsonl")
            if not _NAME.match(table) or table not in known:
                raise BundleError(f"The export holds a table this OS1 does not know ({table[:60]}).",
                                  "Update OS1 and import again.")
            columns = _columns(conn, table)
            try:
                for number, line in _rows(archive, name):
                    _row(line, table, number, columns, path)
            except UnicodeDecodeError as exc:
                raise _bad(path, f"{name} is not UTF-8 text") from exc
        elif name.startswith("files/"):
            target = _file_target(home, name)
            if target is None:
                raise _bad(path, f"it contains an unsafe path ({name[:80]})")
            files[name] = target
        else:
            raise _bad(path, f"it holds a member OS1 does not write ({name[:80]})")
    return files


# --- importing ---------------------------------------------------------------------------------------

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
    counts: dict[str, int] = {}
    staging = home / STAGING
    with zipfile.ZipFile(path) as archive:
        files = check_bundle(conn, home, path, archive, manifest)
        shutil.rmtree(staging, ignore_errors=True)  # what a killed import left before its commit
        staged = _stage(archive, files, staging)
        plan = {str(staged[name].relative_to(staging)): str(target.relative_to(home.resolve()))
                for name, target in files.items()}  # fmt: skip
        with transaction(conn):
            for table in user_tables(conn):  # creation order keeps foreign keys satisfied
                member = f"tables/{table}.jsonl"
                if member not in archive.namelist():
                    continue
                conn.execute(f'DELETE FROM "{table}"')  # e.g. state rows written when the home opened
                counts[table] = _insert_rows(conn, table, archive, member, path)
            conn.execute(
                "INSERT OR REPLACE INTO state (key, value, updated_at) VALUES (?, ?, ?)",
                (PENDING_KEY, json.dumps(plan), to_iso(utcnow())),
            )
    finish_pending_import(conn, home)
    for rebuild in derived_tables().values():
        if rebuild is not None:
            rebuild(conn)
    return counts


def _stage(archive: zipfile.ZipFile, files: dict[str, Path], staging: Path) -> dict[str, Path]:
    """Write the bundle's files (0600) into the staging folder; nothing in the home changes yet."""
    staged: dict[str, Path] = {}
    try:
        staging.mkdir(mode=0o700)
        for index, name in enumerate(sorted(files)):
            target = staging / f"{index:06d}"
            with archive.open(name) as src, open_private(target) as dst:
                shutil.copyfileobj(src, dst)
            staged[name] = target
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserInputError(f"OS1 cannot write into {staging.parent} ({exc.strerror}).",
                             "Free some space or check the home's permissions, then import again.") from exc
    return staged


def finish_pending_import(conn: sqlite3.Connection, home: Path) -> bool:
    """Move a committed import's staged files into place and clear its marker; True when there was
    one. Safe to run again after a kill part-way (a file already moved is skipped)."""
    try:
        row = conn.execute("SELECT value FROM state WHERE key = ?", (PENDING_KEY,)).fetchone()
    except sqlite3.Error:
        return False
    if row is None:
        return False
    staging = home / STAGING
    plan: dict[str, str] = json.loads(row[0])
    for staged_name, rel in plan.items():
        source, target = staging / staged_name, home / rel
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            os.chmod(target, PRIVATE_FILE)
    with transaction(conn):
        conn.execute("DELETE FROM state WHERE key = ?", (PENDING_KEY,))
    shutil.rmtree(staging, ignore_errors=True)
    return True


def _insert_rows(conn: sqlite3.Connection, table: str, archive: zipfile.ZipFile, member: str, path: Path) -> int:
    """Insert a checked table member; identifiers were matched against the table's own columns, and
    are quoted as well."""
    columns_known = _columns(conn, table)
    count = 0
    for number, line in _rows(archive, member):
        row = _row(line, table, number, columns_known, path)
        if row is None:
            continue
        columns = ", ".join('"' + key.replace('"', '""') + '"' for key in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', [_unblob(v) for v in row.values()])
        count += 1
    return count


# --- salvage: what a damaged database still holds ----------------------------------------------------

def _read_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple[Any, ...]], int]:
    """Every row of `table` that can still be read, and how many rowids could not be (-1: the table
    could not be read at all): a full scan first; when it hits a damaged page, the rowid range is read
    in halves down to single rows."""
    columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    select = "SELECT " + ", ".join(f'"{c}"' for c in columns) + f' FROM "{table}"'
    try:
        return columns, conn.execute(select).fetchall(), 0
    except sqlite3.DatabaseError:
        pass
    try:
        low, high = conn.execute(f'SELECT min(rowid), max(rowid) FROM "{table}"').fetchone()
    except sqlite3.DatabaseError:
        return columns, [], -1  # not even its first and last rowid can be read
    rows: list[tuple[Any, ...]] = []
    lost = 0
    stack = [(int(low or 1), int(high or 0))]
    budget = 200_000  # queries: a table damaged all through must not keep salvage busy for hours
    while stack:
        a, b = stack.pop()
        if a > b:
            continue
        budget -= 1
        if budget < 0:
            lost += b - a + 1
            continue
        try:
            rows.extend(conn.execute(select + " WHERE rowid BETWEEN ? AND ?", (a, b)).fetchall())
        except sqlite3.DatabaseError:
            if a == b:
                lost += 1
            else:
                middle = (a + b) // 2
                stack += [(middle + 1, b), (a, middle)]
    # A damaged page can also read as empty without an error: what the count says is missing is lost.
    try:
        expected = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        lost = max(lost, expected - len(rows))
    except sqlite3.DatabaseError:
        pass
    return columns, rows, lost


def salvage_bundle(db: Path, home: Path, out: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Export what a damaged database still holds, read-only, into a bundle `os1 import` accepts.
    Returns (rows saved, rowids lost) per table."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        tables = user_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise BundleError(f"{db} is too damaged to read its list of tables ({exc}).",
                          "Keep a copy of the file; `sqlite3 os1.db .recover` may still get rows out.") from exc
    counts: dict[str, int] = {}
    lost: dict[str, int] = {}
    tmp = out.with_name(out.name + ".partial")
    try:
        with open_private(tmp) as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in tables:
                columns, rows, missing = _read_rows(conn, table)
                with archive.open(f"tables/{table}.jsonl", "w") as handle:
                    for row in rows:
                        record = dict(zip(columns, row, strict=True))
                        handle.write((json.dumps(record, ensure_ascii=False, default=_blob) + "\n").encode())
                counts[table] = len(rows)
                if missing:
                    lost[table] = missing
            try:
                migrations = applied_migrations(conn)
            except sqlite3.DatabaseError:
                migrations = []
            for path in sorted(home.rglob("*")):
                if path.is_file() and path.name not in SKIP_FILES and path.resolve() != out.resolve() \
                        and not path.name.endswith(".partial") \
                        and path.relative_to(home).parts[0] not in (*SKIP_DIRS, STAGING):
                    archive.write(path, f"files/{path.relative_to(home)}")
            manifest = {
                "format": FORMAT, "version": VERSION, "created_at": to_iso(utcnow()), "app_version": __version__,
                "migrations": migrations, "tables": counts, "salvaged_from": str(db), "lost": lost,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserInputError(f"OS1 cannot write {out} ({exc.strerror}).", "Choose a writable path.") from exc
    finally:
        conn.close()
    return counts, lost

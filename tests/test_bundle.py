"""Export -> import round trips, and bundles that must be refused."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from tests.conftest import MEETING, run_os1


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table holding the person's data (search indexes are derived and rebuilt, so not compared)."""
    from os1.store.bundle import user_tables

    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in user_tables(conn)}
    finally:
        conn.close()


def test_export_then_import_restores_everything(tmp_path: Path, os1_home: Path) -> None:
    run_os1("chat", input=MEETING + "my brother Jon lives in Leeds\n")
    run_os1("config", "set", "quiet_hours.start", "22")
    bundle = tmp_path / "backup.os1"
    exported = run_os1("export", str(bundle))
    assert exported.returncode == 0, exported.stderr
    manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
    assert manifest["format"] == "os1-export" and manifest["version"] == 1

    other = tmp_path / "other-home"
    imported = run_os1("import", str(bundle), env={"OS1_HOME": str(other)})
    assert imported.returncode == 0, imported.stderr
    assert _dump(other / "os1.db") == _dump(os1_home / "os1.db")
    assert run_os1("config", "get", "quiet_hours.start", env={"OS1_HOME": str(other)}).stdout.strip() == "22"
    # The restored companion knows its person.
    again = run_os1("chat", input="", env={"OS1_HOME": str(other)})
    assert "Teddy" in again.stdout


def test_import_refuses_a_non_empty_home(tmp_path: Path) -> None:
    run_os1("chat", input=MEETING)
    bundle = tmp_path / "b.os1"
    run_os1("export", str(bundle))
    result = run_os1("import", str(bundle))
    assert result.returncode == 1 and "empty home" in result.stderr


def test_truncated_future_and_foreign_bundles_are_refused(tmp_path: Path) -> None:
    run_os1("chat", input=MEETING)
    bundle = tmp_path / "b.os1"
    run_os1("export", str(bundle))
    fresh = {"OS1_HOME": str(tmp_path / "fresh")}

    truncated = tmp_path / "truncated.os1"
    truncated.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    result = run_os1("import", str(truncated), env=fresh)
    assert result.returncode == 1 and "truncated" in result.stderr

    future = tmp_path / "future.os1"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(future, "w") as dst:
        for item in src.namelist():
            data = src.read(item)
            if item == "manifest.json":
                manifest = json.loads(data)
                manifest["version"] = 99
                data = json.dumps(manifest).encode()
            dst.writestr(item, data)
    result = run_os1("import", str(future), env=fresh)
    assert result.returncode == 1 and "newer OS1" in result.stderr

    foreign = tmp_path / "photos.zip"
    with zipfile.ZipFile(foreign, "w") as dst:
        dst.writestr("cat.jpg", b"\xff\xd8")
    result = run_os1("import", str(foreign), env=fresh)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # Nothing was written by the refused imports.
    assert not (tmp_path / "fresh" / "os1.db").exists() or _dump(tmp_path / "fresh" / "os1.db")["turns"] == []


def test_forget_all_needs_the_typed_confirmation(os1_home: Path) -> None:
    run_os1("chat", input=MEETING)
    refused = run_os1("forget", "--all", input="yes\n")
    assert refused.returncode == 1 and (os1_home / "os1.db").exists()
    done = run_os1("forget", "--all", input="delete everything\n")
    assert done.returncode == 0
    assert [p.name for p in os1_home.iterdir() if p.name != "conversation.lock"] == []
    # The next conversation is a new first meeting.
    assert "What's your name?" in run_os1("chat", input="").stdout

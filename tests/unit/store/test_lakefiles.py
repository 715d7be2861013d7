"""Files at the top of a local lake through store/lakefiles.py (the same calls run on S3 in
tests/integration/test_s3_lake.py)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsflow.store.lakefiles import LakeFiles

KEY = "reports/dt=2026-02-05/index.html"


def test_missing_files_read_as_none(tmp_path):
    files = LakeFiles.of(tmp_path / "lake")
    assert files.read(KEY) is None and files.modified(KEY) is None
    assert files.glob("reports/dt=*/index.html") == []
    (tmp_path / "lake" / "reports").mkdir(parents=True)
    assert files.read("reports") is None  # a folder is no file


def test_write_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    files = LakeFiles.of(tmp_path)
    assert files.write(KEY, b"<p>one</p>") == tmp_path / KEY
    before = os.stat(tmp_path / KEY).st_ino
    assert files.write(KEY, b"<p>two</p>") == files.location(KEY) == tmp_path / KEY
    assert os.stat(tmp_path / KEY).st_ino != before  # renamed over, not rewritten in place
    assert files.read(KEY) == b"<p>two</p>"
    assert [p.name for p in (tmp_path / KEY).parent.iterdir()] == ["index.html"]
    modified = files.modified(KEY)
    assert modified.tzinfo == UTC and abs(datetime.now(UTC) - modified).total_seconds() < 60


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    files = LakeFiles.of(tmp_path)
    files.write(KEY, b"old")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        files.write(KEY, b"new")
    assert files.read(KEY) == b"old"
    assert [p.name for p in (tmp_path / KEY).parent.iterdir()] == ["index.html"]


def test_glob_gives_keys_relative_to_the_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = LakeFiles.of(Path("lake"))  # a relative data root is taken from the cwd
    for day in ("2026-02-05", "2026-02-04"):
        files.write(f"reports/dt={day}/index.html", b"x")
    files.write("reports/dt=2026-02-06/other.html", b"x")
    assert files.glob("reports/dt=*/index.html") == [
        "reports/dt=2026-02-04/index.html",
        "reports/dt=2026-02-05/index.html",
    ]
    assert files.location("reports") == tmp_path / "lake" / "reports"

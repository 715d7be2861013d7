"""Crash safety of publishing: SIGKILL the publisher at every step of the protocol."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import date

import duckdb
import pytest

from newsflow.model import Reject
from newsflow.store import lake, schema

DT = date(2026, 2, 5)

# Runs publish_partition in a child that kills itself with SIGKILL on the k-th call of
# any step that changes the disk (writing, fsync, rename, exchange, removal).
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from newsflow.store import lake

    root, kill_at = Path(sys.argv[1]), int(sys.argv[2])
    calls = 0

    def crashing(fn):
        def step(*args, **kwargs):
            global calls
            calls += 1
            if calls == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return fn(*args, **kwargs)
        return step

    for name in ("compact", "_fsync", "_exchange", "_swap_in", "_remove"):
        setattr(lake, name, crashing(getattr(lake, name)))
    for name in ("rename", "replace", "mkdir"):
        setattr(lake.os, name, crashing(getattr(lake.os, name)))
    lake.shutil.rmtree = crashing(lake.shutil.rmtree)
    lake.publish_partition(lake.Staging(root, "run2"), "rejects", date(2026, 2, 5), "s")
    print("steps", calls)
    """
)


def _rejects(*uris: str):
    return schema.to_table(
        "rejects", [Reject(u, None, "read", "empty", "empty", "s") for u in uris]
    )


def _visible(root) -> list[str]:
    """What a DuckDB reader sees of the partition."""
    files = list((root / "rejects").glob("dt=*/source=*/*.parquet"))
    if not files:
        return []
    pattern = f"{root}/rejects/dt=*/source=*/*.parquet"
    rows = duckdb.sql(f"select raw_uri from read_parquet('{pattern}') order by 1").fetchall()
    return [r[0] for r in rows]


@pytest.fixture
def base(tmp_path):
    """A lake with run1 published (a, b) and run2 staged (x, y, z)."""
    root = tmp_path / "base"
    run1 = lake.Staging(root, "run1")
    run1.write("rejects", DT, "s", 0, _rejects("a", "b"))
    lake.publish_partition(run1, "rejects", DT, "s")
    lake.Staging(root, "run2").write("rejects", DT, "s", 0, _rejects("x", "y"))
    lake.Staging(root, "run2").write("rejects", DT, "s", 1, _rejects("z"))
    return root


def _publish_with_kill(root, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(root), str(kill_at)], capture_output=True, text=True
    )


def test_sigkill_at_every_publish_step_leaves_a_whole_partition(base, tmp_path):
    clean = _publish_with_kill(shutil.copytree(base, tmp_path / "count"), 0)
    assert clean.returncode == 0, clean.stderr
    steps = int(clean.stdout.split()[-1])
    assert steps >= 6  # compact, fsyncs, exchange, removal: the protocol has many steps

    outcomes = set()
    for kill_at in range(1, steps + 1):
        root = shutil.copytree(base, tmp_path / f"kill-{kill_at}")
        result = _publish_with_kill(root, kill_at)
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr)
        seen = _visible(root)
        # the previous version or the new one, whole: never a mix, never nothing
        assert seen in (["a", "b"], ["x", "y", "z"]), (kill_at, seen)
        outcomes.add(tuple(seen))
        # the next publish succeeds and cleans up what the crash left
        lake.publish_partition(lake.Staging(root, "run2"), "rejects", DT, "s")
        assert _visible(root) == ["x", "y", "z"]
        partition = lake.partition(root, "rejects", DT, "s")
        assert sorted(p.name for p in partition.parent.iterdir()) == ["source=s"]
    assert outcomes == {("a", "b"), ("x", "y", "z")}  # kills landed before and after the swap

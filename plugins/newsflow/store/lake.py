"""The lake on disk: staged parts per batch, published partitions swapped in atomically.

    <root>/_staging/<run>/<dataset>/dt=<dt>/source=<s>/part-NNNNN.parquet   (per batch)
    <root>/<dataset>/dt=<dt>/source=<s>/part-00000.parquet + _manifest.json  (published)

Publishing one partition: compact its staged parts (dropping repeated keys) into a
hidden sibling folder, write the manifest last, fsync, then swap the folder in with one
atomic rename(2) (RENAME_EXCHANGE when a previous version exists). A crash at any point
leaves either the previous partition or the new one, never a mix; leftovers of a
crashed publish are hidden from readers (they don't match `source=*`) and removed by
the next publish of that partition.

A data root `s3://bucket/prefix` puts the lake on an object store instead; the functions
at the end of this module (`staging`, `publish`, `published_files`, `manifest`) take
either root and hand an object store to store/objectlake.py, which publishes with
immutable files and a manifest written last.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsflow.store.schema import DATASETS, KEYS, SCHEMA_VERSION

if TYPE_CHECKING:
    from newsflow.store.objectlake import ObjectStaging
    from newsflow.store.objectstore import ObjectStore

COMPRESSION = "zstd"
ROW_GROUP_ROWS = 100_000
ROW_GROUP_BYTES = 64 * 1024 * 1024
MANIFEST = "_manifest.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def safe_name(value: str) -> str:
    """A string usable as one path component (no separators, no dot-dot)."""
    cleaned = _UNSAFE.sub("_", value).strip("._") or "_"
    return cleaned[:120]


def partition_key(dataset: str, dt: date, source: str) -> str:
    """A partition relative to the data root: `<dataset>/dt=<dt>/source=<source>`."""
    return f"{dataset}/dt={dt.isoformat()}/source={safe_name(source)}"


def partition(root: Path, dataset: str, dt: date, source: str) -> Path:
    return root / partition_key(dataset, dt, source)


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write a file under a temporary name and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression=COMPRESSION, row_group_size=ROW_GROUP_ROWS)
    _fsync(tmp)
    os.replace(tmp, path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class Staging:
    """The staging area of one run: batches write here, publish reads from here."""

    root: Path
    run_id: str  # the run's own id: names its staging folder
    label: str = ""  # what published manifests record (no wall-clock time)

    @property
    def path(self) -> Path:
        return self.root / "_staging" / safe_name(self.run_id)

    def part(self, dataset: str, dt: date, source: str, index: int) -> Path:
        return partition(self.path, dataset, dt, source) / f"part-{index:05d}.parquet"

    def write(self, dataset: str, dt: date, source: str, index: int, table: pa.Table) -> None:
        path = self.part(dataset, dt, source, index)
        if table.num_rows:
            write_parquet(table, path)
        else:
            path.unlink(missing_ok=True)  # a retried batch that now has no rows

    def parts(self, dataset: str, dt: date, source: str) -> list[Path]:
        folder = partition(self.path, dataset, dt, source)
        return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []

    def write_json(self, name: str, value: object) -> None:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(value, sort_keys=True, indent=1), encoding="utf-8")
        os.replace(tmp, path)

    def read_json(self, name: str) -> object:
        return json.loads((self.path / name).read_text(encoding="utf-8"))

    def json_files(self, pattern: str) -> Iterator[Path]:
        return iter(sorted(self.path.glob(pattern)))

    def clear(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def compact(
    parts: list[Path] | list[str], dataset: str, out: Path | str, filesystem: Any = None
) -> tuple[int, int]:
    """Concatenate staged parts into one file, first occurrence of each key wins.
    Memory is bounded by one row group (and the set of keys), not by the partition.
    `filesystem` (an fsspec or pyarrow one) reads and writes on it instead of locally."""
    schema = DATASETS[dataset]
    key = KEYS[dataset]
    seen: set[str] = set()
    rows = dropped = 0
    pending: list[pa.Table] = []
    pending_bytes = 0
    writer: pq.ParquetWriter | None = None

    def flush() -> None:
        nonlocal writer, pending, pending_bytes
        if not pending:
            return
        if writer is None:
            writer = pq.ParquetWriter(out, schema, compression=COMPRESSION, filesystem=filesystem)
        writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
        pending, pending_bytes = [], 0

    try:
        for part in parts:
            table = pq.read_table(part, schema=schema, filesystem=filesystem)
            keys = table.column(key).to_pylist()
            keep = []
            for k in keys:
                keep.append(k not in seen)
                seen.add(k)
            if not all(keep):
                dropped += keep.count(False)
                table = table.filter(pa.array(keep))
            rows += table.num_rows
            pending.append(table)
            pending_bytes += table.nbytes
            if (
                pending_bytes >= ROW_GROUP_BYTES
                or sum(t.num_rows for t in pending) >= ROW_GROUP_ROWS
            ):
                flush()
        flush()
    finally:
        if writer is not None:
            writer.close()
    return rows, dropped


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: filesystem can't exchange
        return False
    raise OSError(errno, os.strerror(errno), str(a))


def _swap_in(new: Path, target: Path) -> None:
    if not target.exists():
        os.rename(new, target)
    elif not _exchange(new, target):
        old = new.with_name(new.name + ".old")
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old)
        return
    shutil.rmtree(new, ignore_errors=True)  # now holds the previous version


def _remove(target: Path, hidden: Path) -> None:
    if target.exists():
        os.rename(target, hidden)
        shutil.rmtree(hidden)


def manifest_record(
    run_id: str,
    dataset: str,
    dt: date,
    source: str,
    rows: int,
    dropped: int,
    files: list[str],
    extra: dict | None = None,
) -> dict:
    """What a published partition's _manifest.json says of it (no wall-clock time)."""
    return {
        "dataset": dataset,
        "dt": dt.isoformat(),
        "source": source,
        "run_id": run_id,
        "rows": rows,
        "duplicates_dropped": dropped,
        "files": files,
        "schema_version": SCHEMA_VERSION,
        **(extra or {}),
    }


def publish_partition(
    staging: Staging, dataset: str, dt: date, source: str, extra: dict | None = None
) -> dict:
    """Replace the published partition with what the run staged (nothing: removed)."""
    target = partition(staging.root, dataset, dt, source)
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}.publishing-"
    for stale in target.parent.glob(prefix + "*"):  # leftovers of a crashed publish
        shutil.rmtree(stale, ignore_errors=True)
    new = target.parent / (prefix + safe_name(staging.run_id))
    new.mkdir()
    parts = staging.parts(dataset, dt, source)
    rows = dropped = 0
    if parts:
        rows, dropped = compact(parts, dataset, new / "part-00000.parquet")
    files = ["part-00000.parquet"] if rows else []
    manifest = manifest_record(
        staging.label or staging.run_id, dataset, dt, source, rows, dropped, files, extra
    )
    (new / MANIFEST).write_text(json.dumps(manifest, sort_keys=True, indent=1), "utf-8")
    for path in new.iterdir():
        _fsync(path)
    if rows:
        _swap_in(new, target)
    else:
        _remove(target, new.with_name(new.name + ".gone"))
        shutil.rmtree(new)
    _fsync(target.parent)
    return manifest


def read_manifest(root: Path, dataset: str, dt: date, source: str) -> dict | None:
    path = partition(root, dataset, dt, source) / MANIFEST
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def unique(table: pa.Table, column: str) -> bool:
    return pc.count_distinct(table.column(column)).as_py() == table.num_rows


# Either root: a local folder (above) or an object store (store/objectlake.py).


def staging(root: Path | ObjectStore, run_id: str, label: str = "") -> Staging | ObjectStaging:
    """The staging area of a run, wherever the lake lives."""
    if isinstance(root, Path):
        return Staging(root, run_id, label)
    from newsflow.store.objectlake import ObjectStaging

    return ObjectStaging(root, run_id, label)


def publish(
    staged: Staging | ObjectStaging, dataset: str, dt: date, source: str, extra: dict | None = None
) -> dict:
    """Publish one partition of a run: an atomic swap locally, a manifest switch on S3."""
    if isinstance(staged, Staging):
        return publish_partition(staged, dataset, dt, source, extra)
    from newsflow.store import objectlake

    return objectlake.publish_partition(staged, dataset, dt, source, extra)


def partition_name(root: Path | ObjectStore, dataset: str, dt: date, source: str) -> str:
    """Where a partition lives, for messages: a folder or an s3:// URL."""
    if isinstance(root, Path):
        return str(partition(root, dataset, dt, source))
    from newsflow.store import objectlake

    return "s3://" + objectlake.partition(root, dataset, dt, source)


def manifest(root: Path | ObjectStore, dataset: str, dt: date, source: str) -> dict | None:
    if isinstance(root, Path):
        return read_manifest(root, dataset, dt, source)
    from newsflow.store import objectlake

    return objectlake.read_manifest(root, dataset, dt, source)


def published_files(
    root: Path | ObjectStore, dataset: str, dt: date, source: str
) -> tuple[list[str], Any]:
    """A published partition's current files and the filesystem to read them with (None:
    the local one)."""
    if isinstance(root, Path):
        folder = partition(root, dataset, dt, source)
        return [str(p) for p in sorted(folder.glob("*.parquet"))] if folder.is_dir() else [], None
    from newsflow.store import objectlake

    return objectlake.published_files(root, dataset, dt, source), root.filesystem()

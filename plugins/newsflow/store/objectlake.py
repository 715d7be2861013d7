"""The lake on an object store (S3): staging, and publishing without a rename.

    <root>/_staging/<run>/<dataset>/dt=<dt>/source=<s>/part-NNNNN.parquet      (per batch)
    <root>/<dataset>/dt=<dt>/source=<s>/part-<version>.parquet                 (immutable)
    <root>/<dataset>/dt=<dt>/source=<s>/_manifest.json                         (the pointer)

An object store has no atomic rename of a folder, but it does replace one object
atomically and reads it back consistently (S3 is strongly consistent since 2020). So a
publish never changes a data file: it

1. compacts the run's staged parts into a new file with a name no other publish uses
   (`part-<run>-<random>.parquet`, uploaded whole: it exists completely or not at all);
2. writes `_manifest.json` last, naming the partition's current files, and listing the
   files it replaced as retired, with the time they were retired;
3. deletes retired files older than `retain_seconds` (default one hour), and files no
   manifest ever named (a publish that died before its manifest) once they are as old.

Readers take the file list from the manifests, never from a listing: the catalog
(store/catalog.py) reads each partition's manifest and queries exactly those files. A
reader sees the partition as it was before a publish or after it, never a mix. The one
window: a reader that read a manifest and still reads its files more than
`retain_seconds` after a newer publish retired them gets "file not found" (re-open the
catalog). A bare glob over the prefix, which ignores manifests, can see a retired file
next to the current one for up to `retain_seconds`.
"""

from __future__ import annotations

import json
import posixpath
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePosixPath

import pyarrow as pa
import pyarrow.parquet as pq

from newsflow.store.lake import (
    COMPRESSION,
    MANIFEST,
    ROW_GROUP_ROWS,
    compact,
    manifest_record,
    partition_key,
    safe_name,
)
from newsflow.store.objectstore import ObjectStore


def partition(store: ObjectStore, dataset: str, dt: date, source: str) -> str:
    return store.path(partition_key(dataset, dt, source))


@dataclass(frozen=True, slots=True)
class ObjectStaging:
    """The staging area of one run under `<root>/_staging/<run>/`; same methods as
    lake.Staging, so the pipeline does not care where the lake lives."""

    root: ObjectStore
    run_id: str
    label: str = ""

    @property
    def path(self) -> str:
        return self.root.path("_staging", safe_name(self.run_id))

    def _partition(self, dataset: str, dt: date, source: str) -> str:
        return posixpath.join(
            self.path, dataset, f"dt={dt.isoformat()}", f"source={safe_name(source)}"
        )

    def part(self, dataset: str, dt: date, source: str, index: int) -> str:
        return posixpath.join(self._partition(dataset, dt, source), f"part-{index:05d}.parquet")

    def write(self, dataset: str, dt: date, source: str, index: int, table: pa.Table) -> None:
        fs = self.root.filesystem()
        path = self.part(dataset, dt, source, index)
        if table.num_rows:
            pq.write_table(
                table, path, filesystem=fs, compression=COMPRESSION, row_group_size=ROW_GROUP_ROWS
            )
        elif fs.exists(path):
            fs.rm_file(path)  # a retried batch that now has no rows

    def parts(self, dataset: str, dt: date, source: str) -> list[str]:
        fs = self.root.filesystem()
        return sorted(fs.glob(posixpath.join(self._partition(dataset, dt, source), "part-*")))

    def write_json(self, name: str, value: object) -> None:
        body = json.dumps(value, sort_keys=True, indent=1).encode("utf-8")
        self.root.filesystem().pipe_file(posixpath.join(self.path, name), body)

    def read_json(self, name: str) -> object:
        return json.loads(self.root.filesystem().cat_file(posixpath.join(self.path, name)))

    def json_files(self, pattern: str) -> list[PurePosixPath]:
        found = self.root.filesystem().glob(posixpath.join(self.path, pattern))
        return [PurePosixPath(p) for p in sorted(found)]

    def clear(self) -> None:
        fs = self.root.filesystem()
        found = fs.find(self.path)
        if found:
            fs.rm(found)


def read_manifest(store: ObjectStore, dataset: str, dt: date, source: str) -> dict | None:
    fs = store.filesystem()
    try:
        body = fs.cat_file(posixpath.join(partition(store, dataset, dt, source), MANIFEST))
    except FileNotFoundError:
        return None
    return json.loads(body)


def published_files(store: ObjectStore, dataset: str, dt: date, source: str) -> list[str]:
    """The partition's current files (keys), as its manifest names them."""
    manifest = read_manifest(store, dataset, dt, source)
    folder = partition(store, dataset, dt, source)
    return [posixpath.join(folder, name) for name in (manifest or {}).get("files", [])]


def manifests(store: ObjectStore, dataset: str) -> list[tuple[str, dict]]:
    """Every partition's manifest of a dataset: (partition key, manifest), sorted."""
    fs = store.filesystem()
    paths = sorted(fs.glob(store.path(dataset, "dt=*", "source=*", MANIFEST)))
    bodies = fs.cat(paths) if paths else {}  # fetched concurrently
    return [(posixpath.dirname(p), json.loads(bodies[p])) for p in paths]


def _now() -> datetime:
    return datetime.now(UTC)


def publish_partition(
    staging: ObjectStaging,
    dataset: str,
    dt: date,
    source: str,
    extra: dict | None = None,
    now: datetime | None = None,
) -> dict:
    """Make what the run staged the partition's content (nothing staged: no files)."""
    store = staging.root
    fs = store.filesystem()
    now = now or _now()
    folder = partition(store, dataset, dt, source)
    previous = read_manifest(store, dataset, dt, source) or {}
    parts = staging.parts(dataset, dt, source)
    rows = dropped = 0
    files: list[str] = []
    if parts:
        name = f"part-{safe_name(staging.label or staging.run_id)}-{uuid.uuid4().hex[:12]}.parquet"
        rows, dropped = compact(parts, dataset, posixpath.join(folder, name), filesystem=fs)
        files = [name] if rows else []  # no rows: compact wrote no file
    cutoff = now - timedelta(seconds=store.retain_seconds)
    retired = [r for r in previous.get("retired", []) if datetime.fromisoformat(r["at"]) > cutoff]
    retired += [{"file": f, "at": now.isoformat()} for f in previous.get("files", [])]
    manifest = manifest_record(
        staging.label or staging.run_id,
        dataset,
        dt,
        source,
        rows,
        dropped,
        files,
        {"retired": retired, "published_at": now.isoformat(), **(extra or {})},
    )
    body = json.dumps(manifest, sort_keys=True, indent=1).encode("utf-8")
    fs.pipe_file(posixpath.join(folder, MANIFEST), body)  # the switch: one atomic PUT
    _clean(fs, folder, keep=set(files) | {r["file"] for r in retired}, cutoff=cutoff)
    return manifest


def _clean(fs, folder: str, keep: set[str], cutoff: datetime) -> None:
    """Delete the partition's data files that no reader can still be using: retired
    longer than the retention, or never named by a manifest and as old."""
    doomed = []
    for info in fs.ls(folder, detail=True):
        name = posixpath.basename(info["name"])
        if info["type"] != "file" or name == MANIFEST or name in keep:
            continue
        modified = info.get("LastModified")
        if modified is None or modified <= cutoff:
            doomed.append(info["name"])
    if doomed:
        fs.rm(doomed)

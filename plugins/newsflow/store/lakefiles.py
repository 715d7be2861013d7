"""Small files at the top of the lake (reports, manifests, the catalog), one API for both
kinds of data root: a local folder or an object store, both through fsspec.

Keys are relative to the data root, `/`-separated (`reports/dt=2026-02-05/index.html`).
Reading, listing and modification times are the same code for both; only a whole-file
write differs: an object store replaces an object in one PUT (readers see the old one or
the new one), a local folder gets the same guarantee from writing a hidden temporary
file and renaming it over the old one.
"""

from __future__ import annotations

import os
import posixpath
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsflow.store.objectstore import ObjectStore


@dataclass(frozen=True, slots=True)
class LakeFiles:
    data_root: Path | ObjectStore
    fs: Any  # an fsspec filesystem: LocalFileSystem, or s3fs for an object store
    root: str  # the data root as `fs` names it (no scheme, no trailing slash)

    @classmethod
    def of(cls, data_root: Path | ObjectStore) -> LakeFiles:
        if isinstance(data_root, ObjectStore):
            return cls(data_root, data_root.filesystem(), data_root.path())
        import fsspec

        root = Path(os.path.abspath(Path(data_root).expanduser()))
        return cls(root, fsspec.filesystem("file"), root.as_posix())

    @property
    def local(self) -> bool:
        return not isinstance(self.data_root, ObjectStore)

    def path(self, key: str) -> str:
        """The key as the filesystem names it."""
        return posixpath.join(self.root, key)

    def location(self, key: str) -> Path | str:
        """Where a key lives, for people and for callers: a Path in a local lake, an
        `s3://` URL in an object store."""
        return Path(self.path(key)) if self.local else self.data_root.url(key)

    def read(self, key: str) -> bytes | None:
        """The file's bytes; None when there is no such file."""
        try:
            return self.fs.cat_file(self.path(key))
        except (FileNotFoundError, IsADirectoryError):
            return None

    def modified(self, key: str) -> datetime | None:
        """When the file was last written (UTC); None when there is no such file."""
        try:
            when = self.fs.modified(self.path(key))
        except (FileNotFoundError, IsADirectoryError):
            return None
        return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)

    def glob(self, pattern: str) -> list[str]:
        """The keys of the files matching a pattern relative to the root, sorted."""
        prefix = self.root + "/"
        return sorted(
            p.removeprefix(prefix) for p in self.fs.glob(self.path(pattern)) if p.startswith(prefix)
        )

    def write(self, key: str, body: bytes) -> Path | str:
        """Replace the file whole: a reader sees the old content or the new, never part."""
        path = self.path(key)
        if not self.local:
            self.fs.pipe_file(path, body)  # one PUT (multipart above 50 MB: still all or none)
            return self.location(key)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            tmp.write_bytes(body)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

"""The raw zone: every fetched or archived document as it came, compressed, by content.

    <root>/raw/dt=<dt>/source=<s>/objects/<sha[:2]>/<sha256 of the body>.gz
    <root>/raw/dt=<dt>/source=<s>/refs/<sha256 of the reference>.json

A ref file says where a document came from (its reference: the URL asked for or the
WARC record), where it ended (final URL), its headers, when, and which object holds
its bytes. The object is written before the ref, each by an atomic rename, so a ref
always points at a whole object: a fetch that died halfway is simply not there, and the
next attempt fetches only what is missing. Extraction reads documents back from here,
which is what `newsflow ingest --from-raw` does for a whole day.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsflow.model import RawDocument
from newsflow.store.lake import safe_name


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass(frozen=True, slots=True)
class RawEntry:
    ref: str
    sha256: str
    bytes: int
    status: int | None
    url: str | None
    media_type: str | None
    fetched_at: str | None  # ISO 8601, UTC
    listing_date: str | None
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RawZone:
    root: Path  # the data root
    dt: date
    source: str

    @property
    def path(self) -> Path:
        return self.root / "raw" / f"dt={self.dt.isoformat()}" / f"source={safe_name(self.source)}"

    def _object(self, sha: str) -> Path:
        return self.path / "objects" / sha[:2] / f"{sha}.gz"

    def _ref(self, ref: str) -> Path:
        return self.path / "refs" / f"{_sha256(ref.encode('utf-8'))[:40]}.json"

    def put(self, doc: RawDocument, status: int | None = None) -> RawEntry:
        """Keep a document under its reference (`doc.uri`)."""
        sha = _sha256(doc.body)
        target = self._object(sha)
        if not target.exists():
            _write(target, gzip.compress(doc.body, compresslevel=6, mtime=0))
        entry = RawEntry(
            ref=doc.uri,
            sha256=sha,
            bytes=len(doc.body),
            status=status,
            url=doc.url,
            media_type=doc.media_type,
            fetched_at=doc.fetched_at.isoformat() if doc.fetched_at else None,
            listing_date=doc.listing_date.isoformat() if doc.listing_date else None,
            headers=doc.headers,
        )
        value = {f: getattr(entry, f) for f in RawEntry.__slots__}
        _write(self._ref(doc.uri), json.dumps(value, sort_keys=True).encode("utf-8"))
        return entry

    def entry(self, ref: str) -> RawEntry | None:
        try:
            value = json.loads(self._ref(ref).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if value.get("ref") != ref or not self._object(value["sha256"]).exists():
            return None
        value["headers"] = tuple(tuple(h) for h in value["headers"])
        return RawEntry(**value)

    def get(self, ref: str) -> RawDocument | None:
        """The document kept under `ref`, or None when there is none."""
        entry = self.entry(ref)
        if entry is None:
            return None
        body = gzip.decompress(self._object(entry.sha256).read_bytes())
        return RawDocument(
            uri=ref,
            source=self.source,
            body=body,
            media_type=entry.media_type,
            url=entry.url,
            fetched_at=datetime.fromisoformat(entry.fetched_at) if entry.fetched_at else None,
            headers=entry.headers,
            listing_date=date.fromisoformat(entry.listing_date) if entry.listing_date else None,
        )

    def refs(self) -> list[str]:
        """Every reference kept for the day and source, sorted."""
        return sorted(e.ref for e in self.entries())

    def entries(self) -> Iterator[RawEntry]:
        folder = self.path / "refs"
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            value = json.loads(path.read_text("utf-8"))
            entry = self.entry(value["ref"])
            if entry is not None:
                yield entry

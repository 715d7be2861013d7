"""A small on-disk HTTP cache for listings (feeds, sitemaps) and robots.txt.

One JSON file (status, validators, headers, when) and one gzip body per URL, under
`<data_root>/_state/<source>/http/`. The fetcher revalidates entries with conditional
requests (If-None-Match / If-Modified-Since) and reuses the body on 304. Article pages
are not kept here but in the raw zone of their news day (store/raw.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Cached:
    url: str
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    stored_at: float  # epoch seconds
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)


@dataclass(frozen=True, slots=True)
class HttpCache:
    folder: Path

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{key}.json", self.folder / f"{key}.body.gz"

    def lookup(self, url: str) -> Cached | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            body = gzip.decompress(body_path.read_bytes())
        except (OSError, ValueError, EOFError):
            return None
        if meta.get("url") != url:
            return None
        return Cached(
            url=url,
            final_url=meta["final_url"],
            status=meta["status"],
            headers=tuple((k, v) for k, v in meta["headers"]),
            stored_at=meta["stored_at"],
            body=body,
        )

    def store(
        self,
        url: str,
        final_url: str,
        status: int,
        headers: tuple[tuple[str, str], ...],
        body: bytes,
    ) -> None:
        meta_path, body_path = self._paths(url)
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = Cached(url, final_url, status, headers, time.time(), b"")
        for path, data in (
            (body_path, gzip.compress(body, mtime=0)),
            (meta_path, json.dumps({k: v for k, v in asdict(entry).items() if k != "body"})),
        ):
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            os.replace(tmp, path)

"""WARC archives (warcio), local or remote (fsspec: http(s)://, s3:// with s3fs).

`paths` are globs or URLs; `{date}`, `{year}`, `{month}`, `{day}` in them stand for the
news day. Files named the CC-NEWS way (`CC-NEWS-YYYYMMDDHHMMSS-NNNNN.warc.gz`) are read
only on the day in their name; records of other files are taken when their WARC-Date
is on the day. Each file is streamed once: every HTML response record goes into the raw
zone (its target URI and WARC-Date kept), and extraction reads it from there.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import fsspec
from warcio.archiveiterator import ArchiveIterator

from newsflow.config import FetchOptions
from newsflow.model import FetchRecord, RawDocument
from newsflow.sources import Discovery, SourceError
from newsflow.sources.fetch import HTML_TYPES, media_type
from newsflow.sources.guard import Blocked, check_url
from newsflow.sources.listing import utc_date
from newsflow.store.raw import RawZone

log = logging.getLogger(__name__)

CC_NEWS = re.compile(r"CC-NEWS-(\d{4})(\d{2})(\d{2})\d{6}-\d+\.warc(?:\.gz)?$")
PROGRESS_EVERY = 1000  # records


def file_day(path: str) -> date | None:
    """The day a CC-NEWS file name gives, None for other names."""
    match = CC_NEWS.search(path)
    return date(*map(int, match.groups())) if match else None


def expand(pattern: str, dt: date) -> str:
    return pattern.format(
        date=dt.isoformat(), year=f"{dt.year:04d}", month=f"{dt.month:02d}", day=f"{dt.day:02d}"
    )


@dataclass(frozen=True, slots=True)
class WarcSource:
    name: str
    paths: tuple[str, ...]
    options: FetchOptions
    data_root: Path
    home: Path  # relative local paths resolve against it

    def files(self, dt: date) -> list[str]:
        """The archive files of the day, sorted (local paths or URLs)."""
        found: set[str] = set()
        for pattern in self.paths:
            pattern = expand(pattern, dt)
            remote = "://" in pattern
            if not remote and not Path(pattern).expanduser().is_absolute():
                pattern = str(self.home / pattern)
            if remote and urlsplit(pattern).scheme in ("http", "https"):
                try:
                    check_url(pattern, self.options.allow_private_networks)
                except (Blocked, OSError) as exc:
                    raise SourceError(f"source {self.name!r}: {pattern}: {exc}") from None
            if remote and not any(c in pattern for c in "*?["):
                found.add(pattern)
                continue
            fs, _, matches = fsspec.core.get_fs_token_paths(pattern, expand=True)
            for match in matches:
                found.add(fs.unstrip_protocol(match) if remote else match)
        return sorted(p for p in found if file_day(p) in (None, dt))

    def discover(self, dt: date) -> Discovery:
        raw = RawZone(self.data_root, dt, self.name)
        refs: list[str] = []
        failed: list[FetchRecord] = []
        limit = self.options.max_articles
        for path in self.files(dt):
            dated_file = file_day(path) == dt
            read = 0
            try:
                with fsspec.open(path, "rb") as stream:
                    records = ArchiveIterator(stream)
                    for record in records:
                        read += 1
                        if read % PROGRESS_EVERY == 0:
                            log.info("%s: %d records read, %d documents", path, read, len(refs))
                        if limit and len(refs) >= limit:
                            break
                        doc = self._document(record, path, dt)
                        if doc is None or (not dated_file and doc.fetched_at.date() != dt):
                            continue
                        body = record.content_stream().read(self.options.max_bytes + 1)
                        # the offset is known once the record is read to its end
                        doc = replace(doc, uri=f"{path}#{records.get_record_offset()}", body=body)
                        refs.append(doc.uri)
                        if len(body) > self.options.max_bytes:
                            failed.append(_too_large(doc, len(body)))
                        elif raw.entry(doc.uri) is None:
                            raw.put(doc, status=200)
            except OSError as exc:  # the file or the store can't be read: retried
                raise SourceError(f"source {self.name!r}: cannot read {path}: {exc}") from None
            except Exception as exc:  # noqa: BLE001 - a corrupt record is data, not a crash
                # warcio can't find the next record after a broken one: the records read
                # so far are kept, the rest of the file is recorded as not read
                log.warning("%s: corrupt record after %d records: %s", path, read, exc)
                failed.append(_corrupt(path, read, exc))
            log.info("%s: %d records, %d documents of %s so far", path, read, len(refs), dt)
        return Discovery(refs=tuple(sorted(refs)), fetches=tuple(failed))

    def _document(self, record, path: str, dt: date) -> RawDocument | None:
        """The record as a document without its body; None unless an HTML 200 response."""
        if record.rec_type != "response" or record.http_headers is None:
            return None
        if record.http_headers.get_statuscode() != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
        if media_type(content_type) not in HTML_TYPES:
            return None
        url = record.rec_headers.get_header("WARC-Target-URI")
        when = record.rec_headers.get_header("WARC-Date") or ""
        try:
            fetched_at = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            fetched_at = None
        if fetched_at is None or utc_date(when) is None:
            return None
        headers = tuple(
            (k.lower(), v)
            for k, v in record.http_headers.headers
            if k.lower() in ("content-type", "content-language", "last-modified")
        )
        return RawDocument(
            uri=path,
            source=self.name,
            body=b"",
            media_type="text/html",
            url=url,
            fetched_at=fetched_at,
            headers=headers,
            listing_date=dt,
        )

    def load(self, ref: str, dt: date) -> RawDocument:
        doc = RawZone(self.data_root, dt, self.name).get(ref)
        if doc is None:
            raise FileNotFoundError(f"{ref} is not in the raw zone")
        return doc


def _corrupt(path: str, read: int, exc: Exception) -> FetchRecord:
    """The fetch_log row of an archive whose reading stopped at a corrupt record."""
    reason = f"{type(exc).__name__}: {exc}"[:500]
    return FetchRecord(
        url=path,
        final_url=None,
        status=None,
        attempts=0,
        bytes=0,
        elapsed_ms=0,
        from_cache=False,
        error_type="warc-corrupt",
        error=f"record {read + 1} is corrupt, the rest of the file is not read: {reason}",
        kind="listing",
    )


def _too_large(doc: RawDocument, size: int) -> FetchRecord:
    return FetchRecord(
        url=doc.uri,
        final_url=doc.url,
        status=200,
        attempts=0,
        bytes=size,
        elapsed_ms=0,
        from_cache=False,
        error_type="too-large",
        error=f"the record's body is over {size - 1} bytes",
    )

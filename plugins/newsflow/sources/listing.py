"""Reading a listing (feed, sitemap) for discovery: fetched, unzipped, dated."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import UTC, date, datetime

from newsflow.sources import SourceError
from newsflow.sources.fetch import Fetcher, FetchError


class UnsafeListing(SourceError):
    """A listing that was fetched but whose XML is hostile (entity bombs, external
    entities): refused and recorded in fetch_log, and the run goes on without it, since
    fetching it again would give the same."""


def refuse(fetcher: Fetcher, url: str, error_type: str, message: str) -> None:
    """Record in the fetcher's log (fetch_log) that the listing fetched from `url` was
    refused after its fetch succeeded."""
    for i in range(len(fetcher.log) - 1, -1, -1):
        record = fetcher.log[i]
        if record.url == url and record.kind == "listing" and not record.error_type:
            fetcher.log[i] = replace(record, error_type=error_type, error=message[:1000])
            return


def fetch_listing(fetcher: Fetcher, url: str, limit: int) -> bytes:
    """The listing's bytes (gunzipped: sitemap.xml.gz), SourceError when it can't be had."""
    try:
        body = fetcher.get(url, kind="listing").body
    except FetchError as exc:
        record = exc.record
        raise SourceError(f"cannot read {url}: {record.error_type}: {record.error}") from None
    if body[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(body, limit + 1)
        except zlib.error as exc:
            raise SourceError(f"{url}: corrupt gzip: {exc}") from None
        if len(body) > limit or inflater.unconsumed_tail:
            raise SourceError(f"{url}: decompresses to more than {limit} bytes")
    return body


def utc_date(value: str | None) -> date | None:
    """The UTC day of a W3C/ISO date or datetime ("2026-02-05", "...T23:30:00-02:00")."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if len(value) <= 10 or parsed.tzinfo is None:
        return parsed.date()
    return parsed.astimezone(UTC).date()

"""What the web kinds (rss, sitemap, urls) share: fetching one article page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsflow.config import FetchOptions
from newsflow.model import FetchRecord, RawDocument
from newsflow.sources.fetch import HTML_TYPES, Fetcher, media_type


@dataclass(frozen=True, slots=True)
class WebSource:
    name: str
    options: FetchOptions
    fetcher: Fetcher

    def fetch(self, ref: str, dt: date) -> tuple[RawDocument, FetchRecord]:
        """Fetch an article page; FetchError (with its fetch_log record) when it can't."""
        got = self.fetcher.get(ref, kind="article")
        declared = media_type(got.header("content-type"))
        doc = RawDocument(
            uri=ref,
            source=self.name,
            body=got.body,
            media_type=declared if declared in HTML_TYPES else "text/html",
            url=got.final_url,
            fetched_at=got.fetched_at,
            headers=got.headers,
            listing_date=dt,  # the listing dated it on dt (or it is new on dt)
        )
        return doc, got.record("article")

    def load(self, ref: str, dt: date) -> RawDocument:
        return self.fetch(ref, dt)[0]

    def cap(self, refs: set[str] | list[str]) -> tuple[str, ...]:
        ordered = sorted(set(refs))
        return tuple(ordered[: self.options.max_articles] if self.options.max_articles else ordered)

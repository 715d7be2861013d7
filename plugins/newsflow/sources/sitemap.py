"""A sitemap or sitemap index (nested indexes followed), including Google News sitemaps.

A URL belongs to the news day of its `news:publication_date`, else of its `lastmod`
(UTC); undated URLs are not taken. Child sitemaps whose `lastmod` is before the day
can't list anything of it and are skipped. A child that fails is recorded in fetch_log
and the others are read; the root failing fails discovery.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element, ParseError

from newsflow.sources import Discovery, SourceError
from newsflow.sources.listing import UnsafeListing, fetch_listing, refuse, utc_date
from newsflow.sources.web import WebSource
from newsflow.sources.xmlsafe import UnsafeXml, local, parse
from newsflow.urls import linked

log = logging.getLogger(__name__)

MAX_SITEMAPS = 500  # per discovery, nested indexes included
MAX_DEPTH = 4


def _text(element: Element, name: str) -> str | None:
    """The text of the first descendant named `name` (any namespace)."""
    for child in element.iter():
        if local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def read(body: bytes, url: str) -> tuple[str, list[tuple[str, date | None]]]:
    """("index" | "urlset", [(loc, date)]) of one sitemap document."""
    try:
        root = parse(body)
    except UnsafeXml as exc:
        raise UnsafeListing(f"{url}: {exc}") from None
    except ParseError as exc:
        raise SourceError(f"{url}: not a readable sitemap: {exc}") from None
    kind = local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise SourceError(f"{url}: not a sitemap (root element <{kind}>)")
    entries = []
    for entry in root:
        loc = linked(_text(entry, "loc"), url)  # file: and the like: refused when fetched
        if loc:
            day = utc_date(_text(entry, "publication_date") or _text(entry, "lastmod"))
            entries.append((loc, day))
    return ("index" if kind == "sitemapindex" else "urlset"), entries


@dataclass(frozen=True, slots=True)
class SitemapSource(WebSource):
    url: str = ""

    def discover(self, dt: date) -> Discovery:
        queue: list[tuple[str, int]] = [(self.url, 0)]
        visited: set[str] = set()
        refs: set[str] = set()
        while queue:
            url, depth = queue.pop(0)
            if url in visited or len(visited) >= MAX_SITEMAPS:
                continue
            visited.add(url)
            try:
                kind, entries = read(fetch_listing(self.fetcher, url, self.options.max_bytes), url)
            except UnsafeListing as exc:
                log.warning("sitemap refused: %s", exc)
                refuse(self.fetcher, url, "unsafe-xml", str(exc))
                continue
            except SourceError as exc:
                if url == self.url:
                    raise
                log.warning("sitemap %s skipped: it can't be read", url)
                refuse(self.fetcher, url, "not-a-sitemap", str(exc))
                continue
            if kind == "index":
                if depth < MAX_DEPTH:
                    queue += [(loc, depth + 1) for loc, day in entries if day is None or day >= dt]
            else:
                refs.update(loc for loc, day in entries if day == dt)
            log.info(
                "sitemap %s: %d entries; %d URLs of %s so far", url, len(entries), len(refs), dt
            )
        # a sitemap listing itself (or another sitemap) as a page is read once, not fetched
        return Discovery(refs=self.cap(refs - visited), fetches=tuple(self.fetcher.log))

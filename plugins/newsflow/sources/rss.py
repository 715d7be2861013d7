"""An RSS or Atom feed (feedparser). Items dated on the news day belong to it (their
published date in UTC); undated items go to the first run that sees them (seen.py)."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser

from newsflow.sources import Discovery, SourceError
from newsflow.sources.listing import UnsafeListing, fetch_listing, refuse
from newsflow.sources.seen import Seen
from newsflow.sources.web import WebSource
from newsflow.sources.xmlsafe import UnsafeXml, check
from newsflow.urls import absolute, linked

log = logging.getLogger(__name__)


def item_date(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date()
    return None


def items(body: bytes, feed_url: str) -> list[tuple[str, date | None]]:
    """(article URL, UTC date or None) of every item with a web link."""
    try:
        check(body)
    except UnsafeXml as exc:
        raise UnsafeListing(f"{feed_url}: {exc}") from None
    parsed = feedparser.parse(body, response_headers={"content-location": feed_url})
    if parsed.bozo and not parsed.entries:
        raise SourceError(f"{feed_url}: not a feed: {parsed.get('bozo_exception')}")
    found = []
    for entry in parsed.entries:
        # a link elsewhere than the web (file:, ...) is kept: the fetcher refuses and logs it
        link = linked(entry.get("link"), feed_url) or absolute(entry.get("id"), feed_url)
        if link:
            found.append((link, item_date(entry)))
    return found


@dataclass(frozen=True, slots=True)
class RssSource(WebSource):
    url: str = ""
    state: Path = Path()

    def discover(self, dt: date) -> Discovery:
        body = fetch_listing(self.fetcher, self.url, self.options.max_bytes)
        try:
            found = items(body, self.url)
        except UnsafeListing as exc:
            log.warning("feed refused: %s", exc)
            refuse(self.fetcher, self.url, "unsafe-xml", str(exc))
            return Discovery(refs=(), fetches=tuple(self.fetcher.log))
        seen_state = Seen(self.state)
        seen = seen_state.load()
        dated, undated, other_days = set(), set(), 0
        for link, day in found:
            if day == dt:
                dated.add(link)
            elif day is None and seen_state.takes(link, dt, seen):
                undated.add(link)
            else:
                other_days += 1
        refs = self.cap(dated | undated)
        log.info(
            "feed %s: %d items of %s, %d undated new, %d of other days or seen",
            self.url,
            len(dated),
            dt,
            len(undated),
            other_days,
        )
        claims = tuple(r for r in refs if r in undated and r not in seen)
        return Discovery(refs=refs, claims=claims, fetches=tuple(self.fetcher.log))

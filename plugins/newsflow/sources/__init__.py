"""Where documents come from. Each kind discovers references for a news day and loads
each reference as a RawDocument; both are deterministic for a given day.

Kinds: `inbox` (local folders), `rss`, `sitemap` and `urls` (fetched over HTTP by
sources/fetch.py, kept in the raw zone), `warc` (archives read into the raw zone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from newsflow.config import ConfigError, Settings, SourceConfig
from newsflow.model import FetchRecord, RawDocument


class SourceError(RuntimeError):
    """A source's listing (feed, sitemap, archive) can't be read: the run fails and is
    retried, rather than publishing a day that silently lacks the source."""


@dataclass(frozen=True, slots=True)
class Discovery:
    refs: tuple[str, ...]  # the day's documents (paths, URLs, WARC records), sorted
    claims: tuple[str, ...] = ()  # refs to remember as taken once the run publishes
    fetches: tuple[FetchRecord, ...] = ()  # listing and robots fetches, refs that failed


class Source(Protocol):
    name: str

    def discover(self, dt: date) -> Discovery:
        """The documents of news day `dt`."""

    def load(self, ref: str, dt: date) -> RawDocument:
        """The document behind a reference; OSError for a document that can't be read,
        ExtractError for one refused unread (too large, outside its folder)."""


def open_source(config: SourceConfig, settings: Settings) -> Source:
    state = settings.state_root / "_state" / config.name
    if config.kind == "inbox":
        from newsflow.sources.inbox import InboxSource

        return InboxSource(config.name, config.path("path", settings.home))
    if config.kind == "warc":
        from newsflow.sources.warc import WarcSource

        paths = config.options["paths"]
        paths = (paths,) if isinstance(paths, str) else tuple(paths)
        return WarcSource(config.name, paths, config.fetch, settings.state_root, settings.home)
    from newsflow.sources.fetch import Fetcher
    from newsflow.sources.httpcache import HttpCache

    fetcher = Fetcher(config.fetch, cache=HttpCache(state / "http"))
    if config.kind == "rss":
        from newsflow.sources.rss import RssSource

        return RssSource(config.name, config.fetch, fetcher, config.options["url"], state)
    if config.kind == "sitemap":
        from newsflow.sources.sitemap import SitemapSource

        return SitemapSource(config.name, config.fetch, fetcher, config.options["url"])
    if config.kind == "urls":
        from newsflow.sources.urls import UrlsSource

        if "file" in config.options:
            path = config.path("file", settings.home)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"source {config.name!r}: cannot read {path}: {exc}") from None
        else:
            lines = config.options["urls"]
        return UrlsSource(config.name, config.fetch, fetcher, tuple(lines))
    raise ConfigError(f"source {config.name!r}: kind {config.kind!r} is not supported")


__all__ = ["Discovery", "Source", "SourceError", "open_source"]

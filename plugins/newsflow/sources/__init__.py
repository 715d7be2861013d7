"""Where documents come from. Each kind discovers references for a news day and loads
each reference as a RawDocument; both are deterministic for a given day."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from newsflow.config import ConfigError, Settings, SourceConfig
from newsflow.model import RawDocument


class Source(Protocol):
    name: str

    def discover(self, dt: date) -> list[str]:
        """References (paths, URLs) of the documents of news day `dt`, sorted."""

    def load(self, ref: str, dt: date) -> RawDocument:
        """The document behind a reference; OSError for a document that can't be read."""


def open_source(config: SourceConfig, settings: Settings) -> Source:
    if config.kind == "inbox":
        from newsflow.sources.inbox import InboxSource

        return InboxSource(config.name, config.path("path", settings.home))
    raise ConfigError(f"source {config.name!r}: kind {config.kind!r} is not supported")


__all__ = ["Source", "open_source"]

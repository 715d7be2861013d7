"""A fixed list of article URLs (`urls:` or a `file:` of one URL a line), fetched for
every run's day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsflow.sources import Discovery
from newsflow.sources.web import WebSource


@dataclass(frozen=True, slots=True)
class UrlsSource(WebSource):
    lines: tuple[str, ...] = ()

    def discover(self, dt: date) -> Discovery:
        urls = {line.strip() for line in self.lines}
        return Discovery(refs=self.cap({u for u in urls if u and not u.startswith("#")}))

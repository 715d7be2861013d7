"""Which undated feed items a source has already taken, and on which news day.

`<data_root>/_state/<source>/seen.json` maps an item's URL to the day that took it. An
undated item goes to the first run that sees it; the same day re-run takes it again,
other days never. Runs claim items when they publish, so a failed run takes nothing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Seen:
    folder: Path  # <data_root>/_state/<source>

    @property
    def path(self) -> Path:
        return self.folder / "seen.json"

    def load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}

    def takes(self, url: str, dt: date, seen: dict[str, str]) -> bool:
        return seen.get(url, dt.isoformat()) == dt.isoformat()

    def claim(self, urls: list[str], dt: date) -> None:
        if not urls:
            return
        seen = self.load()
        for url in urls:
            seen.setdefault(url, dt.isoformat())
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(".seen.json.tmp")
        tmp.write_text(json.dumps(seen, sort_keys=True, indent=0), encoding="utf-8")
        os.replace(tmp, self.path)

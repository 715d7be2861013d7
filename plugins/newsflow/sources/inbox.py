"""A local folder: <path>/<YYYY-MM-DD>/** files, the folder's date is the listing date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsflow.model import ExtractError, RawDocument
from newsflow.sources import Discovery

# larger files are rejected unread, as the web sources refuse bodies over their max_bytes
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InboxSource:
    name: str
    root: Path

    def day_dir(self, dt: date) -> Path:
        return self.root / dt.isoformat()

    def discover(self, dt: date) -> Discovery:
        folder = self.day_dir(dt)
        if not folder.is_dir():
            return Discovery(refs=())
        return Discovery(
            refs=tuple(
                sorted(
                    p.relative_to(folder).as_posix()
                    for p in folder.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                )
            )
        )

    def load(self, ref: str, dt: date) -> RawDocument:
        folder = self.day_dir(dt).resolve()
        path = (folder / ref).resolve()
        if not path.is_relative_to(folder):
            raise ExtractError("read", "outside-inbox", f"{ref!r} points outside the inbox folder")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"the file is {size} bytes, more than the {MAX_FILE_BYTES} allowed"
            raise ExtractError("read", "too-large", message)
        return RawDocument(
            uri=str(path),
            source=self.name,
            body=path.read_bytes(),
            listing_date=dt,
        )

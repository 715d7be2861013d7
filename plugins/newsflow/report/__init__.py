"""The daily news report: `<data_root>/reports/dt=YYYY-MM-DD/index.html`, one
self-contained page per news day (charts as inline SVG), read from the lake's views.

The data root is a local folder or an object store (`s3://bucket/prefix`); reports are
written, listed and read through store/lakefiles.py, the same code for both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsflow.report.data import ReportData, gather
from newsflow.report.page import render
from newsflow.store.lakefiles import LakeFiles
from newsflow.store.objectstore import ObjectStore

__all__ = [
    "ReportData",
    "gather",
    "latest_day",
    "list_reports",
    "read_report",
    "render",
    "report_key",
    "report_path",
    "write_report",
]

REPORTS = "reports"
PAGE = "index.html"


def report_key(dt: date) -> str:
    """The report of news day `dt`, relative to the data root."""
    return f"{REPORTS}/dt={dt.isoformat()}/{PAGE}"


def report_path(data_root: Path | ObjectStore, dt: date) -> Path | str:
    """Where the report of `dt` lives: a Path in a local lake, an s3:// URL in a bucket."""
    return LakeFiles.of(data_root).location(report_key(dt))


def write_report(data_root: Path | ObjectStore, dt: date) -> Path | str:
    """Build the report for news day `dt` and put it in place whole: a local folder gets
    it written under a temporary name, then renamed; an object store in one PUT."""
    from newsflow.store.catalog import connect

    con = connect(data_root)
    try:
        html = render(gather(con, dt))
    finally:
        con.close()
    return LakeFiles.of(data_root).write(report_key(dt), html.encode("utf-8"))


def read_report(data_root: Path | ObjectStore, dt: date) -> bytes | None:
    """The report page of `dt` as written; None when there is none."""
    return LakeFiles.of(data_root).read(report_key(dt))


def latest_day(data_root: Path | ObjectStore) -> date | None:
    """The newest news day with any published data."""
    from newsflow.store.catalog import connect

    con = connect(data_root)
    try:
        return con.execute("select max(dt) from daily_stats").fetchall()[0][0]
    finally:
        con.close()


def list_reports(data_root: Path | ObjectStore) -> list[tuple[date, Path | str]]:
    """The reports written so far, newest first, with where each lives."""
    files = LakeFiles.of(data_root)
    found = []
    for key in files.glob(f"{REPORTS}/dt=*/{PAGE}"):
        try:
            day = date.fromisoformat(key.split("/")[1].removeprefix("dt="))
        except ValueError:
            continue
        found.append((day, files.location(key)))
    return sorted(found, reverse=True)

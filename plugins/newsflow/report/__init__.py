"""The daily news report: `<data_root>/reports/dt=YYYY-MM-DD/index.html`, one
self-contained page per news day (charts as inline SVG), read from the lake's views."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from newsflow.report.data import ReportData, gather
from newsflow.report.page import render

__all__ = ["ReportData", "gather", "latest_day", "list_reports", "render", "write_report"]

REPORTS = "reports"


def report_path(data_root: Path, dt: date) -> Path:
    return Path(data_root) / REPORTS / f"dt={dt.isoformat()}" / "index.html"


def write_report(data_root: Path, dt: date) -> Path:
    """Build the report for news day `dt` and swap it into place (write, then rename)."""
    from newsflow.store.catalog import connect

    con = connect(data_root)
    try:
        html = render(gather(con, dt))
    finally:
        con.close()
    path = report_path(data_root, dt)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return path


def latest_day(data_root: Path) -> date | None:
    """The newest news day with any published data."""
    from newsflow.store.catalog import connect

    con = connect(data_root)
    try:
        return con.execute("select max(dt) from daily_stats").fetchall()[0][0]
    finally:
        con.close()


def list_reports(data_root: Path) -> list[tuple[date, Path]]:
    """The reports written so far, newest first."""
    found = []
    for path in (Path(data_root) / REPORTS).glob("dt=*/index.html"):
        try:
            found.append((date.fromisoformat(path.parent.name[3:]), path))
        except ValueError:
            continue
    return sorted(found, reverse=True)

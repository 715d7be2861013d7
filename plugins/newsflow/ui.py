"""The newsflow page: lake health and the latest reports, as a small FastAPI app.

Airflow's newsflow plugin (plugins/newsflow_plugin.py) mounts this app in its
api-server and links it from the navigation; it runs as well on its own
(`uvicorn --factory newsflow.ui:create_app`). The lake is a local folder or an object
store: manifests, the catalog and the reports are read through store/lakefiles.py, the
same code for both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from newsflow.config import Settings
from newsflow.store.objectstore import ObjectStore

REPORTS_LISTED = 14


@dataclass(frozen=True, slots=True)
class SourceHealth:
    source: str
    last_day: date | None  # the newest news day published
    last_publish: datetime | None  # when that day's articles partition was swapped in
    last_run: str | None
    articles: int  # of the last day
    quotes: int
    rejects: int
    total_articles: int  # all days


@dataclass(frozen=True, slots=True)
class LakeHealth:
    data_root: Path | ObjectStore
    sources: tuple[SourceHealth, ...]
    reports: tuple[date, ...]  # newest first
    catalog: datetime | None  # when newsflow.duckdb was last rebuilt


def lake_health(data_root: Path | ObjectStore) -> LakeHealth:
    from newsflow.report import list_reports
    from newsflow.store import lake
    from newsflow.store.catalog import CATALOG, connect
    from newsflow.store.lakefiles import LakeFiles

    con = connect(data_root)
    try:
        rows = con.execute(
            """
            select source, dt, articles, quotes, rejects,
                   sum(articles) over (partition by source) as total
            from daily_stats
            qualify dt = max(dt) over (partition by source)
            order by source
            """
        ).fetchall()
    finally:
        con.close()
    files = LakeFiles.of(data_root)
    sources = []
    for source, dt, articles, quotes, rejects, total in rows:
        # the day's articles manifest, or its rejects' on a day with rejects only
        for dataset in ("articles", "rejects"):
            key = f"{lake.partition_key(dataset, dt, source)}/{lake.MANIFEST}"
            body = files.read(key)
            if body is not None:
                break
        manifest = json.loads(body) if body is not None else {}
        sources.append(
            SourceHealth(
                source=source,
                last_day=dt,
                last_publish=files.modified(key) if body is not None else None,
                last_run=manifest.get("run_id"),
                articles=articles,
                quotes=quotes,
                rejects=rejects,
                total_articles=int(total),
            )
        )
    reports = tuple(day for day, _ in list_reports(data_root)[:REPORTS_LISTED])
    return LakeHealth(
        data_root=files.data_root,
        sources=tuple(sources),
        reports=reports,
        catalog=files.modified(CATALOG),
    )


CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827;
       margin: 1.5rem; } h1 { margin: 0 0 .2rem; } h2 { margin-top: 1.8rem; }
.muted { color: #6b7280; } table { border-collapse: collapse; min-width: 60%; }
td, th { text-align: left; padding: .35rem .7rem; border-bottom: 1px solid #e5e7eb; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: #b91c1c; font-weight: 600; } ul.reports li { margin: .2rem 0; }
"""


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def render_page(health: LakeHealth, base: str = "") -> str:
    rows = "".join(
        f"<tr><td>{escape(s.source)}</td><td>{s.last_day or '-'}</td>"
        f"<td>{_when(s.last_publish)}</td><td>{escape(s.last_run or '-')}</td>"
        f"<td class='n'>{s.articles}</td><td class='n'>{s.quotes}</td>"
        f"<td class='n{' bad' if s.rejects else ''}'>{s.rejects}</td>"
        f"<td class='n'>{s.total_articles}</td></tr>"
        for s in health.sources
    )
    sources = (
        "<table><tr><th>source</th><th>last news day</th><th>last publish</th><th>run</th>"
        "<th>articles</th><th>quotes</th><th>rejects</th><th>articles, all days</th></tr>"
        f"{rows}</table>"
        if health.sources
        else "<p class='muted'>Nothing published yet: run news_ingest.</p>"
    )
    reports = (
        "<ul class='reports'>"
        + "".join(
            f"<li><a href='{base}/reports/{day}' target='_blank'>News report for {day}</a></li>"
            for day in health.reports
        )
        + "</ul>"
        if health.reports
        else "<p class='muted'>No report yet: news_analytics writes one after each publish.</p>"
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>newsflow</title><style>{CSS}</style></head><body>"
        "<h1>newsflow</h1>"
        f"<p class='muted'>Lake {escape(str(health.data_root))} · catalog rebuilt "
        f"{_when(health.catalog)}</p>"
        f"<h2>Latest reports</h2>{reports}"
        f"<h2>Lake health</h2>{sources}"
        "</body></html>"
    )


def create_app(settings: Callable[[], Settings] = Settings.from_env) -> FastAPI:
    """The app; `settings` is called per request, so a changed environment is picked up."""
    from newsflow.report import read_report

    app = FastAPI(title="newsflow", docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/", response_class=HTMLResponse)
    def page(request: Request) -> str:
        base = request.scope.get("root_path", "").rstrip("/")
        return render_page(lake_health(settings().data_root), base)

    @app.get("/reports/{day}")
    def report(day: str) -> Response:
        try:
            dt = date.fromisoformat(day)
        except ValueError:
            raise HTTPException(404, "no such day") from None
        page = read_report(settings().data_root, dt)  # a self-contained page, some 100 KB
        if page is None:
            raise HTTPException(404, f"no report for {dt}")
        return Response(page, media_type="text/html")

    @app.get("/health.json")
    def health() -> dict:
        h = lake_health(settings().data_root)
        return {
            "data_root": str(h.data_root),
            "catalog": h.catalog.isoformat() if h.catalog else None,
            "reports": [d.isoformat() for d in h.reports],
            "sources": [
                {
                    "source": s.source,
                    "last_day": s.last_day.isoformat() if s.last_day else None,
                    "last_publish": s.last_publish.isoformat() if s.last_publish else None,
                    "articles": s.articles,
                    "quotes": s.quotes,
                    "rejects": s.rejects,
                }
                for s in h.sources
            ],
        }

    return app

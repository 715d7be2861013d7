"""
### news_analytics

Runs after every publish of **news_ingest** (scheduled on its `newsflow.articles`,
`newsflow.quotes` and `newsflow.rejects` Assets):

1. **Refresh catalog**: rewrites `<data root>/newsflow.duckdb`, the DuckDB views over
   the lake.
2. **Write report**: the daily report for each news day the triggering publishes covered,
   `<data root>/reports/dt=YYYY-MM-DD/index.html`: one self-contained page with charts
   (articles per source and day, top speakers and their most quoted lines, new
   speakers, languages, reject reasons, a 30-day trend).

A manual run reports the *News day* of its form, else its logical date, else the newest
day in the lake. The newsflow page of the Airflow UI lists the reports.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, Param, dag, get_current_context, task

ASSETS = [Asset(f"newsflow.{name}") for name in ("articles", "quotes", "rejects")]


def _settings():
    """The settings as every Airflow process builds them (the lake's connection included)."""
    from newsflow_plugin import newsflow_settings  # plugins/ is on every worker's sys.path

    return newsflow_settings()


def _days() -> list[str]:
    """The news days to report: those the triggering Asset events name, else the form's
    day, else the run's logical date (empty: the newest day in the lake)."""
    context = get_current_context()
    days = set()
    for events in (context.get("triggering_asset_events") or {}).values():
        days.update(str(e.extra["dt"]) for e in events if (e.extra or {}).get("dt"))
    if not days and context["params"].get("news_day"):
        days.add(str(context["params"]["news_day"]))
    if not days and context.get("logical_date"):
        days.add(context["logical_date"].astimezone(UTC).date().isoformat())
    return sorted(days)


@dag(
    dag_id="news_analytics",
    dag_display_name="News analytics",
    doc_md=__doc__,
    schedule=ASSETS,
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newsflow", "analytics"],
    default_args={"owner": "newsflow", "retries": 2, "retry_delay": timedelta(seconds=30)},
    params={
        "news_day": Param(
            None,
            type=["null", "string"],
            format="date",
            title="News day",
            description="Day to report (YYYY-MM-DD). Empty: the days the publish covered.",
        ),
    },
)
def news_analytics():
    @task(task_display_name="Refresh catalog", doc_md="Rewrites the DuckDB catalog.")
    def refresh_catalog() -> str:
        from newsflow import pipeline

        return pipeline.refresh_catalog(_settings())

    @task(task_display_name="Write report", doc_md="Writes the daily report page(s).")
    def write_report() -> list[str]:
        from newsflow import pipeline

        return pipeline.write_reports(_settings(), _days())

    refresh_catalog() >> write_report()


news_analytics()

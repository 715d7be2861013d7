"""
### news_ingest

Ingests one **news day** per run into the newsflow lake:

1. **Discover documents**: lists every configured source's documents for the day
   (`include/sources.yaml`, or `$NEWSFLOW_SOURCES`) and cuts them into batches.
2. **Extract batch** (one mapped task per batch): cleans each document, extracts the
   article's metadata and its quotes, and stages Parquet parts. A document that can't
   become an article is staged as a `rejects` row with its stage and reason.
3. **Publish**: swaps each `dt=/source=` partition of `articles`, `quotes` and
   `rejects` into the lake atomically; re-running a day replaces it.
4. **Check data quality**: schema, unique ids, and every discovered document accounted
   for as an article, a duplicate or a reject. Fails the run loudly otherwise.

The news day `dt` is the run's logical date: a scheduled or backfill run covers the day
that just ended. A manual run can name the day (and the sources) in the trigger form.
Query the result with `newsflow query "select * from articles"` or DuckDB.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from airflow.sdk import Asset, Param, dag, get_current_context, task
from airflow.timetables.interval import CronDataIntervalTimetable

PROJECT_HOME = Path(__file__).resolve().parent.parent
DATASETS = ("articles", "quotes", "rejects")
ASSETS = {name: Asset(f"newsflow.{name}") for name in DATASETS}


def _run() -> tuple:
    """The run's settings, news day and id, from the task context (called inside tasks)."""
    from datetime import date

    from newsflow.config import Settings

    context = get_current_context()
    settings = Settings.from_env(home=os.environ.get("NEWSFLOW_HOME") or PROJECT_HOME)
    day = context["params"].get("news_day")
    if day:
        dt = date.fromisoformat(str(day))
    else:
        logical = context.get("logical_date") or context["dag_run"].run_after
        dt = logical.astimezone(UTC).date()
    return settings, dt, context["run_id"]


@dag(
    dag_id="news_ingest",
    dag_display_name="News ingest",
    doc_md=__doc__,
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=4,
    tags=["newsflow", "ingest"],
    default_args={
        "owner": "newsflow",
        "retries": 3,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
    },
    params={
        "news_day": Param(
            None,
            type=["null", "string"],
            format="date",
            title="News day",
            description="Day to ingest (YYYY-MM-DD). Empty: the run's logical date.",
        ),
        "sources": Param(
            [],
            type="array",
            items={"type": "string"},
            title="Sources",
            description="Names of the sources to ingest. Empty: every configured source.",
        ),
    },
)
def news_ingest():
    @task(task_display_name="Discover documents", doc_md="Lists and batches the day's documents.")
    def discover() -> list[dict]:
        from newsflow import pipeline

        settings, dt, run_id = _run()
        only = get_current_context()["params"].get("sources") or None
        return [b.to_dict() for b in pipeline.plan(settings, dt, run_id, only)]

    @task(
        task_display_name="Extract batch",
        doc_md="Extracts one batch of documents and stages its rows.",
        map_index_template="{{ task.op_kwargs['batch']['source'] }} "
        "#{{ task.op_kwargs['batch']['index'] }}",
    )
    def extract_batch(batch: dict) -> dict:
        from newsflow import pipeline

        settings, dt, run_id = _run()
        return pipeline.process_batch(settings, dt, run_id, pipeline.Batch.from_dict(batch))

    @task(
        task_display_name="Publish partitions",
        doc_md="Atomically swaps the staged partitions into the lake.",
        trigger_rule="none_failed",
        outlets=list(ASSETS.values()),
    )
    def publish(*, outlet_events=None) -> dict:
        from newsflow import pipeline

        settings, dt, run_id = _run()
        published = pipeline.publish(settings, dt, run_id)
        for name, asset in ASSETS.items():
            rows = published.get(name, {})
            outlet_events[asset].extra = {
                "dt": dt.isoformat(), "rows": sum(rows.values()), "by_source": rows,
            }
        return published

    @task(
        task_display_name="Check data quality",
        doc_md="Fails the run when the published day breaks the data contract.",
        trigger_rule="none_failed",
        retries=0,
    )
    def check_quality() -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from newsflow import pipeline

        settings, dt, run_id = _run()
        try:
            return pipeline.check(settings, dt, run_id)
        except pipeline.DataQualityError as exc:
            raise AirflowFailException(str(exc)) from exc

    batches = discover()
    extracted = extract_batch.expand(batch=batches)
    published = publish()
    batches >> extracted >> published >> check_quality()


news_ingest()

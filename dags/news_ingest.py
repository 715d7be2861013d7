"""
### news_ingest

Ingests one **news day** per run into the newsflow lake:

1. **Start run** names the sources to ingest (`include/sources.yaml`, or
   `$NEWSFLOW_SOURCES`); **Discover documents** (one mapped task per source) lists each
   source's documents for the day (feed items, sitemap URLs, WARC records, inbox files)
   and cuts them into batches; **Collect batches** gathers them.
2. **Fetch lane** (`fetch_0`..`fetch_3`, one Airflow pool each): each web batch belongs
   to the lane its host group hashes to; a lane fetches its batches politely into the
   raw zone (robots.txt, rate limits, retries), one after another, and records each URL
   in `fetch_log`. A slow site queues behind itself, not in front of the others, and a
   retried lane resumes where it stopped (what is in the raw zone is not fetched again).
3. **Extract batch** (one mapped task per batch): cleans each document, extracts the
   article's metadata and its quotes, and stages Parquet parts. A document that can't
   become an article is staged as a `rejects` row with its stage and reason.
4. **Publish**: swaps each `dt=/source=` partition of `articles`, `quotes`, `rejects`,
   `fetch_log`, ... into the lake atomically; re-running a day replaces it.
5. **Check data quality**: schema, unique ids, and every discovered document accounted
   for as an article, a duplicate, a reject or a fetch failure. Fails the run otherwise.
6. **Refresh catalog**: rewrites `<data root>/newsflow.duckdb`, the DuckDB views over
   the lake (`duckdb data/newsflow.duckdb`).

The news day `dt` is the run's logical date: a scheduled or backfill run covers the day
that just ended. A manual run can name the day (and the sources) in the trigger form,
or re-extract the day from the raw zone without fetching.
Query the result with `newsflow query "select * from articles"` or DuckDB.
Publishing emits the `newsflow.<dataset>` Assets (with row counts) that `news_analytics`
is scheduled on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, Param, dag, get_current_context, task
from airflow.timetables.interval import CronDataIntervalTimetable

DATASETS = ("articles", "quotes", "rejects", "mentions")
ASSETS = {name: Asset(f"newsflow.{name}") for name in DATASETS}
# One pool per fetch lane (include/pools.json; `airflow pools import include/pools.json`).
FETCH_POOLS = ("newsflow_fetch_0", "newsflow_fetch_1", "newsflow_fetch_2", "newsflow_fetch_3")


def _run() -> tuple:
    """The run's settings, news day and id, from the task context (called inside tasks)."""
    from datetime import date

    from newsflow_plugin import newsflow_settings  # plugins/ is on every worker's sys.path

    context = get_current_context()
    settings = newsflow_settings()
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
        "from_raw": Param(
            False,
            type="boolean",
            title="From raw",
            description="Re-extract web and WARC sources from the raw zone; fetch nothing.",
        ),
    },
)
def news_ingest():
    @task(task_display_name="Start run", doc_md="Names the sources the run ingests.")
    def start() -> list[str]:
        from newsflow import pipeline

        settings, dt, run_id = _run()
        only = get_current_context()["params"].get("sources") or None
        return pipeline.start(settings, dt, run_id, only)

    @task(
        task_display_name="Discover documents",
        doc_md="Lists and batches one source's documents of the day.",
        map_index_template="{{ task.op_kwargs['source'] }}",
    )
    def discover(source: str) -> list[dict]:
        from newsflow import pipeline

        settings, dt, run_id = _run()
        from_raw = bool(get_current_context()["params"].get("from_raw"))
        return [b.to_dict() for b in pipeline.discover(settings, dt, run_id, source, from_raw)]

    @task(task_display_name="Collect batches", doc_md="Every source's batches, in one list.")
    def collect(discovered: list[list[dict]]) -> list[dict]:
        return [batch for found in discovered for batch in found]

    @task(
        task_display_name="Fetch lane",
        doc_md="Fetches the web batches of one lane (host groups hash to lanes, one pool "
        "each) into the raw zone, one batch after another, and logs every URL.",
    )
    def fetch(batches: list[dict], lane: int) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from newsflow import pipeline

        settings, dt, run_id = _run()
        found = [pipeline.Batch.from_dict(b) for b in batches]
        counts = pipeline.fetch_lane(settings, dt, run_id, found, lane, len(FETCH_POOLS))
        if not counts["batches"]:
            raise AirflowSkipException(f"no web batches in fetch lane {lane}")
        return counts

    @task(
        task_display_name="Extract batch",
        doc_md="Extracts one batch of documents and stages its rows.",
        trigger_rule="none_failed",  # fetch lanes without batches are skipped
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
                "dt": dt.isoformat(),
                "rows": sum(rows.values()),
                "by_source": rows,
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

    @task(
        task_display_name="Refresh catalog",
        doc_md="Rewrites the DuckDB catalog (views over every dataset) after the publish.",
        trigger_rule="none_failed",
    )
    def refresh_catalog() -> str:
        from newsflow import pipeline

        settings, _, _ = _run()
        return pipeline.refresh_catalog(settings)

    batches = collect(discover.expand(source=start()))
    fetched = [
        fetch.override(task_id=f"fetch_{i}", pool=pool)(batches, lane=i)
        for i, pool in enumerate(FETCH_POOLS)
    ]
    extracted = extract_batch.expand(batch=batches)
    published = publish()
    fetched >> extracted >> published >> [check_quality(), refresh_catalog()]


news_ingest()

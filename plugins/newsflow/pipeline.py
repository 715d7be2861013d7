"""The steps a run takes, as plain functions: plan -> process batches -> publish -> check.

The DAG calls these one task each; `newsflow ingest` calls `ingest`, which runs them in
order in one process. Steps hand each other small references (batch descriptors,
counts); documents and records stay on disk in the run's staging area.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import asdict, dataclass
from datetime import date

import pyarrow.parquet as pq

from newsflow.config import Settings
from newsflow.extract import EXTRACTOR_VERSION, extract
from newsflow.model import ExtractError, Reject
from newsflow.sources import open_source
from newsflow.store import lake, schema

log = logging.getLogger(__name__)

PLAN = "plan.json"


class DataQualityError(RuntimeError):
    """The published data breaks the contract: the run must fail loudly."""


@dataclass(frozen=True, slots=True)
class Batch:
    source: str
    index: int
    start: int  # slice of the source's planned references
    stop: int

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, value: dict) -> Batch:
        return cls(**value)


def default_run_id(dt: date) -> str:
    return f"ingest__{dt.isoformat()}"


def run_label(run_id: str, dt: date) -> str:
    """The run as rows record it: its kind and news day, never a wall-clock time, so that
    re-running a day gives identical Parquet ("manual__2026-02-05T10:31:07" ->
    "manual__2026-02-05")."""
    kind = run_id.split("__", 1)[0] if "__" in run_id else "run"
    return f"{kind}__{dt.isoformat()}"


def _staging(settings: Settings, dt: date, run_id: str) -> lake.Staging | lake.ObjectStaging:
    return lake.staging(settings.data_root, run_id, run_label(run_id, dt))


def plan(settings: Settings, dt: date, run_id: str, only: list[str] | None = None) -> list[Batch]:
    """Discover every source's documents for `dt`, record them, and cut them in batches."""
    staging = _staging(settings, dt, run_id)
    staging.clear()  # a re-planned run starts from nothing
    refs: dict[str, list[str]] = {}
    batches: list[Batch] = []
    for config in settings.sources(only):
        found = open_source(config, settings).discover(dt)
        refs[config.name] = found
        log.info("source %s: %d documents for %s", config.name, len(found), dt)
        for index, start in enumerate(range(0, len(found), settings.batch_size)):
            stop = min(start + settings.batch_size, len(found))
            batches.append(Batch(config.name, index, start, stop))
    staging.write_json(PLAN, {"dt": dt.isoformat(), "run_id": run_id, "sources": refs})
    return batches


def _reject(
    raw_uri: str, body: bytes | None, source: str, exc: BaseException, stage: str
) -> Reject:
    if isinstance(exc, ExtractError):
        stage, error_type, message = exc.stage, exc.error_type, exc.message
    elif isinstance(exc, OSError):
        error_type, message = "unreadable", f"{type(exc).__name__}: {exc}"
    else:
        error_type, message = "extractor-error", f"{type(exc).__name__}: {exc}"
    return Reject(
        raw_uri=raw_uri,
        raw_sha256=hashlib.sha256(body).hexdigest() if body is not None else None,
        stage=stage,
        error_type=error_type,
        message=message[:1000],
        source=source,
    )


def process_batch(settings: Settings, dt: date, run_id: str, batch: Batch) -> dict[str, int]:
    """Extract one batch and stage its articles, quotes and rejects (one part each)."""
    staging = _staging(settings, dt, run_id)
    refs = staging.read_json(PLAN)["sources"][batch.source][batch.start : batch.stop]
    config = next(c for c in settings.sources() if c.name == batch.source)
    source = open_source(config, settings)
    articles, quotes, mentions, rejects = [], [], [], []
    started = time.monotonic()
    for ref in refs:
        try:
            raw = source.load(ref, dt)
        except OSError as exc:
            rejects.append(_reject(ref, None, batch.source, exc, "read"))
            continue
        try:
            result = extract(raw, run_date=dt, run_id=run_label(run_id, dt))
        except RecursionError as exc:  # pathological nesting: the document, not the run
            rejects.append(_reject(raw.uri, raw.body, batch.source, exc, "parse"))
        except Exception as exc:  # noqa: BLE001 - a bad document is data, not a crash
            log.warning("reject %s: %s", raw.uri, exc)
            rejects.append(_reject(raw.uri, raw.body, batch.source, exc, "extract"))
        else:
            articles.append(result.article)
            quotes.extend(result.quotes)
            mentions.extend(result.mentions)
    staged = {"articles": articles, "quotes": quotes, "rejects": rejects, "mentions": mentions}
    for dataset, records in staged.items():
        staging.write(dataset, dt, batch.source, batch.index, schema.to_table(dataset, records))
    counts = {
        "documents": len(refs),
        "articles": len(articles),
        "quotes": len(quotes),
        "rejects": len(rejects),
        "mentions": len(mentions),
    }
    staging.write_json(f"batches/{batch.source}-{batch.index:05d}.json", counts)
    log.info(
        "batch %s/%d: %s in %.2fs", batch.source, batch.index, counts, time.monotonic() - started
    )
    return counts


def publish(settings: Settings, dt: date, run_id: str) -> dict[str, dict[str, int]]:
    """Swap every staged partition of the run into the lake; rows per dataset and source."""
    staging = _staging(settings, dt, run_id)
    sources = staging.read_json(PLAN)["sources"]
    published: dict[str, dict[str, int]] = {name: {} for name in schema.DATASETS}
    for source, refs in sources.items():
        for dataset in schema.DATASETS:
            manifest = lake.publish(
                staging,
                dataset,
                dt,
                source,
                extra={"documents": len(refs), "extractor_version": EXTRACTOR_VERSION},
            )
            published[dataset][source] = manifest["rows"]
            if manifest["duplicates_dropped"]:
                published.setdefault("duplicates", {})[source] = manifest["duplicates_dropped"]
    log.info("published %s: %s", dt, published)
    return published


def check(settings: Settings, dt: date, run_id: str) -> dict[str, dict[str, int]]:
    """Data-quality gate on what was published for `dt`: schema, unique keys, and every
    planned document accounted for as an article, a duplicate or a reject."""
    staging = _staging(settings, dt, run_id)
    sources = staging.read_json(PLAN)["sources"]
    problems: list[str] = []
    report: dict[str, dict[str, int]] = {}
    for source, refs in sources.items():
        counts = {"documents": len(refs), "duplicates": 0}
        article_ids: set[str] = set()
        for dataset, expected in schema.DATASETS.items():
            folder = lake.partition_name(settings.data_root, dataset, dt, source)
            files, filesystem = lake.published_files(settings.data_root, dataset, dt, source)
            key = schema.KEYS[dataset]
            keys: set[str] = set()
            rows = 0
            for path in files:
                # only the key columns, one row group at a time: memory stays flat
                parquet = pq.ParquetFile(path, filesystem=filesystem)
                if not parquet.schema_arrow.equals(expected, check_metadata=False):
                    problems.append(f"{path}: schema differs from the {dataset} contract")
                    continue
                columns = [key] + (["article_id"] if "article_id" in expected.names else [])
                for group in range(parquet.num_row_groups):
                    table = parquet.read_row_group(group, columns=columns)
                    values = table.column(key).to_pylist()
                    keys.update(values)
                    rows += len(values)
                    if dataset == "articles":
                        article_ids.update(values)
                    if dataset in ("quotes", "mentions"):
                        orphans = set(table.column("article_id").to_pylist()) - article_ids
                        if orphans:
                            problems.append(f"{path}: {len(orphans)} {dataset} of unknown articles")
            if len(keys) != rows:
                problems.append(f"{folder}: {key} is not unique")
            counts[dataset] = rows
            manifest = lake.manifest(settings.data_root, dataset, dt, source)
            if manifest and manifest["run_id"] != staging.label:
                problems.append(f"{folder}: published by {manifest['run_id']}, not {run_id}")
            if manifest:
                counts["duplicates"] += (
                    manifest["duplicates_dropped"] if dataset == "articles" else 0
                )
        accounted = counts["articles"] + counts["duplicates"] + counts["rejects"]
        if accounted != counts["documents"]:
            problems.append(
                f"source {source}: {counts['documents']} documents planned but "
                f"{counts['articles']} articles + {counts['duplicates']} duplicates + "
                f"{counts['rejects']} rejects = {accounted}"
            )
        report[source] = counts
    if problems:
        details = "\n  ".join(problems)
        raise DataQualityError(f"data-quality check failed for {dt}:\n  {details}")
    staging.clear()
    return report


def ingest(
    settings: Settings,
    dt: date,
    run_id: str | None = None,
    only: list[str] | None = None,
    workers: int = 1,
) -> dict[str, dict[str, int]]:
    """The whole run (what the DAG does, without Airflow): in this process, or with
    `workers` > 1 extracting batches in that many processes, as the DAG's mapped tasks
    do on several workers."""
    run_id = run_id or default_run_id(dt)
    batches = plan(settings, dt, run_id, only)
    if workers > 1 and len(batches) > 1:
        _process_in_pool(settings, dt, run_id, batches, workers)
    else:
        for batch in batches:
            process_batch(settings, dt, run_id, batch)
    publish(settings, dt, run_id)
    return check(settings, dt, run_id)


def _process_in_pool(
    settings: Settings, dt: date, run_id: str, batches: list[Batch], workers: int
) -> None:
    """Extract batches in a pool of processes; each holds one batch at a time. The
    forkserver start method keeps the children free of this process's threads."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(process_batch, settings, dt, run_id, b) for b in batches]
        for future in futures:
            future.result()  # the first failure fails the run, as a failed task would

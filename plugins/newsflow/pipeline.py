"""The steps a run takes, as plain functions: discover -> fetch -> extract -> publish ->
check.

Discovery lists each source's documents for the day (plans/<source>.json in the run's
staging area) and cuts them into batches; a batch of a web source is fetched into the
raw zone (store/raw.py), writing one fetch_log row per URL, then extracted from there.

The DAG calls these one task each; `newsflow ingest` calls `ingest`, which runs them in
order in one process. After a publish, `refresh_catalog` rewrites the DuckDB catalog.
Steps hand each other small references (batch descriptors, counts); documents and
records stay on disk in the run's staging area and the raw zone.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pyarrow.parquet as pq

from newsflow.config import RAW_KINDS, WEB_KINDS, Settings, SourceConfig
from newsflow.extract import EXTRACTOR_VERSION, extract
from newsflow.model import ExtractError, FetchRecord, Reject, RunRecord
from newsflow.sources import Discovery, SourceError, open_source
from newsflow.sources.fetch import FetchError
from newsflow.sources.seen import Seen
from newsflow.store import catalog, lake, schema
from newsflow.store.raw import RawZone

log = logging.getLogger(__name__)

PLANS = "plans"  # plans/<source>.json: the refs discovered, in the run's staging area
FETCHED = "fetched"  # fetched/<source>-<batch>.json: a fetched batch's counts and time
EXTRACTED = "batches"  # batches/<source>-<batch>.json: an extracted batch's counts and time
RUN = "run.json"  # when the run started
DISCOVERY_PART = 99_999  # the fetch_log part of the discovery step (batches count from 0)
PROGRESS_SECONDS = 30.0  # how often a long fetch logs how far it got


class DataQualityError(RuntimeError):
    """The published data breaks the contract: the run must fail loudly."""


@dataclass(frozen=True, slots=True)
class Batch:
    source: str
    index: int
    start: int  # slice of the source's planned references
    stop: int
    fetch: bool = False  # fetched over HTTP before extraction
    host_group: str = ""  # the hosts it fetches from: batches of one group share a pool

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


def _config(settings: Settings, name: str) -> SourceConfig:
    return next(c for c in settings.sources() if c.name == name)


def host_group(config: SourceConfig) -> str:
    """The host group a source fetches from: its `host_group`, else its listing's host,
    else its name."""
    if config.fetch.host_group:
        return config.fetch.host_group
    url = config.options.get("url")
    return urlsplit(url).netloc.lower() if isinstance(url, str) else config.name


def start(settings: Settings, dt: date, run_id: str, only: list[str] | None = None) -> list[str]:
    """Begin a run: an empty staging area; the names of the sources to ingest."""
    staging = _staging(settings, dt, run_id)
    staging.clear()  # a re-planned run starts from nothing
    names = [config.name for config in settings.sources(only)]
    staging.write_json(RUN, {"started_at": datetime.now(UTC).isoformat()})
    return names


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def discover(
    settings: Settings, dt: date, run_id: str, source: str, from_raw: bool = False
) -> list[Batch]:
    """List one source's documents for `dt`, record them, and cut them in batches.
    `from_raw`: the documents the raw zone already holds for the day, nothing fetched."""
    started = time.monotonic()
    staging = _staging(settings, dt, run_id)
    config = _config(settings, source)
    from_raw = from_raw and config.kind in RAW_KINDS
    if from_raw:
        found = Discovery(refs=tuple(RawZone(settings.state_root, dt, source).refs()))
    else:
        try:
            found = open_source(config, settings).discover(dt)
        except SourceError as exc:
            raise SourceError(f"source {source!r}: {exc}") from None
        table = schema.to_table("fetch_log", found.fetches)
        staging.write("fetch_log", dt, source, DISCOVERY_PART, table)
    refs = list(found.refs)
    log.info("source %s: %d documents for %s", source, len(refs), dt)
    staging.write_json(
        f"{PLANS}/{source}.json",
        {
            "refs": refs,
            "claims": list(found.claims),
            "from_raw": from_raw,
            "kind": config.kind,
            "elapsed_ms": _ms(started),
        },
    )
    fetch = config.kind in WEB_KINDS and not from_raw
    return [
        Batch(
            source,
            index,
            begin,
            min(begin + settings.batch_size, len(refs)),
            fetch,
            host_group(config),
        )
        for index, begin in enumerate(range(0, len(refs), settings.batch_size))
    ]


def plan(
    settings: Settings,
    dt: date,
    run_id: str,
    only: list[str] | None = None,
    from_raw: bool = False,
) -> list[Batch]:
    """Start the run and discover every source's documents (what the DAG maps per source)."""
    names = start(settings, dt, run_id, only)
    return [b for name in names for b in discover(settings, dt, run_id, name, from_raw)]


def planned(settings: Settings, dt: date, run_id: str) -> dict[str, dict]:
    """Each discovered source's plan: refs, claims, from_raw, kind."""
    staging = _staging(settings, dt, run_id)
    return {
        p.stem: staging.read_json(f"{PLANS}/{p.name}")
        for p in staging.json_files(f"{PLANS}/*.json")
    }


def lane(batch: Batch, lanes: int) -> int | None:
    """The fetch lane (one Airflow pool each) of a batch, None when it fetches nothing. A
    host group always lands in the same lane, so its batches queue behind each other,
    not in front of other hosts."""
    if not batch.fetch:
        return None
    return zlib.crc32(batch.host_group.encode("utf-8")) % lanes


def fetch_lane(
    settings: Settings, dt: date, run_id: str, batches: list[Batch], index: int, lanes: int
) -> dict[str, int]:
    """Fetch, one after another, the batches of lane `index` of `lanes`; summed counts."""
    total: dict[str, int] = {"batches": 0}
    for batch in batches:
        if lane(batch, lanes) == index:
            total["batches"] += 1
            for key, value in fetch_batch(settings, dt, run_id, batch).items():
                total[key] = total.get(key, 0) + value
    return total


def _refs(settings: Settings, dt: date, run_id: str, batch: Batch) -> list[str]:
    plan_ = _staging(settings, dt, run_id).read_json(f"{PLANS}/{batch.source}.json")
    return plan_["refs"][batch.start : batch.stop]


def fetch_batch(settings: Settings, dt: date, run_id: str, batch: Batch) -> dict[str, int]:
    """Fetch a batch's documents into the raw zone and stage its fetch_log rows. A
    document already in the raw zone (an earlier attempt, a re-run) is not fetched again;
    a document that can't be fetched is a fetch_log row with its error."""
    if not batch.fetch:
        return {"documents": 0}
    staging = _staging(settings, dt, run_id)
    refs = _refs(settings, dt, run_id, batch)
    source = open_source(_config(settings, batch.source), settings)
    raw = RawZone(settings.state_root, dt, batch.source)
    records: list[FetchRecord] = []
    started = last_report = time.monotonic()
    for done, ref in enumerate(refs, 1):
        entry = raw.entry(ref)
        if entry is not None:
            records.append(
                FetchRecord(ref, entry.url, entry.status, 0, entry.bytes, 0, from_cache=True)
            )
        else:
            try:
                doc, record = source.fetch(ref, dt)
            except FetchError as exc:
                record = exc.record
                log.warning("not fetched %s: %s: %s", ref, record.error_type, record.error)
            else:
                raw.put(doc, status=record.status)
            records.append(record)
        if time.monotonic() - last_report > PROGRESS_SECONDS:
            last_report = time.monotonic()
            failed = sum(1 for r in records if r.error_type)
            log.info(
                "batch %s/%d: %d/%d fetched, %d failed",
                batch.source,
                batch.index,
                done,
                len(refs),
                failed,
            )
    for record in source.fetcher.log:  # robots.txt fetches
        records.append(record)
    staging.write("fetch_log", dt, batch.source, batch.index, schema.to_table("fetch_log", records))
    counts = {
        "documents": len(refs),
        "fetched": sum(1 for r in records if r.kind == "article" and not r.error_type),
        "from_cache": sum(1 for r in records if r.kind == "article" and r.from_cache),
        "failed": sum(1 for r in records if r.kind == "article" and r.error_type),
    }
    staging.write_json(
        f"{FETCHED}/{batch.source}-{batch.index:05d}.json", {**counts, "elapsed_ms": _ms(started)}
    )
    log.info(
        "fetch %s/%d: %s in %.2fs", batch.source, batch.index, counts, time.monotonic() - started
    )
    return counts


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
    """Extract one batch and stage its articles, quotes and rejects (one part each).
    Documents of web and WARC sources are read from the raw zone; one that isn't there
    failed to fetch and is accounted for by its fetch_log row."""
    staging = _staging(settings, dt, run_id)
    refs = _refs(settings, dt, run_id, batch)
    config = _config(settings, batch.source)
    source = open_source(config, settings) if config.kind not in RAW_KINDS else None
    raw = RawZone(settings.state_root, dt, batch.source)
    articles, quotes, mentions, rejects = [], [], [], []
    unfetched = 0
    started = time.monotonic()
    for ref in refs:
        if source is None:
            doc = raw.get(ref)
            if doc is None:
                unfetched += 1
                continue
        else:
            try:
                doc = source.load(ref, dt)
            except (OSError, ExtractError) as exc:
                rejects.append(_reject(ref, None, batch.source, exc, "read"))
                continue
        try:
            result = extract(doc, run_date=dt, run_id=run_label(run_id, dt))
        except RecursionError as exc:  # pathological nesting: the document, not the run
            rejects.append(_reject(doc.uri, doc.body, batch.source, exc, "parse"))
        except Exception as exc:  # noqa: BLE001 - a bad document is data, not a crash
            log.warning("reject %s: %s", doc.uri, exc)
            rejects.append(_reject(doc.uri, doc.body, batch.source, exc, "extract"))
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
        "not_fetched": unfetched,
    }
    staging.write_json(
        f"{EXTRACTED}/{batch.source}-{batch.index:05d}.json", {**counts, "elapsed_ms": _ms(started)}
    )
    log.info(
        "batch %s/%d: %s in %.2fs", batch.source, batch.index, counts, time.monotonic() - started
    )
    return counts


def publish(settings: Settings, dt: date, run_id: str) -> dict[str, dict[str, int]]:
    """Swap every staged partition of the run into the lake; rows per dataset and source.
    A run re-extracting from the raw zone keeps the fetch_log of the run that fetched.
    Undated feed items the run took are remembered as taken (sources/seen.py)."""
    staging = _staging(settings, dt, run_id)
    published: dict[str, dict[str, int]] = {name: {} for name in schema.DATASETS}
    extra = {"extractor_version": EXTRACTOR_VERSION}
    for source, plan_ in planned(settings, dt, run_id).items():
        started = time.monotonic()
        extra["documents"] = len(plan_["refs"])
        manifests = {}
        for dataset in schema.DATASETS:
            if dataset == "runs" or (dataset == "fetch_log" and plan_["from_raw"]):
                continue
            manifests[dataset] = lake.publish(staging, dataset, dt, source, extra=extra)
        record = _run_record(settings, dt, staging, source, plan_, manifests, _ms(started))
        staging.write("runs", dt, source, 0, schema.to_table("runs", [record]))
        manifests["runs"] = lake.publish(staging, "runs", dt, source, extra=extra)
        for dataset, manifest in manifests.items():
            published[dataset][source] = manifest["rows"]
        if record.duplicates:
            published.setdefault("duplicates", {})[source] = record.duplicates
        Seen(settings.state_root / "_state" / source).claim(plan_["claims"], dt)
    log.info("published %s: %s", dt, published)
    return published


def _elapsed(staging: lake.Staging | lake.ObjectStaging, folder: str, source: str) -> int:
    """Milliseconds the batches of `source` spent in a step (fetched/ or batches/)."""
    total = 0
    for path in staging.json_files(f"{folder}/*.json"):
        if path.stem.rsplit("-", 1)[0] == source:
            total += int(staging.read_json(f"{folder}/{path.name}").get("elapsed_ms", 0))
    return total


def _run_record(
    settings: Settings,
    dt: date,
    staging: lake.Staging | lake.ObjectStaging,
    source: str,
    plan_: dict,
    manifests: dict[str, dict],
    publish_ms: int,
) -> RunRecord:
    """The runs row of a source: its outcomes as published, and its steps' times."""
    fetch_failures, listing_failures = _failures(settings, dt, source, plan_["refs"])
    try:
        started_at = datetime.fromisoformat(staging.read_json(RUN)["started_at"])
    except (OSError, KeyError, ValueError):  # a run planned before runs were recorded
        started_at = None
    return RunRecord(
        run_id=staging.label,
        discovered=len(plan_["refs"]),
        articles=manifests["articles"]["rows"],
        duplicates=manifests["articles"]["duplicates_dropped"],
        rejects=manifests["rejects"]["rows"],
        fetch_failures=fetch_failures,
        quotes=manifests["quotes"]["rows"],
        mentions=manifests["mentions"]["rows"],
        listing_failures=0 if plan_["from_raw"] else listing_failures,
        from_raw=plan_["from_raw"],
        extractor_version=EXTRACTOR_VERSION,
        started_at=started_at,
        published_at=datetime.now(UTC),
        discover_ms=int(plan_.get("elapsed_ms", 0)),
        fetch_ms=_elapsed(staging, FETCHED, source),
        extract_ms=_elapsed(staging, EXTRACTED, source),
        publish_ms=publish_ms,
    )


def _failures(settings: Settings, dt: date, source: str, refs: list[str]) -> tuple[int, int]:
    """(planned documents whose fetch failed, listings that failed), from the published
    fetch_log."""
    files, filesystem = lake.published_files(settings.data_root, "fetch_log", dt, source)
    failed: set[str] = set()
    listings = 0
    for path in files:
        columns = ["url", "error_type", "kind"]
        rows = pq.read_table(path, columns=columns, filesystem=filesystem).to_pylist()
        failed.update(r["url"] for r in rows if r["error_type"] and r["kind"] == "article")
        listings += sum(1 for r in rows if r["error_type"] and r["kind"] == "listing")
    return len(failed & set(refs)), listings


def _runs_row(settings: Settings, dt: date, source: str) -> dict | None:
    files, filesystem = lake.published_files(settings.data_root, "runs", dt, source)
    rows = [r for f in files for r in pq.read_table(f, filesystem=filesystem).to_pylist()]
    return rows[0] if len(rows) == 1 else None


def check(settings: Settings, dt: date, run_id: str) -> dict[str, dict[str, int]]:
    """Data-quality gate on what was published for `dt`: schema, unique keys, and every
    planned document accounted for as an article, a duplicate, a reject or a fetch
    failure."""
    staging = _staging(settings, dt, run_id)
    problems: list[str] = []
    report: dict[str, dict[str, int]] = {}
    for source, plan_ in planned(settings, dt, run_id).items():
        refs = plan_["refs"]
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
            kept = dataset == "fetch_log" and plan_["from_raw"]
            if manifest and manifest["run_id"] != staging.label and not kept:
                problems.append(f"{folder}: published by {manifest['run_id']}, not {run_id}")
            if manifest and dataset == "articles":
                counts["duplicates"] += manifest["duplicates_dropped"]
        counts["fetch_failures"], counts["listing_failures"] = _failures(settings, dt, source, refs)
        accounted = (
            counts["articles"] + counts["duplicates"] + counts["rejects"] + counts["fetch_failures"]
        )
        if accounted != counts["documents"]:
            problems.append(
                f"source {source}: {counts['documents']} documents planned but "
                f"{counts['articles']} articles + {counts['duplicates']} duplicates + "
                f"{counts['rejects']} rejects + {counts['fetch_failures']} fetch failures "
                f"= {accounted}"
            )
        problems += _check_runs_row(settings, dt, source, staging.label, counts)
        report[source] = counts
    if problems:
        details = "\n  ".join(problems)
        raise DataQualityError(f"data-quality check failed for {dt}:\n  {details}")
    staging.clear()
    return report


def _check_runs_row(
    settings: Settings, dt: date, source: str, label: str, counts: dict[str, int]
) -> list[str]:
    """The runs row of the source says what the data says, and adds up."""
    row = _runs_row(settings, dt, source)
    folder = lake.partition_name(settings.data_root, "runs", dt, source)
    if row is None:
        return [f"{folder}: no single runs row for the run"]
    problems = []
    if row["run_id"] != label:
        problems.append(f"{folder}: the runs row is of {row['run_id']}, not {label}")
    expected = {
        "discovered": counts["documents"],
        **{k: counts[k] for k in ("articles", "duplicates", "rejects", "fetch_failures")},
        "quotes": counts["quotes"],
        "mentions": counts["mentions"],
    }
    wrong = {k: (row[k], v) for k, v in expected.items() if row[k] != v}
    if wrong:
        problems.append(f"{folder}: the runs row differs from the data (row, data): {wrong}")
    accounted = row["articles"] + row["duplicates"] + row["rejects"] + row["fetch_failures"]
    if accounted != row["discovered"]:
        problems.append(f"{folder}: {row['discovered']} discovered but {accounted} accounted for")
    return problems


def refresh_catalog(settings: Settings) -> str:
    """Rewrite `<data_root>/newsflow.duckdb`, the views over every dataset (atomically)."""
    path = catalog.build(settings.data_root)
    log.info("catalog %s", path)
    return str(path)


def write_reports(settings: Settings, days: list[str | date]) -> list[str]:
    """Write the daily report of each news day (none given: the newest day in the lake)."""
    from newsflow import report

    dts = [d if isinstance(d, date) else date.fromisoformat(d) for d in days]
    if not dts:
        newest = report.latest_day(settings.data_root)
        dts = [newest] if newest else []
    paths = [str(report.write_report(settings.data_root, dt)) for dt in dts]
    for path in paths:
        log.info("report %s", path)
    return paths


# ingest's progress: (step, documents done, documents planned); steps are "extract",
# "publish", "catalog", "check"
Progress = Callable[[str, int, int], None]


def ingest(
    settings: Settings,
    dt: date,
    run_id: str | None = None,
    only: list[str] | None = None,
    from_raw: bool = False,
    workers: int = 1,
    progress: Progress | None = None,
) -> dict[str, dict[str, int]]:
    """The whole run (what the DAG does, without Airflow): in this process, or with
    `workers` > 1 extracting batches in that many processes, as the DAG's mapped tasks
    do on several workers. `progress` hears how far it got."""
    run_id = run_id or default_run_id(dt)
    batches = plan(settings, dt, run_id, only, from_raw)
    for batch in batches:
        fetch_batch(settings, dt, run_id, batch)
    report = progress or (lambda step, done, total: None)
    total = sum(b.stop - b.start for b in batches)
    done = 0
    report("extract", done, total)
    if workers > 1 and len(batches) > 1:
        for batch in _process_in_pool(settings, dt, run_id, batches, workers):
            done += batch.stop - batch.start
            report("extract", done, total)
    else:
        for batch in batches:
            process_batch(settings, dt, run_id, batch)
            done += batch.stop - batch.start
            report("extract", done, total)
    report("publish", done, total)
    publish(settings, dt, run_id)
    report("catalog", done, total)
    refresh_catalog(settings)
    report("check", done, total)
    return check(settings, dt, run_id)


def _process_in_pool(
    settings: Settings, dt: date, run_id: str, batches: list[Batch], workers: int
) -> Iterator[Batch]:
    """Extract batches in a pool of processes; each holds one batch at a time, and each
    finished batch is yielded. The forkserver start method keeps the children free of
    this process's threads."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(process_batch, settings, dt, run_id, b): b for b in batches}
        for future in as_completed(futures):
            future.result()  # the first failure fails the run, as a failed task would
            yield futures[future]

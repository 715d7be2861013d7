"""The data contract: every dataset's columns, declared once, with a version.

Partition columns (dt, source) live in the Hive path, not in the files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1"

_TS = pa.timestamp("us", tz="UTC")
_STRINGS = pa.list_(pa.string())

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("title", pa.string()),
        pa.field("description", pa.string()),
        pa.field("authors", _STRINGS),
        pa.field("publisher", pa.string()),
        pa.field("published_at", _TS),
        pa.field("published_at_source", pa.string()),
        pa.field("modified_at", _TS),
        pa.field("language", pa.string()),
        pa.field("dateline", pa.string()),
        pa.field("section", pa.string()),
        pa.field("tags", _STRINGS),
        pa.field("image_url", pa.string()),
        pa.field("lead", pa.string()),
        pa.field("body_text", pa.string(), nullable=False),
        pa.field("headings", _STRINGS),
        pa.field("captions", _STRINGS),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("quote_count", pa.int32(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("fetched_at", _TS),
        pa.field("raw_uri", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("run_id", pa.string()),
    ]
)

QUOTES = pa.schema(
    [
        pa.field("quote_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("speaker", pa.string()),
        pa.field("speaker_mention", pa.string()),
        pa.field("speaker_title", pa.string()),
        pa.field("cue", pa.string()),
        pa.field("paragraph_index", pa.int32(), nullable=False),
        pa.field("start_char", pa.int32(), nullable=False),
        pa.field("end_char", pa.int32(), nullable=False),
        pa.field("confidence", pa.float32(), nullable=False),
        pa.field("published_at", _TS),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("raw_uri", pa.string(), nullable=False),
        pa.field("raw_sha256", pa.string()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("error_type", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)

MENTIONS = pa.schema(
    [
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("count", pa.int32(), nullable=False),
        pa.field("first_char", pa.int32(), nullable=False),
    ]
)

FETCH_LOG = pa.schema(
    [
        pa.field("url", pa.string(), nullable=False),
        pa.field("final_url", pa.string()),
        pa.field("status", pa.int32()),
        pa.field("attempts", pa.int32(), nullable=False),
        pa.field("bytes", pa.int64(), nullable=False),
        pa.field("elapsed_ms", pa.int64(), nullable=False),
        pa.field("from_cache", pa.bool_(), nullable=False),
        pa.field("error_type", pa.string()),
        pa.field("error", pa.string()),
        pa.field("kind", pa.string(), nullable=False),
    ]
)

# one row per run and source: what became of every document the run discovered
# (discovered = articles + duplicates + rejects + fetch_failures) and how long each step
# took. The only dataset that records wall-clock time, so the only one a re-run changes.
RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),  # as articles.run_id
        pa.field("discovered", pa.int64(), nullable=False),  # documents listed for the day
        pa.field("articles", pa.int64(), nullable=False),
        pa.field("duplicates", pa.int64(), nullable=False),  # repeats of an article_id dropped
        pa.field("rejects", pa.int64(), nullable=False),
        pa.field("fetch_failures", pa.int64(), nullable=False),  # discovered, not fetched
        pa.field("quotes", pa.int64(), nullable=False),
        pa.field("mentions", pa.int64(), nullable=False),
        pa.field("listing_failures", pa.int64(), nullable=False),  # feeds, sitemaps, archives
        pa.field("from_raw", pa.bool_(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("started_at", _TS),
        pa.field("published_at", _TS),
        pa.field("discover_ms", pa.int64(), nullable=False),  # summed over the step's tasks
        pa.field("fetch_ms", pa.int64(), nullable=False),
        pa.field("extract_ms", pa.int64(), nullable=False),
        pa.field("publish_ms", pa.int64(), nullable=False),
    ]
)

DATASETS: dict[str, pa.Schema] = {
    name: schema.with_metadata(
        {"newsflow.dataset": name, "newsflow.schema_version": SCHEMA_VERSION}
    )
    for name, schema in {
        "articles": ARTICLES,
        "quotes": QUOTES,
        "rejects": REJECTS,
        "mentions": MENTIONS,
        "fetch_log": FETCH_LOG,
        "runs": RUNS,
    }.items()
}

# the column each dataset is unique on
KEYS = {
    "articles": "article_id",
    "quotes": "quote_id",
    "rejects": "raw_uri",
    "mentions": "mention_id",
    "fetch_log": "url",
    "runs": "run_id",
}


def _row(record: Any) -> dict[str, Any]:
    row = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}


def to_table(dataset: str, records: Iterable[Any]) -> pa.Table:
    """Records (model dataclasses) -> a table of the dataset's exact schema."""
    schema = DATASETS[dataset]
    rows = [_row(r) for r in records]
    table = pa.Table.from_pylist(
        [{name: row.get(name) for name in schema.names} for row in rows], schema=schema
    )
    for field in schema:
        if not field.nullable and table.column(field.name).null_count:
            raise ValueError(f"{dataset}.{field.name} is required but some rows have none")
    return table

"""DuckDB over the lake: the analyst views of include/sql/views.sql.

On an object store (data root `s3://bucket/prefix`) a dataset's files are the ones its
partitions' manifests name (store/objectlake.py), listed explicitly: a query never sees
a file a newer publish retired. DuckDB reads them through the same s3fs filesystem as
the pipeline writes with (no extension to download).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from newsflow.store.objectstore import ObjectStore
from newsflow.store.schema import DATASETS

VIEWS_SQL = Path(__file__).resolve().parents[3] / "include" / "sql" / "views.sql"
PARTITION_COLUMNS = (("dt", "DATE"), ("source", "VARCHAR"))

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.bool_(): "BOOLEAN",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float32(): "FLOAT",
    pa.float64(): "DOUBLE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _read_parquet(files: str) -> str:
    return (
        f"read_parquet({files}, hive_partitioning = true, "
        "hive_types = {'dt': DATE, 'source': VARCHAR}, union_by_name = true)"
    )


def relation(data_root: Path | ObjectStore, dataset: str) -> str:
    """SQL for a dataset's rows: its Parquet files, or an empty relation of its columns."""
    if isinstance(data_root, ObjectStore):
        from newsflow.store import objectlake

        urls = [
            f"s3://{folder}/{name}"
            for folder, manifest in objectlake.manifests(data_root, dataset)
            for name in manifest.get("files", [])
        ]
        if urls:
            return _read_parquet("[" + ", ".join(_sql_string(u) for u in urls) + "]")
    elif any(Path(data_root, dataset).glob("dt=*/source=*/*.parquet")):
        return _read_parquet(_sql_string(f"{data_root}/{dataset}/dt=*/source=*/*.parquet"))
    columns = [(f.name, _DUCKDB_TYPES[f.type]) for f in DATASETS[dataset]]
    columns += PARTITION_COLUMNS
    select = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in columns)
    return f"(SELECT {select} WHERE false)"


def connect(
    data_root: Path | ObjectStore, database: str = ":memory:"
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the views defined over `data_root`, timestamps in UTC."""
    con = duckdb.connect(database)
    con.execute("SET TimeZone = 'UTC'")
    root = data_root if isinstance(data_root, ObjectStore) else Path(data_root).resolve()
    if isinstance(root, ObjectStore):
        con.register_filesystem(root.filesystem())
    sql = VIEWS_SQL.read_text(encoding="utf-8")
    for dataset in DATASETS:
        sql = sql.replace("{" + dataset + "}", relation(root, dataset))
    con.execute(sql)
    return con

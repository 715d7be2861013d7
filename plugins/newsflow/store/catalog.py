"""DuckDB over the lake: one view per dataset, the analyst views of include/sql/views.sql,
and the catalog file `<data_root>/newsflow.duckdb` that holds them for any DuckDB.

Every dataset declared in store/schema.py gets a view of its name (all its rows, with
the dt and source partition columns); views.sql then adds and refines views, naming a
dataset's files as {dataset}. Paths are absolute, so the catalog works from any folder.

On an object store (data root `s3://bucket/prefix`) a dataset's files are the ones its
partitions' manifests name (store/objectlake.py), listed explicitly: a query never sees
a file a newer publish retired. DuckDB reads them through the same s3fs filesystem as
the pipeline writes with (no extension to download).
"""

from __future__ import annotations

import os
import tempfile
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


CATALOG = "newsflow.duckdb"
# The file format the catalog is written in: old enough for the duckdb CLI (the
# duckdb-cli package can trail the Python package), new enough for every view here.
STORAGE = "v1.4.0"


def views_sql(data_root: Path | ObjectStore) -> str:
    """The SQL that defines every view over `data_root`."""
    root = data_root if isinstance(data_root, ObjectStore) else Path(data_root).resolve()
    relations = {dataset: relation(root, dataset) for dataset in DATASETS}
    sql = "".join(
        f"CREATE OR REPLACE VIEW {dataset} AS SELECT * FROM {rel};\n"
        for dataset, rel in relations.items()
    )
    sql += VIEWS_SQL.read_text(encoding="utf-8")
    for dataset, rel in relations.items():
        sql = sql.replace("{" + dataset + "}", rel)
    return sql


def connect(data_root: Path | ObjectStore, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the views defined over `data_root`, timestamps in UTC."""
    con = duckdb.connect(database)
    con.execute("SET TimeZone = 'UTC'")
    if isinstance(data_root, ObjectStore):
        con.register_filesystem(data_root.filesystem())
    con.execute(views_sql(data_root))
    return con


def catalog_path(data_root: Path) -> Path:
    return Path(data_root).resolve() / CATALOG


def build(data_root: Path | ObjectStore) -> Path | str:
    """(Re)write `<data_root>/newsflow.duckdb`: written under a temporary name, then
    renamed over the old one, so a reader sees the old catalog or the new, never half.
    On an object store it is built locally and uploaded (one object, replaced whole);
    its views name s3:// files, for a DuckDB with httpfs and an S3 secret."""
    if isinstance(data_root, ObjectStore):
        with tempfile.TemporaryDirectory(prefix="newsflow-catalog-") as folder:
            local = _write(Path(folder) / CATALOG, data_root)
            data_root.filesystem().put_file(str(local), data_root.path(CATALOG))
        return data_root.url(CATALOG)
    return _write(catalog_path(data_root), data_root)


def _write(target: Path, data_root: Path | ObjectStore) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{CATALOG}.{os.getpid()}.tmp")
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        path.unlink(missing_ok=True)
    con = duckdb.connect()
    if isinstance(data_root, ObjectStore):
        con.register_filesystem(data_root.filesystem())  # views bind to their files' columns
    try:
        con.execute(
            f"ATTACH {_sql_string(str(tmp))} AS catalog (STORAGE_VERSION {_sql_string(STORAGE)})"
        )
        con.execute("USE catalog")
        con.execute(views_sql(data_root))
        con.execute("CHECKPOINT")
        con.execute("USE memory")
        con.execute("DETACH catalog")
    finally:
        con.close()
    os.replace(tmp, target)
    return target

"""DuckDB over the lake: the analyst views of include/sql/views.sql."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from newsflow.store.schema import DATASETS

VIEWS_SQL = Path(__file__).resolve().parents[3] / "include" / "sql" / "views.sql"
PARTITION_COLUMNS = (("dt", "DATE"), ("source", "VARCHAR"))

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float32(): "FLOAT",
    pa.float64(): "DOUBLE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def relation(data_root: Path, dataset: str) -> str:
    """SQL for a dataset's rows: its Parquet files, or an empty relation of its columns."""
    pattern = f"{data_root}/{dataset}/dt=*/source=*/*.parquet"
    if any(Path(data_root, dataset).glob("dt=*/source=*/*.parquet")):
        return (
            f"read_parquet({_sql_string(pattern)}, hive_partitioning = true, "
            "hive_types = {'dt': DATE, 'source': VARCHAR}, union_by_name = true)"
        )
    columns = [(f.name, _DUCKDB_TYPES[f.type]) for f in DATASETS[dataset]]
    columns += PARTITION_COLUMNS
    select = ", ".join(f"CAST(NULL AS {t}) AS {n}" for n, t in columns)
    return f"(SELECT {select} WHERE false)"


def connect(data_root: Path, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the views defined over `data_root`, timestamps in UTC."""
    con = duckdb.connect(database)
    con.execute("SET TimeZone = 'UTC'")
    sql = VIEWS_SQL.read_text(encoding="utf-8")
    for dataset in DATASETS:
        sql = sql.replace("{" + dataset + "}", relation(Path(data_root).resolve(), dataset))
    con.execute(sql)
    return con

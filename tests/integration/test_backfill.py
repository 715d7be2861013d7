"""A backfill re-done gives byte-identical Parquet: the embedded Airflow (scheduler,
dag-processor and api-server on SQLite, as `make airflow` runs them), `airflow backfill
create` for the sample day, then again with `--reprocess-behavior completed`; every data
file is the same, byte for byte (the runs rows record the second run's times)."""

from __future__ import annotations

import os
import secrets
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.services import airflow_cli, airflow_processes, free_port, tail_logs

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DAY = "2026-02-05"  # the bundled sample inbox's day
BIN = Path(sys.executable).parent


def _rows(db: Path, sql: str, *params) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture
def airflow(tmp_path):
    home = tmp_path / "airflow"
    home.mkdir()
    api_port = free_port()
    env = {
        **os.environ,
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        # as the Makefile: SQLite waits for its lock instead of failing
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db?timeout=60",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(api_port),
        # shared by the processes of this test only, made up for it
        "AIRFLOW__API__SECRET_KEY": secrets.token_hex(16),
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
        "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "NEWSFLOW_HOME": str(ROOT),
        "NEWSFLOW_DATA_ROOT": str(tmp_path / "lake"),
        "NEWSFLOW_SOURCES": str(ROOT / "include" / "sources.yaml"),
    }
    airflow_cli(env, "db", "migrate")
    airflow_cli(env, "pools", "import", str(ROOT / "include" / "pools.json"))
    logs = tmp_path / "logs"
    logs.mkdir()
    commands = {
        "api-server": ["api-server", "--host", "127.0.0.1", "--port", str(api_port)],
        "scheduler": ["scheduler"],
        "dag-processor": ["dag-processor"],
    }
    with airflow_processes(commands, env, logs, api_port) as processes:
        yield env, home / "airflow.db", tmp_path / "lake", processes, logs


def _backfill(env, db: Path, processes, logs: Path, *extra: str) -> None:
    """Create a backfill of DAY and wait until it completed with its run a success."""
    before = {r[0] for r in _rows(db, "select id from backfill")}
    create = ("backfill", "create", "--dag-id", "news_ingest", "--from-date", DAY, "--to-date", DAY)
    for attempt in range(5):  # as `make backfill`: SQLite may refuse the write outright
        try:
            airflow_cli(env, *create, *extra)
            break
        except AssertionError as exc:
            if "database is locked" not in str(exc) or attempt == 4:
                raise
            time.sleep(3)
    deadline = time.monotonic() + 360  # a loaded machine runs the DAG slowly
    while True:
        dead = {n: p.returncode for n, p in processes.items() if p.poll() is not None}
        assert not dead, f"{dead} exited\n{tail_logs(logs, 25)}"
        new = _rows(db, "select id, completed_at from backfill order by id")
        done = [r for r in new if r[0] not in before and r[1] is not None]
        if done:
            break
        assert time.monotonic() < deadline, f"backfill not done: {new}\n{tail_logs(logs, 25)}"
        time.sleep(2)
    runs = _rows(
        db,
        "select run_id, state from dag_run where dag_id = 'news_ingest' and backfill_id = ?",
        done[0][0],
    )
    assert runs and all(state == "success" for _, state in runs), f"{runs}\n{tail_logs(logs, 25)}"


def _data_files(lake: Path) -> dict[str, bytes]:
    """The backfilled day's published Parquet, but the runs rows (they record when the run
    happened); other runs' staging (the scheduler may be running the latest day) aside."""
    return {
        str(p.relative_to(lake)): p.read_bytes()
        for p in sorted(lake.glob(f"*/dt={DAY}/source=*/*.parquet"))
        if p.relative_to(lake).parts[0] != "runs"
    }


def test_a_backfill_reprocessed_gives_byte_identical_parquet(airflow):
    env, db, lake, processes, logs = airflow
    deadline = time.monotonic() + 180
    while True:  # the dag-processor has to parse and serialise the DAG first
        try:
            airflow_cli(env, "dags", "unpause", "news_ingest")
            break
        except AssertionError:
            assert time.monotonic() < deadline, tail_logs(logs, 25)
            time.sleep(3)
    _backfill(env, db, processes, logs)
    first = _data_files(lake)
    assert any(name.startswith("articles/") for name in first), sorted(first)
    runs_file = next(lake.glob(f"runs/dt={DAY}/source=*/part-00000.parquet"))
    first_runs = runs_file.read_bytes()

    _backfill(env, db, processes, logs, "--reprocess-behavior", "completed")
    assert _data_files(lake) == first
    assert runs_file.read_bytes() != first_runs  # the day was really re-done and re-published

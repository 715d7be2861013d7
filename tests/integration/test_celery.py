"""The distributed path without Docker: PostgreSQL and Redis on loopback, Airflow with the
CeleryExecutor (scheduler, dag-processor, api-server and two Celery workers as local
processes), one news_ingest run with mapped batches; its tasks ran on both workers and
the lake holds the day."""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from newsflow.store import catalog
from tests.conftest import ROOT, SEED, write_inbox, write_sources
from tests.services import airflow_cli, airflow_processes, free_port, running, tail_logs

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DT = date(2026, 2, 5)
RUN_ID = "manual__celery_proof"
WORKERS = ("worker-a", "worker-b")
ARTICLES = 8
BIN = Path(sys.executable).parent


def _articles() -> dict[str, str]:
    """Distinct articles (distinct text: distinct ids) from the seed story."""
    seed = SEED.read_text(encoding="utf-8")
    headline, _, body = seed.partition("\n")
    return {
        f"story-{i}.txt": f"{headline} (part {i})\n\nDispatch number {i} of the series.\n\n{body}"
        for i in range(ARTICLES)
    }


def _query(url: str, sql: str, *params) -> list[tuple]:
    import psycopg2

    con = psycopg2.connect(url.replace("postgresql+psycopg2://", "postgresql://"))
    try:
        with con.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        con.close()


@pytest.fixture
def cluster(tmp_path):
    inbox = write_inbox(tmp_path / "inbox", DT.isoformat(), _articles())
    home = tmp_path / "airflow"
    home.mkdir()
    api_port = free_port()
    with running() as services:
        env = {
            **os.environ,
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),  # the workers import tests.celery_hostname
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.celery_hostname.hostname",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": services.postgres_url,
            "AIRFLOW__CELERY__BROKER_URL": services.redis_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + services.postgres_url,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(api_port),
            # one api-server process: no worker supervisor to give up on a busy machine
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API__WORKER_TIMEOUT": "600",
            "AIRFLOW__API__SECRET_KEY": "newsflow-celery-test",
            "AIRFLOW__API_AUTH__JWT_SECRET": "newsflow-celery-test-jwt-secret-0123456789",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "NEWSFLOW_HOME": str(ROOT),
            "NEWSFLOW_DATA_ROOT": str(tmp_path / "lake"),
            "NEWSFLOW_SOURCES": str(write_sources(tmp_path / "sources.yaml", inbox)),
            "NEWSFLOW_BATCH_SIZE": "1",  # one mapped task per article
        }
        airflow_cli(env, "db", "migrate")
        pools = ROOT / "include" / "pools.json"
        if pools.exists():
            airflow_cli(env, "pools", "import", str(pools))
        logs = tmp_path / "logs"
        logs.mkdir()
        commands = {
            "api-server": ["api-server", "--host", "127.0.0.1", "--port", str(api_port)],
            "scheduler": ["scheduler"],
            "dag-processor": ["dag-processor"],
        }
        for name in WORKERS:
            commands[name] = ["celery", "worker", "--celery-hostname", f"{name}@localhost"]
            commands[name] += ["--concurrency", "2", "--skip-serve-logs"]
        workers_env = {name: {"NEWSFLOW_TEST_WORKER_NAME": name} for name in WORKERS}
        with airflow_processes(commands, env, logs, api_port, workers_env) as processes:
            yield env, services, tmp_path / "lake", processes, logs


def test_news_ingest_runs_on_two_celery_workers(cluster):
    env, services, lake_root, processes, logs = cluster
    deadline = time.monotonic() + 600
    while True:  # the dag-processor has to parse and serialise the DAG first
        try:
            airflow_cli(
                env,
                "dags",
                "trigger",
                "news_ingest",
                "--run-id",
                RUN_ID,
                "--logical-date",
                f"{DT.isoformat()}T00:00:00+00:00",
            )
            break
        except AssertionError:
            assert time.monotonic() < deadline, tail_logs(logs, 30)
            time.sleep(3)
    airflow_cli(env, "dags", "unpause", "news_ingest")
    state = None
    while time.monotonic() < deadline:
        dead = {n: p.returncode for n, p in processes.items() if p.poll() is not None}
        assert not dead, f"{dead} exited\n{tail_logs(logs, 30)}"
        rows = _query(
            services.postgres_url,
            "select state from dag_run where dag_id = 'news_ingest' and run_id = %s",
            RUN_ID,
        )
        state = rows[0][0] if rows else None
        if state in ("success", "failed"):
            break
        time.sleep(3)
    tasks = _query(
        services.postgres_url,
        "select task_id, map_index, state, hostname from task_instance "
        "where dag_id = 'news_ingest' and run_id = %s order by task_id, map_index",
        RUN_ID,
    )
    assert state == "success", f"{state}\n{tasks}\n{tail_logs(logs, 30)}"
    batches = [t for t in tasks if t[0] == "extract_batch"]
    assert len(batches) == ARTICLES and {t[2] for t in batches} == {"success"}
    ran_on = {t[3] for t in tasks if t[2] == "success"}
    assert set(WORKERS) <= ran_on, tasks  # both workers took tasks
    assert {t[3] for t in batches} <= set(WORKERS)

    con = catalog.connect(lake_root)
    articles = con.execute("select count(*) from articles where dt = ?", [DT]).fetchone()[0]
    quotes = con.execute("select count(*) from quotes where dt = ?", [DT]).fetchone()[0]
    assert articles == ARTICLES
    assert quotes >= ARTICLES  # the seed story quotes its speakers

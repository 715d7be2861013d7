"""The real news_ingest DAG: parsing, plugins, and whole runs on an embedded Airflow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, write_inbox, write_sources

pytestmark = pytest.mark.integration

DAGS = ROOT / "dags"


def _dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))  # examples are off: AIRFLOW__CORE__LOAD_EXAMPLES


def test_dag_imports_without_errors_or_database_access():
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        bag = _dagbag()
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert bag.import_errors == {}
    assert statements == []
    dag = bag.dags["news_ingest"]
    assert {t.task_id for t in dag.tasks} == {
        "start",
        "discover",
        "collect",
        "fetch_0",
        "fetch_1",
        "fetch_2",
        "fetch_3",
        "extract_batch",
        "publish",
        "check_quality",
        "refresh_catalog",
    }
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.catchup is False and dag.doc_md and "newsflow" in dag.tags
    assert {"news_day", "sources", "from_raw"} <= set(dag.params)
    assert [dag.get_task(f"fetch_{i}").pool for i in range(4)] == [
        f"newsflow_fetch_{i}" for i in range(4)
    ]
    assert all(t.retries >= 1 for t in dag.tasks if t.task_id != "check_quality")


@pytest.mark.parametrize("dag_file", ["news_ingest.py", "news_analytics.py"])
def test_dag_file_has_no_heavy_imports(dag_file):
    code = (
        "import runpy, sys; runpy.run_path(sys.argv[1]); "
        "heavy = ('pyarrow', 'duckdb', 'lxml', 'bs4', 'pandas'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(DAGS / dag_file)],
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


SYS_PATH_CHECK = textwrap.dedent(
    """
    import importlib.util, sys
    # site-packages without its .pth files: no editable install putting plugins/ on the path
    sys.path.extend(sys.argv[1:])
    assert importlib.util.find_spec("newsflow_plugin") is None
    import airflow  # every Airflow process (scheduler, dag-processor, workers, dags test)
    from newsflow_plugin import newsflow_settings
    print(newsflow_settings().home)
    """
)


def test_airflow_puts_the_plugins_folder_on_sys_path():
    """The DAGs' tasks import the plugin module (newsflow_settings) by name: Airflow itself
    makes that work, with or without newsflow's editable install."""
    result = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            SYS_PATH_CHECK,
            *sorted({sysconfig.get_path(p) for p in ("purelib", "platlib")}),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSFLOW_HOME": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == str(ROOT)


PLUGIN_CHECK = textwrap.dedent(
    """
    import html, sys
    stdlib_html = html
    from airflow import plugins_manager
    plugins_manager.ensure_plugins_loaded()
    errors = plugins_manager.get_import_errors()
    leaked = sorted(
        name for name, module in list(sys.modules.items())
        if "/newsflow/" in (getattr(module, "__file__", None) or "")
        and not name.startswith("newsflow")
    )
    assert errors == {}, errors
    assert sys.modules["html"] is stdlib_html, sys.modules["html"]
    assert not leaked, leaked
    print("ok")
    """
)


def _plugin_check(plugins: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "AIRFLOW__CORE__PLUGINS_FOLDER": str(plugins)}
    return subprocess.run(
        [sys.executable, "-c", PLUGIN_CHECK], capture_output=True, text=True, env=env
    )


def test_plugin_loader_leaves_the_library_alone():
    result = _plugin_check(ROOT / "plugins")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")


def test_plugin_check_catches_a_missing_airflowignore(tmp_path):
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    (plugins / ".airflowignore").unlink()
    result = _plugin_check(plugins)
    assert result.returncode != 0  # without the ignore file the loader shadows modules


@pytest.fixture
def lake(tmp_path, monkeypatch, airflow_db):
    inbox = write_inbox(
        tmp_path / "inbox",
        "2026-02-05",
        {
            "seed.txt": SEED.read_text(encoding="utf-8"),
            "notes/empty.html": b"",
        },
    )
    monkeypatch.setenv("NEWSFLOW_SOURCES", str(write_sources(tmp_path / "s.yaml", inbox)))
    monkeypatch.setenv("NEWSFLOW_DATA_ROOT", str(tmp_path / "lake"))
    monkeypatch.setenv("NEWSFLOW_BATCH_SIZE", "1")  # two mapped batches
    return tmp_path / "lake"


def _run_dag(day: date):
    dag = _dagbag().dags["news_ingest"]
    return dag.test(logical_date=datetime(day.year, day.month, day.day, tzinfo=UTC))


def test_dag_run_lands_the_day_and_duckdb_reads_it(lake):
    from newsflow.store.catalog import connect

    run = _run_dag(date(2026, 2, 5))
    assert run.state == "success"
    states = {(ti.task_id, ti.map_index): ti.state for ti in run.get_task_instances()}
    assert states == {
        ("start", -1): "success",
        ("discover", 0): "success",
        ("collect", -1): "success",
        **{(f"fetch_{i}", -1): "skipped" for i in range(4)},  # an inbox fetches nothing
        ("extract_batch", 0): "success",
        ("extract_batch", 1): "success",
        ("publish", -1): "success",
        ("check_quality", -1): "success",
        ("refresh_catalog", -1): "success",
    }
    assert (lake / "newsflow.duckdb").is_file()
    con = connect(lake)
    articles = con.sql("select dt, source, title, publisher, quote_count from articles").fetchall()
    assert articles == [
        (
            date(2026, 2, 5),
            "test",
            "Tokayev Says Connectivity and Trade Are Central to Kazakhstan–Pakistan Partnership",
            "The Astana Times",
            10,
        )
    ]
    assert con.sql("select error_type from rejects").fetchall() == [("empty",)]
    speakers = con.sql("select distinct speaker from quotes").fetchall()
    assert speakers == [("Kassym-Jomart Tokayev",)]
    run_ids = con.sql("select distinct run_id from articles").fetchall()
    assert run_ids == [("manual__2026-02-05",)]


def test_empty_day_is_a_successful_run(lake):
    run = _run_dag(date(2026, 2, 6))
    assert run.state == "success"
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states["publish"] == "success" and states["check_quality"] == "success"
    for dataset in ("articles", "quotes", "rejects", "mentions"):
        assert not list(Path(lake, dataset).glob("dt=2026-02-06/*/*.parquet")), dataset

"""The news_analytics DAG: scheduled on news_ingest's Assets, writes the daily report."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests import sample_lake
from tests.conftest import ROOT

pytestmark = pytest.mark.integration


def _dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(ROOT / "dags" / "news_analytics.py"))
    assert bag.import_errors == {}
    return bag.dags["news_analytics"]


def test_scheduled_on_the_ingest_assets():
    dag = _dag()
    assets = (
        {a.name for a in dag.timetable.asset_condition.iter_assets()}
        if hasattr(dag.timetable.asset_condition, "iter_assets")
        else {str(dag.timetable.asset_condition)}
    )
    text = " ".join(sorted(assets))
    for name in ("newsflow.articles", "newsflow.quotes", "newsflow.rejects"):
        assert name in text
    assert {t.task_id for t in dag.tasks} == {"refresh_catalog", "write_report"}


def test_run_writes_the_catalog_and_the_report(tmp_path, monkeypatch, airflow_db):
    settings = sample_lake.build(tmp_path)
    monkeypatch.setenv("NEWSFLOW_DATA_ROOT", str(settings.data_root))
    monkeypatch.setenv("NEWSFLOW_SOURCES", str(settings.sources_file))
    (settings.data_root / "newsflow.duckdb").unlink()
    run = _dag().test(logical_date=datetime(2026, 2, 5, tzinfo=UTC))
    assert run.state == "success"
    assert (settings.data_root / "newsflow.duckdb").is_file()
    page = settings.data_root / "reports" / "dt=2026-02-05" / "index.html"
    assert "Kassym-Jomart Tokayev" in page.read_text(encoding="utf-8")

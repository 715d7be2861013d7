"""The DuckDB catalog file, its views, and the worked analyst queries of include/sql/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsflow.store import catalog, schema
from tests import sample_lake
from tests.conftest import ROOT

SQL = ROOT / "include" / "sql"
QUERIES = sorted(p for p in SQL.glob("*.sql") if p.name != "views.sql")


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return sample_lake.build(tmp_path_factory.mktemp("sample")).data_root


@pytest.fixture(scope="module")
def con(lake):
    path = catalog.build(lake)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_ingest_writes_the_catalog_file_atomically(lake):
    assert (lake / "newsflow.duckdb").is_file()
    assert not [p for p in lake.iterdir() if p.name.endswith((".tmp", ".wal"))]


def test_every_dataset_has_a_view_even_without_files(tmp_path):
    path = catalog.build(tmp_path / "empty")
    con = duckdb.connect(str(path), read_only=True)
    for dataset, declared in schema.DATASETS.items():
        columns = [r[0] for r in con.sql(f"describe {dataset}").fetchall()]
        assert columns == [*declared.names, "dt", "source"]
        assert con.sql(f"select count(*) from {dataset}").fetchall()[0] == (0,)
    for view in ("articles_all", "speakers", "daily_stats", "speaker_mentions"):
        assert con.sql(f"select count(*) from {view}").fetchall()[0] == (0,)


def test_views_work_from_any_folder(lake, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect(str(lake / "newsflow.duckdb"), read_only=True)
    assert con.sql("select count(*) from articles_all").fetchall()[0][0] == 4


def test_articles_is_the_latest_version_of_each(con):
    versions = con.sql(
        "select dt from articles_all where title = 'Harbour reopens after storm' order by dt"
    ).fetchall()
    assert versions == [(date(2026, 2, 4),), (date(2026, 2, 5),)]
    latest = con.sql("select dt from articles where title = 'Harbour reopens after storm'")
    assert latest.fetchall() == [(date(2026, 2, 5),)]
    assert con.sql("select count(*) from articles").fetchall()[0] == (3,)
    # quotes follow the latest version: no quote is counted twice
    dupes = con.sql("select count(*) - count(distinct quote_id) from quotes").fetchall()[0]
    assert dupes == (0,)


def test_speakers(con):
    rows = con.sql("select * from speakers order by quotes desc, speaker").fetchall()
    columns = [d[0] for d in con.sql("select * from speakers").description]
    assert columns == ["speaker", "quotes", "first_seen", "last_seen", "sources", "titles"]
    top = dict(zip(columns, rows[0], strict=True))
    assert top["speaker"] == "Kassym-Jomart Tokayev"
    assert top["quotes"] >= 11
    assert top["sources"] == ["astana", "coast"]
    assert "President" in top["titles"]
    ostrowska = con.sql(
        "select first_seen, last_seen from speakers where speaker = 'Maria Ostrowska'"
    )
    assert ostrowska.fetchall()[0] == (date(2026, 2, 5), date(2026, 2, 5))


def test_speakers_link_to_their_mentions(con):
    unlinked = con.sql(
        "select count(*) from speaker_mentions "
        "where speaker = 'Kassym-Jomart Tokayev' and mention_kind is distinct from 'person'"
    ).fetchall()[0]
    assert unlinked == (0,)


def test_daily_stats(con):
    rows = con.sql(
        "select dt, source, articles, quotes, rejects from daily_stats order by dt, source"
    ).fetchall()
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        (date(2026, 2, 4), "coast", 1, 0),
        (date(2026, 2, 5), "astana", 1, 1),
        (date(2026, 2, 5), "coast", 2, 1),
    ]
    assert all(r[3] >= 1 for r in rows)
    median = con.sql("select median_words from daily_stats where source = 'astana'").fetchall()[0]
    assert median[0] > 500


def test_mentions_view(con):
    people = {r[0] for r in con.sql("select name from mentions where kind = 'person'").fetchall()}
    assert {"Kassym-Jomart Tokayev", "Donald Trump", "Maria Ostrowska"} <= people


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_analyst_query_runs_and_answers(con, path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("-- "), "each query starts with a comment saying what it answers"
    result = con.sql(text)
    assert result.columns
    rows = result.fetchall()
    if path.stem != "republished_articles" or rows:
        assert rows, f"{path.name} found nothing in the sample lake"


def test_there_are_a_dozen_queries():
    assert len(QUERIES) >= 12


def test_specific_answers(con):
    def run(name):
        return con.sql((SQL / f"{name}.sql").read_text(encoding="utf-8")).fetchall()

    assert run("top_speakers_this_week")[0][0] == "Kassym-Jomart Tokayev"
    assert {r[1] for r in run("quote_search")} == {"Kassym-Jomart Tokayev"}
    assert {r[2] for r in run("reject_reasons")} == {"empty", "binary"}
    assert run("republished_articles")[0][1] == "Harbour reopens after storm"
    whom = run("who_quoted_whom")
    assert whom[0][1] == "Kassym-Jomart Tokayev" and whom[0][4] == 2


def test_the_duckdb_cli_reads_the_catalog(lake, tmp_path):
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    assert cli, "the duckdb CLI (duckdb-cli package) is not installed"
    # a copy: the module's open connection holds a lock on the original (paths inside
    # are absolute, so the copy reads the same lake)
    copy = tmp_path / "newsflow.duckdb"
    shutil.copy(lake / "newsflow.duckdb", copy)
    out = subprocess.run(
        [
            cli,
            "-csv",
            str(copy),
            "-c",
            "select * from speakers order by quotes desc limit 10",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1].startswith("Kassym-Jomart Tokayev,")

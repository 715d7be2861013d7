"""The pipeline steps end to end without Airflow: inbox -> lake -> DuckDB."""

import gzip
from datetime import date

import pyarrow.parquet as pq
import pytest

from newsflow import pipeline
from newsflow.config import Settings
from newsflow.store import catalog, lake
from tests.conftest import SEED, write_inbox, write_sources

DT = date(2026, 2, 5)
PAGE = """<html lang="en"><head><title>Harbour reopens | Coast Post</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="article:published_time" content="2026-02-05T09:30:00+02:00"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Harbour reopens after storm</h1>
<p>The harbour of Port Lina reopened on Thursday after a week of repairs to the sea wall,
the port authority said in a statement that thanked the crews who worked through the night.</p>
<p>“We are open for business again, and every berth is in use,” said Maria Ostrowska, the
director of the port authority. She added that the fishing fleet had already returned.</p>
<p>Engineers will keep inspecting the wall every month until the spring tides have passed,
according to the authority, which has set aside funds for further work this year.</p>
</article><footer>© Coast Post</footer></body></html>"""


@pytest.fixture
def settings(tmp_path):
    inbox = write_inbox(
        tmp_path / "inbox",
        DT.isoformat(),
        {
            "seed.txt": SEED.read_text(encoding="utf-8"),
            "harbour.html.gz": PAGE,
            "copy/harbour-again.html": PAGE,  # the same article twice: lands once
            "empty.html": b"",
            "junk.html": bytes(range(256)) * 40,
            "truncated.txt.gz": gzip.compress(b"Headline\n\nBody text. " * 50)[:40],
            "headline-only.txt": "Just a headline",
        },
    )
    return Settings.from_env(
        {},
        home=tmp_path,
        data_root=tmp_path / "lake",
        sources_file=write_sources(tmp_path / "sources.yaml", inbox),
        batch_size=3,
    )


def test_ingest_lands_articles_and_rejects_every_bad_document(settings):
    report = pipeline.ingest(settings, DT)
    assert report["test"] == {
        "documents": 7,
        "articles": 2,
        "duplicates": 1,
        "quotes": report["test"]["quotes"],
        "rejects": 4,
        "mentions": report["test"]["mentions"],
        "fetch_log": 0,  # an inbox fetches nothing
        "fetch_failures": 0,
        "listing_failures": 0,
        "runs": 1,
    }
    assert report["test"]["mentions"] >= 18
    con = catalog.connect(settings.data_root)
    rejects = dict(con.sql("select error_type, count(*) from rejects group by 1").fetchall())
    assert rejects == {"empty": 1, "binary": 1, "bad-gzip": 1, "no-body": 1}
    titles = {r[0] for r in con.sql("select title from articles").fetchall()}
    assert "Harbour reopens after storm" in titles
    assert any(t.startswith("Tokayev Says Connectivity") for t in titles)
    ((dt, source),) = con.sql("select distinct dt, source from articles").fetchall()
    assert (dt, source) == (DT, "test")
    assert con.sql("select count(*) from quotes where speaker is not null").fetchall()[0][0] >= 10


def test_rerun_replaces_the_day_with_identical_parquet(settings):
    pipeline.ingest(settings, DT)
    first = {p: p.read_bytes() for p in sorted(settings.data_root.rglob("*.parquet"))}
    pipeline.ingest(settings, DT, run_id="manual__2026-11-28T10:00:00")
    second = {p: p.read_bytes() for p in sorted(settings.data_root.rglob("*.parquet"))}
    assert list(first) == list(second)
    # run ids differ only in their wall-clock part, which rows don't record
    assert all(first[p] == second[p] for p in first if "rejects" in str(p))
    con = catalog.connect(settings.data_root)
    assert con.sql("select count(*) from articles").fetchall()[0][0] == 2
    assert con.sql("select distinct run_id from articles").fetchall() == [("manual__2026-02-05",)]


def _lake_files(root):
    # every file but the DuckDB catalog, which holds views, not data, and is rewritten, and
    # the runs rows, which record when the run happened and how long its steps took
    files = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    runs = {p: b"" for p in files if "runs" in p.relative_to(root).parts[:1]}
    assert runs, "every run records itself"
    return files | runs | {root / "newsflow.duckdb": b""}


def test_rerun_with_the_same_run_id_is_byte_identical(settings):
    pipeline.ingest(settings, DT)
    first = _lake_files(settings.data_root)
    pipeline.ingest(settings, DT)
    second = _lake_files(settings.data_root)
    assert first == second


def test_a_day_without_input_publishes_nothing_and_passes(settings):
    report = pipeline.ingest(settings, date(2026, 2, 6))
    assert report["test"]["documents"] == 0
    assert not (settings.data_root / "articles" / "dt=2026-02-06").exists() or not any(
        (settings.data_root / "articles" / "dt=2026-02-06").rglob("*.parquet")
    )


def test_plan_cuts_batches_and_keeps_references_out_of_the_result(settings):
    batches = pipeline.plan(settings, DT, "r1")
    assert [(b.source, b.index, b.start, b.stop) for b in batches] == [
        ("test", 0, 0, 3),
        ("test", 1, 3, 6),
        ("test", 2, 6, 7),
    ]
    assert pipeline.Batch.from_dict(batches[1].to_dict()) == batches[1]


def test_check_fails_loudly_when_a_document_is_unaccounted_for(settings):
    run_id = "r1"
    for batch in pipeline.plan(settings, DT, run_id):
        pipeline.process_batch(settings, DT, run_id, batch)
    pipeline.publish(settings, DT, run_id)
    part = lake.partition(settings.data_root, "rejects", DT, "test") / "part-00000.parquet"
    table = pq.read_table(part)
    pq.write_table(table.slice(0, 1), part)  # lose three rejects
    with pytest.raises(pipeline.DataQualityError, match="7 documents planned"):
        pipeline.check(settings, DT, run_id)


def test_run_label_drops_the_wall_clock():
    assert pipeline.run_label("manual__2026-11-28T10:00:00+00:00", DT) == "manual__2026-02-05"
    assert pipeline.run_label("scheduled__2026-02-05T00:00:00+00:00", DT) == "scheduled__2026-02-05"
    assert pipeline.run_label("adhoc", DT) == "run__2026-02-05"


def test_every_run_records_its_accounting_in_the_runs_dataset(settings):
    pipeline.ingest(settings, DT, run_id="scheduled__2026-02-05T00:00:00+00:00")
    pipeline.ingest(settings, date(2026, 2, 6))  # a day without input records itself too
    con = catalog.connect(settings.data_root)
    rows = con.sql(
        "select dt, source, run_id, discovered, articles, duplicates, rejects, fetch_failures,"
        " listing_failures, extractor_version, started_at <= published_at from runs order by dt"
    ).fetchall()
    assert rows == [
        (DT, "test", "scheduled__2026-02-05", 7, 2, 1, 4, 0, 0, pipeline.EXTRACTOR_VERSION, True),
        (
            date(2026, 2, 6),
            "test",
            "ingest__2026-02-06",
            0,
            0,
            0,
            0,
            0,
            0,
            pipeline.EXTRACTOR_VERSION,
            True,
        ),
    ]
    ((quotes, mentions),) = con.execute(
        "select quotes, mentions from runs where dt = ?", [DT]
    ).fetchall()
    assert (quotes, mentions) == (
        con.sql("select count(*) from quotes_all").fetchall()[0][0],
        con.sql("select count(*) from mentions_all").fetchall()[0][0],
    )


def test_check_fails_when_the_runs_row_disagrees_with_the_data(settings):
    run_id = "r1"
    for batch in pipeline.plan(settings, DT, run_id):
        pipeline.process_batch(settings, DT, run_id, batch)
    pipeline.publish(settings, DT, run_id)
    part = lake.partition(settings.data_root, "runs", DT, "test") / "part-00000.parquet"
    table = pq.read_table(part)
    column = table.schema.get_field_index("articles")
    pq.write_table(table.set_column(column, "articles", [[3]]), part)
    with pytest.raises(pipeline.DataQualityError, match="runs row differs"):
        pipeline.check(settings, DT, run_id)

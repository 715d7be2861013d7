"""The lake on S3: a local S3-compatible server (moto's server mode on 127.0.0.1), staging,
publish, re-publish with immutable files and a manifest, read back with DuckDB; the daily
report, the newsflow page and the analytics DAG over a lake in a bucket, their
credentials from an Airflow connection."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from newsflow import pipeline, report
from newsflow.config import Settings
from newsflow.model import Reject
from newsflow.store import catalog, lake, objectlake, schema
from newsflow.store.lakefiles import LakeFiles
from newsflow.store.objectstore import ObjectStore
from tests import sample_lake
from tests.conftest import SEED, write_inbox, write_sources

pytestmark = pytest.mark.integration

DT = date(2026, 2, 5)
KEY, SECRET = "newsflow-test", "newsflow-test-secret"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the S3 test server did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def store(endpoint) -> ObjectStore:
    bucket = f"lake-{uuid.uuid4().hex[:8]}"
    store = ObjectStore(bucket, "news/lake", endpoint_url=endpoint, key=KEY, secret=SECRET)
    store.filesystem().mkdir(bucket)
    return store


def rejects(*uris: str):
    return schema.to_table(
        "rejects",
        [Reject(u, "0" * 64, "read", "empty", "the document is empty", "s") for u in uris],
    )


def stage(store: ObjectStore, run_id: str, batches: list[list[str]]):
    staging = lake.staging(store, run_id, f"{run_id}__label")
    for index, uris in enumerate(batches):
        staging.write("rejects", DT, "s", index, rejects(*uris))
    return staging


def files_in(store: ObjectStore) -> list[str]:
    folder = objectlake.partition(store, "rejects", DT, "s")
    return sorted(p.rsplit("/", 1)[1] for p in store.filesystem().find(folder))


def uris(store: ObjectStore) -> list[str]:
    con = catalog.connect(store)
    return [r[0] for r in con.sql("select raw_uri from rejects order by raw_uri").fetchall()]


def test_publish_compacts_to_one_immutable_file_named_by_the_manifest(store):
    manifest = lake.publish(stage(store, "run1", [["a", "b"], ["b", "c"], []]), "rejects", DT, "s")
    assert (manifest["rows"], manifest["duplicates_dropped"]) == (3, 1)
    [name] = manifest["files"]
    assert name.startswith("part-run1__label-") and name.endswith(".parquet")
    assert files_in(store) == sorted(["_manifest.json", name])
    assert lake.manifest(store, "rejects", DT, "s")["files"] == [name]
    assert uris(store) == ["a", "b", "c"]
    con = catalog.connect(store)
    row = con.execute("select dt, source from rejects limit 1").fetchone()
    assert row == (DT, "s")


def test_republish_switches_the_manifest_and_keeps_the_old_file_for_readers(store):
    first = lake.publish(stage(store, "run1", [["a", "b"]]), "rejects", DT, "s")
    reader = catalog.connect(store)  # bound to run1's file, as a long query would be
    second = lake.publish(stage(store, "run2", [["z"]]), "rejects", DT, "s")
    assert uris(store) == ["z"]
    assert second["retired"] == [{"file": first["files"][0], "at": second["published_at"]}]
    assert files_in(store) == sorted(["_manifest.json", *first["files"], *second["files"]])
    # the reader that listed before the switch still reads the whole old version
    assert [r[0] for r in reader.sql("select raw_uri from rejects order by 1").fetchall()] == [
        "a",
        "b",
    ]


def test_retired_and_orphaned_files_go_after_the_retention(store):
    now = datetime.now(UTC)
    first = lake.publish(stage(store, "run1", [["a"]]), "rejects", DT, "s")
    orphan = objectlake.partition(store, "rejects", DT, "s") + "/part-crashed-0000.parquet"
    store.filesystem().pipe_file(orphan, b"half a publish")
    second = lake.publish(stage(store, "run2", [["b"]]), "rejects", DT, "s")
    assert "part-crashed-0000.parquet" in files_in(store)  # young: a publish may be writing it
    later = now + timedelta(seconds=store.retain_seconds + 60)
    third = objectlake.publish_partition(
        stage(store, "run3", [["c"]]), "rejects", DT, "s", now=later
    )
    assert [r["file"] for r in third["retired"]] == second["files"]
    assert files_in(store) == sorted(["_manifest.json", *second["files"], *third["files"]])
    assert first["files"][0] not in files_in(store)
    assert uris(store) == ["c"]


def test_publishing_nothing_leaves_an_empty_partition(store):
    lake.publish(stage(store, "run1", [["a"]]), "rejects", DT, "s")
    manifest = lake.publish(stage(store, "run2", [[]]), "rejects", DT, "s")
    assert manifest["files"] == [] and manifest["rows"] == 0
    assert uris(store) == []


def test_staging_is_cleared_and_retried_batches_replace_their_part(store):
    staging = stage(store, "run1", [["a"], ["b"]])
    staging.write("rejects", DT, "s", 1, rejects())  # batch 1 retried, now empty
    assert [p.rsplit("/", 1)[1] for p in staging.parts("rejects", DT, "s")] == [
        "part-00000.parquet"
    ]
    staging.write_json("plan.json", {"x": 1})
    assert staging.read_json("plan.json") == {"x": 1}
    staging.clear()
    assert store.filesystem().find(staging.path) == []


def test_ingest_a_day_into_s3_and_query_it(tmp_path, endpoint, store):
    inbox = write_inbox(
        tmp_path / "inbox",
        DT.isoformat(),
        {"seed.txt": SEED.read_text(encoding="utf-8"), "empty.html": b""},
    )
    env = {"NEWSFLOW_DATA_ROOT": store.url(), "AWS_ENDPOINT_URL": endpoint}
    settings = Settings.from_env(
        env,
        home=tmp_path,
        sources_file=write_sources(tmp_path / "sources.yaml", inbox),
        batch_size=1,
        lake_options={"key": KEY, "secret": SECRET},
    )
    assert settings.data_root == store
    for _ in range(2):  # a re-run replaces the day
        report = pipeline.ingest(settings, DT)
        assert (report["test"]["articles"], report["test"]["rejects"]) == (1, 1)
    con = catalog.connect(settings.data_root)
    assert con.execute("select count(*) from articles where dt = ?", [DT]).fetchone() == (1,)
    speakers = con.execute("select count(*) from quotes where speaker is not null").fetchone()[0]
    assert speakers > 0
    fs = store.filesystem()
    assert fs.find(store.path("_staging")) == []  # the run cleaned up after itself
    manifest = json.loads(
        fs.cat_file(objectlake.partition(store, "articles", DT, "test") + "/_manifest.json")
    )
    assert manifest["rows"] == 1 and len(manifest["retired"]) == 1


def _lake_connection(monkeypatch, endpoint_url: str, key: str, secret: str) -> None:
    """The Airflow connection `newsflow_lake` (from the environment, as the compose file
    defines it), named by NEWSFLOW_LAKE_CONN_ID."""
    monkeypatch.setenv(
        "AIRFLOW_CONN_NEWSFLOW_LAKE",
        json.dumps(
            {
                "conn_type": "aws",
                "login": key,
                "password": secret,
                "extra": {"endpoint_url": endpoint_url, "region_name": "eu-west-1"},
            }
        ),
    )
    monkeypatch.setenv("NEWSFLOW_LAKE_CONN_ID", "newsflow_lake")


def test_airflow_processes_take_the_lake_credentials_from_an_airflow_connection(monkeypatch):
    import runpy

    import newsflow_plugin

    from tests.conftest import ROOT

    _lake_connection(monkeypatch, "http://minio:9000", "lake-key", "lake-secret")
    monkeypatch.setenv("NEWSFLOW_DATA_ROOT", "s3://news-lake/prod")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://other:1")  # the connection wins
    expected = ObjectStore(
        "news-lake",
        "prod",
        endpoint_url="http://minio:9000",
        region="eu-west-1",
        key="lake-key",
        secret="lake-secret",
    )
    # the UI's settings (the plugin's app calls this per request)
    assert newsflow_plugin.newsflow_settings().data_root == expected
    # the tasks of both DAGs build theirs the same way
    analytics = runpy.run_path(str(ROOT / "dags" / "news_analytics.py"))
    assert analytics["_settings"]().data_root == expected
    run = runpy.run_path(str(ROOT / "dags" / "news_ingest.py"))["_run"]
    context = {"params": {"news_day": DT.isoformat()}, "run_id": "manual__x"}
    run.__globals__["get_current_context"] = lambda: context
    settings, dt, run_id = run()
    assert (settings.data_root, dt, run_id) == (expected, DT, "manual__x")

    monkeypatch.delenv("NEWSFLOW_LAKE_CONN_ID")
    assert newsflow_plugin.lake_options() is None  # no connection: boto's environment
    assert analytics["_settings"]().data_root == ObjectStore(
        "news-lake", "prod", endpoint_url="http://other:1"
    )


def test_the_catalog_file_is_uploaded_whole_and_names_the_current_files(store, tmp_path):
    import duckdb

    lake.publish(stage(store, "run1", [["a", "b"]]), "rejects", DT, "s")
    lake.publish(stage(store, "run2", [["c"]]), "rejects", DT, "s")
    assert catalog.build(store) == store.url(catalog.CATALOG)
    local = tmp_path / catalog.CATALOG
    store.filesystem().get_file(store.path(catalog.CATALOG), str(local))
    con = duckdb.connect()
    con.register_filesystem(store.filesystem())  # as httpfs with an S3 secret would
    con.execute(f"ATTACH '{local}' AS newsflow (READ_ONLY)")
    rows = con.execute("select raw_uri from newsflow.rejects order by 1").fetchall()
    assert rows == [("c",)]  # the retired run1 file is still there, but not named


def test_lake_files_on_s3_read_write_list_and_time(store):
    files = LakeFiles.of(store)
    key = "reports/dt=2026-02-05/index.html"
    assert files.read(key) is None and files.modified(key) is None
    assert files.write(key, b"one") == store.url(key) == files.location(key)
    assert files.write(key, b"two") == store.url(key)
    files.write("reports/dt=2026-02-04/index.html", b"x")
    assert files.read(key) == b"two"
    assert abs(datetime.now(UTC) - files.modified(key)).total_seconds() < 300
    assert files.glob("reports/dt=*/index.html") == [
        "reports/dt=2026-02-04/index.html",
        "reports/dt=2026-02-05/index.html",
    ]
    assert files.read("reports") is None  # a "folder" is no file


@pytest.fixture(scope="module")
def sample(endpoint, tmp_path_factory):
    """tests/sample_lake.py's lake (two sources, two news days, the catalog) in a bucket."""
    store = ObjectStore(
        f"sample-{uuid.uuid4().hex[:8]}", "news/lake", endpoint_url=endpoint, key=KEY, secret=SECRET
    )
    store.filesystem().mkdir(store.bucket)
    settings = sample_lake.build(
        tmp_path_factory.mktemp("s3-sample"),
        data_root=store.url(),
        lake_options={"endpoint_url": endpoint, "key": KEY, "secret": SECRET},
    )
    assert settings.data_root == store
    return settings


def test_the_daily_report_is_written_to_and_listed_from_the_bucket(sample):
    store = sample.data_root
    url = store.url("reports/dt=2026-02-05/index.html")
    assert report.report_path(store, DT) == url
    assert pipeline.write_reports(sample, [DT]) == [url]
    assert pipeline.write_reports(sample, []) == [url]  # the newest day, replaced whole
    fs = store.filesystem()
    assert fs.find(store.path("reports")) == [store.path("reports/dt=2026-02-05/index.html")]
    page = report.read_report(store, DT).decode("utf-8")
    assert "Kassym-Jomart Tokayev" in page and page.count("<svg") >= 4
    assert report.list_reports(store) == [(DT, url)]
    assert report.read_report(store, date(2026, 3, 1)) is None


def _without_s3_environment(monkeypatch) -> None:
    """No endpoint or credentials in the environment: only the connection can give them."""
    for name in ("AWS_ENDPOINT_URL", "NEWSFLOW_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")


def test_the_newsflow_page_serves_a_lake_in_a_bucket(sample, monkeypatch, endpoint):
    """The plugin's app, its settings from the environment and the lake's connection."""
    import newsflow_plugin
    from fastapi.testclient import TestClient

    store = sample.data_root
    _without_s3_environment(monkeypatch)
    _lake_connection(monkeypatch, endpoint, KEY, SECRET)
    monkeypatch.setenv("NEWSFLOW_DATA_ROOT", store.url())
    monkeypatch.setenv("NEWSFLOW_SOURCES", str(sample.sources_file))
    pipeline.write_reports(sample, [DT])
    client = TestClient(newsflow_plugin._LazyApp())

    health = client.get("/health.json").json()
    assert health["data_root"] == store.url()
    assert health["reports"] == ["2026-02-05"]
    catalog_time = store.filesystem().modified(store.path(catalog.CATALOG))
    assert datetime.fromisoformat(health["catalog"]) == catalog_time
    assert [(s["source"], s["last_day"]) for s in health["sources"]] == [
        ("astana", "2026-02-05"),
        ("coast", "2026-02-05"),
    ]
    for source in health["sources"]:
        key = objectlake.partition(store, "articles", DT, source["source"]) + "/_manifest.json"
        assert datetime.fromisoformat(source["last_publish"]) == store.filesystem().modified(key)

    page = client.get("/")
    assert page.status_code == 200
    assert "News report for 2026-02-05" in page.text and store.url() in page.text
    manifest = lake.manifest(store, "articles", DT, "astana")
    assert f"<td>{manifest['run_id']}</td>" in page.text

    served = client.get("/reports/2026-02-05")
    assert served.status_code == 200 and served.headers["content-type"].startswith("text/html")
    assert served.content == report.read_report(store, DT)
    assert client.get("/reports/2026-03-01").status_code == 404
    assert client.get("/reports/not-a-day").status_code == 404


def test_the_analytics_dag_reports_into_the_bucket_with_the_connection(
    sample, monkeypatch, endpoint, airflow_db
):
    """news_analytics takes the lake's endpoint and credentials from the connection only."""
    from airflow.dag_processing.dagbag import DagBag

    from tests.conftest import ROOT

    store = sample.data_root
    _without_s3_environment(monkeypatch)
    _lake_connection(monkeypatch, endpoint, KEY, SECRET)
    monkeypatch.setenv("NEWSFLOW_DATA_ROOT", store.url())
    monkeypatch.setenv("NEWSFLOW_SOURCES", str(sample.sources_file))
    fs = store.filesystem()
    before = fs.modified(store.path(catalog.CATALOG))
    bag = DagBag(dag_folder=str(ROOT / "dags" / "news_analytics.py"))
    assert bag.import_errors == {}
    run = bag.dags["news_analytics"].test(logical_date=datetime(2026, 2, 4, tzinfo=UTC))
    assert run.state == "success"
    page = report.read_report(store, date(2026, 2, 4))
    assert page is not None and b"Maria Ostrowska" in page
    assert fs.modified(store.path(catalog.CATALOG)) >= before  # the catalog was rewritten
    assert date(2026, 2, 4) in [day for day, _ in report.list_reports(store)]

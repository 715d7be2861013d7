"""The real news_ingest DAG on a feed served on 127.0.0.1: discover -> fetch lane ->
extract -> publish -> check, with fetch_log published."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.integration.test_dag import _dagbag
from tests.integration.test_web_ingest import feed
from tests.web import Reply, Site, article, flaky

pytestmark = pytest.mark.integration

DAY = "2026-02-05"


def test_dag_fetches_a_feed_in_its_lane_and_lands_the_day(tmp_path, monkeypatch, airflow_db):
    from newsflow import pipeline
    from newsflow.store.catalog import connect

    routes = {
        "/robots.txt": Reply(
            body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        ),
        "/a": Reply(body=article("First story", DAY)),
        "/b": flaky(1, Reply(body=article("Second story", DAY)), 503),
        "/private/c": Reply(body=article("Hidden story", DAY)),
    }
    with Site(routes) as site:
        when = "Thu, 05 Feb 2026 09:00:00 GMT"
        site.routes["/feed.xml"] = Reply(
            body=feed(site.base, [("/a", when), ("/b", when), ("/private/c", when)]),
            content_type="application/rss+xml",
        )
        sources = tmp_path / "sources.yaml"
        sources.write_text(
            "sources:\n  - name: site\n    kind: rss\n"
            f"    url: {site.url('/feed.xml')}\n    allow_private_networks: true\n"
            "    rate_limit: 50\n    backoff: 0.05\n"
        )
        monkeypatch.setenv("NEWSFLOW_SOURCES", str(sources))
        monkeypatch.setenv("NEWSFLOW_DATA_ROOT", str(tmp_path / "lake"))
        monkeypatch.setenv("NEWSFLOW_BATCH_SIZE", "2")
        dag = _dagbag().dags["news_ingest"]
        run = dag.test(logical_date=datetime(2026, 2, 5, tzinfo=UTC))
        assert site.hits["/private/c"] == 0
    assert run.state == "success"
    states = {(ti.task_id, ti.map_index): ti.state for ti in run.get_task_instances()}
    lane = pipeline.lane(
        pipeline.Batch("site", 0, 0, 2, True, f"127.0.0.1:{site.server.server_address[1]}"), 4
    )
    assert states[(f"fetch_{lane}", -1)] == "success"
    assert sorted(
        k for k, v in states.items() if k[0].startswith("fetch_") and v == "skipped"
    ) == sorted((f"fetch_{i}", -1) for i in range(4) if i != lane)
    assert states[("extract_batch", 0)] == states[("extract_batch", 1)] == "success"
    con = connect(tmp_path / "lake")
    titles = sorted(r[0] for r in con.sql("select title from articles").fetchall())
    assert titles == ["First story", "Second story"]
    errors = con.sql("select error_type from fetch_log where error_type is not null").fetchall()
    assert errors == [("robots",)]

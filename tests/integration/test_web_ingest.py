"""`newsflow ingest` against a news site on 127.0.0.1: feeds, flaky pages, robots.txt,
the SSRF guard, the raw zone, --from-raw, and a CC-NEWS WARC file."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsflow.cli import main
from newsflow.store.catalog import connect
from tests.web import Reply, Site, article, flaky

DAY = "2026-02-05"
ROBOTS = Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")


def feed(base: str, items: list[tuple[str, str | None]]) -> str:
    entries = "".join(
        f"<item><title>{path}</title><link>{base}{path}</link>"
        + (f"<pubDate>{when}</pubDate>" if when else "")
        + "</item>"
        for path, when in items
    )
    channel = f"<channel><title>T</title>{entries}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"


@pytest.fixture
def site():
    routes = {
        "/robots.txt": ROBOTS,
        "/news/harbour": Reply(body=article("Harbour reopens", DAY)),
        "/news/flaky": flaky(2, Reply(body=article("Flaky page lands", DAY)), 503),
        "/news/busy": flaky(1, Reply(body=article("Busy page lands", DAY)), 429),
        "/news/moved": Reply(301, headers={"Location": "/news/new-home"}),
        "/news/new-home": Reply(body=article("Moved page lands", DAY)),
        "/private/secret": Reply(body=article("Secret", DAY)),
        "/news/old": Reply(body=article("Old news", "2026-02-04")),
        "/news/gone": Reply(404, "gone", content_type="text/plain"),
        "/news/next-day": Reply(body=article("Late evening news", DAY)),
    }
    with Site(routes) as site:
        late = "Thu, 05 Feb 2026 23:30:00 -0000"
        site.routes["/feed.xml"] = Reply(
            body=feed(
                site.base,
                [
                    ("/news/harbour", "Thu, 05 Feb 2026 09:00:00 +0000"),
                    ("/news/flaky", "Thu, 05 Feb 2026 10:00:00 +0100"),
                    ("/news/busy", late),
                    ("/news/moved", "Thu, 05 Feb 2026 12:00:00 GMT"),
                    ("/private/secret", "Thu, 05 Feb 2026 13:00:00 GMT"),
                    ("/news/gone", "Thu, 05 Feb 2026 14:00:00 GMT"),
                    ("/news/old", "Wed, 04 Feb 2026 09:00:00 GMT"),
                    ("/news/next-day", "Fri, 06 Feb 2026 01:00:00 +0200"),  # 02-05 23:00 UTC
                ],
            ),
            content_type="application/rss+xml",
        )
        yield site


def sources_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n" + body)
    return path


def ingest(tmp_path: Path, sources: Path, *extra: str) -> int:
    return main(
        ["ingest", "--date", DAY, "--sources", str(sources), "--data-root", str(tmp_path / "lake")]
        + list(extra)
    )


def feed_source(site: Site, private: bool = True) -> str:
    return (
        f"  - name: site\n    kind: rss\n    url: {site.url('/feed.xml')}\n"
        f"    rate_limit: 50\n    backoff: 0.05\n    timeout: 5\n"
        + ("    allow_private_networks: true\n" if private else "")
    )


def test_a_feed_lands_every_article_of_the_day(tmp_path, site, capsys):
    sources = sources_file(tmp_path, feed_source(site))
    assert ingest(tmp_path, sources) == 0
    report = json.loads(capsys.readouterr().out)["sources"]["site"]
    con = connect(tmp_path / "lake")
    titles = sorted(r[0] for r in con.sql("select title from articles").fetchall())
    assert titles == [
        "Busy page lands",
        "Flaky page lands",
        "Harbour reopens",
        "Late evening news",
        "Moved page lands",
    ]
    # robots.txt forbids /private/: never requested
    assert site.hits["/private/secret"] == 0 and site.hits["/news/old"] == 0
    log = {
        r[0].removeprefix(site.base): r[1:]
        for r in con.sql(
            "select url, status, attempts, error_type, final_url, kind from fetch_log"
        ).fetchall()
    }
    assert log["/news/flaky"][:3] == (200, 3, None)
    assert log["/news/busy"][:3] == (200, 2, None)
    assert log["/news/moved"][3] == site.url("/news/new-home")
    assert log["/private/secret"][2] == "robots"
    assert log["/news/gone"][:3] == (404, 1, "http-404")
    assert log["/feed.xml"][4] == "listing" and log["/robots.txt"][4] == "robots"
    assert report["documents"] == 7  # six items of the day, one more late on 02-05 in UTC
    assert report["articles"] == 5 and report["fetch_failures"] == 2
    assert report["articles"] + report["rejects"] + report["fetch_failures"] == 7
    # the raw zone keeps what was fetched, compressed and content-addressed
    raw = tmp_path / "lake" / "raw" / f"dt={DAY}" / "source=site"
    assert len(list((raw / "objects").rglob("*.gz"))) == 5
    assert len(list((raw / "refs").glob("*.json"))) == 5


def test_a_rerun_fetches_nothing_again_and_from_raw_fetches_nothing(tmp_path, site, capsys):
    sources = sources_file(tmp_path, feed_source(site))
    assert ingest(tmp_path, sources) == 0
    first = dict(site.hits)
    assert ingest(tmp_path, sources) == 0  # articles come from the raw zone
    assert {p: n - first.get(p, 0) for p, n in site.hits.items() if n != first.get(p, 0)} == {
        "/feed.xml": 1,  # the listing is asked again (conditionally when it has validators)
        "/news/gone": 1,  # failures are retried
    }
    con = connect(tmp_path / "lake")
    cached = con.sql("select count(*) from fetch_log where from_cache and kind = 'article'")
    assert cached.fetchall()[0][0] == 5
    capsys.readouterr()
    before = sum(site.hits.values())
    assert ingest(tmp_path, sources, "--from-raw") == 0
    assert sum(site.hits.values()) == before
    report = json.loads(capsys.readouterr().out)["sources"]["site"]
    assert report["documents"] == 5 and report["articles"] == 5
    con = connect(tmp_path / "lake")
    assert con.sql("select count(*) from articles").fetchall()[0][0] == 5
    assert con.sql("select count(*) from fetch_log").fetchall()[0][0] >= 7  # kept


def test_without_allow_private_networks_nothing_is_fetched_and_the_reason_given(
    tmp_path, site, capsys
):
    sources = sources_file(tmp_path, feed_source(site, private=False))
    assert ingest(tmp_path, sources) == 1
    err = capsys.readouterr().err
    assert "127.0.0.1" in err and "loopback" in err and "allow_private_networks: true" in err
    assert sum(site.hits.values()) == 0
    assert not list((tmp_path / "lake").rglob("*.parquet"))


def test_a_url_list_of_private_addresses_records_every_refusal(tmp_path, site, capsys):
    urls = [site.url("/news/harbour"), "http://169.254.169.254/latest/meta-data/"]
    body = "  - name: list\n    kind: urls\n    urls:\n" + "".join(f"      - {u}\n" for u in urls)
    assert ingest(tmp_path, sources_file(tmp_path, body)) == 0
    assert "allow_private_networks" in capsys.readouterr().err
    assert sum(site.hits.values()) == 0
    con = connect(tmp_path / "lake")
    rows = con.sql("select error_type, error from fetch_log order by url").fetchall()
    assert [r[0] for r in rows] == ["blocked", "blocked"]
    assert "metadata" in rows[1][1] or "metadata" in rows[0][1]


def warc_file(path: Path, pages: list[tuple[str, str, str]]) -> Path:
    """A WARC file of (url, warc date, html) responses, plus a request and a non-HTML
    response that must be skipped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, when, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(html.encode("utf-8")),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": when},
                )
            )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG"),
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
                ),
                warc_headers_dict={"WARC-Date": "2026-02-05T10:00:00Z"},
            )
        )
    return path


def test_a_cc_news_warc_lands_the_articles_of_its_day(tmp_path, capsys):
    folder = tmp_path / "cc-news" / "2026" / "02"
    warc_file(
        folder / "CC-NEWS-20260205103000-00042.warc.gz",
        [
            ("https://news.example.org/a", "2026-02-05T10:30:01Z", article("Warc one", DAY)),
            ("https://news.example.org/b", "2026-02-05T10:31:00Z", article("Warc two", DAY)),
        ],
    )
    warc_file(
        folder / "CC-NEWS-20260204103000-00041.warc.gz",
        [
            (
                "https://news.example.org/c",
                "2026-02-04T10:30:00Z",
                article("Yesterday", "2026-02-04"),
            )
        ],
    )
    pattern = f"{tmp_path}/cc-news/{{year}}/{{month}}/*.warc.gz"
    body = f"  - name: ccnews\n    kind: warc\n    paths: ['{pattern}']\n"
    assert ingest(tmp_path, sources_file(tmp_path, body)) == 0
    report = json.loads(capsys.readouterr().out)["sources"]["ccnews"]
    assert report["documents"] == 2 and report["articles"] == 2
    con = connect(tmp_path / "lake")
    rows = con.sql("select title, url, fetched_at from articles order by title").fetchall()
    assert [(r[0], r[1]) for r in rows] == [
        ("Warc one", "https://news.example.org/a"),
        ("Warc two", "https://news.example.org/b"),
    ]
    assert rows[0][2].isoformat().startswith("2026-02-05T10:30:01")
    capsys.readouterr()
    assert ingest(tmp_path, sources_file(tmp_path, body), "--from-raw") == 0
    assert json.loads(capsys.readouterr().out)["sources"]["ccnews"]["articles"] == 2
    assert date.fromisoformat(DAY)

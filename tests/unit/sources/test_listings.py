"""Feeds, sitemaps (indexes, Google News, lastmod) and URL lists served on 127.0.0.1."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from newsflow import pipeline
from newsflow.config import ConfigError, FetchOptions, Settings, load_sources
from newsflow.sources import open_source
from newsflow.sources.seen import Seen
from tests.web import Reply, Site

DT = date(2026, 2, 5)
OPTIONS = "    allow_private_networks: true\n    rate_limit: 100\n    backoff: 0.05\n"
XML = "application/xml"


def settings_for(tmp_path, body: str) -> Settings:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n" + body)
    return Settings.from_env({}, home=tmp_path, data_root=tmp_path / "lake", sources_file=path)


def discover(settings: Settings, name: str, dt: date = DT):
    (config,) = [c for c in settings.sources() if c.name == name]
    return open_source(config, settings).discover(dt)


def rss(base: str, items: list[tuple[str, str | None]]) -> str:
    body = "".join(
        f"<item><link>{base}{p}</link>" + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>"
        for p, d in items
    )
    return f"<rss version='2.0'><channel><title>t</title>{body}</channel></rss>"


def test_feed_items_go_to_their_utc_day_and_undated_ones_to_the_first_run(tmp_path):
    with Site({"/robots.txt": Reply(404)}) as site:
        site.routes["/feed"] = Reply(
            body=rss(
                site.base,
                [
                    ("/a", "Thu, 05 Feb 2026 10:00:00 GMT"),
                    ("/b", "Fri, 06 Feb 2026 00:30:00 +0100"),  # 02-05 23:30 UTC
                    ("/c", "Fri, 06 Feb 2026 08:00:00 GMT"),
                    ("/undated", None),
                ],
            ),
            content_type="application/rss+xml",
        )
        settings = settings_for(
            tmp_path, f"  - name: f\n    kind: rss\n    url: {site.url('/feed')}\n{OPTIONS}"
        )
        found = discover(settings, "f")
        assert [r.removeprefix(site.base) for r in found.refs] == ["/a", "/b", "/undated"]
        assert found.claims == (site.url("/undated"),)
        # a run that fails before publishing takes nothing: the next day still sees it
        assert discover(settings, "f", date(2026, 2, 6)).claims == (site.url("/undated"),)
        # publishing claims it for 02-05: the same day again keeps it, another day never
        Seen(tmp_path / "lake" / "_state" / "f").claim(list(found.claims), DT)
        assert site.url("/undated") in discover(settings, "f").refs
        later = discover(settings, "f", date(2026, 2, 6))
        assert [r.removeprefix(site.base) for r in later.refs] == ["/c"]


def test_a_feed_with_an_entity_bomb_or_external_entities_is_refused_and_recorded(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        "<rss><channel><title>&c;</title></channel></rss>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><title>&x;</title></channel></rss>"
    )
    routes = {
        "/bomb": Reply(body=bomb, content_type=XML),
        "/ext": Reply(body=external, content_type=XML),
    }
    with Site(routes) as site:
        for path in ("/bomb", "/ext"):
            settings = settings_for(
                tmp_path, f"  - name: f\n    kind: rss\n    url: {site.url(path)}\n{OPTIONS}"
            )
            found = discover(settings, "f")
            # nothing expanded or read; the listing's fetch_log row says why, the run goes on
            assert found.refs == ()
            (row,) = [r for r in found.fetches if r.kind == "listing"]
            assert row.url == site.url(path) and row.error_type == "unsafe-xml"
            assert "refused XML" in row.error


def urlset(base: str, entries: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<url><loc>{base}{p}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + (
            f"<news:news><news:publication_date>{news}</news:publication_date></news:news>"
            if news
            else ""
        )
        + "</url>"
        for p, lastmod, news in entries
    )
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + body + "</urlset>"
    )


def index(base: str, entries: list[tuple[str, str | None]]) -> str:
    body = "".join(
        f"<sitemap><loc>{base}{p}</loc>" + (f"<lastmod>{m}</lastmod>" if m else "") + "</sitemap>"
        for p, m in entries
    )
    return (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    )


def test_sitemap_indexes_are_followed_and_urls_of_the_day_taken(tmp_path):
    with Site({"/robots.txt": Reply(404)}) as site:
        b = site.base
        site.routes.update(
            {
                "/sitemap.xml": Reply(
                    body=index(
                        b,
                        [
                            ("/news.xml", None),
                            ("/nested.xml", "2026-02-05"),
                            ("/old.xml", "2025-12-31"),
                            ("/sitemap.xml", None),
                            ("/broken.xml", None),
                        ],
                    ),
                    content_type=XML,
                ),
                "/news.xml": Reply(
                    body=urlset(
                        b,
                        [
                            ("/n1", None, "2026-02-05T23:10:00+00:00"),
                            ("/n2", None, "2026-02-06T00:30:00+02:00"),
                            ("/n3", "2026-02-04", None),
                        ],
                    ),
                    content_type=XML,
                ),
                "/nested.xml": Reply(body=index(b, [("/deep.xml.gz", None)]), content_type=XML),
                "/deep.xml.gz": Reply(
                    body=gzip.compress(
                        urlset(b, [("/d1", "2026-02-05", None), ("/d2", None, None)]).encode()
                    ),
                    content_type="application/x-gzip",
                ),
                "/old.xml": Reply(body=urlset(b, [("/o1", "2026-02-05", None)]), content_type=XML),
                "/broken.xml": Reply(500, "oops", content_type="text/plain"),
            }
        )
        settings = settings_for(
            tmp_path,
            f"  - name: s\n    kind: sitemap\n    url: {site.url('/sitemap.xml')}\n"
            f"{OPTIONS}    retries: 0\n",
        )
        found = discover(settings, "s")
        assert [r.removeprefix(b) for r in found.refs] == ["/d1", "/n1", "/n2"]
        assert site.hits["/old.xml"] == 0  # modified before the day: can't list it
        assert site.hits["/sitemap.xml"] == 1  # listing itself: read once
        failed = [r for r in found.fetches if r.error_type and r.kind == "listing"]
        assert [(r.url.removeprefix(b), r.kind) for r in failed] == [("/broken.xml", "listing")]


def test_urls_and_max_articles(tmp_path):
    (tmp_path / "list.txt").write_text("# a comment\nhttps://b.example/2\n\nhttps://a.example/1\n")
    settings = settings_for(
        tmp_path,
        "  - name: u\n    kind: urls\n    file: list.txt\n"
        "  - name: v\n    kind: urls\n    max_articles: 1\n    urls: [https://z.example/, https://y.example/]\n",
    )
    assert discover(settings, "u").refs == ("https://a.example/1", "https://b.example/2")
    assert discover(settings, "v").refs == ("https://y.example/",)


@pytest.mark.parametrize(
    "entry, error",
    [
        ("kind: rss", "'url' must be an http"),
        ("kind: rss\n    url: ftp://x/feed", "'url' must be an http"),
        ("kind: rss\n    url: https://x/\n    rate_limit: 0", "bad value"),
        ("kind: rss\n    url: https://x/\n    rate_limit: fast", "must be float"),
        ("kind: rss\n    url: https://x/\n    respect_robots: 'no'", "must be bool"),
        ("kind: rss\n    url: https://x/\n    max_bytes: -1", "bad value"),
        ("kind: rss\n    url: https://x/\n    colour: red", "unknown options"),
        ("kind: urls\n    urls: [a]\n    file: x", "not both"),
        ("kind: warc", "'paths' must be"),
        ("kind: inbox\n    path: x\n    rate_limit: 1", "unknown options"),
    ],
)
def test_bad_options_are_config_errors(tmp_path, entry, error):
    path = tmp_path / "s.yaml"
    path.write_text(f"sources:\n  - name: x\n    {entry}\n")
    with pytest.raises(ConfigError, match=error):
        load_sources(path)


def test_options_are_parsed_with_defaults(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("sources:\n  - name: x\n    kind: rss\n    url: https://x/\n    timeout: 5\n")
    (source,) = load_sources(path)
    assert source.fetch == FetchOptions(timeout=5.0)
    assert source.fetch.rate_limit == 1.0 and source.fetch.max_bytes == 10 * 1024 * 1024
    assert source.fetch.respect_robots and not source.fetch.allow_private_networks


def test_lanes_keep_a_host_group_together():
    batches = [pipeline.Batch("s", i, 0, 1, True, "news.example") for i in range(3)]
    assert len({pipeline.lane(b, 4) for b in batches}) == 1
    assert pipeline.lane(pipeline.Batch("inbox", 0, 0, 1), 4) is None

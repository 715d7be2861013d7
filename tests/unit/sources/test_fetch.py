"""The fetcher against a real server on 127.0.0.1: retries, limits, robots, SSRF, cache."""

from __future__ import annotations

import gzip
import zlib

import pytest

from newsflow.config import FetchOptions
from newsflow.sources.fetch import Fetcher, FetchError, retry_after, sniff
from newsflow.sources.httpcache import HttpCache
from tests.web import Reply, Site, flaky, gzipped

PAGE = "<html><head><title>t</title></head><body><p>hello</p></body></html>"
ROBOTS = Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")


def options(**changes) -> FetchOptions:
    base = dict(allow_private_networks=True, rate_limit=100.0, timeout=2.0, backoff=0.05, retries=3)
    return FetchOptions(**{**base, **changes})


def error_of(fetcher: Fetcher, url: str, kind: str = "article") -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, kind=kind)
    return caught.value


def test_fetches_a_page_and_keeps_its_headers():
    with Site({"/robots.txt": ROBOTS, "/a": Reply(body=PAGE)}) as site:
        got = Fetcher(options()).get(site.url("/a"))
    assert got.body == PAGE.encode() and got.status == 200 and got.attempts == 1
    assert got.header("content-type") == "text/html; charset=utf-8"
    assert got.final_url == site.url("/a") and not got.from_cache


@pytest.mark.parametrize("status", [503, 429, 500])
def test_retries_transient_failures_and_obeys_retry_after(status):
    routes = {"/robots.txt": ROBOTS, "/a": flaky(1, Reply(body=PAGE), status)}
    with Site(routes) as site:
        got = Fetcher(options()).get(site.url("/a"))
    assert got.body == PAGE.encode() and got.attempts == 2


def test_gives_up_after_the_bounded_attempts():
    routes = {"/robots.txt": ROBOTS, "/a": flaky(99, Reply(body=PAGE), 500)}
    with Site(routes) as site:
        error = error_of(Fetcher(options(retries=2)), site.url("/a"))
        assert site.hits["/a"] == 3
    assert error.record.error_type == "http-500" and error.record.attempts == 3


def test_a_retry_after_longer_than_the_cap_fails_at_once():
    routes = {
        "/robots.txt": ROBOTS,
        "/a": Reply(503, "later", {"Retry-After": "86400"}, "text/plain"),
    }
    with Site(routes) as site:
        error = error_of(Fetcher(options()), site.url("/a"))
        assert site.hits["/a"] == 1
    assert "too long" in error.record.error


def test_a_slow_server_times_out_and_is_retried():
    routes = {"/robots.txt": ROBOTS, "/slow": Reply(body=PAGE, delay=0.6)}
    with Site(routes) as site:
        error = error_of(Fetcher(options(timeout=0.2, retries=1)), site.url("/slow"))
        assert site.hits["/slow"] == 2
    assert error.record.error_type == "timeout" and error.record.status is None


def test_a_dripping_body_is_cut_at_the_time_limit():
    routes = {"/robots.txt": ROBOTS, "/drip": Reply(body=PAGE * 20, drip=0.05)}
    with Site(routes) as site:
        error = error_of(Fetcher(options(timeout=0.3, retries=0)), site.url("/drip"))
    assert error.record.error_type == "timeout"


def test_redirects_are_followed_and_the_final_url_kept():
    routes = {
        "/robots.txt": ROBOTS,
        "/old": Reply(301, headers={"Location": "/mid"}),
        "/mid": Reply(302, headers={"Location": "/new"}),
        "/new": Reply(body=PAGE),
    }
    with Site(routes) as site:
        got = Fetcher(options()).get(site.url("/old"))
    assert got.url == site.url("/old") and got.final_url == site.url("/new")


def test_a_redirect_loop_stops_at_the_limit():
    routes = {
        "/robots.txt": ROBOTS,
        "/a": Reply(302, headers={"Location": "/b"}),
        "/b": Reply(302, headers={"Location": "/a"}),
    }
    with Site(routes) as site:
        error = error_of(Fetcher(options(max_redirects=3)), site.url("/a"))
        assert site.hits["/a"] + site.hits["/b"] == 4
    assert error.record.error_type == "redirects"


def test_a_redirect_to_another_scheme_is_refused():
    routes = {"/robots.txt": ROBOTS, "/a": Reply(302, headers={"Location": "file:///etc/passwd"})}
    with Site(routes) as site:
        error = error_of(Fetcher(options()), site.url("/a"))
    assert error.record.error_type == "blocked" and "scheme" in error.record.error


def test_robots_txt_is_honoured_and_fetched_once():
    routes = {"/robots.txt": ROBOTS, "/private/x": Reply(body=PAGE), "/a": Reply(body=PAGE)}
    with Site(routes) as site:
        fetcher = Fetcher(options())
        error = error_of(fetcher, site.url("/private/x"))
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/a"))
        assert site.hits["/private/x"] == 0 and site.hits["/robots.txt"] == 1
    assert error.record.error_type == "robots" and error.record.attempts == 0
    assert [r.kind for r in fetcher.log] == ["robots"]


def test_robots_can_be_ignored_when_the_source_says_so():
    routes = {"/robots.txt": ROBOTS, "/private/x": Reply(body=PAGE)}
    with Site(routes) as site:
        Fetcher(options(respect_robots=False)).get(site.url("/private/x"))
        assert site.hits["/robots.txt"] == 0


def test_a_missing_robots_txt_allows_all_and_a_failing_one_allows_nothing():
    with Site({"/a": Reply(body=PAGE)}) as site:  # robots.txt: 404
        Fetcher(options()).get(site.url("/a"))
    routes = {"/robots.txt": Reply(500, "oops", content_type="text/plain"), "/a": Reply(body=PAGE)}
    with Site(routes) as site:
        error = error_of(Fetcher(options(retries=0)), site.url("/a"))
        assert site.hits["/a"] == 0
    assert error.record.error_type == "robots"


def test_crawl_delay_sets_the_interval_between_requests_to_a_host():
    routes = {
        "/robots.txt": Reply(body="User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain"),
        "/a": Reply(body=PAGE),
    }
    with Site(routes) as site:
        fetcher = Fetcher(options())
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/a"))
        assert fetcher._interval(site.url("/a")) == pytest.approx(0.3)
        assert site.hits["/a"] == 2


def test_oversized_bodies_are_refused():
    big = "<html><body>" + "x" * 5000 + "</body></html>"
    chunked = Reply(body=big, headers={"Content-Length": str(len(big))})
    routes = {"/robots.txt": ROBOTS, "/big": chunked}
    with Site(routes) as site:
        error = error_of(Fetcher(options(max_bytes=1000)), site.url("/big"))
    assert error.record.error_type == "too-large"


def test_a_decompression_bomb_stops_at_max_bytes():
    bomb = Reply(body="<html>" + " " * 5_000_000)
    routes = {"/robots.txt": ROBOTS, "/bomb": gzipped(bomb)}
    with Site(routes) as site:
        assert len(routes["/bomb"].body) < 10_000
        error = error_of(Fetcher(options(max_bytes=100_000)), site.url("/bomb"))
    assert error.record.error_type == "too-large"


def test_gzip_and_deflate_bodies_are_decoded():
    deflated = Reply(body=zlib.compress(PAGE.encode()), headers={"Content-Encoding": "deflate"})
    routes = {"/robots.txt": ROBOTS, "/gz": gzipped(Reply(body=PAGE)), "/deflate": deflated}
    with Site(routes) as site:
        fetcher = Fetcher(options())
        assert fetcher.get(site.url("/gz")).body == PAGE.encode()
        assert fetcher.get(site.url("/deflate")).body == PAGE.encode()


@pytest.mark.parametrize(
    "content_type, body, ok",
    [
        ("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, False),
        ("application/pdf", b"%PDF-1.4", False),
        ("application/octet-stream", PAGE.encode(), True),  # unlabelled, sniffed as HTML
        ("application/octet-stream", b"\x89PNG\r\n\x1a\n", False),
        (None, PAGE.encode(), True),
    ],
)
def test_only_html_is_taken_for_articles(content_type, body, ok):
    routes = {"/robots.txt": ROBOTS, "/x": Reply(body=body, content_type=content_type)}
    with Site(routes) as site:
        fetcher = Fetcher(options())
        if ok:
            assert fetcher.get(site.url("/x")).body == body
        else:
            assert error_of(fetcher, site.url("/x")).record.error_type == "content-type"


def test_private_addresses_are_refused_unless_allowed():
    with Site({"/robots.txt": ROBOTS, "/a": Reply(body=PAGE)}) as site:
        error = error_of(Fetcher(options(allow_private_networks=False)), site.url("/a"))
        assert sum(site.hits.values()) == 0  # not even robots.txt
    assert error.record.error_type == "blocked"
    assert "loopback" in error.record.error and "allow_private_networks" in error.record.error


@pytest.mark.parametrize(
    "url, why",
    [
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://[::1]/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.org/x", "scheme"),
        ("gopher://127.0.0.1:25/", "scheme"),
    ],
)
def test_ssrf_targets_are_refused_before_any_connection(url, why):
    error = error_of(Fetcher(options(allow_private_networks=False)), url)
    assert error.record.error_type == "blocked" and why in error.record.error


def test_a_listing_is_revalidated_with_a_conditional_request(tmp_path):
    feed = "<rss version='2.0'><channel><title>x</title></channel></rss>"

    def route(site, handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Reply(304, content_type=None)
        return Reply(body=feed, headers={"ETag": '"v1"'}, content_type="application/rss+xml")

    with Site({"/robots.txt": ROBOTS, "/feed": route}) as site:
        cache = HttpCache(tmp_path)
        first = Fetcher(options(), cache=cache).get(site.url("/feed"), kind="listing")
        again = Fetcher(options(), cache=cache).get(site.url("/feed"), kind="listing")
        assert site.hits["/robots.txt"] == 1  # robots.txt reused from the cache
    assert not first.from_cache and again.from_cache and again.body == first.body
    assert again.attempts == 1 and again.status == 200


def test_retry_after_accepts_seconds_and_dates():
    assert retry_after("3") == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after("soon") is None and retry_after(None) is None


def test_sniff():
    assert sniff(b"  <!DOCTYPE html><html>") == "text/html"
    assert sniff(b"<?xml version='1.0'?><rss>") == "application/xml"
    assert sniff(gzip.compress(b"x")) == "application/gzip"
    assert sniff(b"\x89PNG") is None

"""The bad-input corpus: hostile and broken documents, listings and archives, built here,
run through `newsflow ingest` in ONE run (one date, one sources file: an inbox, feeds, a
sitemap, a URL list and a WARC archive, served on 127.0.0.1). The run succeeds; every bad
case ends as a reject or a fetch_log row with its error_type; every good document lands;
each source's runs row adds up.

CASES is the table of cases and their outcomes:
  "article"               lands in articles
  "duplicate"             the same article reached another way: counted, not landed again
  "reject <stage>/<type>" a rejects row
  "fetch <type>"          a fetch_log row of a document that was refused or failed
  "listing <type>"        a fetch_log row of a feed, sitemap or archive that was refused
  "not fetched"           read once as a listing, never requested as a page
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsflow.cli import main
from newsflow.store.catalog import connect
from tests.conftest import SEED
from tests.web import Reply, Site, article

DAY = "2026-02-05"
PUBDATE = "Thu, 05 Feb 2026 09:00:00 GMT"
SECRET = "corpus-secret-7f3a9c"  # in a local file that only hostile input names
MB = 1024 * 1024

# (case, source, reference, outcome); {base} is the loopback site, {secret} the secret file
CASES = [
    # the inbox
    ("good HTML article", "inbox", "good-harbour.html", "article"),
    ("good plain-text article", "inbox", "good-seed.txt", "article"),
    ("good gzipped article", "inbox", "good-ferry.html.gz", "article"),
    ("article with a few invalid UTF-8 bytes", "inbox", "stray-bytes.html", "article"),
    ("UTF-8 page declaring koi8-r", "inbox", "wrong-charset.html", "article"),
    ("UTF-8 page declaring UTF-16", "inbox", "utf16-label.html", "article"),
    ("empty file", "inbox", "empty.html", "reject read/empty"),
    ("binary junk named .html", "inbox", "junk.html", "reject decode/binary"),
    ("truncated gzip", "inbox", "truncated.html.gz", "reject read/bad-gzip"),
    ("gzip bomb (60 MB of spaces in 60 KB)", "inbox", "bomb.html.gz", "reject read/too-large"),
    ("50 MB HTML page", "inbox", "huge.html", "reject read/too-large"),
    ("HTML nested 100,000 levels deep", "inbox", "deep.html", "reject parse/too-deep"),
    ("invalid UTF-8 throughout", "inbox", "invalid-utf8.html", "reject decode/binary"),
    ("page with no body", "inbox", "no-body.html", "reject content/not-an-article"),
    ("non-article page (link list)", "inbox", "links.html", "reject content/not-an-article"),
    ("plain text with only a headline", "inbox", "headline.txt", "reject content/no-body"),
    ("symlink out of the inbox (../../)", "inbox", "escape.html", "reject read/outside-inbox"),
    # a feed on loopback (allow_private_networks: true)
    ("feed article", "feed", "{base}/news/a", "article"),
    ("same article, tracking parameters", "feed", "{base}/news/a?utm_source=feed", "duplicate"),
    ("same article, its AMP page", "feed", "{base}/news/a/amp", "duplicate"),
    ("another feed article", "feed", "{base}/news/c", "article"),
    ("feed item linking to file://", "feed", "file://etc/passwd", "fetch blocked"),
    ("50 MB page over HTTP", "feed", "{base}/news/huge", "fetch too-large"),
    # the same article through a second feed: its own partition
    ("same article, another feed", "feed2", "{base}/news/a", "article"),
    # hostile listings
    ("feed with an XML entity bomb", "bomb", "{base}/bomb.xml", "listing unsafe-xml"),
    ("feed with an external entity", "xxe", "{base}/xxe.xml", "listing unsafe-xml"),
    ("sitemap index listing itself", "sitemap", "{base}/sitemap.xml", "not fetched"),
    ("urlset listing itself", "sitemap", "{base}/sitemap-news.xml", "not fetched"),
    ("sitemap article", "sitemap", "{base}/news/b", "article"),
    # URLs the SSRF guard refuses (allow_private_networks: false): no connection made
    ("file:// URL", "refused", "file:///etc/passwd", "fetch blocked"),
    ("loopback URL", "refused", "{base}/news/refused-probe", "fetch blocked"),
    ("private 10.x URL", "refused", "http://10.20.30.40/news", "fetch blocked"),
    ("cloud metadata URL", "refused", "http://169.254.169.254/latest/meta-data/", "fetch blocked"),
    ("IPv6 loopback URL", "refused", "http://[::1]/news", "fetch blocked"),
    # a CC-NEWS WARC file
    ("WARC record", "warc", "https://news.example.org/w1", "article"),
    ("same, http + tracking", "warc", "http://news.example.org/w1?utm_medium=x", "duplicate"),
    ("URL climbing (../../etc)", "warc", "https://news.example.org/../../etc/passwd", "article"),
    ("WARC corrupt record (and the rest of the file)", "warc", "{warc}", "listing warc-corrupt"),
]  # fmt: skip


def _html(title: str, extra_head: str = "", canonical: str | None = None) -> str:
    page = article(title, DAY)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return page.replace("<head>", f"<head>{extra_head}{link}", 1)


def _inbox(root: Path, secret: Path) -> Path:
    folder = root / DAY
    folder.mkdir(parents=True)
    accented = _html("Café owners welcome the new square").replace(
        "paragraph 0:", "paragraph 0: “the café”, said Zoë —"
    )
    deep = "<div>" * 100_000 + "<p>" + "Deep text. " * 40 + "</p>" + "</div>" * 100_000
    files: dict[str, bytes] = {
        "good-harbour.html": _html("Harbour reopens after the storm").encode(),
        "good-seed.txt": SEED.read_bytes(),
        "good-ferry.html.gz": gzip.compress(_html("Ferry timetable grows").encode(), mtime=0),
        "stray-bytes.html": _html("Bridge repairs begin")
        .encode()
        .replace(b"paragraph 1", b"paragraph \xff\xc3\x28 1"),
        "wrong-charset.html": accented.replace("<head>", '<head><meta charset="koi8-r">').encode(),
        "utf16-label.html": accented.replace("Café owners", "Café traders")
        .replace("<head>", '<head><meta charset="utf-16">')
        .encode(),
        "empty.html": b"",
        "junk.html": bytes(range(256)) * 64,
        "truncated.html.gz": gzip.compress(_html("Cut short").encode(), mtime=0)[:60],
        "bomb.html.gz": gzip.compress(b" " * (60 * MB), compresslevel=9, mtime=0),
        "deep.html": f"<html><body>{deep}</body></html>".encode(),
        "invalid-utf8.html": b"<html><body><p>"
        + bytes(0x80 + (i * 7) % 64 for i in range(8000))
        + b"</p></body></html>",
        "no-body.html": b"<html><head><title>Nothing here</title></head></html>",
        "links.html": (
            "<html><body><ul>"
            + "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(60))
            + "</ul></body></html>"
        ).encode(),
        "headline.txt": b"Only a headline\n",
    }
    for name, body in files.items():
        (folder / name).write_bytes(body)
    with (folder / "huge.html").open("wb") as out:  # 50 MB of article, written in pieces
        out.write(b"<html><body><article><h1>Huge</h1>")
        for _ in range(50):
            out.write(b"<p>" + b"word " * (MB // 5) + b"</p>")
        out.write(b"</article></body></html>")
    os.symlink(os.path.relpath(secret, folder), folder / "escape.html")
    return root


def _warc(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    records = io.BytesIO()
    writer = WARCWriter(records, gzip=True)
    for url, title in [
        ("https://news.example.org/w1", "Warc lands once"),
        ("http://news.example.org/w1?utm_medium=x", "Warc lands once"),
        ("https://news.example.org/../../etc/passwd", "Climbing URL is only a URL"),
    ]:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(_html(title).encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"{DAY}T10:00:00Z"},
            )
        )
    corrupt = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort")
    after = io.BytesIO()
    WARCWriter(after, gzip=True).write_record(
        writer.create_warc_record(
            "https://news.example.org/after",
            "response",
            payload=io.BytesIO(_html("After the corrupt record").encode()),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1"),
            warc_headers_dict={"WARC-Date": f"{DAY}T11:00:00Z"},
        )
    )
    path.write_bytes(records.getvalue() + corrupt + after.getvalue())
    return path


def _feed(base: str, links: list[str]) -> str:
    items = "".join(
        f"<item><link>{link}</link><pubDate>{PUBDATE}</pubDate></item>" for link in links
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
    )


def _routes(site: Site, secret: Path) -> None:
    base = site.base
    page_a = _html("Harbour crane arrives", canonical=f"{base}/news/a")
    amp = _html("Harbour crane arrives", canonical=f"{base}/news/a")
    site.routes.update(
        {
            "/robots.txt": Reply(404, "none", content_type="text/plain"),
            "/news/a": Reply(body=page_a),
            "/news/a/amp": Reply(body=amp.replace("<html", "<html amp", 1)),
            "/news/b": Reply(body=_html("Sitemap story")),
            "/news/c": Reply(body=_html("Second feed story")),
            "/news/huge": Reply(body=b"<html>" + b" " * (50 * MB)),
            "/feed.xml": Reply(
                body=_feed(
                    base,
                    [
                        f"{base}/news/a",
                        f"{base}/news/a?utm_source=feed",
                        f"{base}/news/a/amp",
                        f"{base}/news/c",
                        "file:///etc/passwd",
                        f"{base}/news/huge",
                    ],
                ),
                content_type="application/rss+xml",
            ),
            "/feed2.xml": Reply(body=_feed(base, [f"{base}/news/a"]), content_type="text/xml"),
            "/bomb.xml": Reply(
                body='<?xml version="1.0"?><!DOCTYPE rss ['
                + '<!ENTITY a0 "lol">'
                + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
                + "]><rss version='2.0'><channel><title>&a9;</title></channel></rss>",
                content_type="application/rss+xml",
            ),
            "/xxe.xml": Reply(
                body=f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
                "<rss version='2.0'><channel><title>&x;</title>"
                f"<item><link>{base}/news/c</link><description>&x;</description></item>"
                "</channel></rss>",
                content_type="application/rss+xml",
            ),
            "/sitemap.xml": Reply(
                body="<?xml version='1.0'?><sitemapindex "
                "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap>"
                f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>",
                content_type="application/xml",
            ),
            "/sitemap-news.xml": Reply(
                body="<?xml version='1.0'?><urlset "
                "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<url><loc>{base}/news/b</loc><lastmod>{DAY}</lastmod></url>"
                f"<url><loc>{base}/sitemap-news.xml</loc><lastmod>{DAY}</lastmod></url>"
                "</urlset>",
                content_type="application/xml",
            ),
        }
    )


def _sources(tmp_path: Path, site: Site, inbox: Path, warc: Path) -> Path:
    polite = "    rate_limit: 200\n    backoff: 0.05\n    timeout: 5\n    retries: 1\n"
    private = polite + "    allow_private_networks: true\n"
    refused = [c[2].format(base=site.base) for c in CASES if c[1] == "refused"]
    body = (
        "sources:\n"
        f"  - {{name: inbox, kind: inbox, path: '{inbox}'}}\n"
        f"  - name: feed\n    kind: rss\n    url: {site.url('/feed.xml')}\n{private}"
        f"  - name: feed2\n    kind: rss\n    url: {site.url('/feed2.xml')}\n{private}"
        f"  - name: bomb\n    kind: rss\n    url: {site.url('/bomb.xml')}\n{private}"
        f"  - name: xxe\n    kind: rss\n    url: {site.url('/xxe.xml')}\n{private}"
        f"  - name: sitemap\n    kind: sitemap\n    url: {site.url('/sitemap.xml')}\n{private}"
        f"  - name: refused\n    kind: urls\n{polite}    urls:\n"
        + "".join(f"      - '{url}'\n" for url in refused)
        + f"  - name: warc\n    kind: warc\n    paths: ['{warc}']\n"
    )
    path = tmp_path / "sources.yaml"
    path.write_text(body)
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus ingested once: (exit code, report, stderr, lake, site, secret, warc)."""
    tmp_path = tmp_path_factory.mktemp("corpus")
    secret = tmp_path / "secret.html"
    secret.write_text(f"<html><body><p>{SECRET}</p></body></html>")
    inbox = _inbox(tmp_path / "inbox", secret)
    warc = _warc(tmp_path / "warc" / "CC-NEWS-20260205100000-00001.warc.gz")
    lake = tmp_path / "lake"
    with Site() as site:
        _routes(site, secret)
        sources = _sources(tmp_path, site, inbox, warc)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                ["ingest", "--date", DAY, "--sources", str(sources), "--data-root", str(lake)]
            )
        report = json.loads(out.getvalue())["sources"] if code == 0 else {}
        yield code, report, err.getvalue(), lake, site, secret, warc


def _outcomes(con) -> dict[tuple[str, str], str]:
    """What became of each reference, read back from the lake."""
    found: dict[tuple[str, str], str] = {}
    for source, raw_uri, url in con.sql("select source, raw_uri, url from articles_all").fetchall():
        # inbox files by name, WARC records by their URL, web pages by the URL listed
        ref = {"inbox": Path(raw_uri).name, "warc": url}.get(source, raw_uri)
        found[(source, ref)] = "article"
    for source, raw_uri, stage, error_type in con.sql(
        "select source, raw_uri, stage, error_type from rejects"
    ).fetchall():
        found[(source, Path(raw_uri).name)] = f"reject {stage}/{error_type}"
    for source, url, kind, error_type in con.sql(
        "select source, url, kind, error_type from fetch_log"
        " where error_type is not null and kind in ('article', 'listing')"
    ).fetchall():
        found[(source, url)] = f"{'listing' if kind == 'listing' else 'fetch'} {error_type}"
    return found


def test_the_whole_corpus_runs_in_one_batch_and_every_case_has_its_outcome(corpus):
    code, report, err, lake, site, secret, warc = corpus
    assert code == 0, err
    con = connect(lake)
    found = _outcomes(con)
    fetched_listings = dict(
        con.sql("select url, count(*) from fetch_log where kind = 'listing' group by 1").fetchall()
    )
    for case, source, ref, expected in CASES:
        ref = ref.format(base=site.base, warc=warc)
        if expected == "duplicate":
            got = found.get((source, ref), "duplicate")
        elif expected == "not fetched":
            got = "not fetched" if site.hits[ref.removeprefix(site.base)] == 1 else "fetched"
            assert fetched_listings.get(ref) == 1 and (source, ref) not in found
        else:
            got = found.get((source, ref), "missing")
        assert got == expected, f"{case}: {got}"
    # nothing else landed or failed: every outcome above is accounted for in a table row
    listed = {(s, r.format(base=site.base, warc=warc)) for _, s, r, _ in CASES}
    assert set(found) <= listed, set(found) - listed


def test_each_source_adds_up_and_records_its_run(corpus):
    code, report, err, lake, site, secret, warc = corpus
    assert code == 0, err
    expected = {}
    for _, source, _, outcome in CASES:
        counts = expected.setdefault(
            source, {"articles": 0, "duplicates": 0, "rejects": 0, "fetch_failures": 0}
        )
        kind = outcome.split()[0]
        key = {"article": "articles", "duplicate": "duplicates", "reject": "rejects"}.get(kind)
        key = key or ("fetch_failures" if kind == "fetch" else None)
        if key:
            counts[key] += 1
    con = connect(lake)
    runs = {
        row[0]: dict(zip(("discovered", "articles", "duplicates", "rejects", "fetch_failures",
                          "listing_failures"), row[1:], strict=True))
        for row in con.sql(
            "select source, discovered, articles, duplicates, rejects, fetch_failures,"
            " listing_failures from runs"
        ).fetchall()
    }  # fmt: skip
    assert set(runs) == set(expected)
    for source, counts in expected.items():
        row = runs[source]
        assert {k: row[k] for k in counts} == counts, source
        assert row["discovered"] == sum(counts.values()), source
        assert report[source]["documents"] == row["discovered"]
    assert {s: r["listing_failures"] for s, r in runs.items() if r["listing_failures"]} == {
        "bomb": 1,
        "xxe": 1,
        "warc": 1,
    }


def test_no_hostile_input_reached_a_file_or_the_network(corpus):
    code, report, err, lake, site, secret, warc = corpus
    assert site.hits["/news/refused-probe"] == 0  # the guard refused before connecting
    assert site.hits["/sitemap.xml"] == 1 and site.hits["/sitemap-news.xml"] == 1
    # the external entity's file was never read into anything the run wrote
    for path in lake.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            assert SECRET.encode() not in data, path
    # and everything written stays inside the lake, in dt=/source= partitions of known sources
    sources = {c[1] for c in CASES}
    for path in lake.rglob("source=*"):
        assert path.resolve().is_relative_to(lake.resolve())
        assert path.name.removeprefix("source=") in sources, path


def test_the_run_names_every_reason_on_stderr(corpus):
    code, report, err, lake, site, secret, warc = corpus
    for needle in ("blocked", "too-large", "allow_private_networks"):
        assert needle in err


def test_the_good_documents_are_decoded_right():
    """Wrongly labelled UTF-8 lands as the words written, not as mojibake."""
    from newsflow.extract import extract
    from newsflow.model import RawDocument

    page = _html("Café owners").replace("paragraph 0:", "paragraph 0: “the café”, said Zoë —")
    for label in ("koi8-r", "utf-16", "iso-8859-1"):
        body = page.replace("<head>", f'<head><meta charset="{label}">').encode()
        text = extract(RawDocument(uri="x.html", source="t", body=body)).article.body_text
        assert "“the café”, said Zoë —" in text, label


def test_a_source_name_or_partition_value_cannot_climb_out_of_the_lake(tmp_path, capsys):
    from datetime import date

    from newsflow.store import lake

    sources = tmp_path / "sources.yaml"
    sources.write_text(f"sources:\n  - {{name: '../../etc', kind: inbox, path: '{tmp_path}'}}\n")
    code = main(["ingest", "--date", DAY, "--sources", str(sources), "--data-root", str(tmp_path)])
    assert code == 2 and "must be a slug" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.parquet"))
    # the lake's own paths sanitise whatever they are given
    for hostile in ("../../etc", "..", "a/../../b", "/etc/passwd", "x\x00y"):
        path = lake.partition(tmp_path / "lake", "articles", date(2026, 2, 5), hostile)
        assert path.parent.parent.parent == tmp_path / "lake"
        assert path.resolve().is_relative_to((tmp_path / "lake").resolve()), hostile


def test_the_same_article_lands_once_per_partition_and_once_in_the_articles_view(corpus):
    code, report, err, lake, site, secret, warc = corpus
    con = connect(lake)
    url = site.url("/news/a")
    ((article_id,),) = con.execute(
        "select distinct article_id from articles_all where url = ?", [url]
    ).fetchall()
    # four URLs (plain, tracking parameters, AMP, a second feed) -> one row per partition
    rows = con.execute(
        "select source from articles_all where article_id = ? order by source", [article_id]
    ).fetchall()
    assert rows == [("feed",), ("feed2",)]
    # the articles view keeps the latest version of each article_id across days and sources
    latest = con.execute("select count(*) from articles where article_id = ?", [article_id])
    assert latest.fetchall() == [(1,)]
    ((total, distinct),) = con.sql(
        "select count(*), count(distinct article_id) from articles"
    ).fetchall()
    assert total == distinct

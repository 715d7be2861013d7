"""Metadata rules, one table row per rule, on small pages written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsflow.extract.metadata import (
    clean_authors,
    complete,
    find_dateline,
    find_text_date,
    guess_language,
    html_metadata,
    parse_date,
    strip_site_name,
    text_metadata,
    url_date,
)
from newsflow.model import Block, Content, Metadata

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
URL = "https://news.example.com/world/2026/02/05/harbour-deal/"


def page(head: str = "", body: str = "", lang: str = "") -> lxml_html.HtmlElement:
    attr = f' lang="{lang}"' if lang else ""
    return lxml_html.document_fromstring(
        f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"
    )


def ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def meta(key: str, value: str, attr: str = "property") -> str:
    return f'<meta {attr}="{key}" content="{value}">'


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def content(
    *paragraphs: str,
    title: str | None = None,
    byline: str | None = None,
    boilerplate: tuple[str, ...] = (),
) -> Content:
    return Content(
        blocks=tuple(Block("p", p) for p in paragraphs),
        title=title,
        byline=byline,
        boilerplate=boilerplate,
    )


# ----------------------------------------------------------------------------- title

TITLE_CASES = [
    (
        "json-ld headline",
        page(ld({"@type": "NewsArticle", "headline": "Port deal signed"})),
        "Port deal signed",
    ),
    ("og:title", page(meta("og:title", "Port deal signed")), "Port deal signed"),
    ("twitter:title", page(meta("twitter:title", "Port deal signed", "name")), "Port deal signed"),
    (
        "h1 when nothing declares one",
        page(body="<h1>Port deal signed today</h1>"),
        "Port deal signed today",
    ),
    ("<title> alone", page("<title>Port deal signed</title>"), "Port deal signed"),
    (
        "site suffix stripped when site known",
        page(
            meta("og:site_name", "Harbour Herald")
            + meta("og:title", "Port deal signed | Harbour Herald")
        ),
        "Port deal signed",
    ),
    (
        "site prefix stripped",
        page(
            meta("og:site_name", "Harbour Herald")
            + meta("og:title", "Harbour Herald: Port deal signed at last")
        ),
        "Port deal signed at last",
    ),
    (
        "domain stands in for the site name",
        page("<title>Port deal signed today - Example</title>"),
        "Port deal signed today",
    ),
    (
        "unknown suffix kept",
        page(meta("og:title", "Port deal signed - and sealed")),
        "Port deal signed - and sealed",
    ),
    (
        "h1 confirmed by og:title beats a json-ld SEO headline",
        page(
            ld({"@type": "NewsArticle", "headline": "Port deal: what it means"})
            + meta("og:title", "Council signs the port deal"),
            "<h1>Council signs the port deal</h1>",
        ),
        "Council signs the port deal",
    ),
    (
        "section label dropped when the h1 is the headline",
        page(
            meta("og:title", "Opinion | The port deal is a bad bargain"),
            "<h1>The port deal is a bad bargain</h1>",
        ),
        "The port deal is a bad bargain",
    ),
    (
        "truncated headline completed from another source",
        page(
            ld(
                {
                    "@type": "NewsArticle",
                    "headline": "Council signs the port deal after a long night of",
                }
            )
            + meta("og:title", "Council signs the port deal after a long night of talks")
        ),
        "Council signs the port deal after a long night of talks",
    ),
    (
        "<title> with a site suffix beats a logo h1",
        page(
            meta("og:site_name", "Harbour Herald")
            + "<title>Port deal signed today | Harbour Herald</title>",
            "<h1>Harbour Herald</h1>",
        ),
        "Port deal signed today",
    ),
    (
        "many h1s are a listing, not a headline",
        page(
            body="<h1>One story here</h1><h1>Two story here</h1>"
            "<h1>Three story</h1><h1>Four story</h1>"
        ),
        None,
    ),
]


@pytest.mark.parametrize(
    ("tree", "expected"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES]
)
def test_title(tree, expected):
    assert html_metadata(tree, URL).title == expected


# ----------------------------------------------------------------------------- authors

ARTICLE = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port deal"}

AUTHOR_CASES = [
    ("json-ld string", page(ld({**ARTICLE, "author": "Jane Doe"})), ("Jane Doe",)),
    (
        "json-ld Person",
        page(ld({**ARTICLE, "author": {"@type": "Person", "name": "Jane Doe"}})),
        ("Jane Doe",),
    ),
    (
        "json-ld list of people",
        page(
            ld(
                {
                    **ARTICLE,
                    "author": [
                        {"@type": "Person", "name": "Jane Doe"},
                        {"@type": "Person", "name": "John Roe"},
                    ],
                }
            )
        ),
        ("Jane Doe", "John Roe"),
    ),
    (
        "json-ld @graph with @id reference",
        page(
            ld(
                {
                    "@graph": [
                        {**ARTICLE, "author": {"@id": "#jane"}},
                        {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
                    ]
                }
            )
        ),
        ("Jane Doe",),
    ),
    (
        "json-ld Person may have one name",
        page(ld({**ARTICLE, "author": {"@type": "Person", "name": "Regan"}})),
        ("Regan",),
    ),
    (
        "json-ld Organization is not a person",
        page(ld({**ARTICLE, "author": {"@type": "Organization", "name": "Harbour Herald"}})),
        (),
    ),
    (
        "given and family name",
        page(
            ld({**ARTICLE, "author": {"@type": "Person", "givenName": "Jane", "familyName": "Doe"}})
        ),
        ("Jane Doe",),
    ),
    ("meta author", page(meta("author", "Jane Doe", "name")), ("Jane Doe",)),
    (
        "meta author URL is not a name",
        page(meta("article:author", "https://facebook.com/janedoe")),
        (),
    ),
    ("byline class", page(body='<p class="byline">By Jane Doe</p>'), ("Jane Doe",)),
    (
        "byline with two names and agency",
        page(body='<div class="byline">By JANE DOE and JOHN ROE<div>Associated Press</div></div>'),
        ("Jane Doe", "John Roe"),
    ),
    (
        "rel=author links, all of them",
        page(
            body='<a rel="author" href="/a/jd">Jane Doe</a>, '
            '<a rel="author" href="/a/jr">John Roe</a>'
        ),
        ("Jane Doe", "John Roe"),
    ),
    (
        "itemprop author name",
        page(body='<span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>'),
        ("Jane Doe",),
    ),
    (
        "email-the-author junk and a date dropped",
        page(body='<div class="author">By Jane Doe Email the author Feb. 5, 2026</div>'),
        ("Jane Doe",),
    ),
    (
        "site name in the byline dropped",
        page(
            meta("og:site_name", "Harbour Herald"), '<p class="byline">Jane Doe, Harbour Herald</p>'
        ),
        ("Jane Doe",),
    ),
    (
        "site name glued to the name dropped",
        page(
            meta("og:site_name", "Harbour Herald"), '<p class="byline">Jane Doe Harbour Herald</p>'
        ),
        ("Jane Doe",),
    ),
    (
        "a byline naming only the site means no person",
        page(
            meta("og:site_name", "Harbour Herald"),
            '<p class="byline">Harbour Herald staff</p><div class="author-topics">Port Deals</div>',
        ),
        (),
    ),
    (
        "a short line starting with By in the article",
        page(
            body='<article><h1>Port deal</h1><p class="meta">By <a href="/s/jd">Jane Doe</a>'
            "</p><p>By the end of the year the port will open.</p></article>"
        ),
        ("Jane Doe",),
    ),
    (
        "a declared author the page never shows gives way to the visible byline",
        page(ld({**ARTICLE, "author": "Pat Poster"}), '<p class="byline">By Jane Doe</p>'),
        ("Jane Doe",),
    ),
    (
        "a declared author is kept when the page shows no byline",
        page(ld({**ARTICLE, "author": "Pat Poster"}), "<p>Text.</p>"),
        ("Pat Poster",),
    ),
    (
        "comment authors are not bylines",
        page(body='<div class="comments"><span class="comment-author">Pat Reader</span></div>'),
        (),
    ),
    (
        "json-ld wins over the visible byline",
        page(ld({**ARTICLE, "author": "Jane Doe"}), '<p class="byline">By Jane Doe, John Roe</p>'),
        ("Jane Doe",),
    ),
]


@pytest.mark.parametrize(
    ("tree", "expected"), [c[1:] for c in AUTHOR_CASES], ids=[c[0] for c in AUTHOR_CASES]
)
def test_authors(tree, expected):
    assert html_metadata(tree, URL).authors == expected


CLEAN_AUTHOR_CASES = [
    ("By Jane Doe", ("Jane Doe",)),
    ("Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("Jane Doe, John Roe", ("Jane Doe", "John Roe")),
    ("Jane Doe & John Roe", ("Jane Doe", "John Roe")),
    ("Written by Jane Doe, Staff Writer", ("Jane Doe",)),
    ("Jane Doe, Reuters", ("Jane Doe",)),
    ("Jane Doe, MS, RD", ("Jane Doe",)),
    ("Analysis by Jane Doe, CNN Editor-at-large", ("Jane Doe",)),
    ("Jane Doe. Harbour International", ("Jane Doe",)),
    ("Jane Doe Jane Doe", ("Jane Doe Jane Doe",)),  # not split: no separator
    ("Jane Doe; jane doe", ("Jane Doe",)),
    ("JANE DOE", ("Jane Doe",)),
    ("Ludwig van Beethoven", ("Ludwig van Beethoven",)),
    ("Updated Feb 5, 2026 10:00 am", ()),
    ("By Jane Doe on Monday, November 18th, 2019 at 11:04 a.m.", ("Jane Doe",)),
    ("By", ()),
    ("jane@example.com", ()),
    ("@janedoe", ()),
    ("https://example.com/authors/jane-doe", ()),
    ("Associated Press", ()),
    ("Reuters", ()),
    ("Von Hans Meier", ("Hans Meier",)),
    ("Текст: Лида Буслаева", ("Лида Буслаева",)),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_AUTHOR_CASES)
def test_clean_authors(raw, expected):
    assert clean_authors([raw], exclude=["Harbour Herald"]) == expected


# ----------------------------------------------------------------------------- dates

DATE_CASES = [
    (
        "json-ld datePublished",
        page(ld({**ARTICLE, "datePublished": "2026-02-05T09:30:00+05:00"})),
        (utc(2026, 2, 5, 4, 30), "json-ld"),
    ),
    (
        "json-ld top-level list",
        page(ld([{"@type": "WebSite", "name": "X"}, {**ARTICLE, "datePublished": "2026-02-05"}])),
        (utc(2026, 2, 5), "json-ld"),
    ),
    (
        "json-ld @graph",
        page(ld({"@graph": [{**ARTICLE, "datePublished": "2026-02-05T10:00:00Z"}]})),
        (utc(2026, 2, 5, 10), "json-ld"),
    ),
    (
        "json-ld ReportageNewsArticle",
        page(ld({"@type": "ReportageNewsArticle", "datePublished": "2026-02-05T10:00:00Z"})),
        (utc(2026, 2, 5, 10), "json-ld"),
    ),
    (
        "json-ld malformed: trailing comma and raw newline",
        page(
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A\nB",'
            ' "datePublished": "2026-02-05T10:00:00Z",}</script>'
        ),
        (utc(2026, 2, 5, 10), "json-ld"),
    ),
    (
        "json-ld broken beyond repair falls through to meta",
        page(
            '<script type="application/ld+json">{"@type": NewsArticle</script>'
            + meta("article:published_time", "2026-02-05T08:00:00Z")
        ),
        (utc(2026, 2, 5, 8), "meta"),
    ),
    (
        "json-ld WebPage stands in",
        page(ld({"@type": "WebPage", "datePublished": "2026-02-05"})),
        (utc(2026, 2, 5), "json-ld"),
    ),
    (
        "article:published_time",
        page(meta("article:published_time", "2026-02-05T08:00:00-05:00")),
        (utc(2026, 2, 5, 13), "meta"),
    ),
    (
        "itemprop datePublished on a meta",
        page(body='<meta itemprop="datePublished" content="2026-02-05T08:00:00Z">'),
        (utc(2026, 2, 5, 8), "meta"),
    ),
    ("dc.date", page(meta("DC.date", "2026-02-05", "name")), (utc(2026, 2, 5), "meta")),
    (
        "site-specific meta name that says publish",
        page(meta("sn-post-date", "2026/02/05", "name")),
        (utc(2026, 2, 5), "meta"),
    ),
    (
        "<time itemprop=datePublished>",
        page(
            body='<time itemprop="datePublished" datetime="2026-02-05T07:15:00+01:00">Feb 5</time>'
        ),
        (utc(2026, 2, 5, 6, 15), "time"),
    ),
    (
        "<time pubdate>",
        page(body='<time pubdate datetime="2026-02-05T07:15:00Z">Feb 5</time>'),
        (utc(2026, 2, 5, 7, 15), "time"),
    ),
    (
        "<time> in the article header",
        page(
            body='<article><header><time datetime="2026-02-05T07:15Z">x</time></header></article>'
        ),
        (utc(2026, 2, 5, 7, 15), "time"),
    ),
    (
        "<time> of a related story is not the article's",
        page(
            body='<article><p>x</p><div class="related"><time datetime="2025-01-01">x</time></div>'
            "</article>"
        ),
        (utc(2026, 2, 5), "url"),
    ),
    (
        "<time class=updated> is not the publication date",
        page(
            body='<article><header><time class="updated" datetime="2026-02-07">x</time>'
            "</header></article>"
        ),
        (utc(2026, 2, 5), "url"),
    ),
    ("date in the URL", page(), (utc(2026, 2, 5), "url")),
    (
        "written date in the byline adds the time to the URL day",
        page(body='<div class="byline">By Jane Doe | Published 9:02 AM EST Feb. 5, 2026</div>'),
        (utc(2026, 2, 5, 14, 2), "text"),
    ),
    (
        "naive time is UTC",
        page(meta("article:published_time", "2026-02-05T08:00:00")),
        (utc(2026, 2, 5, 8), "meta"),
    ),
    (
        "implausible year rejected, next rule used",
        page(meta("article:published_time", "1970-01-01T00:00:00Z")),
        (utc(2026, 2, 5), "url"),
    ),
]


@pytest.mark.parametrize(
    ("tree", "expected"), [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES]
)
def test_published_at(tree, expected):
    meta_ = html_metadata(tree, URL)
    assert (meta_.published_at, meta_.published_at_source) == expected
    assert meta_.published_at.tzinfo is not None


def test_date_after_a_publication_cue():
    tree = page(body="<dl><dd>Posted: 2026-02-05 15:24</dd></dl><p>Founded in 2019.</p>")
    meta_ = html_metadata(tree, "https://example.com/story?id=8576")
    assert (meta_.published_at, meta_.published_at_source) == (utc(2026, 2, 5, 15, 24), "text")


def test_no_date_anywhere():
    meta_ = html_metadata(
        page(body="<p>In 2019 some 12 people said 5 things.</p>"), "https://example.com/story"
    )
    assert (meta_.published_at, meta_.published_at_source) == (None, None)


PARSE_DATE_CASES = [
    ("2026-02-05", utc(2026, 2, 5)),
    ("2026-02-05T10:20:30Z", utc(2026, 2, 5, 10, 20, 30)),
    ("2026-02-05T10:20:30.123+05:30", utc(2026, 2, 5, 4, 50, 30)),
    ("2026-02-05T10:20:30+0100", utc(2026, 2, 5, 9, 20, 30)),
    ("2026-02-05 10:20", utc(2026, 2, 5, 10, 20)),
    ("2026/02/05", utc(2026, 2, 5)),
    ("20260205", utc(2026, 2, 5)),
    ("Thu, 05 Feb 2026 10:00:00 GMT", utc(2026, 2, 5, 10)),
    ("Thu, 05 Feb 2026 10:00:00 -0500", utc(2026, 2, 5, 15)),
    ("1770285600", utc(2026, 2, 5, 10)),
    ("1770285600000", utc(2026, 2, 5, 10)),
    ("February 5, 2026", utc(2026, 2, 5)),
    ("Feb. 5, 2026 10:30 AM EST", utc(2026, 2, 5, 15, 30)),
    ("Feb 5, 2026 at 9:02 p.m. ET", utc(2026, 2, 6, 2, 2)),
    ("5 February 2026 14:00 CET", utc(2026, 2, 5, 13)),
    ("Thursday, 5th February 2026", utc(2026, 2, 5)),
    ("05.02.2026", utc(2026, 2, 5)),
    ("5. Februar 2026", utc(2026, 2, 5)),
    ("5 de febrero de 2026", utc(2026, 2, 5)),
    ("5 février 2026", utc(2026, 2, 5)),
    ("1989-12-31", None),
    ("2026-02-30", None),
    ("2026-13-01", None),
    ("Feb. 5", None),
    ("12345", None),
    ("", None),
    (None, None),
    ("yesterday", None),
]


@pytest.mark.parametrize(("raw", "expected"), PARSE_DATE_CASES)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


URL_DATE_CASES = [
    ("https://x.com/2026/02/05/story", utc(2026, 2, 5)),
    ("https://x.com/news/2026-02-05-story.html", utc(2026, 2, 5)),
    ("https://x.com/news/20260205/story", utc(2026, 2, 5)),
    ("https://x.com/world/2026/feb/05/story", utc(2026, 2, 5)),
    ("https://x.com/story-1770285600", None),
    ("https://x.com/2026/02/story.html", None),
    ("https://x.com/item/12345678/", None),
]


@pytest.mark.parametrize(("url", "expected"), URL_DATE_CASES)
def test_url_date(url, expected):
    assert url_date(url) == expected


# ----------------------------------------------------------------------------- other fields

FIELD_CASES = [
    (
        "description from json-ld",
        page(ld({**ARTICLE, "description": "The deal."})),
        "description",
        "The deal.",
    ),
    ("description from og", page(meta("og:description", "The deal.")), "description", "The deal."),
    (
        "description from meta name",
        page(meta("description", "The deal.", "name")),
        "description",
        "The deal.",
    ),
    (
        "publisher from json-ld",
        page(
            ld(
                {
                    **ARTICLE,
                    "publisher": {"@type": "NewsMediaOrganization", "name": "Harbour Herald"},
                }
            )
        ),
        "publisher",
        "Harbour Herald",
    ),
    (
        "publisher from og:site_name",
        page(meta("og:site_name", "Harbour Herald")),
        "publisher",
        "Harbour Herald",
    ),
    (
        "publisher from json-ld Organization",
        page(ld({"@type": "Organization", "name": "Harbour Herald"})),
        "publisher",
        "Harbour Herald",
    ),
    (
        "publisher handle is not a name",
        page(meta("og:site_name", "@harbourherald")),
        "publisher",
        None,
    ),
    (
        "modified from json-ld",
        page(ld({**ARTICLE, "dateModified": "2026-02-05T12:00:00Z"})),
        "modified_at",
        utc(2026, 2, 5, 12),
    ),
    (
        "modified from meta",
        page(meta("article:modified_time", "2026-02-05T12:00:00Z")),
        "modified_at",
        utc(2026, 2, 5, 12),
    ),
    ("language from <html lang>", page(lang="en-GB"), "language", "en"),
    ("language from json-ld", page(ld({**ARTICLE, "inLanguage": "de-DE"})), "language", "de"),
    ("language from og:locale", page(meta("og:locale", "fr_FR")), "language", "fr"),
    (
        "language three-letter code",
        page(meta("content-language", "eng", "http-equiv")),
        "language",
        "en",
    ),
    (
        "canonical made absolute",
        page('<link rel="canonical" href="/world/harbour-deal">'),
        "canonical_url",
        "https://news.example.com/world/harbour-deal",
    ),
    (
        "canonical from og:url",
        page(meta("og:url", "https://news.example.com/a")),
        "canonical_url",
        "https://news.example.com/a",
    ),
    (
        "section from json-ld",
        page(ld({**ARTICLE, "articleSection": ["World", "Asia"]})),
        "section",
        "World",
    ),
    ("section from meta", page(meta("article:section", "World")), "section", "World"),
    (
        "tags from json-ld keywords string",
        page(ld({**ARTICLE, "keywords": "ports, trade,ports"})),
        "tags",
        ("ports", "trade"),
    ),
    (
        "tags from article:tag",
        page(meta("article:tag", "ports") + meta("article:tag", "trade")),
        "tags",
        ("ports", "trade"),
    ),
    (
        "tags without internal codes",
        page(meta("keywords", "ports, type:article, SYND", "name")),
        "tags",
        ("ports",),
    ),
    (
        "image from json-ld ImageObject",
        page(ld({**ARTICLE, "image": {"@type": "ImageObject", "url": "/img/port.jpg"}})),
        "image_url",
        "https://news.example.com/img/port.jpg",
    ),
    (
        "image from og:image, protocol-relative",
        page(meta("og:image", "//cdn.example.com/port.jpg")),
        "image_url",
        "https://cdn.example.com/port.jpg",
    ),
]


@pytest.mark.parametrize(
    ("tree", "field", "expected"), [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES]
)
def test_fields(tree, field, expected):
    assert getattr(html_metadata(tree, URL), field) == expected


def test_url_from_canonical_when_unknown():
    tree = page('<link rel="canonical" href="https://news.example.com/a">')
    assert html_metadata(tree, None).url == "https://news.example.com/a"


def test_html_metadata_does_not_touch_the_tree():
    tree = page(
        meta("og:title", "Port deal") + ld({**ARTICLE, "author": "Jane Doe"}),
        '<article><h1>Port deal</h1><p class="byline">By Jane Doe</p>'
        '<time datetime="2026-02-05">Feb 5</time><p>Text.</p></article>',
    )
    before = lxml_html.tostring(tree)
    html_metadata(tree, URL)
    assert lxml_html.tostring(tree) == before


def test_strip_site_name_needs_a_known_name():
    assert strip_site_name("Port deal signed | Harbour Herald", []) == (
        "Port deal signed | Harbour Herald"
    )


# ----------------------------------------------------------------------------- plain text

PUBLISHER_CASES = [
    ("Get The Astana Times stories sent directly to you! Sign up", "The Astana Times"),
    ("Subscribe to the Harbour Herald newsletter for more.", "Harbour Herald"),
    ("Subscribe to our newsletter for more.", None),
    ("Subscribe to Harbour Herald's newsletter", "Harbour Herald"),
    ("© 2026 Harbour Herald. All rights reserved.", "Harbour Herald"),
    ("Copyright 2026 Harbour Herald", "Harbour Herald"),
    ("Follow Harbour Herald on X", "Harbour Herald"),
    ("Thanks for reading.", None),
]


@pytest.mark.parametrize(("footer", "expected"), PUBLISHER_CASES)
def test_text_publisher_from_footer(footer, expected):
    meta_ = text_metadata(content("Body.", title="Headline", boilerplate=(footer,)))
    assert meta_.publisher == expected
    assert meta_.title == "Headline"


# ----------------------------------------------------------------------------- complete

DATELINE_CASES = [
    ("ALMATY – President Kassym-Jomart Tokayev outlined ...", "ALMATY"),
    ("WASHINGTON (Reuters) - The Senate voted ...", "WASHINGTON"),
    ("LONDON, Feb 5 — Shares fell ...", "LONDON"),
    ("NEW YORK — The city said ...", "NEW YORK"),
    ("KANSAS CITY, Mo. — The team ...", "KANSAS CITY, Mo."),
    ("SÃO PAULO – Prices rose ...", "SÃO PAULO"),
    ("President Tokayev said – in a note – that ...", None),
    ("The minister – who arrived late – said ...", None),
    ("UPDATE – The vote was delayed.", None),
    ("NATO-led forces left on Monday.", None),
    ("", None),
]


@pytest.mark.parametrize(("lead", "expected"), DATELINE_CASES)
def test_dateline(lead, expected):
    assert find_dateline(lead) == expected


LANGUAGE_CASES = [
    (
        "The council said that the port would be open to all ships from the north by "
        "the end of the year, and it was not clear who would pay for it.",
        "en",
    ),
    (
        "Der Rat sagte, dass der Hafen bis Ende des Jahres für alle Schiffe aus dem Norden "
        "offen sein wird, und es ist nicht klar, wer das bezahlt.",
        "de",
    ),
    (
        "Le conseil a dit que le port sera ouvert à tous les navires du nord avant la fin "
        "de l'année, et il n'est pas clair qui paiera pour cela dans les mois qui viennent.",
        "fr",
    ),
    (
        "El consejo dijo que el puerto estará abierto a todos los barcos del norte para "
        "el final del año, y no está claro quién lo pagará con los fondos de la ciudad.",
        "es",
    ),
    ("Port ships north.", None),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE_CASES)
def test_guess_language(text, expected):
    assert guess_language(text) == expected


TEXT_DATE_CASES = [
    ("a date line of its own", content("Feb. 5, 2026", "The council met."), utc(2026, 2, 5)),
    (
        "published-on phrase",
        content("The council met.", "This story was published on 5 February 2026 at 10:00 GMT."),
        utc(2026, 2, 5, 10),
    ),
    (
        "in the byline",
        content("The council met.", byline="Jane Doe | February 5, 2026"),
        utc(2026, 2, 5),
    ),
    ("dateline with a year", content("LONDON, Feb. 5, 2026 — Shares fell."), utc(2026, 2, 5)),
    ("no year is no date", content("ALMATY – In a Feb. 5 interview the president spoke."), None),
    (
        "a date deep in a long sentence is an event, not publication",
        content(
            "The council, which first met on March 3, 2019 to discuss the port, said on "
            "Thursday that talks with the shipping firms would resume within weeks."
        ),
        None,
    ),
    ("numbers are not dates", content("In 2019, 12 ships and 5 ferries docked 300 times."), None),
]


@pytest.mark.parametrize(
    ("body", "expected"), [c[1:] for c in TEXT_DATE_CASES], ids=[c[0] for c in TEXT_DATE_CASES]
)
def test_published_from_text(body, expected):
    meta_ = complete(Metadata(), body, listing_date=None, run_date=None)
    assert meta_.published_at == expected
    assert meta_.published_at_source == ("text" if expected else None)


def test_find_text_date_takes_the_first():
    assert find_text_date("5 Feb 2026, updated February 6, 2026") == utc(2026, 2, 5)


COMPLETE_CASES = [
    (
        "listing date when nothing dates the text",
        Metadata(),
        dict(listing_date=date(2026, 2, 5), run_date=date(2026, 2, 6)),
        dict(published_at=utc(2026, 2, 5), published_at_source="listing"),
    ),
    (
        "run date last",
        Metadata(),
        dict(listing_date=None, run_date=date(2026, 2, 6)),
        dict(published_at=utc(2026, 2, 6), published_at_source="run-date"),
    ),
    (
        "a declared date is kept",
        Metadata(published_at=utc(2026, 2, 4, 9), published_at_source="json-ld"),
        dict(listing_date=date(2026, 2, 5), run_date=None),
        dict(published_at=utc(2026, 2, 4, 9), published_at_source="json-ld"),
    ),
    (
        "title from the content when missing",
        Metadata(),
        dict(listing_date=None, run_date=None),
        dict(title="Council opens the port"),
    ),
    (
        "declared title kept",
        Metadata(title="Declared"),
        dict(listing_date=None, run_date=None),
        dict(title="Declared"),
    ),
    (
        "authors from the byline when missing",
        Metadata(),
        dict(listing_date=None, run_date=None),
        dict(authors=("Jane Doe", "John Roe")),
    ),
    (
        "declared authors kept",
        Metadata(authors=("Pat Poe",)),
        dict(listing_date=None, run_date=None),
        dict(authors=("Pat Poe",)),
    ),
    (
        "language guessed when missing",
        Metadata(),
        dict(listing_date=None, run_date=None),
        dict(language="en"),
    ),
    (
        "declared language kept",
        Metadata(language="de"),
        dict(listing_date=None, run_date=None),
        dict(language="de"),
    ),
    ("dateline", Metadata(), dict(listing_date=None, run_date=None), dict(dateline="OSLO")),
]

STORY = content(
    "OSLO – The council said on Thursday that the port would be open to all ships from the "
    "north by the end of the year, and it was not clear who would pay for the work.",
    "It was the first time that the council had said so, and the mayor was not there.",
    title="Council opens the port",
    byline="By Jane Doe and John Roe",
)


@pytest.mark.parametrize(
    ("meta_", "kwargs", "expected"),
    [c[1:] for c in COMPLETE_CASES],
    ids=[c[0] for c in COMPLETE_CASES],
)
def test_complete(meta_, kwargs, expected):
    done = complete(meta_, STORY, **kwargs)
    assert {key: getattr(done, key) for key in expected} == expected


def test_dateline_after_a_leaked_banner():
    body = content("Weather alert: ice jam warning through Saturday.", "RIVERSIDE — Trucks rolled.")
    assert complete(Metadata(), body, listing_date=None, run_date=None).dateline == "RIVERSIDE"


def test_complete_keeps_utc():
    done = complete(Metadata(), STORY, listing_date=date(2026, 2, 5), run_date=None)
    assert done.published_at.utcoffset() == timedelta(0)
    assert done.published_at.tzinfo == UTC


# ----------------------------------------------------------------------------- the seed


def _seed_content() -> Content:
    """The seed article as the text parser gives it, built here by hand."""
    text = (FIXTURES / "seed" / "astana-times-tokayev-pakistan.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    title, *body = paragraphs
    return content(*body[:-1], title=title, boilerplate=(body[-1],))


def test_seed_article():
    gold = json.loads(
        (FIXTURES / "seed" / "astana-times-tokayev-pakistan.gold.json").read_text(encoding="utf-8")
    )["article"]
    body = _seed_content()
    meta_ = complete(
        text_metadata(body), body, listing_date=date(2026, 2, 5), run_date=date(2026, 2, 6)
    )
    assert meta_.title == gold["title"]
    assert meta_.dateline == gold["dateline"] == "ALMATY"
    assert meta_.language == gold["language"] == "en"
    assert meta_.publisher == gold["publisher"] == "The Astana Times"
    # "Feb. 5" has no year: not a publication date; the inbox folder dates it
    assert meta_.published_at == utc(2026, 2, 5)
    assert meta_.published_at_source == "listing"
    assert meta_.authors == ()

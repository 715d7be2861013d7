"""HTML parsing and main-content rules, one small hand-written page per rule."""

from __future__ import annotations

import pytest
from lxml import etree

from newsflow.extract.html import main_content, parse_html
from newsflow.model import ExtractError

# Prose for the fixtures: long enough to read as article paragraphs.
P1 = (
    "The river authority opened the northern sluice gates on Tuesday morning, "
    "lowering the reservoir by almost a metre before the storm arrived."
)
P2 = (
    "Farmers downstream said they had been warned two days in advance and had "
    "moved their cattle to higher pastures, according to the regional council."
)
P3 = (
    "Engineers will inspect the dam wall next week, the authority said, adding that "
    "no structural damage had been reported during the night."
)
P4 = (
    "Rainfall totals for the month are already double the long-term average, and "
    "forecasters expect another band of heavy showers by the weekend."
)

CHROME_TOP = """
<header class="site-header"><a href="/" class="logo">Daily Ledger</a>
  <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/weather">Weather</a></li></ul></nav></header>
"""
CHROME_BOTTOM = """
<aside class="sidebar"><h3>Most read</h3><ul>
  <li><a href="/a">Council approves new budget for the coming year</a></li>
  <li><a href="/b">Local team wins the regional cup final on penalties</a></li></ul></aside>
<footer><p>\u00a9 2026 Daily Ledger, Ltd. All rights reserved.</p>
  <a href="/about">About us</a> <a href="/contact">Contact</a></footer>
"""


def page(article: str, top: str = CHROME_TOP, bottom: str = CHROME_BOTTOM) -> str:
    return f"<html><head><title>t</title></head><body>{top}{article}{bottom}</body></html>"


def story(*inner: str, h1: str = "Reservoir lowered ahead of storm") -> str:
    return f"<article><h1>{h1}</h1>{''.join(inner)}</article>"


def p(text: str) -> str:
    return f"<p>{text}</p>"


def extract(html: str):
    return main_content(parse_html(html))


def body_text(html: str) -> str:
    return extract(html).body_text


# --- parse_html ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error_type"),
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("just some words without any markup at all", "unparseable"),
        ("\x00\x01\x02\x03\x04\x05\x06\x07" * 200, "unparseable"),
        ("\ufffd\ufffd<\ufffd\ufffd" * 300, "unparseable"),
    ],
    ids=["empty", "whitespace", "no-markup", "binary", "mis-decoded"],
)
def test_parse_html_rejects(text, error_type):
    with pytest.raises(ExtractError) as info:
        parse_html(text)
    assert info.value.stage == "parse"
    assert info.value.error_type == error_type


@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>Hello</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hello</p></body></html>',
        "<p>Hello</p>",  # a fragment: lxml supplies html and body
        "<html><body><p>Hello\x00 there</p></body></html>",  # stray control character
    ],
    ids=["document", "xml-declaration", "fragment", "control-char"],
)
def test_parse_html_accepts(text):
    tree = parse_html(text)
    assert tree.tag == "html"
    assert "Hello" in "".join(tree.itertext())


@pytest.mark.parametrize(
    "text",
    [
        '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 \u2019s</p></body>',
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Caf\u00e9</p></body></html>',
    ],
    ids=["declared-other-charset", "xml-declaration"],
)
def test_parse_html_reads_utf8_bytes_as_the_text(text):
    expected = etree.tostring(parse_html(text), encoding="unicode")
    assert etree.tostring(parse_html(text, text.encode()), encoding="unicode") == expected
    assert "Caf\u00e9" in expected


# --- what is kept, and how ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected_kinds"),
    [
        (
            page(story(p(P1), "<h2>What happens next</h2>", p(P2))),
            ["p", "h", "p"],
        ),
        (
            page(story(p(P1), f"<ul><li>{P2}</li><li>{P3}</li></ul>", p(P4))),
            ["p", "li", "li", "p"],
        ),
        (
            page(story(p(P1), f"<blockquote><p>{P2}</p></blockquote>", p(P3))),
            ["p", "blockquote", "p"],
        ),
        (
            page(story(p(P1), "<pre>level  2.4 m\nflow   310 m3/s</pre>", p(P2))),
            ["p", "pre", "p"],
        ),
        (
            page(
                story(
                    p(P1),
                    "<table><tr><th>Gauge</th><th>Level</th></tr>"
                    "<tr><td>North</td><td>2.4 m</td></tr></table>",
                    p(P2),
                )
            ),
            ["p", "table", "p"],
        ),
    ],
    ids=["heading", "list-items", "blockquote", "pre", "data-table"],
)
def test_block_kinds_in_document_order(html, expected_kinds):
    content = extract(html)
    assert [b.kind for b in content.blocks] == expected_kinds


def test_whitespace_is_normalised_within_a_block():
    messy = (
        "<p>  The river   authority\n opened the <b>northern</b>\tsluice gates "
        "on Tuesday morning, lowering the reservoir.  </p>"
    )
    html = page(story(messy, p(P2), p(P3)))
    first = extract(html).blocks[0].text
    assert first == (
        "The river authority opened the northern sluice gates on Tuesday morning, "
        "lowering the reservoir."
    )


def test_pre_keeps_its_lines():
    html = page(story(p(P1), "<pre>level   2.4 m\n\nflow 310 m3/s</pre>", p(P2)))
    pre = [b for b in extract(html).blocks if b.kind == "pre"][0]
    assert pre.text == "level 2.4 m\nflow 310 m3/s"


def test_table_cells_are_kept():
    html = page(
        story(
            p(P1),
            "<table><tr><th>Gauge</th><th>Level</th></tr>"
            "<tr><td>North</td><td>2.4 m</td></tr></table>",
            p(P2),
        )
    )
    table = [b for b in extract(html).blocks if b.kind == "table"][0]
    assert "North" in table.text and "2.4 m" in table.text


def test_h1_is_the_title_and_not_a_block():
    content = extract(page(story(p(P1), p(P2), h1="Reservoir lowered ahead of storm")))
    assert content.title == "Reservoir lowered ahead of storm"
    assert all("Reservoir lowered" not in b.text for b in content.blocks)


def test_headline_h1_is_preferred_to_a_site_name_h1():
    html = page(
        '<h1 class="site-name">The Daily Ledger Online</h1>'
        + story(p(P1), p(P2), h1="Reservoir lowered ahead of storm")
    )
    assert extract(html).title == "Reservoir lowered ahead of storm"


@pytest.mark.parametrize(
    "byline_html",
    [
        '<div class="byline">By Jane Okafor, Environment Reporter</div>',
        '<p class="article-author">By Jane Okafor, Environment Reporter</p>',
        '<span><a rel="author" href="/jane">By Jane Okafor, Environment Reporter</a></span>',
        "<p>By Jane Okafor, Environment Reporter</p>",
    ],
    ids=["class-byline", "class-author", "rel-author", "by-prefix"],
)
def test_byline_is_kept_out_of_blocks(byline_html):
    content = extract(page(story(byline_html, p(P1), p(P2), p(P3))))
    assert content.byline is not None and "Jane Okafor" in content.byline
    assert "Jane Okafor" not in content.body_text


@pytest.mark.parametrize(
    ("figure_html", "caption"),
    [
        (
            '<figure><img src="a.jpg"><figcaption>The sluice gates at dawn.</figcaption></figure>',
            "The sluice gates at dawn.",
        ),
        (
            '<div class="image"><img src="a.jpg"><span class="photo-credit">'
            "Photo: R. Mensah / Ledger</span></div>",
            "Photo: R. Mensah / Ledger",
        ),
        (
            '<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">'
            "Water levels at the northern gauge on Tuesday.</p></div>",
            "Water levels at the northern gauge on Tuesday.",
        ),
        ("<p>(Image credit: R. Mensah / Ledger)</p>", "(Image credit: R. Mensah / Ledger)"),
    ],
    ids=["figcaption", "credit", "caption-class", "credit-text"],
)
def test_captions_and_credits_go_to_captions(figure_html, caption):
    content = extract(page(story(p(P1), figure_html, p(P2), p(P3))))
    assert caption in content.captions
    assert caption not in content.body_text


# --- what is removed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("furniture", "marker"),
    [
        ("<nav><a href='/x'>Politics</a> <a href='/y'>Business</a></nav>", "Politics"),
        ("<script>var tracker = 'Politics';</script>", "tracker"),
        ("<style>.x{color:red}</style>", "color"),
        (
            '<div class="share-bar"><a href="#">Share on Facebook</a>'
            '<a href="#">Share on X</a></div>',
            "Facebook",
        ),
        (
            '<div class="related-stories"><h3>Related</h3><p>Flood defences in the east '
            "were upgraded last spring after a decade of planning and dispute.</p></div>",
            "Flood defences",
        ),
        (
            '<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Our editors '
            "pick the stories that matter, every weekday before seven.</p></div>",
            "morning briefing",
        ),
        (
            '<div class="author-bio"><p>Jane Okafor has covered climate and water policy for '
            "the Ledger since 2012 and previously worked in Nairobi.</p></div>",
            "since 2012",
        ),
        (
            '<section id="comments"><h3>3 comments</h3><p>I live downstream and nobody warned '
            "us about anything at all, this is a disgrace honestly.</p></section>",
            "nobody warned",
        ),
        (
            '<div class="ad-slot"><p>Advertisement</p><p>Buy the new Aquaboot, waterproof '
            "to two metres and guaranteed for life, now half price.</p></div>",
            "Aquaboot",
        ),
        ("<p>Advertisement</p>", "Advertisement"),
        ("<p><a href='/more'>Read more</a></p>", "Read more"),
        ("<p>READ MORE: Storm warnings issued for the coast</p>", "Storm warnings"),
        (
            '<div style="display:none"><p>Subscriber-only teaser text that the page hides '
            "from readers until they log in to their account.</p></div>",
            "Subscriber-only",
        ),
        (
            "<div hidden><p>Hidden survey text asking readers about their experience "
            "on the website today and how likely they are to return.</p></div>",
            "Hidden survey",
        ),
        (
            "<p>This website uses cookies to improve your experience. By continuing to "
            "browse you agree to our privacy policy.</p>",
            "cookies",
        ),
        (
            '<p>Continue reading: <a href="/x">How the 1998 flood changed the valley for '
            "ever</a></p>",
            "1998 flood",
        ),
        ("<p>Published 20 November 2026 - 07:50 GMT</p>", "07:50"),
        ("<p>Copyright 2026 Daily Ledger. All rights reserved.</p>", "rights reserved"),
        (
            "<p>Jane Okafor writes about water. Follow her on Twitter @janeokafor for "
            "updates from the valley.</p>",
            "@janeokafor",
        ),
        ("<h3>You may also like</h3>", "also like"),
    ],
    ids=[
        "nav",
        "script",
        "style",
        "share-buttons",
        "related-stories",
        "newsletter",
        "author-bio",
        "comments",
        "ad-box",
        "advertisement-label",
        "read-more-link",
        "read-more-text",
        "hidden-style",
        "hidden-attribute",
        "cookie-notice",
        "link-line",
        "timestamp-line",
        "copyright-line",
        "follow-line",
        "also-like",
    ],
)
def test_furniture_is_removed(furniture, marker):
    content = extract(page(story(p(P1), p(P2), furniture, p(P3), p(P4))))
    assert marker not in content.body_text
    for para in (P1, P2, P3, P4):
        assert para in content.body_text


def test_chrome_outside_the_story_is_removed():
    text = body_text(page(story(p(P1), p(P2), p(P3))))
    for marker in ("Daily Ledger", "Sport", "Most read", "Council approves", "reserved"):
        assert marker not in text


def test_embedded_post_inside_a_furniture_named_box_is_kept():
    tweet = (
        '<div class="article-widget article-tweet"><blockquote class="twitter-tweet">'
        "<p>The gates are open and the water is moving fast, stay away from the banks "
        "tonight please.</p></blockquote></div>"
    )
    text = body_text(page(story(p(P1), p(P2), tweet, p(P3))))
    assert "stay away from the banks" in text


def test_article_in_a_box_named_like_furniture_is_kept():
    html = page(f'<div class="widget Blog"><h1>Reservoir lowered</h1>{p(P1)}{p(P2)}{p(P3)}</div>')
    assert P3 in body_text(html)


# --- choosing the container ---------------------------------------------------------------


def test_article_split_across_containers_is_kept_whole():
    html = page(
        "<main><h1>Reservoir lowered ahead of storm</h1>"
        f'<div class="story-part">{p(P1)}{p(P2)}</div>'
        '<div class="inline-promo"><a href="/subscribe">Subscribe for 1 euro</a></div>'
        f'<div class="story-part">{p(P3)}{p(P4)}</div></main>'
    )
    text = body_text(html)
    for para in (P1, P2, P3, P4):
        assert para in text
    assert "Subscribe" not in text
    assert text.index(P1) < text.index(P3)


def test_related_story_cards_next_to_the_story_are_left_out():
    card = (
        '<article class="card"><h2><a href="/s{n}">Story number {n} about the valley and '
        "its people</a></h2><p>A short summary of story {n}, which is about something else "
        "entirely and is told elsewhere on the site.</p></article>"
    )
    cards = "".join(card.format(n=n) for n in range(6))
    html = page(f"<main>{story(p(P1), p(P2), p(P3))}<section>{cards}</section></main>")
    text = body_text(html)
    assert P1 in text and P3 in text
    assert "summary of story" not in text


def test_layout_table_is_walked_not_flattened():
    html = page(
        "<table><tr><td><a href='/'>Home</a><br><a href='/n'>News</a></td>"
        f"<td><h1>Reservoir lowered ahead of storm</h1>{p(P1)}{p(P2)}{p(P3)}</td></tr></table>"
    )
    content = extract(html)
    assert [b.kind for b in content.blocks] == ["p", "p", "p"]
    assert "Home" not in content.body_text


def test_text_directly_in_divs_counts_as_paragraphs():
    html = page(
        f"<div class='post-body'><h1>Reservoir</h1><div>{P1}</div><div>{P2}<br>{P3}</div></div>"
    )
    text = body_text(html)
    for para in (P1, P2, P3):
        assert para in text


# --- pages that are not articles ----------------------------------------------------------


def _index_page() -> str:
    item = (
        '<li class="teaser"><h3><a href="/s{n}">Headline number {n} about the valley '
        'today</a></h3><a href="/s{n}">Short standfirst {n}...</a></li>'
    )
    return page("<main><ul>" + "".join(item.format(n=n) for n in range(20)) + "</ul></main>")


def _gallery_page() -> str:
    figure = (
        '<figure><img src="/g{n}.jpg"><figcaption>Picture {n} of the flooded '
        "valley.</figcaption></figure>"
    )
    return page(
        "<main><h1>In pictures: the flood</h1>"
        + "".join(figure.format(n=n) for n in range(12))
        + "</main>"
    )


def _link_pile() -> str:
    links = " ".join(f'<a href="/t{n}">Topic {n} archive page</a>' for n in range(40))
    return page(f"<div class='content'><p>{links}</p></div>")


def _card_feed(summary: str = "") -> str:
    card = (
        '<article><h2><a href="/s{n}">Story number {n} about the valley and its people</a>'
        "</h2><p>A short summary of story {n}, which is about something else entirely and "
        "is told elsewhere on the site." + summary + "</p></article>"
    )
    return page("<main>" + "".join(card.format(n=n) for n in range(10)) + "</main>")


@pytest.mark.parametrize(
    "html",
    [
        _index_page(),
        _gallery_page(),
        _link_pile(),
        _card_feed(),
        _card_feed(summary=" " + P1 + " " + P2),
        page("<main><h1>Reservoir</h1><p>Too short.</p></main>"),
        "<html><body></body></html>",
    ],
    ids=["index", "gallery", "link-pile", "card-feed", "long-card-feed", "too-short", "empty-body"],
)
def test_pages_without_an_article_body_are_rejected(html):
    with pytest.raises(ExtractError) as info:
        extract(html)
    assert info.value.stage == "content"
    assert info.value.error_type == "not-an-article"


def test_footer_copyright_line_is_kept_as_boilerplate():
    content = extract(page(story(p(P1), p(P2), p(P3))))
    assert content.boilerplate == ("\u00a9 2026 Daily Ledger, Ltd",)
    assert "Daily Ledger" not in content.body_text


def test_a_data_table_is_read_without_the_boxes_pruned_inside_it():
    page = f"""<html><body><article><h1>Reservoir levels after the storm</h1>
    <p>{P1}</p><p>{P2}</p>
    <table><tr><th>Reservoir</th><th>Level</th></tr>
    <tr><td>North <span class="share-bar">Share on Facebook</span></td><td>81%</td></tr>
    <tr><td>South<figure><figcaption>Photo of the south dam</figcaption></figure></td>
    <td>77%</td></tr></table>
    <p>{P3}</p><p>{P4}</p></article></body></html>"""
    content = main_content(parse_html(page))
    tables = [b.text for b in content.blocks if b.kind == "table"]
    assert tables == ["Reservoir | Level\nNorth | 81%\nSouth | 77%"]
    assert "Photo of the south dam" in content.captions


def test_a_layout_table_is_pruned_once_and_walked_into():
    page = f"""<html><body><table><tr><td>
    <div class="story"><h1>Reservoir levels after the storm</h1>
    <figure><img src="a.jpg"><figcaption>The northern sluice gates</figcaption></figure>
    <p>{P1}</p><div class="share-bar">Share on Facebook</div><p>{P2}</p>
    <p>{P3}</p></div></td></tr></table></body></html>"""
    content = main_content(parse_html(page))
    assert [b.text for b in content.blocks] == [P1, P2, P3]
    assert content.captions.count("The northern sluice gates") == 1


def test_link_text_around_a_pruned_box_is_measured_as_one_string():
    from newsflow.extract import html

    page = """<html><body><p><a href="/r">Read the full report <span class="tooltip">More
    </span> on the council site</a> before the vote.</p></body></html>"""
    page_ = html._Page(parse_html(page))
    (block,) = page_.blocks
    assert block.text == "Read the full report on the council site before the vote."
    # the box's tail joins the text before it, as when the box is dropped from the tree
    assert block.link == len("Read the full report " + " on the council site")

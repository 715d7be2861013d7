"""Properties that hold for any input: no crash, offsets that point at the quote, and
the same result every time."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsflow.extract import extract
from newsflow.extract.quotes import extract_quotes
from newsflow.model import ExtractError, RawDocument

MARKS = "“”\"'‘’«»„ "
WORDS = [
    "said",
    "he",
    "she",
    "President",
    "Jane Doe",
    "according to",
    "told",
    "Mr.",
    "the",
    "ministry",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    ",",
    ".",
    ":",
    "\n\n",
    "«",
    "»",
]

paragraphs = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=st.characters(codec="utf-8"), max_size=8)),
    max_size=60,
).map(" ".join)

html_fragments = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div class='share'>",
            "</div>",
            "<h1>",
            "</h1>",
            "<article>",
            "<script>",
            "</script>",
            "<meta property='og:title' content='x'>",
            "&amp;",
            "<time datetime='2026-02-05'>",
            "“quoted words here,” she said.",
            " text ",
            "<!--",
            "-->",
            "<![CDATA[",
            "<br>",
            "<li>",
            "<table><tr><td>",
        ]
    ),
    max_size=80,
).map("".join)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(raw: RawDocument) -> None:
    try:
        first = extract(raw)
    except ExtractError:
        return
    assert extract(raw) == first  # deterministic
    body = first.article.body_text
    for quote in first.quotes:
        assert 0 <= quote.start_char <= quote.end_char <= len(body)
        assert body[quote.start_char : quote.end_char] == quote.text


@FAST
@given(st.binary(max_size=4000))
def test_any_bytes_never_crash(data):
    _check(RawDocument(uri="x.html", source="t", body=data))
    _check(RawDocument(uri="x.txt", source="t", body=data))


@FAST
@given(html_fragments)
def test_any_tag_soup_never_crashes(markup):
    _check(RawDocument(uri="x.html", source="t", body=markup.encode()))


@FAST
@given(st.lists(paragraphs, min_size=1, max_size=8))
def test_quote_offsets_point_at_the_quote_text(paras):
    body = "\n\n".join(p.strip() or "x" for p in paras)
    first = extract_quotes(body)
    assert extract_quotes(body) == first
    for quote in first:
        assert body[quote.start_char : quote.end_char] == quote.text
        assert 0 <= quote.paragraph_index < len(body.split("\n\n"))
        assert 0.0 <= quote.confidence <= 1.0


@FAST
@given(st.lists(paragraphs, min_size=1, max_size=8))
def test_plain_text_articles_keep_offsets(paras):
    text = "Headline\n\n" + "\n\n".join(paras)
    _check(RawDocument(uri="x.txt", source="t", body=text.encode()))

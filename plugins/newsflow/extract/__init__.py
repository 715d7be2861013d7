"""RawDocument -> Article + quotes. Pure: no network, no clock, no globals.

decode -> parse (lxml | text) -> metadata (from the untouched tree) -> main content
-> metadata fallbacks -> quotes, mentions -> records
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from newsflow import urls
from newsflow.extract import decode, html, mentions, metadata, quotes
from newsflow.extract import text as plain
from newsflow.model import (
    Article,
    Content,
    ExtractError,
    Extraction,
    Mention,
    Metadata,
    Quote,
    QuoteSpan,
    RawDocument,
)

EXTRACTOR_VERSION = "1.0.0"

__all__ = ["EXTRACTOR_VERSION", "ExtractError", "extract", "parse"]

_NON_WORD = re.compile(r"\W+")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def parse(raw: RawDocument) -> tuple[Content, Metadata]:
    """Decode and parse a document into its main content and its metadata."""
    data = decode.payload(raw)
    text, utf8 = decode.decode_text(raw, data)
    if decode.media_type(raw, data) == "text/html":
        tree = html.parse_html(text, utf8)
        meta = metadata.html_metadata(tree, raw.url)  # before main_content prunes the tree
        content = html.main_content(tree)
    else:
        content = plain.parse_text(text)
        meta = metadata.text_metadata(content)
    return content, meta


def _article_id(canonical_url: str | None, title: str | None, body_text: str) -> str:
    if canonical_url:
        return _hash("url", canonical_url)
    normalized = _NON_WORD.sub(" ", f"{title or ''} {body_text}".lower()).strip()
    return _hash("text", normalized)


def extract(
    raw: RawDocument, *, run_date: date | None = None, run_id: str | None = None
) -> Extraction:
    """Extract one document; raises ExtractError for a document that is not an article."""
    content, meta = parse(raw)
    meta = metadata.complete(meta, content, listing_date=raw.listing_date, run_date=run_date)
    body_text = content.body_text
    spans: list[QuoteSpan] = quotes.extract_quotes(body_text)

    url = meta.url or raw.url
    canonical_url = meta.canonical_url or url
    article_id = _article_id(urls.canonical(canonical_url), meta.title, body_text)
    lead = next((b.text for b in content.blocks if b.kind == "p"), None)
    article = Article(
        article_id=article_id,
        url=url,
        canonical_url=canonical_url,
        domain=urls.domain(canonical_url),
        title=meta.title,
        description=meta.description,
        authors=meta.authors,
        publisher=meta.publisher,
        published_at=meta.published_at,
        published_at_source=meta.published_at_source,
        modified_at=meta.modified_at,
        language=meta.language,
        dateline=meta.dateline,
        section=meta.section,
        tags=meta.tags,
        image_url=meta.image_url,
        lead=lead,
        body_text=body_text,
        headings=tuple(b.text for b in content.blocks if b.kind == "h"),
        captions=content.captions,
        word_count=len(body_text.split()),
        quote_count=len(spans),
        content_hash=hashlib.sha256(body_text.encode("utf-8")).hexdigest(),
        fetched_at=raw.fetched_at,
        raw_uri=raw.uri,
        extractor_version=EXTRACTOR_VERSION,
        run_id=run_id,
    )
    quote_records = tuple(
        Quote(
            quote_id=_hash(article_id, str(s.start_char), str(s.end_char)),
            article_id=article_id,
            text=s.text,
            kind=s.kind,
            speaker=s.speaker,
            speaker_mention=s.speaker_mention,
            speaker_title=s.speaker_title,
            cue=s.cue,
            paragraph_index=s.paragraph_index,
            start_char=s.start_char,
            end_char=s.end_char,
            confidence=round(float(s.confidence), 4),
            published_at=meta.published_at,
        )
        for s in spans
    )
    mention_records = tuple(
        Mention(
            mention_id=_hash(article_id, m.kind, m.name),
            article_id=article_id,
            name=m.name,
            kind=m.kind,
            count=m.count,
            first_char=m.first_char,
        )
        for m in mentions.extract_mentions(body_text)
    )
    return Extraction(article=article, quotes=quote_records, mentions=mention_records)

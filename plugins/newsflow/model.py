"""The records that flow between stages.

Every stage takes and returns one of these frozen, slotted dataclasses; `None` means
unknown. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as a source delivered it, before any parsing."""

    uri: str  # where the bytes came from: a file path or URL (the raw zone key)
    source: str  # the source's slug (partition value)
    body: bytes
    media_type: str | None = None  # "text/html", "text/plain"; None: guess from uri/bytes
    url: str | None = None  # the article's web address, when known
    fetched_at: datetime | None = None  # UTC; None for local files (keeps output deterministic)
    headers: tuple[tuple[str, str], ...] = ()  # HTTP response headers, lower-case names
    listing_date: date | None = None  # the date a listing (inbox folder, sitemap) gave it

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of article body: a paragraph, heading, list item, block quote, ..."""

    kind: str  # "p" | "h" | "li" | "blockquote" | "pre" | "table"
    text: str


@dataclass(frozen=True, slots=True)
class Content:
    """The main content of a page, as the HTML or text parser found it."""

    blocks: tuple[Block, ...]
    captions: tuple[str, ...] = ()
    title: str | None = None  # the headline the layout shows (text: first line; html: <h1>)
    byline: str | None = None  # the visible byline text, when the page has one
    boilerplate: tuple[str, ...] = ()  # removed footer/newsletter text (can name the publisher)

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True, slots=True)
class Metadata:
    """Article metadata; each value came from the first rule of its chain that found one."""

    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published_at: datetime | None = None  # UTC
    published_at_source: str | None = None  # json-ld|meta|time|url|text|listing|run-date
    modified_at: datetime | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image_url: str | None = None
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote as the quote extractor found it in body_text, before it is tied to an article."""

    text: str  # without its quotation marks
    kind: str  # "direct" | "partial" | "continuation"
    start_char: int  # body_text[start_char:end_char] == text
    end_char: int
    paragraph_index: int
    speaker: str | None = None  # resolved name
    speaker_mention: str | None = None  # the words that name the speaker here
    speaker_title: str | None = None
    cue: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Quote:
    quote_id: str
    article_id: str
    text: str
    kind: str
    speaker: str | None
    speaker_mention: str | None
    speaker_title: str | None
    cue: str | None
    paragraph_index: int
    start_char: int
    end_char: int
    confidence: float
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    url: str | None
    canonical_url: str | None
    domain: str | None
    title: str | None
    description: str | None
    authors: tuple[str, ...]
    publisher: str | None
    published_at: datetime | None
    published_at_source: str | None
    modified_at: datetime | None
    language: str | None
    dateline: str | None
    section: str | None
    tags: tuple[str, ...]
    image_url: str | None
    lead: str | None
    body_text: str
    headings: tuple[str, ...]
    captions: tuple[str, ...]
    word_count: int
    quote_count: int
    content_hash: str
    fetched_at: datetime | None
    raw_uri: str
    extractor_version: str
    run_id: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """A person, organisation or place an article names: how often, and where first."""

    mention_id: str
    article_id: str
    name: str
    kind: str  # "person" | "organization" | "place"
    count: int
    first_char: int  # offset of the first mention in articles.body_text


@dataclass(frozen=True, slots=True)
class Extraction:
    article: Article
    quotes: tuple[Quote, ...] = field(default=())
    mentions: tuple[Mention, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Reject:
    raw_uri: str
    raw_sha256: str
    stage: str  # "read" | "decode" | "parse" | "content" | "metadata" | "quotes"
    error_type: str  # a stable machine-readable reason, e.g. "empty", "not-an-article"
    message: str
    source: str


class ExtractError(Exception):
    """A document that cannot become an article; it turns into a Reject row."""

    def __init__(self, stage: str, error_type: str, message: str):
        super().__init__(f"{stage}/{error_type}: {message}")
        self.stage = stage
        self.error_type = error_type
        self.message = message


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One URL fetched (or refused) for a source: a row of the fetch_log dataset."""

    url: str  # what was asked for
    final_url: str | None  # where the redirects ended
    status: int | None  # the last HTTP status; None when no response came
    attempts: int  # requests made (0: served from the cache without asking)
    bytes: int  # body bytes kept (decompressed)
    elapsed_ms: int
    from_cache: bool
    error_type: str | None = None  # None: fetched; "robots", "blocked", "http-404", ...
    error: str | None = None  # the reason in words
    kind: str = "article"  # "article" | "listing" (feeds, sitemaps) | "robots"


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run's accounting for one source and day: a row of the runs dataset."""

    run_id: str
    discovered: int
    articles: int
    duplicates: int
    rejects: int
    fetch_failures: int
    quotes: int
    mentions: int
    listing_failures: int
    from_raw: bool
    extractor_version: str
    started_at: datetime | None
    published_at: datetime | None
    discover_ms: int
    fetch_ms: int
    extract_ms: int
    publish_ms: int

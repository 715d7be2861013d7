"""Article metadata: each field an ordered fallback chain of small rules.

`html_metadata` reads what a page declares (JSON-LD, OpenGraph and other meta tags,
<time>, <title>/<h1>, bylines, the URL); `text_metadata` reads a plain-text article;
`complete` adds what only the text can tell (dateline, language, a written date) and
the last fallbacks (listing date, run date). Every rule is a small function that
returns a value or None; the first rule of a chain that finds something wins. Selectors
and word lists live in `metadata_rules`. Pure: no I/O, no clock, the tree is only read.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import islice
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsflow.extract import metadata_rules as R
from newsflow.extract.html import text_content
from newsflow.model import Content, Metadata

__all__ = [
    "clean_authors",
    "complete",
    "find_dateline",
    "find_text_date",
    "guess_language",
    "html_metadata",
    "parse_date",
    "text_metadata",
]

_WS = re.compile(r"\s+")
# Patterns of the rules below, compiled once.
_TZ = re.compile(r"([A-Za-z]{1,5})?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d")
_NON_WORDS = re.compile(r"\W+")
_NAME_LEAD = re.compile(r"^(?:the|www)\b\.?\s*")
_NAME_TLD = re.compile(r"\.(?:com|org|net|co\.uk|co|kz|news)$")
_BAR_RUNS = re.compile(r"(?:\s*\|\s*)+")
_LETTER_WORDS = re.compile(r"[^\W\d_]+")
_NAME_JUNK = re.compile(r"[@#/\\<>=+*_{}!?]")
_PROFILE_URL = re.compile(r"^(?:https?:)?//|^www\.")
_CONTACTS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+")
_TAG_SPLIT = re.compile(r"\s*[,;]\s*")
# Patterns of the rare cases, compiled (and kept by re) on first use, not at import.
_TZ_NAME = r"[A-Za-z]{1,5}"
_NAME_PREFIX = r"^(?:al|el|d|o|l|mc|mac|van|de)[-'’]"


def _norm(text: str | None) -> str | None:
    """Entities decoded, whitespace collapsed; None for empty."""
    if text is None:
        return None
    text = str(text)
    if "&" in text:
        text = html_entities.unescape(text)
    return " ".join(text.split()) or None  # str.split() splits at what \s matches


# ======================================================================== dates


_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})(?P<s>[-/.]?)(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
    r"(?:(?:T|\s+|,\s*)(?P<H>\d{1,2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$"
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# A time that may follow a date. It is matched where the date ends, on its own: one
# pattern compiled (twice: with and without IGNORECASE), not one copy a date pattern.
_TIME_PART = (
    r"(?:\s*(?:,|at|um|à|a\s+las|-|–|—|\|)?\s*(?P<H>\d{1,2})[:.h](?P<M>\d{2})"
    r"(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?P<tz>\(?(?:[A-Za-z]{1,5}\)?)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})?)?"
)
_TIME = re.compile(_TIME_PART)
_TIME_ANY_CASE = re.compile(_TIME_PART, re.IGNORECASE)
_MONTH_WORD = r"(?P<mon>[A-Za-zÀ-ÿ]{3,10})\.?"
# Full dates written in words; each needs a year. Each with the time that may follow it.
_TEXT_DATES = (
    (
        re.compile(
            rf"\b{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
            re.IGNORECASE,
        ),
        _TIME_ANY_CASE,
    ),
    (
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH_WORD},?\s+(?:de\s+)?"
            r"(?P<y>\d{4})\b",
            re.IGNORECASE,
        ),
        _TIME_ANY_CASE,
    ),
    (
        re.compile(
            r"\b(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?\s*"
            r"(?P<tz>[A-Z]{2,5}\b)?,?\s+(?:on\s+)?(?:[A-Za-z]+day,?\s+)?"
            r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"
        ),
        None,
    ),
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _TIME),
    (re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"), _TIME),
    (re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b"), _TIME),
)


def _dates_in(
    text: str, pattern: re.Pattern[str], time: re.Pattern[str] | None
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Where the date `pattern` matches in `text`, one after the other, with the parts of
    the date and of the time that may follow it, as one pattern of the two finds them."""
    at = 0
    while match := pattern.search(text, at):
        parts = match.groupdict()
        at = match.end()
        if time is not None:
            after = time.match(text, at)  # optional: matches, if only the empty string
            parts.update(after.groupdict())  # type: ignore[union-attr]
            at = after.end()  # type: ignore[union-attr]
        yield match.start(), parts


@lru_cache(maxsize=256)  # pages write few zones, and write them again and again
def _offset(tz: str | None) -> timezone | None:
    """A time-zone designator ("Z", "+05:00", "-0500", "EST", "GMT+1") as a timezone."""
    if not tz:
        return None
    tz = tz.strip().strip("()").replace(" ", "")
    if not tz:
        return None
    match = _TZ.fullmatch(tz)
    if not match or not (match.group(1) or match.group(2)):
        return None
    minutes = 0
    if match.group(1):
        name = match.group(1).lower()
        if name not in R.TZ_ABBREVIATIONS:
            return None
        minutes = R.TZ_ABBREVIATIONS[name]
    if match.group(2):
        extra = int(match.group(3)) * 60 + int(match.group(4) or 0)
        if extra > 14 * 60:
            return None
        minutes += extra if match.group(2) == "+" else -extra
    return timezone(timedelta(minutes=minutes))


def _build(
    y: int | str,
    m: int | str,
    d: int | str,
    hh: str | None = None,
    mm: str | None = None,
    ss: str | None = None,
    ampm: str | None = None,
    tz: str | None = None,
) -> datetime | None:
    """A UTC datetime from parts, or None when the parts are not a plausible date."""
    try:
        year, month, day = int(y), int(m), int(d)
        hour, minute, second = int(hh or 0), int(mm or 0), int(ss or 0)
    except (TypeError, ValueError):
        return None
    if not R.MIN_YEAR <= year <= R.MAX_YEAR:
        return None
    if ampm:
        ampm = ampm.replace(".", "").replace(" ", "").lower()
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    zone = _offset(tz)
    if tz and zone is None and not re.fullmatch(_TZ_NAME, tz.strip("() ")):
        return None
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=zone or UTC)
    except ValueError:
        return None
    return value.astimezone(UTC)


def _month(word: str) -> int | None:
    return R.MONTHS.get(word.lower().rstrip("."))


def _from_parts(parts: dict[str, str | None]) -> datetime | None:
    month: int | str | None = parts.get("m")
    if parts.get("mon") is not None:
        month = _month(parts["mon"])
    if month is None:
        return None
    tz = parts.get("tz")
    if tz and _offset(tz) is None:
        tz = None  # a word after the time ("Updated 10:00 Reuters"), not a zone
    return _build(
        parts["y"], month, parts["d"], parts.get("H"), parts.get("M"), parts.get("S"),
        parts.get("ampm"), tz,
    )  # fmt: skip


def parse_date(value: str | None) -> datetime | None:
    """A date as pages write it in metadata, as an aware UTC datetime (naive = UTC).

    ISO 8601 (with or without time, offset, fraction), RFC 2822, epoch seconds or
    milliseconds, and dates written with month names ("Feb. 5, 2026 10:30 AM EST",
    "5 February 2026"). Years outside 1990-2100 and impossible dates give None.
    """
    value = _norm(value)
    if not value or len(value) > 100:
        return None
    match = _ISO_DATE.match(value)
    if match:
        tz = match.group("tz")
        if tz and _offset(tz) is None:
            return None
        return _build(
            match.group("y"), match.group("m"), match.group("d"),
            match.group("H"), match.group("M"), match.group("S"), None, tz,
        )  # fmt: skip
    if _EPOCH.match(value):
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        stamp = datetime.fromtimestamp(seconds, UTC)
        return stamp if R.MIN_YEAR <= stamp.year <= R.MAX_YEAR else None
    if _RFC2822.match(value):
        try:
            from email.utils import parsedate_to_datetime  # rare, slow to import

            stamp = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            if R.MIN_YEAR <= stamp.year <= R.MAX_YEAR:
                return stamp.astimezone(UTC)
    for pattern, time in _TEXT_DATES:
        for _, parts in _dates_in(value, pattern, time):
            found = _from_parts(parts)
            if found is not None:
                return found
            break
    return None


def find_text_date(text: str) -> datetime | None:
    """The first full date (day, month and year) written in `text`, else None.

    A date with no year ("Feb. 5") or a bare number is never taken.
    """
    best: tuple[int, datetime] | None = None
    for pattern, time in _TEXT_DATES:
        for start, parts in _dates_in(text, pattern, time):
            found = _from_parts(parts)
            if found is not None:
                if best is None or start < best[0]:
                    best = (start, found)
                break
    return best[1] if best else None


# ======================================================================== JSON-LD


# JSON-LD that needs mending is rare: these are compiled on first use.
_CDATA = r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$"
_HTML_COMMENT = r"^<!--|-->$"
_TRAILING_COMMA = r",\s*([}\]])"
_LINE_COMMENT = r"(?m)^\s*//.*$"
_JSON = json.JSONDecoder(strict=False)  # raw newlines in strings are common


def _load_json(text: str) -> object | None:
    """JSON-LD as pages write it: tolerates comments, CDATA, trailing commas, raw newlines."""
    text = text.strip()
    if "<![CDATA[" in text or "]]>" in text:
        text = re.sub(_CDATA, "", text).strip()
    if text.startswith("<!--") or text.endswith("-->"):
        text = re.sub(_HTML_COMMENT, "", text).strip()
    if not text:
        return None
    try:
        return _JSON.decode(text)
    except ValueError:
        pass
    text = re.sub(_TRAILING_COMMA, r"\1", text)
    for attempt in (text, re.sub(_LINE_COMMENT, "", text)):
        try:
            return _JSON.decode(attempt)
        except ValueError:
            pass
    try:  # several objects back to back, or garbage after the first
        value, _ = _JSON.raw_decode(text)
        return value
    except ValueError:
        return None


def _types(node: dict) -> tuple[str, ...]:
    raw = node.get("@type") or ()
    if isinstance(raw, str):
        raw = (raw,)
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(item.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower())
    return tuple(out)


class _LinkedData:
    """The page's JSON-LD objects in document order, each with its types and nesting
    depth; the objects by @id; and the object that describes the article."""

    __slots__ = ("nodes", "by_id", "article")

    def __init__(self, scripts: Iterable[etree._Element]):
        self.nodes: list[tuple[dict, tuple[str, ...], int]] = []
        self.by_id: dict[str, dict] = {}
        for script in scripts:
            if "ld+json" in (script.get("type") or "").lower():
                self._add(_load_json(script.text or ""), 0)
        self.article = self._article()

    def _add(self, value: object, depth: int) -> None:
        """Every object in a JSON-LD value, in document order, with its nesting depth.

        Lists and "@graph" do not count as nesting: their items are top-level objects.
        """
        if depth > 12:
            return
        if isinstance(value, dict):
            self.nodes.append((value, _types(value), depth))
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 2:
                self.by_id.setdefault(node_id, value)
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    self._add(item, depth if key == "@graph" else depth + 1)
        elif isinstance(value, list):
            for item in value:
                self._add(item, depth)

    def _article(self) -> dict | None:
        # top-level objects first, then in document order
        articles = sorted(
            (n for n in self.nodes if any(t in R.ARTICLE_TYPES for t in n[1])), key=_depth
        )
        dated = [n for n in articles if n[0].get("headline") or n[0].get("datePublished")]
        if dated or articles:
            return (dated or articles)[0][0]
        # no article object: a web page, else any creative work, that has a date
        dated = [n for n in self.nodes if n[0].get("datePublished") and n[1]]
        for node, types, _ in dated:
            if any(t in R.PAGE_TYPES for t in types):
                return node
        for node, types, _ in sorted(dated, key=_depth):
            if not any(t in R.NOT_PAGE_TYPES for t in types):
                return node
        return None

    def resolve(self, value: object) -> object:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def first_of(self, types: tuple[str, ...]) -> dict | None:
        for node, node_types, _ in self.nodes:
            if any(t in types for t in node_types):
                return node
        return None


def _depth(node: tuple[dict, tuple[str, ...], int]) -> int:
    return node[2]


def _ld_text(value: object) -> str | None:
    """A JSON-LD value that should be text: a string, or the name/@value of an object."""
    if isinstance(value, list):
        for item in value:
            text = _ld_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return _ld_text(value.get("name") or value.get("@value"))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return _norm(str(value))
    return None


def _ld_url(value: object) -> str | None:
    if isinstance(value, list):
        for item in value:
            url = _ld_url(item)
            if url:
                return url
        return None
    if isinstance(value, dict):
        return _ld_url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, str):
        return _norm(value)
    return None


# ======================================================================== the page


# The elements the rules read, found by tag in one walk of the tree (`iter` with tag
# names walks it in C; every `//` XPath query would walk it again).
_PAGE_TAGS = (
    "html", "base", "title", "meta", "link", "script", "h1", "time", "header", "body",
    *R.BY_LINE_CONTAINER_TAGS,
)  # fmt: skip
_ATTRIBUTE_VALUES = {
    attr: etree.XPath(f"descendant-or-self::*/@{attr}")
    for attr in ("class", "id", "itemprop", "rel")
}
# Elements with role="main": the predicate is tried on role attributes only.
_ROLE_MAIN = etree.XPath(f'descendant-or-self::*/@role[. = "{R.BY_LINE_CONTAINER_ROLE}"]/..')
_ITEMPROP_NAME = etree.XPath('.//*[@itemprop="name"]')
# Text nodes as plain strings, with no element proxy made for each as for smart strings;
# the nth one as a smart string, whose getparent() is the element it is the text or tail of.
_TEXT_NODES = etree.XPath("descendant::text()", smart_strings=False)
_NTH_TEXT = etree.XPath("(descendant::text())[$n]")
_SPACES = re.compile(r"[ \t\r\n]*")
_XML_SPACE = str.maketrans("\t\r\n", "   ")


class _Page:
    """What the rules read, gathered once: the tree's elements by tag, its meta tags
    and its JSON-LD; what only some rules need is found on first use and kept."""

    __slots__ = ("root", "url", "tags", "meta", "ld", "article", "site_names", "_memo")

    def __init__(self, tree: etree._Element, url: str | None):
        self.root = root = tree.getroottree().getroot()
        self.url = url
        self.tags: dict[str, list[etree._Element]] = {tag: [] for tag in _PAGE_TAGS}
        for element in root.iter(*_PAGE_TAGS):
            self.tags[element.tag].append(element)
        self._memo: dict[str, object] = {}
        self.meta = _meta_index(self.tags["meta"], self.attribute_values("itemprop"))
        self.ld = _LinkedData(self.tags["script"])
        self.article: dict = self.ld.article or {}
        self.site_names: list[str] = []

    def memo(self, key: str, compute: Callable[[], object]) -> object:
        """`compute()`, run once per page."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def first_meta(self, names: Iterable[str]) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                value = _norm(value)
                if value:
                    return value
        return None

    def all_meta(self, name: str) -> list[str]:
        return [v for v in (_norm(x) for x in self.meta.get(name, ())) if v]

    @property
    def base(self) -> str | None:
        if self.url:
            return self.url
        return self.memo("base", self._base)  # type: ignore[return-value]

    def _base(self) -> str | None:
        for element in self.tags["base"]:
            href = element.get("href")
            if href is not None:
                if urlsplit(href).scheme in ("http", "https"):
                    return href
                break
        og = self.first_meta(R.URL_META)
        if og and urlsplit(og).scheme in ("http", "https"):
            return og
        return None

    def absolute(self, link: str | None) -> str | None:
        link = _norm(link)
        if not link or link.startswith(("data:", "javascript:")):
            return None
        base = self.base
        if base:
            link = urljoin(base, link)
        elif link.startswith("//"):
            link = "https:" + link
        return link if urlsplit(link).scheme in ("http", "https") else None

    def attribute_values(self, attr: str) -> list[str]:
        """Every value of a class, id, itemprop or rel attribute in the page, in
        document order; `value.getparent()` is its element."""
        found = self._memo.get("@" + attr)
        if found is None:
            found = self._memo["@" + attr] = _ATTRIBUTE_VALUES[attr](self.root)
        return found  # type: ignore[return-value]

    def values_holding(
        self, attr: str, words: tuple[str, ...], *, any_case: bool = False
    ) -> list[str]:
        """The values of `attr` that hold one of `words`, in document order."""
        return self.memo(  # type: ignore[return-value]
            f"@{attr}{words}{any_case}",
            lambda: _holding(self.attribute_values(attr), words, any_case=any_case),
        )

    def visible_texts(self) -> list[tuple[str, etree._Element]]:
        """The text nodes of <body> outside script/style/noscript, in document order,
        each with the element it is the text or tail of."""
        return self.memo("visible", lambda: _visible_texts(self.tags["body"]))  # type: ignore[return-value]


def _holding(values: list[str], words: Iterable[str], *, any_case: bool = False) -> list[str]:
    """The values that hold one of `words`, in order. The words are found by str.find in
    all the values joined by NULs (which no attribute value holds): no loop over values."""
    joined = "\x00".join(values)
    if any_case:
        joined = joined.lower()
    starts = []
    for word in words:
        at = joined.find(word)
        while at >= 0:
            starts.append(at)
            at = joined.find(word, at + 1)
    found = []
    index = previous = 0
    last = -1
    for at in sorted(starts):
        index += joined.count("\x00", previous, at)
        previous = at
        if index != last:
            found.append(values[index])
            last = index
    return found


def _visible_texts(bodies: list[etree._Element]) -> list[tuple[str, etree._Element]]:
    found: list[tuple[str, etree._Element]] = []
    for body in bodies:
        if any(True for _ in body.iterancestors("body")):
            continue  # its text is in the outer body's
        walker = etree.iterwalk(body, events=("start", "end"))
        for event, element in walker:
            if event == "start":
                if element.tag in R.HIDDEN_TEXT_TAGS:
                    walker.skip_subtree()
                elif element.text:
                    found.append((element.text, element))
            elif element is not body and element.tail:
                found.append((element.tail, element))
    return found


def _meta_index(metas: list[etree._Element], itemprops: list[str]) -> dict[str, list[str]]:
    """meta name/property/itemprop/http-equiv (lower-cased) -> content values, in order:
    <meta content>, then other elements with an itemprop and a content or datetime."""
    index: dict[str, list[str]] = {}
    others = [
        e
        for e in (p.getparent() for p in itemprops)
        if e.tag not in ("meta", "time")
        and (e.get("content") is not None or e.get("datetime") is not None)
    ]
    for element in [*metas, *others]:
        attrs = dict(element.items())  # one call, where each .get() is one
        value = attrs.get("content")
        if value is None:
            if element.tag == "meta":
                continue
            value = attrs["datetime"]
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                for name in key.lower().split():
                    index.setdefault(name, []).append(value)
    return index


# ======================================================================== rules

Rule = Callable[[_Page], object]


def _first(rules: Iterable[Rule], page: _Page) -> object:
    for rule in rules:
        value = rule(page)
        if value:
            return value
    return None


# --- title --------------------------------------------------------------------------


def _title_jsonld(page: _Page) -> str | None:
    return _ld_text(page.article.get("headline")) or _ld_text(page.article.get("name"))


def _title_meta(page: _Page) -> str | None:
    return page.first_meta(R.TITLE_META)


def _title_h1(page: _Page) -> str | None:
    return page.memo("h1", lambda: _find_title_h1(page))  # type: ignore[return-value]


def _find_title_h1(page: _Page) -> str | None:
    headings = page.tags["h1"]
    if len(headings) > 3:
        return None  # a listing page's headlines, not one article's
    for heading in headings:
        text = _norm(text_content(heading))
        if text and 2 <= len(text.split()) <= 40:
            return text
    return None


def _title_tag(page: _Page) -> str | None:
    titles = page.tags["title"]
    return _norm(text_content(titles[0])) if titles else None


def _title_confirmed_h1(page: _Page) -> str | None:
    """The visible headline when <title> or og/twitter:title says the same."""
    heading = _title_h1(page)
    if not heading:
        return None
    others = [_title_tag(page), *(page.first_meta((n,)) for n in ("og:title", "twitter:title"))]
    for other in others:
        if other and _same_title(heading, strip_site_name(other, page.site_names)):
            return heading
    return None


def _same_title(a: str, b: str) -> bool:
    return _NON_WORDS.sub("", a.lower()) == _NON_WORDS.sub("", b.lower())


def _title_tag_with_site(page: _Page) -> str | None:
    """A <title> shaped "Headline - Site": the site name proves the rest is a headline."""
    tag = _title_tag(page)
    if tag:
        stripped = strip_site_name(tag, page.site_names)
        if stripped != tag:
            return stripped
    return None


TITLE_RULES = (
    _title_confirmed_h1,
    _title_jsonld,
    _title_meta,
    _title_tag_with_site,
    _title_h1,
    _title_tag,
)


def _untruncated(title: str, page: _Page) -> str:
    """A headline cut short ("... to contract", "...…") is replaced by its full form."""
    stem = title.rstrip(" .…")
    if len(stem) < 20:
        return title
    for other in (_title_h1(page), _title_meta(page), _title_jsonld(page)):
        if other and other.startswith(stem) and len(other) > len(title):
            rest = other[len(stem) :]
            if rest[:1].isspace() and not R.TITLE_SEPARATORS.match(rest):
                return strip_site_name(other, page.site_names)
    return title


@lru_cache(maxsize=1024)  # a page's site names are compared with every title part
def _name_key(text: str) -> str:
    text = _NAME_LEAD.sub("", text.lower())
    text = _NAME_TLD.sub("", text)
    return _NON_WORDS.sub("", text)


def _is_site_name(text: str, names: Iterable[str], *, loose: bool = False) -> bool:
    """Whether `text` names the site; `loose` also takes "Telegraph Sport" for "Telegraph"."""
    key = _name_key(text)
    if not key:
        return False
    for name in names:
        other = _name_key(name)
        if other and key == other:
            return True
        if loose and other and len(other) >= 4 and key.startswith(other):
            return True
    return False


def strip_site_name(title: str, names: Iterable[str]) -> str:
    """ "Headline | Site Name" -> "Headline" (also "Site Name: Headline") when the site is known."""
    names = [n for n in names if n]
    for _ in range(3):
        separators = list(R.TITLE_SEPARATORS.finditer(title))
        if not names or not separators:
            break
        last, first = separators[-1], separators[0]
        if _is_site_name(title[last.end() :], names) and last.start() >= 10:
            title = title[: last.start()].strip()
        elif _is_site_name(title[: first.start()], names) and len(title) - first.end() >= 10:
            title = title[first.end() :].strip()
        else:
            break
    return title.strip()


def _site_names(page: _Page) -> list[str]:
    names = []
    publisher = _ld_text(page.ld.resolve(page.article.get("publisher")))
    for value in (
        publisher,
        page.first_meta(("og:site_name",)),
        page.first_meta(("application-name", "apple-mobile-web-app-title")),
        _ld_text((page.ld.first_of(R.SITE_TYPES) or {}).get("name")),
        _ld_text((page.ld.first_of(R.ORGANIZATION_TYPES) or {}).get("name")),
    ):
        if value and value not in names:
            names.append(value)
    for link in (page.url, page.first_meta(R.URL_META)):
        host = urlsplit(link or "").hostname or ""
        host = re.sub(r"^(?:www|m|amp|edition|mobile)\.", "", host)
        if host:
            labels = host.split(".")
            names.append(host)
            if len(labels) >= 2:  # news.example.com -> example; bbc.co.uk -> bbc
                second_level = labels[-2] in R.SECOND_LEVEL_SUFFIXES and len(labels) >= 3
                names.append(labels[-3] if second_level else labels[-2])
    return names


def _without_label(title: str, page: _Page) -> str:
    """ "Opinion | Headline" or "Headline | Editorial" -> the visible headline."""
    heading = _title_h1(page)
    if not heading or heading == title or len(heading) < 10:
        return title
    for match in R.TITLE_SEPARATORS.finditer(title):
        before, after = title[: match.start()], title[match.end() :]
        if heading in (before, after) and len(title) - len(heading) <= R.TITLE_LABEL_MAX_CHARS + 3:
            return heading
    return title


def _clean_title(title: str | None, page: _Page) -> str | None:
    if not title:
        return None
    title = strip_site_name(title, page.site_names)
    return _without_label(_untruncated(title, page), page) if title else None


# --- description ----------------------------------------------------------------------


def _description_jsonld(page: _Page) -> str | None:
    return _ld_text(page.article.get("description"))


def _description_meta(page: _Page) -> str | None:
    return page.first_meta(R.DESCRIPTION_META)


DESCRIPTION_RULES = (_description_jsonld, _description_meta)

# --- publisher ------------------------------------------------------------------------


def _publisher_jsonld(page: _Page) -> str | None:
    for key in ("publisher", "sourceOrganization", "provider"):
        value = _ld_text(page.ld.resolve(page.article.get(key)))
        if value:
            return value
    return None


def _publisher_meta(page: _Page) -> str | None:
    for name in R.PUBLISHER_META:
        for value in page.all_meta(name):
            if _clean_publisher(value):
                return value
    return None


def _publisher_jsonld_site(page: _Page) -> str | None:
    for types in (R.ORGANIZATION_TYPES, R.SITE_TYPES):
        node = page.ld.first_of(types)
        if node:
            value = _ld_text(node.get("name"))
            if value:
                return value
    return None


PUBLISHER_RULES = (_publisher_jsonld, _publisher_meta, _publisher_jsonld_site)


def _clean_publisher(value: str | None) -> str | None:
    value = _norm(value)
    if not value or "://" in value or value.startswith("@") or len(value) > 100:
        return None
    return value


# --- authors --------------------------------------------------------------------------


def _ld_people(value: object, ld: _LinkedData) -> list[tuple[str, bool]]:
    """Author names in a JSON-LD value, each with whether a typed Person object gave it."""
    value = ld.resolve(value)
    if isinstance(value, list):
        return [name for item in value for name in _ld_people(item, ld)]
    if isinstance(value, str):
        return [(value, False)]
    if isinstance(value, dict):
        types = _types(value)
        if any(t in R.ORGANIZATION_TYPES for t in types):
            return []
        name = _ld_text(value.get("name"))
        if not name and (value.get("givenName") or value.get("familyName")):
            name = " ".join(
                _ld_text(value.get(k)) or "" for k in ("givenName", "familyName")
            ).strip()
        return [(name, any(t in R.PERSON_TYPES for t in types))] if name else []
    return []


def _authors_jsonld(page: _Page, exclude: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for name, person in _ld_people(
        page.article.get("author") or page.article.get("creator"), page.ld
    ):
        # a Person object may carry a one-word name ("Regan"); a bare string may not
        found.extend(clean_authors([name], exclude=exclude, min_words=1 if person else 2))
    return tuple(dict.fromkeys(found))


def _authors_meta(page: _Page, exclude: list[str]) -> tuple[str, ...]:
    for name in R.AUTHOR_META:
        authors = clean_authors(page.all_meta(name), exclude=exclude)
        if authors:
            return authors
    return ()


def _byline_allowed(element: etree._Element) -> bool:
    own = f"{element.get('class', '')} {element.get('id', '')}"
    if R.BYLINE_EXCLUDED.search(own):
        return False
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        marks = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if R.BYLINE_EXCLUDED_ANCESTOR.search(marks) or ancestor.tag in ("aside", "nav"):
            return False
    return True


def _block_text(element: etree._Element) -> str:
    """The element's text with " | " where a block element starts or ends.

    text_content() runs blocks together ("ERIC TUCKERAssociated Press").
    """
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        block = node.tag in R.BLOCK_TAGS
        if block:
            parts.append(" | ")
        if node.text and node.tag not in ("script", "style"):
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" | ")

    visit(element)
    text = _WS.sub(" ", "".join(parts))
    return _BAR_RUNS.sub(" | ", text).strip(" |")


def _byline_text(element: etree._Element) -> str | None:
    if element.tag in ("meta", "link", "script", "style", "img", "svg"):
        return None  # not shown; meta content is read by the meta rules
        return None
    text = _norm(_block_text(element))
    if not text or len(text) > R.BYLINE_MAX_CHARS:
        return None
    return text


def _authors_byline(page: _Page, exclude: list[str]) -> tuple[str, ...]:
    """Names in the visible byline.

    Semantic markup (itemprop/rel author) lists every author. For class-named
    candidates the first one with real words decides: when it names only the site
    or an agency ("Telegraph Sport"), the article has no person byline.
    """
    for index, mark in enumerate(R.BYLINE_MARKS):
        semantic = index < R.BYLINE_SEMANTIC_MARKS
        found: list[str] = []
        for element in _marked(page, mark):
            if not _byline_allowed(element):
                continue
            text = _byline_text(element)
            if not text:
                continue
            names = clean_authors([text], exclude=exclude)
            found.extend(names)
            if not semantic and (names or _has_words(text)):
                return tuple(dict.fromkeys(found))
        if found:
            return tuple(dict.fromkeys(found))
    return ()


def _byline_candidate(element: etree._Element) -> bool:
    """Could the element be a byline: itemprop/rel "author", or a class/id naming one."""
    for attr, value in R.BYLINE_CANDIDATE_ATTRS:
        if element.get(attr) == value:
            return True
    names = element.get("class")
    if names and any(part in names for part in R.BYLINE_CANDIDATE_CLASS):
        return True
    names = element.get("id")
    return bool(names) and any(part in names for part in R.BYLINE_CANDIDATE_ID)


# What the values of a byline mark's attribute hold, in any case (the marks are then
# checked one by one on the few values that do).
_BYLINE_MARK_WORDS = tuple(dict.fromkeys(value for _, value, _ in R.BYLINE_MARKS))


def _marked(page: _Page, mark: tuple[str, str, str]) -> Iterator[etree._Element]:
    """The byline candidates that carry `mark`, in document order."""
    attr, value, how = mark
    for found in page.values_holding(attr, _BYLINE_MARK_WORDS, any_case=True):
        if how == "part":
            if value not in found.lower():
                continue
        elif value not in found.lower().split():
            continue
        element = found.getparent()
        if not _byline_candidate(element):
            continue
        if how == "name-in":
            yield from _ITEMPROP_NAME(element)
        else:
            yield element


def _has_words(text: str) -> bool:
    text = R.BYLINE_PREFIX.sub("", text)
    return any(
        len(word) >= 2 and word not in R.AUTHOR_STOP_WORDS
        for word in _LETTER_WORDS.findall(text.lower())
    )


def _by_line_texts(page: _Page) -> Iterator[tuple[str, etree._Element]]:
    """Text nodes inside the article that start with "By", with the element they belong to."""
    containers = dict.fromkeys(
        [
            *(e for tag in R.BY_LINE_CONTAINER_TAGS for e in page.tags[tag]),
            *_ROLE_MAIN(page.root),
        ]
    )
    tops = [c for c in containers if not any(a in containers for a in c.iterancestors())]
    if len(tops) > 1:
        tops.sort(key=_document_order)
    for top in tops:
        for index in _starting_with(_TEXT_NODES(top), R.BY_LINE_OPENERS):
            text = _NTH_TEXT(top, n=index + 1)[0]
            element = text.getparent()
            if isinstance(element.tag, str):  # not the tail of a comment
                yield text, element


def _starting_with(texts: list[str], openers: tuple[str, ...]) -> list[int]:
    """The indexes of the texts that start with one of `openers` after white space.

    The openers are found by str.find in the texts joined by NULs (which no text holds).
    """
    joined = "\x00".join(texts)
    starts = set()
    for opener in openers:
        at = joined.find(opener)
        while at >= 0:
            start = joined.rfind("\x00", 0, at) + 1
            if _SPACES.match(joined, start).end() == at:  # type: ignore[union-attr]
                starts.add(start)
            at = joined.find(opener, at + 1)
    return [joined.count("\x00", 0, start) for start in sorted(starts)]


def _document_order(element: etree._Element) -> list[int]:
    """A sort key for document order: the element's child indexes from the root down."""
    key = []
    parent = element.getparent()
    while parent is not None:
        key.append(parent.index(element))
        element, parent = parent, parent.getparent()
    key.reverse()
    return key


def _authors_by_line(page: _Page, exclude: list[str]) -> tuple[str, ...]:
    """A short line in the article that starts with "By" ("By Louis Jacobson")."""
    seen: set[etree._Element] = set()
    for _text, element in _by_line_texts(page):
        # "By" may sit in a <span> of its own: the line is the enclosing block
        while element is not None and element.tag not in R.BLOCK_TAGS:
            element = element.getparent()
        if element is None or element in seen or not _byline_allowed(element):
            continue
        seen.add(element)
        text = _norm(_block_text(element))
        if text and len(text) <= R.BY_LINE_MAX_CHARS and R.BY_LINE_START.match(text):
            names = clean_authors([text], exclude=exclude)
            if names:
                return names
    return ()


AUTHOR_RULES = (_authors_jsonld, _authors_meta, _authors_byline, _authors_by_line)
VISIBLE_AUTHOR_RULES = (_authors_byline, _authors_by_line)


def _authors(page: _Page, exclude: list[str]) -> tuple[str, ...]:
    """The first rule's authors; but declared names that the page never shows give way
    to a visible byline (CMS plugins often declare the account that posted the story)."""
    for rule in AUTHOR_RULES:
        authors = rule(page, exclude)
        if not authors:
            continue
        if rule in VISIBLE_AUTHOR_RULES:
            return authors
        if any(_shown(page, name) for name in authors):
            return authors
        for fallback in VISIBLE_AUTHOR_RULES:
            shown = fallback(page, exclude)
            if shown:
                return shown
        return authors
    return ()


# Whether a text node shows `$name`. One predicate, then [1]: libxml2 stops at the first
# node that passes it, and looks at the ancestors only of nodes that hold the name.
_SHOWN = etree.XPath(
    "boolean(descendant::text()[contains(., $name) and "
    "not(ancestor::script or ancestor::style or ancestor::noscript)][1])"
)


def _shown(page: _Page, name: str) -> bool:
    """Whether a text node of the page's <body> contains `name` (scripts don't count)."""
    try:
        return any(_SHOWN(body, name=name) for body in page.tags["body"])
    except ValueError:  # a character no XML text holds (lxml refuses it), so none shows it
        return False


def _clean_name(part: str, min_words: int = 2) -> str | None:
    part = R.BYLINE_PREFIX.sub("", part)
    part = part.strip(" \t-–—:·•|,.;()[]'\"“”‘’")
    if not part or any(ch.isdigit() for ch in part) or len(part) > R.AUTHOR_MAX_CHARS:
        return None
    if _NAME_JUNK.search(part):
        return None
    words = part.split()
    if not min_words <= len(words) <= R.AUTHOR_MAX_WORDS:
        return None
    if len(words) == 1 and (part.isupper() or len(part) < 3):
        return None  # a one-word acronym ("CNN"), not a name
    if part.isupper() or part.islower():
        words = [w if w.lower() in R.NAME_PARTICLES else w.capitalize() for w in words]
    for word in words:
        bare = word.strip(".,'’").lower()
        if bare in R.AUTHOR_STOP_WORDS and bare not in R.NAME_PARTICLES:
            return None
        if bare in R.AUTHOR_ORGANIZATIONS:
            return None
        first = word.lstrip("'’(")[:1]
        capitalised = first and (first.isupper() or word.lower() in R.NAME_PARTICLES)
        if not capitalised and not re.match(_NAME_PREFIX, word.lower()):
            return None
    # an acronym among ordinary words ("CNN Business") is an organization
    if any(len(w) >= 3 and w.isupper() and w.isalpha() for w in words) and not all(
        w.isupper() for w in words
    ):
        return None
    return " ".join(words)


def _strip_trailing_site(part: str, names: list[str]) -> str:
    """ "Elliot Brownstein Florida Today" -> "Elliot Brownstein" when the site is Florida Today."""
    words = part.split()
    for size in (3, 2, 1):
        if len(words) > size + 1 and _is_site_name(" ".join(words[-size:]), names):
            return " ".join(words[:-size])
    return part


def clean_authors(
    raw: Iterable[str], *, exclude: Iterable[str] = (), min_words: int = 2
) -> tuple[str, ...]:
    """Person names from author strings: no "By", junk phrases, dates, URLs or site names.

    "By Jane Doe and John Roe, Reuters" -> ("Jane Doe", "John Roe"). `exclude` names
    the site and publisher, which are never an author.
    """
    exclude = [e for e in exclude if e]
    out: list[str] = []
    seen: set[str] = set()
    for value in raw:
        value = _norm(value)
        if not value:
            continue
        if _PROFILE_URL.match(value):
            continue  # a profile URL, not a name
        value = _CONTACTS.sub(",", value)
        value = R.BYLINE_JUNK_PHRASES.sub(",", value)
        value = R.BYLINE_PREFIX.sub("", value)
        for part in R.AUTHOR_SPLIT.split(value):
            part = _strip_trailing_site(part, exclude)
            name = _clean_name(part, min_words)
            if not name or _is_site_name(name, exclude, loose=True):
                continue
            key = name.lower()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return tuple(out)


# --- dates ------------------------------------------------------------------------------


def _published_jsonld(page: _Page) -> tuple[datetime, str] | None:
    for key in ("datePublished", "dateCreated", "uploadDate"):
        value = parse_date(_ld_text(page.article.get(key)))
        if value:
            return value, "json-ld"
    return None


def _published_meta(page: _Page) -> tuple[datetime, str] | None:
    for name in R.PUBLISHED_META:
        for raw in page.meta.get(name, ()):
            value = parse_date(raw)
            if value:
                return value, "meta"
    return None


def _time_allowed(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        marks = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if R.TIME_EXCLUDED_ANCESTOR.search(marks) or ancestor.tag in ("aside", "nav"):
            return False
    return True


_TIME_PUBLISHED_TESTS = tuple(etree.XPath(f"boolean({t})") for t in R.TIME_PUBLISHED_TESTS)
_TIME_MODIFIED_TESTS = tuple(etree.XPath(f"boolean({t})") for t in R.TIME_MODIFIED_TESTS)


def _times(
    page: _Page, tests: Iterable[etree.XPath], *, published: bool = False
) -> datetime | None:
    times = [t for t in page.tags["time"] if t.get("datetime") is not None]
    if not times:
        return None
    for test in tests:
        for element in times:
            if not test(element):
                continue
            if published and R.TIME_NOT_PUBLISHED.search(element.get("class", "")):
                continue
            if _time_allowed(element):
                value = parse_date(element.get("datetime"))
                if value:
                    return value
    return None


def _published_time(page: _Page) -> tuple[datetime, str] | None:
    value = _times(page, _TIME_PUBLISHED_TESTS, published=True)
    return (value, "time") if value else None


def url_date(url: str | None) -> datetime | None:
    """The date a URL's path carries (/2026/02/05/...), else None."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in R.URL_DATE_PATTERNS:
        match = pattern.search(path)
        if match:
            parts = match.groupdict()
            month = _month(parts["mon"]) if parts.get("mon") else parts["m"]
            if month is None:
                continue
            value = _build(parts["y"], month, parts["d"])
            if value:
                return value
    return None


def _published_url(page: _Page) -> tuple[datetime, str] | None:
    for link in (page.url, _canonical_link(page), page.first_meta(R.URL_META)):
        value = url_date(link)
        if value:
            return value, "url"
    return None


def _published_meta_any(page: _Page) -> tuple[datetime, str] | None:
    for name, values in page.meta.items():
        if R.PUBLISHED_META_NAME.search(name) and not R.PUBLISHED_META_NAME_NOT.search(name):
            for raw in values:
                value = parse_date(raw)
                if value:
                    return value, "meta"
    return None


_DATE_CLASS_WORDS = tuple(w for wanted, _ in R.DATE_TEXT_CLASSES for w in wanted)


def _date_text_elements(page: _Page) -> Iterator[etree._Element]:
    """The elements that may write the publication date out, best first."""
    for value in page.attribute_values("itemprop"):
        if value == R.DATE_TEXT_ITEMPROP:
            yield value.getparent()
    classes = page.values_holding("class", _DATE_CLASS_WORDS)
    for wanted, unwanted in R.DATE_TEXT_CLASSES:
        for value in classes:
            if any(w in value for w in wanted) and not any(u in value for u in unwanted):
                yield value.getparent()
    for header in page.tags["header"]:
        if any(True for _ in header.iterancestors("article")):
            yield header


def _published_visible_text(page: _Page) -> tuple[datetime, str] | None:
    """A full date written in the byline or date line ("Nov. 19, 2019, 9:02 AM")."""
    for element in _date_text_elements(page):
        if not isinstance(element.tag, str) or not _time_allowed(element):
            continue
        if R.TIME_NOT_PUBLISHED.search(element.get("class", "")):
            continue
        text = _norm(text_content(element))
        if text and len(text) <= R.DATE_TEXT_MAX_CHARS:
            text = R.DATE_TEXT_STOP.split(text, maxsplit=1)[0]
            value = find_text_date(text)
            if value:
                return value, "text"
    return None


def _published_cue_text(page: _Page) -> tuple[datetime, str] | None:
    """A date right after "Published"/"Posted"/... anywhere in the page's own text."""
    for node, parent in page.visible_texts():
        match = R.PAGE_DATE_CUES.search(node)
        if not match:
            continue
        if parent is None or not _time_allowed(parent):
            continue
        text = str(node)[match.end() : match.end() + R.PAGE_DATE_CUE_WINDOW]
        value = find_text_date(R.DATE_TEXT_STOP.split(text, maxsplit=1)[0])
        if value:
            return value, "text"
    return None


PUBLISHED_RULES = (
    _published_jsonld,
    _published_meta,
    _published_time,
    _published_meta_any,
    _published_url,
    _published_visible_text,
    _published_cue_text,
)


def _modified_jsonld(page: _Page) -> datetime | None:
    return parse_date(_ld_text(page.article.get("dateModified")))


def _modified_meta(page: _Page) -> datetime | None:
    for name in R.MODIFIED_META:
        for raw in page.meta.get(name, ()):
            value = parse_date(raw)
            if value:
                return value
    return None


def _modified_time(page: _Page) -> datetime | None:
    return _times(page, _TIME_MODIFIED_TESTS)


MODIFIED_RULES = (_modified_jsonld, _modified_meta, _modified_time)

# --- language ---------------------------------------------------------------------------


def normalize_language(value: str | None) -> str | None:
    """ "en-US", "en_GB", "EN", "eng" -> "en"; anything else -> None."""
    value = _norm(value)
    if not value:
        return None
    code = re.split(r"[-_\s,;]", value.lower(), maxsplit=1)[0]
    code = R.LANGUAGE_ALIASES.get(code, code)
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def _language_html(page: _Page) -> str | None:
    for element in [page.root, *page.tags["html"]]:
        for attr in ("lang", "xml:lang", "{http://www.w3.org/XML/1998/namespace}lang"):
            value = normalize_language(element.get(attr))
            if value:
                return value
    return None


def _language_jsonld(page: _Page) -> str | None:
    return normalize_language(_ld_text(page.article.get("inLanguage")))


def _language_meta(page: _Page) -> str | None:
    for name in R.LANGUAGE_META:
        value = normalize_language(page.first_meta((name,)))
        if value:
            return value
    return None


LANGUAGE_RULES = (_language_html, _language_jsonld, _language_meta)

# --- links ------------------------------------------------------------------------------


def _canonical_link(page: _Page) -> str | None:
    return page.memo("canonical", lambda: _find_canonical_link(page))  # type: ignore[return-value]


def _find_canonical_link(page: _Page) -> str | None:
    for element in page.tags["link"]:
        href = element.get("href")
        rel = element.get("rel")
        if href is None or not rel or "canonical" not in rel.lower():
            continue
        if "canonical" not in rel.lower().translate(_XML_SPACE).split(" "):
            continue
        link = page.absolute(href)
        if link:
            return link
    return None


def _canonical_og(page: _Page) -> str | None:
    return page.absolute(page.first_meta(R.URL_META))


def _canonical_jsonld(page: _Page) -> str | None:
    for key in ("url", "mainEntityOfPage"):
        link = page.absolute(_ld_url(page.article.get(key)))
        if link:
            return link
    return None


CANONICAL_RULES = (_canonical_link, _canonical_og, _canonical_jsonld)


def _image_jsonld(page: _Page) -> str | None:
    return page.absolute(_ld_url(page.article.get("image") or page.article.get("thumbnailUrl")))


def _image_meta(page: _Page) -> str | None:
    for name in R.IMAGE_META:
        for raw in page.meta.get(name, ()):
            link = page.absolute(raw)
            if link:
                return link
    return None


IMAGE_RULES = (_image_jsonld, _image_meta)

# --- section and tags --------------------------------------------------------------------


def _section_jsonld(page: _Page) -> str | None:
    return _ld_text(page.article.get("articleSection"))


def _section_meta(page: _Page) -> str | None:
    return page.first_meta(R.SECTION_META)


SECTION_RULES = (_section_jsonld, _section_meta)


def _split_tags(values: Iterable[str]) -> list[str]:
    out = []
    for value in values:
        out.extend(_TAG_SPLIT.split(value))
    return out


def _tags_jsonld(page: _Page) -> list[str]:
    value = page.article.get("keywords")
    if isinstance(value, str):
        return _split_tags([value])
    if isinstance(value, list):
        return _split_tags([t for t in (_ld_text(v) for v in value) if t])
    return []


def _tags_meta_multi(page: _Page) -> list[str]:
    for name in R.TAG_META_MULTI:
        values = page.all_meta(name)
        if values:
            return _split_tags(values)
    return []


def _tags_meta(page: _Page) -> list[str]:
    for name in R.TAG_META:
        values = page.all_meta(name)
        if values:
            return _split_tags(values)
    return []


TAG_RULES = (_tags_jsonld, _tags_meta_multi, _tags_meta)


def _clean_tags(values: Iterable[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values or ():
        tag = _norm(value)
        if not tag or len(tag) > R.TAG_MAX_CHARS or R.TAG_JUNK.search(tag):
            continue
        if tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    return tuple(out)


# ======================================================================== entry points


def html_metadata(tree: etree._Element, url: str | None) -> Metadata:
    """Metadata an HTML page declares. Reads the tree, never changes it."""
    page = _Page(tree, url)
    page.site_names = _site_names(page)
    published = _first(PUBLISHED_RULES, page)
    if published and published[1] == "url":  # type: ignore[index]
        # the URL gives only the day: a written date of that same day adds the time
        written = _published_visible_text(page)
        if written and timedelta(hours=-14) <= written[0] - published[0] < timedelta(hours=38):  # type: ignore[index]
            published = written
    publisher = _clean_publisher(_first(PUBLISHER_RULES, page))  # type: ignore[arg-type]
    exclude = [*page.site_names, *([publisher] if publisher else [])]
    authors = _authors(page, exclude)
    canonical = _first(CANONICAL_RULES, page)
    return Metadata(
        title=_clean_title(_first(TITLE_RULES, page), page),  # type: ignore[arg-type]
        description=_first(DESCRIPTION_RULES, page),  # type: ignore[arg-type]
        authors=authors,
        publisher=publisher,
        published_at=published[0] if published else None,  # type: ignore[index]
        published_at_source=published[1] if published else None,  # type: ignore[index]
        modified_at=_first(MODIFIED_RULES, page),  # type: ignore[arg-type]
        language=_first(LANGUAGE_RULES, page),  # type: ignore[arg-type]
        url=url or canonical,  # type: ignore[arg-type]
        canonical_url=canonical,  # type: ignore[arg-type]
        section=_first(SECTION_RULES, page),  # type: ignore[arg-type]
        tags=_clean_tags(_first(TAG_RULES, page)),  # type: ignore[arg-type]
        image_url=_first(IMAGE_RULES, page),  # type: ignore[arg-type]
    )


def publisher_from_boilerplate(boilerplate: Iterable[str]) -> str | None:
    """The publisher a footer names.

    "Get The Astana Times stories sent directly to you!" -> "The Astana Times".
    """
    for text in boilerplate:
        for pattern in R.PUBLISHER_FROM_BOILERPLATE:
            match = pattern.search(text)
            if match:
                name = _norm(re.sub(r"^(?:the|our)\s+", "", match.group("name")))
                if name and 1 <= len(name.split()) <= 6 and name[0].isupper():
                    return name
    return None


def text_metadata(content: Content) -> Metadata:
    """Metadata a plain-text article gives: its headline and the publisher its footer names."""
    return Metadata(
        title=_norm(content.title),
        publisher=publisher_from_boilerplate(content.boilerplate),
    )


# ======================================================================== completion


def find_dateline(paragraph: str | None) -> str | None:
    """The dateline a lead paragraph opens with: "ALMATY – President ..." -> "ALMATY"."""
    if not paragraph:
        return None
    match = R.DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip(" ,")
    head = re.split(r"[,\s]", place, maxsplit=1)[0].strip(".'’-")
    if (
        len(place) > R.DATELINE_MAX_CHARS
        or head in R.DATELINE_NOT_PLACES
        or len(head.replace(".", "")) < 2
        or not paragraph[match.end() :][:1].strip()
    ):
        return None
    return place


def guess_language(text: str) -> str | None:
    """The language whose stop words are most frequent in `text`, when clear enough."""
    words = re.findall(r"[^\W\d_]+", text.lower())[: R.LANGUAGE_SAMPLE_WORDS]
    if not words:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in R.STOP_WORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    ranked = sorted(scores.values(), reverse=True)
    if scores[best] < R.LANGUAGE_MIN_HITS or (len(ranked) > 1 and ranked[1] * 1.5 > ranked[0]):
        return None
    return best


def _date_lines(content: Content) -> Iterator[str]:
    """The places a publication date is written, best first."""
    if content.byline:
        yield content.byline
    blocks = [b.text for b in content.blocks]
    edge = blocks[:3] + blocks[-3:]
    for text in edge:
        if len(text.split()) <= R.DATE_LINE_MAX_WORDS:
            yield text
    for text in edge:
        for match in re.finditer(R.TEXT_DATE_CUES, text):
            yield text[match.end() : match.end() + 60]
    if blocks:
        match = R.DATELINE.match(blocks[0])
        if match:
            yield match.group(0)


def _published_text(content: Content) -> datetime | None:
    for text in _date_lines(content):
        value = find_text_date(text)
        if value:
            return value
    return None


def _leads(content: Content) -> Iterator[str]:
    """The first paragraphs, where a dateline can open the story (a banner may come first)."""
    return islice((b.text for b in content.blocks if b.kind == "p"), R.DATELINE_PARAGRAPHS)


def complete(
    meta: Metadata,
    content: Content,
    *,
    listing_date: date | None,
    run_date: date | None,
) -> Metadata:
    """The last links of every chain, shared by HTML and text articles."""
    changes: dict[str, object] = {}
    if not meta.dateline:
        dateline = next(filter(None, map(find_dateline, _leads(content))), None)
        if dateline:
            changes["dateline"] = dateline
    if not meta.title and _norm(content.title):
        changes["title"] = _norm(content.title)
    if not meta.authors and content.byline:
        exclude = [meta.publisher or "", *_hosts(meta)]
        authors = clean_authors([content.byline], exclude=exclude)
        if authors:
            changes["authors"] = authors
    if not meta.publisher:
        publisher = publisher_from_boilerplate(content.boilerplate)
        if publisher:
            changes["publisher"] = publisher
    if not meta.language:
        language = guess_language(" ".join([content.title or "", content.body_text]))
        if language:
            changes["language"] = language
    if meta.published_at is None:
        written = _published_text(content)
        if written is not None:
            changes.update(published_at=written, published_at_source="text")
        elif listing_date is not None:
            changes.update(published_at=_midnight(listing_date), published_at_source="listing")
        elif run_date is not None:
            changes.update(published_at=_midnight(run_date), published_at_source="run-date")
    return replace(meta, **changes) if changes else meta  # type: ignore[arg-type]


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _hosts(meta: Metadata) -> list[str]:
    out = []
    for link in (meta.url, meta.canonical_url):
        host = urlsplit(link or "").hostname
        if host:
            out.append(re.sub(r"^www\.", "", host))
    return out

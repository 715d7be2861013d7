"""The polite, bounded, SSRF-guarded HTTP fetcher every web source uses.

For each URL: robots.txt of its host (fetched once, cached; crawl-delay honoured), a
per-host rate limit, then requests with retries (exponential backoff with full jitter
on timeouts, connection errors, 429 and 5xx; Retry-After obeyed; a bounded number of
attempts). Redirects are followed by hand, each hop checked by the SSRF guard and by
robots.txt, up to `max_redirects`. Bodies are read in chunks and refused past
`max_bytes` (compressed and decompressed, so a gzip bomb stops early) or past
`timeout` seconds for the whole request; only the expected content types are kept.

A URL that can't be fetched raises FetchError carrying its fetch_log record.
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
import socket
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from newsflow.config import FetchOptions
from newsflow.model import FetchRecord
from newsflow.sources.guard import Blocked, check_address, check_url
from newsflow.sources.httpcache import Cached, HttpCache

log = logging.getLogger(__name__)

# what each kind of fetch accepts (Content-Type without parameters)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/gzip",
        "application/x-gzip",
    }
)
ROBOTS_TYPES = frozenset({"text/plain"})
UNLABELLED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "date")
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for longer is a failure for this run
MAX_BACKOFF = 60.0
ROBOTS_MAX_AGE = 3600.0  # robots.txt reused without asking within this many seconds
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024

_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_XML_SNIFF = re.compile(rb"^\s*(?:<\?xml|<rss|<feed|<rdf:RDF|<urlset|<sitemapindex)", re.I)


class FetchError(Exception):
    """A URL that could not be fetched; `record` is its fetch_log row."""

    def __init__(self, record: FetchRecord):
        super().__init__(f"{record.url}: {record.error_type}: {record.error}")
        self.record = record


class _Failure(Exception):
    """One hop failed for good (inside Fetcher.get)."""

    def __init__(
        self, error_type: str, message: str, status: int | None = None, attempts: int | None = None
    ):
        super().__init__(message)
        self.error_type, self.message, self.status = error_type, message, status
        self.attempts = attempts  # requests made, when known


class _Transient(Exception):
    """One attempt failed in a way worth retrying."""

    def __init__(self, error_type: str, message: str, status: int | None = None, wait=None):
        super().__init__(message)
        self.error_type, self.message, self.status, self.wait = error_type, message, status, wait


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    attempts: int
    elapsed_ms: int
    from_cache: bool
    fetched_at: datetime

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)

    def record(self, kind: str) -> FetchRecord:
        return FetchRecord(
            url=self.url,
            final_url=self.final_url,
            status=self.status,
            attempts=self.attempts,
            bytes=len(self.body),
            elapsed_ms=self.elapsed_ms,
            from_cache=self.from_cache,
            kind=kind,
        )


# -- connections checked again once connected (DNS rebinding) -------------------------


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        try:
            check_address(self.host, sock.getpeername()[0], allow_private=False)
        except Blocked:
            sock.close()
            raise
        return sock


class _GuardedHTTPSConnection(HTTPSConnection, _GuardedHTTPConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }


def _session(options: FetchOptions) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc credentials from the environment
    adapter = HTTPAdapter(max_retries=0) if options.allow_private_networks else _GuardedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.clear()
    session.headers.update(
        {
            "User-Agent": options.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
        }
    )
    return session


# -- helpers ---------------------------------------------------------------------------


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def sniff(body: bytes) -> str | None:
    """What unlabelled bytes look like: "text/html", "application/xml", gzip, or None."""
    head = body[:2048]
    if head[:2] == b"\x1f\x8b":
        return "application/gzip"
    if _XML_SNIFF.match(head):
        return "application/xml"
    if _HTML_SNIFF.match(head):
        return "text/html"
    return None


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _decoder(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise _Failure("encoding", f"unsupported Content-Encoding {encoding!r}")


# -- the fetcher -----------------------------------------------------------------------


@dataclass
class Fetcher:
    """Fetches URLs for one source within one task; keeps per-host state while it lives."""

    options: FetchOptions
    cache: HttpCache | None = None  # listings and robots.txt (conditional requests)
    log: list[FetchRecord] = field(default_factory=list)  # listing and robots fetches
    _session: requests.Session | None = None
    _robots: dict[str, Protego | None] = field(default_factory=dict)
    _next_turn: dict[str, float] = field(default_factory=dict)
    _random: random.Random = field(default_factory=random.Random)

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = _session(self.options)
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    # public ---------------------------------------------------------------------------

    def get(self, url: str, *, kind: str = "article") -> Fetched:
        """Fetch `url` as an "article" (HTML), a "listing" (feed, sitemap) or "robots".
        Raises FetchError with the fetch_log record when it can't."""
        started = time.monotonic()
        hop = _Hop(url=url)
        cached = self.cache.lookup(url) if self.cache and kind != "article" else None
        try:
            if cached and kind == "robots" and time.time() - cached.stored_at < ROBOTS_MAX_AGE:
                return self._from_cache(url, cached, 0, started)
            for _ in range(self.options.max_redirects + 1):
                self._check(hop.url, kind)
                hop = self._hop(hop, cached if hop.url == url else None, kind)
                if hop.location:
                    hop = _Hop(url=urljoin(hop.url, hop.location), attempts=hop.attempts)
                    continue
                if hop.status == 304 and cached is not None:
                    self.cache.store(
                        url, cached.final_url, cached.status, cached.headers, cached.body
                    )
                    return self._logged(self._from_cache(url, cached, hop.attempts, started), kind)
                break
            else:
                raise _Failure("redirects", f"more than {self.options.max_redirects} redirects")
        except _Failure as exc:
            record = FetchRecord(
                url=url,
                final_url=hop.url,
                status=exc.status or hop.status,
                attempts=hop.attempts if exc.attempts is None else exc.attempts,
                bytes=0,
                elapsed_ms=int((time.monotonic() - started) * 1000),
                from_cache=False,
                error_type=exc.error_type,
                error=exc.message[:1000],
                kind=kind,
            )
            if kind != "article":
                self.log.append(record)
            raise FetchError(record) from None
        fetched = Fetched(
            url=url,
            final_url=hop.url,
            status=hop.status,
            headers=hop.headers,
            body=hop.body,
            attempts=hop.attempts,
            elapsed_ms=int((time.monotonic() - started) * 1000),
            from_cache=False,
            fetched_at=datetime.now(UTC).replace(microsecond=0),
        )
        if self.cache and kind != "article":
            self.cache.store(url, fetched.final_url, fetched.status, fetched.headers, fetched.body)
        return self._logged(fetched, kind)

    # internals ------------------------------------------------------------------------

    def _logged(self, fetched: Fetched, kind: str) -> Fetched:
        if kind != "article":
            self.log.append(fetched.record(kind))
        return fetched

    def _from_cache(self, url: str, cached: Cached, attempts: int, started: float) -> Fetched:
        return Fetched(
            url=url,
            final_url=cached.final_url,
            status=cached.status,
            headers=cached.headers,
            body=cached.body,
            attempts=attempts,
            elapsed_ms=int((time.monotonic() - started) * 1000),
            from_cache=True,
            fetched_at=datetime.fromtimestamp(int(cached.stored_at), UTC),
        )

    def _check(self, url: str, kind: str) -> None:
        try:
            check_url(url, self.options.allow_private_networks)
        except Blocked as exc:
            raise _Failure("blocked", str(exc)) from None
        except OSError as exc:  # the name does not resolve
            raise _Failure("dns", f"cannot resolve {urlsplit(url).hostname}: {exc}") from None
        if kind != "robots" and self.options.respect_robots:
            robots = self._robots_for(url)
            if robots is not None and not robots.can_fetch(url, self.options.user_agent):
                raise _Failure("robots", f"robots.txt of {urlsplit(url).netloc} disallows it")

    def _robots_for(self, url: str) -> Protego | None:
        """The parsed robots.txt of the URL's host; None: everything allowed. A host whose
        robots.txt fails with a 5xx or can't be reached is treated as disallowing all."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            try:
                body = self.get(origin + "/robots.txt", kind="robots").body
                self._robots[origin] = Protego.parse(body.decode("utf-8", "replace"))
            except FetchError as exc:
                status = exc.record.status
                if exc.record.error_type == "dns":  # the host itself can't be found
                    error = exc.record.error or ""
                    raise _Failure("dns", error, attempts=exc.record.attempts) from None
                if status is not None and 400 <= status < 500 and status != 429:
                    self._robots[origin] = None  # no robots.txt: everything allowed
                else:
                    self._robots[origin] = Protego.parse("User-agent: *\nDisallow: /\n")
                    log.warning("robots.txt of %s unavailable: fetching nothing there", origin)
        return self._robots[origin]

    def _interval(self, url: str) -> float:
        interval = 1.0 / self.options.rate_limit
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        if robots is not None and self.options.respect_robots:
            delay = robots.crawl_delay(self.options.user_agent)
            if delay:
                interval = max(interval, min(float(delay), MAX_RETRY_AFTER))
        return interval

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        now = time.monotonic()
        turn = self._next_turn.get(host, now)
        if turn > now:
            time.sleep(turn - now)
        self._next_turn[host] = max(now, turn) + self._interval(url)

    def _backoff(self, attempt: int) -> float:
        ceiling = min(MAX_BACKOFF, self.options.backoff * (2 ** (attempt - 1)))
        return self._random.uniform(ceiling / 2, ceiling)  # jitter: spread retries apart

    def _hop(self, hop: _Hop, cached: Cached | None, kind: str) -> _Hop:
        """One URL, retried on transient failures: its status and body, or its redirect."""
        headers = {}
        if cached is not None:
            if cached.header("etag"):
                headers["If-None-Match"] = cached.header("etag")
            if cached.header("last-modified"):
                headers["If-Modified-Since"] = cached.header("last-modified")
        attempts = 0
        while True:
            attempts += 1
            self._wait_turn(hop.url)
            try:
                try:
                    return self._attempt(hop, headers, kind, hop.attempts + attempts)
                except _Transient as exc:
                    if attempts > self.options.retries:
                        message = f"{exc.message} (after {attempts} attempts)"
                        raise _Failure(exc.error_type, message, exc.status) from None
                    wait = self._backoff(attempts)
                    if exc.wait is not None and exc.wait > MAX_RETRY_AFTER:
                        message = f"{exc.message}; Retry-After {exc.wait:.0f}s is too long"
                        raise _Failure(exc.error_type, message, exc.status) from None
                    wait = max(wait, exc.wait or 0.0)
                    reason = exc.message
            except _Failure as exc:
                exc.attempts = hop.attempts + attempts
                raise
            log.info("retry %s in %.1fs: %s", hop.url, wait, reason)
            time.sleep(wait)

    def _attempt(self, hop: _Hop, headers: dict, kind: str, attempts: int) -> _Hop:
        try:
            response = self.session.get(
                hop.url,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(self.options.timeout, self.options.timeout),
            )
        except Blocked as exc:
            raise _Failure("blocked", str(exc)) from None
        except requests.Timeout as exc:
            raise _Transient("timeout", f"{type(exc).__name__}: {exc}") from None
        except requests.ConnectionError as exc:
            reason = getattr(exc.args[0], "reason", None) if exc.args else None
            kind = "dns" if isinstance(reason, urllib3.exceptions.NameResolutionError) else None
            raise _Transient(kind or "connection", f"{type(exc).__name__}: {exc}") from None
        except requests.RequestException as exc:
            raise _Failure("request", f"{type(exc).__name__}: {exc}") from None
        with response:
            status = response.status_code
            if status in RETRY_STATUSES:
                wait = retry_after(response.headers.get("retry-after"))
                raise _Transient(f"http-{status}", f"HTTP {status} {response.reason}", status, wait)
            location = response.headers.get("location", "").strip()
            if status in (301, 302, 303, 307, 308) and location:
                return _Hop(hop.url, attempts, status, location=location)
            if status == 304 and headers:  # the conditional request's answer
                return _Hop(hop.url, attempts, status)
            if status >= 300:
                raise _Failure(f"http-{status}", f"HTTP {status} {response.reason}", status)
            body = self._body(response, kind)
            kept = tuple((n, response.headers[n]) for n in KEPT_HEADERS if n in response.headers)
            return _Hop(hop.url, attempts, status, headers=kept, body=body)

    def _body(self, response: requests.Response, kind: str) -> bytes:
        """The decompressed body, within max_bytes and the time limit, of a wanted type."""
        accept = {"article": HTML_TYPES, "listing": FEED_TYPES, "robots": ROBOTS_TYPES}[kind]
        limit = min(self.options.max_bytes, ROBOTS_MAX_BYTES if kind == "robots" else 1 << 62)
        status = response.status_code
        declared = media_type(response.headers.get("content-type"))
        if declared not in accept and declared not in UNLABELLED:
            raise _Failure("content-type", f"Content-Type {declared!r} is not wanted", status)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise _Failure("too-large", f"Content-Length {length} is over {limit} bytes", status)
        decoder = _decoder(response.headers.get("content-encoding", ""))
        deadline = time.monotonic() + self.options.timeout
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.raw.read1(CHUNK, decode_content=False):
                if decoder is not None:
                    chunk = decoder.decompress(chunk, limit + 1 - size)
                    if decoder.unconsumed_tail:
                        size = limit + 1
                size += len(chunk)
                if size > limit:
                    raise _Failure("too-large", f"the body is over {limit} bytes", status)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _Transient("timeout", "the body took too long to arrive", status)
        except zlib.error as exc:
            raise _Failure("encoding", f"corrupt compressed body: {exc}", status) from None
        except urllib3.exceptions.ReadTimeoutError as exc:  # headers, then silence
            raise _Transient("timeout", f"the body stalled: {exc}", status) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise _Transient("body", f"{type(exc).__name__}: {exc}", status) from None
        body = b"".join(chunks)
        if declared in UNLABELLED:
            found = sniff(body) or ("text/plain" if kind == "robots" else "")
            if found not in accept:
                raise _Failure("content-type", "an unlabelled body of the wrong type", status)
        return body


@dataclass(frozen=True, slots=True)
class _Hop:
    """Where a fetch stands: the URL being fetched and what it answered so far."""

    url: str
    attempts: int = 0
    status: int | None = None
    location: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

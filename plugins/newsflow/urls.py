"""URL normalisation: one identity for the same article reached several ways."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ref",
        "ref_src",
        "cmpid",
        "ocid",
        "smid",
        "sr_share",
        "at_medium",
        "at_campaign",
        "_ga",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "ga_", "itm_")


def absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    return url if urlsplit(url).scheme in ("http", "https") else None


def linked(url: str | None, base: str | None) -> str | None:
    """A link as a listing gives it, made absolute, whatever its scheme: the fetcher
    refuses (and logs) what is not http(s), rather than the link vanishing unnoticed."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        return urljoin(base, url) if base else url
    except ValueError:
        return url


def canonical(url: str | None) -> str | None:
    """Lower-case host, no default port, fragment or tracking parameters; https."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    if path != "/" and path.endswith("/"):
        path = path[:-1]
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None

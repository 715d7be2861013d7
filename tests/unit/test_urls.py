import pytest

from newsflow import urls


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.Example.com/a/b/?utm_source=x&id=3#top", "https://example.com/a/b?id=3"),
        ("http://example.com/a", "https://example.com/a"),  # http and https are one article
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a?b=2&a=1&fbclid=z", "https://example.com/a?a=1&b=2"),
        ("https://example.com", "https://example.com/"),
        ("ftp://example.com/a", None),
        ("/relative/path", None),
        ("https://example.com:notaport/a", None),  # a broken port is no URL
        ("http://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical(url, expected):
    assert urls.canonical(url) == expected


@pytest.mark.parametrize(
    "url, base, expected",
    [
        ("/a", "https://example.com/x/y", "https://example.com/a"),
        ("b", "https://example.com/x/y", "https://example.com/x/b"),
        ("javascript:alert(1)", "https://example.com/", None),
        (" https://other.org/p ", None, "https://other.org/p"),
        ("", "https://example.com/", None),
    ],
)
def test_absolute(url, base, expected):
    assert urls.absolute(url, base) == expected


def test_domain():
    assert urls.domain("https://WWW.Example.com:8080/a") == "example.com"
    assert urls.domain("not a url") is None

import gzip

import pytest

from newsflow.extract import decode
from newsflow.model import ExtractError, RawDocument

TEXT = "Café Zürich — “naïve” façade"


def raw(body: bytes, uri="doc.html", media_type=None, headers=()):
    return RawDocument(uri=uri, source="t", body=body, media_type=media_type, headers=headers)


def html_in(charset: str, declared: str | None = None) -> bytes:
    meta = f'<meta charset="{declared or charset}">' if declared is not False else ""
    return f"<html><head>{meta}</head><body><p>{TEXT}</p></body></html>".encode(charset)


@pytest.mark.parametrize(
    "body, headers",
    [
        (html_in("utf-8"), ()),
        (html_in("cp1252"), ()),  # declared in <meta charset>
        (html_in("cp1252", "iso-8859-1"), ()),  # latin-1 label means windows-1252
        (html_in("utf-8", "iso-8859-1"), ()),  # wrong label: utf-8 decodes cleanly
        (html_in("cp1252", False), (("content-type", "text/html; charset=windows-1252"),)),
        (b"\xef\xbb\xbf" + html_in("utf-8", False), ()),  # BOM
    ],
)
def test_charset_chain_never_garbles(body, headers):
    doc = raw(body, headers=headers)
    assert TEXT in decode.decode(doc, decode.payload(doc))


def test_undeclared_legacy_charset_is_detected():
    body = ("<p>" + "Les élèves français étudient à l'école. " * 20 + "</p>").encode("cp1252")
    doc = raw(body)
    assert "élèves français" in decode.decode(doc, decode.payload(doc))


def test_gzip_is_decompressed():
    doc = raw(gzip.compress(b"<p>hello</p>"))
    assert decode.payload(doc) == b"<p>hello</p>"


@pytest.mark.parametrize(
    "body, error_type",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (gzip.compress(b"<p>x</p>" * 1000)[:30], "bad-gzip"),
        (b"\x1f\x8b\x08\x00garbage", "bad-gzip"),
    ],
)
def test_bad_payloads(body, error_type):
    with pytest.raises(ExtractError) as info:
        decode.payload(raw(body))
    assert info.value.error_type == error_type


def test_gzip_bomb_is_capped():
    bomb = gzip.compress(b"\0" * (2 * 1024 * 1024))
    with pytest.raises(ExtractError, match="more than"):
        decode.gunzip(bomb, limit=1024 * 1024)


def test_binary_junk_is_rejected():
    junk = bytes(range(256)) * 64
    doc = raw(junk)
    with pytest.raises(ExtractError) as info:
        decode.decode(doc, decode.payload(doc))
    assert info.value.error_type == "binary"


@pytest.mark.parametrize(
    "uri, media_type, body, expected",
    [
        ("a.txt", None, b"<p>looks like html</p>", "text/plain"),
        ("a.txt.gz", None, b"x", "text/plain"),
        ("a.htm", None, b"Plain words", "text/html"),
        ("a.html.gz", None, b"x", "text/html"),
        ("noext", None, b"<!DOCTYPE html><html>", "text/html"),
        ("noext", None, b"Headline\n\nBody", "text/plain"),
        ("a.txt", "text/html", b"x", "text/html"),
    ],
)
def test_media_type(uri, media_type, body, expected):
    assert decode.media_type(raw(body, uri=uri, media_type=media_type), body) == expected


def test_control_characters_are_dropped():
    doc = raw(b"<p>a\x00b\x0cc\x1bd\te</p>")
    assert decode.decode(doc, decode.payload(doc)) == "<p>abcd\te</p>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>a\ufffeb\uffffc</p>".encode(), "<p>abc</p>"),  # non-characters, no control byte
        ("<p>caf\u00e9\x7f</p>".encode(), "<p>caf\u00e9</p>"),  # UTF-8 with a control byte
        (
            '<meta charset="windows-1252"><p>caf\u00e9\x01</p>'.encode("cp1252"),
            '<meta charset="windows-1252"><p>caf\u00e9</p>',
        ),  # not UTF-8
        ("<p>caf\u00e9 \u2019ok\u2019</p>".encode(), "<p>caf\u00e9 \u2019ok\u2019</p>"),
    ],
)
def test_control_characters_are_dropped_in_every_encoding(body, expected):
    doc = raw(body)
    assert decode.decode(doc, decode.payload(doc)) == expected

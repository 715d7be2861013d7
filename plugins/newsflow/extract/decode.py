"""Bytes -> text: decompression, charset and media type, never garbled text."""

from __future__ import annotations

import codecs
import re
import zlib

from newsflow.model import ExtractError, RawDocument

MAX_DECOMPRESSED = 50 * 1024 * 1024  # a gzip bomb stops here
PREFERRED_ENCODINGS = ("cp1252", "iso8859_15", "cp1251", "gb18030", "shift_jis", "euc_kr")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# Needed for some documents only (those with a Content-Type header, those neither typed nor
# named as HTML or text): compiled on first use, and kept in re's cache.
_HEADER_CHARSET = r"charset\s*=\s*[\"']?([\w.:-]+)"
_HTML_SNIFF = rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|article)\b"
# Characters no HTML or XML text may hold: these, and the non-characters U+FFFE and U+FFFF
# (left out of the pattern, which compiles several times faster with Latin-1 ones only).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes: in UTF-8 a byte below 0x80 is always that character.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")


def gunzip(data: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress gzip data, refusing to produce more than `limit` bytes."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ExtractError("read", "bad-gzip", f"gzip data is corrupt: {exc}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise ExtractError("read", "too-large", f"decompresses to more than {limit} bytes")
    if not inflater.eof:
        raise ExtractError("read", "bad-gzip", "gzip data is truncated")
    return out


def payload(raw: RawDocument) -> bytes:
    """The document's bytes, decompressed when they are gzip."""
    data = raw.body
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    if not data or data.isspace():  # not data.strip(), which copies the bytes
        raise ExtractError("read", "empty", "the document is empty")
    return data


def _valid(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared(raw: RawDocument, data: bytes) -> list[str]:
    found = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return [name]
    content_type = raw.header("content-type")
    match = content_type and re.search(_HEADER_CHARSET, content_type, re.IGNORECASE)
    if match:
        found.append(match.group(1))
    match = _META_CHARSET.search(data[:4096])
    if match:
        found.append(match.group(1).decode("ascii", "replace"))
    names = [n for n in (_valid(x) for x in found) if n]
    names = ["utf-8" if n.startswith(("utf-16", "utf-32")) else n for n in names]
    if any(n != "utf-8" for n in names) and _utf8_text(data):
        # bytes that are valid UTF-8 with multi-byte characters are UTF-8 whatever the label
        # says (a legacy charset almost never forms valid sequences); and as browsers do,
        # UTF-16 or UTF-32 named by a page without a BOM means UTF-8
        return ["utf-8"]
    return names


def _utf8_text(data: bytes) -> bool:
    """Valid UTF-8 that is not plain ASCII."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(raw: RawDocument, data: bytes) -> str:
    """Text of the document, without the control characters no HTML or XML text may hold
    (the parsers refuse them)."""
    return decode_text(raw, data)[0]


def decode_text(raw: RawDocument, data: bytes) -> tuple[str, bytes | None]:
    """`decode`, with `data` itself when the text is exactly its UTF-8 reading (a parser
    reads UTF-8 bytes faster than a Python string)."""
    text, encoding = _to_text(raw, data)
    if (
        encoding == "utf-8"
        and not any(byte in data for byte in _CONTROL_BYTES)  # memchr each: faster than translate
        and "\ufffe" not in text
        and "\uffff" not in text
    ):
        # the usual case: nothing to drop, no slow scan of the text
        return text, None if data.startswith(codecs.BOM_UTF8) else data
    return _CONTROL_CHARS.sub("", text).replace("\ufffe", "").replace("\uffff", ""), None


def _to_text(raw: RawDocument, data: bytes) -> tuple[str, str | None]:
    """The text and its codec: declared charset (BOM, HTTP header, <meta>) if it decodes
    cleanly, else UTF-8 if it decodes cleanly, else detection."""
    for name in _declared(raw, data):
        # a page labelled latin-1 is windows-1252 in every browser
        name = "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name
        try:
            return data.decode(name).lstrip("\ufeff"), name
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError("decode", "binary", "the document is binary, not text")
    import charset_normalizer  # only here: most pages declare or are UTF-8

    results = list(charset_normalizer.from_bytes(data[:200_000]))
    if not results:
        raise ExtractError("decode", "binary", "no text encoding fits the bytes")
    # several encodings often fit equally well; the web's default (windows-1252) first
    least = min(m.chaos for m in results)
    tied = [m.encoding for m in results if m.chaos <= least]
    encoding = next((e for e in PREFERRED_ENCODINGS if e in tied), tied[0])
    text = data.decode(encoding, errors="replace")
    sample = text[:20_000]
    junk = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    if junk > len(sample) * 0.01:
        raise ExtractError("decode", "binary", "the document is binary, not text")
    return text, None


def media_type(raw: RawDocument, data: bytes) -> str:
    """ "text/html" or "text/plain", from the declared type, the name, or the bytes."""
    declared = (raw.media_type or raw.header("content-type") or "").split(";")[0].strip().lower()
    if declared in ("text/html", "application/xhtml+xml"):
        return "text/html"
    if declared == "text/plain":
        return "text/plain"
    name = raw.uri.lower().split("?")[0]
    name = name.removesuffix(".gz")
    if name.endswith(".txt"):
        return "text/plain"
    if name.endswith(_HTML_SUFFIXES) or re.match(
        _HTML_SNIFF, data[:2048], re.IGNORECASE | re.DOTALL
    ):
        return "text/html"
    return "text/plain"

"""Coverage-guided fuzz target for the HTML and plain-text extractors (atheris).

    python tests/fuzz/fuzz_extract.py -runs=5000 -max_len=20000 CORPUS_DIR

Any exception other than ExtractError (a document that is not an article) is a finding;
so is a quote whose offsets don't point at its text.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newsflow.extract import extract
    from newsflow.model import ExtractError, RawDocument


def test_one_input(data: bytes) -> None:
    # the first byte picks the parser, the rest is the document
    if not data:
        return
    name = "doc.html" if data[0] & 1 else "doc.txt"
    raw = RawDocument(uri=name, source="fuzz", body=data[1:])
    try:
        result = extract(raw)
    except ExtractError:
        return
    body = result.article.body_text
    for quote in result.quotes:
        if body[quote.start_char : quote.end_char] != quote.text:
            raise AssertionError(f"quote offsets {quote.start_char}:{quote.end_char} are off")


def main() -> None:
    sys.setrecursionlimit(10_000)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

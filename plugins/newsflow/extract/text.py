"""Plain-text articles: headline on the first line, paragraphs separated by blank lines."""

from __future__ import annotations

import re

from newsflow.extract import vocab
from newsflow.model import Block, Content, ExtractError

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACE = re.compile(r"\s+")


def _clean(paragraph: str) -> str:
    return _SPACE.sub(" ", paragraph).strip()


def _is_heading(paragraph: str) -> bool:
    words = paragraph.split()
    return (
        0 < len(words) <= vocab.HEADING_MAX_WORDS
        and not vocab.SENTENCE_END.search(paragraph)
        and paragraph[0] not in "\"“‘'«„"
    )


def _is_caption(paragraph: str) -> bool:
    return len(paragraph.split()) <= 60 and bool(vocab.CAPTION_MARKERS.search(paragraph))


def _split_footer(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Peel newsletter/footer paragraphs off the end of the article."""
    body = list(paragraphs)
    footer: list[str] = []
    while body and len(footer) < vocab.FOOTER_WINDOW and vocab.BOILERPLATE_MARKERS.search(body[-1]):
        footer.insert(0, body.pop())
    return body, footer


def parse_text(text: str) -> Content:
    """Split a plain-text article into headline, body blocks, captions and footer."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    paragraphs = [_clean(p) for p in _BLANK_LINE.split(text.strip())]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ExtractError("parse", "empty", "the document has no text")
    first, _, rest = text.strip().partition("\n")
    title = _clean(first)
    # the headline is the first line; the rest of its paragraph (if any) is body
    lead_rest = _clean(rest.split("\n\n", 1)[0]) if rest and not rest.startswith("\n") else ""
    paragraphs = ([lead_rest] if lead_rest else []) + paragraphs[1:]
    paragraphs, footer = _split_footer(paragraphs)

    blocks: list[Block] = []
    captions: list[str] = []
    for paragraph in paragraphs:
        if _is_caption(paragraph):
            captions.append(paragraph)
        elif _is_heading(paragraph):
            blocks.append(Block("h", paragraph))
        else:
            blocks.append(Block("p", paragraph))
    # headings at the very end introduce nothing
    while blocks and blocks[-1].kind == "h":
        blocks.pop()
    if not any(b.kind == "p" for b in blocks):
        raise ExtractError("content", "no-body", "the text has a headline but no paragraphs")
    return Content(
        blocks=tuple(blocks),
        captions=tuple(captions),
        title=title,
        boilerplate=tuple(footer),
    )

"""HTML parsing and main-content extraction.

`parse_html` turns text into an lxml tree (fast, forgiving). `main_content` finds the
article body in it:

1. prune: drop tags that never hold article text (script, nav, aside, forms ...),
   hidden elements, and boxes whose class/id words name page furniture (share bars,
   related stories, newsletters, ads, comments, author bios). Captions and bylines are
   taken out too, their text kept for `Content.captions` / `Content.byline`.
2. cut the remaining tree into text blocks (paragraphs, headings, list items, quotes,
   pre, tables), each with its link text and owning element. Steps 1 and 2 share one
   walk: a doomed box is skipped there and taken out of the tree after it.
3. score: every block adds a weight to all its ancestors (prose adds its length, link
   lists and short furniture subtract), and the element with the highest sum is the
   main content. An article split over several containers is one subtree whose parts
   all add up, so their common ancestor wins as long as what lies between is small.
4. filter the blocks under that element (link lists, "read more", bylines, the
   headline) and reject pages whose best content is not prose (index pages, galleries).

Everything is lxml; nothing here needs BeautifulSoup (text is normalised on strings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from lxml import etree

from newsflow.extract import selectors as sel
from newsflow.model import Block, Content, ExtractError

# Plain lxml elements: cheaper to hand out than lxml.html's (a Python class per element),
# and lxml.html is not imported at all.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)
_UTF8_PARSER = etree.HTMLParser(
    remove_comments=True,
    remove_pis=True,
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
)
# An element's text (its XPath string value), serialised without the cost of an XPath context
_STRING = partial(etree.tostring, method="text", encoding=str, with_tail=False)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_TAGLIKE = re.compile(r"<[a-zA-Z!/]")
_WS = re.compile(r"[\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")  # control characters too
_CONTROL_NOT_SPACE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not (it
# lowers the Kelvin sign to "k").
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f]")


# --- parsing ----------------------------------------------------------------------------


def parse_html(text: str, utf8: bytes | None = None) -> etree._Element:
    """Parse an HTML document; raise ExtractError("parse", "empty"|"unparseable", ...).

    `utf8`, when given, is `text` as UTF-8 bytes: the parser reads those instead.
    """
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", errors="replace")
    if text is None or not text or text.isspace():  # not text.strip(), which copies it
        raise ExtractError("parse", "empty", "the document is empty")
    head = text[:4096]
    bad = head.count("\ufffd") + len(_CONTROL.findall(head))
    if bad > 0.1 * len(head):
        raise ExtractError("parse", "unparseable", "the document is binary or mis-decoded")
    if not _TAGLIKE.search(text):
        raise ExtractError("parse", "unparseable", "the document has no HTML markup")
    if head.lstrip()[:5].lower() == "<?xml":
        # lxml refuses str input that declares an encoding
        text = _XML_DECL.sub("", text, count=1)
        utf8 = None
    try:
        tree = (
            etree.fromstring(text, _PARSER)
            if utf8 is None
            else etree.fromstring(utf8, _UTF8_PARSER)
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractError("parse", "unparseable", str(exc) or type(exc).__name__) from exc
    if tree is None or len(tree) == 0:
        raise ExtractError("parse", "unparseable", "the parser found no elements")
    if _too_deep(tree):
        raise ExtractError(
            "parse", "too-deep", f"elements nest deeper than the parser's {MAX_DEPTH} levels"
        )
    return tree


# libxml2 stops reading a document whose elements nest deeper than this: what follows is lost
MAX_DEPTH = 256


def _too_deep(tree: etree._Element) -> bool:
    """Whether parsing stopped at the depth limit. The parser stops at the element where
    it hit it, and the last element of a tree is reached by following last children, so
    this costs one step per level, not a walk of the tree."""
    depth, element = 0, tree
    while len(element):
        element = element[-1]
        depth += 1
    return depth >= MAX_DEPTH - 2


# --- helpers ----------------------------------------------------------------------------


def _norm(text: str) -> str:
    """White space and control characters collapsed to single spaces, ends stripped."""
    if text.isprintable():  # no control characters, and no white space but " "
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            text = " ".join(text.split())
        return text  # most texts: already normal, no need to split them
    text = " ".join(text.split())  # str.split() is the regex's \s, and faster
    if not text.isprintable() and _CONTROL_NOT_SPACE.search(text):  # printable: none
        text = _WS.sub(" ", text).strip()
    return text


def text_content(el: etree._Element) -> str:
    """All the text under an element (lxml.html's HtmlElement.text_content())."""
    return _STRING(el)


def drop_tree(el: etree._Element) -> None:
    """Remove an element and its children, keeping its tail (lxml.html's drop_tree())."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _text(el: etree._Element) -> str:
    return _norm(_STRING(el))


def _words(value: str) -> set[str]:
    """The lower-case words of a class/id value, plus each token with "-" and "_" removed."""
    lower = value.lower()
    if lower == value:
        # no upper case, so no camelCase humps: str.replace splits at WORD_SPLIT's
        # separators faster (most values are like this, and a page brings dozens of values
        # never seen before)
        spaced = lower.replace("-", " ").replace("_", " ").replace(":", " ").replace(".", " ")
        words = set(spaced.split())
    else:
        words = {w.lower() for w in sel.WORD_SPLIT.split(value) if w}
    words.update(lower.replace("-", "").replace("_", "").split())
    return words


_CLASS_CACHE: dict[str, str | None] = {}
_BIO_WORDS = frozenset({"bio", "biography", "authorbio"})


def _classify_names(value: str) -> str | None:
    """What a class/id value says a box is: drop | caption | byline | meta | keep | None."""
    if value in _CLASS_CACHE:
        return _CLASS_CACHE[value]
    words = _words(value)
    if not words.isdisjoint(sel.KEEP_WORDS):
        kind = "keep"
    elif not words.isdisjoint(sel.CAPTION_WORDS):
        kind = "caption"
    elif not words.isdisjoint(sel.BYLINE_WORDS) and words.isdisjoint(_BIO_WORDS):
        kind = "byline"
    elif not words.isdisjoint(sel.EMBED_WORDS) and words.isdisjoint(sel.NOT_EMBED_WORDS):
        kind = "keep"
    elif not words.isdisjoint(sel.BOILERPLATE_WORDS) or any(
        sel.BOILERPLATE_TOKEN.match(t) for t in value.split()
    ):
        kind = "drop"
    elif not words.isdisjoint(sel.META_WORDS):
        kind = "meta"
    else:
        kind = None
    if len(_CLASS_CACHE) < 50_000:
        _CLASS_CACHE[value] = kind
    return kind


def _visible_len(text: str) -> int:
    """Characters that are not white space (cheaper than normalising the text)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


def _visible_utf8_len(data: bytes) -> int:
    """`_visible_len` of UTF-8 text, counted in one pass: every byte but white space and
    the continuation bytes of a character (no need to decode the text)."""
    return len(data.translate(None, _NOT_VISIBLE_UTF8))


_NOT_VISIBLE_UTF8 = bytes(range(0x80, 0xC0)) + b" \n\t\r"
# An element's text as UTF-8 (libxml2's own encoding: nothing to convert)
_STRING_UTF8 = partial(etree.tostring, method="text", encoding="utf-8", with_tail=False)


def _prose_chars(el: etree._Element) -> int:
    """Visible characters under an element that are not link text (a cheap prose measure)."""
    link = _visible_len("".join(_LINK_TEXT(el)))
    return max(_visible_utf8_len(_STRING_UTF8(el)) - link, 0)


_LINK_TEXT = etree.XPath("descendant::a/descendant::text()", smart_strings=False)


def _small(el: etree._Element, limit: float) -> bool:
    """Has the element less than `limit` visible characters of non-link text?"""
    text = _STRING_UTF8(el)
    if len(text) < limit:  # bytes are an upper bound of the characters: no need to count
        return True
    visible = _visible_utf8_len(text)
    if visible < limit:  # so is the visible length: no need to find the links
        return True
    return max(visible - _visible_len("".join(_LINK_TEXT(el))), 0) < limit


# --- pruning ----------------------------------------------------------------------------


def _find_headline(body: etree._Element) -> etree._Element | None:
    """The page's <h1> headline: one marked as a headline or inside the article first."""
    best, best_rank = None, -1
    for h1 in body.iter("h1"):
        text = _text(h1)
        if len(text) < 10:
            continue
        links = sum(len(_text(a)) for a in h1.iter("a"))
        if links > 0.9 * len(text) and len(text) < 40:
            continue  # a logo link
        rank = 0
        names = f"{h1.get('class') or ''} {h1.get('itemprop') or ''} {h1.get('id') or ''}"
        if _words(names) & sel.HEADLINE_WORDS:
            rank += 2
        if any(a.tag in ("article", "main") for a in h1.iterancestors()):
            rank += 1
        if rank > best_rank:
            best, best_rank = h1, rank
            if rank == 3:
                break
    return best


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:])")
_FOOTER_TEXT = etree.XPath(".//text()", smart_strings=False)


def _footer_notices(body: etree._Element) -> list[str]:
    """Copyright lines of the page footers (they can name the publisher)."""
    found = []
    for footer in body.iter("footer"):
        text = _norm(" ".join(_FOOTER_TEXT(footer)))
        start = _first_of(text, sel.COPYRIGHT_WORDS)
        if start < 0:
            continue
        # the line is mostly at the end of a long footer: the pattern is not tried at
        # every character before it
        found.extend(
            _SPACE_BEFORE_PUNCT.sub(r"\1", m.group(0).strip())
            for m in sel.COPYRIGHT_LINE.finditer(text, start)
        )
    return found


_UNSEEN = object()
# Attributes besides class/id that can mark a box hidden, chrome or a byline.
_RARE_ATTRS = frozenset(
    {"hidden", "aria-hidden", "role", "style", *(attr for attr, _ in sel.BYLINE_ATTRS)}
)


def _doom_test(
    page_prose: int, captions: list[str], bylines: list[str]
) -> Callable[[etree._Element], bool]:
    """The pruning rule: whether an element goes (with its subtree). Captions and bylines
    it takes out are appended to `captions` / `bylines`."""
    protect = sel.PROTECT_SHARE * page_prose
    chrome = sel.CHROME_KEEP_SHARE * page_prose
    classify = _CLASS_CACHE.get

    def doomed(el: etree._Element) -> bool:
        tag = el.tag
        # Most elements carry only class/id/href-like attributes: look those two up and
        # read all attributes only when one of the rarer ones is there.
        keys = el.keys()
        rare = bool(keys) and not _RARE_ATTRS.isdisjoint(keys)
        if rare:
            get = dict(el.items()).get
            style = get("style")
            if (
                get("hidden") is not None
                or get("aria-hidden") == "true"
                or (get("role") or "").lower() in sel.DROP_ROLES
                or (style and sel.HIDDEN_STYLE.search(style))
            ):
                return True
        else:
            get = el.get
        if tag in sel.CHROME_TAGS:
            return _small(el, chrome)
        if tag in sel.CAPTION_TAGS:
            text = _text(el)
            if text:
                captions.append(text)
            return True
        if not keys:
            return False
        kind = None
        for name in ("class", "id"):
            if name not in keys:  # a look in `keys` costs less than get()
                continue
            value = get(name)
            if value:
                k = classify(value, _UNSEEN)
                if k is _UNSEEN:
                    k = _classify_names(value)
                if k == "keep":
                    kind = None
                    break
                kind = kind or k
        if kind is None and rare:
            for attr, value in sel.BYLINE_ATTRS:
                if get(attr) == value:
                    kind = "byline"
                    break
        if kind is None:
            return False
        if kind == "drop":
            return _small(el, protect)
        if kind == "caption":
            if _small(el, min(500, protect)):
                text = _text(el)
                if text:
                    captions.append(text)
                return True
            return False
        if kind == "byline":
            if _small(el, 200):
                text = _text(el)
                if text:
                    bylines.append(text)
                return True
            return _small(el, protect)  # an author box with a biography
        if kind == "meta":
            return _small(el, 120)
        return False

    return doomed


def _prune_inside(root: etree._Element, doomed: Callable[[etree._Element], bool]) -> None:
    """Drop what the rule dooms under `root` (not `root` itself), in document order."""
    found = []
    walker = etree.iterwalk(root, events=("start",))
    next(walker)  # root itself
    for _, el in walker:
        if doomed(el):
            found.append(el)
            walker.skip_subtree()
    for el in found:
        drop_tree(el)


# --- blocks -----------------------------------------------------------------------------


class _Block:
    __slots__ = ("kind", "parts", "link", "owner", "text", "weight", "chain")

    def __init__(self, kind: str, owner: etree._Element):
        self.kind = kind
        self.parts: list[str] = []  # its text pieces (the walk appends them)
        self.link = 0  # characters of link text (the walk adds them)
        self.owner = owner
        self.text = ""
        self.weight = 0.0
        self.chain: tuple = ()


def _is_layout_table(table: etree._Element) -> bool:
    return any(table.find(f".//{tag}") is not None for tag in sel.LAYOUT_IN_TABLE)


def _table_text(table: etree._Element) -> str:
    rows = []
    for tr in table.iter("tr"):
        cells = [_text(c) for c in tr if c.tag in ("td", "th")]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _prune_and_collect(
    body: etree._Element, captions: list[str], bylines: list[str], boilerplate: list[str]
) -> list[_Block]:
    """Prune the tree and cut what is left into text blocks in document order, in one
    walk. A doomed element is skipped there (its tail stays, as `drop_tree` keeps it)
    and taken out of the tree after the walk; a table is pruned before it is read."""
    etree.strip_elements(body, *sel.SCRIPT_TAGS, with_tail=False)
    boilerplate.extend(_footer_notices(body))
    etree.strip_elements(body, *sel.DROP_TAGS, with_tail=False)
    is_doomed = _doom_test(_prose_chars(body) or 1, captions, bylines)
    doomed: list[etree._Element] = []
    dropped = None  # the doomed element whose end event comes next
    pruned = None  # a layout table that was pruned already: no tests until its end

    blocks: list[_Block] = []
    block_tags = sel.BLOCK_TAGS
    kinds = sel.BLOCK_KIND
    inherited = sel.INHERITED_KINDS
    stack: list[tuple[etree._Element, str]] = []
    current = _Block("p", body)
    parts = current.parts
    in_link = 0
    run: str | None = None  # the text or tail read last, with the dropped tails after it

    def flush(block: _Block, owner: etree._Element, kind: str) -> _Block:
        """End a block that has text pieces; return the block the next text goes to."""
        raw = "".join(block.parts)
        if block.kind == "pre":
            lines = [_norm(line) for line in raw.splitlines()]
            text = "\n".join(line for line in lines if line)
        else:
            text = _norm(raw)
        if text:
            block.text = text
            blocks.append(block)
            return _Block(kind, owner)
        # only white space: the block starts over for `owner`
        block.parts.clear()
        block.link = 0
        block.owner = owner
        block.kind = kind
        return block

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if pruned is None and el is not body and is_doomed(el):
                doomed.append(el)
                dropped = el
                walker.skip_subtree()
                continue
            if tag in block_tags:
                if tag == "table":
                    if pruned is None:
                        _prune_inside(el, is_doomed)
                    if not _is_layout_table(el):
                        if parts:
                            current = flush(current, el, "p")
                            parts = current.parts
                        else:
                            current.owner = el
                            current.kind = "p"
                        text = _table_text(el)
                        if text:
                            block = _Block("table", el)
                            block.text = text
                            block.link = sum(len(_text(a)) for a in el.iter("a"))
                            blocks.append(block)
                        walker.skip_subtree()
                        stack.append((el, "p"))
                        continue
                    if pruned is None:
                        pruned = el
                parent_kind = stack[-1][1] if stack else "p"
                kind = kinds.get(tag)
                if kind is None:
                    kind = parent_kind if parent_kind in inherited else "p"
                elif parent_kind == "li" and kind == "p":
                    kind = "li"
                if parts:
                    current = flush(current, el, kind)
                    parts = current.parts
                else:
                    current.owner = el
                    current.kind = kind
                stack.append((el, kind))
            elif tag == "a":
                in_link += 1
            text = run = el.text
            if text and (parts or not text.isspace()):
                parts.append(text)
                if in_link:
                    current.link += len(text.strip())
        elif el is dropped:
            # drop_tree joins the tail to the text before it: link text is counted on
            # the joined string, as the stripped ends between the two are not its ends
            dropped = None
            tail = el.tail
            if tail:
                if parts or not tail.isspace():
                    parts.append(tail)
                if in_link:
                    if run:
                        current.link += len((run + tail).strip()) - len(run.strip())
                    else:
                        current.link += len(tail.strip())
                run = run + tail if run else tail
        else:
            if el is pruned:
                pruned = None
            if tag in block_tags:
                stack.pop()
                if not stack:
                    break
                owner, kind = stack[-1]
                if parts:
                    current = flush(current, owner, kind)
                    parts = current.parts
                else:
                    current.owner = owner
                    current.kind = kind
            elif tag == "a":
                in_link -= 1
            if el is body:
                break
            tail = run = el.tail
            if tail and (parts or not tail.isspace()):
                parts.append(tail)
                if in_link:
                    current.link += len(tail.strip())
    if parts:
        flush(current, body, "p")
    for el in doomed:
        # out of the tree for the scoring (its tail with it: the blocks hold all the text)
        el.getparent().remove(el)
    return blocks


# --- scoring ----------------------------------------------------------------------------


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether the text holds one of the (lower-case) words as re.IGNORECASE sees it: a
    cheap test before a pattern each of whose matches holds one of them."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return True  # str.lower() misses a letter the pattern would see: let it decide
    lower = text.lower()
    # a loop, not any() over a generator (a frame per word): this runs for most blocks
    for word in words:  # noqa: SIM110 - see above
        if word in lower:
            return True
    return False


def _first_of(text: str, words: tuple[str, ...]) -> int:
    """Where the first of the (lower-case) words starts in the text as re.IGNORECASE sees
    them, or -1: a pattern each of whose matches starts with one of them is tried from
    there on."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return 0  # str.lower() misses a letter the pattern would see (or changes lengths)
    lower = text.lower()
    return min((i for i in map(lower.find, words) if i >= 0), default=-1)


def _weigh(block: _Block) -> float:
    """A block's vote for its containers: prose counts for, links and furniture against."""
    text = block.text
    length = len(text)
    link = min(block.link, length)
    if length == 0:
        return 0.0
    if link > sel.MAX_LINK_DENSITY * length:
        if block.kind == "h":  # a linked headline: a teaser card or a list of stories
            return -max(sel.LINK_PENALTY * link, sel.HEADLINE_LINK_PENALTY)
        return -sel.LINK_PENALTY * link
    if block.kind == "h":
        return 0.0
    if (
        length < sel.NOTICE_MAX_CHARS
        and _holds_any(text, sel.NOTICE_WORDS)
        and sel.NOTICE_TEXT.search(text)
    ):
        block.kind = "notice"
        return -float(length)
    if sel.TRUNCATED.search(text[-sel.TRUNCATED_TAIL_CHARS :]):
        return 0.0  # a cut-off summary
    if length >= sel.MIN_PROSE_CHARS:
        return float(length - link)
    if sel.SENTENCE_END.search(text):
        return float(length - link) / 2
    return -sel.SHORT_PENALTY


def _pick(blocks: list[_Block], headline_articles: list[etree._Element]) -> etree._Element | None:
    scores: dict[etree._Element, float] = {}
    chains: dict[etree._Element, tuple] = {}
    # Sibling blocks share all their containers but their own: while blocks follow each
    # other under one parent, their weights are summed and added to those once. The
    # containers still enter `scores` in document order (max() keeps the first of equal
    # scores), and the weights are whole or half numbers (the penalties are whole), so
    # the sums come out the same as block by block.
    run_parent = None
    shared: tuple = ()  # the containers the current run shares
    pending = 0.0  # their weight not added yet
    for block in blocks:
        block.weight = w = _weigh(block)
        owner = block.owner
        chain = chains.get(owner)
        if chain is None:
            parent = owner.getparent()
            chain = chains[owner] = (owner, *(chains.get(parent) or owner.iterancestors()))
        block.chain = chain
        if not w:
            continue
        parent = chain[1] if len(chain) > 1 else None
        if parent is not None and parent is run_parent:
            scores[owner] = scores.get(owner, 0.0) + w
            pending += w
            continue
        for el in shared:
            scores[el] += pending
        for el in chain:
            scores[el] = scores.get(el, 0.0) + w
        run_parent, shared, pending = parent, chain[1:], 0.0
    for el in shared:
        scores[el] += pending
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    # Several <article> elements under the winner: a story and its related-story cards.
    # The one around the headline is the story; else one that carries most of the score.
    articles = [
        a
        for a in best.iter("article")
        if a is not best and scores.get(a, 0) > 0 and a.find(".//article") is None
    ]
    if len(articles) >= 2:
        top = max(articles, key=scores.__getitem__)
        for article in articles:
            if article in headline_articles and scores[article] >= 0.5 * scores[top]:
                return article
        if scores[top] >= sel.ARTICLE_DOMINANCE * sum(scores[a] for a in articles):
            return top
    return best


# --- entry point ------------------------------------------------------------------------

_BYLINE_TEXT = re.compile(r"^by\s+\S", re.IGNORECASE)


class _Page:
    """What the pruning and scoring found on a page, before the blocks are filtered."""

    __slots__ = ("title", "captions", "bylines", "boilerplate", "blocks", "best")

    def __init__(self, tree: etree._Element):
        body = next(tree.iterchildren("body"), tree)  # find("body"), without ElementPath
        headline = _find_headline(body)
        self.title = _text(headline) if headline is not None else None
        articles = list(headline.iterancestors("article")) if headline is not None else []
        self.captions: list[str] = []
        self.bylines: list[str] = []
        self.boilerplate: list[str] = []
        self.blocks = _prune_and_collect(body, self.captions, self.bylines, self.boilerplate)
        self.best = _pick(self.blocks, articles)


def main_content(tree: etree._Element) -> Content:
    """The article body of a parsed page (mutates the tree)."""
    page = _Page(tree)
    best, blocks, title, captions, bylines = (
        page.best,
        page.blocks,
        page.title,
        page.captions,
        page.bylines,
    )
    if best is None:
        raise ExtractError("content", "not-an-article", "the page has no text")

    chosen = [b for b in blocks if best in b.chain]
    prose = [i for i, b in enumerate(chosen) if b.weight > 0 and len(b.text) >= sel.MIN_PROSE_CHARS]
    first, last = (prose[0], prose[-1]) if prose else (0, -1)
    out: list[Block] = []
    prose_chars = link_chars = total_chars = linked_heads = 0
    byline = bylines[0] if bylines else None
    for i, block in enumerate(chosen):
        text = block.text
        length = len(text)
        total_chars += length
        link_chars += min(block.link, length)
        if block.kind == "h" and block.link > sel.MAX_LINK_DENSITY * length:
            linked_heads += 1
        if block.link > sel.MAX_LINK_DENSITY * length and not (
            first < i < last
            and (
                sel.BARE_URL.match(text)
                or (
                    length - block.link >= sel.MIN_LINKED_PLAIN_CHARS
                    and sel.SENTENCE_END.search(text)
                )
            )
        ):
            continue  # link furniture; an address printed inside the story stays
        if (
            length < sel.CREDIT_MAX_CHARS
            and _holds_any(text, sel.CREDIT_WORDS)
            and sel.CREDIT_TEXT.search(text)
        ):
            captions.append(text)
            continue
        if block.kind == "notice" or length < 160 and sel.BOILERPLATE_TEXT.match(text):
            continue
        if title and block.kind == "h" and text == title:
            continue
        if length < 100 and _BYLINE_TEXT.match(text):
            byline = byline or text
            continue
        if block.weight > 0 and length >= sel.MIN_PROSE_CHARS:
            prose_chars += length
        out.append(Block(block.kind, text))

    if prose_chars < sel.MIN_ARTICLE_CHARS:
        raise ExtractError(
            "content",
            "not-an-article",
            f"main content has {prose_chars} characters of prose",
        )
    if total_chars and link_chars > sel.MAX_CONTENT_LINK_DENSITY * total_chars:
        raise ExtractError("content", "not-an-article", "main content is mostly links")
    if linked_heads >= sel.FEED_MIN_HEADLINES and linked_heads >= sel.FEED_HEADLINE_SHARE * len(
        prose
    ):
        raise ExtractError(
            "content",
            "not-an-article",
            f"main content is a list of {linked_heads} linked headlines with summaries",
        )
    return Content(
        blocks=tuple(out),
        captions=tuple(dict.fromkeys(captions)),
        title=title,
        byline=byline,
        boilerplate=tuple(dict.fromkeys(page.boilerplate)),
    )

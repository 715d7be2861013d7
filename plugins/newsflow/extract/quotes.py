"""Quotes and their speakers, found with rules over the article body.

`extract_quotes(body_text)` returns one `QuoteSpan` per quote, in reading order, with
character offsets into body_text (paragraphs separated by a blank line). Three steps:

1. Marks: every quotation mark of a paragraph is read as opening, closing, either or an
   apostrophe from the characters around it, then paired. A quote that runs over
   several paragraphs (the opening mark repeats, no closing mark until the end) is
   linked across them; a closing mark with no opening mark before it in its paragraph
   starts the quote at the paragraph's start (a lost opening mark).
2. Kind: a quote that makes up its sentence (or follows "X said:") is direct; a quoted
   fragment inside a sentence of reporting is partial; a quote with no cue of its own
   that goes on from the previous one is a continuation. Short fragments and titles in
   quotation marks with no cue near them are left out (scare quotes).
3. Speaker: the cue verb after the quote (", he said", ", said X", ", X, the Y of Z,
   said", ", according to X") or before it ("X said: ..."), then resolved against what
   the article said earlier: pronouns to the fitting recent speaker, descriptions ("the
   president") to the person with that role, short names to the full name.

Pure: no I/O, no state kept between calls.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsflow.extract import cues
from newsflow.model import QuoteSpan

# --- regular expressions built from the word lists -------------------------------------

# Patterns here start with a character class where they can (not a repeat, an alternation
# or a lookbehind): the regex engine then skips to where a match can start, two to three
# times faster on running text.

# a quotation mark, but not an apostrophe between two letters (don't: most single marks
# are these); two apostrophes stand for a double mark
_MARK = re.compile(
    "[" + re.escape("".join(sorted(cues.DOUBLE_MARKS | cues.SINGLE_MARKS))) + "]"
    "(?:(?<=[" + re.escape("".join(sorted(cues.DOUBLE_MARKS))) + "])|(?<![A-Za-z].)|(?![A-Za-z]))"
    "(?:(?<=')')?"
)
_WORD = re.compile(r"\w+")


# Cue verbs are found by a set lookup over the words, not by one regular expression of
# every form: that one took longer to compile than all the rest of the module. Every form
# is ASCII letters (a phrasal one two words: "went on"), so each stands in the text as a
# run of ASCII letters of its own; it counts when no word character, ’, ' or - touches it.
# The runs come fastest from bytes: every character one byte ("?" if not ASCII), every
# byte but a letter turned into a space, then split.
_LETTERS_ONLY = bytes(c if c < 128 and chr(c).isalpha() else 32 for c in range(256))
_WORD_CHAR = re.compile(r"[\w’'-]")


def _cue_forms() -> dict[bytes, list[str]]:
    """First word -> the cue forms that start with it, lower-case and capitalised."""
    out: dict[bytes, list[str]] = {}
    for form in cues.CUE_FORMS:
        for written in (form, form[0].upper() + form[1:]):
            out.setdefault(written.split()[0].encode(), []).append(written)
    return out


_CUE_FORMS_BY_FIRST = _cue_forms()
_CUE_FIRST_WORDS = frozenset(_CUE_FORMS_BY_FIRST)


_ACCORDING = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"[{p[0].upper()}{p[0]}]{re.escape(p[1:])}" for p in cues.SOURCE_PHRASES)
    + r")\s+"
)
# the words every source phrase needs (either case of its first letter): a cheap test first
_ACCORDING_A, _ACCORDING_B, _ACCORDING_C = (p[1:] for p in cues.SOURCE_PHRASES)


def _has_according(text: str) -> bool:
    return _ACCORDING_A in text or _ACCORDING_B in text or _ACCORDING_C in text


_UPPER = "A-ZÀ-ÖØ-Þ"  # capitals that start a name ("Étienne", "Örjan")
_CAPITAL = re.compile(f"[{_UPPER}]")
_NOT_SPACE = re.compile(r"\S+")


# a capitalised word: an initialism ("U.S."), an abbreviation ("Gen.", ASCII capitals only)
# or a word; then more of them, and name particles before a capital ("Ludwig van Beethoven")
_NAME_TOKEN = rf"[{_UPPER}](?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[A-Z])[a-z]{{0,3}}\.|[\w’'\-]*)"
_NAME_PARTICLE = r"(?:de|da|del|di|du|van|von|der|den|le|la|al|bin|ibn)"
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|{_NAME_PARTICLE}(?=\s+[{_UPPER}])))*")
_PAREN = re.compile(r"\s*\([^()]*\)")
_SENT_END = re.compile(r"[.!?…][.!?…]*[\"”’']?(?=\s+[\"“‘'(\[A-Z0-9]|\s*$)")
_DASH_SPEAKER = re.compile(r"^\s*[―—–]\s*([A-Z][^.,;:!?“”\"]{1,60})")
_HEADLINE_ENDS = frozenset(".!?…:\"”’'")  # a paragraph ending with none of these may be a headline


# Plain classes, not dataclasses: building a dataclass takes a few tenths of a millisecond
# at import, more than these cost in a whole run.


class _Span:
    """One quote's place in its paragraph (offsets inside the paragraph)."""

    __slots__ = ("start", "end", "open_at", "close_at", "after", "primary", "linked")

    def __init__(
        self,
        start: int,
        end: int,
        open_at: int | None,
        close_at: int | None,
        after: int,
        primary: bool = True,
    ) -> None:
        self.start = start  # first character inside the marks
        self.end = end  # one past the last character inside the marks
        self.open_at = open_at  # where the opening mark is (None: lost opening mark)
        self.close_at = close_at  # where the closing mark is (None: runs to the paragraph end)
        self.after = after  # just after the closing mark (the paragraph end when there is none)
        self.primary = primary  # in the text's main quotation marks (else its single quotes)
        self.linked = False  # goes on from the previous paragraph's unclosed quote


class _Speaker:
    __slots__ = ("name", "mention", "title", "kind", "gender", "resolved")

    def __init__(
        self,
        name: str | None,
        mention: str | None,
        title: str | None,
        kind: str,
        gender: str | None = None,
        resolved: bool = True,
    ) -> None:
        self.name = name  # resolved name
        self.mention = mention
        self.title = title
        self.kind = kind  # "person" | "org" | "group" | "unknown"
        self.gender = gender  # "m" | "f" | "p" | None
        self.resolved = resolved


class _Memory:
    """What the article has said so far about people, in reading order."""

    __slots__ = ("full_names", "titles", "genders", "roles", "people", "persons", "speakers")

    def __init__(self) -> None:
        self.full_names: dict[str, str] = {}  # last word -> full name
        self.titles: dict[str, str] = {}  # full name -> title
        self.genders: dict[str, str] = {}  # full name -> m | f
        self.roles: list[tuple[str, str]] = []  # (role noun, full name)
        self.people: list[str] = []  # named people, most recent last
        self.persons: set[str] = set()  # the full names among them
        self.speakers: list[_Speaker] = []  # most recent last


# --- step 1: quotation marks ------------------------------------------------------------


def _role(p: str, i: int, j: int) -> str:
    """'o' opening, 'c' closing, 'e' either, '' apostrophe, for the mark at p[i:j]."""
    ch = '"' if j - i == 2 else p[i]  # two apostrophes stand for a double mark
    prev = p[i - 1] if i else " "
    nxt = p[j] if j < len(p) else " "
    if ch == '"' and (prev in "“”" or nxt in "“”"):
        return ""  # a straight mark doubling a curly one: '"“We ...
    left = prev.isspace() or prev in cues.LEFT_BOUNDARY or prev in cues.OPENING_GLYPHS
    left = left or (prev in cues.STRAIGHT_GLYPHS and (i < 2 or p[i - 2].isspace()))
    right = nxt.isspace() or nxt in cues.RIGHT_BOUNDARY or nxt in cues.CLOSING_GLYPHS
    right = right or (nxt in cues.STRAIGHT_GLYPHS and (j + 1 >= len(p) or not p[j + 1].isalnum()))
    if ch in cues.SINGLE_MARKS:
        if prev.isalnum() and nxt.isalpha():
            return ""  # don't, O’Brien
        if nxt.isdigit() and (left or not prev.isalnum()):
            return ""  # the ’90s, '16
        if left and nxt.isalpha():
            m = _WORD.match(p, j)
            if m and m.group().lower() in cues.LEADING_APOSTROPHE_WORDS:
                return ""
    if ch in cues.OPENING_GLYPHS:
        return "c" if right and not left else "o"
    if ch in cues.CLOSING_GLYPHS:
        return "o" if left and not right else "c"
    if left and not right:
        return "o"
    if right and not left:
        return "c"
    return "e"


def _marks(p: str, primary: frozenset[str]) -> tuple[list[_Span], bool, bool]:
    """Pair the marks of one paragraph.

    Returns the spans, whether the paragraph starts with an opening mark, and whether it
    ends inside an unclosed quote of the primary marks.
    """
    spans: list[_Span] = []
    stack: list[tuple[int, int, bool]] = []  # (mark start, mark end, straight?) of open marks
    single_open: tuple[int, int] | None = None  # an open secondary mark outside primary quotes
    orphan: int | None = None  # a closing mark before any opening mark
    first_role = None
    for m in _MARK.finditer(p):
        i, j = m.span()
        role = _role(p, i, j)
        if not role:
            continue
        glyph = '"' if j - i == 2 else p[i]
        straight = glyph in cues.STRAIGHT_GLYPHS
        if glyph in primary:
            if first_role is None:
                first_role = role
            if role == "e":  # a straight mark between two words or two spaces
                role = "c" if stack else "o"
            if role == "o":
                if (
                    len(stack) == 1
                    and stack[0][2] == straight
                    and _ends_sentence(p, stack[0][1], i)
                ):
                    # a new quote opens where a sentence ended: the last one lost its close
                    at, start, _ = stack.pop()
                    spans.append(_Span(start, i, at, None, i))
                stack.append((i, j, straight))
                single_open = None
            elif stack:
                at, start, _ = stack.pop()
                if not stack:
                    spans.append(_Span(start, i, at, i, j))
            elif (
                not spans
                and orphan is None
                and first_role == "c"
                and (not straight and glyph not in cues.SINGLE_MARKS or p[i - 1 : i] in ",.!?…—")
            ):
                orphan = i
                spans.append(_Span(0, i, None, i, j))
        elif not stack:  # secondary marks outside primary quotes: a quote or a scare word
            if role == "o" and single_open is None:
                single_open = (i, j)
            elif role in ("c", "e") and single_open is not None:
                at, start = single_open
                spans.append(_Span(start, i, at, i, j, primary=False))
                single_open = None
    unclosed = bool(stack)
    if stack:
        at, start, _ = stack[0]
        spans.append(_Span(start, len(p), at, None, len(p)))
    starts_open = first_role == "o" and bool(spans) and spans[0].open_at == _first_mark(p)
    return spans, starts_open, unclosed


def _ends_sentence(p: str, start: int, i: int) -> bool:
    """Whether the text p[start:i] ends a sentence (and is more than a word or two)."""
    s = p[start:i].rstrip()
    return len(s) > 20 and s[-1:] in (".", "?", "!", "…") and not _abbrev_before(s, len(s) - 1)


def _first_mark(p: str) -> int:
    return len(p) - len(p.lstrip())


def _trim(p: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and the punctuation that belongs to the sentence around the quote."""
    while start < end and p[start].isspace():
        start += 1
    while end > start:
        ch = p[end - 1]
        if (
            ch.isspace()
            or ch in ",;:"
            or ch == "."
            and not _abbrev_before(p, end - 1)
            and p[end - 2 : end] != ".."
        ):
            end -= 1
        else:
            break
    return start, end


def _abbrev_before(p: str, dot: int) -> bool:
    j = p.rfind(" ", 0, dot) + 1  # most words stand after a space: no walk back needed
    if not p[j:dot].replace(".", "").isalpha():
        j = dot
        while j > 0 and (p[j - 1].isalpha() or p[j - 1] == "."):
            j -= 1
    word = p[j:dot]
    return len(word) == 1 or "." in word or word.lower() in cues.ABBREVIATIONS


# --- sentences --------------------------------------------------------------------------


def _sentence_start(s: str) -> int:
    """Offset in s just after its last sentence boundary (0 if none)."""
    cut = 0
    for m in _SENT_END.finditer(s):
        if s[m.start()] == "." and _abbrev_before(s, m.start()):
            continue
        cut = m.end()
    return cut


def _sentence_end(s: str) -> int:
    """Offset in s of its first sentence boundary (len(s) if none)."""
    for m in _SENT_END.finditer(s):
        if s[m.start()] == "." and _abbrev_before(s, m.start()):
            continue
        return m.start()
    return len(s)


# --- subjects and cues ------------------------------------------------------------------


_CONTRACTED = re.compile(r"^(he|she|they|we|i|it)[’'](?:s|re|ve|d|ll|m)$", re.IGNORECASE)


def _clean_subject(words: list[str]) -> list[str]:
    while words and words[0].lower().strip("—–-―") in cues.LEADING_FILLERS:
        words = words[1:]
    if words and _CONTRACTED.match(words[-1]):
        words = [*words[:-1], _CONTRACTED.match(words[-1]).group(1)]  # "He’s claiming"
    while words and words[-1].lower() in cues.TRAILING_FILLERS:
        words = words[:-1]
    return words


def _plausible(words: list[str]) -> bool:
    if not words or len(words) > 9:
        return False
    first = words[0].lower()
    if first in cues.NOT_SUBJECT_START or not words[0][0].isalnum():
        return False
    if words[0].islower() and not (
        first in cues.PRONOUNS
        or first in cues.DETERMINERS
        or first in cues.GROUP_NOUNS
        or first.rstrip("s") in cues.ROLE_NOUNS
        or first in cues.ORG_NOUNS
        or first in cues.DESCRIPTORS
        or _described_name(words)
    ):
        return False
    if len(words) == 1 and first not in cues.PRONOUNS:
        w = words[0].rstrip(".")
        if w in cues.NOT_NAMES or w.endswith("ing") or (w.isupper() and len(w) > 3):
            return False  # "Reprising", a dateline ("JACKSON")
    if words[-1].endswith(("’s", "'s")):
        return False
    if words[0][0].isupper() and first not in cues.NOT_NAMES and not first.endswith(("’s", "'s")):
        # a name, then only descriptions and names: "Clinton spokesman Brian Fallon"
        for w in words[1:]:
            if w[0].islower() and not _describes(w.lower().strip(",")):
                # "Harbour master Tom Abernathy": a description, then the name
                return (
                    first not in cues.NOT_NAMES
                    and _described_name(words)
                    and not any(x.lower() in cues.DETERMINERS for x in words)
                )
    for k in range(len(words) - 1):
        # "Tokayev also highlighted Kazakhstan's ...": a clause, not a subject
        nxt = (
            words[k + 1]
            if words[k + 1] not in cues.TRAILING_FILLERS
            else words[min(k + 2, len(words) - 1)]
        )
        if words[k][0].isupper() and nxt.islower() and nxt.endswith("ed"):
            return False
    first = words[0]
    low = first.lower()
    if low in cues.PRONOUNS or low in cues.DETERMINERS:
        return True
    if first[0].isupper() or first[0].isdigit():
        return True
    return (
        low in cues.GROUP_NOUNS
        or low.rstrip("s") in cues.ROLE_NOUNS
        or len(words) <= 3
        or _described_name(words)
    )


def _described_name(words: list[str]) -> bool:
    """'election law expert Rick Hasen', 'super PAC spokeswoman Kellyanne Conway'.

    Lower-case words that describe a person, then the person's name: every lower-case
    word is a noun or an adjective (no preposition, adverb, verb form or pronoun), a
    lower-case word stands right before the name, and the name ends the phrase.
    """
    k = len(words)
    while k > 0 and words[k - 1][0].isupper() and words[k - 1] not in cues.NOT_NAMES:
        k -= 1
    if k == 0 or k == len(words) or k > 4 or len(words) - k > 4 or not words[k - 1].islower():
        return False
    for w in words[:k]:
        low = w.lower()
        if w[0].isupper():
            continue  # "super PAC spokeswoman"
        if (
            low in cues.NOT_SUBJECT_START
            or low in cues.PRONOUNS
            or low in cues.CUE_FORMS
            or low in cues.TRAILING_FILLERS
            or low in _NOT_AGENTS
            or low.endswith(("ly", "ing"))
            or not low.replace("-", "").isalpha()
        ):
            return False
    return True


_CLAUSE_STARTS = frozenset(
    {"that", "who", "which", "what", "because", "when", "while", "as", "if", "whom", "whose"}
)


def _subject_before(text: str, after_quote: bool) -> str | None:
    """The speaker named right before a cue verb: 'X', 'X, the Y of Z,', 'But she'."""
    if "(" in text:
        text = _PAREN.sub("", text)
    text = text.strip().lstrip("([").rstrip()
    if after_quote:
        # ", Jane Doe, a spokeswoman for the ministry, said": the first chunk names them
        head = next(filter(None, (c.split() for c in text.split(","))), None)
        if head is None:
            return None
        head = _clean_subject(head)
        if _plausible(head):
            return " ".join(head)
        return None
    # "Raphael Lemkin, who coined the word, once said": drop the adverbs first
    words = text.split()
    while words and words[-1].lower() in cues.TRAILING_FILLERS:
        words.pop()
    text = " ".join(words)
    if not text.endswith(","):
        return _last_subject(text.rpartition(",")[2].split())
    chunks = [c.strip() for c in text.rstrip(",").split(",")]
    if len(chunks) >= 2:
        k = len(chunks) - 2
        while k > 0 and _is_place_or_age(chunks[k]):
            k -= 1  # "Stephanie Hooton of Derry, N.H., said", "Figueroa, 35, said"
        head = _clean_subject(chunks[k].split())
        if (
            head
            and (k == 0 or chunks[k - 1].split()[:1] in ([], *([w] for w in _LEAD_INS)))
            and head[0].lower() in ("the", "a", "an")
            and len(head) > 1
            and head[1].islower()
            and _NAME_RUN.fullmatch(chunks[k + 1])
            and _name_parts(chunks[k + 1]) is not None
        ):
            return chunks[k + 1]  # "The mayor of Riverton, Paul Green, said": the name
        if head and _plausible(head) and (head[0][0].isupper() or head[0].lower() in cues.PRONOUNS):
            return " ".join(head)
        named = _before_appositive(chunks)
        if named is not None:
            return named
    return _last_subject(chunks[-1].split())


def _last_subject(words: list[str]) -> str | None:
    """The subject in the words right before a cue verb, after the last comma."""
    # cut at the last word that starts a clause ("officials believe that he said")
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in _CLAUSE_STARTS:
            words = words[k + 1 :]
            break
    words = _clean_subject(words)
    if len(words) > 6 and not (words[0].lower() in cues.DETERMINERS and _plausible(words)):
        # a long stretch: keep the name nearest the verb, if there is one
        names = list(_NAME_RUN.finditer(" ".join(words)))
        if not names or names[-1].group().endswith(("’s", "'s")):
            return None
        return names[-1].group()
    return " ".join(words) if _plausible(words) else None


_LEAD_INS = frozenset({"In", "On", "At", "Last", "Earlier", "Later", "Meanwhile", "But", "And"})
_APPOSITIVE_OPENERS = frozenset(
    {"who", "whose", "a", "an", "the", "one", "now", "himself", "herself"}
)


def _before_appositive(chunks: list[str]) -> str | None:
    """'Ron Tate, who farms 1,200 acres with his brother, said': the name before the clause.

    The subject is the last name whose next chunk opens a relative clause or a
    description, when nothing but that clause (with its own commas) stands before the cue.
    """
    for k in range(len(chunks) - 2, -1, -1):
        nxt = chunks[k + 1].split()
        if not nxt or nxt[0].lower() not in _APPOSITIVE_OPENERS:
            continue
        while k > 0 and (_is_place_or_age(chunks[k]) or chunks[k].split()[0] in ("of", "from")):
            k -= 1  # "Jo Bell, 59, of Ashton, Md., who ...": the name before the place
        head = _clean_subject(chunks[k].split())
        if head and head[0][0].isupper() and _plausible(head) and _NAME_RUN.fullmatch(head[-1]):
            return " ".join(head)
        return None
    return None


def _is_place_or_age(chunk: str) -> bool:
    chunk = chunk.strip()
    return chunk.isdigit() or (len(chunk) <= 6 and chunk.endswith(".") and chunk[0].isupper())


def _subject_after(text: str) -> str | None:
    """The speaker named right after an inverted cue: 'said Jane Doe, a ...'."""
    if "(" in text:
        text = _PAREN.sub("", text)
    text = text.strip()
    words: list[str] = []
    for w in text.split():
        bare = w.rstrip(",;:!?")
        if bare.endswith(".") and not _abbrev_before(bare, len(bare) - 1):
            bare = bare[:-1]
        if not bare:
            break
        if words and bare.lower() in cues.SUBJECT_STOPS:
            break
        words.append(bare)
        if bare != w or len(words) >= 8:
            break
    words = _clean_subject(words)
    if not words:
        return None
    first = words[0].lower()
    if (
        first in cues.PRONOUNS
        or words[0][0].isupper()
        or (words[0][0].isdigit() and len(words) > 1 and words[-1][0].isupper())
        or first in cues.DETERMINERS
        or first in cues.ROLE_NOUNS
        or first in ("former", "retired", "senior", "top")
    ):
        return " ".join(words)
    return None


def _attribution_after(rc: str) -> tuple[str, str] | None:
    """(mention, cue) from the words right after a quote, within its sentence."""
    m = _DASH_SPEAKER.match(rc)
    if m:
        name = m.group(1).strip()
        if len(name.split()) <= 5:
            return name, None  # type: ignore[return-value]
    s = rc.lstrip(" ,")
    m = _ACCORDING.match(s) if _has_according(s) else None
    if m:
        subject = _subject_after(s[m.end() :])
        return (subject, m.group().strip()) if subject else None
    for at, end in _cues_in(s):
        before = s[:at]
        cue = s[at:end]
        limit = 30 if len(before.split(",")[0].split()) <= 6 else 12
        if len(before.split()) > limit or '"' in before or "“" in before:
            return None
        if not before.strip():
            if cue.endswith("ing"):
                return None  # ", claiming that ...": a participle; its subject came earlier
            subject = _subject_after(s[end:])
            return (subject, cue) if subject else None
        subject = None
        opener = before.split(None, 1)[0].lower() if before.strip() else ""
        if before.rstrip().endswith(",") and (opener in _SUBORDINATORS or opener in _PREPOSITIONS):
            # "“...” if she loses, said Jane Doe": a clause, then the cue and its subject
            subject = _subject_after(s[end:])
            if subject is not None and (
                not subject[0].isupper() or subject.split()[0] in cues.NOT_NAMES
            ):
                subject = None
        if subject is None:
            subject = _subject_before(before, after_quote=True)
        if subject is None and "," in before:
            # "“...” to drive up the stock price, she said": the words just before the cue
            tail = before[before.rfind(",") + 1 :]
            if len(tail.split()) <= 5:
                subject = _subject_before(tail, after_quote=False)
        if subject:
            return subject, cue
        return None
    return None


_NOUN_LIKE = frozenset(
    {
        "report",
        "reports",
        "call",
        "calls",
        "claim",
        "claims",
        "charge",
        "charges",
        "demand",
        "demands",
        "promise",
        "promises",
        "post",
        "posts",
        "tweet",
        "tweets",
        "quote",
        "quotes",
        "estimate",
        "estimates",
        "state",
        "states",
        "statement",
        "read",
        "reply",
        "replies",
        "joke",
        "jokes",
        "warning",
        "term",
        "terms",
        "label",
        "brand",
        "counter",
        "sigh",
        "testimony",
        "threat",
        "vow",
        "vows",
        "pledge",
        "pledges",
        "note",
        "notes",
    }
)
_NOT_BEFORE_CUE = cues.DETERMINERS | {"’s", "'s", "of", "for", "no"}


def _cue_words(s: str) -> list[tuple[int, int]]:
    """(start, end) of every cue form in s standing as a word of its own, in order."""
    found = []
    letter_runs = s.encode("ascii", "replace").translate(_LETTERS_ONLY).split()
    for first in _CUE_FIRST_WORDS.intersection(letter_runs):
        for form in _CUE_FORMS_BY_FIRST[first]:
            at = s.find(form)
            while at >= 0:
                end = at + len(form)
                if not (at and _WORD_CHAR.match(s, at - 1) or _WORD_CHAR.match(s, end)):
                    found.append((at, end))
                at = s.find(form, at + 1)
    found.sort()
    return found


def _cues_in(s: str, participles: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the cue verbs in s, leaving out the forms used as nouns ("the
    report", "a call for").

    participles=False also leaves out the -ing forms.
    """
    out = []
    for at, end in _cue_words(s):
        group = s[at:end]
        if not participles and group.endswith("ing"):
            continue
        if group[0].isupper():
            j = at
            while j and s[j - 1].isspace():
                j -= 1
            if j and s[j - 1] not in ".!?:":
                continue  # "the United States": a capital inside a sentence is a name
        before = s[max(0, at - 12) : at].split()
        prev = before[-1].lower() if before else ""
        if prev in _NOT_BEFORE_CUE or prev.endswith(("’s", "'s")):
            continue
        if " " in group and not (
            s.startswith((",", ":", ".", ";", "!", "?", " to ", " about"), end)
            or end == len(s.rstrip())
        ):
            continue  # "goes on recess": a phrasal cue needs what it introduces
        if group.lower() in _NOUN_LIKE:
            if s.startswith((" of ", " for ", " that "), end):
                continue
            # "the ministry states", "she tweets": only after a name, a pronoun or a noun
            low = prev.strip(",")
            if before and not (
                before[-1][0].isupper()
                or low in cues.PRONOUNS
                or low.rstrip("s") in cues.ROLE_NOUNS
                or low in cues.ORG_NOUNS
                or low in cues.GROUP_NOUNS
            ):
                continue
        out.append((at, end))
    return out


def _attribution_before(lc: str, prefix: str = "") -> tuple[str, str] | None:
    """(mention, cue) from the words before a quote in its sentence ("X said: ")."""
    accordings = list(_ACCORDING.finditer(lc)) if _has_according(lc) else []
    m = accordings[-1] if accordings else None
    found = _cues_in(lc)
    if m and (not found or m.start() > found[-1][0]):
        subject = _subject_after(lc[m.end() :])
        if subject:
            return subject, m.group().strip()
    for at, end in reversed(found):
        head = lc[:at]
        words = head.split()
        cue = lc[at:end]
        if cue.endswith("ing") and words and not head.rstrip().endswith(","):
            # "footage of Hillary Clinton asking, ...": the name right before the participle
            last = words[-1]
            name = (
                _NAME_RUN.search(last) if last[0].isupper() and last not in cues.NOT_NAMES else None
            )
            if name is not None:
                subject = _subject_before(head, after_quote=False)
                if subject is not None:
                    return subject, cue
        if cue.endswith("ing") or (words and words[-1].lower() in _COORDINATORS):
            # "..., saying", "... and asked": the subject is the sentence's
            subject = _sentence_subject(prefix + head)
            if subject is not None:
                return subject, cue
            continue
        relative = _relative_antecedent(head)
        if relative is not None:
            return relative[0], cue, relative[1]  # type: ignore[return-value]
        subject = _subject_before(head, after_quote=False)
        if subject is None and at == found[-1][0] and lc.rstrip().endswith(":"):
            subject = _subject_after(lc[end:])  # "said Jane Doe: ..."
        if subject is not None:
            return subject, cue
        # no one before this cue: it was not one ("the Senate goes on recess"); try the one before
    return None


_RELATIVE = re.compile(r"(?:^|[\s,(])(who|which)\s+((?:[\w’'-]+\s+){0,4})$")
_OF_PLACE = re.compile(r"\s+(?:of|from)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")


def _drop_place(chunk: str) -> str:
    """'Sen. Marco Rubio of Florida' -> 'Sen. Marco Rubio' (not 'a letter from Jo Bell')."""
    m = _OF_PLACE.search(chunk)
    if m is None:
        return chunk
    before = chunk[: m.start()].split()
    return chunk[: m.start()] if before and before[-1][0].isupper() else chunk


def _relative_antecedent(head: str) -> tuple[str, str] | None:
    """'Mike Lee, who declared': the relative pronoun speaks for the noun phrase before it.

    Returns (the pronoun as written, the antecedent), or None when the cue's subject is
    not a relative pronoun ("who he said was ...": a subject of its own comes after it).
    """
    m = _RELATIVE.search(head)
    if m is None:
        return None
    between = m.group(2).split()
    for w in between:
        low = w.lower()
        if w[0].isupper() or low in cues.PRONOUNS or low in cues.CUE_FORMS or low in _NOT_AGENTS:
            return None
    before = _PAREN.sub("", head[: m.start(1)]).rstrip().rstrip(",").rstrip()
    chunks = [c.strip() for c in before.split(",") if c.strip()]
    if not chunks:
        return None
    last = chunks[-1].split()
    if last[0].lower() in ("the", "a", "an") and len(chunks) >= 2:
        # "Scott Reed, the Chamber's chief strategist, who added": the name before
        names = _NAME_RUN.findall(_drop_place(chunks[-2]))
        names = [n for n in names if n.split()[0] not in cues.NOT_NAMES]
        if names:
            return m.group(1), names[-1]
    chunk = _drop_place(chunks[-1])
    names = [n for n in _NAME_RUN.findall(chunk) if n.split()[0] not in cues.NOT_NAMES]
    if names and chunk.endswith(names[-1]):
        return m.group(1), names[-1]
    words = chunk.split()
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in ("the", "a", "an", "his", "her", "their", "its"):
            phrase = words[k:]
            if len(phrase) <= 6 and all(
                w[0].isupper() or _describes(w.lower()) for w in phrase[1:]
            ):
                return m.group(1), " ".join(phrase)
            break
    return None


_PREPOSITIONS = frozenset(
    {"in", "on", "at", "by", "for", "with", "from", "to", "of", "after", "before", "during"}
    | {"since", "until", "about", "against", "among", "into", "through", "under", "over"}
)
_NOT_AGENTS = frozenset({"it", "this", "that", "these", "those", "there", "here", "what"})
_SUBORDINATORS = frozenset(
    {"when", "while", "if", "because", "after", "before", "since", "although", "though"}
    | {"as", "that", "where", "whereas", "once", "unless", "until", "whether", "which", "who"}
)
_COORDINATORS = frozenset({"and", "but", "or", "yet"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _describes(word: str) -> bool:
    """A lower-case word that can be part of a description of a speaker."""
    if "-" in word:  # "co-anchor", "vice-chairman"
        return any(_describes(part) for part in word.split("-") if part)
    return (
        word in cues.DESCRIPTORS
        or word.rstrip("s") in cues.ROLE_NOUNS
        or word in cues.ORG_NOUNS
        or word in cues.GROUP_NOUNS
    )


def _sentence_subject(text: str) -> str | None:
    """The subject of a sentence: its first name, pronoun or description before a verb.

    'In July, Gingrich cynically dismissed ...' -> 'Gingrich'; 'Dean, a former ...' -> 'Dean';
    'The Florida senator sought ...' -> 'The Florida senator'.
    """
    if "(" in text:
        text = _PAREN.sub("", text)
    for n_chunk, chunk in enumerate(text.split(",")):
        words = chunk.split()
        while words and words[0].lower() in cues.LEADING_FILLERS - _SUBORDINATORS:
            words = words[1:]
        if not words:
            continue
        first = words[0]
        low = first.lower()
        if low in _SUBORDINATORS:
            continue  # "when my mother asked", "if he wins": not the main clause
        contracted = _CONTRACTED.match(first)
        if contracted:
            return contracted.group(1)  # "He’s claiming that ..."
        if low in _SUBJECT_PRONOUNS:
            return first
        if low in ("the", "a", "an", "his", "her", "their", "its"):
            # "The Florida senator", "An early tweet", "the 34-year-old mother of three"
            end = 0
            for j, w in enumerate(words[1:6], start=1):
                wl = w.lower()
                if wl in cues.CUE_FORMS or (wl.endswith("ed") and not _describes(wl)):
                    break
                if w[0].isupper() or (_describes(wl) and wl not in cues.DESCRIPTORS):
                    end = j
            if end:
                return " ".join(words[: end + 1])
            continue
        not_name = not first[0].isupper() or low in cues.NOT_SUBJECT_START or low in _NOT_AGENTS
        if not_name and first not in cues.HONORIFICS:
            continue
        # names and the words describing them: "Former US secretary of state Madeleine Albright"
        end = 0
        owner = False  # after "Trump’s": "Trump’s potential VP"
        for j, w in enumerate(words[:10]):
            low = w.lower()
            if not (w[0].isupper() or _describes(low) or (owner and j <= end + 2)):
                break
            if w[0].isupper() or (_describes(low) and low not in cues.DESCRIPTORS):
                end = j + 1  # a name or a noun: "Gary Johnson’s doctor"
            owner = owner or w.endswith(("’s", "'s"))
        name = " ".join(words[:end])
        if not name or not _NAME_RUN.match(name):
            continue
        if name.endswith(("’s", "'s")) or (end < len(words) and not words[end][0].islower()):
            return None
        if end == len(words) and n_chunk > 0:
            continue  # a bare name after a comma: a place ("in Salem, New Hampshire,")
        if end < len(words) and words[end].lower() in _PREPOSITIONS:
            continue  # "Early in his campaign": no verb follows
        if end == 1 and name.isupper() and len(name) > 3:
            continue  # a dateline: "JACKSON, Miss. --"
        return name
    return None


def _colon_speaker(lc: str) -> str | None:
    """'WALLACE:' or 'Jane Doe:' introducing a quote with no cue verb."""
    s = lc.strip()
    if not s.endswith(":"):
        return None
    head = _DASHES.split(s[:-1])[-1]  # "HEADLINE - Jane Doe: ..."
    words = _clean_subject(head.split())
    if 0 < len(words) <= 4 and all(w[0].isupper() for w in words if w):
        return " ".join(words)
    # "She then addressed the supporters again: ...": the sentence's subject
    return _sentence_subject(s[:-1])


_DASHES = re.compile(r"\s[-–—―]+\s")


# --- speakers -------------------------------------------------------------------------


def _titles_by_first_word() -> dict[str, list[str]]:
    """Title lookup by first word, longest first: the longest title that fits is meant."""
    out: dict[str, list[str]] = {}
    for title in sorted(cues.TITLES, key=len, reverse=True):
        out.setdefault(title.split()[0], []).append(title)
    return out


_TITLES = _titles_by_first_word()
_TITLE_PREFIXES = frozenset({"former", "then", "acting", "deputy", "ex-"})


def _split_title(mention: str) -> tuple[str | None, str]:
    """'President Tokayev' -> ('President', 'Tokayev'); 'U.S. Air Force Gen. Jo Ham' too.

    The title opens the mention (maybe after "former", "then", ...) or stands after a
    space and before a capital; the rest is what follows the space after the title.
    """
    if _TITLES.keys().isdisjoint(mention.split()):
        return None, mention  # most mentions: none of their words starts a title
    words = [(m.start(), m.group()) for m in _NOT_SPACE.finditer(mention)]
    opening = words[:1] if words[0][0] == 0 else []
    if opening and opening[0][1] in _TITLE_PREFIXES:
        opening.insert(0, words[1])  # "former President Obama"
    for at, word in opening:
        for title, rest in _titles_at(mention, at, word):
            return title, rest
    for at, word in words:
        if at == 0:
            continue  # no space before it
        for title, rest in _titles_at(mention, at, word):
            if _CAPITAL.match(rest):
                return title, rest
    return None, mention


def _titles_at(text: str, at: int, word: str):
    """Each title at text[at:] (word is the one there) with a space after it, longest
    first, with the text after that space."""
    for title in _TITLES.get(word, ()):
        rest = text[at + len(title) :]
        if text.startswith(title, at) and rest[:1].isspace():
            yield title, rest.lstrip()


_NamePart = tuple[str, str, str, int, "str | None", "str | None"]


@lru_cache(maxsize=16384)
def _name_parts(run: str) -> _NamePart | None:
    """What a run of capitalised words says by itself: (kind, name, last word, word
    count, title, honorific); kind is "org", "name" (two or more name words) or "one".
    None: the run names no one.
    """
    words = run.split()
    if len(words) == 1:
        return None  # a lone capitalised word names no one by itself
    # drop sentence openers and honorifics/titles in front, possessive behind
    title = None
    honor = None
    while words and (words[0] in cues.NOT_NAMES or words[0] in cues.HONORIFICS):
        if words[0] in cues.HONORIFICS:
            honor = words[0]
        words = words[1:]
    if not words:
        return None
    joined = " ".join(words)
    t, rest = _split_title(joined + " ")
    if t:
        title, joined = t, rest.strip()
        words = joined.split()
        while words and words[0] in cues.HONORIFICS:
            honor, words = words[0], words[1:]
    if title is None:
        words = _drop_role(words)
    if not words:
        return None
    words[-1] = _drop_possessive(words[-1]).rstrip(".")
    if not words[-1] or words[-1] in cues.NAME_SUFFIXES:
        words = words[:-1] if len(words) > 2 else words
    if not words or not words[-1]:
        return None
    full = " ".join(words)
    last = words[-1]
    if not cues.ORG_WORDS.isdisjoint(words):
        return "org", full, last, len(words), title, honor
    if len(words) >= 2 and all(w[0].isupper() or w in cues.NAME_PARTICLES for w in words):
        return "name", full, last, len(words), title, honor
    if len(words) == 1:
        if title is None and honor is None:
            return None  # a lone capitalised word: not enough to call it a person
        return "one", full, last, 1, title, honor
    return None


def _drop_role(words: list[str]) -> list[str]:
    """'Farmer Dale Halvorsen' -> 'Dale Halvorsen': a job before a name is no part of it."""
    if len(words) >= 3 and words[0].lower() in cues.ROLE_NOUNS and words[1][0].isupper():
        return words[1:]
    return words


def _learn(memory: _Memory, paragraph: str) -> None:
    """Record the names (and their titles and genders) a paragraph uses."""
    for m in _NAME_RUN.finditer(paragraph):
        run = m.group()
        parts = _name_parts(run)
        if parts is None:
            # "For Brändli, the meeting ...": a surname alone names the person again
            full = memory.full_names.get(run.rpartition(" ")[2])
            if full is not None and full in memory.persons:
                memory.people.append(full)
            continue
        kind, full, last, nwords, title, honor = parts
        if kind == "org":
            if nwords > 1:
                memory.full_names.setdefault(last, full)
            continue
        if kind == "name":
            known = memory.full_names.get(last)
            if known is None or (nwords > len(known.split()) and known.endswith(full)):
                memory.full_names[last] = full
            full = memory.full_names[last]
        else:
            full = memory.full_names.get(last, last)
        if title:
            memory.titles.setdefault(full, title)
            memory.roles.append((title.lower().rstrip("."), full))
        if honor in cues.MALE_HONORIFICS:
            memory.genders.setdefault(full, "m")
        elif honor in cues.FEMALE_HONORIFICS or full.split()[0].lower() in cues.FEMALE_FIRST_NAMES:
            memory.genders.setdefault(full, "f")
        elif full.split()[0].lower() in cues.MALE_FIRST_NAMES:
            memory.genders.setdefault(full, "m")
        memory.people.append(full)
        memory.persons.add(full)
        _learn_role(memory, paragraph, m.end(), full)


_APPOSITIVE = re.compile(r",\s+(?:the|a|an|who is|its|his|her)\s+([^,.;]{2,80})[,.;]")


def _learn_role(memory: _Memory, paragraph: str, at: int, full: str) -> None:
    """'Jane Doe, a spokeswoman for the ministry,' -> role 'spokeswoman' for Jane Doe."""
    m = _APPOSITIVE.match(paragraph, at)
    if not m:
        return
    for w in m.group(1).lower().split()[:5]:
        if w in cues.ROLE_NOUNS:
            memory.roles.append((w, full))


def _kind_of(name: str, words: list[str]) -> str:
    if not cues.ORG_WORDS.isdisjoint(words):
        return "org"
    last = words[-1].lower() if words else ""
    if last in cues.GROUP_NOUNS or (last.endswith("s") and words[0].lower() == "some"):
        return "group"
    if last in cues.ORG_NOUNS:
        return "org"
    return "person"


def _drop_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("’s", "'s")) else name


def _resolve(mention: str, memory: _Memory) -> _Speaker:
    """Turn the words that name a speaker into a speaker, using what came before."""
    words = mention.split()
    low = mention.lower()
    if low in cues.PRONOUNS:
        return _resolve_pronoun(mention, memory)
    title, rest = _split_title(mention)
    rest_words = rest.split()
    honor = None
    if not cues.HONORIFICS.isdisjoint(words):  # "Mr. Smith" (most mentions have none)
        rest_words = [w for w in rest_words if w not in cues.HONORIFICS]
        honor = next(w for w in words if w in cues.HONORIFICS)
    first_low = words[0].lower()
    if first_low in cues.DETERMINERS and not any(w[0].isupper() for w in words[1:]):
        # a description: "the president", "a spokeswoman for the ministry", "sources"
        for w in reversed(words[1:4]):
            if w.lower() in cues.ORG_NOUNS or w.lower() in cues.GROUP_NOUNS:
                break
            for role, person in reversed(memory.roles):
                if role == w.lower() or role == " ".join(words[1:3]).lower():
                    return _Speaker(
                        person,
                        mention,
                        memory.titles.get(person),
                        "person",
                        memory.genders.get(person),
                        True,
                    )
        kind = _kind_of(mention, words)
        return _Speaker(mention, mention, None, kind, "p" if kind == "group" else None, False)
    # names: the last run of capitalised words is the name ("Clinton spokesman Brian Fallon")
    runs = _NAME_RUN.findall(" ".join(rest_words))
    if not runs:
        kind = _kind_of(mention, words)
        return _Speaker(mention, mention, title, kind, "p" if kind == "group" else None, False)
    name_words = runs[-1].split()
    last = name_words[-1]
    name_words = [w for w in name_words if w not in cues.NOT_NAMES or w == last]
    if title is None:
        name_words = _drop_role(name_words)
    if first_low == "the" and len(words) > 1:
        name_words = [w for w in rest_words if w.lower() != "the"] or name_words
    name = _drop_possessive(" ".join(name_words))
    name_words = name.split()
    kind = _kind_of(name, name_words)
    if kind == "org":
        return _Speaker(name, mention, None, "org", "p", True)
    full = memory.full_names.get(name_words[-1], name) if name else name
    if not full.endswith(name_words[-1]) or len(full.split()) < len(name_words):
        full = name
    gender = memory.genders.get(full)
    if honor in cues.MALE_HONORIFICS:
        gender = "m"
    elif honor in cues.FEMALE_HONORIFICS:
        gender = "f"
    if gender is None:
        first = full.split()[0].lower()
        if first in cues.FEMALE_FIRST_NAMES:
            gender = "f"
        elif first in cues.MALE_FIRST_NAMES:
            gender = "m"
    if gender:
        memory.genders.setdefault(full, gender)
    return _Speaker(full, mention, title or memory.titles.get(full), "person", gender, True)


def _known_person(name: str, memory: _Memory) -> bool:
    """A full name, or a single word the article used as a surname, a titled or a gendered name."""
    if " " in name:
        return name.split()[0] not in cues.NOT_NAMES
    return (
        memory.full_names.get(name, name) != name or name in memory.titles or name in memory.genders
    )


def _resolve_pronoun(mention: str, memory: _Memory) -> _Speaker:
    gender = cues.PRONOUNS[mention.lower()]
    if gender in ("m", "f"):
        for sp in reversed(memory.speakers[-6:]):
            if (
                sp.kind == "person"
                and sp.name
                and sp.gender in (gender, None)
                and _known_person(sp.name, memory)
            ):
                return _Speaker(sp.name, mention, sp.title, "person", gender, True)
        for person in reversed(memory.people[-12:]):
            if memory.genders.get(person) in (gender, None) and _known_person(person, memory):
                return _Speaker(person, mention, memory.titles.get(person), "person", gender, True)
    elif gender == "p" and mention.lower() == "they":
        for sp in reversed(memory.speakers[-4:]):
            if sp.kind in ("group", "org") and sp.name:
                return _Speaker(sp.name, mention, None, sp.kind, "p", True)
    elif gender == "o":
        for sp in reversed(memory.speakers[-4:]):
            if sp.kind == "org" and sp.name:
                return _Speaker(sp.name, mention, None, "org", "p", True)
    return _Speaker(None, mention, None, "unknown", gender, False)


# --- step 2 and 3: each quote in its paragraph --------------------------------------------


_TITLE_SMALL_WORDS = frozenset(
    {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "or", "with"}
)


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if w[0].isalpha()]
    return bool(words) and all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words)


def _is_heading(p: str) -> bool:
    return len(p.split(None, 12)) <= 12 and p.rstrip()[-1:] not in _HEADLINE_ENDS


def extract_quotes(body_text: str) -> list[QuoteSpan]:
    """Every quote in body_text with its kind, speaker, cue and offsets."""
    paragraphs = body_text.split("\n\n")
    has_double = any(ch in body_text for ch in cues.DOUBLE_MARKS - {"'"})
    primary = cues.DOUBLE_MARKS if has_double else cues.SINGLE_MARKS
    memory = _Memory()
    out: list[QuoteSpan] = []
    offset = 0
    prev_unclosed = False
    prev_intro: tuple[str, str] | None = None  # a paragraph ending "X said:"
    last: QuoteSpan | None = None
    last_par = -10
    # nothing after the last paragraph with a quotation mark can change a quote
    marked = {k for k, p in enumerate(paragraphs) if _MARK.search(p)}
    if not marked:
        return out
    last_marked = max(marked)
    for index, p in enumerate(paragraphs[: last_marked + 1]):
        base = offset
        offset += len(p) + 2
        if not p.strip():
            continue
        _learn(memory, p)
        if index not in marked:
            _remember_reported(p, memory)
            prev_unclosed = False
            prev_intro = _intro(p, memory)
            continue
        spans, starts_open, unclosed = _marks(p, primary)
        if prev_unclosed and spans and (starts_open or spans[0].open_at is None):
            spans[0].linked = True
        heading = _is_heading(p)
        blank = _outside(p, spans)
        found: list[tuple[_Span, QuoteSpan | None]] = []
        told = 0  # reported speech before here is remembered already
        for k, sp in enumerate(spans):
            start, end = _trim(p, sp.start, sp.end)
            if end <= start:
                continue
            text = p[start:end]
            nwords = len(text.split())
            lc_from = spans[k - 1].after if k else 0
            lc_full = p[lc_from : sp.open_at] if sp.open_at is not None else ""
            lc_at = lc_from + _sentence_start(lc_full)
            lc = p[lc_at : sp.open_at] if sp.open_at is not None else ""
            # the whole sentence before the quote, other quotes blanked out
            prev_ended = k > 0 and p[spans[k - 1].start : spans[k - 1].end].rstrip()[-1:] in ".!?"
            sent_from = lc_at if lc_at > lc_from or prev_ended else _sentence_start(blank[:lc_at])
            sentence = blank[sent_from : sp.open_at or 0]
            nxt = spans[k + 1].open_at if k + 1 < len(spans) else None
            rc_full = p[sp.after : nxt if nxt is not None else len(p)]
            rc = rc_full[: _sentence_end(rc_full)]
            lc_s = lc.strip()
            # the kind of quote, from where it sits in its sentence
            if (
                sp.open_at is None
                or not lc_s
                or lc_s[-1] in ":―—–"
                or lc_s.endswith(",")
                and _cue_words(lc_s[-40:])
            ):
                kind = "direct"
            else:
                kind = "partial"
            quote_ends = p[sp.start : sp.end].rstrip()[-1:]  # its last character, if any
            rc_starts = rc.lstrip()[:1]  # the first character after it, if any
            # a quote that ends its sentence with a full stop, then a capital: a new sentence
            new_sentence = quote_ends == "." and rc_starts.isupper()
            # a fragment inside a sentence takes a cue after it only past a comma (", she said")
            comma = quote_ends == "," or rc_starts in (",", "", "―", "—", "–")
            embedded = kind == "partial" and not comma
            att = None
            if sp.close_at is not None and not new_sentence and not embedded:
                att = _attribution_after(rc)
            where = "after"
            if att is None:
                att = _attribution_before(lc, sentence[: len(sentence) - len(lc)])
                where = "before"
            if att is None and kind == "partial":
                # a cue later in the sentence: "... “words” in it, he said."
                att = _attribution_after_clause(rc)
                where = "later"
            if att is None and kind == "direct" and lc_s.endswith(":"):
                colon = _colon_speaker(lc_s)
                if colon:
                    att, where = (colon, None), "colon"  # type: ignore[assignment]
            if att is None and kind == "direct" and not lc_s and k == 0 and prev_intro:
                att, where = prev_intro, "intro"
            if not sp.primary and (att is None or nwords <= 2):
                continue  # single quotes inside a text quoted with double marks: a scare word
            if heading and att is None:
                continue  # a headline quote
            if kind == "partial" and _is_title_case(text) and nwords <= 6:
                continue  # a title: a show, a book, a law
            if att is None and kind == "partial":
                if nwords <= 2:
                    continue  # a scare quote
                # words quoted in a sentence with no cue verb: the sentence's subject
                subject = _sentence_subject(sentence)
                if subject is not None:
                    att, where = (subject, None), "subject"  # type: ignore[assignment]
                elif not _cue_words(lc_full + rc_full):
                    continue  # no one says these words: a scare quote
            if att is None and kind == "direct" and nwords <= 2:
                continue
            goes_on = rc_starts != "" and rc_starts not in ",.;:!?―—–-"
            if (
                att is None
                and kind == "direct"
                and goes_on
                and (nwords <= 4 or _is_title_case(text))
            ):
                continue  # a quote that starts a sentence the text goes on with: a name, a title
            if sent_from > told:
                # "X, who ..., said the ... . “...,” he said.": X spoke before the quote
                _remember_reported(blank[told:sent_from], memory)
                told = sent_from
            # the speaker
            quote: QuoteSpan
            if att is not None:
                mention, cue, *antecedent = att
                speaker = _resolve(antecedent[0] if antecedent else mention, memory)
                if mention.lower() in ("he", "she"):
                    # "DuVernay said she felt ... “...,” she said": the name in the sentence
                    named = _sentence_subject(sentence)
                    if named and named.lower() not in _SUBJECT_PRONOUNS:
                        hint = _resolve(named, memory)
                        if hint.kind == "person" and hint.gender in (None, speaker.gender):
                            speaker = _Speaker(
                                hint.name, mention, hint.title, "person", speaker.gender
                            )
                conf = _confidence(speaker, where, sp)
                quote = QuoteSpan(
                    text=text,
                    kind=kind,
                    start_char=base + start,
                    end_char=base + end,
                    paragraph_index=index,
                    speaker=speaker.name,
                    speaker_mention=mention,
                    speaker_title=speaker.title,
                    cue=cue,
                    confidence=conf,
                )
                memory.speakers.append(speaker)
            else:
                carried = None
                if last is not None and (
                    last_par == index or (last_par >= index - 2 and (sp.linked or lc_s == ""))
                ):
                    carried = last
                if sp.linked and last is not None:
                    carried = last
                if carried is not None:
                    conf = 0.8 if (sp.linked or last_par == index) else 0.55
                    quote = QuoteSpan(
                        text=text,
                        kind="continuation",
                        start_char=base + start,
                        end_char=base + end,
                        paragraph_index=index,
                        speaker=carried.speaker,
                        speaker_mention=None,
                        speaker_title=carried.speaker_title,
                        cue=None,
                        confidence=round(min(conf, carried.confidence), 2),
                    )
                else:
                    guess = memory.speakers[-1] if memory.speakers else None
                    quote = QuoteSpan(
                        text=text,
                        kind=kind,
                        start_char=base + start,
                        end_char=base + end,
                        paragraph_index=index,
                        speaker=guess.name if guess else None,
                        speaker_mention=None,
                        speaker_title=guess.title if guess else None,
                        cue=None,
                        confidence=0.25 if guess else 0.1,
                    )
            found.append((sp, quote))
            out.append(quote)
            last, last_par = quote, index
        # an earlier quote with no attribution of its own takes the one that follows it
        _backfill(found, out)
        if index == last_marked:
            break  # no quote follows: what is left to remember would change none
        _remember_reported(blank[told:], memory)
        prev_unclosed = unclosed
        prev_intro = _intro(p, memory) if not unclosed else None
    return out


def _attribution_after_clause(rc: str) -> tuple[str, str] | None:
    """A cue later in the sentence after a partial quote: '..., he said'."""
    s = rc.rstrip()
    found = _cues_in(s)
    if not found:
        return None
    at, end = found[-1]
    before = s[:at]
    comma = before.rfind(",")
    if comma < 0:
        return None
    subject = _subject_before(before[comma + 1 :], after_quote=True)
    if subject:
        return subject, s[at:end]
    subject = _subject_after(s[end:]) if not before[comma + 1 :].strip() else None
    return (subject, s[at:end]) if subject else None


def _confidence(speaker: _Speaker, where: str | None, sp: _Span) -> float:
    conf = 0.95 if where == "after" else 0.9 if where == "before" else 0.75
    if where in ("colon", "intro"):
        conf = 0.7
    elif where == "subject":
        conf = 0.55
    if not speaker.resolved:
        conf -= 0.25 if speaker.name is None else 0.1
    elif speaker.mention and speaker.mention.lower() in cues.PRONOUNS:
        conf -= 0.1
    if sp.open_at is None or sp.close_at is None:
        conf -= 0.15
    return round(max(conf, 0.05), 2)


def _backfill(found: list[tuple[_Span, QuoteSpan | None]], out: list[QuoteSpan]) -> None:
    """'“A.” “B,” she said.': A gets B's speaker when only spaces stand between them."""
    for k in range(len(found) - 2, -1, -1):
        sp, q = found[k]
        nsp, nq = found[k + 1]
        if q is None or nq is None or q.cue is not None or nq.cue is None:
            continue
        if q.kind == "continuation" and q.confidence >= 0.5:
            continue
        if sp.close_at is None or nsp.open_at is None or nsp.open_at - sp.after > 2:
            continue
        fixed = QuoteSpan(
            text=q.text,
            kind="direct",
            start_char=q.start_char,
            end_char=q.end_char,
            paragraph_index=q.paragraph_index,
            speaker=nq.speaker,
            speaker_mention=nq.speaker_mention,
            speaker_title=nq.speaker_title,
            cue=nq.cue,
            confidence=round(nq.confidence - 0.1, 2),
        )
        out[out.index(q)] = fixed
        found[k] = (sp, fixed)


def _outside(p: str, spans: list[_Span]) -> str:
    """The paragraph with quoted text blanked out (for reported-speech cues)."""
    parts = []
    at = 0
    for sp in sorted(spans, key=lambda sp: sp.start):
        if sp.start < at:
            continue  # inside a quote already blanked
        parts.append(p[at : sp.start])
        parts.append(" " * (sp.end - sp.start))
        at = sp.end
    parts.append(p[at:])
    return "".join(parts)


def _remember_reported(text: str, memory: _Memory) -> None:
    """'Tokayev noted that ...', 'According to Tokayev, ...': a recent speaker."""
    for m in _ACCORDING.finditer(text) if _has_according(text) else ():
        subject = _subject_after(text[m.end() :].split(",")[0])
        if subject and subject.lower() not in cues.PRONOUNS:
            memory.speakers.append(_resolve(subject, memory))
    # "..., describing": its subject is the sentence's, named earlier
    for at, _ in _cues_in(text, participles=False):
        head = text[max(0, at - 160) : at]
        head = head[_sentence_start(head) :]
        subject = _subject_before(head, after_quote=False)
        if subject and subject.lower() not in cues.PRONOUNS and subject[0].isupper():
            speaker = _resolve(subject, memory)
            if speaker.name and (speaker.kind in ("org", "group") or _is_name(speaker.name)):
                memory.speakers.append(speaker)


def _is_name(name: str) -> bool:
    """Capitalised words (and name particles) only: a name, not a description."""
    words = name.split()
    if words[0] in cues.NOT_NAMES or words[-1] in cues.NOT_NAMES:
        return False
    return (
        len(words) <= 4
        and not words[-1].endswith(("’s", "'s"))
        and all(w[0].isupper() or w in cues.NAME_PARTICLES for w in words)
    )


def _intro(p: str, memory: _Memory) -> tuple[str, str] | None:
    """A paragraph that ends 'X said:' introduces the quote in the next one."""
    s = p.rstrip()
    if not s.endswith(":"):
        return None
    tail = s[_sentence_start(s) :]
    att = _attribution_before(tail)
    if att:
        return att
    colon = _colon_speaker(tail)
    return (colon, None) if colon else None  # type: ignore[return-value]

"""People, organisations and places named in an article's text: rules and gazetteers.

body_text -> runs of capitalised words ("President Kassym-Jomart Tokayev", "Board of
Peace", "ALMATY") -> each run trimmed (sentence openers, titles, trailing document
words) and classified in order:

1. a known organisation, or a place from the gazetteer (GeoNames, shipped in a package);
2. a run with an organisation word in it ("Council", "News", "Board");
3. a person: a name after a title, a run of two to four name words, or a single word
   next to a speech cue ("Tokayev said") or equal to the surname of a person named in
   full elsewhere in the article (counted as that person).

Pure and offline: no model, no network; about a millisecond per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsflow.extract import gazetteer as gz

KINDS = ("person", "organization", "place")

# words: dotted acronyms ("U.S."), or letters with inner apostrophes and hyphens
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w]|['’\-](?=[^\W\d_]))*")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = frozenset(".!?:;")
_LAST_WORD = re.compile(r"\w+$")
_OPENERS = frozenset("“‘\"'«(‹[—–- \t")


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """One named entity of an article: its name, kind, how often and where first named."""

    name: str
    kind: str  # "person" | "organization" | "place"
    count: int
    first_char: int  # offset of its first mention in body_text


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


@dataclass(frozen=True, slots=True)
class _Run:
    tokens: tuple[_Token, ...]
    text: str  # the run as written in body_text

    @property
    def start(self) -> int:
        return self.tokens[0].start


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        if text[i] == "\n":
            return True
        i -= 1
    if i >= 0 and text[i] == ".":
        word = _LAST_WORD.search(text, max(0, i - 12), i)
        if word and (word.group() + "." in gz.TITLES or word.group().lower() in gz.ABBREVIATIONS):
            return False  # "Mr. Smith", "Gen. Lee"
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", m.group())
        start = m.start()
        if text.startswith(".", m.end()) and word + "." in gz.TITLES:
            word += "."  # "Mr.", "Sen."
        # "Russia-Ukraine": a hyphenated pair of places is two places
        parts = word.split("-")
        if len(parts) > 1 and all(p in gz.places() for p in parts):
            offset = start
            for part in parts:
                out.append(_Token(part, offset, offset + len(part), False))
                offset += len(part) + 1
            continue
        out.append(_Token(word, start, start + len(word), _sentence_start(text, start)))
    return out


def _runs(text: str, tokens: list[_Token]) -> Iterator[_Run]:
    """Maximal runs of capitalised words, joined by single spaces or connectors."""
    i = 0
    while i < len(tokens):
        if not tokens[i].capitalised:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            gap = text[run[-1].end : tokens[j].start]
            if tokens[j].capitalised and gap == " " and not tokens[j].sentence_start:
                run.append(tokens[j])
                j += 1
                continue
            # "Board of Peace", "Bank of the Philippine Islands", "Osama bin Laden"
            k = j
            words = []
            while k < len(tokens) and not tokens[k].capitalised and len(words) < 2:
                words.append(tokens[k].text)
                k += 1
            joined = " ".join(words)
            if (
                words
                and joined in gz.CONNECTORS
                and k < len(tokens)
                and tokens[k].capitalised
                and text[run[-1].end : tokens[k].start] == " " + joined + " "
            ):
                run.extend(tokens[j : k + 1])
                j = k + 1
                continue
            break
        yield _Run(tuple(run), text[run[0].start : run[-1].end])
        i = j


def _words(run: _Run) -> list[str]:
    return [t.text for t in run.tokens]


def _strip_connectors(tokens: list[_Token]) -> list[_Token]:
    while tokens and not tokens[-1].capitalised:
        tokens = tokens[:-1]
    while tokens and not tokens[0].capitalised:
        tokens = tokens[1:]
    return tokens


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    kind: str | None  # None: a single word still to resolve
    start: int
    titled: bool = False


def _classify(
    tokens: list[_Token], text: str, mid_sentence: set[str], places: dict[str, str]
) -> _Candidate | None:
    titled = False
    # sentence openers and titles in front ("The", "According", "President")
    while tokens:
        first = tokens[0]
        if first.all_caps and first.text.title() in places:
            break  # a dateline: "WASHINGTON"
        taken = _title_length(tokens)
        if taken:
            titled = True
            tokens = tokens[taken:]
        elif first.text in gz.SENTENCE_OPENERS and (first.text != "The" or first.sentence_start):
            tokens = tokens[1:]  # mid-sentence "The" may start a name: "The News Pakistan"
        elif (
            first.sentence_start
            and len(tokens) == 1
            and first.text not in mid_sentence
            and first.text not in places
            and first.text.title() not in places
            and first.text not in gz.KNOWN_ORGS
            and not _cue_after(text, first)
        ):
            return None  # a capitalised sentence opener ("Speaking", "Views")
        elif (
            first.sentence_start
            and len(tokens) > 2
            and first.text not in mid_sentence
            and first.text not in gz.FIRST_NAMES
            and tokens[1].text in gz.FIRST_NAMES
        ):
            tokens = tokens[1:]  # a role before a name: "Farmer Dale Halvorsen said"
        else:
            break
        tokens = _strip_connectors(tokens)
    if not tokens:
        return None
    the = tokens[0].text == "The"
    core = tokens[1:] if the else tokens
    if not core:
        return None
    words = [t.text for t in core]
    name = " ".join(words)
    start = core[0].start
    if name in gz.KNOWN_ORGS:
        return _Candidate(name, "organization", start)
    if name in places:
        return _Candidate(places[name], "place", start)
    if len(words) == 1 and core[0].all_caps and name.title() in places:
        return _Candidate(places[name.title()], "place", start)  # a dateline: "ALMATY"
    if any(w in gz.ORG_KEYWORDS for w in words):
        if words[-1] in gz.DOCUMENT_WORDS:  # "... Security Council Resolution"
            return _classify(core[:-1], text, mid_sentence, places)
        full = " ".join(t.text for t in tokens)  # an organisation keeps its "The"
        return _Candidate(full, "organization", tokens[0].start)
    if words[-1] in gz.DOCUMENT_WORDS or any(w in gz.NOT_PERSON_WORDS for w in words):
        return None
    if len(words) > 1 and (words[0] in gz.PLACE_FIRST_WORDS or words[-1] in gz.PLACE_LAST_WORDS):
        return _Candidate(name, "place", start)
    if any(not t.capitalised for t in core):
        return None  # joined by a connector but no organisation: split (see _candidates)
    if any(t.all_caps for t in core) or the:
        return None
    if titled:
        return _Candidate(name, "person", start, titled=True)
    if 2 <= len(words) <= 4:
        return _Candidate(name, "person", start)
    if len(words) == 1:
        kind = "person" if _cue_after(text, core[0]) or _cue_before(text, core[0]) else None
        return _Candidate(name, kind, start)
    return None


def _split(tokens: tuple[_Token, ...]) -> list[list[_Token]]:
    """A run's capitalised stretches between its connectors."""
    parts: list[list[_Token]] = [[]]
    for token in tokens:
        if token.capitalised:
            parts[-1].append(token)
        elif parts[-1]:
            parts.append([])
    return [p for p in parts if p]


def _title_length(tokens: list[_Token]) -> int:
    for n in range(min(gz.TITLE_WORDS_MAX, len(tokens) - 1), 0, -1):
        if " ".join(t.text for t in tokens[:n]) in gz.TITLES:
            return n
    return 0


_NEXT_WORDS = re.compile(r"\W*(\w+)(?:\s+(\w+))?")
_PREV_WORDS = re.compile(r"(\w+)\s+(\w+)\W*$")


def _cue_after(text: str, token: _Token) -> bool:
    m = _NEXT_WORDS.match(text, token.end, min(len(text), token.end + 40))
    if not m or text[token.end : m.start(1)].strip():
        return False
    first, second = m.group(1), m.group(2)
    return first in gz.CUE_FORMS or (first in ("also", "has", "had") and second in gz.CUE_FORMS)


def _cue_before(text: str, token: _Token) -> bool:
    m = _PREV_WORDS.search(text, max(0, token.start - 40), token.start)
    if not m:
        return False
    return m.group(2) in gz.CUE_FORMS or (m.group(1), m.group(2)) == ("according", "to")


def extract_mentions(body_text: str) -> list[MentionSpan]:
    """Named people, organisations and places of a text, in order of first mention."""
    places = gz.places()
    tokens = _tokens(body_text)
    mid_sentence = {t.text for t in tokens if t.capitalised and not t.sentence_start}
    candidates = []
    for run in _runs(body_text, tokens):
        found = _classify(list(run.tokens), body_text, mid_sentence, places)
        if found is not None:
            candidates.append(found)
        elif any(not t.capitalised for t in run.tokens):
            for part in _split(run.tokens):
                found = _classify(part, body_text, mid_sentence, places)
                if found is not None:
                    candidates.append(found)
    # a single word that is a full name's surname (or first name) is that person; the
    # first word of an organisation's name is that organisation ("Norvane" of "Norvane
    # Energy")
    people = [c.name for c in candidates if c.kind == "person" and " " in c.name]
    orgs = [c.name for c in candidates if c.kind == "organization" and " " in c.name]
    resolved: list[tuple[str, str, int]] = []
    for c in candidates:
        if " " not in c.name and c.kind in (None, "person"):
            owners = {p for p in people if c.name in (p.split()[-1], p.split()[0])}
            if len(owners) == 1:
                resolved.append((owners.pop(), "person", c.start))
                continue
            owners = {o for o in orgs if o.split()[0] == c.name}
            if len(owners) == 1:
                resolved.append((owners.pop(), "organization", c.start))
                continue
            if c.kind is None and c.name in places:
                resolved.append((places[c.name], "place", c.start))
                continue
        if c.kind is not None:
            resolved.append((c.name, c.kind, c.start))
    counts: dict[tuple[str, str], list[int]] = {}
    for name, kind, start in resolved:
        counts.setdefault((name, kind), []).append(start)
    spans = [
        MentionSpan(name=name, kind=kind, count=len(starts), first_char=min(starts))
        for (name, kind), starts in counts.items()
    ]
    return sorted(spans, key=lambda m: (m.first_char, m.name))

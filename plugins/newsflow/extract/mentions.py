"""People, organisations and places named in an article's text: rules and gazetteers.

body_text -> runs of capitalised words ("President Kassym-Jomart Tokayev", "Board of
Peace", "ALMATY") -> each run trimmed (sentence openers, titles, trailing document
words) and classified in order:

1. a known organisation, or a place from the gazetteer (GeoNames, shipped in a package);
2. a run with an organisation word in it ("Council", "News", "Board");
3. a person: a name after a title, a run of two to four name words, or a single word
   next to a speech cue ("Tokayev said") or equal to the surname of a person named in
   full elsewhere in the article (counted as that person).

Pure and offline: no model, no network; about a quarter of a millisecond per article
(only words that may be capitalised are tokenised; the gazetteer loads from places.txt).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from newsflow.extract import gazetteer as gz

# words: dotted acronyms ("U.S."), or letters with inner apostrophes and hyphens (only
# _all_tokens scans for them, rarely: left to re to compile when first needed)
_WORD = r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w]|['’\-](?=[^\W\d_]))*"
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")
# Only words that may be capitalised matter: a letter that is not a-z (curly quotes are
# left out of the class for speed: they are no letters), then the rest of the word. A
# match inside a word ("iPhone") is dropped by _inside_word. The class is written as
# what it leaves out: a range up to U+10FFFF costs milliseconds to compile. Most words
# are plain (no joiner in them, no dot after them): the first branch takes those and
# marks them with its empty group, as they need none of _add_word's checks.
_NOT_A_TO_Z = re.compile(
    r"[^\0-@\[-\x7f\u2018-\u201e](?<![\W\d_])"
    r"(?:\w*+(?![\w'’.\-])()|(?:\w|['’\-](?=[^\W\d_]))*+)"
)
_JOINERS = frozenset("'’-")
_POSSESSIVE_ENDS = ("'s", "’s")
_SENTENCE_END = frozenset(".!?:;\n")
_LAST_WORD = re.compile(r"\w+$")
_OPENERS = frozenset("“‘\"'«(‹[—–- \t")
# the first words of the titles: most runs start with none, and need no joining
_TITLE_STARTS = frozenset(title.split(" ")[0] for title in gz.TITLES)
# A sentence opener ("The", "But", "In") that starts a sentence names nothing, alone or
# with the words after it (_classify drops it from the front of a run): it is no token.
# Titles ("Mr.") stay, and so do words in capitals (a dateline: "WASHINGTON").
_DROPPED_OPENERS = frozenset(
    word
    for word in gz.SENTENCE_OPENERS
    if word not in _TITLE_STARTS and not (len(word) > 1 and word.isupper())
)


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """One named entity of an article: its name, kind, how often and where first named."""

    name: str
    kind: str  # "person" | "organization" | "place"
    count: int
    first_char: int  # offset of its first mention in body_text


class _Token:
    """A capitalised word, or a connector that joins two of them ("of", "bin")."""

    __slots__ = ("text", "start", "end", "sentence_start", "capitalised", "all_caps")

    def __init__(
        self, text: str, start: int, sentence_start: bool, capitalised: bool = True
    ) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.sentence_start = sentence_start
        self.capitalised = capitalised
        self.all_caps = capitalised and text.isupper() and len(text) > 1


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if text[i] == ".":
        word = _LAST_WORD.search(text, max(0, i - 12), i)
        if word and (word.group() + "." in gz.TITLES or word.group().lower() in gz.ABBREVIATIONS):
            return False  # "Mr. Smith", "Gen. Lee"
    return text[i] in _SENTENCE_END


def _inside_word(text: str, pos: int) -> bool:
    """Whether the letter at pos continues the word before it (so starts no word)."""
    i = pos - 1
    if i >= 0 and text[i] in _JOINERS:
        i -= 1  # "O'Neil", "Kassym-Jomart": a joiner between letters
    # in a word if the run of word characters before holds a letter ("abc12Def")
    while i >= 0:
        c = text[i]
        if c.isalnum() and not c.isdecimal():
            return True
        if not (c.isdecimal() or c == "_"):
            return False
        i -= 1
    return False


@cache
def _lower_places() -> tuple[str, ...]:
    """Place names starting with a-z that a hyphenated word may start with."""
    # "a" <= p < "{" ("{" follows "z"): one comparison of the name instead of two of p[0]
    return tuple(p + "-" for p in gz.places() if "a" <= p < "{" and " " not in p)


def _add_word(
    out: list[_Token], text: str, word: str, start: int, end: int, sentence_start: bool
) -> None:
    """Adds the word's token if it is capitalised: other words start no run and join none
    (connectors are found between the words, see _runs)."""
    if word.endswith(_POSSESSIVE_ENDS):
        word = word[:-2]
    if text.startswith(".", end) and word + "." in gz.TITLES:
        word += "."  # "Mr.", "Sen."
    # "Russia-Ukraine": a hyphenated pair of places is two places
    if "-" in word:
        places = gz.places()
        parts = word.split("-")
        if all(p in places for p in parts):
            offset = start
            for part in parts:
                if part[0].isupper():
                    out.append(_Token(part, offset, False))
                offset += len(part) + 1
            return
    if word[0].isupper() and not (sentence_start and word in _DROPPED_OPENERS):
        out.append(_Token(word, start, sentence_start))


def _all_tokens(text: str) -> list[_Token]:
    """The capitalised words of the text, from a scan of every word."""
    out: list[_Token] = []
    for m in re.finditer(_WORD, text):
        start = m.start()
        _add_word(out, text, m.group(), start, m.end(), _sentence_start(text, start))
    return out


def _tokens(text: str) -> list[_Token]:
    """The capitalised words of the text, in order (words starting a-z are not scanned)."""
    if any(p in text for p in _lower_places()):
        return _all_tokens(text)  # "eMbalenhle-...": lower-case words matter here
    out: list[_Token] = []
    covered = 0
    for m in _NOT_A_TO_Z.finditer(text):
        start, end = m.span()
        if start < covered:
            continue
        before = text[start - 1] if start else "\n"
        if before == " ":  # the common case: after a word and a space starts no sentence
            after_word = start > 1 and text[start - 2].isalnum()
            sentence_start = not after_word and _sentence_start(text, start)
        elif before == "\n":
            sentence_start = True
        elif (before.isalnum() or before in "_'’-") and _inside_word(text, start):
            continue
        else:
            sentence_start = _sentence_start(text, start)
        word = m.group()
        if m.lastindex:  # a plain word (the checks at the end of _add_word)
            if word[0].isupper() and not (sentence_start and word in _DROPPED_OPENERS):
                out.append(_Token(word, start, sentence_start))
            continue
        if end == start + 1 and text.startswith(".", end):
            acronym = _ACRONYM.match(text, start)
            if acronym:  # "U.S."
                word = acronym.group()
                end = covered = acronym.end()
        _add_word(out, text, word, start, end, sentence_start)
    return out


# The text between two capitalised words that a connector of one or two lower-case words
# joins: " of ", " bin ", " of the " (not "st.": its dot may end a sentence).
_CONNECTOR_GAPS = frozenset(
    f" {connector} "
    for connector in gz.CONNECTORS
    if connector.count(" ") <= 1
    and all(w.isalpha() and not w[0].isupper() for w in connector.split(" "))
)
_CONNECTOR_GAP_MAX = max(map(len, _CONNECTOR_GAPS), default=0)


def _runs(text: str, tokens: list[_Token]) -> Iterator[list[_Token]]:
    """Maximal runs of capitalised words, joined by single spaces or connectors."""
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        run = [token]
        end = token.end
        i += 1
        while i < n:
            token = tokens[i]
            if token.start == end + 1 and text[end] == " " and not token.sentence_start:
                run.append(token)
            # "Board of Peace", "Bank of the Philippine Islands", "Osama bin Laden"
            elif (
                token.start - end <= _CONNECTOR_GAP_MAX
                and text[end : token.start] in _CONNECTOR_GAPS
            ):
                offset = end + 1
                for word in text[offset : token.start - 1].split(" "):
                    run.append(_Token(word, offset, False, capitalised=False))
                    offset += len(word) + 1
                run.append(token)
            else:
                break
            end = token.end
            i += 1
        yield run


def _strip_connectors(tokens: list[_Token]) -> list[_Token]:
    while tokens and not tokens[-1].capitalised:
        tokens = tokens[:-1]
    while tokens and not tokens[0].capitalised:
        tokens = tokens[1:]
    return tokens


# a name found, its kind and offset; kind None: a single word still to resolve (the part
# of one full name, or a person if a speech cue is next to it, or else nothing)
_Candidate = tuple[str, "str | None", int]


def _classify_word(
    token: _Token, text: str, mid_sentence: set[str], places: dict[str, str]
) -> _Candidate | None:
    """_classify for a run of one word (most runs): the same rules, in the same order."""
    word = token.text
    start = token.start
    all_caps = token.all_caps
    if not (all_caps and word.title() in places):  # not a dateline ("WASHINGTON")
        if word in gz.SENTENCE_OPENERS and (word != "The" or token.sentence_start):
            return None
        if (
            token.sentence_start
            and word not in mid_sentence
            and word not in places
            and word.title() not in places
            and word not in gz.KNOWN_ORGS
            and not _cue_after(text, token.end)
        ):
            return None  # a capitalised sentence opener ("Speaking", "Views")
    if word == "The":
        return None
    if word in gz.KNOWN_ORGS:
        return word, "organization", start
    if word in places:
        return places[word], "place", start
    if all_caps and word.title() in places:
        return places[word.title()], "place", start  # a dateline: "ALMATY"
    if word in gz.ORG_KEYWORDS:
        if word in gz.DOCUMENT_WORDS:
            return None
        return word, "organization", start
    if word in gz.DOCUMENT_WORDS or word in gz.NOT_PERSON_WORDS:
        return None
    if not token.capitalised or all_caps:
        return None
    return word, None, start


def _classify(
    tokens: list[_Token], text: str, mid_sentence: set[str], places: dict[str, str]
) -> _Candidate | None:
    if len(tokens) == 1:
        return _classify_word(tokens[0], text, mid_sentence, places)
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
            and len(tokens) > 2
            and first.text not in mid_sentence
            and first.text.lower() not in gz.FIRST_NAMES  # the lists are lower case
            and tokens[1].text.lower() in gz.FIRST_NAMES
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
        return name, "organization", start
    if name in places:
        return places[name], "place", start
    if len(words) == 1 and core[0].all_caps and name.title() in places:
        return places[name.title()], "place", start  # a dateline: "ALMATY"
    if not gz.ORG_KEYWORDS.isdisjoint(words):
        if words[-1] in gz.DOCUMENT_WORDS:  # "... Security Council Resolution"
            return _classify(core[:-1], text, mid_sentence, places)
        full = " ".join(t.text for t in tokens)  # an organisation keeps its "The"
        return full, "organization", tokens[0].start
    if words[-1] in gz.DOCUMENT_WORDS or not gz.NOT_PERSON_WORDS.isdisjoint(words):
        return None
    if len(words) > 1 and (words[0] in gz.PLACE_FIRST_WORDS or words[-1] in gz.PLACE_LAST_WORDS):
        return name, "place", start
    if the or any(t.all_caps or not t.capitalised for t in core):
        return None  # (joined by a connector but no organisation: the caller splits the run)
    if titled:
        return name, "person", start
    if 2 <= len(words) <= 4:
        return name, "person", start
    if len(words) == 1:
        return name, None, start
    return None


def _split(tokens: list[_Token]) -> list[list[_Token]]:
    """A run's capitalised stretches between its connectors."""
    parts: list[list[_Token]] = [[]]
    for token in tokens:
        if token.capitalised:
            parts[-1].append(token)
        elif parts[-1]:
            parts.append([])
    return [p for p in parts if p]


def _title_length(tokens: list[_Token]) -> int:
    """How many words in front are a title (and not the whole run)."""
    if tokens[0].text not in _TITLE_STARTS:
        return 0
    for n in range(min(gz.TITLE_WORDS_MAX, len(tokens) - 1), 0, -1):
        if " ".join(t.text for t in tokens[:n]) in gz.TITLES:
            return n
    return 0


# the next two words after a point, if only spaces come before the first
_NEXT_WORDS = re.compile(r"\s*(\w+)(?:\s+(\w+))?")
# the last two words before a point, matched in the 40 characters before it reversed (a
# search for them from the front would try every position)
_PREV_WORDS_REVERSED = re.compile(r"\W*+(\w++)\s++(\w++)")


def _cue_after(text: str, end: int) -> bool:
    m = _NEXT_WORDS.match(text, end, end + 40)
    if not m:
        return False
    first, second = m.group(1), m.group(2)
    return first in gz.CUE_FORMS or (first in ("also", "has", "had") and second in gz.CUE_FORMS)


def _cue_before(text: str, start: int) -> bool:
    m = _PREV_WORDS_REVERSED.match(text[max(0, start - 40) : start][::-1])
    if not m:
        return False
    last, before = m.group(1)[::-1], m.group(2)[::-1]
    return last in gz.CUE_FORMS or (before, last) == ("according", "to")


def extract_mentions(body_text: str) -> list[MentionSpan]:
    """Named people, organisations and places of a text, in order of first mention."""
    places = gz.places()
    tokens = _tokens(body_text)
    mid_sentence = {t.text for t in tokens if not t.sentence_start}
    candidates: list[_Candidate] = []
    for run in _runs(body_text, tokens):
        if len(run) == 1:  # most runs
            found = _classify_word(run[0], body_text, mid_sentence, places)
        else:
            found = _classify(run, body_text, mid_sentence, places)
        if found is not None:
            candidates.append(found)
        elif len(run) > 2 and not all(t.capitalised for t in run):  # joined by a connector
            for part in _split(run):
                found = _classify(part, body_text, mid_sentence, places)
                if found is not None:
                    candidates.append(found)
    # a single word that is a full name's surname (or first name) is that person; the
    # first word of an organisation's name is that organisation ("Norvane" of "Norvane
    # Energy")
    people: dict[str, set[str]] = {}  # a first or last name -> the full names
    orgs: dict[str, set[str]] = {}  # a first word -> the organisations' names
    for name, kind, _ in candidates:
        if " " in name:
            if kind == "person":
                words = name.split()
                people.setdefault(words[-1], set()).add(name)
                people.setdefault(words[0], set()).add(name)
            elif kind == "organization":
                orgs.setdefault(name.split()[0], set()).add(name)
    counts: dict[tuple[str, str], list[int]] = {}  # (name, kind) -> offsets
    for name, kind, start in candidates:
        if " " not in name and kind in (None, "person"):
            if len(owners := people.get(name, ())) == 1:
                name, kind = next(iter(owners)), "person"
            elif len(owners := orgs.get(name, ())) == 1:
                name, kind = next(iter(owners)), "organization"
            elif kind is None:
                if not (_cue_after(body_text, start + len(name)) or _cue_before(body_text, start)):
                    continue
                kind = "person"  # "Tokayev said"
        counts.setdefault((name, kind), []).append(start)
    # (arguments by position: a frozen dataclass takes keywords at twice the cost)
    spans = [
        MentionSpan(name, kind, len(starts), min(starts)) for (name, kind), starts in counts.items()
    ]
    return sorted(spans, key=lambda m: (m.first_char, m.name))

"""Data for the metadata rules: meta names in priority order, selectors, word lists.

Nothing here runs; `newsflow.extract.metadata` reads these tables. Meta names are
matched lower-cased against a tag's `property`, `name` or `itemprop` attribute.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text."""
    return frozenset(text.split())


# --- JSON-LD -----------------------------------------------------------------------

# schema.org types that describe the article itself, best first.
ARTICLE_TYPES = (
    "newsarticle",
    "reportagenewsarticle",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "article",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
    "scholarlyarticle",
    "techarticle",
)
# Types that can stand in for the article when no article object exists.
PAGE_TYPES = ("webpage", "itempage", "collectionpage")
# Types that never describe the page itself, even when they carry a datePublished.
NOT_PAGE_TYPES = (
    "imageobject",
    "videoobject",
    "audioobject",
    "mediaobject",
    "person",
    "organization",
    "newsmediaorganization",
    "website",
    "comment",
    "answer",
    "breadcrumblist",
    "listitem",
    "itemlist",
    "searchaction",
    "event",
    "product",
    "offer",
)
PERSON_TYPES = ("person",)
ORGANIZATION_TYPES = (
    "organization",
    "newsmediaorganization",
    "corporation",
    "ngo",
    "governmentorganization",
)
SITE_TYPES = ("website",)

# --- meta tags, best first --------------------------------------------------------

TITLE_META = ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "title")
DESCRIPTION_META = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.description",
)
PUBLISHER_META = (
    "og:site_name",
    "dc.publisher",
    "dcterms.publisher",
    "publisher",
    "application-name",
    "apple-mobile-web-app-title",
    "cxenseparse:site",
)
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "byl",
    "byline",
    "article.author",
)
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "og:pubdate",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_at",
    "pub_date",
    "article.published",
    "article_date_original",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
    "dc.date",
    "dcterms.date",
    "date",
    "original-publish-date",
    "pdate",
    "displaydate",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "datemodified",
    "og:updated_time",
    "article.updated",
    "updated-date",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "datelastpubbed",
)
LANGUAGE_META = ("content-language", "dc.language", "dcterms.language", "language", "og:locale")
SECTION_META = (
    "article:section",
    "articlesection",
    "parsely-section",
    "article.section",
    "section",
    "sailthru_section",
    "prism.section",
    "page.section",
)
TAG_META_MULTI = ("article:tag", "og:article:tag")  # one tag per meta element
TAG_META = ("news_keywords", "keywords", "parsely-tags", "sailthru.tags", "tags")
IMAGE_META = (
    "og:image:secure_url",
    "og:image:url",
    "og:image",
    "twitter:image",
    "twitter:image:src",
    "thumbnail",
    "image",
)
TAG_MAX_CHARS = 60
# Tag values that are internal codes, not topics ("type:article", "SYND", "id=123").
TAG_JUNK = re.compile(r"[:=_{}<>|]|^[A-Z0-9]{2,}$|^\d+$")
# Any other meta name that says it holds the publication date ("sn-post-date").
PUBLISHED_META_NAME = re.compile(r"publish|pubdate|pub[-_.]date|post[-_.]?date|release[-_.]?date")
PUBLISHED_META_NAME_NOT = re.compile(r"modif|updat|expir|revis|edit|valid|birth|end|start|event")
URL_META = ("og:url", "twitter:url")

# --- page elements -----------------------------------------------------------------

# <time datetime> elements that claim to be the publication date, best first: each an
# XPath test on one <time> element (the page's few <time> elements are found once).
TIME_PUBLISHED_TESTS = (
    'self::*[@itemprop="datePublished"]',
    "self::*[@pubdate]",
    'self::*[contains(@class, "publish")]',
    "ancestor::header[ancestor::article]",
    'ancestor::*[contains(@class, "byline") or contains(@class, "dateline")]',
    "ancestor::article",
    "ancestor::main",
)
# A <time> with one of these classes is an update stamp, not the publication date.
TIME_NOT_PUBLISHED = re.compile(r"updat|modif|edit|revis", re.IGNORECASE)
TIME_MODIFIED_TESTS = (
    'self::*[@itemprop="dateModified"]',
    'self::*[contains(@class, "updated") or contains(@class, "modified")]',
)
# A <time> inside these is not the article's date (comments, related stories).
TIME_EXCLUDED_ANCESTOR = re.compile(
    r"comment|related|recommend|promo|sidebar|footer|teaser|more-|trending|popular|card",
    re.IGNORECASE,
)

# Visible bylines: an element is a candidate when its itemprop or rel is exactly
# "author", or its class or id contains one of these (as written) ...
BYLINE_CANDIDATE_ATTRS = (("itemprop", "author"), ("rel", "author"))
BYLINE_CANDIDATE_CLASS = ("yline", "YLINE", "uthor", "UTHOR")
BYLINE_CANDIDATE_ID = ("yline", "uthor")
# ... then tried by mark, best first: (attribute, value, match) with match "exact"
# (a token of the attribute) or "part" (a substring, any case). "name-in" is an
# itemprop=name inside the element.
BYLINE_MARKS = (
    ("itemprop", "author", "name-in"),
    ("itemprop", "author", "exact"),
    ("rel", "author", "exact"),
    ("class", "byline", "part"),
    ("class", "author", "part"),
    ("id", "byline", "part"),
    ("id", "author", "part"),
)
# With the first marks (semantic markup) every match is an author; with the rest
# only the first matching element counts.
BYLINE_SEMANTIC_MARKS = 3
# Classes/ids of byline candidates that are not the article's byline.
BYLINE_EXCLUDED = re.compile(
    r"comment|avatar|\bbio\b|-bio|bio-|photo|image|img|thumb|social|share|follow|"
    r"related|recommend|footer|sidebar|more-from|about|email|twitter",
    re.IGNORECASE,
)
# Ancestors of a byline candidate that put it outside the article's own byline.
BYLINE_EXCLUDED_ANCESTOR = re.compile(
    r"comment|related|recommend|sidebar|more-from|promo|teaser|trending|popular",
    re.IGNORECASE,
)
BYLINE_MAX_CHARS = 200
# Elements whose start and end separate two byline parts.
BLOCK_TAGS = _words(
    "div p li ul ol dd dt dl br section header footer h1 h2 h3 h4 h5 h6 address figure"
)

# Visible elements that write the publication date out in words ("Nov 19, 2019 9:02 AM"),
# best first: itemprop="datePublished", then elements whose class contains one of the
# first words and none of the second, then the <header> of an <article>.
DATE_TEXT_ITEMPROP = "datePublished"
DATE_TEXT_CLASSES = (
    (("byline", "dateline"), ()),
    (("publish", "posted", "pubdate"), ()),
    (("author",), ()),
    (("date",), ("update",)),
)
DATE_TEXT_MAX_CHARS = 120
# What follows these words in a date line is an update stamp, not the publication date.
DATE_TEXT_STOP = re.compile(r"\b(?:updated|modified|edited|last\s+updated)\b", re.IGNORECASE)

# With no marked-up byline: a short line inside the article (<article>, <main> or
# role="main") whose text starts with "By".
BY_LINE_CONTAINER_TAGS = ("article", "main")
BY_LINE_CONTAINER_ROLE = "main"
BY_LINE_OPENERS = ("By", "by", "BY")
BY_LINE_START = re.compile(r"^by\s*:?\s+\w", re.IGNORECASE)
BY_LINE_MAX_CHARS = 100
# Text inside these elements is not shown on the page.
HIDDEN_TEXT_TAGS = ("script", "style", "noscript")

# --- author cleaning ---------------------------------------------------------------

# Leading words that introduce a byline ("By Jane Doe", "Von Hans Meier").
BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|reported|words|story|text|published|updated|compiled|"
    r"analysis|opinion|commentary|review|interview|photos?|video)\s+)?"
    r"(?:by|from|von|par|por|door)\s*:?\s+|^\s*(?:author|authors|byline|text|texto|testo|words|автор|текст)\s*:\s*",
    re.IGNORECASE,
)
# Phrases that are never part of a name; cut from the byline wherever they appear.
BYLINE_JUNK_PHRASES = re.compile(
    r"\b(?:e-?mail|contact|follow|view|read|see|more)\s+(?:the\s+)?(?:author|"
    r"(?:all\s+)?(?:posts|articles|stories)(?:\s+by)?|on\s+twitter|him|her|me)\b|"
    r"\bupdated\b.*$|\bpublished\b.*$|\bposted\b.*$|"
    r"\s(?:on|at)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec|\d).*$|"
    r"\b(?:staff|senior|chief|special|contributing|political|foreign|business)\s+"
    r"(?:writer|reporter|correspondent|editor)s?\b|"
    r"\b(?:associated\s+press|for\s+the\s+\w+)\b",
    re.IGNORECASE,
)
# Separators between several names in one byline.
AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|\band\b|&|\bund\b|\bet\b|\by\b|\be\b|\n|(?<=[A-Za-z][a-z]{2})\.\s)\s*"
)
# A single token that makes a candidate not a person's name.
AUTHOR_STOP_WORDS = _words(
    """
    staff writer writers reporter reporters editor editors correspondent contributor
    desk team newsroom news agency agencies press wire wires service online digital
    media group the a an of in at on for with to from about updated published posted
    am pm gmt utc est edt pst pdt bst cet cest ist min mins minute minutes read hours
    hour ago today yesterday photo photos photographer video graphics illustration
    opinion analysis comment comments share email twitter facebook instagram linkedin
    subscribe follow view profile more all articles stories posts bio contact
    international magazine network bureau
    ms md rd phd mph rn mba dds msc bsc ma jr sr channel blog admin administrator guest user
    january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """
)
# Organizations that show up as authors; never a person.
AUTHOR_ORGANIZATIONS = _words(
    """
    reuters ap afp apa dpa ani pti ians upi bloomberg xinhua tass efe ansa kyodo
    yonhap bernama anadolu
    """
)
# Name particles that may be lower-case inside a name.
NAME_PARTICLES = _words(
    "van von der den de del della di da dos das du la le bin bint al el ibn ter ten y"
)
AUTHOR_MAX_WORDS = 5
AUTHOR_MAX_CHARS = 60

# --- publisher named by footer text (plain-text articles) --------------------------

PUBLISHER_FROM_BOILERPLATE = (
    re.compile(r"\bget\s+(?P<name>.+?)\s+(?:stories|news|articles|updates)\s+sent\b", re.I),
    re.compile(r"\b(?:subscribe|sign\s+up)\s+to\s+(?P<name>.+?)(?:'s|’s)?\s+newsletter", re.I),
    re.compile(r"©\s*(?:\d{4}\s*)?(?P<name>[^.,|]+?)(?:\.|,|\||$|\s+all\s+rights)", re.I),
    re.compile(r"\bcopyright\s+(?:©\s*)?(?:\d{4}\s*)?(?P<name>[^.,|]+?)(?:\.|,|\||$)", re.I),
    re.compile(r"\bfollow\s+(?P<name>.+?)\s+on\s+(?:x|twitter|facebook|instagram)\b", re.I),
)

# --- titles ------------------------------------------------------------------------

# Separators between a headline and the site name in <title>/og:title.
# Second-level labels of country domains: bbc.co.uk is "bbc", not "co".
SECOND_LEVEL_SUFFIXES = _words("co com org net ac gov edu ne or go gob")

# A section label around a headline ("Opinion | ...") is at most this long.
TITLE_LABEL_MAX_CHARS = 25
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/|\\)\s+|\s*:\s+")

# --- dates -------------------------------------------------------------------------

MIN_YEAR = 1990
MAX_YEAR = 2100

MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}  # fmt: skip

# Time-zone abbreviations seen in dates, as offsets in minutes.
TZ_ABBREVIATIONS = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0,
    "bst": 60, "cet": 60, "wat": 60, "west": 60,
    "cest": 120, "eet": 120, "cat": 120, "sast": 120,
    "eest": 180, "msk": 180, "eat": 180,
    "ist": 330, "pkt": 300, "almt": 300,
    "sgt": 480, "hkt": 480, "awst": 480, "jst": 540, "kst": 540,
    "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    "et": -300, "ct": -360, "mt": -420, "pt": -480,
    "akst": -540, "akdt": -480, "hst": -600,
}  # fmt: skip

# Dates in URLs: /2026/02/05/, /2026-02-05/, /20260205/, /2026/feb/05/.
URL_DATE_PATTERNS = (
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$|[-_])"),
    re.compile(r"[/_-](?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[/_.-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|[-_]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<mon>[a-z]{3,9})/(?P<d>[0-3]?\d)(?:/|$)", re.I),
)

# Words that introduce a publication date written in the text (read only for articles
# that declare no date: a pattern string, compiled on first use).
TEXT_DATE_CUES = (
    r"(?i)\b(?:published|posted|updated|first\s+published|last\s+updated|date|dated|"
    r"veröffentlicht|publié|publicado|pubblicato)\b\s*(?:on|:|am|le|el|il)?\s*"
)
# The same cues as they appear in a page's own text, and how far after one to look.
PAGE_DATE_CUES = re.compile(
    r"\b(?:published|posted|first\s+published|veröffentlicht|publié|publicado|pubblicato)"
    r"\b\s*(?:on|:|am|le|el|il)?\s*|기사입력\s*:?\s*\[?\s*",
    re.IGNORECASE,
)
PAGE_DATE_CUE_WINDOW = 60
# A paragraph this short that holds a full date is a date line, not a sentence.
DATE_LINE_MAX_WORDS = 12

# --- datelines ---------------------------------------------------------------------

# "ALMATY –", "WASHINGTON (Reuters) -", "LONDON, Feb 5 —", "NEW YORK, N.Y. —".
_PLACE = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]+){0,3}"
_REGION = r"(?:,\s*(?:[A-Z][a-zA-Z.]+\.?(?:\s+[A-Z][a-zA-Z.]+)?|[A-Z]{2,}(?:\s+[A-Z]{2,})?))"
_AGENCY = r"\(\s*[A-Za-z][\w .&-]{0,30}\)"
_SHORT_DATE = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
_DASH = r"\s*(?:–|—|-{1,2}|−|:)\s+"
DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE}(?:{_REGION})?)\s*(?:{_AGENCY})?\s*(?:{_SHORT_DATE})?{_DASH}"
)
# All-caps words that start sentences but are not places.
DATELINE_NOT_PLACES = _words(
    """
    UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION EDITORIAL COMMENT NOTE
    WARNING CORRECTION WATCH LISTEN READ PHOTOS VIDEO LIVE FAQ Q A I OK TV AI
    """
)
DATELINE_MAX_CHARS = 40
# A dateline is looked for at the start of this many leading paragraphs.
DATELINE_PARAGRAPHS = 3

# --- language ----------------------------------------------------------------------

# Frequent function words, chosen to be distinctive between the languages.
STOP_WORDS = {
    "en": _words(
        "the and of to is was that for with on are as by this have from has be were "
        "which their its said would been will not but they it at who an"
    ),
    "de": _words(
        "der die und das ist nicht mit sich des auf für dem ein eine auch wird "
        "von zu den im sie wie bei aus nach hat"
    ),
    "fr": _words(
        "le les des est et une dans pour qui que pas sur sont avec il au du ce "
        "plus ne par cette être"
    ),
    "es": _words(
        "el los las del que y en una por con para es se su al lo como más pero sus fue ha está"
    ),
    "it": _words(
        "il di che e la della per non una sono gli del nel alla con è anche ha come più dei degli"
    ),
    "pt": _words(
        "o os as do da dos das que não uma em para com por é foi ao mais pelo pela também seu sua"
    ),
    "nl": _words(
        "de het een van en is dat niet zijn op met voor er ook aan wordt door bij naar heeft maar"
    ),
}
LANGUAGE_MIN_HITS = 5
LANGUAGE_SAMPLE_WORDS = 400

# Three-letter and legacy language codes seen in pages, mapped to ISO 639-1.
LANGUAGE_ALIASES = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
    "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "zho": "zh",
    "chi": "zh", "jpn": "ja", "ara": "ar", "iw": "he", "in": "id", "ji": "yi",
}  # fmt: skip

"""Selectors, class/id word lists and thresholds for the HTML main-content extractor.

Everything here is data: tag sets, compiled patterns and numbers that `html.py` reads.
No rule is keyed on a site or a domain; the words are the ones page templates use
across publishers for the same kind of box.
"""

from __future__ import annotations

import re

# --- tags -------------------------------------------------------------------------------

# Code and styling: removed first, before any text is read.
SCRIPT_TAGS: tuple[str, ...] = ("script", "style", "noscript", "template")

# Removed with everything inside them before anything is scored, after SCRIPT_TAGS (which
# are gone by then, so they are not matched against every element again).
DROP_TAGS: tuple[str, ...] = (
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "video",
    "audio",
    "map",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "dialog",
    "nav",
    "aside",
    "footer",
    "menu",
)

# Page-chrome tags: dropped unless they hold a good share of the page's prose.
CHROME_TAGS: frozenset[str] = frozenset({"header", "form"})

HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Tags that open a new block of text; everything else is inline and joins the
# surrounding block.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "body", "blockquote", "center", "dd", "details", "div", "dl",
        "dt", "fieldset", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "header", "hgroup", "html", "li", "main", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "form", "caption",
        "picture", "img", "br",
    }
)  # fmt: skip

# Output kind of the block each block-level tag opens ("p" for the rest).
BLOCK_KIND: dict[str, str] = {
    **dict.fromkeys(sorted(HEADING_TAGS), "h"),
    "li": "li",
    "dt": "li",
    "dd": "li",
    "blockquote": "blockquote",
    "pre": "pre",
}

# Blocks nested in these keep their kind (a <p> inside a list item or a quote).
INHERITED_KINDS: frozenset[str] = frozenset({"li", "blockquote", "pre"})

# Inside a table, these mean the table lays out the page rather than holding data.
LAYOUT_IN_TABLE: tuple[str, ...] = ("table", "p", "div", "h1", "h2", "h3", "ul", "ol")

CAPTION_TAGS: frozenset[str] = frozenset({"figcaption"})

# --- class / id words -------------------------------------------------------------------

# A class or id is split into words at "-", "_", spaces and camelCase humps; a box is
# boilerplate when one of its words is here (or when its whole token matches
# BOILERPLATE_TOKEN), unless KEEP_WORDS says it is the article itself.
BOILERPLATE_WORDS: frozenset[str] = frozenset(
    {
        # sharing and social
        "share", "sharing", "sharebar", "sharetools", "social", "socials", "sociallinks",
        "addthis", "sharethis",
        # related, recommended, "read more"
        "related", "recommended", "recommendations", "recirc", "recirculation",
        "readmore", "readnext", "outbrain", "taboola", "trending", "popular",
        "mostread", "mostpopular", "morestories", "moreon", "seealso", "alsoread",
        # newsletter, subscription, paywall
        "newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
        # ads
        "ad", "ads", "adv", "advert", "advertisement", "advertising", "adslot", "adunit",
        "dfp", "gpt", "sponsor", "sponsored", "promo", "promotion", "promoted", "commercial",
        # comments
        "comment", "comments", "commenting", "disqus", "discussion", "respond", "replies",
        # chrome
        "sidebar", "sidebars", "rail", "widget", "widgets", "masthead", "breadcrumb",
        "breadcrumbs", "pagination", "pager", "next", "prev", "previous", "nextprev", "prevnext",
        "postnav", "pagenav", "toolbar", "menu", "navbar", "navigation",
        "nav", "footer", "topbar", "cookie", "cookies", "consent", "gdpr", "modal", "popup",
        "overlay", "skip", "skiplink", "print", "visuallyhidden", "sronly",
        "tags", "tagged", "taglist", "keywords", "topics",
        # hover cards and pop-ups inside paragraphs
        "rollover", "tooltip", "popover", "hovercard",
        # people boxes
        "bio", "biography", "authorbio", "abouttheauthor", "contributor",
        # misc
        "disclaimer", "feedback",
    }
)  # fmt: skip

BOILERPLATE_TOKEN: re.Pattern[str] = re.compile(
    r"^(?:.*[-_](?:ad|ads)(?:[-_].*)?|ad[-_].*|sr-only|screen-reader-text|visually-hidden"
    r"|u-hidden|hide|hidden-.*|more-(?:stories|news|from|on|articles)"
    r"|(?:about|author)[-_]?(?:the[-_]?)?(?:author|bio|box|info|card)"
    r"|read[-_]?(?:more|also|next)|see[-_]?also|also[-_]?read|most[-_]?(?:read|popular|viewed))$",
    re.IGNORECASE,
)

# Words that mark the article container itself; a box carrying one of these is kept
# even when another word on it looks like boilerplate ("article-body has-sidebar").
KEEP_WORDS: frozenset[str] = frozenset(
    {
        "articlebody", "storybody", "entrycontent", "postcontent", "articletext",
        "storytext", "bodytext", "articlecontent", "storycontent", "maincontent",
        "richtext", "paywalled",
    }
)  # fmt: skip

# Embedded posts (tweets, Instagram posts) quoted by the story: kept even inside a box
# named like furniture ("article-widget article-tweet"), unless they are share buttons.
EMBED_WORDS: frozenset[str] = frozenset(
    {"tweet", "twittertweet", "embeddedtweet", "instagram", "instagrammedia", "embed",
     "embedded", "oembed"}
)  # fmt: skip
NOT_EMBED_WORDS: frozenset[str] = frozenset(
    {"share", "sharing", "follow", "button", "btn", "icon", "count"}
)  # fmt: skip

# Class / id / itemprop words of the story's headline.
HEADLINE_WORDS: frozenset[str] = frozenset(
    {"headline", "title", "entrytitle", "posttitle", "articletitle", "storytitle"}
)  # fmt: skip

# A box for these words is taken out of the body but its text kept elsewhere.
CAPTION_WORDS: frozenset[str] = frozenset(
    {"caption", "captions", "figcaption", "credit", "credits", "photocredit", "imagecredit",
     "copyright", "attribution", "wpcaption"}
)  # fmt: skip
BYLINE_WORDS: frozenset[str] = frozenset(
    {"byline", "bylines", "author", "authors", "authorname", "writer", "dateline", "byl"}
)  # fmt: skip
# Attribute values that mark a byline or an author link.
BYLINE_ATTRS: tuple[tuple[str, str], ...] = (
    ("rel", "author"),
    ("itemprop", "author"),
    ("data-testid", "byline"),
)
# Meta boxes next to the byline: timestamps, reading time.
META_WORDS: frozenset[str] = frozenset(
    {"timestamp", "published", "updated", "pubdate", "posted", "readtime", "readingtime",
     "date", "dates", "time", "meta", "metadata", "postmeta", "entrymeta", "articlemeta"}
)  # fmt: skip

# Splits class/id tokens into words: "storyBody__share-bar" -> story, body, share, bar.
WORD_SPLIT: re.Pattern[str] = re.compile(r"[-_\s:.]+|(?<=[a-z0-9])(?=[A-Z])")

# role / aria attributes of page chrome
DROP_ROLES: frozenset[str] = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog",
     "menu", "menubar", "search", "toolbar", "tablist", "button"}
)  # fmt: skip
HIDDEN_STYLE: re.Pattern[str] = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE
)

# --- text rules -------------------------------------------------------------------------

# Whole short blocks that are page furniture, not article text.
BOILERPLATE_TEXT: re.Pattern[str] = re.compile(
    r"^\W*(?:advertisement|advertising|advert|sponsored(?: content)?|ad|"
    r"(?:continue |keep )?read(?:ing)?(?: the)?(?: full| more| next| also| rest)?"
    r"(?: (?:story|article|of (?:the|this) (?:story|article)))?|read more:?.*|"
    r"also read:?.*|see also:?.*|related(?: stories| articles| content| coverage| news)?:?.*|"
    r"more (?:stories|news|coverage|from|on) .{0,60}|"
    r"share(?: this)?(?: (?:story|article|page|on .{0,30}))?|"
    r"(?:sign up|subscribe)(?: (?:now|today|here|for|to) .{0,80})?|"
    r"follow us(?: on .{0,60})?|click here.{0,80}|"
    r"(?:photo|image|video|graphic)s?(?: credit)?:? .{0,80}|"
    r"(?:embed|copy link|print|email|comments?|\d+ comments?|view comments|show comments|"
    r"load comments|leave a comment|skip (?:to|ad).{0,30}|scroll to continue.{0,30}|"
    r"story continues below.{0,40}|article continues below.{0,40}|"
    r"listen to (?:this )?(?:article|story).{0,40}|"
    r"(?:you (?:may|might) also (?:like|enjoy)|more|sources?|highlights):?.{0,40}|"
    r"(?:published|updated|posted|last updated|first published)(?: on| at)?:? .{0,50}\d.{0,30})"
    r")\W*$",
    re.IGNORECASE,
)

# Notices every page carries: cookie consent, affiliate disclosure, browser warnings.
NOTICE_TEXT: re.Pattern[str] = re.compile(
    r"\bcookies?\b.{0,200}\b(?:consent|accept|agree|privacy|settings|policy|browsing|experience)"
    r"|\b(?:affiliate|referral) links?\b|\bupdate (?:to )?(?:a )?(?:modern|newer|supported) browser"
    r"|\benable javascript\b|\bad ?blocker\b"
    r"|\bsign up\b.{0,120}\bnewsletter|\bnewsletter\b.{0,120}\binbox\b"
    r"|\bfollow (?:him|her|them|us|me) (?:on )?(?:twitter|facebook|instagram|linkedin|@)"
    r"|\ball rights reserved\b",
    re.IGNORECASE,
)
NOTICE_MAX_CHARS = 500
# Every NOTICE_TEXT match holds one of these words (lower-case): a cheap test first.
NOTICE_WORDS: tuple[str, ...] = (
    "cookie", "affiliate", "referral", "browser", "javascript", "blocker", "newsletter",
    "follow", "rights reserved",
)  # fmt: skip

# A copyright line in a page footer ("(c) 2026 Daily Ledger Ltd").
COPYRIGHT_LINE: re.Pattern[str] = re.compile(
    r"(?:\bcopyright\s*)?(?:\u00a9|\(c\))[^|\u00b7\n]{2,120}?(?=\.\s|\||\u00b7|$)"
    r"|\bcopyright\s+\d{4}[^|\u00b7\n]{2,120}?(?=\.\s|\||\u00b7|$)",
    re.IGNORECASE,
)
# Every COPYRIGHT_LINE match starts with one of these (lower-case): no need to try the
# pattern before the first of them.
COPYRIGHT_WORDS: tuple[str, ...] = ("\u00a9", "(c)", "copyright")

# A short block that credits a picture: it goes to the captions, not the body.
CREDIT_TEXT: re.Pattern[str] = re.compile(
    r"^\(?(?:image|photo|picture|video|graphic)s? (?:credit|by|courtesy)\b|\u00a9|\(c\) \d{4}"
    r"|\bgetty images\b|\bap photo\b|\breuters/|\bafp/",
    re.IGNORECASE,
)
CREDIT_MAX_CHARS = 200
# Every CREDIT_TEXT match holds one of these (lower-case): a cheap test first.
CREDIT_WORDS: tuple[str, ...] = (
    "image", "photo", "picture", "video", "graphic", "\u00a9", "(c) ", "reuters/", "afp/",
)  # fmt: skip

# A block that is a printed web address (the story shows the link itself).
BARE_URL: re.Pattern[str] = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)

# A sentence-ending mark: prose has them, menus and teaser lists rarely do.
SENTENCE_END: re.Pattern[str] = re.compile(r"[.!?\u3002\u061f][\"'\u201d\u2019)\]]*(?:\s|$)")

# A summary cut off by the page ("... the minister said the plan would…").
TRUNCATED: re.Pattern[str] = re.compile(r"(?:\.\.\.|\u2026)\s*[\])]?$")
# A TRUNCATED match lies within this many characters of the end of a normalised text.
TRUNCATED_TAIL_CHARS = 16

# --- thresholds -------------------------------------------------------------------------

# A block counts as prose (adds to its containers' score) from this many characters.
MIN_PROSE_CHARS = 60
# A block whose link text is more than this share of its text is link furniture.
MAX_LINK_DENSITY = 0.5
# Penalty weight of link text and of short blocks when scoring containers.
LINK_PENALTY = 1.0
SHORT_PENALTY = 12.0
# A link-heavy block inside the story's prose stays when it also has this much plain
# text (a linked lead sentence followed by its explanation).
MIN_LINKED_PLAIN_CHARS = 40
# A chrome tag (header/form) is kept when it holds this share of the page's prose.
CHROME_KEEP_SHARE = 0.3
# A boilerplate-named box is kept when it holds this share of the page's prose.
PROTECT_SHARE = 0.5
# A page is an article when its main content has this much prose ...
MIN_ARTICLE_CHARS = 250
# ... and its main content is not mostly link text.
MAX_CONTENT_LINK_DENSITY = 0.5
# A heading that is a link (a story card's headline) counts against its container like
# this many characters of link text, so a card's summary does not make a feed look like
# prose.
HEADLINE_LINK_PENALTY = 150.0
# Among several <article> elements, one with this share of their score is the story.
ARTICLE_DOMINANCE = 0.5
# ... and is not a feed: this many linked headlines, at least this many per paragraph.
FEED_MIN_HEADLINES = 3
FEED_HEADLINE_SHARE = 0.5

"""Word lists and patterns for plain-text articles, as data."""

from __future__ import annotations

import re

# A paragraph that is an image caption: it carries a photo credit.
CAPTION_MARKERS = re.compile(
    r"(?:\b(?:photo|image|picture|video|graphic)s?(?:\s+credit)?\s*:|"
    r"\((?:photo|image)s?\b[^)]*\)\s*$|\bphoto\s+by\b|\bcredit\s*:|©)",
    re.IGNORECASE,
)

# A paragraph that is a newsletter/subscription/footer box, not article text.
BOILERPLATE_MARKERS = re.compile(
    r"(?:\bsign\s+up\b|\bsubscribe\b|\bnewsletter\b|stories\s+sent\s+directly|"
    r"\bfollow\s+us\s+on\b|\ball\s+rights\s+reserved\b|\bread\s+more\s*:|"
    r"\bclick\s+here\b|\bdownload\s+(?:our|the)\s+app\b)",
    re.IGNORECASE,
)

# Boilerplate is only looked for in the last few paragraphs (footer), so an article
# that reports on a newsletter keeps its text.
FOOTER_WINDOW = 3

# A heading: a short line that is not a sentence.
HEADING_MAX_WORDS = 12
SENTENCE_END = re.compile(r"[.!?:;,…\"”’»)]\s*$")

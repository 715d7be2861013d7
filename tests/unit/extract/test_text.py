import pytest

from newsflow.extract.text import parse_text
from newsflow.model import ExtractError


def kinds(content):
    return [(b.kind, b.text) for b in content.blocks]


@pytest.mark.parametrize(
    "text, expected",
    [
        # headline is the first line; paragraphs split on blank lines; lines joined
        ("Head\n\nOne line\nwraps here.\n\nTwo.", [("p", "One line wraps here."), ("p", "Two.")]),
        # a short line that is not a sentence is a heading
        (
            "Head\n\nFirst para.\n\nA section heading\n\nMore text.",
            [("p", "First para."), ("h", "A section heading"), ("p", "More text.")],
        ),
        # a short line that ends like a sentence stays a paragraph
        ("Head\n\nFirst.\n\nRead the rest here.", [("p", "First."), ("p", "Read the rest here.")]),
        # a short quoted line is not a heading
        ("Head\n\nFirst.\n\n“We will win”", [("p", "First."), ("p", "“We will win”")]),
        # a heading at the very end introduces nothing
        ("Head\n\nFirst.\n\nRelated stories", [("p", "First.")]),
        # CRLF and a BOM are normalised
        ("\ufeffHead\r\n\r\nBody text.\r\n", [("p", "Body text.")]),
    ],
)
def test_blocks(text, expected):
    assert kinds(parse_text(text)) == expected


def test_headline_and_caption_and_footer():
    content = parse_text(
        "The Headline\n\nBody one.\n\nA man at a desk. Photo: Jane Roe.\n\nBody two.\n\n"
        "Get Daily Paper stories sent directly to you! Subscribe now."
    )
    assert content.title == "The Headline"
    assert content.captions == ("A man at a desk. Photo: Jane Roe.",)
    assert content.boilerplate == ("Get Daily Paper stories sent directly to you! Subscribe now.",)
    assert content.paragraphs == ["Body one.", "Body two."]


def test_newsletter_words_inside_the_article_are_kept():
    content = parse_text("Head\n\nThe paper will subscribe readers to a newsletter.\n\nEnd.")
    assert content.paragraphs[0].startswith("The paper will subscribe")


@pytest.mark.parametrize(
    "text, error_type",
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("Only a headline", "no-body"),
        ("Headline\n\nSubheading only", "no-body"),
    ],
)
def test_not_an_article(text, error_type):
    with pytest.raises(ExtractError) as info:
        parse_text(text)
    assert info.value.error_type == error_type


def test_seed_structure(seed_text):
    content = parse_text(seed_text)
    assert content.title.startswith("Tokayev Says Connectivity")
    assert [b.text for b in content.blocks if b.kind == "h"] == [
        "Views on global issues",
        "Multilateral initiatives",
        "On international law and border issues",
        "Political and economic reforms at home",
    ]
    assert len(content.captions) == 1 and content.captions[0].endswith("The News Pakistan.")
    assert "Photo credit" not in content.body_text
    assert "Get The Astana Times stories" not in content.body_text

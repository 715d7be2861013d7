"""Quote detection and speaker attribution: one case per rule, then the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsflow.extract import cues
from newsflow.extract.quotes import extract_quotes

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def check_offsets(text: str, quotes) -> None:
    paragraphs = text.split("\n\n")
    starts = [sum(len(p) + 2 for p in paragraphs[:k]) for k in range(len(paragraphs))]
    for q in quotes:
        assert text[q.start_char : q.end_char] == q.text
        assert starts[q.paragraph_index] <= q.start_char
        assert q.end_char <= starts[q.paragraph_index] + len(paragraphs[q.paragraph_index])
        assert 0.0 <= q.confidence <= 1.0


# (rule, body, expected quotes: each a dict of the fields to check, in order)
CASES = [
    (
        "speaker after the quote: '..., X said'",
        body("“We will build the bridge by spring,” Mayor Ana Ruiz said."),
        [
            {
                "text": "We will build the bridge by spring",
                "kind": "direct",
                "speaker": "Ana Ruiz",
                "speaker_mention": "Mayor Ana Ruiz",
                "speaker_title": "Mayor",
                "cue": "said",
            }
        ],
    ),
    (
        "inverted cue: '..., said X, a Y'",
        body("“The river is rising fast,” said Tom Becker, a hydrologist at the agency."),
        [{"speaker": "Tom Becker", "speaker_mention": "Tom Becker", "cue": "said"}],
    ),
    (
        "appositive after the quote: '..., X, the Y of Z, said'",
        body("“We never got the letter,” Paul Green, the mayor of Riverton, said on Monday."),
        [{"speaker": "Paul Green", "speaker_mention": "Paul Green", "cue": "said"}],
    ),
    (
        "colon-introduced quote: 'X told reporters: ...'",
        body("Lena Ortiz told reporters: “Prices will fall next year.”"),
        [
            {
                "text": "Prices will fall next year",
                "kind": "direct",
                "speaker": "Lena Ortiz",
                "cue": "told",
            }
        ],
    ),
    (
        "comma-introduced quote: 'X said, ...'",
        body("Governor Mark Hill said, “The budget is balanced.”"),
        [{"kind": "direct", "speaker": "Mark Hill", "speaker_title": "Governor"}],
    ),
    (
        "partial quote inside reported speech, with an appositive subject",
        body("Jane Doe, a spokeswoman for the ministry, said it was “fully funded and on time”."),
        [
            {
                "text": "fully funded and on time",
                "kind": "partial",
                "speaker": "Jane Doe",
                "speaker_mention": "Jane Doe",
                "cue": "said",
            }
        ],
    ),
    (
        "partial quote (the seed's form)",
        body("Tokayev said Kazakhstan aims to build “a just, safe, clean, and progressive” state."),
        [{"text": "a just, safe, clean, and progressive", "kind": "partial", "cue": "said"}],
    ),
    (
        "according to X",
        body("“Turnout was the highest in decades,” according to the election commission."),
        [{"speaker_mention": "the election commission", "cue": "according to"}],
    ),
    (
        "organisation as speaker",
        body("“The talks were productive and frank,” the White House said."),
        [{"speaker": "White House", "speaker_mention": "the White House", "cue": "said"}],
    ),
    (
        "pronoun resolved to the recent speaker",
        body(
            "Senator Ruth Kim spoke in Denver on Monday.",
            "“We need more nurses in rural clinics,” she said.",
        ),
        [
            {
                "speaker": "Ruth Kim",
                "speaker_mention": "she",
                "speaker_title": "Senator",
                "cue": "said",
            }
        ],
    ),
    (
        "pronoun picks the person of the fitting gender",
        body(
            "Mrs. Alma Reyes met Mr. Jon Ekberg at the port.",
            "“The cranes are too old to be repaired,” he said.",
        ),
        [{"speaker": "Jon Ekberg", "speaker_mention": "he"}],
    ),
    (
        "'the president' resolved to the person with that title",
        body(
            "President Ana Costa opened the summit in Lisbon.",
            "“Trade must be fair for everyone,” the president said.",
        ),
        [
            {
                "speaker": "Ana Costa",
                "speaker_mention": "the president",
                "speaker_title": "President",
            }
        ],
    ),
    (
        "short name resolved to the full name used earlier",
        body(
            "Kassym-Jomart Tokayev met the delegation in Astana.",
            "“We are ready to invest in the corridor,” Tokayev said.",
        ),
        [{"speaker": "Kassym-Jomart Tokayev", "speaker_mention": "Tokayev"}],
    ),
    (
        "straight double marks",
        body('"Our doors stay open to everyone," Mr. Lane said.'),
        [
            {
                "text": "Our doors stay open to everyone",
                "speaker": "Lane",
                "speaker_mention": "Mr. Lane",
            }
        ],
    ),
    (
        "guillemets",
        body("«We are ready to talk at any time», the envoy said."),
        [{"text": "We are ready to talk at any time", "speaker_mention": "the envoy"}],
    ),
    (
        "low-high marks „…“",
        body("„The border stays open for trucks“, said Klaus Weber."),
        [{"text": "The border stays open for trucks", "speaker": "Klaus Weber"}],
    ),
    (
        "single marks in a text that quotes with them",
        body("‘We will appeal the ruling at once,’ said Sarah Long."),
        [{"text": "We will appeal the ruling at once", "speaker": "Sarah Long"}],
    ),
    (
        "mixed straight and curly marks",
        body('“We will not sign this deal," said Nora Field.'),
        [{"text": "We will not sign this deal", "speaker": "Nora Field"}],
    ),
    (
        "multi-paragraph quote: open mark repeats, no close until the end",
        body(
            "Omar Diaz said: “The first part of the plan is housing for families.",
            "“The second part is transport, and it comes next year.”",
        ),
        [
            {"text": "The first part of the plan is housing for families", "speaker": "Omar Diaz"},
            {
                "text": "The second part is transport, and it comes next year",
                "kind": "continuation",
                "speaker": "Omar Diaz",
                "speaker_mention": None,
                "cue": None,
            },
        ],
    ),
    (
        "second quote of a paragraph with no cue of its own",
        body("“We won the match,” said coach Lee Park. “Next season starts tomorrow.”"),
        [
            {"kind": "direct", "speaker": "Lee Park"},
            {"kind": "continuation", "speaker": "Lee Park", "speaker_mention": None},
        ],
    ),
    (
        "lost opening mark: the quote starts at the paragraph start",
        body("The cuts will hurt small farms first,” Agriculture Minister Ivo Petrov said."),
        [
            {
                "text": "The cuts will hurt small farms first",
                "kind": "direct",
                "speaker": "Ivo Petrov",
                "speaker_title": "Minister",
            }
        ],
    ),
    (
        "lost closing mark before the next quote opens",
        body("“The plant will close in May. “We have no buyer,” the owner said."),
        [{"text": "The plant will close in May"}, {"text": "We have no buyer"}],
    ),
    (
        "nested quote stays inside its quote",
        body("“She told me, ‘Never give up on the team,’ and I never did,” said Carl Rossi."),
        [
            {
                "text": "She told me, ‘Never give up on the team,’ and I never did",
                "speaker": "Carl Rossi",
            }
        ],
    ),
    (
        "apostrophes are not quotation marks",
        body("Don't blame the '90s for the town's woes, the workers' union argued."),
        [],
    ),
    (
        "scare quotes (a word or two, no cue) are left out",
        body("The so-called ‘reform’ passed, and the “realignment” began at once."),
        [],
    ),
    (
        "a word or two with a cue is the speaker's word",
        body("The company called the layoffs a “realignment”."),
        [{"text": "realignment", "kind": "partial", "speaker_mention": "The company"}],
    ),
    (
        "titles in quotation marks are left out",
        body("She appeared on “Meet the Press Today” on Sunday morning."),
        [],
    ),
    (
        "dash attribution",
        body("“The best coffee in this whole town.” ― Mia Chen"),
        [{"speaker": "Mia Chen", "speaker_mention": "Mia Chen"}],
    ),
    (
        "cue verbs in other tenses",
        body(
            "“Prices are going up again,” Rosa Vega says.",
            "“We warned them last year,” Rosa Vega added.",
        ),
        [{"cue": "says"}, {"cue": "added"}],
    ),
    (
        "a description in lower case before the name: 'campaign manager Jo Bell said'",
        body("“We are ready for the vote,” campaign manager Jo Bell said."),
        [{"speaker": "Jo Bell", "speaker_mention": "campaign manager Jo Bell", "cue": "said"}],
    ),
    (
        "inverted cue after a clause: '“...” if it rains, said X'",
        body("“The fair will close early” if it rains tonight, said Ada Marsh, the organiser."),
        [{"speaker": "Ada Marsh", "speaker_mention": "Ada Marsh", "cue": "said"}],
    ),
    (
        "phrasal cue at the end of the sentence: '..., he points out.'",
        body(
            "Mr. Owen Reid spoke first.",
            "“The roads were built for horses,” he points out.",
        ),
        [{"speaker": "Owen Reid", "speaker_mention": "he", "cue": "points out"}],
    ),
    (
        "relative pronoun as the subject: 'X, who said, ...'",
        body("The motion came from Rosa Lind, who told the room, “We cannot wait another year.”"),
        [{"speaker": "Rosa Lind", "speaker_mention": "who", "cue": "told"}],
    ),
    (
        "relative pronoun after an appositive: 'X, the Y, who added'",
        body("It was signed by Tom Eder, the party's treasurer, who added it was “long overdue”."),
        [{"speaker": "Tom Eder", "speaker_mention": "who", "cue": "added"}],
    ),
    (
        "new speech verbs: 'X echoed:'",
        body("Nina Ruiz echoed: “Nobody here wants the mine.”"),
        [{"speaker": "Nina Ruiz", "cue": "echoed"}],
    ),
    (
        "participle cue: the sentence's subject speaks",
        body("In July, Dana Cole attacked the plan, saying “it will cost far too much.”"),
        [{"speaker": "Dana Cole", "cue": "saying"}],
    ),
    (
        "reported speech with a relative clause: its speaker is the next 'he'",
        body(
            "“The wall will hold,” said Maria Lopez, the district engineer.",
            "Ron Hale, who farms 900 acres near the river with his sister, said the family had"
            " moved its grain to higher ground.",
            "“We are not worried yet,” he said.",
        ),
        [{"speaker": "Maria Lopez"}, {"speaker": "Ron Hale", "speaker_mention": "he"}],
    ),
    (
        "gender from first names: 'she' skips the men quoted since",
        body(
            "“We have no water left,” said Zoë Keller, a dairy farmer.",
            "“The permit allows it,” said Étienne Favre. “We pump less than we may.”",
            "For Keller, the meeting cannot come soon enough. She carries water by tractor.",
            "“Forty years we have farmed here,” she said.",
        ),
        [
            {"speaker": "Zoë Keller"},
            {"speaker": "Étienne Favre"},
            {"speaker": "Étienne Favre"},
            {"speaker": "Zoë Keller", "speaker_mention": "she"},
        ],
    ),
    (
        "a description before the name at a sentence start: 'Harbour pilot X told ...'",
        body(
            "“The pier is safe,” said Dana Young, the port director.",
            "Harbour pilot Sam Reyes told the board that the channel was silting up.",
            "“We need dredging this year,” he said.",
        ),
        [{"speaker": "Dana Young"}, {"speaker": "Sam Reyes", "speaker_mention": "he"}],
    ),
    (
        "a job or a title before a name is no part of the name",
        body(
            "Farmer Dale Voss, whose family sold the land, said the sale was hard."
            " “My father bought this ground,” he said.",
            "“The numbers do not work,” said Councillor Amy Ward, who voted against the plan.",
        ),
        [
            {"speaker": "Dale Voss", "speaker_title": None},
            {"speaker": "Amy Ward", "speaker_title": "Councillor"},
        ],
    ),
    (
        "'the Y of Z, Name,' names the person; the short name resolves to the full name",
        body(
            "“The gauge is in the wrong place,” said Paul Roth, a hydrologist.",
            "The mayor of Lac-Vert, Étienne Morel, has called a meeting. Speaking on Monday,"
            " he was blunt: “We will share the river.”",
            "Morel said it was too early to say. “I will not sign anything yet,” he said.",
        ),
        [
            {"speaker": "Paul Roth"},
            {"speaker": "Étienne Morel"},
            {"speaker": "Étienne Morel", "speaker_mention": "he"},
        ],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule(rule: str, text: str, expected: list[dict]) -> None:
    quotes = extract_quotes(text)
    check_offsets(text, quotes)
    assert len(quotes) == len(expected), [q.text for q in quotes]
    got = [{key: getattr(q, key) for key in want} for q, want in zip(quotes, expected, strict=True)]
    assert got == expected


def test_odd_number_of_marks_never_pairs_across_paragraphs() -> None:
    text = body(
        "He called the vote “a mistake. Nobody else agreed with him.",
        'The count resumes on Friday," officials said.',
        "“Nothing",
        "”",
    )
    quotes = extract_quotes(text)
    check_offsets(text, quotes)
    assert all("\n" not in q.text for q in quotes)


def test_guessed_speaker_has_low_confidence() -> None:
    text = body(
        "“The harbour will reopen on Monday,” said Ines Moreau.",
        "The weather stayed calm all week and ships queued outside.",
        "Trucks lined the coast road for miles.",
        "“Nobody saw this coming at all.”",
    )
    quotes = extract_quotes(text)
    assert quotes[0].confidence >= 0.9
    assert quotes[-1].confidence < 0.5


def test_empty_and_markless_bodies() -> None:
    assert extract_quotes("") == []
    assert extract_quotes("No quotes here.\n\nNone at all.") == []


def test_cue_verbs_come_with_their_tenses() -> None:
    for form in ("say", "says", "said", "saying", "told", "wrote", "noted", "warned", "asks"):
        assert form in cues.CUE_FORMS


# --- the seed article ---------------------------------------------------------------------


def seed_body() -> str:
    """The seed's body: no headline, caption or newsletter footer; headings kept."""
    text = (SEED / "astana-times-tokayev-pakistan.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in text.split("\n", 1)[1].split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    paragraphs = [p for p in paragraphs if not p.endswith("Photo credit: The News Pakistan.")]
    return "\n\n".join(paragraphs[:-1])  # the last paragraph is the newsletter footer


def test_seed_gold_quotes() -> None:
    gold = json.loads((SEED / "astana-times-tokayev-pakistan.gold.json").read_text("utf-8"))
    text = seed_body()
    assert "Views on global issues" in text.split("\n\n")
    quotes = extract_quotes(text)
    check_offsets(text, quotes)
    assert len(quotes) == len(gold["quotes"]) == 10
    for q, want in zip(quotes, gold["quotes"], strict=True):
        assert q.text.startswith(want["starts_with"]), q.text
        assert q.text.endswith(want["ends_with"]), q.text
        assert q.speaker == want["speaker"]
        assert q.speaker_mention == want["speaker_mention"]
        assert q.cue == want["cue"]
        assert q.kind == want["kind"]
        assert q.speaker_title == gold["speaker_titles"][q.speaker]

"""Word lists for quote detection and speaker attribution, kept as data.

quotes.py reads these; nothing here does work beyond splitting the lists and building the
verb forms once.
"""

from __future__ import annotations

# fmt: off


def _words(text: str) -> tuple[str, ...]:
    """A word list written as text, its entries between commas: a literal of as many
    strings takes several times longer to compile."""
    return tuple(word.strip() for word in text.split(","))


# --- quotation marks -------------------------------------------------------------------

DOUBLE_MARKS = frozenset('"“”„‟«»')
SINGLE_MARKS = frozenset("'‘’‚‛‹›")
OPENING_GLYPHS = frozenset("“„‟«‘‚‛‹")  # glyphs drawn as openers (“ also closes „…“)
CLOSING_GLYPHS = frozenset("”»’›")
STRAIGHT_GLYPHS = frozenset("\"'")
# characters that may stand right before an opening mark / right after a closing one
LEFT_BOUNDARY = frozenset("([{—–-―/:")
RIGHT_BOUNDARY = frozenset(".,;:!?)]}—–-―…")
# contractions written with a leading apostrophe: 'em, 'n', 'til ...
LEADING_APOSTROPHE_WORDS = frozenset({"em", "n", "til", "cause", "tis", "twas", "bout", "nuff"})

# --- cue verbs -------------------------------------------------------------------------

# base form -> irregular (3rd person, past, -ing) forms; regular verbs are inflected below
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "sing": ("sings", "sang", "singing"),
    "read": ("reads", "read", "reading"),
    "begin": ("begins", "began", "beginning"),
    "go on": ("goes on", "went on", "going on"),
    "point out": ("points out", "pointed out", "pointing out"),
    "fire back": ("fires back", "fired back", "firing back"),
    "shoot back": ("shoots back", "shot back", "shooting back"),
    "spell out": ("spells out", "spelled out", "spelling out"),
    "chime in": ("chimes in", "chimed in", "chiming in"),
    "cut in": ("cuts in", "cut in", "cutting in"),
    "cry": ("cries", "cried", "crying"),
    "reply": ("replies", "replied", "replying"),
    "testify": ("testifies", "testified", "testifying"),
    "clarify": ("clarifies", "clarified", "clarifying"),
    "quip": ("quips", "quipped", "quipping"),
    "snap": ("snaps", "snapped", "snapping"),
    "chide": ("chides", "chided", "chiding"),
    "admit": ("admits", "admitted", "admitting"),
    "tweet": ("tweets", "tweeted", "tweeting"),
}

# verbs that introduce what someone said (speech and writing)
SPEECH_VERBS = _words(
    """
    say, tell, add, note, stress, warn, write, ask, explain, continue, argue, insist, claim,
    declare, state, announce, reply, respond, recall, acknowledge, admit, concede, complain,
    contend, counter, emphasize, emphasise, observe, remark, report, tweet, post, joke, quip,
    predict, promise, vow, suggest, agree, caution, urge, conclude, maintain, assert, allege,
    boast, charge, confirm, deny, lament, mention, muse, plead, proclaim, recount, reiterate,
    retort, reveal, scoff, shout, sigh, speculate, testify, threaten, whisper, yell, wonder,
    advise, underline, underscore, highlight, pledge, demand, reflect, interject, chant, sing,
    read, exclaim, snap, fume, grumble, concur, point out, go on, begin, laugh, cry,
    elaborate, clarify, assure, hint, estimate, chide, scold, counsel, fire back, shoot back,
    spell out, implore, plead, wrote, gush, rail, tout, brag, accuse, mock, blast, slam, cite,
    criticize, criticise, praise, describe, call, dub, label, brand, characterize, term,
    quote, echo, demur, bark, interrupt, vent, rant, scream, lecture, chime in, cut in
    """
)


def _regular(base: str) -> tuple[str, ...]:
    if base.endswith("e"):
        return base + "s", base + "d", base[:-1] + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es", base + "ed", base + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    return base + "s", base + "ed", base + "ing"


def _forms() -> dict[str, str]:
    """Every written form of every cue verb -> its base form."""
    out: dict[str, str] = {}
    for base in SPEECH_VERBS:
        for form in (base, *_IRREGULAR.get(base, _regular(base))):
            out.setdefault(form, base)
    return out


CUE_FORMS: dict[str, str] = _forms()

# phrases that name the source after them ("according to the ministry")
SOURCE_PHRASES = ("according to", "as reported by", "in the words of")


# --- people and organisations ----------------------------------------------------------

HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Mx.", "Sir", "Dame"})
MALE_HONORIFICS = frozenset({"Mr.", "Mr", "Sir", "Lord"})
FEMALE_HONORIFICS = frozenset({"Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Dame", "Lady"})

# titles written before a name, longest first when matched (quotes.py sorts them)
TITLES = _words(
    """
    President, Vice President, President-elect, Vice President-elect, Prime Minister,
    Deputy Prime Minister, Foreign Minister, Minister, Deputy Minister, Secretary of State,
    Secretary, Attorney General, Senator, Sen., Representative, Rep., Congressman,
    Congresswoman, Governor, Gov., Lt. Gov., Lieutenant Governor, Mayor, Speaker,
    House Speaker, Chancellor, King, Queen, Prince, Princess, Pope, Judge, Justice,
    Chief Justice, Ambassador, General, Gen., Lt. Gen., Maj. Gen., Brig. Gen., Admiral, Adm.,
    Colonel, Col., Captain, Capt., Lieutenant, Lt., Sergeant, Sgt., Major, Maj., Commissioner,
    Chairman, Chairwoman, Director, Dr., Professor, Prof., Rev., Reverend, Father, Sheikh,
    Emir, Sultan, Chief, Police Chief, Sheriff, Detective, Officer, Councilman, Councilwoman,
    Assemblyman, Assemblywoman, Majority Leader, Minority Leader, Senate Majority Leader,
    Senate Minority Leader, House Majority Leader, House Minority Leader, Press Secretary,
    Archbishop, Bishop, Cardinal, Rabbi, Imam, Coach, Premier, Chief Executive, Crown Prince,
    Councillor, Councilor, Alderman, Alderwoman, Deputy Mayor
    """
)

# role nouns a description may use for a person named earlier ("the president said")
ROLE_NOUNS = frozenset(
    _words(
        """
        president, vice president, prime minister, minister, senator, congressman,
        congresswoman, representative, lawmaker, governor, mayor, secretary, chancellor,
        spokesman, spokeswoman, spokesperson, candidate, nominee, chairman, chairwoman, chair,
        director, lawyer, attorney, judge, professor, economist, analyst, leader, ambassador,
        general, commissioner, chief, sheriff, officer, king, queen, pope, executive, founder,
        coach, businessman, businesswoman, billionaire, mogul, host, anchor, actor, actress,
        singer, rapper, author, writer, activist, pastor, bishop, adviser, advisor, aide,
        strategist, pollster, manager, owner, developer, researcher, scientist, doctor,
        physician, expert, democrat, republican, frontrunner, incumbent, challenger, diplomat,
        envoy, premier, speaker, official, historian, columnist, journalist, reporter,
        commentator, filmmaker, star, ceo, mother, father, veteran, student, farmer, rancher,
        teacher, nurse, engineer, hydrologist, meteorologist, councillor, councilor, resident,
        homeowner, worker, retiree
        """
    )
)

PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "i": "s",
    "we": "p",
    "it": "o",
    "you": "s",
}

# words that make a name an organisation ("the White House", "The New York Post")
ORG_WORDS = frozenset(
    _words(
        """
        House, Department, Ministry, Party, Committee, Campaign, Times, Post, Journal, News,
        Agency, Council, Commission, Office, Inc., Corp., Company, University, Association,
        Institute, Bank, Court, Administration, Government, Service, Foundation, Center,
        Centre, Group, Union, Organization, Organisation, Coalition, Network, Police, Board,
        Congress, Senate, Parliament, Assembly, Embassy, Bureau, Fund, Reuters, CNN, Fox,
        Tribune, Herald, Press, Gazette, Daily, Magazine, Review, Club, Caucus, PAC,
        Authority, Kremlin, Pentagon, Guardian, Telegraph, Associated, Federation, League,
        Alliance, Society, Trust, Forum, Cabinet, Secretariat, Politico, PolitiFact, Hedge,
        NBC, ABC, CBS, MSNBC, BBC, AP, AFP, FBI, CIA, NSA, DNC, RNC, GOP, NRA, UN, NATO, EU,
        SA, AG, GmbH, Ltd, Ltd., LLC, plc, PLC
        """
    )
)
ORG_NOUNS = frozenset(
    _words(
        """
        campaign, company, ministry, agency, department, government, administration,
        newspaper, daily, paper, network, group, organization, organisation, committee,
        report, statement, letter, lawsuit, complaint, poll, survey, study, court, firm, bank,
        office, commission, council, party, magazine, outlet, website, site, station, channel,
        union, team, board, ad, memo, filing, document, release, post, tweet, book, embassy,
        police, authorities, spokesperson, town, city, county, school, university, church,
        article, editorial, piece, ruling, order, brief, clip, video, analysis, account,
        transcript
        """
    )
)

# subjects that are groups of people ("sources said", "officials say")
GROUP_NOUNS = frozenset(
    _words(
        """
        officials, sources, aides, critics, supporters, lawmakers, analysts, experts,
        residents, voters, democrats, republicans, advocates, members, leaders, protesters,
        people, observers, insiders, staffers, investigators, prosecutors, police,
        authorities, witnesses, researchers, economists, senators, activists, organizers,
        others, both, allies, opponents
        """
    )
)

# --- words around the subject of a cue -------------------------------------------------

# dropped from the start of a subject ("But Mr. Grassley said")
LEADING_FILLERS = frozenset(
    _words(
        """
        but, and, so, yet, still, meanwhile, however, now, then, also, indeed, instead, later,
        earlier, or, as, while, though, although, because, when, if, that, where, whereas,
        since, after, before, here, there, today, tonight, thus, hence, finally, again,
        moreover, plus, nor, than, what, which, who, —, –, -, ―
        """
    )
)
# dropped from the end of a subject ("Mr. Obama has often said")
TRAILING_FILLERS = frozenset(
    _words(
        """
        also, later, then, previously, recently, once, often, repeatedly, reportedly,
        publicly, privately, simply, flatly, quickly, finally, further, again, separately,
        earlier, already, still, has, had, have, was, is, were, are, would, will, did, does,
        do, could, might, may, should, must, can, since, just, even, never, always,
        frequently, famously, angrily, firmly, bluntly, openly, succinctly, wryly, jokingly,
        sarcastically, tersely, curtly, sharply, softly, loudly, proudly, clearly, explicitly,
        directly, specifically, initially, first, last, subsequently, ultimately, eventually,
        not, n't, been, being, now, today, yesterday, tonight, herself, himself, themselves,
        itself, on, in
        """
    )
)
# the words that end a subject read after an inverted cue ("said Jane Doe, a ...")
SUBJECT_STOPS = frozenset(
    _words(
        """
        in, on, during, after, before, when, while, who, which, that, because, as, at, to,
        with, about, since, referring, adding, noting, last, this, from, via, and, but, than,
        told, earlier, later, monday, tuesday, wednesday, thursday, friday, saturday, sunday,
        yesterday, today, tonight, recently, then, also
        """
    )
)

DETERMINERS = frozenset(
    _words(
        """
        the, a, an, this, that, these, those, his, her, their, its, our, my, your, one, two,
        three, several, many, some, other, another, both, most, all, few, each, every, no,
        any
        """
    )
)

# capitalised words that do not start a name (sentence openers, weekdays, months, ...)
NOT_NAMES = frozenset(
    _words(
        """
        The, A, An, In, On, At, But, And, Or, So, If, When, While, After, Before, As, For,
        With, Without, From, To, By, Of, It, He, She, They, We, I, You, This, That, These,
        Those, There, Here, His, Her, Their, Our, My, Your, Its, Yet, Still, Meanwhile,
        However, Now, Then, Also, Asked, According, During, Since, Until, Although, Though,
        Because, Despite, Even, Just, Only, What, Who, Why, How, Where, Which, Monday,
        Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, January, February, March,
        April, May, June, July, August, September, October, November, December, Jan., Feb.,
        Mar., Apr., Jun., Jul., Aug., Sep., Sept., Oct., Nov., Dec., Mr., Mrs., Ms., Dr.,
        Read, More, Speaking, Like, Unlike, Some, Many, Most, All, No, Not, Yes, Well, Oh,
        Indeed, Instead, Last, Next, Later, Earlier, Today, Tonight, Yesterday, Tomorrow,
        Under, Over, About, Against, Among, Between, Into, Through, Throughout, Upon, Both,
        Either, Neither, Each, Every, Other, Another, Such, One, Two, Three, First, Second,
        Third, Do, Does, Did, Is, Are, Was, Were, Will, Would, Can, Could, Should, Might,
        Must, Let, Please, Thank, Thanks, Let's, Don't, It's, That's, There's, I'm, We're,
        Democrat, Democrats, Republican, Republicans, American, Americans, ABSTRACT, FULL,
        TEXT, Photo, Video, Image, Getty, WASHINGTON
        """
    )
)

NAME_PARTICLES = frozenset(
    _words(
        """
        de, da, del, della, di, du, van, von, der, den, le, la, al, bin, ibn, dos, das, ben,
        st.
        """
    )
)
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})

# words after which a period does not end a sentence
ABBREVIATIONS = frozenset(
    _words(
        """
        mr, mrs, ms, dr, sen, rep, gov, gen, lt, col, capt, sgt, adm, maj, st, jr, sr, prof,
        rev, hon, jan, feb, mar, apr, jun, jul, aug, sep, sept, oct, nov, dec, no, vs, inc,
        corp, co, ltd, mt, ft, gens, reps, sens, brig, cmdr, fig, approx, dept, est
        """
    )
)

# small lists of first names that say which pronoun fits (used only when nothing else does)
FEMALE_FIRST_NAMES = frozenset(
    _words(
        """
        hillary, elizabeth, nancy, sarah, michelle, melania, ivanka, chelsea, mary, patricia,
        jennifer, linda, barbara, susan, jessica, karen, lisa, betty, margaret, sandra,
        ashley, kimberly, emily, donna, carol, amanda, melissa, deborah, stephanie, rebecca,
        laura, sharon, cynthia, kathleen, amy, angela, anna, brenda, pamela, nicole, emma,
        samantha, katherine, christine, debra, rachel, catherine, carolyn, janet, ruth, maria,
        heather, diane, virginia, julie, joyce, victoria, kelly, christina, lauren, joan,
        evelyn, olivia, judith, megan, cheryl, martha, andrea, frances, hannah, jacqueline,
        ann, gloria, jean, kathryn, alice, teresa, sara, janice, doris, madison, julia, grace,
        judy, abigail, marie, denise, beverly, amber, theresa, marilyn, danielle, diana,
        brittany, natalie, sophia, rose, isabella, alexis, kayla, charlotte, loretta,
        kellyanne, huma, condoleezza, marine, claire, kirsten, tammy, dianne, debbie, jill,
        ava, sonya, krystal, esther, carla, melanie, angelique, annette, ellen, helen, zoë,
        zoe, mira, maya, hélène, marguerite, sophie, chloé, chloe, ingrid, agnieszka, fatima,
        aisha, priya, mei, ana, lucia, sofia, elena, irene, monica, wendy, hope, tanya,
        gretchen, molly, kate
        """
    )
)
MALE_FIRST_NAMES = frozenset(
    _words(
        """
        donald, barack, bill, bernie, mike, tim, joe, john, james, robert, michael, william,
        david, richard, joseph, thomas, charles, christopher, daniel, matthew, anthony, mark,
        paul, steven, andrew, kenneth, joshua, kevin, brian, george, edward, ronald, timothy,
        jason, jeffrey, ryan, jacob, gary, nicholas, eric, jonathan, stephen, larry, justin,
        scott, brandon, benjamin, samuel, frank, gregory, raymond, alexander, patrick, jack,
        dennis, jerry, tyler, aaron, jose, adam, henry, nathan, douglas, zachary, peter, kyle,
        walter, ethan, jeremy, harold, keith, christian, roger, noah, gerald, carl, terry,
        sean, austin, arthur, lawrence, jesse, dylan, bryan, jordan, billy, bruce, albert,
        willie, gabriel, logan, alan, juan, wayne, roy, ralph, randy, eugene, vincent,
        russell, louis, philip, bobby, johnny, bradley, ted, marco, jeb, chris, rand, reince,
        newt, rudy, vladimir, xi, mitch, harry, chuck, lindsey, kassym-jomart, recep,
        emmanuel, narendra, rush, corey, jared, hans, lester, josh, ron, tom, dale, walt, raj,
        dan, jim, bob, steve, tony, ben, sam, herman, dave, doug, greg, rick, ken, ed, al,
        étienne, etienne, françois, francois, josé, jean-pierre, pierre, jacques, luis,
        carlos, miguel, giovanni, karl, klaus, jürgen, olaf, lars, sven, ahmed, mohammed,
        muhammad, ali, rahul, hiroshi, colin, neil, ian, graham, malcolm, stuart, hank, reid,
        glen
        """
    )
)

# lower-case words that may sit inside a speaker's description
# ("White House press secretary Josh Earnest", "Texas delegate Bill Eastland")
DESCRIPTORS = frozenset(
    _words(
        """
        former, retired, senior, top, then, acting, deputy, chief, press, campaign,
        communications, policy, security, foreign, national, state, presidential, vice,
        general, executive, assistant, associate, political, longtime, fellow, independent,
        conservative, liberal, progressive, democratic, republican, rival, federal, local,
        county, city, district, delegate, delegates, voter, supporter, member, of, for, at,
        and, the, de, van, von, al, bin, la, le, du, da, del, di, new, majority, minority,
        house, senate, white, news, editorial, board, team, staff, public, health, economic,
        financial, legal, medical, military, defense, intelligence, police, party, leadership,
        advocacy, research, office
        """
    )
)

# words that never start the subject of a cue: prepositions, conjunctions, adverbs
NOT_SUBJECT_START = frozenset(
    _words(
        """
        clearly, ultimately, similarly, separately, recently, notably, additionally,
        importantly, unfortunately, fortunately, interestingly, ironically, surprisingly,
        specifically, basically, apparently, obviously, hopefully, frankly, honestly,
        initially, previously, currently, eventually, soon, certainly, likewise, nonetheless,
        in, on, at, by, for, with, without, from, to, of, after, before, during, since, until,
        despite, following, about, against, among, between, into, through, throughout, under,
        over, upon, like, unlike, as, when, while, if, although, though, because, what, why,
        how, where, which, who, is, are, was, were, asked, speaking, read, more, perhaps,
        maybe, yes, no, not, well, oh, indeed, instead, last, next, later, earlier, today,
        tonight, yesterday, tomorrow, even, just, only, such, let, please, thank, thanks,
        according, here, there, now, then, so, yet, still, meanwhile, however, also, but, and,
        or, given, once, twice, again, already, first, finally, immediately, never, monday,
        tuesday, wednesday, thursday, friday, saturday, sunday, january, february, march,
        april, june, july, august, september, october, november, december, it's, that's,
        there's, abstract, full, text
        """
    )
)

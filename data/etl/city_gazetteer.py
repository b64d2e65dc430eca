"""Place names → prefecture-level city, by name only (never by coordinates).

The gazetteer holds, per province, every prefecture-level and county-level
name of the GB/T 2260 code list (2025, ``geo/china_division_codes_2025.csv``)
plus older county-level names only found in the older code list of
``geo/cpca_adcodes_lonlat.csv`` (cpca package, 2020-11 snapshot with some names of
2016–2019; e.g. 即墨市, 彬县, 莱芜市), each with its
usual short forms (石家庄市 → 石家庄, 磴口县 → 磴口, 东乡族自治县 → 东乡).
A county belongs to the prefecture whose code it starts with; two retired
prefecture codes are sent to their successors (莱芜 371200 → 济南 370100,
2019; 那曲地区 542400 → 那曲市 540600, 2018). Counties under a province's
"directly administered" block (419001 济源, 4290xx 仙桃…, 4690xx Hainan,
6590xx Xinjiang Production and Construction Corps cities) have no
prefecture: they are reported as ``province_administered``.

Two matching rules, both documented in ``data/ZONE_CONCORDANCE.md``:

* :meth:`Gazetteer.locate` (zone names, firm cities): collect every name in the
  text; the prefecture with most hits wins, ties go to the earliest hit; a
  text naming two places joined by a dash (江阴—靖江, 成都—阿坝) that resolve to
  different prefectures is ``ambiguous``.
* :meth:`Gazetteer.locate_address` (postal addresses): read the administrative
  chain at the start of the address (省 → 市 → 县, ending at the first county)
  and take the most specific link (甘肃省酒泉市嘉峪关市 → 嘉峪关); fall back to
  :meth:`locate` when the address does not start with one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.etl.facts import REGIONS
from data.etl.sources import SourceError, check_columns, read_csv

DIVISIONS = "geo/china_division_codes_2025.csv"
OLD_CODES = "geo/cpca_adcodes_lonlat.csv"
INPUTS = (DIVISIONS, OLD_CODES)

#: The four municipalities are one city unit each (city code = province + 0100).
MUNICIPALITIES = {110000: 110100, 120000: 120100, 310000: 310100, 500000: 500100}

#: Prefecture codes that no longer exist → successor (FIERsity crosswalk events).
RETIRED_PREFECTURES = {371200: 370100, 542400: 540600}

#: Non-standard spellings seen in the sources → official name in the same province.
#: Only former official names, standard abbreviations and one evident typo.
ALIASES: dict[tuple[int, str], str] = {
    (210000, "旅顺"): "旅顺口区",          # 大连旅顺口区, usual short form
    (340000, "居巢"): "巢湖市",            # 居巢区 became county-level 巢湖市 (合肥) in 2011
    (370000, "胶南"): "黄岛区",            # 胶南市 merged into 青岛黄岛区 in 2012
    (370000, "湽博"): "淄博市",            # typo in the catalogue (湽 for 淄)
    (510000, "安县"): "安州区",            # 安县 became 绵阳安州区 in 2016
    (150000, "杭后"): "杭锦后旗",          # standard abbreviation
    (150000, "科左后旗"): "科尔沁左翼后旗",  # standard abbreviation
    (150000, "科右前旗"): "科尔沁右翼前旗",  # standard abbreviation
    (150000, "察哈尔"): "乌兰察布市",       # the three 察哈尔右翼 banners are all in 乌兰察布
}

#: Geographic words that contain a city name but are not that city.
MASKED_WORDS = ("杭州湾", "北部湾")

_ETHNIC = ("蒙古族|蒙古|藏族|羌族|彝族|回族|苗族|侗族|布依族|土家族|朝鲜族|哈尼族|傣族|景颇族|白族|"
           "傈僳族|壮族|哈萨克族|哈萨克|柯尔克孜|黎族|瑶族|畲族|满族|仫佬族|毛南族|仡佬族|水族|纳西族|"
           "拉祜族|佤族|普米族|独龙族|怒族|达斡尔族|鄂温克族|鄂伦春|锡伯|撒拉族|保安族|东乡族|土族|"
           "裕固族|塔吉克|各族|维吾尔|京族|阿昌族|德昂族|布朗族|基诺族")
_AUTONOMOUS = re.compile(rf"^(?P<base>.*?)(?P<groups>(?:{_ETHNIC})+)自治(?:州|县|旗)$")
_SUFFIXES = ("特别行政区", "地区", "林区", "特区", "市", "县", "区", "旗", "盟")


def short_forms(name: str) -> set[str]:
    """Return ``name`` and its usual short forms (at least two characters).

    Examples
    --------
    >>> sorted(short_forms("楚雄彝族自治州"))
    ['楚雄', '楚雄彝族自治州']
    >>> sorted(short_forms("东乡族自治县"))
    ['东乡', '东乡族自治县']
    """
    forms = {name}
    match = _AUTONOMOUS.match(name)
    if match:
        base = match.group("base")
        forms.add(base if base else match.group("groups").removesuffix("族"))
        return {f for f in forms if len(f) >= 2}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.add(name[: -len(suffix)])
            break
    return {f for f in forms if len(f) >= 2}


def short_name(name: str) -> str:
    """The conventional short name of a prefecture-level unit (石家庄市 → 石家庄)."""
    match = _AUTONOMOUS.match(name)
    if match and match.group("base"):
        return match.group("base")
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a county-level (or prefecture-level) unit."""

    code: int
    city: int | None  # prefecture-level city code; None = province-administered county
    level: str        # "prefecture" or "county"


@dataclass(frozen=True)
class Location:
    """Result of locating a text.

    ``status`` is ``municipality``, ``matched``, ``province_administered``,
    ``ambiguous`` or ``unlocated``; ``city`` is set for the first two only.
    ``county`` is the most specific county-level code named (if any).
    """

    status: str
    city: int | None = None
    county: int | None = None
    matched: str = ""


_PROVINCES = {code: (full, short) for code, full, short, _en, _macro in REGIONS}


class Gazetteer:
    """Names of prefecture- and county-level units per province.

    Parameters
    ----------
    prefectures : dict
        Prefecture-level city code → legal name (the ``cities`` roster).
    divisions : pandas.DataFrame
        Current GB/T 2260 list (``code``, ``name``).
    old_divisions : pandas.DataFrame, optional
        Older list (``code``, ``name``); used only for names absent from the current one.
    aliases : dict, optional
        ``(province, spelling) → official name`` (:data:`ALIASES` for the real lists);
        an official name missing from the lists raises :class:`SourceError`.
    """

    def __init__(self, prefectures: dict[int, str], divisions: pd.DataFrame,
                 old_divisions: pd.DataFrame | None = None,
                 aliases: dict[tuple[int, str], str] | None = None) -> None:
        self.prefectures = dict(prefectures)
        self.names: dict[int, dict[str, set[Place]]] = {p: {} for p in _PROVINCES}
        for code, name in prefectures.items():
            self._add(code, name, Place(code, code, "prefecture"))
        current = self._add_list(divisions, skip_known=False)
        if old_divisions is not None:
            self._add_list(old_divisions, skip_known=True, known=current)
        for (province, alias), official in (aliases or {}).items():
            places = self.names[province].get(official)
            if not places:
                raise SourceError(f"{DIVISIONS}: alias target {official!r} not found in province {province}")
            self.names[province][alias] = set(places)
        self._patterns = {p: sorted(names, key=len, reverse=True) for p, names in self.names.items()}

    def _city_of(self, code: int) -> int | None:
        province = code // 10000 * 10000
        if province in MUNICIPALITIES:
            return MUNICIPALITIES[province]
        prefecture = code // 100 * 100
        prefecture = RETIRED_PREFECTURES.get(prefecture, prefecture)
        return prefecture if prefecture in self.prefectures else None

    def _add(self, code: int, name: str, place: Place) -> None:
        province = code // 10000 * 10000
        if province not in self.names:
            return
        for form in short_forms(name):
            self.names[province].setdefault(form, set()).add(place)

    def _add_list(self, table: pd.DataFrame, skip_known: bool,
                  known: set[tuple[int, str]] | None = None) -> set[tuple[int, str]]:
        added: set[tuple[int, str]] = set()
        for code, name in zip(table["code"].astype(int), table["name"].astype(str)):
            if code % 10000 == 0 or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            province = code // 10000 * 10000
            forms = short_forms(name)
            if skip_known and known is not None and any((province, f) in known for f in forms):
                continue
            if code % 100 == 0:
                city = self._city_of(code)
                if city is None or city != code:
                    continue  # old prefecture codes are covered by the roster
                place = Place(code, city, "prefecture")
            else:
                place = Place(code, self._city_of(code), "county")
            self._add(code, name, place)
            added.update((province, f) for f in forms)
        return added

    # -- matching -----------------------------------------------------------------------------
    def _clean(self, text: str, province: int) -> str:
        text = re.sub(r"\s+", "", str(text))
        for word in MASKED_WORDS:
            text = text.replace(word, "#" * len(word))
        full, short = _PROVINCES[province]
        for prefix in (full, short, "省", "自治区"):
            if not text.startswith(prefix) or len(text) == len(prefix):  # 吉林 alone is 吉林市
                continue
            if any(len(name) > len(prefix) and text.startswith(name) for name in self.names[province]):
                continue  # 吉林市… starts with a city name, not with the province
            text = text[len(prefix):]
        return text

    def hits(self, text: str, province: int) -> list[tuple[int, str, frozenset[Place]]]:
        """Non-overlapping names found in ``text``, longest first at each position."""
        found = []
        names = self.names[province]
        position = 0
        while position < len(text):
            for name in self._patterns[province]:
                if text.startswith(name, position):
                    found.append((position, name, frozenset(names[name])))
                    position += len(name)
                    break
            else:
                position += 1
        return found

    @staticmethod
    def _counties(places: frozenset[Place]) -> set[int]:
        """County codes a hit names; none when the name is also a prefecture (本溪 = 本溪市)."""
        if any(p.level == "prefecture" for p in places):
            return set()
        return {p.code for p in places}

    @classmethod
    def _result(cls, places: frozenset[Place], name: str) -> Location:
        cities = {p.city for p in places}
        counties = cls._counties(places)
        county = counties.pop() if len(counties) == 1 else None
        if cities == {None}:
            return Location("province_administered", None, county, name)
        if len(cities) == 1:
            return Location("matched", cities.pop(), county, name)
        return Location("ambiguous", None, None, name)

    def locate(self, text: str, province: int) -> Location:
        """Locate a zone name or a city field within ``province`` (see module notes)."""
        if province in MUNICIPALITIES:
            return Location("municipality", MUNICIPALITIES[province], None, _PROVINCES[province][1])
        if province not in self.names:
            raise ValueError(f"unknown province code {province}")
        text = self._clean(text, province)
        found = self.hits(text, province)
        if not found:
            return Location("unlocated")
        if "—" in text or "-" in text:
            parts = re.split(r"[—-]+", text)
            sides = [{p.city for _, n, ps in found for p in ps if n in part} for part in parts]
            sides = [s for s in sides if s]
            if len(sides) > 1 and len(set.union(*sides)) > 1:
                return Location("ambiguous", matched="|".join(n for _, n, _ in found))
        votes: dict[int | None, list[int]] = {}
        for index, (_pos, _name, places) in enumerate(found):
            for city in {p.city for p in places}:
                votes.setdefault(city, []).append(index)
        best = max(votes.values(), key=lambda idx: (len(idx), -idx[0]))
        top = [c for c, idx in votes.items() if (len(idx), idx[0]) == (len(best), best[0])]
        if len(top) > 1:
            return Location("ambiguous", matched="|".join(n for _, n, _ in found))
        city = top[0]
        support = [found[i] for i in votes[city]]
        counties = {code for _, _, places in support for code in self._counties(places)
                    if any(p.code == code and p.city == city for p in places)}
        county = counties.pop() if len(counties) == 1 else None
        status = "province_administered" if city is None else "matched"
        return Location(status, city, county, "|".join(n for _, n, _ in support))

    def locate_address(self, address: str, province: int) -> Location:
        """Locate a postal address (省 → 市 → 县 chain at its start; see module notes)."""
        if province in MUNICIPALITIES:
            return self.locate(address, province)
        text = self._clean(address, province)
        chain = []
        position = 0
        while position < len(text):
            link = next((n for n in self._patterns[province] if text.startswith(n, position)), None)
            if link is None:
                break
            places = frozenset(self.names[province][link])
            if chain and not {p.city for p in places} & {p.city for p in chain[-1][1]} \
                    and not any(p.level == "prefecture" for p in places):
                break  # a county of another city is a street name (鄂州市武昌大道)
            chain.append((link, places))
            position += len(link)
            if not any(p.level == "prefecture" for p in places):
                break  # a county ends the chain: what follows is a town or a street (西林区新兴大街)
        if chain:
            name, places = chain[-1]
            result = self._result(places, name)
            if result.status == "ambiguous" and len(chain) > 1:  # a county name shared by two cities
                parents = {p.city for p in chain[-2][1]}
                narrowed = frozenset(p for p in places if p.city in parents)
                if narrowed:
                    result = self._result(narrowed, name)
            if result.status != "ambiguous":
                return result
        return self.locate(text, province)


def province_code(name: str) -> int | None:
    """Province adcode from a full or short Chinese name (``None`` if unknown)."""
    for code, (full, short) in _PROVINCES.items():
        if name in (full, short):
            return code
    return None


def load_gazetteer(sources: Path, prefectures: dict[int, str]) -> Gazetteer:
    """Build the gazetteer from the division code lists in ``sources``."""
    current = read_csv(sources, DIVISIONS, dtype={"code": str})
    check_columns(current, ["code", "name"], DIVISIONS)
    old = read_csv(sources, OLD_CODES, dtype={"adcode": str})
    check_columns(old, ["adcode", "name"], OLD_CODES)
    old = pd.DataFrame({"code": old["adcode"].str[:6], "name": old["name"]})
    return Gazetteer(prefectures, current, old, ALIASES)

"""Where an industry would move from: a province, a prefecture city or a named coastal cluster.

``hostfit sites --from`` accepts a province (广东, Zhejiang, 440000), a prefecture-level
city (深圳, 东莞, 苏州, 320500) or one of the clusters of :data:`CLUSTERS`. An origin
is a point (for distances to the hosts) and the provinces it belongs to (whose
shedding of the industry is shown and which are left out of the hosts):

* a province: its centroid (the curated ``geo`` centroid, as every province distance);
* a city: the city's centroid from the ``cities`` table, in its province;
* a cluster: the mean of its cities' centroids weighted by their 2020 census
  population (``cities``), in the provinces of those cities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.city_resolve import resolve_city
from data.loader import load_table
from data.resolve import UnknownNameError, resolve_region

#: Named clusters → (zh, en, member cities or provinces, definition).
#: 珠三角: the nine cities of the 《珠江三角洲地区改革发展规划纲要（2008—2020年）》 (NDRC, 2008).
#: 长三角: the coastal provinces of the 《长江三角洲区域一体化发展规划纲要》 (CPC Central Committee and State
#: Council, 2019) — 上海, 江苏, 浙江; 安徽, the plan's fourth member, is itself a host province and is left out.
CLUSTERS: dict[str, dict] = {
    "珠三角": {"name_en": "Pearl River Delta", "aliases": ("珠江三角洲", "prd", "pearlriverdelta"),
               "cities": ("广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"), "provinces": ()},
    "长三角": {"name_en": "Yangtze River Delta (Shanghai, Jiangsu, Zhejiang)",
               "aliases": ("长江三角洲", "yrd", "yangtzeriverdelta"), "cities": (),
               "provinces": (310000, 320000, 330000)},
}


@dataclass(frozen=True)
class Origin:
    """A place an industry moves from.

    Attributes
    ----------
    kind : str
        ``province``, ``city`` or ``cluster``.
    code : int or None
        Adcode of a province or city (None for a cluster).
    name_zh, name_en : str
        Display names.
    provinces : tuple of int
        Provinces the origin lies in.
    lon, lat : float or None
        The origin's point; None for a province (its curated centroid is used).
    """

    kind: str
    code: int | None
    name_zh: str
    name_en: str
    provinces: tuple[int, ...]
    lon: float | None = None
    lat: float | None = None


def _key(text: str) -> str:
    return "".join(str(text).split()).casefold().replace("-", "")


def _weighted_point(cities: pd.DataFrame) -> tuple[float, float]:
    weight = cities["population_2020"].fillna(cities["population_2010"]).to_numpy(dtype=float)
    weight = np.where(np.isnan(weight), 1.0, weight)
    lon = float(np.average(cities["centroid_lon"].to_numpy(dtype=float), weights=weight))
    lat = float(np.average(cities["centroid_lat"].to_numpy(dtype=float), weights=weight))
    return lon, lat


def _cluster(name: str) -> Origin:
    spec = CLUSTERS[name]
    cities = load_table("cities")
    if spec["cities"]:
        members = cities.loc[cities["short_zh"].isin(spec["cities"])]
        missing = set(spec["cities"]) - set(members["short_zh"])
        if missing:
            raise UnknownNameError(f"cluster {name}: cities missing from the cities table: {sorted(missing)}")
    else:
        members = cities.loc[cities["province"].isin(spec["provinces"])]
    lon, lat = _weighted_point(members)
    provinces = tuple(sorted({int(p) for p in members["province"]}))
    return Origin("cluster", None, name, spec["name_en"], provinces, lon, lat)


def resolve_origin(text: str | int) -> Origin:
    """The origin a user typed: a province, a prefecture city or a cluster (珠三角, 长三角).

    Provinces are tried first (so 北京, 上海 are the province-level municipalities).

    Raises
    ------
    UnknownNameError
        When ``text`` is none of them; the message lists the accepted forms.
    """
    raw = str(text).strip()
    key = _key(raw)
    for name, spec in CLUSTERS.items():
        if key in {_key(name), *(_key(a) for a in spec["aliases"]), _key(spec["name_en"])}:
            return _cluster(name)
    regions = load_table("regions").set_index("region")
    try:
        code = resolve_region(raw)
        row = regions.loc[code]
        return Origin("province", code, str(row["name_zh"]), str(row["name_en"]), (code,))
    except UnknownNameError as province_error:
        try:
            city = resolve_city(raw)
        except UnknownNameError as city_error:
            raise UnknownNameError(
                f"origin {raw!r} is not a province, a prefecture city or a cluster ({', '.join(CLUSTERS)}) / "
                f"“{raw}”不是省份、地级市或{'、'.join(CLUSTERS)}: {province_error}; {city_error}") from None
    row = load_table("cities").set_index("city").loc[city]
    return Origin("city", city, str(row["name_zh"]), str(row["name_en"]), (int(row["province"]),),
                  float(row["centroid_lon"]), float(row["centroid_lat"]))

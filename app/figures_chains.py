"""Pure plotly figure of the chain quadrant: 可行性 (fit) × 吸引力 (attractiveness), colour = crowding."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

#: Crowding level → marker colour (low green, medium amber, high red).
CROWD_COLOURS = {"low": "#2e7d32", "medium": "#f9a825", "high": "#c62828"}
_TEXT = {
    "zh": {"fit": "可行性 (0–100)", "attract": "吸引力 (0–100)", "crowd": "拥挤度", "low": "低", "medium": "中",
           "high": "高", "q_both": "优先", "q_fit": "稳妥基础", "q_attract": "前瞻培育", "q_none": "暂缓"},
    "en": {"fit": "Fit (0–100)", "attract": "Attractiveness (0–100)", "crowd": "Crowding", "low": "low",
           "medium": "medium", "high": "high", "q_both": "priority", "q_fit": "build on base",
           "q_attract": "grow new", "q_none": "defer"},
}


def plotly_chain_quadrant(frame: pd.DataFrame, label_column: str, lang: str = "zh", title: str = "",
                          split: float = 50.0) -> go.Figure:
    """Scatter of chains by ``fit`` (x) and ``attract`` (y), coloured by ``crowd_level``, sized by ``crowd``.

    Parameters
    ----------
    frame : DataFrame
        ``fit``, ``attract``, ``crowd`` (0–100), ``crowd_level`` (low/medium/high) and ``label_column``.
    label_column : str
        Column with the text printed beside each point.
    lang : {"zh", "en"}
        Language of the axis titles, legend and quadrant labels.
    title : str
        Figure title.
    split : float
        Where the quadrant lines cross both axes (the median component is 50).
    """
    text = _TEXT[lang]
    fig = go.Figure()
    for level, colour in CROWD_COLOURS.items():
        part = frame.loc[frame["crowd_level"] == level]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["fit"], y=part["attract"], mode="markers+text", text=part[label_column].astype(str),
            textposition="top center", name=f"{text['crowd']}: {text[level]}",
            marker={"color": colour, "size": 10 + part["crowd"].clip(0, 100) / 5, "opacity": 0.8,
                    "line": {"width": 1, "color": "#333"}},
            customdata=part["crowd"],
            hovertemplate="%{text}<br>" + text["fit"] + ": %{x:.1f}<br>" + text["attract"] + ": %{y:.1f}<br>"
                          + text["crowd"] + ": %{customdata:.1f}<extra></extra>")
    fig.add_hline(y=split, line={"dash": "dot", "color": "#888"})
    fig.add_vline(x=split, line={"dash": "dot", "color": "#888"})
    for x, y, key in ((97, 97, "q_both"), (97, 3, "q_fit"), (3, 97, "q_attract"), (3, 3, "q_none")):
        fig.add_annotation(x=x, y=y, text=text[key], showarrow=False, font={"color": "#666"},
                           xanchor="right" if x > 50 else "left", yanchor="top" if y > 50 else "bottom")
    fig.update_layout(title=title, xaxis={"title": text["fit"], "range": [0, 100]},
                      yaxis={"title": text["attract"], "range": [0, 100]}, height=520,
                      legend={"orientation": "h", "y": -0.15}, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig

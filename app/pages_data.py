"""Data & provenance page: curated tables, their publishers, coverage and the IO panel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data import list_tables, load_table, table_info
from data.check import check_all


@st.cache_data(show_spinner=False)
def _coverage() -> dict:
    return check_all()


@st.cache_data(show_spinner=False)
def _table(name: str) -> pd.DataFrame:
    return load_table(name)


def render_data_page() -> None:
    """Render the data overview: one row per curated table, then a table browser."""
    lang = st.sidebar.radio("语言 / Language", ["中文", "English"], horizontal=True)
    zh = lang == "中文"
    st.title("hostfit · 数据与来源" if zh else "hostfit · Data and sources")
    summary = _coverage()
    cols = st.columns(4)
    cols[0].metric("地区" if zh else "Regions", summary["regions"])
    cols[1].metric("产业" if zh else "Industries", summary["industries"])
    cols[2].metric("投入产出年份" if zh else "IO years", ", ".join(map(str, summary["io_years"])))
    cols[3].metric("面板行数" if zh else "IO panel rows", summary["io_rows"])
    overview = pd.DataFrame(
        [{"table": n, "rows": e["rows"], "status": e["status"], "source": e["source"]}
         for n, e in summary["tables"].items()])
    st.dataframe(overview, hide_index=True, use_container_width=True)
    name = st.selectbox("浏览数据表" if zh else "Browse a table", list_tables(), index=0)
    spec = table_info(name)
    st.caption(f"{spec.description} — {spec.source}")
    if spec.units:
        st.caption(("单位" if zh else "Units") + ": " + "; ".join(f"{k}: {v}" for k, v in spec.units.items()))
    frame = _table(name)
    st.dataframe(frame.head(2000), hide_index=True, use_container_width=True)
    st.download_button("下载 CSV" if zh else "Download CSV", frame.to_csv(index=False).encode("utf-8-sig"),
                       file_name=f"hostfit_{name}.csv", mime="text/csv")

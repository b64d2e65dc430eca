"""User-facing tables of the views and exports: localised headers and cells, one place.

The CSV/XLSX downloads carry the same columns as the screen and the PDF report,
with Chinese headers by default.
"""

from __future__ import annotations

import pandas as pd

from app.i18n import industry_name, region_name, t

LEVEL_SYMBOL = {"low": "○", "medium": "◐", "high": "●"}
#: Pixels per character of the grid's 14 px font (wide = CJK and full-width forms), the header's padding
#: and sort-icon room, and the widest a column is made for its cells (longer cells stay one line).
WIDE_PX, NARROW_PX, HEADER_PAD_PX, CELL_PAD_PX, MAX_CELL_PX = 15, 8, 40, 24, 420


def text_px(text: str) -> int:
    """Estimated width of ``text`` in the table font, counting CJK and full-width characters double."""
    wide = sum(1 for ch in text if ch >= "\u1100" and not "\u2000" <= ch <= "\u27ff")
    return wide * WIDE_PX + (len(text) - wide) * NARROW_PX


def column_widths(frame: pd.DataFrame) -> dict[str, int]:
    """Pixel width of each column: the whole header always fits (a cut header such as "深交所上市企业 (家" loses its
    unit), and the cells up to :data:`MAX_CELL_PX`."""
    widths = {}
    for column in frame.columns:
        cells = max((text_px(str(v)) for v in frame[column].head(200)), default=0)
        widths[str(column)] = max(text_px(str(column)) + HEADER_PAD_PX, min(cells + CELL_PAD_PX, MAX_CELL_PX))
    return widths


def level_text(level: str, lang: str) -> str:
    """Symbol plus the localised crowding level."""
    return f"{LEVEL_SYMBOL.get(level, '')} {t(level, lang) if level in LEVEL_SYMBOL else level}".strip()


def regions_text(codes, lang: str, limit: int | None = None) -> str:
    """Localised region names joined, the first ``limit`` then a count of the rest."""
    codes = list(codes or [])
    shown = codes if limit is None else codes[:limit]
    text = ("、" if lang == "zh" else ", ").join(region_name(c, lang) for c in shown)
    if limit is not None and len(codes) > limit:
        text += f" 等 {len(codes)} 个" if lang == "zh" else f" (+{len(codes) - limit})"
    return text


def industries_text(codes, lang: str) -> str:
    """Localised industry names joined."""
    return ("、" if lang == "zh" else ", ").join(industry_name(c, lang) for c in (codes or []))


def ranked_table(frame: pd.DataFrame, lang: str, reasons: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """The ranked industries of a region (``Board.recommend`` rows), with the reasons when given."""
    table = pd.DataFrame({
        t("rank", lang): frame["rank"].to_numpy(),
        t("industry", lang): [f"{c} {industry_name(c, lang)}" for c in frame["industry"]],
        t("score", lang): frame["score"].round(0).astype(int).to_numpy(),
        t("scale_rank", lang): frame["scale_rank"].to_numpy(),
        t("crowding", lang): [level_text(v, lang) for v in frame["crowding_level"]],
        t("rivals", lang): [regions_text(v, lang, 3) for v in frame["rivals"]],
        t("declared", lang): [f"{level_text(level, lang)} {count}" for level, count in
                              zip(frame["declared_level"], frame["declared_count"])],
        t("alternatives", lang): [industries_text(v, lang) for v in frame["alternatives"]],
        t("green_flag", lang): ["⚠ " + t("yes", lang) if v else "" for v in frame["green_flag"]],
        t("origins", lang): [regions_text(v, lang) for v in frame["origins"]],
    })
    if reasons is not None:
        for n in range(3):
            table[t("reason_n", lang).format(n=n + 1)] = [
                (reasons.get(c) or [""] * 3)[n] if len(reasons.get(c) or []) > n else "" for c in frame["industry"]]
    return table


def sites_table(frame: pd.DataFrame, lang: str, origin: bool = False) -> pd.DataFrame:
    """The ranked regions for an industry (``Board.sites`` rows)."""
    columns = {
        t("rank", lang): frame["rank"].to_numpy(),
        t("region", lang): [region_name(r, lang) for r in frame["region"]],
        t("score", lang): frame["score"].round(0).astype(int).to_numpy(),
        t("region_rank", lang): frame["region_rank"].to_numpy(),
        t("crowding", lang): [level_text(v, lang) for v in frame["crowding_level"]],
        t("rivals", lang): [regions_text(v, lang, 3) for v in frame["rivals"]],
        t("declared", lang): [f"{level_text(level, lang)} {count}" for level, count in
                              zip(frame["declared_level"], frame["declared_count"])],
    }
    if origin:
        columns[t("distance_km", lang)] = frame["distance_km"].round(0).to_numpy()
        columns[t("origin_points", lang)] = frame["pillar_origin"].round(1).to_numpy()
    return pd.DataFrame(columns)

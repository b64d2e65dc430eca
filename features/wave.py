"""发展势头 After the IO tables: national product waves and provincial product trends.

The last IO table is 2017. Annual product output brings parts of the picture forward:

* ``national_wave`` — the annualised growth of the industry's products nationally over
  the five years to t (NBS monthly output of 51 products, :mod:`data.etl.products`);
  the same for every region. Groups without product series (food, wood, fabricated
  metal, instruments, other) stay missing.
* ``product_share_trend`` — the change in the region's share of the provinces' combined
  output of the industry's energy-intensive products (cement, glass, steel,
  non-ferrous metals, chemical fibres, motor vehicles) over the five years to t. Only
  H12, H13, H14 and H17 have such products, so this is context for the app and the
  reasons, not a model input.

Both use data of years ≤ t only.
"""

from __future__ import annotations

import warnings

import numpy as np

from features.arrays import InputArrays
from features.catalogue import feature
from features.context import YearContext

WINDOW = 5
#: Provincial product attributes (``attr_energy``) and the manufacturing group making them.
PROVINCIAL_PRODUCTS: dict[str, str] = {
    "output_chemical_fibres": "H12",
    "output_cement": "H13",
    "output_plain_glass": "H13",
    "output_crude_steel": "H14",
    "output_steel_products": "H14",
    "output_nonferrous_metals": "H14",
    "output_motor_vehicles": "H17",
}

NATIONAL_WAVE = feature(
    "national_wave", "momentum", label_zh="全国产品增速", label_en="National product wave",
    unit_zh="每年 %", unit_en="% per year",
    meaning_zh="截至 t 年的五年间，该产业各产品全国产量的年均增长率（各产品年均对数增长率的平均值；"
               "国家统计局月度工业产品产量）；没有产品序列的产业为缺失。",
    meaning_en="Annualised growth of the national output of the industry's products over the five years to t "
               "(mean log growth of its product series; NBS monthly output); missing for groups without "
               "product series",
    source="national_products (NBS monthly output of industrial products)")
PRODUCT_TREND = feature(
    "product_share_trend", "momentum", label_zh="产品份额变化(近五年)",
    label_en="Product output share trend, five years",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="截至 t 年的五年间，本地区在各省该产业各项高耗能产品（水泥、玻璃、钢铁、有色金属、化学纤维）"
               "及汽车产量中所占份额的变化，按产品取平均；只有 H12、H13、H14 和 H17 有此类产品。",
    meaning_en="Change over the five years to t in the region's share of provincial output of each of the "
               "industry's energy-intensive products (cement, glass, steel, non-ferrous metals, chemical fibres) "
               "and motor vehicles, averaged over products; only H12, H13, H14 and H17 have such products",
    source="attr_energy (NBS output of energy-intensive products by province)")


def national_wave(arrays: InputArrays, year: int) -> dict[str, float]:
    """Industry → mean annualised log growth (%) of its national products over the window to ``year``
    (memoised per arrays and year)."""
    return arrays.memo(("national_wave", int(year)), lambda: _national_wave(arrays, int(year)),
                       depends=("products",))


def _national_wave(arrays: InputArrays, year: int) -> dict[str, float]:
    table = arrays.products
    if table.empty:
        return {}
    now = table.loc[table["year"] == year].set_index("product")
    then = table.loc[table["year"] == year - WINDOW].set_index("product")["output"]
    growth = np.log(now["output"] / then.reindex(now.index)) / WINDOW * 100
    return growth.groupby(now["industry"]).mean().dropna().to_dict()


def _province_shares(arrays: InputArrays, attribute: str, year: int) -> np.ndarray:
    """Each region's share (%) of the summed output of ``attribute`` in exactly ``year`` (NaN if none)."""
    values = arrays.attr_exact(attribute, year)
    total = np.nansum(values)
    return values / total * 100 if total > 0 else np.full(values.shape, np.nan)


def product_share_trend(arrays: InputArrays, year: int) -> np.ndarray:
    """R × I: mean change (pp) of the region's product shares over the window to ``year`` (NaN where none)."""
    out = np.full((len(arrays.regions), len(arrays.industries)), np.nan)
    changes: dict[str, list[np.ndarray]] = {}
    for attribute, industry in PROVINCIAL_PRODUCTS.items():
        change = _province_shares(arrays, attribute, year) - _province_shares(arrays, attribute, year - WINDOW)
        if not np.isnan(change).all():
            changes.setdefault(industry, []).append(change)
    for industry, parts in changes.items():
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", category=RuntimeWarning)
            out[:, arrays.column[industry]] = np.nanmean(np.vstack(parts), axis=0)
    return out


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Wave features as of the context's year (data of years ≤ t only)."""
    wave = national_wave(ctx.arrays, ctx.year)
    row = np.array([[wave.get(code, np.nan) for code in ctx.arrays.industries]])
    return {NATIONAL_WAVE: row, PRODUCT_TREND: product_share_trend(ctx.arrays, ctx.year)}

"""ETL step: national annual output of manufactured products (``national_products``).

NBS publishes the national monthly output of key industrial products as
year-to-date (YTD) cumulations; the December value is the annual output (see
:func:`~data.etl.attributes_common.year_end`). Each product is assigned to the
harmonised manufacturing group (H06–H21) that makes it, by :data:`PRODUCTS`, so
features can follow each group's national wave after the last IO table (2017).
Power generation and raw coal are not manufactured products and are left out.
Groups without any product here (food H06, wood H09, fabricated metal H15,
instruments H20, other H21) have no national wave.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from data.etl.attributes_common import read_wind, year_end
from data.etl.sources import SourceError

MONTHLY = "energy/monthly_industry_stats.csv"
INPUTS = (MONTHLY,)


class Product(NamedTuple):
    """One NBS product series and the manufacturing group that makes it."""

    series: str  # Wind series name without the ``Output: `` prefix and ``: YTD`` suffix
    product: str  # snake_case key
    name_zh: str
    industry: str  # H code
    unit: str  # unit as published (checked against the file)


PRODUCTS: tuple[Product, ...] = (
    Product("Yarn", "yarn", "纱", "H07", "10000 tons"),
    Product("Clothes", "clothes", "服装", "H08", "100 million m"),
    Product("Machine-made Paper and Paperboards", "paper", "机制纸及纸板", "H10", "10000 tons"),
    Product("Coke", "coke", "焦炭", "H11", "10000 tons"),
    Product("Gasoline", "gasoline", "汽油", "H11", "10000 tons"),
    Product("Diesel Oil", "diesel", "柴油", "H11", "10000 tons"),
    Product("Kerosene", "kerosene", "煤油", "H11", "10000 tons"),
    Product("Sulfuric Acid", "sulfuric_acid", "硫酸", "H12", "10000 tons"),
    Product("Ethylene", "ethylene", "乙烯", "H12", "10000 tons"),
    Product("Plastics in Primary Forms", "primary_plastics", "初级形态塑料", "H12", "10000 tons"),
    Product("Chemical Fibers", "chemical_fibres", "化学纤维", "H12", "10000 tons"),
    Product("Plastic Products", "plastic_products", "塑料制品", "H12", "10000 tons"),
    Product("Cement", "cement", "水泥", "H13", "10000 tons"),
    Product("Plain Glass", "plain_glass", "平板玻璃", "H13", "10000 weight-box"),
    Product("Pig Irons", "pig_iron", "生铁", "H14", "10000 tons"),
    Product("Crude Steels", "crude_steel", "粗钢", "H14", "10000 tons"),
    Product("Steel Materials", "steel_products", "钢材", "H14", "10000 tons"),
    Product("Ten Kinds of Non-ferrous Metals", "nonferrous_metals", "十种有色金属", "H14", "10000 tons"),
    Product("Copper Materials", "copper_products", "铜材", "H14", "10000 tons"),
    Product("Alumina", "alumina", "氧化铝", "H14", "10000 tons"),
    Product("Aluminous Materials", "aluminium_products", "铝材", "H14", "10000 tons"),
    Product("Metal-cutting Machine Tool", "machine_tools", "金属切削机床", "H16", "10000 units"),
    Product("Industrial Robot", "industrial_robots", "工业机器人", "H16", "unit/set"),
    Product("Industrial Boilers", "industrial_boilers", "工业锅炉", "H16", "evaporation tons"),
    Product("Air Pollution Control Equipments", "pollution_control_equipment", "大气污染防治设备", "H16", "unit"),
    Product("Packaging Equipments", "packaging_equipment", "包装专用设备", "H16", "unit"),
    Product("Feed Production Equipments", "feed_equipment", "饲料生产专用设备", "H16", "unit"),
    Product("Cement Equipments", "cement_equipment", "水泥专用设备", "H16", "ton"),
    Product("Metal Smelting Equipments", "smelting_equipment", "金属冶炼设备", "H16", "ton"),
    Product("Large & Medium-sized Tractor", "tractors_large_medium", "大中型拖拉机", "H16", "unit"),
    Product("Small-sized Tractors", "tractors_small", "小型拖拉机", "H16", "10000 units"),
    Product("Engine", "engines", "发动机", "H16", "10000 kw"),
    Product("Elevators, Escalators and Lifts", "elevators", "电梯、自动扶梯及升降机", "H16", "10000 units"),
    Product("Railway Locomotives", "locomotives", "铁路机车", "H17", "unit"),
    Product("Civil Steel Ship", "ships", "民用钢质船舶", "H17", "10000 dwt"),
    Product("Automobiles", "automobiles", "汽车", "H17", "10000 units"),
    Product("New Energy Vehicles", "new_energy_vehicles", "新能源汽车", "H17", "10000 units"),
    Product("CRH", "high_speed_trains", "动车组", "H17", "unit"),
    Product("AC Motors", "ac_motors", "交流电动机", "H18", "10000 kw"),
    Product("Power Generation Equipment", "generating_equipment", "发电机组", "H18", "10000 kw"),
    Product("Air Conditioner", "air_conditioners", "空调", "H18", "10000 units"),
    Product("Household Refrigerators", "refrigerators", "家用电冰箱", "H18", "10000 units"),
    Product("Household Washing Machines", "washing_machines", "家用洗衣机", "H18", "10000 units"),
    Product("Household Freezers", "freezers", "家用冷柜", "H18", "10000 units"),
    Product("Solar Cells (Photovoltaic Cells)", "solar_cells", "太阳能电池", "H18", "10000 kw"),
    Product("Integrated Circuit", "integrated_circuits", "集成电路", "H19", "10000 units"),
    Product("Computer Complete Machine", "computers", "电子计算机整机", "H19", "10000 units"),
    Product("Micro-computer Equipments", "microcomputers", "微型计算机设备", "H19", "10000 units"),
    Product("Color TV", "colour_tvs", "彩色电视机", "H19", "10000 units"),
    Product("Equipments of Mobile Communication Base Stations", "base_stations", "移动通信基站设备", "H19",
            "10000 RF module"),
    Product("Smartphones", "smartphones", "智能手机", "H19", "10000 units"),
)

COLUMNS = ["product", "name_zh", "name_en", "industry", "year", "output", "unit"]


def national_products(sources: Path) -> pd.DataFrame:
    """Annual national output of every product in :data:`PRODUCTS` (December YTD values).

    Raises
    ------
    SourceError
        A product series is absent or published in another unit than expected.
    """
    annual = year_end(read_wind(sources, MONTHLY))
    parts = []
    for item in PRODUCTS:
        rows = annual.loc[annual["name"] == f"Output: {item.series}: YTD"]
        if rows.empty:
            raise SourceError(f"source file malformed: {MONTHLY}: no series 'Output: {item.series}: YTD'")
        units = set(rows["unit"])
        if units != {item.unit}:
            raise SourceError(f"source file malformed: {MONTHLY}: {item.series} unit {units}, "
                              f"expected {item.unit!r}")
        parts.append(pd.DataFrame({"product": item.product, "name_zh": item.name_zh, "name_en": item.series,
                                   "industry": item.industry, "year": rows["year"].astype("int64"),
                                   "output": rows["value"].astype(float), "unit": item.unit}))
    frame = pd.concat(parts, ignore_index=True)
    return frame[COLUMNS].sort_values(["industry", "product", "year"], ignore_index=True)


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``national_products``."""
    return {"national_products": national_products(sources)}

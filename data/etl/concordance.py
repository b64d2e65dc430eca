"""Sector concordance of the provincial input-output tables to the H01–H38 codes.

The provincial IO tables use four sector classifications:

* **1997** – 38 sectors (codes 1–38, ordered as in the 1997 national table);
* **2002** – 42 sectors (GB/T 4754-2002 based; includes 旅游业 and 科学研究事业);
* **2007** – 42 sectors (same scheme, services re-cut: 研究与试验发展业, 水利环境 …);
* **2012/2017** – 42 product sectors (GB/T 4754-2011 based). Codes shift between
  2012 and 2017: 2012 has separate 其他制造产品 / 废品废料, 2017 merges them and
  splits 科学研究和技术服务 into 研究和试验发展 / 综合技术服务.

Each source sector maps to exactly one harmonised code; several source sectors
may share a code (their flows are summed). Mining, manufacturing and utilities
map cleanly in every vintage. The 1997 service sectors only map approximately,
and those rows carry ``approximate=True`` and a note:

* 邮电业 (post + telecom) → H29 (the postal part belongs to H27);
* 商业 (commerce) → H26 (wholesale and retail, without the later split-outs);
* 饮食业 (catering) → H28 (1997 lodging sits in 社会服务业);
* 社会服务业 (hotels, leasing, business, resident and public-facility services) → H34;
* 卫生体育和社会福利事业 → H36 (the sports part belongs to H37);
* 教育文化艺术广播电影电视事业 → H35 (culture and broadcasting belong to H37).

Consequently 1997 has no flows in H32 (leasing and business services) and
H37 (culture, sports and entertainment): these harmonised rows are zero.
"""

from __future__ import annotations

import pandas as pd

from data.etl.facts import INDUSTRIES

VINTAGES: tuple[int, ...] = (1997, 2002, 2007, 2012, 2017)

# (source code, published name, H code); codes are two-digit strings.
_SECTORS: dict[int, str] = {
    1997: """
01 农业 H01|02 煤炭采选业 H02|03 石油和天然气开采业 H03|04 金属矿采选业 H04
05 非金属矿采选业 H05|06 食品制造及烟草加工业 H06|07 纺织业 H07
08 服装皮革羽绒及其他纤维制品制造业 H08|09 木材加工及家具制造业 H09
10 造纸印刷及文教用品制造业 H10|11 石油加工及炼焦业 H11|12 化学工业 H12
13 非金属矿物制品业 H13|14 金属冶炼及压延加工业 H14|15 金属制品业 H15|16 机械工业 H16
17 交通运输设备制造业 H17|18 电气机械及器材制造业 H18|19 电子及通信设备制造业 H19
20 仪器仪表及文化办公用机械制造业 H20|21 机械设备修理业 H21|22 其他制造业 H21
23 电力及蒸汽热水生产和供应业 H22|24 煤气生产和供应业 H23|25 自来水的生产和供应业 H24
26 建筑业 H25|27 货物运输及仓储业 H27|28 邮电业 H29|29 商业 H26|30 饮食业 H28
31 旅客运输业 H27|32 金融保险业 H30|33 房地产业 H31|34 社会服务业 H34
35 卫生体育和社会福利事业 H36|36 教育文化艺术广播电影电视事业 H35
37 科研和综合技术服务业 H33|38 行政机关 H38""",
    2002: """
01 农林牧渔业 H01|02 煤炭开采和洗选业 H02|03 石油和天然气开采业 H03|04 金属矿采选业 H04
05 非金属矿采选业 H05|06 食品制造及烟草加工业 H06|07 纺织业 H07
08 服装皮革羽绒及其制品业 H08|09 木材加工及家具制造业 H09|10 造纸印刷及文教用品制造业 H10
11 石油加工、炼焦及核燃料加工业 H11|12 化学工业 H12|13 非金属矿物制品业 H13
14 金属冶炼及压延加工业 H14|15 金属制品业 H15|16 通用、专用设备制造业 H16
17 交通运输设备制造业 H17|18 电气、机械及器材制造业 H18
19 通信设备、计算机及其他电子设备制造业 H19|20 仪器仪表及文化办公用机械制造业 H20
21 其他制造业 H21|22 废品废料 H21|23 电力、热力的生产和供应业 H22|24 燃气生产和供应业 H23
25 水的生产和供应业 H24|26 建筑业 H25|27 交通运输及仓储业 H27|28 邮政业 H27
29 信息传输、计算机服务和软件业 H29|30 批发和零售贸易业 H26|31 住宿和餐饮业 H28
32 金融保险业 H30|33 房地产业 H31|34 租赁和商务服务业 H32|35 旅游业 H32
36 科学研究事业 H33|37 综合技术服务业 H33|38 其他社会服务业 H34|39 教育事业 H35
40 卫生、社会保障和社会福利事业 H36|41 文化、体育和娱乐业 H37|42 公共管理和社会组织 H38""",
    2007: """
01 农林牧渔业 H01|02 煤炭开采和洗选业 H02|03 石油和天然气开采业 H03|04 金属矿采选业 H04
05 非金属矿及其他矿采选业 H05|06 食品制造及烟草加工业 H06|07 纺织业 H07
08 纺织服装鞋帽皮革羽绒及其制品业 H08|09 木材加工及家具制造业 H09
10 造纸印刷及文教体育用品制造业 H10|11 石油加工、炼焦及核燃料加工业 H11|12 化学工业 H12
13 非金属矿物制品业 H13|14 金属冶炼及压延加工业 H14|15 金属制品业 H15
16 通用、专用设备制造业 H16|17 交通运输设备制造业 H17|18 电气机械及器材制造业 H18
19 通信设备、计算机及其他电子设备制造业 H19|20 仪器仪表及文化办公用机械制造业 H20
21 工艺品及其他制造业 H21|22 废品废料 H21|23 电力、热力的生产和供应业 H22
24 燃气生产和供应业 H23|25 水的生产和供应业 H24|26 建筑业 H25|27 交通运输及仓储业 H27
28 邮政业 H27|29 信息传输、计算机服务和软件业 H29|30 批发和零售业 H26|31 住宿和餐饮业 H28
32 金融业 H30|33 房地产业 H31|34 租赁和商务服务业 H32|35 研究与试验发展业 H33
36 综合技术服务业 H33|37 水利、环境和公共设施管理业 H34|38 居民服务和其他服务业 H34
39 教育 H35|40 卫生、社会保障和社会福利业 H36|41 文化、体育和娱乐业 H37
42 公共管理和社会组织 H38""",
    2012: """
01 农林牧渔产品和服务 H01|02 煤炭采选产品 H02|03 石油和天然气开采产品 H03
04 金属矿采选产品 H04|05 非金属矿和其他矿采选产品 H05|06 食品和烟草 H06|07 纺织品 H07
08 纺织服装鞋帽皮革羽绒及其制品 H08|09 木材加工品和家具 H09|10 造纸印刷和文教体育用品 H10
11 石油、炼焦产品和核燃料加工品 H11|12 化学产品 H12|13 非金属矿物制品 H13
14 金属冶炼和压延加工品 H14|15 金属制品 H15|16 通用设备 H16|17 专用设备 H16
18 交通运输设备 H17|19 电气机械和器材 H18|20 通信设备、计算机和其他电子设备 H19
21 仪器仪表 H20|22 其他制造产品 H21|23 废品废料 H21|24 金属制品、机械和设备修理服务 H21
25 电力、热力的生产和供应 H22|26 燃气生产和供应 H23|27 水的生产和供应 H24|28 建筑 H25
29 批发和零售 H26|30 交通运输、仓储和邮政 H27|31 住宿和餐饮 H28
32 信息传输、软件和信息技术服务 H29|33 金融 H30|34 房地产 H31|35 租赁和商务服务 H32
36 科学研究和技术服务 H33|37 水利、环境和公共设施管理 H34|38 居民服务、修理和其他服务 H34
39 教育 H35|40 卫生和社会工作 H36|41 文化、体育和娱乐 H37|42 公共管理、社会保障和社会组织 H38""",
    2017: """
01 农林牧渔产品和服务 H01|02 煤炭采选产品 H02|03 石油和天然气开采产品 H03
04 金属矿采选产品 H04|05 非金属矿和其他矿采选产品 H05|06 食品和烟草 H06|07 纺织品 H07
08 纺织服装鞋帽皮革羽绒及其制品 H08|09 木材加工品和家具 H09|10 造纸印刷和文教体育用品 H10
11 石油、炼焦产品和核燃料加工品 H11|12 化学产品 H12|13 非金属矿物制品 H13
14 金属冶炼和压延加工品 H14|15 金属制品 H15|16 通用设备 H16|17 专用设备 H16
18 交通运输设备 H17|19 电气机械和器材 H18|20 通信设备、计算机和其他电子设备 H19
21 仪器仪表 H20|22 其他制造产品和废品废料 H21|23 金属制品、机械和设备修理服务 H21
24 电力、热力的生产和供应 H22|25 燃气生产和供应 H23|26 水的生产和供应 H24|27 建筑 H25
28 批发和零售 H26|29 交通运输、仓储和邮政 H27|30 住宿和餐饮 H28
31 信息传输、软件和信息技术服务 H29|32 金融 H30|33 房地产 H31|34 租赁和商务服务 H32
35 研究和试验发展 H33|36 综合技术服务 H33|37 水利、环境和公共设施管理 H34
38 居民服务、修理和其他服务 H34|39 教育 H35|40 卫生和社会工作 H36|41 文化、体育和娱乐 H37
42 公共管理、社会保障和社会组织 H38""",
}

# (year, source code) -> note, for the approximate 1997 service mappings.
APPROXIMATE: dict[tuple[int, str], str] = {
    (1997, "28"): "邮电业 = post + telecom; mapped to H29, its postal part belongs to H27",
    (1997, "29"): "商业 (commerce) mapped to H26; boundary with later service sectors differs",
    (1997, "30"): "饮食业 is catering only; 1997 lodging sits in 社会服务业 (H34)",
    (1997, "34"): "社会服务业 also holds hotels, leasing and business services (H28, H32)",
    (1997, "35"): "卫生体育和社会福利事业 mapped to H36; its sports part belongs to H37",
    (1997, "36"): "教育文化艺术广播电影电视事业 mapped to H35; culture and broadcasting belong to H37",
}


def _parse(year: int) -> list[tuple[str, str, str]]:
    entries = []
    for item in _SECTORS[year].replace("\n", "|").split("|"):
        if item.strip():
            code, name, industry = item.split()
            entries.append((code, name, industry))
    return entries


def sector_table(year: int) -> list[tuple[str, str, str]]:
    """Return ``(sector_code, sector_name, industry)`` for one vintage, in code order."""
    if year not in _SECTORS:
        raise KeyError(f"no IO sector classification for {year}")
    return _parse(year)


def sector_map(year: int) -> dict[str, str]:
    """Return the mapping source sector code → H code for one vintage."""
    return {code: industry for code, _name, industry in sector_table(year)}


def concordance() -> pd.DataFrame:
    """Return the ``io_concordance`` table (all vintages, one row per source sector)."""
    rows = []
    for year in VINTAGES:
        for code, name, industry in sector_table(year):
            note = APPROXIMATE.get((year, code))
            rows.append({"year": year, "sector_code": code, "sector_name": name,
                         "industry": industry, "approximate": note is not None, "note": note})
    frame = pd.DataFrame(rows)
    frame["note"] = frame["note"].astype("string")
    return frame


H_CODES: tuple[str, ...] = tuple(code for code, _zh, _en in INDUSTRIES)

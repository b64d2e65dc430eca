"""zh/en text for the app. Chinese is the default; every label goes through :func:`t`."""

from __future__ import annotations

from functools import lru_cache

from data import load_table
from features.catalogue import PILLARS, catalogue

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("hostfit 产业承接选址助手", "hostfit · industrial transfer host fit"),
    "language": ("语言", "Language"),
    "nav_region": ("地区视图", "Region → industries"),
    "nav_industry": ("产业视图", "Industry → sites"),
    "nav_whatif": ("情景推演", "What-if"),
    "nav_crowding": ("同质化竞争", "Crowding"),
    "nav_model": ("模型与数据", "Model & data"),
    "region": ("地区", "Region"),
    "industry": ("产业", "Industry"),
    "as_of": ("基准年份", "As of year"),
    "top_n": ("显示前 N 项", "Show top N"),
    "rank": ("排名", "Rank"),
    "score": ("适配分 (0–100)", "Fit score (0–100)"),
    "score_note": ("适配分：未来五年该产业进入本省“超比例增长”前五名的估计概率（×100，经滚动样本外回测校准）；"
                   "所有省份、所有产业的平均水平为 {base:.0f} 分。",
                   "Fit score: the estimated probability (×100, calibrated on rolling out-of-time backtests) that the "
                   "industry is among the province's five largest gains beyond its proportional share of national "
                   "growth over the next five years; the average over all provinces and industries is {base:.0f}."),
    "scale_rank": ("按现有产出排名", "Rank by existing output"),
    "reasons": ("主要理由", "Main reasons"),
    "reason_n": ("主要理由 {n}", "Main reason {n}"),
    "sidebar_note": ("地区视图看本省适合承接哪些产业；产业视图看某产业适合去哪里；情景推演看改变条件后的变化。",
                     "Region view: which industries fit a province. Industry view: where an industry fits. "
                     "What-if: what changes when conditions change."),
    "reading_guide": ("读图：从所有省份×产业的平均分（基准）出发，绿色条推高、红色条拉低，最后一根是本产业的适配分。",
                      "How to read: start from the average over all provinces and industries (base); green bars "
                      "raise the score, red bars lower it; the last bar is the industry's fit score."),
    "card_badges": ("按现有产出第 {scale} 名 · 同质化：{crowd} · {declared} 个省份宣布为重点（重叠：{dlevel}）",
                    "rank by existing output {scale} · crowding: {crowd} · declared by {declared} provinces "
                    "(overlap: {dlevel})"),
    "card_rivals": ("追逐同一产业的相似邻近地区：{rivals}", "Similar nearby regions chasing it: {rivals}"),
    "card_alternatives": ("竞争激烈，可考虑：{alternatives}", "Crowded; less crowded alternatives: {alternatives}"),
    "card_origins": ("可能迁出地：{origins}", "Likely origins: {origins}"),
    "pdf_report": ("下载一页 PDF 报告", "Download one-page PDF report"),
    "pdf_unavailable": ("无法生成 PDF：{reason}", "The PDF cannot be made: {reason}"),
    "ranked_table": ("排名表（可下载）", "Ranked table (downloadable)"),
    "clean_share_control": ("清洁电力占比目标 %（保持总发电量不变）", "Target clean-power share % (total generation kept)"),
    "generation_mix": ("当前发电结构（亿千瓦时）：{mix}；清洁电力占 {share}%",
                       "Current generation mix (10^8 kWh): {mix}; clean share {share}%"),
    "no_generation": ("该地区没有发电量数据，无法按清洁电力占比重新分配；请直接填写各类发电量。",
                      "This region has no generation data to re-divide by clean share; enter the generation types "
                      "directly."),
    "plausible_range": ("合理范围 {low}–{high} {unit}；超出范围的数值按边界计算并给出提示。",
                        "Plausible range {low}–{high} {unit}; values outside it are clamped, with a warning."),
    "edited_sector_note": ("橙色点为调整了产出的产业（无论名次高低都显示）。",
                           "Orange dots are the sectors whose output you edited (always shown, whatever their rank)."),
    "declared": ("宣布为重点的省份", "Provinces declaring it"),
    "declared_level": ("宣布重叠", "Declared overlap"),
    "declared_own": ("本省已宣布", "Declared here"),
    "vintage": ("数据口径：产业结构为 {io} 年投入产出表；属性数据至 {attr} 年；全国产品产量至 {prod} 年"
                "（{forward} 已用产品产量推进到 {prod} 年，其余仍基于 {io} 年）。",
                "Data vintage: industry structure from the {io} IO tables; attributes to {attr}; national product "
                "output to {prod} ({forward} brought forward to {prod}; the others rest on {io})."),
    "digital_track": ("数字赛道（信息服务/数据中心，不参与排名）", "Digital track (information services / data centres, not ranked)"),
    "hub": ("东数西算国家枢纽节点", "National computing hub (East-Data-West-Computing)"),
    "clean_power_share": ("清洁电力占比 %", "Clean-power share %"),
    "power_per_gdp": ("单位 GDP 发电量 (千瓦时/元)", "Generation per unit GDP (kWh per yuan)"),
    "h29_rca": ("信息服务区位商", "Information services location quotient"),
    "resource_base": ("资源与公用事业基础（背景，不参与排名）", "Resource and utility base (context, not ranked)"),
    "rca": ("区位商", "Location quotient"),
    "national_share_pct": ("全国份额 %", "National share %"),
    "origin_pick": ("迁出地（可选）", "Origin province (optional)"),
    "no_origin": ("不指定", "none"),
    "distance_km": ("距迁出地 (公里)", "Distance from origin (km)"),
    "origin_points": ("转得出贡献 (分)", "Origin push (points)"),
    "origin_trend": ("{origin} 的该产业全国份额：{y0} 年 {before:.2f}% → {y1} 年 {now:.2f}%（{change:+.2f} 个百分点）。",
                     "{origin}'s national share of the industry: {before:.2f}% in {y0} → {now:.2f}% in {y1} "
                     "({change:+.2f} pp)."),
    "base_value": ("基准值", "Base value"),
    "crowding": ("同质化程度", "Crowding"),
    "rivals": ("竞争地区", "Rival regions"),
    "alternatives": ("较少竞争的替代产业", "Less crowded alternatives"),
    "green_flag": ("高碳落煤电", "Energy-intensive on a coal grid"),
    "origins": ("可能迁出地", "Likely origin provinces"),
    "low": ("低", "low"),
    "medium": ("中", "medium"),
    "high": ("高", "high"),
    "ranked_industries": ("候选产业排名", "Ranked candidate industries"),
    "pillar_contrib": ("各支柱贡献", "Contributions by pillar"),
    "explain": ("分数解释", "Explanation"),
    "explain_pick": ("选择要解释的产业", "Industry to explain"),
    "by_pillar": ("按支柱", "By pillar"),
    "by_feature": ("按指标", "By feature"),
    "compare": ("对比两个产业：为什么 A 排在 B 前面", "Compare two industries: why A above B"),
    "industry_a": ("产业 A", "Industry A"),
    "industry_b": ("产业 B", "Industry B"),
    "difference": ("差值 (A − B)", "Difference (A − B)"),
    "shortlist": ("承接地排名", "Ranked host regions"),
    "hosts_only": ("只列出承接地（中部、西部、东北）", "List host regions only (Central, West, Northeast)"),
    "region_rank": ("在该地区的名次", "Rank within the region"),
    "map_title": ("各省适配度", "Fit by province"),
    "shedding": ("正在迁出该产业的东部省份", "Eastern provinces shedding this industry"),
    "share_before": ("上期份额 %", "Share before %"),
    "share_now": ("本期份额 %", "Share now %"),
    "change_pp": ("变化 (百分点)", "Change (pp)"),
    "whatif_intro": ("修改一个地区的属性和产业产出，实时重新打分和解释；场景在切换页面后保留。",
                     "Edit a region's attributes and sector outputs; scores and explanations update live. "
                     "The scenario is kept when you switch pages."),
    "attributes": ("地区属性", "Region attributes"),
    "add_base": ("新增产业基地：在该产业增加产出", "Add a production base: extra output in an industry"),
    "extra_output": ("新增产出 (万元)", "Extra output (10^4 yuan)"),
    "reset": ("重置场景", "Reset scenario"),
    "baseline_rank": ("原排名", "Baseline rank"),
    "scenario_rank": ("情景排名", "Scenario rank"),
    "rank_change": ("名次变化", "Rank change"),
    "score_change": ("分数变化", "Score change"),
    "clamped": ("已限制在合理范围内", "was clamped to the plausible range"),
    "heatmap_title": ("各地区前 K 名产业分布", "Top-K presence: industry × region"),
    "similarity_title": ("产业结构相似系数", "Structural similarity of regions"),
    "most_crowded": ("最拥挤的产业及追逐地区", "Most crowded industries and who is chasing them"),
    "k_value": ("前 K 名", "Top K"),
    "backtest": ("回测：模型与基线对比", "Backtest: model vs baselines"),
    "where_loses": ("模型的不足之处", "Where the model still loses"),
    "sources": ("数据来源与年份", "Data sources and vintages"),
    "feature_catalogue": ("指标目录", "Feature catalogue"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download XLSX"),

    "upload": ("上传自定义地区 (CSV)", "Bring your own region (CSV)"),
    "upload_help": ("CSV 或 XLSX，列为 field,value,unit（模板中的名称列可保留）。field 为产业代码/名称（总产出，万元）或"
                    "属性名；支持 UTF-8、UTF-8 BOM、GBK。",
                    "CSV or XLSX with columns field,value,unit (the template's name columns may stay). field is an "
                    "industry code/name (gross output in 10^4 yuan) or an attribute name. UTF-8, UTF-8 with BOM and "
                    "GBK are accepted."),
    "template": ("下载模板", "Download template"),
    "cannot_score": ("数据或模型文件未通过完整性检查，因此不计算任何分数。请运行 hostfit data check 查看原因，"
                     "用 hostfit data build / hostfit train 重建，或恢复原文件。详情：",
                     "The data or model files failed their integrity checks, so nothing is scored. Run hostfit data "
                     "check to see why, rebuild with hostfit data build / hostfit train, or restore the files. "
                     "Details:"),
    "uploaded_region": ("自定义地区", "Your region"),
    "no_model": ("模型文件缺失：请先运行 `hostfit train`。", "Model file missing: run `hostfit train` first."),
    "metric": ("指标", "Metric"),
    "method": ("方法", "Method"),
    "mean": ("均值", "Mean"),
    "ci": ("90% 置信区间", "90% CI"),
    "value": ("取值", "Value"),
    "yes": ("是", "yes"),
    "bar_rolling": ("滚动样本外：模型 {model:.3f}，最佳基线（{baseline}）{best:.3f}，比值 {ratio:.2f}，配对置信区间 "
                    "[{low:+.3f}, {high:+.3f}]（目标：比值 ≥ {required:.2f} 且区间下限 > 0）。",
                    "Rolling out-of-time: model {model:.3f}, best baseline ({baseline}) {best:.3f}, ratio {ratio:.2f}, "
                    "paired CI [{low:+.3f}, {high:+.3f}] (bar: ratio ≥ {required:.2f} and CI above 0)."),
    "bar_blocked_cv": ("分块留一省交叉验证：模型 {model:.3f}，最佳基线（{baseline}）{best:.3f}，配对置信区间 "
                       "[{low:+.3f}, {high:+.3f}]（目标：区间下限 > 0）。",
                       "Blocked leave-region-out CV: model {model:.3f}, best baseline ({baseline}) {best:.3f}, paired "
                       "CI [{low:+.3f}, {high:+.3f}] (bar: CI above 0)."),
    "bar_test": ("2012→2017 单次检验：模型 {model:.3f}，最佳基线（{baseline}）{best:.3f}，配对置信区间 "
                 "[{low:+.3f}, {high:+.3f}]（目标：不显著差于最佳基线）。",
                 "Single test 2012→2017: model {model:.3f}, best baseline ({baseline}) {best:.3f}, paired CI "
                 "[{low:+.3f}, {high:+.3f}] (bar: not significantly worse)."),
    "protocol": ("回测方案", "Protocol"),
    "protocol_rolling": ("滚动样本外（2002–2017 三期）", "Rolling out-of-time (three transitions 2002–2017)"),
    "protocol_blocked_cv": ("分块留一省交叉验证", "Blocked leave-region-out CV"),
    "protocol_test": ("2012→2017 单次检验", "Single test 2012→2017"),
    "no_evaluation": ("回测结果缺失：请运行 `hostfit evaluate --card`。", "The backtest is missing: run `hostfit evaluate --card`."),
    "model_card": ("模型说明", "Model card"),
    "recent_wave": ("近期检验：2017 年的排序对照 2017→2022 / 2017→2024 的实际产量",
                    "Recent wave: rankings as of 2017 against output 2017→2022 / 2017→2024"),
    "recent_wave_note": ("只用 2017 年及以前的数据排序，对照中西部 18 个承接省此后在官方产品产量（水泥、平板玻璃、钢铁、"
                         "生铁、有色金属、铝材、铜材、化学纤维、汽车；电子以高技术产业营业收入代表）中全国份额的变化。"
                         "省内排序：每省给约十个产品排序；产品内排序：每个产品给各省排序。均值及 90% 置信区间；"
                         "“随机”为精确期望值。",
                         "Ranked with data up to 2017 only, against the later change of the 18 central and western "
                         "hosts' national shares of official product output (cement, plate glass, steel, pig iron, "
                         "non-ferrous metals, aluminium and copper materials, chemical fibres, motor vehicles; "
                         "high-tech manufacturing revenue for electronics). Region queries: each host ranks about ten "
                         "items; item queries: each item ranks the hosts. Means with 90% CIs; random is the exact "
                         "expectation."),
    "wave_window": ("时段", "Window"),
    "query_type": ("查询类型", "Query type"),
    "query_region": ("省内排序（每省给产品排序）", "Region queries (each host ranks the items)"),
    "query_item": ("产品内排序（每个产品给各省排序）", "Item queries (each item ranks the hosts)"),
    "model_minus": ("模型 − 该方法 NDCG@5", "Model − method NDCG@5"),
    "wave_verdict": ("模型 NDCG@5 {model:.3f}，现有产出 {base:.3f}，配对差值 {diff:+.3f} [{low:+.3f}, {high:+.3f}]；"
                     "最佳规则：{best} {best_value:.3f}。",
                     "Model NDCG@5 {model:.3f}, existing output {base:.3f}, paired difference {diff:+.3f} "
                     "[{low:+.3f}, {high:+.3f}]; best rule: {best} {best_value:.3f}."),
    "in_model": ("模型使用", "In the model"),
    "contribution": ("贡献", "Contribution"),
    "pillar": ("支柱", "Pillar"),
    "feature": ("指标", "Feature"),
    "unit": ("单位", "Unit"),
    "meaning": ("含义", "Meaning"),
    "source": ("来源", "Source"),
    "rows": ("行数", "Rows"),
    "table": ("数据表", "Table"),
    # city layer
    "city_section": ("城市细分", "Cities in this province"),
    "city": ("地级市", "Prefecture city"),
    "city_ranked": ("{city} · 候选产业排名（城市层）", "{city} · ranked candidate industries (city level)"),
    "city_score": ("城市得分 (0–100)", "City score (0–100)"),
    "province_score": ("本省适配分 (0–100)", "Province score (0–100)"),
    "evidence_index": ("证据指数 (0–1)", "Evidence index (0–1)"),
    "city_zones": ("本市宣布该产业的开发区 (个)", "Zones in the city declaring it (zones)"),
    "listed_firms": ("深交所上市企业 (家)", "SZSE-listed firms (firms)"),
    "city_crowding": ("拥挤度 (相对随机期望)", "Crowding (× chance)"),
    "zones_nationwide": ("全国宣布该产业的开发区 (个)", "Zones declaring it nationwide (zones)"),
    "province": ("所在省份", "Province"),
    "population_2020": ("2020 年人口 (万人)", "Population 2020 (10^4 persons)"),
    "no_ratio": ("无同类开发区", "no declaring peer zones"),
    "no_city_data": ("{region} 没有地级市数据：城市层覆盖 31 个省级单位的 337 个地级单位，不含上传的自定义地区。",
                     "{region} has no prefecture-city data: the city layer covers the 337 prefecture units of the 31 "
                     "provincial units, not uploaded regions."),
    "city_vintage": ("城市数据：开发区 {zones} 年目录；深交所上市公司 {firms} 年名单；钢铁产能 {steel} 年；人口普查 {census} 年；"
                     "省级适配分为 {as_of} 年。",
                     "City data: development zones {zones} catalogue; SZSE listed firms {firms} list; steel capacity "
                     "{steel}; census {census}; province scores as of {as_of}."),
    "city_year_note": ("城市证据只有最新数据：城市得分基于 {latest} 年的省级适配分，而不是所选的 {year} 年。",
                       "City evidence exists for recent years only: city scores start from the {latest} province "
                       "scores, not the chosen {year}."),
    "city_note": ("说明：{note}。", "Note: {note}."),
    "city_pdf": ("下载本市一页 PDF 报告", "Download the city's one-page PDF report"),
    "city_alternatives": ("拥挤度高，较不拥挤的备选：{alternatives}", "Crowding high; less crowded alternatives: "
                                                              "{alternatives}"),
    "map_level": ("地图层级", "Map level"),
    "province_level": ("省级", "Province level"),
    "city_level": ("市级", "City level"),
    "city_map_title": ("各地级市适配度", "Fit by prefecture city"),
    "city_scope": ("城市范围", "Cities of"),
    "all_provinces": ("全部省份", "all provinces"),
    "all_host_provinces": ("全部承接地省份", "all host provinces"),
    "city_shortlist": ("城市排名", "Ranked cities"),
    "score_points": ("{score:.0f} 分", "{score:.0f}/100"),
}


def t(key: str, lang: str = "zh") -> str:
    """Label ``key`` in ``lang`` ('zh' or 'en')."""
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


METHODS_ZH = {"model": "模型", "random": "随机（期望值）", "persistence": "延续（区位商）", "momentum": "势头",
              "density": "关联密度", "atlas": "Atlas 综合分", "scale": "现有产出规模", "industry_prior": "产业先验",
              "national_size": "全国产业规模", "density_persistence": "关联密度+区位商",
              "existing_output": "现有产出（门类）", "product_share": "产品份额", "share_gap": "份额差"}


def method_label(method: str, lang: str = "zh") -> str:
    """Display name of an evaluated method (model or baseline)."""
    return METHODS_ZH.get(method, method) if lang == "zh" else method


def pillar_label(pillar: str, lang: str = "zh") -> str:
    """Pillar or group label."""
    zh, en = PILLARS[pillar]
    return zh if lang == "zh" else en


@lru_cache(maxsize=2)
def _names(kind: str) -> dict:
    table = load_table("regions" if kind == "region" else "industries")
    key = "region" if kind == "region" else "industry"
    return {row[key]: (row["name_zh"], row["name_en"]) for row in table.to_dict(orient="records")}


def region_name(code: int, lang: str = "zh") -> str:
    """Region display name; unknown codes (uploaded regions) show as the code."""
    zh, en = _names("region").get(int(code), (t("uploaded_region", "zh"), t("uploaded_region", "en")))
    return zh if lang == "zh" else en


def industry_name(code: str, lang: str = "zh") -> str:
    """Industry display name."""
    zh, en = _names("industry")[code]
    return zh if lang == "zh" else en


@lru_cache(maxsize=1)
def _feature_labels() -> dict[str, tuple[str, str]]:
    table = catalogue()
    return {r.name: (r.label_zh, r.label_en) for r in table.itertuples(index=False)}


def feature_label(name: str, lang: str = "zh") -> str:
    """Feature label from the catalogue."""
    zh, en = _feature_labels().get(name, (name, name))
    return zh if lang == "zh" else en

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
    "score_note": ("适配分：未来五年该产业进入本省“全国份额上升最多”前五名的估计概率（×100，用历史数据逐期回测校准）；"
                   "所有省份、所有产业的平均水平为 {base:.0f} 分。",
                   "Fit score: the estimated probability (×100, calibrated by testing on past periods) that the "
                   "industry is among the province's five largest gains of national share over the next five years; "
                   "the average over all provinces and industries is {base:.0f}."),
    "sites_rule": ("本表排序依据：{rule}——用历史数据逐期回测（在一个产业内给中西部省份排序）时效果最好；适配分仅供参考。",
                   "This list is ordered by {rule}: the best rule when tested on past periods (ranking the central "
                   "and western provinces within one industry); the fit score is shown for reference."),
    "origin_rule": ("选择了迁出地：排序 = 2/3 × 上述规则的排位 + 1/3 × 与迁出地的接近程度（距离越近越靠前）。",
                    "With an origin: order = 2/3 × rank by the rule above + 1/3 × nearness to the origin (closer "
                    "ranks higher)."),
    "default_ordering": ("默认排序（由历史回测决定）：省份榜单按 {region}；产业选址按 {sites}。评估以全国份额变化为主要目标。",
                         "Default orderings (decided by testing on past periods): region lists by {region}; sites by "
                         "{sites}. The evaluation is judged mainly on the change of national share."),
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
    "h29_rca": ("信息服务专业化系数", "Information services specialisation ratio"),
    "resource_base": ("资源与公用事业基础（背景，不参与排名）", "Resource and utility base (context, not ranked)"),
    "rca": ("专业化系数", "Specialisation ratio"),
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
    "rivals_count": ("竞争地区数", "Number of rival regions"),
    "declared_count": ("宣布为重点的省份数", "Number of provinces declaring it"),
    "rivals_shown": ("表中每行列出前 {n} 个竞争地区，下载的文件列出全部。",
                     "Each row names its first {n} rival regions; the download names them all."),
    "alternatives": ("较少竞争的替代产业", "Less crowded alternatives"),
    "green_flag": ("高碳落煤电", "Energy-intensive on a coal grid"),
    "origins": ("可能迁出地", "Likely origin provinces"),
    "low": ("低", "low"),
    "medium": ("中", "medium"),
    "high": ("高", "high"),
    "ranked_industries": ("候选产业排名", "Ranked candidate industries"),
    "pillar_contrib": ("各类因素的贡献（分）", "Contributions by factor group (points)"),
    "explain": ("分数解释", "Explanation"),
    "explain_pick": ("选择要解释的产业", "Industry to explain"),
    "by_pillar": ("按因素类别", "By factor group"),
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
    "item": ("项目", "Item"),
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
    "model_minus": ("模型 − 该方法（前 5 名排序质量）", "Model − method (top-5 ranking quality)"),
    "wave_verdict": ("前 5 名排序质量：模型 {model:.3f}，现有产出 {base:.3f}，配对差值 {diff:+.3f} [{low:+.3f}, {high:+.3f}]；"
                     "最佳规则：{best} {best_value:.3f}。",
                     "Top-5 ranking quality: model {model:.3f}, existing output {base:.3f}, paired difference "
                     "{diff:+.3f} [{low:+.3f}, {high:+.3f}]; best rule: {best} {best_value:.3f}."),
    "in_model": ("模型使用", "In the model"),
    "contribution": ("贡献", "Contribution"),
    "pillar": ("因素类别", "Factor group"),
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
    "evidence_index": ("本市已有基础 (0–1)", "City's existing base (0–1)"),
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
    "choose": ("请选择", "Choose an option"),
    "glossary": ("术语表", "Glossary"),
    "glossary_note": ("界面尽量使用日常说法；下表解释这些说法对应的专业术语和计算方法。",
                      "The interface uses plain words; this table explains the technical terms behind them and how "
                      "they are computed."),
    "glossary_hint": ("不熟悉的说法见「模型与数据」页的术语表。", "Unfamiliar words are explained in the glossary on the "
                                                      "Model & data page."),
    "ci_low": ("区间下限 (5%)", "Range low (5%)"),
    "ci_high": ("区间上限 (95%)", "Range high (95%)"),
    "upload_limit": ("选择或拖入一个文件（CSV、TXT 或 XLSX），每个文件不超过 {mb} MB。",
                     "Choose or drop one file (CSV, TXT or XLSX), at most {mb} MB per file."),
    "upload_button": ("选择文件", "Browse files"),
    # region view: the one-screen investment summary (app/summary.py)
    "summary_title": ("招商摘要", "Investment summary"),
    "priority": ("重点", "Priority"),
    "consider": ("可考虑", "Worth considering"),
    "caution": ("谨慎", "Caution"),
    "tier_none": ("（无）", "(none)"),
    "summary_item": ("{score:.0f} 分 · 全国第 {rank}/{n} · 同质化 {crowd}",
                     "{score:.0f}/100 · rank {rank} of {n} provinces · crowding {crowd}"),
    "tier_rule": ("分档规则：适配分不低于全国平均 {base:.1f} 分的 {factor} 倍（{bar:.1f} 分）且同质化不高为「重点」；"
                  "适配分低于平均，或同质化高且不足 {bar:.1f} 分为「谨慎」；其余为「可考虑」。"
                  "“全国第 N 名”是本省该产业适配分在全部省份中的名次。",
                  "Tiers: a fit score at least {factor} × the all-province average of {base:.1f} ({bar:.1f}) with "
                  "crowding not high is Priority; a score below the average, or high crowding with a score under "
                  "{bar:.1f}, is Caution; the rest are Worth considering. \"Rank N of M provinces\" is the province's "
                  "place among all provinces' fit scores for that industry."),
    "details": ("展开详情", "Show details"),
    # the two score scales, wherever province and city scores appear together
    "score_scales": ("两种分数：省级适配分是经回测校准的概率（×100）；城市得分以所在省的适配分为起点，按城市证据"
                     "（开发区、上市企业、钢铁产能、人口）相对全国平均城市上调或下调——证据与全国平均持平的城市得分等于"
                     "省级分。城市得分未经校准，只用于比较城市，不是概率，因此可远高于或低于本省的适配分。",
                     "Two scales: the province fit score is a backtest-calibrated probability (×100); a city score "
                     "starts from its province's fit score and moves up or down with the city's evidence (zones, "
                     "listed firms, steel capacity, population) against the national average city — a city with "
                     "average evidence gets its province's score. City scores are not calibrated probabilities: they "
                     "rank cities and can lie far above or below the province's score."),
    # industry view map
    "not_host": ("非承接地（不参与排名）", "not a host region (not ranked)"),
    "origin_mark": ("迁出地", "origin"),
    # what-if: output edits
    "add_edit": ("添加", "Add"),
    "edits_applied": ("已应用的产出改动：", "Applied output edits:"),
    "no_output_edits": ("尚未添加产出改动：选择产业、填写新增产出后点「添加」。",
                        "No output edits yet: pick an industry, type the extra output and press Add."),
}

#: Plain names of the backtest metrics (the ids are those of :mod:`models.evaluation`).
METRICS: dict[str, tuple[str, str]] = {
    "ndcg@5": ("前 5 名排序质量", "Top-5 ranking quality"),
    "ndcg@10": ("前 10 名排序质量", "Top-10 ranking quality"),
    "ndcg@3": ("前 3 名排序质量", "Top-3 ranking quality"),
    "p@5": ("前 5 名命中率", "Top-5 hit rate"),
    "map": ("整体命中质量", "Overall hit quality"),
}

#: 术语表 / Glossary: (plain word zh, technical term zh, explanation zh, plain word en, technical term en,
#: explanation en). The interface uses the plain words; the model page explains them here.
GLOSSARY: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("适配分", "校准概率 × 100",
     "未来五年该产业进入本省“超比例增长”前五名的估计概率，乘以 100；用过去的数据滚动回测校准。",
     "Fit score", "calibrated probability × 100",
     "the estimated probability that the industry is among the province's five largest gains beyond its "
     "proportional share over the next five years, × 100; calibrated on rolling backtests."),
    ("专业化系数", "区位商（LQ / RCA）",
     "本省该产业占本省总产出的比重 ÷ 全国该产业占全国总产出的比重；大于 1 表示比全国平均更集中。",
     "Specialisation ratio", "location quotient (LQ, RCA)",
     "the industry's share of the province's output divided by its share of national output; above 1 = more "
     "concentrated than the national average."),
    ("匹配程度", "匹配指数",
     "产业的某类投入需求（资源、能源、技术服务）与本省相应供给能力的乘积；越高，需求和本地条件越对得上。",
     "Match", "match index",
     "the industry's need for an input (resources, energy, technical services) times the province's supply of it; "
     "higher = need and local conditions fit better."),
    ("因素类别", "支柱",
     "把几十个指标归成 {n} 类（{pillars_zh}），按类相加说明分数从哪里来。",
     "Factor group", "pillar",
     "the dozens of indicators grouped into {n} kinds ({pillars_en}), summed per group to show where a score comes "
     "from."),
    ("推高 / 拉低 N 分", "沙普利值（SHAP）贡献",
     "某个因素使适配分比所有省份×产业的平均分高或低多少分；各因素相加等于适配分与平均分之差。",
     "raises / lowers by N points", "SHAP contribution",
     "how many points a factor moves the fit score above or below the average over all provinces and industries; "
     "the contributions add up to the difference between the score and the average."),
    ("本市已有基础", "证据指数",
     "0–1 之间：本市开发区是否把该产业列为主导产业、深交所上市企业、钢铁产能、人口规模（给定迁出省时还有距离）按权重合成。",
     "City's existing base", "evidence index",
     "between 0 and 1: whether the city's development zones declare the industry, SZSE-listed firms, steel "
     "capacity, population (and the distance to an origin province when one is given), weighted together."),
    ("城市得分", "几率尺度调整",
     "以所在省的适配分为起点，本市已有基础高于全国平均则上调、低于则下调；调整按概率的“几率”（概率 ÷ (1 − 概率)）"
     "成比例进行，所以分数始终在 0–100 之间。",
     "City score", "adjustment on the odds scale",
     "starts from the province's fit score and moves up when the city's existing base is above the national "
     "average, down when below; the move is proportional on the odds (probability ÷ (1 − probability)), so the "
     "score stays within 0–100."),
    ("前 5 名排序质量", "NDCG@5",
     "回测时模型排出的前 5 名与实际增长最快的产业吻合得多好，0–1，越高越好；排在越前面的命中权重越大。",
     "Top-5 ranking quality", "NDCG@5",
     "in backtests, how well the model's top five match the industries that actually grew most, 0–1, higher is "
     "better; hits near the top count more."),
    ("前 10 名排序质量", "NDCG@10", "同上，看前 10 名。",
     "Top-10 ranking quality", "NDCG@10", "the same over the top ten."),
    ("前 5 名命中率", "P@5（前 5 名精确率）", "模型排出的前 5 名中，实际属于增长最快前 5 名的比例。",
     "Top-5 hit rate", "P@5 (precision at 5)",
     "the share of the model's top five that were among the five fastest-growing industries."),
    ("整体命中质量", "MAP（平均精确率）", "把所有命中位置的命中率取平均，看整张排名的质量。",
     "Overall hit quality", "MAP (mean average precision)",
     "the hit rate averaged over every position with a hit: the quality of the whole ranking."),
    ("区间下限 / 上限", "90% 置信区间", "回测结果在重复抽样下的波动范围：90% 的情况落在两者之间。",
     "Range low / high", "90% confidence interval",
     "how much the backtest result varies under resampling: 90% of the cases fall between the two."),
    ("回测方案", "滚动样本外 / 分块留一省交叉验证 / 单次检验",
     "检验模型的三种办法：滚动样本外——只用某年以前的数据训练，预测其后五年，逐期向前；分块留一省——每次留出一个省不参与"
     "训练，再对它预测；单次检验——用 2012 年以前的数据训练，检验 2012→2017 年。",
     "Protocol", "rolling out-of-time / blocked leave-region-out CV / single test",
     "three ways the model is tested: rolling out-of-time — train on data before a year, predict the five years "
     "after, step forward; blocked leave-region-out — leave one province out of training, then predict it; single "
     "test — train on data before 2012, test on 2012→2017."),
    ("Atlas 综合分", "Atlas 式机会指数",
     "参照哈佛《经济复杂度图谱》的做法，把关联密度、产品复杂度和机会收益加权合成的对照方法。",
     "Atlas composite score", "Atlas-style opportunity index",
     "a comparison method after the Harvard Atlas of Economic Complexity: relatedness density, product complexity "
     "and opportunity gain, weighted together."),
    ("超比例增长", "超额增长（xgain）",
     "产业产出的实际增长减去“按全国同行业增速和本省原有份额应有的增长”；为正表示本省抢到了更多份额。",
     "growth beyond the proportional share", "excess gain (xgain)",
     "the industry's actual output growth minus the growth it would have had at the national industry's rate from "
     "the province's former share; positive = the province captured share."),
    ("关联密度", "产业关联密度",
     "与该产业相关的产业中，本省已经形成专业化（专业化系数 ≥ 1）的比例。",
     "Relatedness density", "relatedness density",
     "the share of industries related to this one that the province already specialises in (specialisation "
     "ratio ≥ 1)."),
)



def t(key: str, lang: str = "zh") -> str:
    """Label ``key`` in ``lang`` ('zh' or 'en')."""
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


METHODS_ZH = {"model": "模型", "random": "随机（期望值）", "persistence": "延续（专业化系数）", "momentum": "势头",
              "density": "关联密度", "atlas": "Atlas 综合分", "scale": "现有产出规模", "industry_prior": "产业先验",
              "national_size": "全国产业规模", "density_persistence": "关联密度+专业化系数",
              "existing_output": "现有产出（门类）", "product_share": "产品份额", "share_gap": "份额差",
              "chains": "产业链默认排序"}


METHODS_EN = {"model": "Model", "random": "Random (expected value)", "persistence": "Persistence (specialisation)",
              "momentum": "Momentum", "density": "Relatedness density", "atlas": "Atlas composite score",
              "scale": "Existing output", "industry_prior": "Industry prior", "national_size": "National industry size",
              "density_persistence": "Relatedness density + specialisation",
              "existing_output": "Existing output (IO group)", "product_share": "Product share",
              "share_gap": "Share gap", "chains": "Chain ranking (default)"}


def method_label(method: str, lang: str = "zh") -> str:
    """Display name of an evaluated method (model or baseline) in ``lang``, never a raw id when named."""
    return (METHODS_ZH if lang == "zh" else METHODS_EN).get(method, method)


def metric_label(metric: str, lang: str = "zh") -> str:
    """Plain name of a backtest metric (``ndcg@5`` → 前 5 名排序质量 / Top-5 ranking quality)."""
    zh, en = METRICS.get(metric, (metric, metric))
    return zh if lang == "zh" else en


def glossary_markdown(lang: str = "zh") -> str:
    """The glossary as a Markdown table: plain word, technical term, explanation."""
    zh = lang == "zh"
    head = "| 界面用语 | 专业术语 | 含义 |" if zh else "| Word in the app | Technical term | Meaning |"
    fill = {"n": len(PILLARS), "pillars_zh": "、".join(v[0] for v in PILLARS.values()),
            "pillars_en": ", ".join(v[1].lower() for v in PILLARS.values())}
    rows = [f"| {g[0]} | {g[1]} | {g[2].format(**fill)} |" if zh else f"| {g[3]} | {g[4]} | {g[5].format(**fill)} |"
            for g in GLOSSARY]
    return "\n".join([head, "|---|---|---|", *rows])


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


#: 东数西算 national computing hubs (``policy_data_hubs.hub``) in English.
HUBS_EN = {"京津冀枢纽": "Beijing-Tianjin-Hebei hub", "内蒙古枢纽": "Inner Mongolia hub", "宁夏枢纽": "Ningxia hub",
           "成渝枢纽": "Chengdu-Chongqing hub", "甘肃枢纽": "Gansu hub", "粤港澳大湾区枢纽": "Greater Bay Area hub",
           "贵州枢纽": "Guizhou hub", "长三角枢纽": "Yangtze River Delta hub"}


def hub_name(name: str, lang: str = "zh") -> str:
    """A computing hub's name in ``lang`` (the Chinese name when no English one is known)."""
    return name if lang == "zh" else HUBS_EN.get(name, name)


def region_short(code: int, lang: str = "zh") -> str:
    """Short region name for crowded chart axes (四川, 内蒙古; English names unchanged)."""
    if lang != "zh":
        return region_name(code, lang)
    table = load_table("regions")
    short = dict(zip(table["region"].astype(int), table["short_zh"]))
    return short.get(int(code), region_name(code, lang))


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

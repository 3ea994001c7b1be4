"""Parser cases: the input text and the expected result side by side."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing import dates, narrative, parse
from briefing.parse import companies, figures

D = dt.date


@pytest.mark.parametrize("inner, expected", [
    ("Solid-State Battery: Huabao and EVE Sign Agreement", ("Solid-State Battery", "Huabao and EVE Sign Agreement")),
    ("National Standard Naming: Three Categories - Liquid, Solid-Liquid Hybrid",
     ("National Standard Naming", "Three Categories - Liquid, Solid-Liquid Hybrid")),
    ("A headline without a category", ("", "A headline without a category")),
    ("Trailing colon:", ("", "Trailing colon:")),
])
def test_split_item(inner, expected):
    assert parse.split_item(inner) == expected


@pytest.mark.parametrize("text, expected", [
    ("Do-Fluoride New Materials Co., Ltd. (002407.SZ) stated", [("Do-Fluoride New Materials Co., Ltd.", "002407.SZ")]),
    ("On November 19, 2025, Hnz Technology [300490] stated", [("Hnz Technology", "300490.SZ")]),
    ("Hymson Laser Technology Group Co., Ltd. (688559.SH) revealed", [("Hymson Laser Technology Group Co., Ltd.", "688559.SH")]),
    ("Yinglian Co., Ltd. (002846) announced", [("Yinglian Co., Ltd.", "002846.SZ")]),
    ("CATL (03750) listed in Hong Kong", [("CATL", "03750.HK")]),
    ("Shenzhen Huabao New Energy Co., Ltd. and EVE Energy Co., Ltd. signed",
     [("Shenzhen Huabao New Energy Co., Ltd.", None), ("EVE Energy Co., Ltd.", None)]),
    ("US-based Ensurge Inc. reached an agreement", [("Ensurge Inc.", None)]),
    ("prices rose 3% on the week", []),
    ("有消息称,鞍重股份(002667)临武项目", [("鞍重股份", "002667.SZ")]),
    ("公告显示，永泰能源（600157）发布", [("永泰能源", "600157.SH")]),
    ("宁德时代（股票代码：300750）发布公告", [("宁德时代", "300750.SZ")]),
    ("公司Electrovaya(纳斯达克代码ELVA)收入增长", [("Electrovaya", "ELVA")]),
    ("Albemarle (NYSE: ALB) raised prices", [("Albemarle", "ALB")]),
    ("CATL (300750.SZ) said", [("CATL", "300750.SZ")]),
])
def test_companies(text, expected):
    assert [(c.name, c.code) for c in companies.companies(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the alias table, whatever legal form and punctuation follow, merged by entry
    ("Suzhou Qingtao New Energy Technology Co., Ltd. said", [("Suzhou Qingtao New Energy Technology Co., Ltd.", "qingtao")]),
    ("SAIC Group and SAIC Motor agreed", [("SAIC Group", "saic")]),
    ("EVE and EVE Energy Co., Ltd. on the eve of the deal", [("EVE Energy Co., Ltd.", "eve")]),
    ("Jiangsu Yinglian Composite Current Collector Co., Ltd. and Shenzhen Hnz Technology Co., Ltd. agreed",
     [("Jiangsu Yinglian Composite Current Collector Co., Ltd.", ""), ("Shenzhen Hnz Technology Co., Ltd.", "hnz")]),
    ("strikes at Alcoa’s refinery and CNOOC-affiliated plants", [("Alcoa", "alcoa"), ("CNOOC", "cnooc")]),
    ("prices in the U.S. steel market", []),
    # running text: capitalised words ending in a corporate word
    ("Factorial Energy signed with a carmaker.", [("Factorial Energy", "factorial")]),
    ("It has agreed to buy cells from Fjordvik Batteries and Q7 Power this year.",
     [("Fjordvik Batteries", ""), ("Q7 Power", "")]),
    ("【SMM分析】Harbourline Energy Group签署3GWh储能项目", [("Harbourline Energy Group", "")]),
    ("Meanwhile Battery Prices Rose Again This Week", []),
    ("Solid-State Battery demand and Global Energy storage grew", []),
    ("the Collie Battery project and SMM Metals data", []),
    ("the National Energy Administration said", []),
    # Chinese names: a legal form, a short name between punctuation, a name before a code
    ("中标人为中国华能集团清洁能源技术研究院有限公司，中标价格", [("中国华能集团清洁能源技术研究院有限公司", "")]),
    ("包括许继集团3.5GWh、平高集团0.8GWh、赛岚科技、中川新能源都是入围", [
        ("许继集团", "xjgroup"), ("平高集团", "pinggao"), ("赛岚科技", ""), ("中川新能源", "")]),
    ("并向储能新能源领域发展，其中锂电池需求", []),
])
def test_company_shapes(text, expected):
    assert [(c.name, c.key) for c in companies.companies(text)] == expected


def test_a_company_carries_the_codes_the_table_knows():
    (catl,) = companies.companies("CATL said on Monday")
    assert (catl.code, catl.codes) == (None, ("300750.SZ", "03750.HK"))


@pytest.mark.parametrize("code, expected", [
    ("300490", "300490.SZ"), ("002846", "002846.SZ"), ("688559", "688559.SH"),
    ("600000", "600000.SH"), ("830799", "830799.BJ"), ("3750", "03750.HK"), ("688559.sh", "688559.SH"),
    ("ALB", "ALB"), ("alb.n", "ALB.N"),
])
def test_normalise_code(code, expected):
    assert companies.normalise_code(code) == expected


@pytest.mark.parametrize("text, expected", [
    ("the 200MW/800MWh project", [("200MW/800MWh", 200.0, "MW/MWh", 800.0, None)]),
    ("winning the bid at 440 million yuan", [("440 million yuan", 4.4e8, "yuan", None, None)]),
    ("a unit price of 0.55 yuan/Wh", [("0.55 yuan/Wh", 0.55, "yuan/Wh", None, None)]),
    ("over 50 million square meters of foil", [("50 million square meters", 5e7, "square meters", None, None)]),
    ("shipments are expected to reach 13.5 GWh by 2028", [("13.5 GWh", 13.5, "GWh", None, 2028)]),
    ("coatings of 0.5-4μm", [("0.5-4μm", 0.5, "μm", None, None)]),
    ("It covers an area of 100 mu.", [("100 mu", 100.0, "mu", None, None)]),
    ("in 2023 nothing was measured", []),
])
def test_figures(text, expected):
    got = [(f.text, f.value, f.unit, f.second, f.year) for f in figures.figures(text)]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # (text, value, unit, low, high, second)
    ("a 200MW/800MWh plant", [("200MW/800MWh", 200.0, "MW/MWh", None, None, 800.0)]),
    ("rated for 500 cycles", [("500 cycles", 500.0, "cycles", None, None, None)]),
    ("over 2,500 cycles", [("2,500 cycles", 2500.0, "cycles", None, None, None)]),
    ("a life of 15-25 years", [("15-25 years", 15.0, "years", 15.0, 25.0, None)]),
    ("a 36-day stretch", [("36-day", 36.0, "day", None, None, None)]),
    ("for three years", [("three years", 3.0, "years", None, None, None)]),
    ("six consecutive weeks", [("six consecutive weeks", 6.0, "weeks", None, None, None)]),
    ("copper rose to $6,423 a tonne", [("$6,423 a tonne", 6423.0, "USD/mt", None, None, None)]),
    ("CIF at USD 52/mt", [("USD 52/mt", 52.0, "USD/mt", None, None, None)]),
    ("wafers at $9.90/kg", [("$9.90/kg", 9.9, "USD/kg", None, None, None)]),
    ("polysilicon ¥70.00/kg", [("¥70.00/kg", 70.0, "yuan/kg", None, None, None)]),
    ("16,800 to 16,900 yuan/mt", [("16,800 to 16,900 yuan/mt", 16800.0, "yuan/mt", 16800.0, 16900.0, None)]),
    ("traded between 80,750 and 80,970 yuan/mt",
     [("80,750 and 80,970 yuan/mt", 80750.0, "yuan/mt", 80750.0, 80970.0, None)]),
    ("N-type | ¥70.00 – ¥73.00 |", [("¥70.00 – ¥73.00", 70.0, "yuan", 70.0, 73.0, None)]),
    ("HRC $1,170-$1,350 per net ton", [("$1,170-$1,350 per net ton", 1170.0, "USD/net ton", 1170.0, 1350.0, None)]),
    ("$31.75/cwt- $33.25/cwt", [("$31.75/cwt- $33.25/cwt", 31.75, "USD/cwt", 31.75, 33.25, None)]),
    ("RMB84,000-93,000", [("RMB84,000-93,000", 84000.0, "yuan", 84000.0, 93000.0, None)]),
    ("报价16800至16900元/吨", [("16800至16900元/吨", 16800.0, "yuan/mt", 16800.0, 16900.0, None)]),
    ("5~8 GWh", [("5~8 GWh", 5.0, "GWh", 5.0, 8.0, None)]),
    ("a deal worth $34 billion", [("$34 billion", 3.4e10, "USD", None, None, None)]),
    ("raised US$406 million", [("US$406 million", 4.06e8, "USD", None, None, None)]),
    ("RMB 1.2 billion", [("RMB 1.2 billion", 1.2e9, "yuan", None, None, None)]),
    ("revenue of $137.5M", [("$137.5M", 1.375e8, "USD", None, None, None)]),
    ("up 0.5 percent", [("0.5 percent", 0.5, "%", None, None, None)]),
    ("up 23.4 per cent", [("23.4 per cent", 23.4, "%", None, None, None)]),
    ("a 1.7-percent gain", [("1.7-percent", 1.7, "%", None, None, None)]),
    ("yields of 5-5.5pc", [("5-5.5pc", 5.0, "%", 5.0, 5.5, None)]),
    ("down 2 percentage points", [("2 percentage points", 2.0, "percentage points", None, None, None)]),
    ("changes of -1.5% and +0.1%", [("-1.5%", -1.5, "%", None, None, None), ("+0.1%", 0.1, "%", None, None, None)]),
    ("TCs at $-135/dmt", [("$-135/dmt", -135.0, "USD/dmt", None, None, None)]),
    ("50%-60%", [("50%-60%", 50.0, "%", 50.0, 60.0, None)]),
    ("rose from 5% to 10%", [("5%", 5.0, "%", None, None, None), ("10%", 10.0, "%", None, None, None)]),
    # the first number of a range abbreviates the second
    ("oxide quoted 27-272000 yuan / ton", [("27-272000 yuan / ton", 270000.0, "yuan/mt", 270000.0, 272000.0, None)]),
    ("178-1.8 million yuan / ton", [("178-1.8 million yuan / ton", 1.78e6, "yuan/mt", 1.78e6, 1.8e6, None)]),
    ("a life of 2-25 years", [("2-25 years", 2.0, "years", 2.0, 25.0, None)]),
    # Chinese units and multipliers
    ("投资10亿元", [("10亿元", 1e9, "yuan", None, None, None)]),
    ("约1.5亿元", [("1.5亿元", 1.5e8, "yuan", None, None, None)]),
    ("总投资387亿元", [("387亿元", 3.87e10, "yuan", None, None, None)]),
    ("产能3000吨", [("3000吨", 3000.0, "mt", None, None, None)]),
    ("增长2.25%", [("2.25%", 2.25, "%", None, None, None)]),
    ("年产5万吨", [("5万吨", 5e4, "mt", None, None, None)]),
    ("装机26.648GWh", [("26.648GWh", 26.648, "GWh", None, None, None)]),
    ("均价18万-18.5万元/吨", [("18万-18.5万元/吨", 1.8e5, "yuan/mt", 1.8e5, 1.85e5, None)]),
    ("7.38 - 7.59 萬元/噸", [("7.38 - 7.59 萬元/噸", 73800.0, "yuan/mt", 73800.0, 75900.0, None)]),
    ("钴中间品24.0美元/磅", [("24.0美元/磅", 24.0, "USD/磅", None, None, None)]),
    ("电价0.7元/kWh", [("0.7元/kWh", 0.7, "yuan/kWh", None, None, None)]),
    ("1.68亿千瓦时", [("1.68亿千瓦时", 1.68e8, "kWh", None, None, None)]),
    ("下降3个百分点", [("3个百分点", 3.0, "个百分点", None, None, None)]),
    ("持续四个月", [("四个月", 4.0, "个月", None, None, None)]),
    ("循环5000次", [("5000次", 5000.0, "次", None, None, None)]),
    ("质保10年", [("10年", 10.0, "年", None, None, None)]),
    ("累计7376万千瓦/1.68亿千瓦时", [("7376万千瓦/1.68亿千瓦时", 7.376e7, "kW/kWh", None, None, 1.68e8)]),
    ("零下20℃", [("零下20℃", -20.0, "℃", None, None, None)]),
    ("70.6 GWH and 115ah cells",
     [("70.6 GWH", 70.6, "GWh", None, None, None), ("115ah", 115.0, "Ah", None, None, None)]),
    ("capacity payments of $135,000/MW/year",
     [("$135,000/MW/year", 135000.0, "USD/MW/year", None, None, None)]),
    ("up 450 yuan/tonne, and later up 450 yuan/tonne again",
     [("450 yuan/tonne", 450.0, "yuan/mt", None, None, None), ("450 yuan/tonne", 450.0, "yuan/mt", None, None, None)]),
    ("rose on August 15 to 62-65% of", [("62-65%", 62.0, "%", 62.0, 65.0, None)]),
    # not figures: years, dates, times, codes, contract months, formulas, counts without a unit
    ("2025年3月6日", []), ("25年上半年", []), ("in 2023 and 2024", []), ("at 10:30 on 11-20", []),
    ("(002846) and 300750.SZ", []), ("SHFE 1810 and LC2509 fell", []), ("Li2CO3 and NCM811", []),
    ("3 projects and 12 plants", []), ("the 2024-year plan", []), ("Updated 2 hours ago", []), ("($1 = 6.8 yuan)",
     [("6.8 yuan", 6.8, "yuan", None, None, None)]), ("LME three-month copper and 3-month nickel", []),
    # the period a figure is told for: "rose 4.8% through the first five months", "first time in seven years"
    ("rose 4.8% through the first five months of the year", [("4.8%", 4.8, "%", None, None, None)]),
    # a rate of things made: a figure of its own, never a count without a unit
    ("Tesla can now equip around 1,000 vehicles per week", [("1,000 vehicles per week", 1000.0, "vehicles/week",
                                                             None, None, None)]),
    ("a rate of 868,000 4680 cells in one week", [("868,000 4680 cells in one week", 868000.0, "cells/week", None,
                                                   None, None)]),
    ("新建4萬噸/年鋰鹽一體化項目", [("4萬噸/年", 40000.0, "mt/year", None, None, None)]),  # a plant's yearly size
    # energy written out, and what a vehicle uses per distance
    ("a 100-gigawatt-hour new factory", [("100-gigawatt-hour", 100.0, "GWh", None, None, None)]),
    ("energy consumption of less than 2 kilowatt-hour per mile",
     [("2 kilowatt-hour per mile", 2.0, "kWh/mile", None, None, None)]),
    ("In the first 11 months of 2023", []), ("ahead for the first time in seven years", []),
    ("prices have increased for six consecutive weeks",
     [("six consecutive weeks", 6.0, "weeks", None, None, None)]),
])
def test_figure_shapes(text, expected):
    got = [(f.text, f.value, f.unit, f.low, f.high, f.second) for f in figures.figures(text)]
    assert got == expected


@pytest.mark.parametrize("token", ["1", "1,", "1 ", "$ ", "1-", "1 to ", "between ", "1万", "三", "five ", "-", "RMB",
                                   "1.", "1 yuan/", "1/", "1%-"])
def test_figures_read_runs_that_once_backtracked(token):
    """After a long run of figure-like tokens the sentence's real figures are still read (the time
    this takes is measured by make bench, bench/bench_scale.py)."""
    found = figures.figures(token * (200_000 // len(token)) + ". Output rose 5% to 3 GWh.")
    assert [(f.text, f.value, f.unit) for f in found[-2:]] == [("5%", 5.0, "%"), ("3 GWh", 3.0, "GWh")]


@pytest.mark.parametrize("text, forecast", [
    ("Copper may trade at 80,000 yuan/mt today.", True),
    ("In May copper traded at 80,000 yuan/mt.", False),
])
def test_may_the_verb_looks_ahead_may_the_month_does_not(text, forecast):
    (figure,) = figures.figures(text)
    assert figure.forecast is forecast


def test_forecast_figure_label():
    text = "By 2030, global lithium-ion battery demand is estimated to be around 2,800 GWh."
    (figure,) = figures.figures(text)
    assert (figure.label, figure.value, figure.year, figure.forecast) == (
        "global lithium-ion battery demand", 2800.0, 2030, True)


@pytest.mark.parametrize("text, anchor, expected", [
    ("On November 14, 2025, the project", D(2025, 11, 20), [(D(2025, 11, 14), True)]),
    ("On March 3, Foton Motor announced", D(2024, 3, 10), [(D(2024, 3, 3), False)]),
    ("Shipments in December 28 were strong", D(2026, 1, 2), [(D(2025, 12, 28), False)]),
    ("no dates here", D(2025, 1, 1), []),
])
def test_event_dates(text, anchor, expected):
    assert [(d.value, d.explicit) for d in dates.event_dates(text, anchor)] == expected


@pytest.mark.parametrize("line, expected", [
    ("iconNov 20, 2025 16:13", dt.datetime(2025, 11, 20, 16, 13)),
    ("- Jul 03, 2025, at 5:29 pm", dt.datetime(2025, 7, 3, 17, 29)),
    ("Source:SMM", None),
])
def test_stamp(line, expected):
    assert dates.parse_stamp(line) == expected


@pytest.mark.parametrize("text, expected_year", [
    ("By 2024, batteries are expected to ship. In 2023, China has already achieved output.", 2024),
    ("In 2021 the plant was completed. It has run since.", 2021),
    ("No years at all.", None),
])
def test_infer_year(text, expected_year):
    result = dates.infer_year(text)
    assert (result[0] if result else None) == expected_year


@pytest.mark.parametrize("week, expected", [
    ("2025-47", ("2025-47", D(2025, 11, 17), D(2025, 11, 23))),
    ("2025-W01", ("2025-01", D(2024, 12, 30), D(2025, 1, 5))),
    ("2020-53", ("2020-53", D(2020, 12, 28), D(2021, 1, 3))),
])
def test_parse_week(week, expected):
    assert dates.parse_week(week) == expected


@pytest.mark.parametrize("week, fragment", [
    ("2025-60", "2025 has weeks 01 to 52"),
    ("abc", "give an ISO week as YYYY-WW"),
    ("", "WEEK is missing"),
    (None, "WEEK is missing"),
])
def test_parse_week_errors(week, fragment):
    from briefing.errors import UsageError

    with pytest.raises(UsageError, match=fragment) as err:
        dates.parse_week(week)
    assert err.value.exit_code == 2


NARRATIVE = (
    "Lead sentence sets the scene for the year. "
    "On May 4, Alpha Motor announced that the company will build a plant with Beta Power. "
    "\"This plant will change the market,\" said Jo Lee, a director of Alpha Motor. "
    "Together they will invest heavily.\n"
    "Recently, Gamma Cells announced that its first line has started production. "
    "Gamma Cells stated that samples were sent to carmakers.\n"
    "\"Semi-solid cells come first,\" believes Ann Wu, head of the Delta Alliance. "
    "Among them, two makers plan to launch models in 2026."
)


def test_narrative_split_groups_sentences_into_items():
    intro, items = narrative.split(NARRATIVE.split("\n"))
    assert intro == ["Lead sentence sets the scene for the year."]
    bodies = [body for _, body in items]
    assert len(items) == 3
    assert bodies[0].startswith("On May 4, Alpha Motor") and bodies[0].endswith("invest heavily.")
    assert bodies[1].startswith("Recently, Gamma Cells") and "samples were sent" in bodies[1]
    assert bodies[2].startswith("\"Semi-solid cells come first,\"") and bodies[2].endswith("in 2026.")
    assert items[0][0] == "Alpha Motor to build a plant with Beta Power"
    assert items[1][0].startswith("Gamma Cells: its first line has started production")


def test_sentences_keep_abbreviations_and_quotes():
    text = "EVE Energy Co., Ltd. signed a deal. \"It works,\" said Li. Next one."
    assert narrative.sentences(text) == ["EVE Energy Co., Ltd. signed a deal.", "\"It works,\" said Li.", "Next one."]


@pytest.mark.parametrize("text, want", [
    ("Orders from the U.S. Department of Energy rose. Exports fell.",
     ["Orders from the U.S. Department of Energy rose.", "Exports fell."]),
    ("Delta Cells Co. Ltd. opened a plant. In Sept. 2025 it shipped 3 GWh. Output hit 3.5 Mt. Demand rose.",
     ["Delta Cells Co. Ltd. opened a plant.", "In Sept. 2025 it shipped 3 GWh.", "Output hit 3.5 Mt.", "Demand rose."]),
    ("The order went to Omega Power Inc. The plant opens in May.",
     ["The order went to Omega Power Inc.", "The plant opens in May."]),
    ("J. Park of Sigma Metals spoke. Prices held.", ["J. Park of Sigma Metals spoke.", "Prices held."]),
    ("碳酸锂价格上涨。氢氧化锂持平！Cobalt eased.", ["碳酸锂价格上涨。", "氢氧化锂持平！", "Cobalt eased."]),
    ("It told us. The talks go on.", ["It told us.", "The talks go on."]),
])
def test_sentences_end_at_stops_but_not_at_abbreviations_or_initials(text, want):
    assert narrative.sentences(text) == want

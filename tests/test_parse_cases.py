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
    ("It has agreed to buy cells from Nordic Batteries and O2 Power this year.",
     [("Nordic Batteries", ""), ("O2 Power", "")]),
    ("【SMM分析】Clearway Energy Group签署3GWh储能项目", [("Clearway Energy Group", "")]),
    ("Meanwhile Battery Prices Rose Again This Week", []),
    ("Solid-State Battery demand and Global Energy storage grew", []),
    ("the Collie Battery project and SMM Metals data", []),
    ("the National Energy Administration said", []),
    # Chinese names: a legal form, a short name between punctuation, a name before a code
    ("中标人为中国华能集团清洁能源技术研究院有限公司，中标价格", [("中国华能集团清洁能源技术研究院有限公司", "")]),
    ("包括许继集团3.5GWh、平高集团0.8GWh、赛美科技、中电新能源都是入围", [
        ("许继集团", "xjgroup"), ("平高集团", "pinggao"), ("赛美科技", ""), ("中电新能源", "")]),
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

"""What a figure measures (parse/measures/): subject, metric, period and forecaster, on invented sentences;
and the key-figures table, which lists only forecasts whose subject their sentence names."""

from __future__ import annotations

import re

import pytest

from briefing import group, ingest, parse
from briefing.parse import measures
from briefing.parse.figures import figures


def read(text: str) -> list[tuple[str, str, str, str]]:
    """(figure as written, subject, metric, period) of every figure of ``text``."""
    return [(f.text, f.subject, f.metric, f.period) for f in figures(text)]


# ------------------------------------------------------------------ respectively

def test_respectively_pairs_a_list_of_names_with_a_list_of_figures():
    got = read("Between 2025 and 2030, the growth rates of sodium-ion cell demand in grid storage, two-wheelers and "
               "data centres are projected at 31%, 18% and 44%, respectively.")
    assert [(subject, metric) for _, subject, metric, _ in got] == [
        ("sodium-ion cell demand, grid storage", "growth rate"),
        ("sodium-ion cell demand, two-wheelers", "growth rate"),
        ("sodium-ion cell demand, data centres", "growth rate")]
    assert {period for *_, period in got} == {"2025-2030"}


def test_respectively_with_the_names_as_the_clause_subject_or_after_the_figures():
    assert [s for _, s, _, _ in read("Manganese ore, silicon manganese and ferrochrome gained 2.1%, 3.4% and 0.8%, "
                                     "respectively, on the week.")] == [
        "Manganese ore", "silicon manganese", "ferrochrome"]
    assert [s for _, s, _, _ in read("Average selling prices were 5,200 yuan/mt, 5,900 yuan/mt and 7,100 yuan/mt for "
                                     "grade A, grade B and grade C, respectively.")] == [
        "grade A", "grade B", "grade C"]


def test_a_list_of_prices_of_products_pairs_each_product():
    got = read("Prices of widget flake, widget powder and widget ingot averaged 41,000 yuan/mt, 43,500 yuan/mt and "
               "47,250 yuan/mt, respectively.")
    assert [(s, m) for _, s, m, _ in got] == [("widget flake", "price"), ("widget powder", "price"),
                                             ("widget ingot", "price")]


def test_a_list_of_another_length_is_not_paired():
    got = read("Exports to Korea and Japan rose 12% and 9%, while imports from Chile fell 4%, respectively.")
    subjects = [s for _, s, _, _ in got]
    assert subjects[:2] == ["Korea", "Japan"] or "Chile" not in subjects[0]


# ------------------------------------------------------------------ subjects

def test_the_subject_is_the_noun_phrase_before_the_verb_leading_to_the_figure():
    got = read("By 2029, global flow-battery installations are expected to reach 42 GWh.")
    assert got == [("42 GWh", "global flow-battery installations", "installations", "2029")]


def test_a_clause_without_a_subject_takes_the_one_before():
    got = read("The market size of grid-scale sodium batteries is expected to be 3.2 billion yuan in 2026 and is "
               "projected to reach 27.5 billion yuan by 2031, with a compound annual growth rate of 54% from 2026 "
               "to 2031.")
    assert got == [
        ("3.2 billion yuan", "market size of grid-scale sodium batteries", "market size", "2026"),
        ("27.5 billion yuan", "market size of grid-scale sodium batteries", "market size", "2031"),
        ("54%", "market size of grid-scale sodium batteries", "CAGR", "2026-2031")]


def test_for_after_a_share_narrows_the_subject():
    got = read("The penetration rate of sodium-ion cells in two-wheelers is projected to be about 3% in 2026, and is "
               "expected to reach 12% for premium scooters by 2030.")
    assert got[0] == ("3%", "penetration rate of sodium-ion cells in two-wheelers", "penetration rate", "2026")
    assert got[1] == ("12%", "penetration rate of premium scooters", "penetration rate", "2030")


def test_a_figure_used_as_a_modifier_or_of_a_thing_measures_that_thing():
    assert read("The 150MW/600MWh vanadium flow storage station in Lanzhou began trial operation.")[0][1] == \
        "vanadium flow storage station"
    got = read("The buyer will purchase 30 million square meters of copper foil from 2026 to 2028, specifically "
               "8 million square meters in 2026.")
    assert [(s, p) for _, s, _, p in got] == [("copper foil", "2026-2028"), ("copper foil", "2026")]


def test_a_pronoun_stands_for_the_subject_said_before():
    got = read("The most-traded widget contract closed at 18,240 yuan/mt. We expect it to trade at "
               "18,100-18,400 yuan/mt today.")
    assert [(s, m) for _, s, m, _ in got] == [("most-traded widget contract", "price"),
                                             ("most-traded widget contract", "price")]


def test_a_subject_the_sentence_does_not_name_stays_empty():
    assert read("It covers an area of 120 mu.") == [("120 mu", "", "other", "")]
    assert read("They expect 15% by 2030.")[0][1] == ""


@pytest.mark.parametrize("sentence, subjects", [
    # a possessive, a publisher's range, a determiner: fragments, not noun phrases
    ("Our average is now $4 per ton higher compared to last week.", [""]),
    ("WXM Range is $410-$440 per ton with an average of $425 per ton.", ["", ""]),
    ("The Dalian Commodity Exchange's most traded widget contract rose by 0.6%, to 9,120 yuan per ton.",
     ["Dalian Commodity Exchange's most traded widget contract"] * 2),
    # the verb after a name is not part of it; the thing the verb acts on is the figure's
    ("Acme installed 3.10 GWh of sodium cells in May, ranking second with a 21.5 percent share.",
     ["sodium cells", "Acme"]),
    ("Widget exports fell 12% MoM and 31% YoY.", ["Widget exports", "Widget exports"]),
    ("The offers represent a combined procurement budget of over $2 billion.", ["combined procurement budget"]),
    ("Acme posted revenue of $60M (+3% YoY) and adjusted EBITDA of $11.5M (+40% YoY).",
     ["revenue", "revenue", "adjusted EBITDA", "adjusted EBITDA"]),
])
def test_a_fragment_of_the_sentence_is_no_subject(sentence, subjects):
    assert [s for _, s, _, _ in read(sentence)] == subjects


@pytest.mark.parametrize("sentence, subjects", [
    # a comparison word, a time, a verb with its pronoun, a Chinese clause word: never a subject
    ("The premium was assessed at $100-120 per tonne on March 9, versus $80-100 per tonne a week ago.", ["", ""]),
    ("Spot premiums dropped from 360-460 yuan per tonne early this week to 70-180 yuan per tonne on Friday.",
     ["Spot premiums", "Spot premiums"]),
    ("The utility announced it has contracted 1 gigawatt of new solar energy.", ["new solar energy"]),
    ("电站容量约200MW/400MWh,包含约400MWh锂电池集装箱储能。", ["电站容量", "电站容量"]),
    ("根据协议,项目拟投资100亿元,规划产能40GWh。", ["", "规划产能"]),
    ("In the first 11 months of 2023, 339.7 GWh of widget batteries were installed.", ["widget batteries"]),
    ("Acme Group wants to invest 130 billion rupees.", ["Acme Group"]),
])
def test_words_that_name_nothing_leave_the_subject_to_the_phrase_that_does(sentence, subjects):
    assert [s for _, s, _, _ in read(sentence)] == subjects


def test_a_chinese_subject_never_holds_a_figure_or_a_preposition():
    subjects = [s for _, s, _, _ in read("质保提升至10年,最快18分钟补能60%。在零下20℃环境下可用容量92%。")]
    assert subjects and not any(re.search(r"\d|^在", s) for s in subjects)


@pytest.mark.parametrize("sentence, subjects", [
    # a clause that opens with a comparison has no subject of its own: the figure before it gives one
    ("全年平均价格512.3元/吨，较2023年下降21%。", ["全年平均价格", "全年平均价格"]),
    ("2024年共发布相关政策300余项，是去年同期的1.5倍。", [""]),
    # a list mark or a bracket is a clause's edge; the figure before and its comparison are not the subject
    ("* 3Q25营收88亿元 同比增长12% 环比增长9%", ["3Q25营收", "3Q25营收", "3Q25营收"]),
    ("氯化锰报价从4.1-4.3万元下调至3.9-4.0万元。", ["氯化锰报价"]),
])
def test_a_chinese_subject_is_the_phrase_not_the_comparison(sentence, subjects):
    assert [s for _, s, _, _ in read(sentence)][-len(subjects):] == subjects


@pytest.mark.parametrize("sentence, subjects", [
    # a size written before a plant or a project measures it, with the place named right before the figure
    ("公司拟投资新建年产30GWh动力储能电池项目。", ["动力储能电池项目"]),
    ("甲县乙镇200MW/400MWh电网侧共享储能电站项目中标候选人公示。", ["甲县乙镇电网侧共享储能电站"]),
    ("双方将联合打造一座规模达1.6GWh的大型储能项目。", ["大型储能项目"]),
])
def test_a_chinese_size_before_a_facility_measures_it(sentence, subjects):
    assert [s for _, s, _, _ in read(sentence)][-len(subjects):] == subjects


def test_a_chinese_bound_is_not_the_size_of_the_facility_after_it():
    (subject,) = [s for _, s, _, _ in read("至少具有1个单体项目容量不低于30MWh的电站业绩。")][-1:]
    assert subject.endswith("容量")


# ------------------------------------------------------------------ metrics

@pytest.mark.parametrize("sentence, metric", [
    ("Widget cell shipments reached 4.2 GWh in October.", "shipments"),
    ("Domestic demand for widget cells is forecast at 80 GWh in 2027.", "demand"),
    ("The company signed a supply contract worth 1.3 billion yuan.", "contract value"),
    ("The plant has a planned total investment of 2.1 billion yuan.", "investment"),
    ("The new line adds an annual capacity of 20 GWh.", "capacity"),
    ("The firm will build a 100 GWh widget cell manufacturing plant.", "capacity"),  # a plant's GWh: what it makes
    ("公司拟投资新建年产30GWh动力储能电池项目。", "capacity"),
    ("The 200 MWh storage project connects to the grid.", "energy"),  # a storage project's GWh: what it holds
    ("Widget carbonate prices rose 450 yuan/mt from the previous day.", "price change"),
    ("Widget carbonate traded at 75,650 yuan/mt.", "price"),
    ("LME widget fell 2.4 percent to $9,348 a tonne.", "price change"),
    ("CATL's market share reached 38%.", "share"),
    ("China's widget output rose 12% YoY in October.", "growth rate"),
    ("Spot premiums held at 60 yuan/mt.", "premium"),
    ("Smelter inventories fell to 4.5 days of consumption.", "inventory"),
    ("The tender runs for three months.", "duration"),
    ("The cells last 8,000 cycles.", "cycle life"),
    ("Its energy density reaches 175 Wh/kg.", "energy density"),
    ("The global penetration rate of widget cells is projected to be 0.4% in 2026.", "penetration rate"),
])
def test_metrics(sentence, metric):
    assert figures(sentence)[0].metric == metric


def test_a_price_after_its_change_is_a_level():
    got = read("LME widget fell 2.4 percent to $9,348 a tonne.")
    assert [m for _, _, m, _ in got] == ["price change", "price"]


def test_every_metric_is_of_the_vocabulary():
    text = ("Widget shipments reached 4 GWh, up 12% YoY. The contract is worth 80 million yuan. Prices rose "
            "200 yuan/mt to 73,800-75,700 yuan/mt. The project covers 100 mu and lasts 15-25 years.")
    assert {f.metric for f in figures(text)} <= set(measures.METRICS)


# ------------------------------------------------------------------ periods and forecasters

@pytest.mark.parametrize("sentence, period", [
    ("Demand is expected to grow 20% a year from 2025 to 2030.", "2025-2030"),
    ("The CAGR of widget demand is projected at 14% in 2024-2029.", "2024-2029"),
    ("Widget shipments are expected to reach 13.5 GWh by 2028.", "2028"),
    ("Widget output rose 8% in October.", ""),
])
def test_periods(sentence, period):
    assert figures(sentence)[0].period == period


@pytest.mark.parametrize("text, by", [
    ("According to SMM projections, widget shipments are expected to reach 13.5 GWh by 2028.", "SMM"),
    ("A report by Harbor Securities shows that the widget market is expected to reach 9 billion yuan by 2030.",
     "Harbor Securities"),
    ("A Harbor Securities report expects widget demand to reach 60 GWh by 2030.", "Harbor Securities"),
    ("Benchmark Minerals forecasts widget demand to reach 60 GWh by 2030.", "Benchmark Minerals"),
    ("Widget demand is expected to reach 60 GWh by 2030.", ""),
])
def test_forecasters(text, by):
    found = figures(text)
    assert found[0].forecast and found[0].forecaster == by


def test_a_forecaster_in_chinese():
    assert measures.forecaster("据SMM预测，2030年钠电池出货量将达到95GWh。") == "SMM"


def test_a_forecaster_named_once_holds_for_the_forecasts_after_it_but_not_for_facts():
    found = figures("According to SMM projections, widget shipments will reach 13.5 GWh by 2028. By 2030, widget "
                    "demand is estimated at 2,800 GWh. Widget output was 900 GWh last year.")
    assert [(f.forecast, f.forecaster) for f in found] == [(True, "SMM"), (True, "SMM"), (False, "")]


# ------------------------------------------------------------------ the key-figures table

def test_key_figures_list_only_forecasts_whose_subject_their_sentence_names(tmp_path):
    page = tmp_path / "outlook.txt"
    page.write_text(
        "Widget Outlook\nNov 20, 2025 16:13\nSource:SMM\n\n"
        "[Widgets: Widget Line Starts] On November 18, 2025, a widget line started production.\n\n"
        "According to SMM projections, widget cell shipments are expected to reach 40 GWh by 2028. "
        "A further 15% is expected by 2030.\n", encoding="utf-8")
    article = parse.parse(ingest.read_all(page)[0])
    rows = group._key_figures([article])
    assert [(k.measure, k.metric, k.period, k.value) for k in rows] == [
        ("widget cell shipments", "shipments", "2028", "40 GWh")]
    assert rows[0].cited == "SMM, 20 Nov 2025"
    assert any(f.text == "15%" and not f.subject for f in article.forecast_figures)  # a figure, not a key figure


# ------------------------------------------------------------------ clauses, specifications and rates

def test_as_much_as_does_not_end_the_clause_that_names_the_subject():
    got = read("Shanghai tin fell as much as 2.4 percent to 211,300 yuan a tonne, having lost 3.1 percent last week.")
    assert [(subject, metric) for _, subject, metric, _ in got] == [
        ("Shanghai tin", "price change"), ("Shanghai tin", "price"), ("Shanghai tin", "price change")]


def test_a_participle_inside_the_subject_is_not_its_verb():
    got = read("The total registered volume of widget warrants was 12,400 mt on Friday.")
    assert got[0][1] == "total registered volume of widget warrants"
    assert got[0][2] == "inventory"


def test_a_specification_bounds_the_element_written_after_its_figure():
    got = read("Quality: 20-35% manganese min/max, 2-8% widgetium min/max, 3% Pb max, water content 10-15%")
    assert [(subject, metric) for _, subject, metric, _ in got] == [
        ("manganese min/max", "other"), ("widgetium min/max", "other"), ("Pb max", "other"),
        ("water content", "other")]


@pytest.mark.parametrize("sentence", [
    "The country set a 12% tariff on imported widget cathodes.",
    "Widget smelters' capacity utilization rose to 71.5% in May.",
    "The IRR of widget storage plants is 6%-9%.",
])
def test_a_tariff_a_utilisation_or_a_return_is_a_rate_not_a_growth(sentence):
    assert [metric for _, _, metric, _ in read(sentence)] == ["other"]


@pytest.mark.parametrize("sentence, want", [
    ("Widget prices ended the week almost six percent lower.", [("6 %", "price change")]),
    ("Widget futures opened more than 3% higher on Monday.", [("3 %", "price change")]),
    ("U.S. import prices of widgets slipped in May, dropping by 0.6%.", [("0.6 %", "price change")]),
    ("Supported by raw material costs, smelters held their offers at 61,000-63,000 yuan/mt.",
     [("61,000-63,000 yuan/mt", "price")]),
    ("The most-traded widget contract on the exchange closed at 80,180 yuan.", [("80,180 yuan", "price")]),
    ("Widget cell installations were 4.2 GWh, with 3.1 GWh (73.8%) of the total being LFP cells.",
     [("4.2 GWh", "installations"), ("3.1 GWh", "installations"), ("73.8 %", "share")]),
    ("2024年出台的储能政策数量是去年同期的1.5倍", [("1.5 倍", "growth rate")]),
    ("主力合约收盘价较一周前下跌300元/吨，跌幅为0.5%", [("300 yuan/mt", "price change"), ("0.5 %", "price change")]),
])
def test_metric_by_the_shape_of_the_words_around_a_figure(sentence, want):
    got = [f.metric for f in figures(sentence)]
    assert got == [metric for _, metric in want], (sentence, got)


# ------------------------------------------------------------------ Chinese forecasts

@pytest.mark.parametrize("sentence, year, start, by, metric", [
    ("据SMM预计，到2030年全球钠离子电池出货量将达到320GWh。", 2030, None, "SMM", "shipments"),
    ("據SMM預測，2028年全球固態電池需求有望達到75GWh。", 2028, None, "SMM", "demand"),
    ("华创证券预计2025-2030年全球储能电池市场规模复合增长率为35%。", 2030, 2025, "华创证券", "CAGR"),
])
def test_chinese_forecast_words_make_a_forecast_with_its_year_and_forecaster(sentence, year, start, by, metric):
    (figure,) = figures(sentence)
    assert (figure.forecast, figure.year, figure.start_year, figure.forecaster, figure.metric) == (
        True, year, start, by, metric)
    assert not re.search(r"\d年|预计|預測|将|有望|達到", figure.subject), figure.subject


def test_chinese_text_is_read_sentence_by_sentence():
    got = figures("业内人士预计价格将继续走弱。 本周碳酸锂期货主力合约收盘价为75,540元/吨。公司将产品价格下调5%。")
    assert [(f.text, f.forecast) for f in got] == [("75,540元/吨", False), ("5%", False)]


def test_a_size_before_a_noun_names_it_even_after_a_verb():
    got = read("Widgetco was awarded a long-term contract for its 120 MW/960 MWh Harlow battery energy storage system.")
    assert [(text, subject) for text, subject, _, _ in got] == [("120 MW/960 MWh", "Harlow battery energy storage system")]
    got = read("The tender seeks a 300 MW project launched by the state utility, and prices fell a further 4% on the news.")
    assert got[0][1] == "project"


@pytest.mark.parametrize("sentence, want", [
    ("On heavy rare earth, traded prices of widget oxide stood at 1,200-1,260 yuan/kg as of Friday.",
     [("traded prices of widget oxide", "price")]),
    ("Prices were RMB 31,500/mt for widget oxide, RMB 27,000/mt for gadget oxide.",
     [("widget oxide", "price"), ("gadget oxide", "price")]),
    ("Cold Rolled Lead Times: 4-7 weeks", [("Cold Rolled Lead Times", "duration")]),
    ("Widgetco reported a 35% drop in Q2 net profit on weak demand.", [("Q2 net profit", "growth rate")]),
    ("The metal is headed for a 4.1 percent drop in Shanghai in September.", [("metal", "price change")]),
])
def test_subjects_of_lists_labels_participles_and_changes(sentence, want):
    assert [(subject, metric) for _, subject, metric, _ in read(sentence)] == want


@pytest.mark.parametrize("sentence, want", [
    ("LME widget met resistance at the 40-day moving average.", ["other"]),
    ("Widgetco showed sample pouch cells of 5 Ah.", ["capacity"]),
    ("Widgetco will receive 1.2 trillion won in additional capital from its parent.", ["investment"]),
    ("Widgetco had $40M of working capital at quarter end.", ["other"]),
    ("The utility's subsidiary opened bidding to develop 250MW/500MWh of battery energy storage.", ["power"]),
    ("SHFE widget stocks rose 4.2% on the week.", ["inventory"]),
])
def test_metric_of_windows_cell_capacity_capital_and_stocks(sentence, want):
    assert [metric for _, _, metric, _ in read(sentence)] == want


def test_the_desks_view_and_a_second_figure_of_one_clause_keep_the_subject():
    got = read("LME widget fell sharply to a low of $2,845/mt. It closed over 1% lower from Wednesday at $2,905/mt. "
               "We see it hovering around $2,800/mt today.")
    assert [subject for _, subject, _, _ in got] == ["LME widget"] * 4
    got = read("We expect LME widget to trade rangebound at $2,070-2,090/mt today with the SHFE 2510 contract at "
               "14,600-14,800 yuan/mt.")
    assert [subject for _, subject, _, _ in got] == ["LME widget", "SHFE 2510 contract"]


def test_the_contract_after_a_named_contract_is_that_contract():
    got = read("The SHFE 2511 widget contract closed at 14,800 yuan/mt. We forecast the contract to trade at "
               "14,750-14,850 yuan/mt today.")
    assert [subject for _, subject, _, _ in got] == ["SHFE 2511 widget contract"] * 2


def test_a_chinese_figure_after_another_or_under_a_metric_word_keeps_the_subject():
    got = read("22日四氧化三锰市场价上涨3000元/吨至12万-12.5万元/吨,涨幅近2%")
    assert [subject for _, subject, _, _ in got] == ["四氧化三锰市场价"] * 3
    got = read("硫酸锰0.5-0.7万元/吨,均价0.6万元/吨,环比上一工作日上涨200元/吨")
    assert [(subject, metric) for _, subject, metric, _ in got] == [
        ("硫酸锰", "price"), ("硫酸锰", "price"), ("硫酸锰", "price change")]


def test_a_production_line_of_a_size_is_the_thing_measured_and_its_capacity():
    got = read("The two partners plan a demonstration line of 3GWh by 2028.")
    assert [(s, m) for _, s, m, _ in got] == [("demonstration line", "capacity")]
    got = read("The plant has an annual capacity of 12 GWh.")
    assert [(s, m) for _, s, m, _ in got] == [("plant", "capacity")]
    got = read("Acme signed a supply deal of 720 million yuan.")
    assert [(s, m) for _, s, m, _ in got] == [("supply deal", "contract value")]


def test_a_with_clause_takes_the_subject_of_its_own_clause_before():
    got = read("Acme Cells ranked fourth with a 4.1 percent share of 1.3 GWh installed in May, while Beta Power "
               "ranked fifth with a 3.2 percent share of 1.0 GWh installed.")
    assert [s for _, s, _, _ in got] == ["Acme Cells", "Acme Cells", "Beta Power", "Beta Power"]


def test_a_price_as_traded_in_a_market_is_the_price():
    got = read("The weighted average widget price from all scrap feedstocks as traded in the Chinese market was "
               "last assessed at RMB 51,200/tonne ($7,110), down 3% from a month earlier.")
    assert {s for _, s, _, _ in got} == {"weighted average widget price from all scrap feedstocks"}


def test_a_participle_and_its_agent_after_the_noun_are_not_the_subject():
    got = read("The DCE i2409 contract also depressed by shorts to the lowest at 812 yuan/mt.")
    assert got[0][1] == "DCE i2409 contract"


def test_a_figure_after_another_of_something_and_a_noun_of_its_own_measures_that_noun():
    sentence = "The truck has 500 miles of range and energy consumption of less than 2 kWh per mile."
    assert [(f.subject, f.metric) for f in figures(sentence)][-1] == ("energy consumption", "other")


def test_a_rate_of_things_made_is_an_output_of_its_maker_s_things():
    (figure,) = figures("SAIC could soon supply packs for up to 300,000 EVs a year.")
    assert (figure.unit, figure.metric, figure.subject) == ("EVs/year", "output", "SAIC EVs")

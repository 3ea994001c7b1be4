"""Price rows are market quotes with their change: changes, bids and outlooks are not rows of their own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing import parse, prices
from briefing.parse.figures import figures
from briefing.models import Item, Provenance, Source

SOURCE = Provenance("Daily", dt.date(2025, 11, 18), "daily.txt", None, "SMM")


def rows(body: str):
    item = Item(category="", headline="Prices", body=body, dates=(), companies=(), figures=figures(body),
                article="Daily", origin="daily.txt", sources=(SOURCE,))
    return [(p.product, p.value, p.change) for p in prices.collect([item])]


def test_a_change_after_its_price_goes_on_the_price_row():
    assert rows("The SMM battery-grade lithium carbonate index was 126,005 yuan/mt, up 6,152 yuan/mt from the "
                "previous working day.") == [("SMM battery-grade lithium carbonate index", 126005.0,
                                              "up 6,152 yuan/mt")]


def test_a_change_told_before_its_price_goes_on_the_price_row():
    (row,) = rows("Battery-grade lithium carbonate rose by 300 yuan/mt to 78,500-80,600 yuan/mt on restocking.")
    assert row[1] == 79550.0 and row[2] == "up 300 yuan/mt"


def test_changes_in_words_and_percent():
    assert rows("Nickel sulphate averaged 28,550 yuan/mt, flat WoW.")[0][2] == "flat WoW"
    assert rows("Refined cobalt fell 0.7% WoW to 240,000 yuan/mt.")[0][2] == "fell 0.7% WoW"
    assert rows("Lithium sulfide prices stabilized at 1.2 million yuan/mt this week.")[0][2] == "stabilized"
    assert rows("Refined cobalt closed at 240,000 yuan/mt.")[0][2] == ""


def test_a_chinese_change_is_no_row():
    assert [r[2] for r in rows("硫酸钴报价3883元/吨，上涨500元/吨。")] == ["up 500元/吨"]


def test_bids_and_outlooks_are_no_quotes():
    assert rows("The project won the bid at a unit price of 0.55 yuan/Wh.") == []
    assert rows("LME copper is likely to trade at $6,180-6,240/mt today.") == []
    assert rows("We expect spot premiums to be seen at 10-50 yuan/mt.") == []


def test_a_price_table_run_together_gives_a_row_per_product_with_its_change():
    body = ("COMEX snapshot at 9.15 am New York time Latest futures Price ($ per lb) Change since Monday's close ($) "
            "Copper 4.52 0.03 Silver 31.20 -0.45 Platinum 1,010.5 0 And more news follows.")
    assert rows(body) == [("COMEX Copper", 4.52, "up 0.03 USD/lb"), ("COMEX Silver", 31.2, "down 0.45 USD/lb"),
                          ("COMEX Platinum", 1010.5, "unchanged")]
    assert {p.unit for p in prices.collect([Item(
        category="", headline="Prices", body=body, dates=(), companies=(), figures=figures(body), article="Daily",
        origin="daily.txt", sources=(SOURCE,))])} == {"USD/lb"}


def test_a_table_without_a_change_column_and_text_without_a_table():
    assert rows("Spot prices Price (yuan per tonne) Widget 12,500 Gadget 9,800") == [
        ("Widget", 12500.0, ""), ("Gadget", 9800.0, "")]
    assert rows("Copper rose as the price was seen (yuan per tonne) higher, Copper 53,350 in the week.") == []


def test_the_desks_own_view_and_chart_levels_are_no_quotes():
    assert rows("We see SHFE widget trading at 51,000-54,000 yuan/mt today.") == []
    assert rows("We expect it to weaken in a range of 13,450-13,600 yuan/mt today.") == []
    assert rows("LME widget met resistance at the five-day moving average and support at $2,100/mt last night.") == []
    assert rows("LME widget struggled to break the $3,300/mt level.") == []
    # a level reached is the day's high, a quote like the close after it
    assert [r[1] for r in rows("LME widget hit the $6,300/mt level but closed near $6,200/mt.")] == [6300.0, 6200.0]


def test_a_highlights_paragraph_quotes_prices_as_a_lead_paragraph_does():
    text = ("Widget Weekly\niconNov 14, 2025 18:00\nSource:SMM\nHighlights: Widget sulphate smelters held offers at "
            "61,000-63,000 yuan/mt this week.\n\n[Gadgets: Plant] On November 13, Gadgetco restarted its plant.\n")
    article = parse.parse(Source(path=Path("weekly.txt"), text=text, encoding="utf-8"))
    assert [(p.low, p.high, p.unit) for p in prices.collect_leads([article])] == [(61000.0, 63000.0, "yuan/mt")]


def test_a_change_the_figure_reading_calls_a_price_change_goes_on_the_row_before():
    (row,) = rows("Widget cathode prices averaged 34,500 yuan/mt this week, with an overall decline of approximately "
                  "365 yuan/mt.")
    assert row[1] == 34500.0 and row[2] == "down 365 yuan/mt"


def test_a_build_makes_the_price_table_once_and_the_history_compares_that_table(tmp_path, monkeypatch):
    import json

    from .conftest import build_copy

    made = []
    real = prices.quotes

    def counted(rows, is_product):
        made.append(real(rows, is_product))
        return made[-1]

    monkeypatch.setattr(prices, "quotes", counted)
    result = build_copy(tmp_path, "2025-47")
    assert len(made) == 1
    written = json.loads((result.out_dir / "items.json").read_text("utf-8"))["prices"]
    assert [p["product"] for p in written] == [p.product for p in made[0]]


def test_a_table_written_with_pipes_gives_a_row_per_product_and_price_column():
    body = ("Widget prices rose this week.\n"
            "Widget Material | Price Range (CNY/kg) | Average Price (CNY/kg) | Average Price (USD/kg) | Weekly Change |\n"
            "---|---|---|---|---|\n"
            "A-grade | ¥40.00 – ¥44.00 | ¥42.10 | $5.90 | +1.20% |\n"
            "Fine widget powder | ¥31.00 – ¥33.00 | ¥32.00 | $4.48 | -0.50% |\n")
    item = Item(category="", headline="Widgets", body=body, dates=(), companies=(), figures=figures(body),
                article="Daily", origin="daily.txt", sources=(SOURCE,))
    got = [(p.product, p.low, p.high, p.value, p.unit, p.change) for p in prices.collect([item])]
    # the USD column converts the average price: no quote of its own
    assert got == [("A-grade widget", 40.0, 44.0, 42.0, "yuan/kg", "up 1.20%"),
                   ("A-grade widget (average)", None, None, 42.1, "yuan/kg", "up 1.20%"),
                   ("Fine widget powder", 31.0, 33.0, 32.0, "yuan/kg", "down 0.50%"),
                   ("Fine widget powder (average)", None, None, 32.0, "yuan/kg", "down 0.50%")]


def test_a_wire_reports_metal_prices_without_per_ton_and_converted_in_brackets():
    got = rows("Three-month nickel on the London Metal Exchange was down 0.4% to $15,120. The Shanghai Futures "
               "Exchange's most traded tin contract rose 0.8%, to 261,300 yuan ($36,512.10) per ton.")
    # the USD in brackets converts the yuan price: no quote of its own; "per ton" after it is the yuan price's
    assert [(p, v) for p, v, _ in got] == [("Three-month nickel on the London Metal Exchange", 15120.0),
                                           ("Shanghai Futures Exchange's most traded tin contract", 261300.0)]
    item = Item(category="", headline="", body="Acme raised 300 million yuan to build a plant.", dates=(),
                companies=(), figures=figures("Acme raised 300 million yuan to build a plant."), article="Daily",
                origin="daily.txt", sources=(SOURCE,))
    assert prices.collect([item]) == ()  # a sum of money, not a metal's price


def test_the_level_a_price_fell_from_is_not_a_quote():
    got = rows("Widget cobalt fell from 14-15 dollars/lb to 13.5-14.2 dollars/lb this week.")
    assert [v for _, v, _ in got] == [13.85]


def test_a_threshold_crossed_or_held_is_no_quote():
    assert rows("In early trade the SHFE copper 2505 contract surged above 78,500 yuan/mt before retreating.") == []
    assert rows("Overseas mines held firm, with quotes at or above $630/mt.") == []
    assert [r[1] for r in rows("SHFE zinc closed at 24,150 yuan/mt after it failed to stay above 24,300 yuan/mt.")
            ] == [24150.0]


def test_the_level_a_price_came_from_is_no_quote():
    (row,) = rows("The average hot-rolled coil price jumped to $1,260 per ton, up $210 per ton from $1,050 per ton "
                  "last week.")
    assert row[1] == 1260.0 and row[2] == "up $210 per ton"
    assert [r[1] for r in rows("The ingot premium was assessed at $100-120 per tonne, versus $80-100 per tonne a week "
                               "ago.")] == [110.0]
    assert [r[1] for r in rows("Spot premiums dropped from 360-460 yuan per tonne early this week to 70-180 yuan per "
                               "tonne on Friday.")] == [125.0]
    assert [r[1] for r in rows("LFP rose from the 5,000 yuan/mt in early July to 5,200 yuan/mt.")] == [5200.0]


def test_a_range_told_with_from_is_a_quote():
    assert [r[1] for r in rows("The price of #1 copper cathode ranged from 77,980 to 78,390 yuan/mt.")] == [78185.0]


def test_a_cost_is_no_quote():
    assert rows("As of February 20, the cost of prebaked anodes in China reached 6,114 yuan/mt.") == []
    assert rows("AISC rose to $35.6/oz, driven by remediation costs.") == []


def test_a_spread_widening_or_a_difference_is_a_change():
    assert [r[2] for r in rows("Premiums were 350-450 yuan per tonne, with premiums over Shanghai expanding about "
                               "100 yuan per tonne.")] == ["up 100 yuan per tonne"]
    assert [r[2] for r in rows("This translated to a premium of 190-200 yuan/mt, about 20 yuan/mt more than the "
                               "previous day.")] == ["by 20 yuan/mt"]
    assert [r[1] for r in rows("Lithium carbonate closed at 75,000 yuan/mt and fell by a total of approximately "
                               "1,450 yuan/mt this week.")] == [75000.0]


def test_a_traditional_chinese_change_is_no_row():
    assert [(r[1], r[2]) for r in rows("SMM 電池級碳酸鋰指數價格 74830 元/噸,環比上一工作日上漲 43 元/噸。")] == [
        (74830.0, "up 43 元/噸")]


def quoted(body: str):
    item = Item(category="", headline="Prices", body=body, dates=(), companies=(), figures=figures(body),
                article="Daily", origin="daily.txt", sources=(SOURCE,))
    return [(p.low, p.high) for p in prices.collect([item])]


def test_a_premium_range_written_in_words_is_one_row():
    assert quoted("Spot #1 copper cathode against the front-month contract was at a premium of 20 yuan/mt to a "
                  "premium of 140 yuan/mt.") == [(20.0, 140.0)]
    assert quoted("Traders offered a discount of 500 yuan/ton to flat on the February contract, and flat to a premium "
                  "of 500 yuan/ton on the March contract.") == [(-500.0, 0.0), (0.0, 500.0)]
    assert quoted("The inter-month spread fluctuated between a backwardation of 20 and 50 yuan/mt.") == [(20.0, 50.0)]


def test_a_range_told_between_two_prices_is_one_row():
    assert quoted("The most-traded futures contract fluctuated between 132,100 yuan/mt and 137,940 yuan/mt today."
                  ) == [(132100.0, 137940.0)]
    assert quoted("Zinc closed at 24,150 yuan/mt and copper at 78,000 yuan/mt.") == [(None, None), (None, None)]


def test_the_lines_under_an_assessment_are_prices_in_its_unit():
    body = ("Fastmarkets assessed lithium carbonate battery grade, spot prices, cif China, Japan & Korea, at $6.50-8 "
            "per kg on Thursday July 9.\n- Prices indicated at $7.50-8.00\n- Prices indicated at $6.50-7.50")
    item = Item(category="", headline="Prices", body=body, dates=(), companies=(), figures=figures(body),
                article="Daily", origin="daily.txt", sources=(SOURCE,))
    assert [(p.low, p.high, p.unit) for p in prices.collect([item])] == [
        (6.5, 8.0, "USD/kg"), (7.5, 8.0, "USD/kg"), (6.5, 7.5, "USD/kg")]
    assert quoted("Copper rose 2% to $9,000 per tonne. The company paid $5 to each holder of its shares.") == [
        (None, None)]


def test_a_list_line_keeps_its_own_dash_out_of_the_figure_before():
    assert [f.text for f in figures("- Prices indicated at $7.50-8.00\n- Prices indicated at $6.50")] == [
        "$7.50-8.00", "$6.50"]


def test_a_payable_indicator_is_a_price_in_percent_and_its_dated_earlier_level_too():
    body = ("Fastmarkets' cobalt hydroxide payable indicator, min 30% Co, cif China stood at 65-66.5% of the "
            "standard-grade metal price (low-end) on Friday June 5, narrowing downward from 65-67% on June 3.")
    item = Item(category="", headline="Payables", body=body, dates=(), companies=(), figures=figures(body),
                article="Daily", origin="daily.txt", sources=(SOURCE,))
    got = [(p.low, p.high, p.unit, p.date) for p in prices.collect([item])]
    assert got == [(65.0, 66.5, "%", dt.date(2025, 6, 5)), (65.0, 67.0, "%", dt.date(2025, 6, 3))]
    assert quoted("Cobalt accounts for 30% of the cell's cost, and demand rose 5% from 2% on June 3.") == []


def test_chinese_bids_and_thresholds_and_a_price_limit_are_no_quotes():
    assert rows("中标价格1581.67万元,中标单价1.58元/Wh。") == []
    assert rows("一般情况下,峰谷价差达到0.7元/kWh时,储能电站可以盈利。全国有13个省峰谷价差超过0.7元/kWh。") == []
    assert rows("The maximum tax-inclusive unit price limit for the project is 1.05 yuan/Wh.") == []
    assert rows("Buyers showed weak willingness for lithium ore priced at $620/mt and above.") == []


def test_a_list_under_an_assessment_gives_a_price_a_line_in_its_unit_and_of_its_day():
    body = ("SMM assessed widget salt spot prices (yuan/mt) on November 17 as follows:\n"
            "- Battery-grade widget carbonate: 72,000-75,000, up 500\n- Industrial-grade widget carbonate: 70,500\n"
            "- Widget hydroxide 68,000-70,000 flat\nDemand stayed weak at 3 GWh.")
    item = Item(category="", headline="Prices", body=body, dates=(), companies=(), figures=figures(body),
                article="Daily", origin="daily.txt", sources=(SOURCE,))
    assert [(p.product, p.low, p.high, p.value, p.unit, p.date, p.change) for p in prices.collect([item])] == [
        ("Battery-grade widget carbonate", 72000.0, 75000.0, 73500.0, "yuan/mt", dt.date(2025, 11, 17), "up 500"),
        ("Industrial-grade widget carbonate", None, None, 70500.0, "yuan/mt", dt.date(2025, 11, 17), ""),
        ("Widget hydroxide", 68000.0, 70000.0, 69000.0, "yuan/mt", dt.date(2025, 11, 17), "flat")]

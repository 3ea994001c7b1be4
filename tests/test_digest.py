"""The digest's parts on small invented inputs: ranking, highlights, market paragraphs, the price table,
whole-clause headlines, overseas placement."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from briefing import group, narrative, prices
from briefing.digest import highlights, markets, rank
from briefing.models import Company, Figure, Item, Price, Provenance, Section

DAY = dt.date(2025, 11, 18)
SOURCE = Provenance("Daily", DAY, "daily.txt", None, "SMM")
TABLE = markets.products(markets.SHIPPED)


def item(headline: str, body: str, figures=(), companies=(), sources=(SOURCE,), principal="", category="") -> Item:
    return Item(category=category, headline=headline, body=body, dates=(), companies=tuple(companies),
                figures=tuple(figures), article="Daily", origin="daily.txt", sources=tuple(sources),
                principal=principal)


ORDER = item("Acme Wins 2GWh Storage Order Worth 1.2 Billion Yuan",
             "Acme signed a contract to supply 2GWh of storage systems worth 1.2 billion yuan to a developer.",
             figures=[Figure("2GWh", 2.0, "GWh"), Figure("1.2 billion yuan", 1.2e9, "yuan", currency="CNY")],
             companies=[Company("Acme", "300001.SZ")], principal="Acme", sources=(SOURCE, SOURCE))
VISIT = item("Delegation Visits Plant", "A delegation visited the plant on Tuesday.")


def test_news_that_carries_more_ranks_first():
    assert rank.ranked([VISIT, ORDER]) == [ORDER, VISIT]
    assert rank.score(ORDER) > rank.score(VISIT)
    heading = item("Workflow", "A list of steps follows here for the reader to consider today.")
    assert rank.score(heading) < rank.score(VISIT)


def test_highlights_paragraph_is_short_and_says_each_thing_once():
    told = [item(f"Item {n}", f"Acme number {n} opened a plant of {n}GWh in Jiangsu province this week. More text.")
            for n in range(40)]
    text = highlights.paragraph((), told)
    assert 0 < len(text.split()) <= highlights.MAX_WORDS
    again = highlights.paragraph((), [ORDER, dataclasses.replace(ORDER, headline="Acme order again")])
    assert again.count("Acme signed a contract") == 1


def test_a_line_that_does_not_end_as_a_sentence_is_no_highlight():
    """A page's caption or heading taken for its highlights, or a body cut off, never starts the week's summary."""
    article = SimpleNamespace(highlights="Increased Stock Price Figures Of The Week")
    told = [item("Plant", "Acme opened a 20GWh plant in Jiangsu province this week."),
            item("Cut", "Beta Corp signed a supply contract with Gamma for 3,000 tonnes of lithium carbonate over")]
    text = highlights.paragraph((article,), told)
    assert text == "Acme opened a 20GWh plant in Jiangsu province this week.", text


def test_openings_lose_their_date_lead_and_leaning_ones_are_left_out():
    dated = item("x", "On November 17, 2025, Acme opened a plant in Jiangsu. It cost a lot.")
    leaning = item("y", "The project entered its final stage. Work goes on.")
    assert highlights.opening(dated) == "Acme opened a plant in Jiangsu."
    assert highlights.opening(leaning) == ""


def test_points_take_at_most_two_a_section_while_others_have_items():
    names = ("Acme Opens Cell Plant", "Bolt Ships Separators Abroad", "Crest Raises Cathode Output",
             "Dyne Buys Lithium Mine", "Evo Builds Anode Line", "Flux Tests Solid Cells")
    many = tuple(item(name, f"{name} this week with a 5GWh plan.", figures=[Figure("5GWh", 5, "GWh")])
                 for name in names)
    other = (item("Beta Signs Deal With Gamma Corp", "Beta signed a deal."),
             item("Delta Starts Pilot Line For Cells", "Delta started a pilot line."))
    points = highlights.bullets((Section("a", "A", many), Section("b", "B", other)))
    assert 3 <= len(points) <= 6
    assert sum(p.section == "a" for p in points) == 2 and sum(p.section == "b" for p in points) == 2
    assert all(p.full and p.target == f"item-{p.item}" for p in points)


def test_market_sentences_go_to_their_product_once_each():
    lithium = item("Lithium up", "On November 18, battery-grade lithium carbonate rose to 80,000 yuan/mt. Fine.")
    copy = dataclasses.replace(lithium, headline="Lithium again")
    bid = item("Bid", "The cobalt project won the bid at 0.55 yuan/Wh. Done.")
    found = markets.overview((), [lithium, copy, bid], TABLE)
    assert [m.product for m in found] == ["Lithium carbonate"]
    assert len(found[0].sentences) == 1 and found[0].sources == (SOURCE,)


def test_copper_foil_is_not_copper_and_lead_the_verb_is_no_metal():
    assert markets.place_of("copper foil prices", TABLE) == markets.place_of("Copper foil", TABLE)
    assert markets.place_of("copper foil prices", TABLE) != markets.place_of("copper", TABLE)
    assert markets.place_of("CATL kept its lead in installations", TABLE) is None


def test_price_table_keeps_latest_quote_of_real_products():
    def row(product, value, day, guessed=False):
        return Price(product, value, None, None, "yuan/mt", dt.date(2025, 11, day), str(value), SOURCE, guessed)

    rows = [row("Refined cobalt", 240000, 17), row("Refined cobalt", 244000, 19), row("Support", 2100, 18),
            row("Semi-solid-state BESS", 0.55, 18, guessed=True)]
    table = prices.quotes(rows, lambda name: markets.place_of(name, TABLE))
    assert [(p.product, p.value) for p in table] == [("Refined cobalt", 244000)]
    assert Price("x", 1.9e6, None, None, "yuan/mt", None, "", None).shown == "1,900,000"
    assert Price("x", 0.55, 0.5, 0.6, "yuan/Wh", None, "", None).shown == "0.5–0.6"


def test_narrative_headlines_are_whole_clauses():
    cases = {
        "Recently, Acme Power announced that the first sodium battery line in the region has started production "
        "after two years of building work by local contractors.":
            "Acme Power: the first sodium battery line in the region has started production",
        "\"Currently, most cell makers start with hybrid electrolytes, which allows a faster ramp-up,\" said a "
        "director at the alliance.": "Most cell makers start with hybrid electrolytes",
        "On May 5, the Hilltown storage project of Beta Energy, with an installed capacity of 100MW/400MWh, entered "
        "its final stage after months of work.": "The Hilltown storage project of Beta Energy entered its final stage",
        "In China, makers like Acme, Beta Motors, Gamma Auto, Delta, and Epsilon are all speeding up the layout of "
        "new battery routes for their next cars.":
            "Makers like Acme and others are speeding up the layout of new battery routes",
    }
    for sentence, expected in cases.items():
        got = narrative.headline(sentence)
        assert got == expected, (sentence, got)
        assert "…" not in got and len(got.split()) <= narrative.MAX_HEADLINE_WORDS


def test_items_of_companies_listed_abroad_or_of_foreign_places_are_overseas_news():
    toyota = item("Toyota confirms cars for 2027", "Toyota will sell cars with new batteries in 2027.",
                  companies=[Company("Toyota", "7203.T", codes=("7203.T",))], principal="Toyota")
    german = item("Carmaker claims breakthrough", "Internationally, German carmaker Bavaria claimed a breakthrough.")
    home = item("Acme opens plant", "Acme opened a plant.", companies=[Company("Acme", "300001.SZ")],
                principal="Acme")
    assert group.categorised(toyota).category == group.OVERSEAS
    assert group.categorised(german).category == group.OVERSEAS
    assert group.categorised(home).category == ""
    assert group.categorised(dataclasses.replace(toyota, category="Cells")).category == "Cells"


def test_shipped_product_table_reads():
    assert Path(markets.SHIPPED).is_file() and len(TABLE) >= 20

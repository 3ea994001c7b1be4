"""Every shape of FORMATS.md, from the labelled fixture articles in tests/fixtures/formats.

Each fixture is parsed through the real readers (text, HTML, Markdown, feed,
JSON; UTF-8, UTF-16, GB18030, Latin-1) and compared with its hand-written
labels in expected.toml: item boundaries, dates, companies and figures.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from briefing import evaluate, ingest, parse
from briefing.models import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
LABELS = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))["article"]


def _articles() -> dict[str, Article]:
    out: dict[str, Article] = {}
    for path in ingest.discover(FIXTURES):
        result = ingest.read_all(path)
        assert isinstance(result, list), f"{path.name} was skipped: {result.reason}"
        for source in result:
            out[path.name + (f"#{source.part}" if source.part else "")] = parse.parse(source)
    return out


ARTICLES = _articles()


def test_every_fixture_is_labelled():
    assert len(LABELS) >= 25
    assert sorted(label["file"] for label in LABELS) == sorted(ARTICLES)


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_fixture_matches_its_labels(label):
    article = ARTICLES[label["file"]]
    got, want = evaluate.observed(article), evaluate.wanted(label)
    tp, misses = evaluate._match_items(got["items"], want["items"])
    assert not misses, misses
    assert sorted(got["dates"]) == sorted(want["dates"])
    assert got["companies"] == want["companies"]
    assert sorted(got["figures"]) == sorted(want["figures"])
    kinds = {f.kind for f in article.furniture}
    assert set(label.get("furniture", [])) <= kinds


def test_eval_scores_at_least_095():
    scores, count = evaluate.score()
    assert count >= 25
    for kind, s in scores.items():
        assert s.precision >= 0.95 and s.recall >= 0.95, (kind, s.precision, s.recall, s.misses[:5])


def test_furniture_never_leaks_into_items():
    article = ARTICLES["01_furniture_menu.txt"]
    text = " ".join(f"{i.category} {i.headline} {i.body}" for i in article.items)
    for leak in ("Base Metals", "Premiums Eased Last Week", "Subscribe", "Lü Hao", "5555", "example.com", "Analysts"):
        assert leak not in text
    assert [f.text for f in article.furniture if f.kind == "menu"][:3] == ["Base Metals", "Copper", "Aluminum"]
    assert sum(f.kind == "menu" for f in article.furniture) == 20
    assert any("Lü Hao" in f.text for f in article.furniture if f.kind == "contact")
    assert "the last shipment was" in article.overview[-1]  # a cut-off last sentence is kept as written


def test_localised_and_dash_stamps():
    assert ARTICLES["02_localised_stamp.txt"].published == dt.datetime(2024, 5, 24, 21, 51)
    assert ARTICLES["03_dash_stamp.txt"].published == dt.datetime(2025, 7, 3, 17, 29)


def test_summary_given_twice_appears_once():
    article = ARTICLES["04_highlights_twice.txt"]
    assert article.highlights.startswith("Sodium-ion cells entered grid storage")
    everything = " ".join(article.overview + tuple(i.body for i in article.items))
    assert "Sodium-ion cells entered grid storage" not in everything
    assert article.overview == ("the first grid project is 100 MWh; cell prices stayed near 0.45 yuan/Wh.",)
    translated = ARTICLES["06_two_translations.txt"]
    assert len(translated.overview) == 1 and translated.overview[0].startswith("Aluminium smelters")


@pytest.mark.parametrize("name, day, text", [
    ("07_dateline_dec.txt", dt.date(2024, 12, 18), "SMM Dec. 18:"),
    ("08_dateline_january.txt", dt.date(2025, 1, 16), "SMM, January 16:"),
    ("09_dateline_glued.txt", dt.date(2025, 6, 12), "SMM News on June 12:"),
    ("10_wire_dateline.txt", dt.date(2024, 9, 25), "SHANGHAI, Sep 25 (SMM) -"),
    ("11_live_feed.txt", dt.date(2025, 5, 29), "- May29"),
])
def test_datelines_resolved_against_publication(name, day, text):
    dateline = ARTICLES[name].dateline
    assert (dateline.value, dateline.text, dateline.explicit, dateline.kind) == (day, text, False, "dateline")


def test_year_boundary_range_and_december_events_in_january():
    article = ARTICLES["12_year_boundary_range.txt"]
    assert article.published.date() == dt.date(2026, 1, 2)
    assert (article.period.value, article.period.end, article.period.explicit) == (
        dt.date(2025, 12, 26), dt.date(2025, 12, 31), True)
    (first,) = article.items[0].dates
    assert first.value == dt.date(2025, 12, 29) and not first.explicit and "2025" in first.how


def test_week_ending_is_a_range_of_seven_days():
    period = ARTICLES["16_week_ending.txt"].period
    assert (period.value, period.end, period.kind) == (dt.date(2025, 3, 1), dt.date(2025, 3, 7), "week-ending")


@pytest.mark.parametrize("name, day", [
    ("17_title_code_review.txt", dt.date(2025, 6, 23)), ("18_title_code_report.txt", dt.date(2025, 8, 30))])
def test_dates_coded_in_titles(name, day):
    article = ARTICLES[name]
    assert article.published.date() == day and not article.date.explicit
    assert article.title_date.value == day and article.title_date.kind == "title"


def test_series_tags_are_not_headlines():
    article = ARTICLES["23_series_tags.txt"]
    assert article.title == "Prices Edge Up"
    assert all("Weekly Review" not in i.headline for i in article.items)
    assert article.overview[0].startswith("This week, lithium hexafluorophosphate")
    assert [f.text for f in article.furniture if f.kind == "series"] == ["[SMM Weekly Review]"] * 2


def test_chinese_listing_line_holds_several_items_with_credits():
    article = ARTICLES["26_chinese_listing.txt"]
    assert article.encoding == "gb18030"
    assert [(i.category, i.headline, i.credit) for i in article.items] == [
        ("铜", "洋山溢价回升", "SMM"), ("锂", "碳酸锂现货下跌", "Mysteel"),
        ("钴", "钴中间品偏紧", "SMM"), ("镍", "印尼镍矿配额", "Fastmarkets")]
    lithium = article.items[1].figures[0]
    assert (lithium.value, lithium.unit, lithium.per, lithium.multiplier) == (61000.0, "yuan/mt", "mt", 1e4)


def test_roman_sections_labels_and_subheadings():
    article = ARTICLES["27_roman_sections.txt"]
    assert [(i.category, i.headline) for i in article.items] == [
        ("Manufacturing and Projects", "Cell Plants"), ("Manufacturing and Projects", "Cathode"),
        ("Prices", "Lithium Ore"), ("Prices", "Refined cobalt"), ("Policy", "Standards")]
    nested = ARTICLES["28_nested_numbered.txt"]
    assert [(i.category, i.headline) for i in nested.items] == [
        ("Projects", "Grid storage"), ("Projects", "Tenders"), ("Cells", "Cell prices"), ("Cells", "Exports")]


def test_dash_labels_bullets_and_glued_bullets():
    assert [i.headline for i in ARTICLES["29_dash_labels.txt"].items] == ["Copper", "Aluminium", "Nickel"]
    digest = ARTICLES["30_bullet_digest.txt"]
    assert [i.body.split()[0] for i in digest.items] == ["Lithium", "Cobalt", "Suppliers", "CATL"]
    assert all(i.derived_headline for i in digest.items)


def test_price_log_lines_are_prices_per_tonne():
    article = ARTICLES["32_price_log.txt"]
    prices = [f for i in article.items for f in i.figures if f.currency]
    assert [(f.value, f.unit) for f in prices] == [(80000.0, "yuan/mt"), (81500.0, "yuan/mt"), (79800.0, "yuan/mt")]


def test_markdown_image_links_are_not_items():
    article = ARTICLES["33_markdown_images.md"]
    assert len(article.items) == 2
    assert all("Plant map" not in i.headline and "chart of fees" not in i.body for i in article.items)
    assert (article.title, article.source, article.url) == (
        "Copper Foil Processing Fees Rise", "SMM", "https://example.com/news/copper-foil-fees")


def test_companies_one_entry_per_company_with_all_codes():
    items = ARTICLES["34_companies.txt"].items
    catl = items[0].companies
    assert [(c.key, c.code, c.codes) for c in catl] == [("catl", "300750.SZ", ("300750.SZ", "03750.HK"))]
    eve = [c for c in items[1].companies if c.key == "eve"]
    assert len(eve) == 1 and eve[0].canonical == "EVE Energy Co., Ltd." and eve[0].codes == ("300014.SZ",)
    assert [c.code for c in items[1].companies if c.key == "tinci"] == ["002709.SZ"]
    assert [c.code for c in items[4].companies] == ["920123.BJ"]
    assert [c.code for c in items[3].companies] == ["002407.SZ"]  # no SHFE 1811, SI2601, #553, Li2CO3 ...


@pytest.mark.parametrize("text, expected", [
    ("SHFE 1811 and SI2601 and Si2507 contracts fell", []),
    ("grades #553 and #3303 (#553) held", []),
    ("Co3O4 and Li2CO3 prices (2025) rose", []),
    ("the SHFE contract (2605) fell", []),
    ("Zijin Mining (601899.SH, 02899.HK) said", [("zijin", ("601899.SH", "02899.HK"))]),
    ("宁德时代与比亚迪签约", [("catl", ("300750.SZ", "03750.HK")), ("byd", ("002594.SZ", "01211.HK"))]),
    ("Ningde Times and Biyadi signed; EVE Energy and EVE too", [
        ("catl", ("300750.SZ", "03750.HK")), ("byd", ("002594.SZ", "01211.HK")), ("eve", ("300014.SZ",))]),
])
def test_tickers_and_not_tickers(text, expected):
    from briefing.parse import companies

    assert [(c.key or c.code, c.codes) for c in companies.companies(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("≥5MW", ("≥5MW", 5.0, "MW", None, None, None, None, ">=")),
    ("$11.50-13.50 per kg", ("$11.50-13.50 per kg", 11.5, "USD/kg", 11.5, 13.5, "USD", "kg", "")),
    ("RMB 64,808/mt", ("RMB 64,808/mt", 64808.0, "yuan/mt", None, None, "CNY", "mt", "")),
    ("CIF USD 700/mt", ("CIF USD 700/mt", 700.0, "USD/mt", None, None, "USD", "mt", "")),
    ("1.1 yuan per Wh", ("1.1 yuan per Wh", 1.1, "yuan/Wh", None, None, "CNY", "Wh", "")),
    ("discounts of 50-10 yuan/mt", ("50-10 yuan/mt", 50.0, "yuan/mt", 10.0, 50.0, "CNY", "mt", "")),
    ("output of 215.0万 tonnes", ("215.0万 tonnes", 2150000.0, "tonnes", None, None, None, None, "")),
])
def test_figure_fields(text, expected):
    from briefing.parse import figures

    (f,) = figures.figures(text)
    assert (f.text, f.value, f.unit, f.low, f.high, f.currency, f.per, f.comparator) == expected


def test_forecast_years():
    from briefing.parse import figures

    got = [(f.text, f.year) for f in figures.figures(
        "The market is expected to be 1.95 billion yuan in 2024 and to reach 116.23 billion yuan by 2030.")]
    assert got == [("1.95 billion yuan", 2024), ("116.23 billion yuan", 2030)]


def test_json_items_keep_their_own_dates():
    article = ARTICLES["38_items.json"]
    first = article.items[0].dates[0]
    assert (first.value, first.explicit, first.how) == (dt.date(2025, 11, 20), True, "given in the item list")
    assert article.items[0].sources[0].file == "38_items.json item 1"


def test_feed_gives_one_article_per_entry_with_its_link():
    one, two = ARTICLES["37_feed.xml#entry 1"], ARTICLES["37_feed.xml#entry 2"]
    assert (one.title, one.url, one.date.how) == (
        "Tungsten Prices Rise", "https://example.com/news/tungsten", "the feed file's own metadata")
    assert two.items[0].sources[0].url == "https://example.com/news/antimony"


def test_html_page_metadata_and_main_text_only():
    article = ARTICLES["36_saved_page.html"]
    assert (article.title, article.source, article.published.date()) == (
        "Nickel Matte Premiums Rise", "Metals Desk", dt.date(2025, 10, 15))
    assert all("Copyright" not in i.body and "Base Metals" not in i.body for i in article.items)


def test_a_colon_after_a_clause_is_not_a_label():
    from briefing.models import Source

    text = ("Cobalt notes\niconNov 12, 2025 10:00\nSource:SMM\n\n"
            "The company said: prices will rise in December as stocks fall.\n"
            "Huayou Cobalt: the plant restarted on November 10.\n")
    article = parse.parse(Source(path=Path("notes.txt"), text=text, encoding="utf-8"))
    assert [i.headline for i in article.items] == ["Huayou Cobalt"]
    assert article.overview == ("The company said: prices will rise in December as stocks fall.",)


def test_summary_repeated_as_the_first_paragraph_without_its_label():
    from briefing.models import Source

    summary = "Cobalt prices climbed on export quotas while lithium held steady and nickel eased on weak demand."
    text = (f"Battery Metals\niconNov 14, 2025 18:00\nSource:SMM\nHighlights: {summary}\n\n{summary}\n\n"
            "[Cobalt: Prices Climb] On November 13, refined cobalt rose to 246,000 yuan/mt.\n")
    article = parse.parse(Source(path=Path("repeat.txt"), text=text, encoding="utf-8"))
    assert article.highlights == summary and article.overview == ()
    assert [f.kind for f in article.furniture if f.text == summary] == ["duplicate"]

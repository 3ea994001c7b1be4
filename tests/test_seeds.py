"""The two real articles the project started from, parsed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing import ingest, parse

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WEEKLY = SEEDS / "000_31ebcd339b878c11.txt"
NARRATIVE = SEEDS / "004_47e272274de49730.txt"

HEADLINES = [
    ("Semi-Solid-State BESS", "China Green Development's 200MW/800MWh Solid-State BESS Project in Wuhai City Enters Final Sprint Stage"),
    ("Solid-State Battery", "Huabao New Energy and EVE Sign Solid-State Battery Business Agreement"),
    ("Solid-State Battery", "DFD's Polymer Route Solid-State Battery Achieves Production and Vehicle Integration Capability"),
    ("Solid-State Battery Equipment", "Hymson's Exclusive Technologies Including Coating and Laser Patterning for Solid-State Batteries"),
    ("Solid-State Battery Equipment", "Lead Intelligent Equipment Successfully Integrates All Process Steps for Mass Production of All-Solid-State Batteries"),
    ("Solid-State Battery Equipment", "Hnz Technology Developing Prototypes for Solid-State Battery Production Lines"),
    ("Solid-Liquid Battery", "ZHUJIAN Electronics' Solid-Liquid Battery (Semi-Solid-State Battery) in Customer Sampling Stage"),
    ("Overseas Solid-State Battery", "US Ensurge Collaborates with Corning to Pursue Commercial Mass Production of Solid-State Microbatteries in 2026"),
    ("Solid-State Battery Current Collector", "Yinglian Receives Large Order for Over 50 Million Square Meters of Composite Aluminum Foil Material"),
    ("National Standard Naming for Solid-State Batteries", "Three Categories - Liquid, Solid-Liquid Hybrid, and All-Solid-State"),
]


@pytest.fixture(scope="module")
def weekly():
    return parse.parse(ingest.read(WEEKLY))


@pytest.fixture(scope="module")
def story():
    return parse.parse(ingest.read(NARRATIVE))


def test_weekly_article_metadata(weekly):
    assert weekly.title == "Weekly Hot : the Initial Implementation of Semi-Solid-State ESS"
    assert weekly.published == dt.datetime(2025, 11, 20, 16, 13)
    assert weekly.date.explicit and weekly.week == "2025-47"
    assert weekly.source == "SMM"
    assert weekly.highlights.startswith("Industry consensus this week")
    assert weekly.headings == ("Progress of Solid-State Battery Projects by Enterprises",)
    assert weekly.statement.startswith("Except for publicly available information")


def test_weekly_items(weekly):
    assert [(i.category, i.headline) for i in weekly.items] == HEADLINES
    assert all(i.body and not i.body.startswith("[") for i in weekly.items)


def test_weekly_overview_and_forecast_paragraphs(weekly):
    assert len(weekly.overview) == 2
    assert weekly.overview[1].startswith("The price of lithium sulfide")
    assert len(weekly.forecasts) == 1 and weekly.forecasts[0].startswith("According to SMM projections")
    shipments = {(f.text, f.year) for f in weekly.forecast_figures}
    assert {("13.5 GWh", 2028), ("160 GWh", 2028), ("2,800 GWh", 2030), ("4%", 2030)} <= shipments


def test_highlights_appear_once(weekly):
    everything = " ".join((*weekly.overview, *weekly.forecasts, *(i.body for i in weekly.items)))
    assert "Industry consensus this week" not in everything


def test_furniture_is_kept_apart(weekly):
    kinds = {f.kind for f in weekly.furniture}
    assert {"breadcrumb", "contact", "tag"} <= kinds
    texts = " ".join(f.text for f in weekly.furniture)
    assert "lemonzhao@smm.cn" in texts and "Solid-state Battery" in texts
    body = " ".join((*weekly.overview, *weekly.forecasts, *(i.body for i in weekly.items)))
    for leak in ("Home / Metal News", "lemonzhao", "Phone:", "Related news", "Data Source Statement"):
        assert leak not in body


def test_item_companies_dates_and_figures(weekly):
    items = {i.headline.split()[0]: i for i in weekly.items}
    codes = {c.code for i in weekly.items for c in i.companies if c.code}
    assert codes == {"002407.SZ", "688559.SH", "300450.SZ", "300490.SZ", "301121.SZ", "002846.SZ"}
    wuhai = weekly.items[0]
    assert [d.value for d in wuhai.dates] == [dt.date(2025, 11, 14), dt.date(2025, 8, 22), dt.date(2025, 6, 26)]
    assert wuhai.date == dt.date(2025, 11, 14)
    units = {(f.text, f.unit) for f in wuhai.figures}
    assert {("200MW/800MWh", "MW/MWh"), ("440 million yuan", "yuan"), ("0.55 yuan/Wh", "yuan/Wh"), ("100 mu", "mu")} <= units
    assert ("50 million square meters", 5e7) in {(f.text, f.value) for f in items["Yinglian"].figures}


def test_narrative_date_is_inferred(story):
    assert story.published.date() == dt.date(2024, 3, 3)
    assert story.week == "2024-09"
    assert not story.date.explicit
    assert "March 3" in story.date.how and "2024" in story.date.how


def test_narrative_is_split_into_items(story):
    assert 6 <= len(story.items) <= 12
    assert all(i.derived_headline and i.headline for i in story.items)
    assert all(len(i.headline.split()) <= 15 for i in story.items)
    assert story.items[0].body.startswith("On March 3, Foton Motor announced")
    assert "Funeng" in story.items[0].headline
    assert any("Huineng Technology" in i.headline for i in story.items)
    assert any("BMW" in i.body and "Nissan" in i.body for i in story.items)
    # every sentence of the article lands in the overview or in exactly one item
    assert sum("Zhiji L6" in i.body for i in story.items) == 1
    assert story.overview[0].startswith("Under the ultimate game")


def test_sidecar_pins_date_title_source_url(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(NARRATIVE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "story.meta.toml").write_text(
        'date = 2024-03-08\ntitle = "Automakers race to solid-state"\nsource = "SMM"\nurl = "https://example.com/a"\n',
        encoding="utf-8")
    pinned = parse.parse(ingest.read(article))
    assert pinned.published.date() == dt.date(2024, 3, 8)
    assert pinned.date.explicit and "pinned" in pinned.date.how
    assert (pinned.title, pinned.source, pinned.url) == ("Automakers race to solid-state", "SMM", "https://example.com/a")


def test_bad_sidecar_is_reported(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("On May 1, 2025, something happened.", encoding="utf-8")
    (tmp_path / "story.meta.toml").write_text('date = "yesterday"\n', encoding="utf-8")
    result = ingest.read(article)
    assert result.reason.startswith("sidecar story.meta.toml: date 'yesterday' is not a date")


def test_narrative_title_and_source_are_derived(story):
    assert story.title_derived and story.title.startswith("Under the ultimate game")
    assert story.source == "SMM"  # from the contact address ...@smm.cn


def test_briefing_of_derived_title_uses_topic(story):
    from briefing import config as config_mod, group

    cfg = config_mod.load(SEEDS.parent)[0]
    briefing = group.group(cfg, "2024-09", dt.date(2024, 2, 26), dt.date(2024, 3, 3), [story])
    assert briefing.title == "Weekly Hot: Solid-State Battery"
    sections = {s.key: [i.headline for i in s.items] for s in briefing.sections}
    assert sections["cooperation"] == ["Foton Motor to collaborate with Funeng Technology"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "example.com/no-scheme"])
def test_sidecar_url_must_be_a_web_address(tmp_path, url):
    article = tmp_path / "story.txt"
    article.write_text("On May 1, 2025, something happened.", encoding="utf-8")
    (tmp_path / "story.meta.toml").write_text(f'url = "{url}"\n', encoding="utf-8")
    assert ingest.read(article).reason.startswith(f"sidecar story.meta.toml: url '{url}' is not a web address")


def test_links_from_inputs_are_web_addresses_only(tmp_path):
    page = tmp_path / "note.md"
    page.write_text("---\ntitle: A note\ndate: 2025-11-20\nurl: javascript:alert(1)\n---\n"
                    "[Battery: Plant opens] On November 19, 2025, a plant opened.\n", encoding="utf-8")
    items = tmp_path / "items.json"
    items.write_text('{"title": "List", "date": "2025-11-20", "source": "Desk", "items": ['
                     '{"headline": "One", "body": "Text one.", "url": "file:///etc/passwd"},'
                     '{"headline": "Two", "body": "Text two.", "url": "https://example.com/two"}]}', encoding="utf-8")
    from briefing import corpus

    (note,) = corpus.parse_file(page, page.read_bytes())
    assert note.url is None and note.items and all(s.url is None for i in note.items for s in i.sources)
    (listing,) = corpus.parse_file(items, items.read_bytes())
    assert [[s.url for s in i.sources] for i in listing.items] == [[None], ["https://example.com/two"]]

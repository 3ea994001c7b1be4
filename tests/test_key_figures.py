"""The key-figures table read back from the built HTML, PDF and DOCX: the 2025-47 seed's forecasts with their
subject, metric, period and value (the growth rates written with "respectively" each under its own market), and the
2024-09 narrative's market-size forecast for 2024 and 2030 with its forecast chart."""

from __future__ import annotations

import json
import re

import pytest
from docx import Document
from lxml import html as lxml_html
from pypdf import PdfReader

from briefing.build import build

from .conftest import EPOCH, copy_project, load_config

WEEK_47 = [  # measure, metric, period, value, source
    ("all-solid-state battery shipments", "shipments", "2028", "13.5 GWh", "SMM, 20 Nov 2025"),
    ("semi-solid-state battery shipments", "shipments", "2028", "160 GWh", "SMM, 20 Nov 2025"),
    ("global lithium-ion battery demand", "demand", "2030", "2,800 GWh", "SMM, 20 Nov 2025"),
    ("lithium-ion battery demand, EVs", "CAGR", "2024-2030", "11 %", "SMM, 20 Nov 2025"),
    ("lithium-ion battery demand, ESS", "CAGR", "2024-2030", "27 %", "SMM, 20 Nov 2025"),
    ("lithium-ion battery demand, consumer electronics", "CAGR", "2024-2030", "10 %", "SMM, 20 Nov 2025"),
    ("global penetration rate of solid-state batteries", "penetration rate", "2025", "0.1 %", "SMM, 20 Nov 2025"),
    ("global penetration rate of all-solid-state batteries", "penetration rate", "2030", "4 %", "SMM, 20 Nov 2025"),
    ("global penetration rate of solid-state batteries", "penetration rate", "2035", "10 %", "SMM, 20 Nov 2025"),
]
MARKET = "market space for global solid-state batteries"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def html_rows(path) -> list[tuple[str, ...]]:
    page = lxml_html.fromstring(path.read_bytes())
    table = page.xpath("//table[contains(@class, 'key-figures')]")[0]
    assert [th.text_content() for th in table.xpath(".//thead//th")] == \
        ["Measure", "Metric", "Period", "Value", "Source"]
    return [tuple(td.text_content().strip() for td in tr.xpath("./td")) for tr in table.xpath(".//tbody/tr")]


def docx_rows(path) -> list[tuple[str, ...]]:
    table = next(t for t in Document(str(path)).tables
                 if [c.text for c in t.rows[0].cells] == ["Measure", "Metric", "Period", "Value", "Source"])
    return [tuple(c.text for c in row.cells) for row in table.rows[1:]]


@pytest.fixture(scope="module")
def narrative(tmp_path_factory):
    """A real build of week 2024-09, the narrative seed."""
    root = copy_project(tmp_path_factory.mktemp("narrative") / "project")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        return build(load_config(root), "2024-09")
    finally:
        mp.undo()


def test_2025_47_key_figures_in_html(built):
    assert html_rows(built.out_dir / "briefing-2025-47.html") == WEEK_47


def test_2025_47_key_figures_in_docx(built):
    assert docx_rows(built.out_dir / "briefing-2025-47.docx") == WEEK_47


def test_2025_47_key_figures_in_pdf(built):
    text = _squash(" ".join(p.extract_text() for p in PdfReader(built.out_dir / "briefing-2025-47.pdf").pages))
    table = text[text.index("Keyfigures"):]
    assert table.startswith(_squash("Key figures Measure Metric Period Value Source"))
    for row in WEEK_47:
        assert _squash(" ".join(row)) in table, row


def test_2025_47_items_json_keeps_the_facts_of_each_key_figure(built):
    rows = json.loads((built.out_dir / "items.json").read_text("utf-8"))["key_figures"]
    ev = next(r["figure"] for r in rows if r["figure"]["subject"] == "lithium-ion battery demand, EVs")
    assert (ev["metric"], ev["start_year"], ev["year"], ev["value"], ev["forecast"], ev["forecaster"]) == \
        ("CAGR", 2024, 2030, 11.0, True, "SMM")
    assert all(r["figure"]["subject"] for r in rows) and all(r["source"]["site"] == "SMM" for r in rows)


def test_2024_09_has_the_market_size_forecast_for_2024_and_2030_with_a_chart(narrative):
    out = narrative.out_dir
    rows = html_rows(out / "briefing-2024-09.html")
    by = "Guosen Securities (SMM, 03 Mar 2024)"
    assert (MARKET, "market size", "2024", "1.95 billion yuan", by) in rows
    assert (MARKET, "market size", "2030", "116.23 billion yuan", by) in rows
    assert (MARKET, "CAGR", "2024-2030", "98 %", by) in rows
    assert docx_rows(out / "briefing-2024-09.docx") == rows
    assert (out / "chart-forecasts.svg").is_file() and (out / "chart-forecasts.png").is_file()
    page = lxml_html.fromstring((out / "briefing-2024-09.html").read_bytes())
    label = page.xpath("//figure[@id='chart-forecasts']//svg/@aria-label")[0]
    assert "1.95 billion yuan in 2024" in label and "116.23 billion yuan in 2030" in label and MARKET in label
    text = _squash(" ".join(p.extract_text() for p in PdfReader(out / "briefing-2024-09.pdf").pages))
    assert _squash(f"{MARKET} market size 2030 116.23 billion yuan") in text

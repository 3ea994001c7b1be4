"""End to end: build week 2025-47 from seeds/ and read every output back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document
from lxml import html as lxml_html
from pypdf import PdfReader

from briefing.build import build

from .conftest import EPOCH, copy_project, load_config
from .test_seeds import HEADLINES

GOLDEN = Path(__file__).parent / "golden" / "2025-47.items.json"


def _squash(text: str) -> str:
    """White space folded; a line broken after a hyphen joined again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text))


@pytest.fixture(scope="module")
def pdf(built):
    return PdfReader(built.out_dir / "briefing-2025-47.pdf")


@pytest.fixture(scope="module")
def pdf_text(pdf):
    return [_squash(page.extract_text()) for page in pdf.pages]


@pytest.fixture(scope="module")
def docx(built):
    return Document(str(built.out_dir / "briefing-2025-47.docx"))


@pytest.fixture(scope="module")
def page(built):
    return lxml_html.fromstring((built.out_dir / "briefing-2025-47.html").read_bytes())


def test_files_written(built):
    names = sorted(p.name for p in built.out_dir.iterdir())
    assert names == sorted([
        "briefing-2025-47.html", "briefing-2025-47.pdf", "briefing-2025-47.docx", "items.json",
        *(f"chart-{k}.{ext}" for k in ("sections", "forecasts", "timeline") for ext in ("svg", "png")),
    ])
    assert (built.items, built.sections, built.articles, built.other_weeks) == (10, 7, 1, 1)
    # every company of the week is named in one item: a chart of equal bars says nothing and is not drawn
    assert "chart companies: every company is named in 1 item, none more than another" in built.charts_skipped
    assert not any(p.name.startswith(".staging") for p in built.out_dir.parent.iterdir())


def test_pdf_holds_every_headline(pdf_text):
    text = " ".join(pdf_text)
    for category, headline in HEADLINES:
        assert _squash(headline) in text, headline
    assert "Progress of Solid-State Battery Projects by Enterprises" in text
    assert "Key figures" in text and "13.5 GWh" in text


def test_pdf_pages_numbers_and_running_header(pdf, pdf_text):
    pages = len(pdf.pages)
    assert 4 <= pages <= 14
    assert "Page 1 of" not in pdf_text[0]  # the cover carries no running header or footer
    for number, text in enumerate(pdf_text[1:], 2):
        assert f"Page {number} of {pages}" in text
        assert "Week 2025-47" in text
    assert pdf.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_pdf_contents_lists_page_numbers(pdf_text):
    toc = pdf_text[1][pdf_text[1].index("Contents"):]
    match = re.search(r"Sources\s*\.*\s*(\d+)", toc)
    assert match, toc
    sources_page = int(match.group(1))
    assert "Sources" in pdf_text[sources_page - 1]
    assert sources_page > 1


def test_pdf_bookmarks_and_metadata(pdf):
    titles = []

    def walk(outline):
        for entry in outline:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(pdf.outline)
    assert "Highlights" in titles and "Forecasts and outlook" in titles and "Equipment and Processes" in titles
    meta = pdf.metadata
    assert meta.title == "Weekly Hot: The Initial Implementation of Semi-Solid-State ESS"
    assert meta.author == "Briefing Desk"
    assert "week 2025-47" in meta.subject
    assert "Solid-State Battery" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20251121")


def test_docx_headings_items_and_images(docx, built):
    paragraphs = docx.paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Highlights", "Market overview", "Progress of Solid-State Battery Projects by Enterprises"]
    assert {"Equipment and Processes", "Overseas", "Forecasts and outlook", "Sources"} <= set(headings)
    assert [p.text for p in paragraphs if p.style.name == "Title"] == [
        "Weekly Hot: The Initial Implementation of Semi-Solid-State ESS"]
    items = [p for p in paragraphs if p.style.name == "Item Headline"]
    assert [p.text for p in items if p.text.endswith(HEADLINES[3][1])]
    assert len(items) == 10 and all(all(r.bold or r.style.font.bold for r in p.runs) for p in items)
    shapes = docx.inline_shapes
    assert len(shapes) == 3
    assert all(s._inline.docPr.get("descr") for s in shapes)
    table = docx.tables[-1]  # the key figures; the price table comes first, in the market section
    assert [c.text for c in table.rows[0].cells] == ["Measure", "Metric", "Period", "Value", "Source"]
    assert any(row.cells[3].text == "13.5 GWh" for row in table.rows)


def test_docx_footer_page_numbers_and_properties(docx):
    footer_xml = docx.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert "week 2025-47" in docx.sections[0].header.paragraphs[0].text
    props = docx.core_properties
    assert props.title.startswith("Weekly Hot:") and props.author == "Briefing Desk"
    assert "2025-47" in props.subject and props.created.year == 2025


def test_html_structure(page):
    assert page.get("lang") == "en"
    assert page.findtext(".//title").startswith("Weekly Hot:")
    assert [h.text_content() for h in page.iter("h1")] == [
        "Weekly Hot: The Initial Implementation of Semi-Solid-State ESS"]
    assert len(page.cssselect("article.item")) == 10
    assert [s.get("id") for s in page.cssselect("section.section")] == [
        "section-projects", "section-cooperation", "section-products", "section-equipment",
        "section-materials", "section-overseas", "section-standards"]
    svgs = page.xpath("//*[local-name()='svg']")
    assert len(svgs) == 3 and all(s.get("aria-label") for s in svgs)
    # self-contained: nothing is fetched from outside
    assert not page.xpath("//link[@rel='stylesheet'] | //script[@src] | //img[@src]")
    assert page.xpath("//meta[@name='viewport']")


def test_items_json_matches_golden(built):
    data = json.loads((built.out_dir / "items.json").read_text(encoding="utf-8"))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert data == golden, "items changed: review, then run `make golden`"


def test_same_inputs_same_bytes(built, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build(load_config(copy_project(tmp_path / "again")), "2025-47")
    for first in built.files:
        second = again.out_dir / first.name
        assert first.read_bytes() == second.read_bytes(), first.name

"""The PDF: tagged PDF/UA with embedded fonts, a cover, headlines kept with their items,
clickable sources, CJK text in a CJK font, and no missing-glyph boxes ever printed."""

from __future__ import annotations

import dataclasses
import io

import pypdf
import pytest

from briefing import charts, printing, render
from briefing.errors import FontError
from briefing.models import Section
from look_support import (CJK_HEADLINE, EDITED_TITLE, SOURCE_URL, WEEK, built, config, grouped, pdf_text, project,
                          structure_elements)


@pytest.fixture(scope="module")
def reader():
    return pypdf.PdfReader(str(built().pdf))


def _fonts(reader):
    found = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_tagged_pdf_ua_with_language_and_embedded_fonts(reader):
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert reader.pdf_header == "%PDF-1.7"
    fonts = _fonts(reader)
    assert fonts and all(fonts.values()), f"fonts not embedded: {[f for f, e in fonts.items() if not e]}"


def test_the_structure_tree_has_headings_and_charts_with_alternative_text(reader):
    elements = structure_elements(reader.trailer["/Root"]["/StructTreeRoot"], [])
    kinds = [str(e["/S"]) for e in elements]
    assert kinds.count("/H1") == 1 and "/H2" in kinds and "/H4" in kinds and "/Table" in kinds
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == 3
    assert all(str(f.get("/Alt", "")).startswith(("Bar chart", "Timeline")) for f in figures)


def test_chinese_text_is_set_in_a_cjk_font(reader):
    assert any("CJK" in name for name in _fonts(reader))
    assert CJK_HEADLINE in " ".join(pdf_text(built().pdf))


def test_the_first_page_is_a_cover_with_title_and_week():
    pages = pdf_text(built().pdf)
    cover = pages[0]
    assert EDITED_TITLE in cover and f"Week {WEEK}" in cover
    assert "Contents" not in cover and "Market overview" not in cover and "Page 1 of" not in cover
    assert "Contents" in pages[1] and f"Page 2 of {len(pages)}" in pages[1]


def test_source_links_are_clickable(reader):
    uris = [annot.get_object()["/A"].get("/URI") for page in reader.pages for annot in page.get("/Annots", [])
            if "/A" in annot.get_object()]
    assert uris.count(SOURCE_URL) >= 3  # two items and the sources list


def _pages_of(document, tag: str, cls: str):
    """For each element of ``tag`` with class ``cls`` (or any when empty): the pages it is drawn on."""
    where: dict = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and box.element_tag == tag and (not cls or cls in element.get("class", "")):
                where.setdefault(element, set()).add(number)
    return where


def test_a_headline_is_never_separated_from_its_body(tmp_path):
    """Many items of many lengths, so that page ends fall everywhere: a headline's page is its body's."""
    import weasyprint

    root = project(tmp_path)
    briefing = grouped(root)
    base = briefing.items
    items = []
    for n in range(44):
        item = base[n % len(base)]
        items.append(dataclasses.replace(item, headline=f"{n}: {item.headline}",
                                         body=" ".join([item.body] * (1 + n % 4))[: 200 + 113 * (n % 11)]))
    briefing = dataclasses.replace(briefing, sections=(Section("products", "Batteries and Products", tuple(items)),))
    cfg = config(root)
    html = render.render_html(briefing, cfg.templates_dir, cfg.language)
    document = weasyprint.HTML(string=html, base_url=str(cfg.templates_dir) + "/", media_type="print").render()
    assert len(document.pages) > 8
    headlines = _pages_of(document, "h4", "")
    bodies = _pages_of(document, "p", "body")
    articles = _pages_of(document, "article", "item")
    assert len(headlines) == len(articles) == 44
    starts = set()
    for article in articles:
        headline = next(child for child in article if child.tag == "h4")
        body = next(child for child in article if child.get("class") == "body")
        assert max(headlines[headline]) == min(bodies[body]), f"{''.join(headline.itertext())[:40]!r} split"
        starts.add(min(headlines[headline]))
    assert len(starts) > 8  # the items really are spread over many page ends


@pytest.mark.parametrize("rows", [60, 10])
def test_a_table_longer_than_a_page_starts_where_the_text_before_it_ends(tmp_path, rows):
    """A key-figures table of 60 rows runs over page ends from the page the forecasts end on, its
    header repeated on every page; one of 10 rows is kept whole on one page."""
    import weasyprint

    root = project(tmp_path)
    briefing = grouped(root)
    base = briefing.key_figures
    figures = tuple(dataclasses.replace(row, figure=dataclasses.replace(row.figure, subject=f"{row.measure} {n}"))
                    for n, row in ((n, base[n % len(base)]) for n in range(rows)))
    # forecasts long enough that the table cannot start on a fresh page
    forecasts = tuple(f"{paragraph} " * 3 for paragraph in briefing.forecasts) or ("Forecasts. " * 200,)
    briefing = dataclasses.replace(briefing, key_figures=figures, forecasts=forecasts)
    cfg = config(root)
    html = render.render_html(briefing, cfg.templates_dir, cfg.language)
    sheet = weasyprint.CSS(string=render.render_template(render.PDF_STYLESHEET, {}, cfg.templates_dir))
    document = weasyprint.HTML(string=html, base_url=str(cfg.templates_dir) + "/", media_type="print").render(
        stylesheets=[sheet])
    table = next(iter(_pages_of(document, "table", "key-figures").values()))
    headers = next(iter(_pages_of(document, "thead", "").values()))
    outlook = next(element for element in _pages_of(document, "section", "") if element.get("id") == "outlook")
    paragraphs = _pages_of(document, "p", "")
    last_forecast = max(max(paragraphs[p]) for p in outlook.findall("p"))
    if rows > 12:
        assert len(table) > 1 and min(table) == last_forecast, (sorted(table), last_forecast)
        assert headers == table  # the header row on every page of the table
    else:
        assert len(table) == 1


def test_a_character_no_font_has_stops_the_build_naming_the_text(tmp_path):
    html = "<html lang='en'><body><p>Tickers: 300490.SZ and the sign \U00013000 of the week.</p></body></html>"
    with pytest.raises(FontError) as caught:
        printing.render_pdf(html, tmp_path)
    message = str(caught.value)
    assert "U+13000" in message and "Tickers: 300490.SZ and the sign" in message and "\n" not in message
    assert "fonts-noto-cjk" in message


def test_a_chart_label_no_font_has_stops_the_build(tmp_path):
    briefing = grouped(project(tmp_path))
    odd = dataclasses.replace(briefing.items[0], headline="Glyph \U00013000 test", companies=())
    second = dataclasses.replace(briefing.items[1], companies=())
    briefing = dataclasses.replace(briefing, sections=(Section("products", "Batteries", (odd, second)),))
    with pytest.raises(FontError) as caught:
        charts.draw(briefing)
    assert "chart timeline" in str(caught.value) and "Glyph \U00013000 test" in str(caught.value)


def test_same_html_gives_the_same_pdf_bytes():
    b = built()
    html = b.html.read_text(encoding="utf-8")
    cfg = config(b.root)
    first = printing.render_pdf(html, cfg.templates_dir, (cfg.output_dir,))
    assert printing.render_pdf(html, cfg.templates_dir, (cfg.output_dir,)) == first
    assert pypdf.PdfReader(io.BytesIO(first)).trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)

"""The outputs checked by tools nobody here wrote, for both seed weeks and a generated week of 50
articles: the Nu HTML Checker and axe-core (in headless Chromium at a phone's and a desktop's
width) on the briefing pages, the archive page and the email body; chart text at least 11 px on
screen; the blank share of every PDF page, rendered by pdftoppm; the PDF's table header scopes,
captions and list of figures; the DOCX's contents field, outline levels, language, cover,
table style, and its page count under LibreOffice against the PDF's.

Each failure prints every error or violation with its element.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from briefing import config as config_mod
from briefing import docxtable, message, printing, render, word
from briefing.build import build
from briefing.subscribers import Subscriber
from browser import Browser
from look_support import REPO, built, pdf_text, project, structure_elements
from validators import WIDTHS, axe, chart_text_px, nu_check, page_blank_shares, set_width
from weekgen import write_week

EPOCH = "1763683200"  # 2025-11-21 00:00 UTC: the build time, never the issue's date
MOST_BLANK = 1 / 3  # no page but the cover and the last more than a third empty (unless a chart or table follows)


@dataclass(frozen=True)
class Week:
    name: str  # what the tests call it
    week: str
    root: Path
    out: Path

    @property
    def html(self) -> Path:
        return self.out / f"briefing-{self.week}.html"

    @property
    def pdf(self) -> Path:
        return self.out / f"briefing-{self.week}.pdf"

    @property
    def docx(self) -> Path:
        return self.out / f"briefing-{self.week}.docx"

    def email(self) -> Path:
        """The HTML body a subscriber receives for this week (CSS inlined), written beside the build."""
        cfg = config_mod.load(self.root)[0]
        composer = message.Composer(cfg, message.load_edition(cfg, self.week))
        _, html = composer.bodies(Subscriber("ann@example.com", "Ann Lee", "active"))
        path = self.root / f"email-{self.week}.html"
        path.write_text(html, encoding="utf-8")
        return path


@functools.cache
def weeks() -> tuple[Week, ...]:
    """2025-47 with the look tests' extra article and editorial file, 2024-09, and a generated
    week of 50 articles from six sites (built once per run)."""
    import os

    edited = built()
    found = [Week("2025-47", "2025-47", edited.root, edited.html.parent)]
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        root = project(extra=False)
        found.append(Week("2024-09", "2024-09", root, build(config_mod.load(root)[0], "2024-09").out_dir))
        root = project(extra=False)
        shutil.rmtree(root / "seeds")
        write_week(root / "seeds" / "2025-47", 50)
        found.append(Week("50 articles", "2025-47", root, build(config_mod.load(root)[0], "2025-47").out_dir))
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return tuple(found)


def _pages(week: Week) -> list[str]:
    return pdf_text(week.pdf)


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in found.items() if lines)


# ---- HTML and email: the Nu HTML Checker, axe-core, legible charts ---------------------------------------

def test_the_nu_html_checker_finds_no_error_in_any_page_or_email():
    pages = [w.html for w in weeks()] + [w.email() for w in weeks()] + [weeks()[1].out.parent / "index.html"]
    errors = nu_check(pages)
    assert not any(errors.values()), "Nu HTML Checker errors:\n" + _report(errors)


@pytest.fixture(scope="module")
def browser():
    opened = Browser()
    yield opened
    opened.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_and_chart_text_is_legible(browser, width):
    violations, small, wide = {}, {}, {}
    for w in weeks():
        for page in (w.html, w.email()):
            set_width(browser, width)
            browser.open(page.as_uri())
            where = f"{w.name} {page.name} at {width} px"
            violations[where] = axe(browser)
            small[where] = [f"{figure}: smallest text {px:.1f} px" for figure, px, _ in chart_text_px(browser)
                            if px is None or px < 11]
            scroll, inner = browser.run("return [document.documentElement.scrollWidth, window.innerWidth]")
            wide[where] = [f"the page is {scroll} px wide in a {inner} px window"] if scroll > inner else []
    assert not any(violations.values()), "axe-core violations:\n" + _report(violations)
    assert not any(small.values()), "chart text under 11 px on screen:\n" + _report(small)
    assert not any(wide.values()), "pages wider than the screen:\n" + _report(wide)


def test_charts_scroll_in_a_focusable_frame_on_a_phone_and_fit_a_desktop(browser):
    w = weeks()[0]
    found = {}
    for width in WIDTHS:
        set_width(browser, width)
        browser.open(w.html.as_uri())
        found[width] = browser.run("""return Array.from(document.querySelectorAll('figure.chart .plot')).map(p =>
            [p.scrollWidth > p.clientWidth, p.tabIndex, getComputedStyle(p.closest('figure').querySelector('.scroll-hint')).display])""")
    assert found[390] and all(scrolls and tab == 0 and hint != "none" for scrolls, tab, hint in found[390])
    assert all(not scrolls and hint == "none" for scrolls, _, hint in found[1280])


def test_the_email_is_a_600_px_column(browser):
    w = weeks()[0]
    widths = {}
    for width in WIDTHS:
        set_width(browser, width)
        browser.open(w.email().as_uri())
        widths[width] = browser.run("return document.querySelector('.card').getBoundingClientRect().width")
    assert widths[1280] == 600 and widths[390] <= 390
    body = w.email().read_text(encoding="utf-8")
    assert '<!--[if mso]><table role="presentation" width="600"' in body  # Outlook ignores max-width


def test_matplotlib_metadata_and_chart_titles_are_not_in_the_svgs():
    for w in weeks():
        html = w.html.read_text(encoding="utf-8")
        assert "<metadata" not in html and "rdf:RDF" not in html and "xmlns:dc" not in html
        for svg in w.out.glob("chart-*.svg"):
            text = svg.read_text(encoding="utf-8")
            assert "<metadata" not in text
            # the title and source are the HTML caption; matplotlib names each text it draws in a comment
            assert not re.search(r"<!-- (Items per section|Companies mentioned|Source: )", text), svg.name


def test_print_only_css_is_not_in_the_page():
    html = weeks()[0].html.read_text(encoding="utf-8")
    assert "string-set" not in html and "string(" not in html
    assert "string-set" in (REPO / "templates" / render.PDF_STYLESHEET).read_text(encoding="utf-8")


# ---- PDF ---------------------------------------------------------------------------------------------------

def _layout(week: Week):
    """The week's HTML laid out by WeasyPrint as the build prints it (with pdf.css)."""
    import weasyprint

    cfg = config_mod.load(week.root)[0]
    sheet = render.render_template(render.PDF_STYLESHEET, {}, cfg.templates_dir, cfg.overrides_dir)
    return weasyprint.HTML(string=week.html.read_text(encoding="utf-8"), base_url=str(cfg.templates_dir) + "/",
                           media_type="print").render(stylesheets=[weasyprint.CSS(string=sheet)])


def _what_opens(page):
    """The chart or table that opens a page (its first box), with its height; None when text opens it."""
    top = page._page_box.content_box_y()
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is None or box.position_y > top + 12:  # 12 px: the box's own top margin
            continue
        classes = element.get("class", "")
        if "chart" in classes.split() or "table-wrap" in classes.split() or element.tag == "table":
            return box
        if box.element_tag in ("p", "li", "h2", "h3", "h4", "article"):
            return None
    return None


def _runs_on(document, number: int, element) -> bool:
    """Whether ``element``, which opens page ``number`` (from 1), goes on to the page after it."""
    if number >= len(document.pages):
        return False
    return any(getattr(box, "element", None) is element for box in document.pages[number]._page_box.descendants())


def test_no_page_but_the_last_is_more_than_a_third_empty_unless_a_chart_or_table_that_cannot_fit_follows():
    problems = {}
    for w in weeks():
        shares = page_blank_shares(w.pdf)
        document = None
        problems[w.name] = []
        for number, share in enumerate(shares[1:-1], 2):  # the cover is a page of its own by design
            if share <= MOST_BLANK:
                continue
            document = document or _layout(w)
            assert len(document.pages) == len(shares)
            opener = _what_opens(document.pages[number])
            free = share * document.pages[number - 1]._page_box.height
            if opener is None or opener.margin_height() <= free:
                problems[w.name].append(f"page {number} is {share:.0%} empty and the next page opens with "
                                        f"{'text' if opener is None else 'a chart or table that would fit'}")
            elif _runs_on(document, number + 1, opener.element):
                problems[w.name].append(f"page {number} is {share:.0%} empty and the next page opens with a "
                                        "table longer than a page, which could have started on it")
    assert not any(problems.values()), _report(problems)


def test_the_blank_measure_sees_an_empty_page(tmp_path):
    html = ("<html lang='en'><body><p>One line.</p><p style='break-before: page'>Two.</p>"
            "<p style='break-before: page'>Three.</p></body></html>")
    (tmp_path / "three.pdf").write_bytes(printing.render_pdf(html, tmp_path))
    shares = page_blank_shares(tmp_path / "three.pdf")
    assert len(shares) == 3 and all(share > 0.9 for share in shares)


def test_pdf_table_header_cells_have_a_scope():
    for w in weeks():
        elements = structure_elements(pypdf.PdfReader(str(w.pdf)).trailer["/Root"]["/StructTreeRoot"], [])
        headers = [e for e in elements if e["/S"] == "/TH"]
        assert headers or w.name == "2024-09", w.name  # 2024-09 has no table
        if not headers:
            continue
        scopes = [str(e["/A"].get_object().get("/Scope")) for e in headers]
        assert set(scopes) <= {"/Column", "/Row"} and "/Column" in scopes, (w.name, scopes)
    prices = structure_elements(pypdf.PdfReader(str(weeks()[2].pdf)).trailer["/Root"]["/StructTreeRoot"], [])
    assert "/Row" in [str(e["/A"].get_object().get("/Scope")) for e in prices if e["/S"] == "/TH"]  # products


def test_pdf_has_one_numbered_caption_per_chart_and_a_list_of_figures():
    for w in weeks():
        pages = _pages(w)
        contents = pages[1]
        charts = sorted(w.out.glob("chart-*.svg"))
        assert "Figures" in contents and all(f"Figure {n}." in contents for n in range(1, len(charts) + 1)), w.name
        body = " ".join(pages[2:])
        for n in range(1, len(charts) + 1):
            assert body.count(f"Figure {n}.") == 1, (w.name, n)
        if w.name == "2025-47":
            assert body.count("Items per section") == 1  # the caption, not again in the image


def test_the_cover_shows_the_week_and_issue_date_and_the_build_time_stays_in_metadata_and_colophon():
    w = weeks()[1]  # built at SOURCE_DATE_EPOCH (21 Nov 2025); its article is of 3 Mar 2024
    pages = _pages(w)
    assert "Week 2024-09" in pages[0] and "Issue of 03 March 2024" in pages[0]
    assert "2025" not in pages[0]
    assert "Built 21 Nov 2025 00:00 UTC" in pages[-1]
    assert "2025-11-21" in w.html.read_text(encoding="utf-8").split("</head>")[0]
    info = pypdf.PdfReader(str(w.pdf)).metadata
    assert str(info["/CreationDate"]).startswith("D:20251121")


# ---- DOCX --------------------------------------------------------------------------------------------------

def _instructions(doc) -> list[str]:
    return [" ".join((n.text or "").split()) for n in doc.element.body.iter(qn("w:instrText"))]


def test_docx_contents_and_figures_are_toc_fields_with_page_numbers_cached():
    for w in weeks():
        doc = Document(str(w.docx))
        instructions = _instructions(doc)
        assert 'TOC \\o "1-2" \\h \\z \\u' in instructions and 'TOC \\h \\z \\c "Figure"' in instructions
        assert doc.settings.element.find(qn("w:updateFields")) is None  # Word asks nothing on opening
        entries = [p for p in doc.paragraphs if p.style.name in ("TOC 1", "TOC 2", "Table of Figures")]
        assert entries and all(re.fullmatch(r".+\t\d+", p.text) for p in entries), [p.text for p in entries]
        headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
        assert [p.text.split("\t")[0] for p in entries if p.style.name != "Table of Figures"] == headings
        figures = [p.text.split("\t")[0] for p in entries if p.style.name == "Table of Figures"]
        captions = [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
        assert figures and all(c.startswith(f) for f, c in zip(figures, captions)) and len(figures) == len(captions)
        assert sum(i.startswith("SEQ Figure") for i in instructions) == len(captions)
        # the cached numbers are the PDF's pages: Sources is where the PDF prints it
        sources = next(int(p.text.split("\t")[1]) for p in entries if p.text.startswith("Sources\t"))
        assert re.search(r"\bSources\b", _pages(w)[sources - 1])


def test_docx_items_at_outline_level_3_language_cover_without_header_and_palette_table_style():
    w = weeks()[0]
    doc = Document(str(w.docx))
    item = doc.styles["Item Headline"]
    assert item.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "2"  # level 3, counted from 0
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-US" and doc.core_properties.language == "en"
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert "".join(p.text for p in section.first_page_header.paragraphs + section.first_page_footer.paragraphs) == ""
    assert doc.paragraphs[doc_index(doc, "Contents")].paragraph_format.page_break_before  # the cover is page 1
    style = doc.styles[docxtable.TABLE_STYLE]
    xml = style.element.xml
    assert all(colour in xml.upper() for colour in ("1F2A37", "D9DDE3", "F6F4F1"))
    for table in doc.tables:
        assert table.style.name == docxtable.TABLE_STYLE
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    numeric = 0
    for table in doc.tables:
        for column in range(len(table.columns)):
            cells = [row.cells[column] for row in table.rows]
            right = [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in cells]
            if all(docxtable._numeric(c.text) for c in cells[1:] if c.text):
                numeric += 1
                assert all(right), [c.text for c in cells]  # numbers, and their header, right-aligned
            else:
                assert not any(right), [c.text for c in cells]  # words stay left
    assert numeric >= 2  # the key figures' figure and year
    reference = Document(str(REPO / "templates" / word.REFERENCE))
    assert docxtable.TABLE_STYLE in {s.name for s in reference.styles}


def doc_index(doc, text: str) -> int:
    return next(n for n, p in enumerate(doc.paragraphs) if p.text == text)


def test_docx_has_the_pdf_page_count_within_one_page_under_libreoffice():
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run 'make test-system' (scripts/test-system installs it)"
    counts = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for n, w in enumerate(weeks()):
            out = folder / str(n)
            run = subprocess.run(
                [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(out), str(w.docx)],
                capture_output=True, text=True, timeout=300)
            assert run.returncode == 0, run.stderr
            office = pdf_text(out / w.pdf.name)
            counts[w.name] = (len(office), len(_pages(w)))
            assert "Page" not in office[0] and "Contents" in office[1]  # the cover has no header or footer
    assert all(abs(docx - pdf) <= 1 for docx, pdf in counts.values()), counts

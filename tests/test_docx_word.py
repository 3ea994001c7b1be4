"""The DOCX: contents, header and footer from the reference document, links, chart alt text,
table style; the shipped reference.docx is what make reference-docx writes; LibreOffice opens it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from briefing import word, wordstyles
from briefing.build import build
from look_support import EDITED_TITLE, REPO, SOURCE_URL, WEEK, built, config, pdf_text, project


@pytest.fixture(scope="module")
def doc():
    return Document(str(built().docx))


def _fields(part) -> list[str]:
    return [" ".join((n.text or "").split()) for n in part._element.iter(qn("w:instrText"))]


def test_table_of_contents_links_every_heading(doc):
    entries = [p for p in doc.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    headings = [p for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [e.text.split("\t")[0] for e in entries] == [h.text for h in headings]
    assert all(re.fullmatch(r".+\t\d+", e.text) for e in entries)  # page numbers already shown
    assert len(entries) >= 10
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    anchors = [link.get(qn("w:anchor")) for e in entries for link in e._p.iter(qn("w:hyperlink"))]
    assert len(anchors) == len(entries) and set(anchors) <= bookmarks
    assert all(f.startswith("PAGEREF _Toc") for e in entries for f in _fields(e) if not f.startswith("TOC"))
    assert doc.settings.element.find(qn("w:updateFields")) is None  # a real TOC field: Word asks nothing
    assert any(f.startswith('TOC \\o "1-2"') for f in _fields(doc))


def test_header_and_footer_come_from_the_reference_with_title_and_page_x_of_y(doc):
    section = doc.sections[0]
    assert _fields(section.header) == ["TITLE", "SUBJECT"]
    assert EDITED_TITLE in section.header.paragraphs[0].text and f"week {WEEK}" in section.header.paragraphs[0].text
    footer = section.footer.paragraphs[0]
    assert _fields(section.footer) == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Page ") and " of " in footer.text
    reference = Document(str(REPO / "templates" / word.REFERENCE))
    assert section.header.paragraphs[0].style.name == reference.sections[0].header.paragraphs[0].style.name == "Header"


def test_styles_header_and_footer_follow_an_edited_reference(tmp_path):
    root = project(tmp_path, extra=False)
    reference = Document(str(root / "templates" / word.REFERENCE))
    reference.styles["Heading 1"].font.name = "Courier New"
    reference.sections[0].footer.paragraphs[0].add_run(" · confidential")
    reference.save(str(root / "templates" / word.REFERENCE))
    result = build(config(root), WEEK)
    out = Document(str(result.out_dir / f"briefing-{WEEK}.docx"))
    assert out.styles["Heading 1"].font.name == "Courier New"
    assert out.sections[0].footer.paragraphs[0].text.endswith(" · confidential")


def test_sources_are_hyperlinks(doc):
    rels = {r.rId: r.target_ref for r in doc.part.rels.values() if r.is_external}
    linked = [(link.get(qn("r:id")), "".join(t.text for t in link.iter(qn("w:t"))))
              for link in doc.element.body.iter(qn("w:hyperlink")) if link.get(qn("r:id"))]
    assert linked and all(rels[rid] == SOURCE_URL for rid, _ in linked)
    texts = {text for _, text in linked}
    assert "Solid-State Notes from China" in texts  # the sources list: the title
    cites = texts - {"Solid-State Notes from China"}  # an item's meta line: site and date, never the title again
    assert cites and all(re.search(r"\d{2} [A-Z][a-z]{2} \d{4}$", text) for text in cites), cites


def test_charts_have_alt_text_and_tables_a_word_style(doc):
    shapes = doc.inline_shapes
    assert len(shapes) == 3
    for shape in shapes:
        assert len(shape._inline.docPr.get("descr")) > 40 and shape._inline.docPr.get("title")
    table = doc.tables[-1]  # the key figures; the price table comes first, in the market section
    assert table.style.name == word.TABLE_STYLE
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells] == ["Measure", "Metric", "Period", "Value", "Source"]


def test_the_shipped_reference_is_what_make_reference_docx_writes(tmp_path):
    wordstyles.make_reference(tmp_path / "reference.docx")
    assert (tmp_path / "reference.docx").read_bytes() == (REPO / "templates" / word.REFERENCE).read_bytes(), \
        "templates/reference.docx differs from wordstyles.make_reference(): run 'make reference-docx'"


def test_libreoffice_converts_it_to_pdf():
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run 'make test-system' (scripts/test-system installs it)"
    b = built()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        run = subprocess.run(
            [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(folder), str(b.docx)],
            capture_output=True, text=True, timeout=180)
        assert run.returncode == 0, run.stderr
        pages = pdf_text(folder / f"briefing-{WEEK}.pdf")
    assert len(pages) >= 5
    assert EDITED_TITLE in pages[0] and "Contents" not in pages[0] and "Page" not in pages[0]  # the cover
    assert "Contents" in pages[1] and f"Page 2 of {len(pages)}" in pages[1]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert "Highlights" in pages[1] and "Sources" in pages[1]
    # The contents shows page numbers as stored (the PDF's): "Sources ......... N", N within a page
    # of where LibreOffice lays Sources out.
    sources_page = next(n for n, text in enumerate(pages, 1) if n > 2 and re.search(r"Sources\s*SMM\s*1\.", text))
    shown = re.search(r"Sources(\d+)Datasource", re.sub(r"[.\s]+", "", pages[1]))
    assert shown and abs(int(shown.group(1)) - sources_page) <= 1, (shown, sources_page)


def test_a_table_s_short_columns_never_break_their_cells_under_libreoffice(tmp_path):
    """Units, prices and dates are as wide as their text; products, changes and sources wrap at blanks."""
    from briefing import docxtable

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run 'make test-system' (scripts/test-system installs it)"
    doc = Document(str(REPO / "templates" / "reference.docx"))
    rows = [(f"SMM battery-grade lithium carbonate index, grade {n} spot assessment", "260,000-265,000", "yuan/mt",
             "up 10,000 yuan/mt", "17 Nov", f"Shanghai Metals Market daily report, page {n}")
            for n in range(6)]
    docxtable.data_table(doc, "Prices this week", ("Product", "Price", "Unit", "Change", "Date", "Source"), rows)
    doc.save(str(tmp_path / "table.docx"))
    cells = [p for row in Document(str(tmp_path / "table.docx")).tables[0].rows for c in row.cells for p in c.paragraphs]
    assert {p.style.name for p in cells} == {docxtable.CELL_STYLE}  # the reference's compact cell text, not Normal's
    run = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                          "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "table.docx")],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "table.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert len(re.findall(r"260,000-265,000 +yuan/mt ", text)) == len(rows), text  # price and unit whole, side by side
    assert text.count("17 Nov") == len(rows), text
    assert text.count("assessment") == text.count("Shanghai") == len(rows)  # the long cells all there, wrapped

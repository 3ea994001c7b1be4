"""DOCX output (python-docx). Styles come from ``templates/reference.docx``.

The reference document is an ordinary Word file: an editor restyles the
headings, body, item styles, tables, header and footer in Word and saves it;
every later briefing takes that look. Its body text is dropped, its styles,
page set-up and footer are kept. ``make reference-docx`` writes a fresh one.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from .models import Briefing

REFERENCE = "reference.docx"
TABLE_STYLE = "Light List Accent 1"
ACCENT = (0xB5, 0x47, 0x2B)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _has_field(part, name: str) -> bool:
    return any(name in (node.text or "") for node in part._element.iter() if node.tag.endswith("}instrText"))


def make_reference(path: Path) -> None:
    """Write the shipped reference document: styles, page set-up, footer with page X of Y."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    styles = doc.styles
    styles["Normal"].font.name = "Georgia"
    styles["Normal"].font.size = Pt(10.5)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 24), ("Subtitle", 11), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(*ACCENT) if name != "Subtitle" else RGBColor(0x5B, 0x64, 0x72)
    item = styles.add_style("Item Headline", WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = styles["Normal"]
    item.font.name, item.font.bold, item.font.size = "Arial", True, Pt(10.5)
    item.paragraph_format.keep_with_next = True
    item.paragraph_format.space_before = Pt(9)
    item.paragraph_format.space_after = Pt(3)
    meta = styles.add_style("Item Meta", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = styles["Normal"]
    meta.font.name, meta.font.size = "Arial", Pt(8)
    meta.font.color.rgb = RGBColor(0x5B, 0x64, 0x72)
    category = styles.add_style("Item Category", WD_STYLE_TYPE.CHARACTER)
    category.font.color.rgb = RGBColor(*ACCENT)
    category.font.bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    doc.core_properties.title = "Weekly briefing reference styles"
    _save(doc, path, dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))


def _save(doc, path_or_buffer, when: dt.datetime) -> bytes:
    """Save with fixed zip timestamps so the same input gives the same bytes."""
    props = doc.core_properties
    naive = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = naive
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    data = out.getvalue()
    if isinstance(path_or_buffer, Path):
        path_or_buffer.write_bytes(data)
    return data


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _price_table(doc, briefing: Briefing) -> None:
    """The week's prices: product, price or range, unit, date, source."""
    doc.add_paragraph("Prices this week", style="Caption")
    table = doc.add_table(rows=1, cols=5)
    table.style = doc.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, ("Product", "Price", "Unit", "Date", "Source")):
        cell.text = text
    for p in briefing.prices:
        price = f"{p.low:,.6g}–{p.high:,.6g}" if p.low is not None and p.high is not None else f"{p.value:,.6g}"
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = p.product, price, p.unit
        row[3].text, row[4].text = (f"{p.date:%d %b}" if p.date else ""), p.source


def render_docx(briefing: Briefing, templates: Path) -> bytes:
    from docx import Document
    from docx.shared import Inches

    doc = Document(str(templates / REFERENCE))
    _clear_body(doc)
    props = doc.core_properties
    props.title = briefing.title
    props.author = props.last_modified_by = briefing.author
    props.subject = f"{briefing.subtitle}, week {briefing.week}"
    props.keywords = ", ".join([briefing.topic, f"week {briefing.week}", *(s.title for s in briefing.sections)])
    props.category = "Weekly briefing"
    props.comments = f"Built from {len(briefing.articles)} article(s)"

    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{briefing.title} · Week {briefing.week}"
    if not _has_field(section.footer, "PAGE"):
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")

    doc.add_paragraph(briefing.subtitle, style="Subtitle")
    doc.add_paragraph(briefing.title, style="Title")
    doc.add_paragraph(
        f"Week {briefing.week} · {briefing.start:%d %b %Y} – {briefing.end:%d %b %Y} · "
        f"{len(briefing.items)} items in {len(briefing.sections)} sections"
    )
    charts = {c.key: c for c in briefing.charts}

    def chart(key: str) -> None:
        c = charts.get(key)
        if c is None:
            return
        doc.add_picture(io.BytesIO(c.png), width=Inches(6.3))
        doc_pr = doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", c.alt)
        doc_pr.set("title", c.title)
        doc.add_paragraph(c.title, style="Caption")

    if briefing.highlights:
        doc.add_heading("Highlights", level=1)
        for text in briefing.highlights:
            doc.add_paragraph(text)
    if briefing.overview or briefing.prices:
        doc.add_heading("Market overview", level=1)
        for text in briefing.overview:
            doc.add_paragraph(text)
        if briefing.prices:
            _price_table(doc, briefing)
            chart("prices")
    doc.add_heading(briefing.progress_title, level=1)
    for sec in briefing.sections:
        doc.add_heading(sec.title, level=2)
        for item in sec.items:
            head = doc.add_paragraph(style="Item Headline")
            if item.category:
                head.add_run(f"{item.category}: ", style="Item Category")
            head.add_run(item.headline).bold = True
            doc.add_paragraph(item.body)
            meta = [f"{item.date:%d %b %Y}"] if item.date else []
            meta += [f"{c.name} {c.code}" if c.code else c.name for c in item.companies]
            meta.append(item.article)
            doc.add_paragraph(" · ".join(meta), style="Item Meta")
            if item.sources:
                label = "Sources" if len(item.sources) > 1 else "Source"
                doc.add_paragraph(f"{label}: " + "; ".join(str(s) for s in item.sources), style="Item Meta")
    for key in ("sections", "timeline", "companies"):
        chart(key)
    if briefing.forecasts or briefing.key_figures:
        doc.add_heading("Forecasts and outlook", level=1)
        for text in briefing.forecasts:
            doc.add_paragraph(text)
        if briefing.key_figures:
            doc.add_paragraph("Key figures", style="Caption")
            table = doc.add_table(rows=1, cols=3)
            table.style = doc.styles[TABLE_STYLE]
            for cell, text in zip(table.rows[0].cells, ("Measure", "Figure", "Year")):
                cell.text = text
            for figure in briefing.key_figures:
                row = table.add_row().cells
                row[0].text, row[1].text, row[2].text = figure.label or "—", figure.text, str(figure.year or "")
        chart("forecasts")
    doc.add_heading("Sources", level=1)
    for article in briefing.articles:
        line = f"{article.title}, {article.source}, {article.published:%d %b %Y}"
        if not article.date.explicit:
            line += f" (date inferred: {article.date.how})"
        doc.add_paragraph(line, style="List Number")
    if briefing.statement:
        doc.add_heading("Data source statement", level=1)
        doc.add_paragraph(briefing.statement)
    return _save(doc, io.BytesIO(), briefing.generated)

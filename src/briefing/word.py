"""DOCX output (python-docx). Styles come from ``templates/reference.docx``.

The reference document is an ordinary Word file: an editor restyles the
headings, body, item styles, tables, header and footer in Word and saves it;
every later briefing takes that look. Its body text is dropped, its styles,
page set-up, header and footer are kept; TITLE and SUBJECT fields in them show
the briefing's title and week. ``make reference-docx`` writes a fresh one.

The briefing opens with a table of contents (entries in styles TOC 1 and
TOC 2 linking to the headings, page numbers as PAGEREF fields); sources are
hyperlinks, charts carry their alt text, the key figures use a table style.
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


def _run(*pieces: tuple[str, str]):
    """A ``w:r`` element holding field marks, instructions, text or tabs: ("begin", ""), ("instr", "PAGE"), ("text", "1"), ("tab", "")."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    for kind, value in pieces:
        if kind in ("begin", "separate", "end"):
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif kind == "tab":
            element = OxmlElement("w:tab")
        else:
            element = OxmlElement("w:instrText" if kind == "instr" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {value} " if kind == "instr" else value
        run.append(element)
    return run


def _field_runs(instruction: str, shown: str) -> list:
    return [_run(("begin", "")), _run(("instr", instruction)), _run(("separate", "")),
            _run(("text", shown)), _run(("end", ""))]


def _field(paragraph, instruction: str, shown: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES, TITLE) to a paragraph, showing ``shown`` until updated."""
    for run in _field_runs(instruction, shown):
        paragraph._p.append(run)


def _has_field(part, name: str) -> bool:
    return any(name in (node.text or "") for node in part._element.iter() if node.tag.endswith("}instrText"))


def _fill_fields(part, values: dict[str, str]) -> None:
    """Set the text a field shows before Word updates it (``TITLE`` -> the briefing's title).

    Fields in the reference document's header and footer keep their place and
    look; only their cached result changes, so every viewer shows the right text.
    """
    from docx.oxml.ns import qn

    instruction = None
    after_separate = False
    for node in part._element.iter():
        if node.tag == qn("w:instrText"):
            instruction = (node.text or "").strip().split(" ")[0].upper()
        elif node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            after_separate = kind == "separate"
            if kind == "end":
                instruction = None
        elif node.tag == qn("w:t") and after_separate and instruction in values:
            node.text = values[instruction]
            after_separate = False  # one text node carries the result


def _hyperlink(paragraph, text: str, url: str) -> None:
    """Append a clickable link to ``url`` (character style Hyperlink from the reference document)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    run.style = _style_or_none(paragraph.part.document, "Hyperlink")
    link.append(run._r)
    paragraph._p.append(link)


def _bookmark(paragraph, name: str, number: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _toc(doc, placeholder, headings: list[tuple[int, str, str]]) -> None:
    """The table of contents in place of ``placeholder``: one entry per heading, in styles TOC 1 and TOC 2.

    Each entry links to its heading's bookmark and ends in a PAGEREF field,
    which LibreOffice fills with the page number as it lays the document out
    and Word fills when it updates fields (``updateFields`` asks it to on opening).
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for level, text, anchor in headings:
        p = placeholder.insert_paragraph_before(style=_style_or_none(doc, f"TOC {level}"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        for run in (_run(("text", text)), _run(("tab", "")), *_field_runs(f"PAGEREF {anchor} \\h", "")):
            link.append(run)
        p._p.append(link)
    placeholder._p.getparent().remove(placeholder._p)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def make_reference(path: Path) -> None:
    """Write the shipped reference document: styles (with TOC and Hyperlink), page set-up,
    header with the title and subject fields, footer with page X of Y."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
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
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(*ACCENT)
    link.font.underline = True
    note = styles.add_style("Editor Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.italic = True
    note.paragraph_format.left_indent = Mm(6)
    for level, indent in ((1, 0), (2, 6)):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.font.name = "Arial"
        toc.font.size = Pt(10 if level == 1 else 9.5)
        toc.paragraph_format.left_indent = Mm(indent)
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    styles["Header"].font.name = styles["Footer"].font.name = "Arial"
    styles["Header"].font.size = styles["Footer"].font.size = Pt(8)
    styles["Header"].font.color.rgb = styles["Footer"].font.color.rgb = RGBColor(0x5B, 0x64, 0x72)
    section.different_first_page_header_footer = False
    header = section.header.paragraphs[0]
    header.style = styles["Header"]
    _field(header, "TITLE", "Title of the briefing")
    header.add_run(" · ")
    _field(header, "SUBJECT", "week")
    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
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


def _style_names(doc) -> set[str]:
    return {style.name for style in doc.styles}


def _style_or_none(doc, name: str) -> str | None:
    """``name`` when the reference document defines it (an edited one may not), else the default style."""
    return name if name in _style_names(doc) else None


def _repeat_header(row) -> None:
    """Mark a table row as the header row (repeated on each page, read as headers by screen readers)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _data_table(doc, caption: str, header: tuple[str, ...], rows) -> None:
    """A captioned table in the table style, its header row repeated on every page."""
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    _repeat_header(table.rows[0])
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text


def _price_table(doc, briefing: Briefing) -> None:
    """The week's prices: product, price or range, unit, date, source."""
    _data_table(doc, "Prices this week", ("Product", "Price", "Unit", "Date", "Source"), (
        (p.product,
         f"{p.low:,.6g}–{p.high:,.6g}" if p.low is not None and p.high is not None else f"{p.value:,.6g}",
         p.unit, f"{p.date:%d %b}" if p.date else "", p.source)
        for p in briefing.prices))


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
    if _has_field(section.header, "TITLE"):  # the reference's header: fields showing title and subject
        _fill_fields(section.header, {"TITLE": props.title, "SUBJECT": props.subject})
    else:
        section.header.paragraphs[0].text = f"{briefing.title} · Week {briefing.week}"
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
    if briefing.editor_note:
        for text in briefing.editor_note.split("\n\n"):
            doc.add_paragraph(text, style=_style_or_none(doc, "Editor Note"))
    doc.add_paragraph("Contents", style=_style_or_none(doc, "TOC Heading"))
    toc_at = doc.add_paragraph()
    doc.add_page_break()
    headings: list[tuple[int, str, str]] = []

    def heading(text: str, level: int) -> None:
        paragraph = doc.add_heading(text, level=level)
        anchor = f"_Toc{len(headings) + 1:04d}"
        _bookmark(paragraph, anchor, len(headings) + 1)
        headings.append((level, text, anchor))

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
        heading("Highlights", 1)
        for text in briefing.highlights:
            doc.add_paragraph(text)
    if briefing.overview or briefing.prices:
        heading("Market overview", 1)
        for text in briefing.overview:
            doc.add_paragraph(text)
        if briefing.prices:
            _price_table(doc, briefing)
            chart("prices")
    heading(briefing.progress_title, 1)
    for sec in briefing.sections:
        heading(sec.title, 2)
        for item in sec.items:
            head = doc.add_paragraph(style="Item Headline")
            if item.id in briefing.pinned:
                head.add_run("Pinned · ", style="Item Category")
            if item.category:
                head.add_run(f"{item.category}: ", style="Item Category")
            head.add_run(item.headline).bold = True
            doc.add_paragraph(item.body)
            meta = [f"{item.date:%d %b %Y}"] if item.date else []
            meta += [f"{c.name} {c.code}" if c.code else c.name for c in item.companies]
            line = doc.add_paragraph(" · ".join([*meta, ""]), style="Item Meta")
            source = briefing.article_of(item)
            if source is not None and source.url:
                _hyperlink(line, item.article, source.url)
            else:
                line.add_run(item.article)
            if item.sources:
                label = "Sources" if len(item.sources) > 1 else "Source"
                doc.add_paragraph(f"{label}: " + "; ".join(str(s) for s in item.sources), style="Item Meta")
    for key in ("sections", "timeline", "companies"):
        chart(key)
    if briefing.forecasts or briefing.key_figures:
        heading("Forecasts and outlook", 1)
        for text in briefing.forecasts:
            doc.add_paragraph(text)
        if briefing.key_figures:
            _data_table(doc, "Key figures", ("Measure", "Figure", "Year"), (
                (figure.label or "—", figure.text, str(figure.year or "")) for figure in briefing.key_figures))
        chart("forecasts")
    heading("Sources", 1)
    for article in briefing.articles:
        line = f", {article.source}, {article.published:%d %b %Y}"
        if not article.date.explicit:
            line += f" (date inferred: {article.date.how})"
        entry = doc.add_paragraph(style="List Number")
        if article.url:
            _hyperlink(entry, article.title, article.url)
        else:
            entry.add_run(article.title)
        entry.add_run(line)
    if briefing.statement:
        heading("Data source statement", 1)
        doc.add_paragraph(briefing.statement)
    _toc(doc, toc_at, headings)
    return _save(doc, io.BytesIO(), briefing.generated)

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
from pathlib import Path

from . import docxml
from .docxml import TABLE_STYLE
from .models import Briefing

REFERENCE = "reference.docx"
ACCENT = (0xB5, 0x47, 0x2B)


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
    docxml.field(header, "TITLE", "Title of the briefing")
    header.add_run(" · ")
    docxml.field(header, "SUBJECT", "week")
    footer = section.footer.paragraphs[0]
    footer.style = styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    docxml.field(footer, "PAGE")
    footer.add_run(" of ")
    docxml.field(footer, "NUMPAGES")
    doc.core_properties.title = "Weekly briefing reference styles"
    docxml.save(doc, path, dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))


def _price_table(doc, briefing: Briefing) -> None:
    """The week's prices: product, price or range, unit, the change stated, date, source."""
    docxml.data_table(doc, "Prices this week", ("Product", "Price", "Unit", "Change", "Date", "Source"), (
        (p.product, p.shown, p.unit, p.change, f"{p.date:%d %b}" if p.date else "",
         p.source.short if p.source else "")
        for p in briefing.prices))


def _company(company) -> str:
    codes = company.codes or ((company.code,) if company.code else ())
    return " ".join((company.short, *codes))


def _cite(paragraph, source) -> None:
    """A source as a reader cites it (site and date), linked when it has a web address."""
    if source.url:
        docxml.hyperlink(paragraph, source.short, source.url)
    else:
        paragraph.add_run(source.short)


class _Writer:
    """Writes the briefing's parts into the document, in page order, noting the headings for the contents."""

    def __init__(self, doc, briefing: Briefing) -> None:
        self.doc, self.briefing = doc, briefing
        self.headings: list[tuple[int, str, str]] = []
        self.charts = {c.key: c for c in briefing.charts}

    def heading(self, text: str, level: int, listed: bool = True) -> None:
        """A heading, with an entry in the contents unless ``listed`` is False."""
        paragraph = self.doc.add_heading(text, level=level)
        if not listed:
            return
        anchor = f"_Toc{len(self.headings) + 1:04d}"
        docxml.bookmark(paragraph, anchor, len(self.headings) + 1)
        self.headings.append((level, text, anchor))

    def chart(self, key: str) -> None:
        from docx.shared import Inches

        c = self.charts.get(key)
        if c is None:
            return
        self.doc.add_picture(io.BytesIO(c.png), width=Inches(6.3))
        doc_pr = self.doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", c.alt)
        doc_pr.set("title", c.title)
        self.doc.add_paragraph(c.title, style="Caption")

    def highlights(self) -> None:
        b = self.briefing
        if not (b.highlights or b.bullets):
            return
        self.heading("Highlights", 1)
        for text in b.highlights:
            self.doc.add_paragraph(text)
        for point in b.bullets:
            self.doc.add_paragraph(point.text, style=docxml.style_or_none(self.doc, "List Bullet"))

    def overview(self) -> None:
        b = self.briefing
        if not (b.markets or b.prices):
            return
        self.heading("Market overview", 1)
        for market in b.markets:
            paragraph = self.doc.add_paragraph()
            if market.product:
                paragraph.add_run(f"{market.product}. ").bold = True
            paragraph.add_run(market.text + (" (" if market.sources else ""))
            for n, source in enumerate(market.sources):
                _cite(paragraph, source)
                paragraph.add_run("; " if n < len(market.sources) - 1 else ")")
        if b.prices:
            _price_table(self.doc, b)
            self.chart("prices")

    def item(self, item) -> None:
        doc = self.doc
        head = doc.add_paragraph(style="Item Headline")
        if item.id in self.briefing.pinned:
            head.add_run("Pinned · ", style="Item Category")
        if item.category:
            head.add_run(f"{item.category}: ", style="Item Category")
        head.add_run(item.headline).bold = True
        doc.add_paragraph(item.body)
        meta = [f"{item.date:%d %b %Y}"] if item.date else []
        meta += [_company(item.lead)] if item.lead else []
        line = doc.add_paragraph(" · ".join(meta), style="Item Meta")
        if item.sources:
            line.add_run((" · " if meta else "") + ("Sources: " if len(item.sources) > 1 else "Source: "))
            for n, source in enumerate(item.sources[:3]):
                _cite(line, source)
                if n < min(len(item.sources), 3) - 1:
                    line.add_run("; ")
            if len(item.sources) > 3:
                line.add_run(f" and {len(item.sources) - 3} more")

    def progress(self) -> None:
        self.heading(self.briefing.progress_title, 1)
        for sec in self.briefing.sections:
            self.heading(sec.title, 2)
            for item in sec.full:
                self.item(item)
        for key in ("sections", "timeline", "companies"):
            self.chart(key)

    def outlook(self) -> None:
        b = self.briefing
        if not (b.forecasts or b.key_figures):
            return
        self.heading("Forecasts and outlook", 1)
        for text in b.forecasts:
            self.doc.add_paragraph(text)
        if b.key_figures:
            docxml.data_table(self.doc, "Key figures", ("Measure", "Figure", "Year"), (
                (figure.label or "—", figure.text, str(figure.year or "")) for figure in b.key_figures))
        self.chart("forecasts")

    def appendix(self) -> None:
        if not self.briefing.appendix:
            return
        self.heading("More items this week", 1)
        for sec in self.briefing.appendix:
            self.heading(sec.title, 2)
            for item in sec.items:
                named = item.lead is not None and item.lead.short in item.headline
                line = [f"{item.date:%d %b}"] if item.date else []
                line += [_company(item.lead)] if item.lead and not named else []
                text = " · ".join([*line, item.headline])
                text += f" {' '.join(item.lead.codes)}" if named and item.lead.codes else ""
                entry = self.doc.add_paragraph(text, style=docxml.style_or_none(self.doc, "List Bullet"))
                if item.sources:
                    entry.add_run(" (")
                    _cite(entry, item.sources[0])
                    entry.add_run(f" and {len(item.sources) - 1} more)" if len(item.sources) > 1 else ")")

    def sources(self) -> None:
        self.heading("Sources", 1)
        for site, articles in self.briefing.sites:
            self.heading(site, 3, listed=False)
            for article in articles:
                entry = self.doc.add_paragraph(style="List Number")
                if article.url:
                    docxml.hyperlink(entry, article.title, article.url)
                else:
                    entry.add_run(article.title)
                when = f"{article.published:%d %b %Y}" if article.date.known else "undated"
                if article.date.known and not article.date.explicit:
                    when += f" (date inferred: {article.date.how})"
                entry.add_run(f", {when}")


def _front(doc, briefing: Briefing) -> None:
    """Document properties, running header and footer, the title block and the editor's note."""
    props = doc.core_properties
    props.title = briefing.title
    props.author = props.last_modified_by = briefing.author
    props.subject = f"{briefing.subtitle}, week {briefing.week}"
    props.keywords = ", ".join([briefing.topic, f"week {briefing.week}", *(s.title for s in briefing.sections)])
    props.category = "Weekly briefing"
    props.comments = f"Built from {len(briefing.articles)} article(s)"
    section = doc.sections[0]
    if docxml.has_field(section.header, "TITLE"):  # the reference's header: fields showing title and subject
        docxml.fill_fields(section.header, {"TITLE": props.title, "SUBJECT": props.subject})
    else:
        section.header.paragraphs[0].text = f"{briefing.title} · Week {briefing.week}"
    if not docxml.has_field(section.footer, "PAGE"):
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        docxml.field(footer, "PAGE")
        footer.add_run(" of ")
        docxml.field(footer, "NUMPAGES")
    doc.add_paragraph(briefing.subtitle, style="Subtitle")
    doc.add_paragraph(briefing.title, style="Title")
    doc.add_paragraph(
        f"Week {briefing.week} · {briefing.start:%d %b %Y} – {briefing.end:%d %b %Y} · "
        f"{len(briefing.items)} items in {len(briefing.sections)} sections"
    )
    if briefing.editor_note:
        for text in briefing.editor_note.split("\n\n"):
            doc.add_paragraph(text, style=docxml.style_or_none(doc, "Editor Note"))


def render_docx(briefing: Briefing, templates: Path, language: str = "en", pages: dict[str, int] | None = None) -> bytes:
    from docx import Document

    doc = Document(str(templates / REFERENCE))
    docxml.clear_body(doc)
    _front(doc, briefing)
    doc.add_paragraph("Contents", style=docxml.style_or_none(doc, "TOC Heading"))
    toc_at = doc.add_paragraph()
    doc.add_page_break()
    writer = _Writer(doc, briefing)
    for part in (writer.highlights, writer.overview, writer.progress, writer.outlook, writer.appendix,
                 writer.sources):
        part()
    if briefing.statement:
        writer.heading("Data source statement", 1)
        doc.add_paragraph(briefing.statement)
    docxml.toc(doc, toc_at, writer.headings)
    return docxml.save(doc, io.BytesIO(), briefing.generated)

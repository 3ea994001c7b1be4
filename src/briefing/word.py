"""DOCX output (python-docx). Styles come from ``templates/reference.docx``.

The reference document is an ordinary Word file: an editor restyles the
headings, body, item styles, tables, header and footer in Word and saves it;
every later briefing takes that look. Its body text is dropped, its styles,
page set-up, header and footer are kept; TITLE and SUBJECT fields in them show
the briefing's title and week. ``make reference-docx`` writes a fresh one.

The briefing opens with a cover page (no running header or footer), then a
table of contents and a list of figures that are real Word TOC fields: their
cached entries (styles TOC 1 and TOC 2, Table of Figures) link to the headings
and captions and already show page numbers (the PDF's), so Word's "Update
Table" works and nothing asks to update fields on opening. Item headlines are
at outline level 3 (the navigation pane lists them); the document language is
set; sources are hyperlinks, charts carry their alt text and a numbered
caption, tables use the briefing's own table style with numbers right-aligned.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import docxml, docxtable, render
from .docxtable import TABLE_STYLE
from .models import Briefing

from .wordstyles import REFERENCE


def _price_table(doc, briefing: Briefing) -> None:
    """The week's prices: product, price or range, unit, the change stated, date, source."""
    docxtable.data_table(doc, "Prices this week", ("Product", "Price", "Unit", "Change", "Date", "Source"), (
        (p.product, p.shown, p.unit, p.change, f"{p.date:%d %b}" if p.date else "",
         p.source.short if p.source else "")
        for p in briefing.prices))


def _company(company) -> str:
    """A company as the meta line names it: "GAC Aian (part of GAC Group)", "EVE Energy 300014.SZ"."""
    return " ".join((company.short, *company.listed)) + (f" (part of {company.part_of})" if company.part_of else "")


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
        self.headings: list[docxml.Entry] = []
        self.figures: list[docxml.Entry] = []
        self.charts = {c.key: c for c in briefing.charts}
        self.numbers = {c.key: n for n, c in enumerate(render.figure_list(briefing), 1)}

    def _anchor(self) -> str:
        return f"_Toc{len(self.headings) + len(self.figures) + 1:04d}"

    def heading(self, text: str, level: int, listed: bool = True, target: str = "") -> None:
        """A heading, with an entry in the contents unless ``listed`` is False; ``target`` is the id
        of the same heading in the HTML, whose page in the PDF the entry shows until Word updates it."""
        paragraph = self.doc.add_heading(text, level=level)
        if not listed:
            return
        anchor = self._anchor()
        docxml.bookmark(paragraph, anchor, len(self.headings) + len(self.figures) + 1)
        self.headings.append(docxml.Entry(level, text, anchor, target))

    def chart(self, key: str) -> None:
        from docx.shared import Mm

        c = self.charts.get(key)
        if c is None:
            return
        shape = self.doc.add_picture(io.BytesIO(c.png), width=Mm(160))
        if shape.height > Mm(225):  # a tall chart is made to fit one page, as in the PDF
            shape.width, shape.height = int(shape.width * Mm(225) / shape.height), Mm(225)
        picture = self.doc.paragraphs[-1]
        picture.paragraph_format.keep_with_next = True  # the caption stays with its chart
        doc_pr = self.doc.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", c.alt)
        doc_pr.set("title", c.title)
        number = self.numbers[key]
        caption = self.doc.add_paragraph(style="Caption")
        caption.add_run("Figure ")
        docxml.field(caption, "SEQ Figure \\* ARABIC", str(number))
        caption.add_run(f". {c.title}")
        if c.source:
            caption.add_run(f". {c.source}")
        anchor = self._anchor()
        docxml.bookmark(caption, anchor, len(self.headings) + len(self.figures) + 1)
        self.figures.append(docxml.Entry(0, f"Figure {number}. {c.title}", anchor, f"chart-{key}"))

    def highlights(self) -> None:
        b = self.briefing
        if not (b.highlights or b.bullets):
            return
        self.heading("Highlights", 1, target="highlights")
        for text in b.highlights:
            self.doc.add_paragraph(text)
        for point in b.bullets:
            self.doc.add_paragraph(point.text, style=docxml.style_or_none(self.doc, "List Bullet"))

    def changes(self) -> None:
        ch = self.briefing.changes
        if not (ch and ch.any):
            return
        self.heading(f"What changed since {ch.compared_with}", 1)
        bullet = docxml.style_or_none(self.doc, "List Bullet")
        parts = (("Prices", [f"{m.product} {m.now} {m.unit}: {m.shown}" for m in ch.prices]),
                 ("Forecasts revised", [f"{r.measure}{f', {r.year}' if r.year else ''}: {r.text}, was {r.previous} "
                                        f"in {r.week}" for r in ch.revised]),
                 ("Stories that continue", [f"{f.told} (after “{f.headline}”, {f.week})"
                                            for f in ch.followups if not f.repeat]),
                 ("Repeats left out", [f"{f.told} (told in {f.week})" for f in ch.followups if f.repeat]))
        for title, lines in parts:
            if lines:
                self.doc.add_heading(title, level=3)
                for line in lines:
                    self.doc.add_paragraph(line, style=bullet)
            if title == "Forecasts revised" and ch.new_companies:
                self.doc.add_heading("New this week", level=3)
                self.doc.add_paragraph(", ".join(ch.new_companies))
        if ch.activity:
            docxtable.data_table(self.doc, "Companies most named, last four weeks",
                              ("Company", "Items, 4 weeks", "This week"),
                              ((a.company, str(a.recent), str(a.this_week)) for a in ch.activity))
        self.chart("trends")

    def overview(self) -> None:
        b = self.briefing
        if not (b.markets or b.prices):
            return
        self.heading("Market overview", 1, target="overview")
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
        meta += ["Also: " + ", ".join(_company(c) for c in item.mentioned)] if item.mentioned else []
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
        self.heading(self.briefing.progress_title, 1, target="progress")
        for sec in self.briefing.sections:
            self.heading(sec.title, 2, target=f"section-{sec.key}")
            for item in sec.full:
                self.item(item)
        for key in ("sections", "timeline", "companies"):
            self.chart(key)

    def outlook(self) -> None:
        b = self.briefing
        if not (b.forecasts or b.key_figures):
            return
        self.heading("Forecasts and outlook", 1, target="outlook")
        for text in b.forecasts:
            self.doc.add_paragraph(text)
        if b.key_figures:
            docxtable.data_table(self.doc, "Key figures", ("Measure", "Metric", "Period", "Value", "Source"), (
                (k.measure, k.metric, k.period, k.value, k.cited) for k in b.key_figures))
        self.chart("forecasts")

    def appendix(self) -> None:
        if not self.briefing.appendix:
            return
        self.heading("More items this week", 1, target="appendix")
        for sec in self.briefing.appendix:
            self.heading(sec.title, 2, target=f"appendix-{sec.key}")
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
        self.heading("Sources", 1, target="sources")
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


def _front(doc, briefing: Briefing, language: str) -> None:
    """Document properties, running header and footer (not on the cover), and the cover: series,
    title, week, the issue's date, author, counts and the editor's note, alone on the first page."""
    props = doc.core_properties
    props.title = briefing.title
    props.author = props.last_modified_by = briefing.author
    props.subject = f"{briefing.subtitle}, week {briefing.week}"
    props.keywords = ", ".join([briefing.topic, f"week {briefing.week}", *(s.title for s in briefing.sections)])
    props.category = "Weekly briefing"
    props.comments = f"Built from {len(briefing.articles)} article(s)"
    props.language = language
    docxml.set_language(doc, language)
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
    if not section.different_first_page_header_footer:  # an edited reference: the cover still has none
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
    from docx.shared import Pt

    doc.add_paragraph(briefing.subtitle, style="Subtitle").paragraph_format.space_before = Pt(190)
    doc.add_paragraph(briefing.title, style="Title")
    doc.add_paragraph(f"Week {briefing.week} · {briefing.start:%d %b %Y} – {briefing.end:%d %b %Y}")
    doc.add_paragraph(f"Issue of {briefing.issued:%d %B %Y}")
    doc.add_paragraph(briefing.author)
    doc.add_paragraph(f"{len(briefing.items)} items in {len(briefing.sections)} sections from "
                      f"{len(briefing.articles)} article{'s' if len(briefing.articles) != 1 else ''}")
    if briefing.editor_note:
        doc.add_paragraph("Editor’s note", style=docxml.style_or_none(doc, "TOC Heading"))
        for text in briefing.editor_note.split("\n\n"):
            doc.add_paragraph(text, style=docxml.style_or_none(doc, "Editor Note"))


@dataclass
class Composed:
    """A DOCX written but for its contents, which wait for the PDF's page numbers."""

    doc: Any
    writer: _Writer
    toc_at: Any
    figures: tuple[Any, Any]  # the list of figures' title and placeholder
    when: dt.datetime


def compose_docx(briefing: Briefing, templates: Path, language: str = "en") -> Composed:
    """Every part of the DOCX but its contents (``finish_docx``), written while the PDF is laid out."""
    from docx import Document

    doc = Document(str(templates / REFERENCE))
    docxml.clear_body(doc)
    docxml.remember_styles(doc)
    _front(doc, briefing, language)
    contents = doc.add_paragraph("Contents", style=docxml.style_or_none(doc, "TOC Heading"))
    contents.paragraph_format.page_break_before = True
    toc_at = doc.add_paragraph()
    figures_title = doc.add_paragraph("Figures", style=docxml.style_or_none(doc, "TOC Heading"))
    figures_at = doc.add_paragraph()
    writer = _Writer(doc, briefing)
    for part in (writer.highlights, writer.changes, writer.overview, writer.progress, writer.outlook, writer.appendix,
                 writer.sources):
        part()
    if briefing.statement:
        writer.heading("Data source statement", 1, target="statement")
        doc.add_paragraph(briefing.statement)
    doc.add_paragraph(f"Built {briefing.generated:%d %b %Y %H:%M UTC} by {briefing.author} from "
                      f"{len(briefing.articles)} article{'s' if len(briefing.articles) != 1 else ''}.",
                      style=docxml.style_or_none(doc, "Colophon"))
    return Composed(doc, writer, toc_at, (figures_title, figures_at), briefing.generated)


def finish_docx(composed: Composed, pages: dict[str, int] | None = None) -> bytes:
    """The DOCX's bytes, its contents showing ``pages`` (the PDF's page of each HTML id) as cached
    page numbers."""
    doc, writer, pages = composed.doc, composed.writer, pages or {}
    docxml.toc(doc, composed.toc_at, writer.headings, 'TOC \\o "1-2" \\h \\z \\u', pages)
    if writer.figures:
        docxml.toc(doc, composed.figures[1], writer.figures, 'TOC \\h \\z \\c "Figure"', pages,
                   style="Table of Figures")
    else:
        for placeholder in composed.figures:
            placeholder._p.getparent().remove(placeholder._p)
    return docxml.save(doc, io.BytesIO(), composed.when)


def render_docx(briefing: Briefing, templates: Path, language: str = "en",
                pages: dict[str, int] | None = None) -> bytes:
    """The DOCX; ``pages`` (the PDF's page of each HTML id) gives the contents' cached page numbers."""
    return finish_docx(compose_docx(briefing, templates, language), pages)

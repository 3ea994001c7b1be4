"""The shipped ``templates/reference.docx``: the styles, page set-up, header and footer every
DOCX briefing takes (``make reference-docx`` writes it; an editor may restyle it in Word)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import docxml, docxtable

REFERENCE = "reference.docx"
ACCENT = (0xB5, 0x47, 0x2B)
GREY = (0x5B, 0x64, 0x72)


def make_reference(path: Path) -> None:
    """Write the shipped reference document: styles (with TOC, Table of Figures, Hyperlink and the
    briefing's table style), page set-up as the PDF's, header with the title and subject fields,
    footer with page X of Y, and a first page (the cover) without either."""
    from docx import Document

    doc = Document()
    _page(doc.sections[0])
    _text_styles(doc.styles)
    _item_styles(doc.styles)
    _contents_styles(doc.styles)
    docxtable.add_table_style(doc, docxtable.TABLE_STYLE, ink="1F2A37", rule="D9DDE3", tint="F6F4F1")
    _cell_style(doc.styles)
    docxml.set_language(doc, "en")
    _header_footer(doc.sections[0], doc.styles)
    doc.core_properties.title = "Weekly briefing reference styles"
    docxml.save(doc, path, dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))


def _page(section) -> None:
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _text_styles(styles) -> None:
    """Body, title, headings and caption."""
    from docx.shared import Pt, RGBColor

    styles["Normal"].font.name = "Georgia"
    styles["Normal"].font.size = Pt(10)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 24), ("Subtitle", 11), ("Heading 1", 14), ("Heading 2", 11.5), ("Heading 3", 10.5)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(*ACCENT) if name != "Subtitle" else RGBColor(*GREY)
        if name.startswith("Heading"):
            style.paragraph_format.space_before = Pt({1: 16, 2: 12, 3: 8}[int(name[-1])])
            style.paragraph_format.space_after = Pt(4)
            style.paragraph_format.keep_with_next = True
    styles["Caption"].font.name = "Arial"
    styles["Caption"].font.size = Pt(8.5)
    styles["Caption"].font.italic = False
    styles["Caption"].font.color.rgb = RGBColor(*GREY)


def _item_styles(styles) -> None:
    """An item's headline, its meta line and category, links, the editor's note, the colophon."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt, RGBColor

    item = styles.add_style("Item Headline", WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = styles["Normal"]
    item.font.name, item.font.bold, item.font.size = "Arial", True, Pt(10)
    item.paragraph_format.keep_with_next = True
    item.paragraph_format.space_before = Pt(8)
    item.paragraph_format.space_after = Pt(2)
    docxml.outline_level(item, 3)  # the navigation pane lists items under their section
    meta = styles.add_style("Item Meta", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = styles["Normal"]
    meta.font.name, meta.font.size = "Arial", Pt(8)
    meta.font.color.rgb = RGBColor(*GREY)
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
    colophon = styles.add_style("Colophon", WD_STYLE_TYPE.PARAGRAPH)
    colophon.base_style = styles["Normal"]
    colophon.font.name, colophon.font.size = "Arial", Pt(8)
    colophon.font.color.rgb = RGBColor(*GREY)


def _contents_styles(styles) -> None:
    """The contents and list of figures (TOC 1, TOC 2, Table of Figures) and their heading."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm, Pt, RGBColor

    for level, indent in ((1, 0), (2, 6), (0, 0)):  # level 0: the list of figures
        toc = styles.add_style(f"TOC {level}" if level else "Table of Figures", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.font.name = "Arial"
        toc.font.size = Pt(10 if level == 1 else 9.5)
        toc.paragraph_format.left_indent = Mm(indent)
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(Mm(174), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    heading = styles["TOC Heading"]
    heading.font.name, heading.font.bold, heading.font.size = "Arial", True, Pt(12)
    heading.font.color.rgb = RGBColor(0x1F, 0x2A, 0x37)
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True


def _cell_style(styles) -> None:
    """The text of table cells."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    cell = styles.add_style(docxtable.CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Normal"]
    cell.font.name, cell.font.size = "Arial", Pt(8.5)
    cell.paragraph_format.space_before = cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0


def _header_footer(section, styles) -> None:
    """The running header (title and week fields), the footer (page X of Y), none on the cover."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    styles["Header"].font.name = styles["Footer"].font.name = "Arial"
    styles["Header"].font.size = styles["Footer"].font.size = Pt(8)
    styles["Header"].font.color.rgb = styles["Footer"].font.color.rgb = RGBColor(*GREY)
    section.different_first_page_header_footer = True  # the cover: no running header or footer
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
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

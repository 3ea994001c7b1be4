"""The DOCX's tables: the briefing's table style, and a captioned data table in it.

The style (written into ``reference.docx``) draws hairline rules between rows
and a tinted header row repeated on every page. A data table is as wide as
the text: its columns of short cells that must not break (units, prices,
dates) as wide as their text, the others sharing the rest; numbers
right-aligned; rows never split over a page end; a table of up to 12 rows kept
on one page, as the PDF keeps it, and a longer one running on from where it
starts.
"""

from __future__ import annotations

import re

from .docxml import style_names

TABLE_STYLE = "Briefing Table"  # defined in reference.docx by add_table_style
_FALLBACK_TABLE_STYLE = "Table Grid"  # an edited reference without it
CELL_STYLE = "Table Text"  # the paragraph style of cell text (a table style's font yields to Normal's)
def add_table_style(doc, name: str, ink: str, rule: str, tint: str) -> None:
    """A table style in the briefing's palette: hairline rules between rows, a tinted header row in
    bold ink over a heavier rule and repeated on every page, Arial 8.5 pt, compact cells."""
    from docx.oxml import parse_xml

    style_id = name.replace(" ", "")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc.styles.element.append(parse_xml(f"""
<w:style {w} w:type="table" w:customStyle="1" w:styleId="{style_id}">
  <w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:color w:val="{ink}"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>
    </w:tblBorders>
    <w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="{ink}"/></w:rPr>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr>
      <w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="{ink}"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="{tint}"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>"""))


def repeat_header(row) -> None:
    """Mark a table row as the header row (repeated on each page, read as headers by screen readers)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


_NUMBER = re.compile(r"[+\-−±~≈<>]?\s*[$¥€£]?\d")
_DAY = re.compile(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?")


def _numeric(text: str) -> bool:
    """A number (with its unit, sign or range) rather than words or a date."""
    return bool(_NUMBER.match(text)) and not _DAY.fullmatch(text)


KEEP_WHOLE_ROWS = 13  # a table of at most this many rows (12 and its header) is kept on one page, as in the PDF;
# a longer one runs on from where it starts


SHORT_CELL = 18  # characters: a column of cells no longer than this that must not break is never wrapped
CHAR_WIDTH = 68_400  # EMU: a character of the table text (1.9 mm: a digit of Arial 8.5 pt, with room)


def _whole(text: str) -> bool:
    """A cell that must not break: one word ("yuan/mt", "260,000-265,000") or a few characters ("17 Nov")."""
    return len(text) <= 10 or " " not in text


def column_widths(text_width: int, rows: list[tuple[str, ...]]) -> list[int]:
    """The width (EMU) of each column: a column of short cells that must not break (units, prices,
    dates) as wide as its longest cell; the other columns share what is left in proportion to their
    longest cell (up to 40 characters: longer text wraps anyway)."""
    columns = max(len(r) for r in rows)
    cells = [[r[n] for r in rows if n < len(r) and r[n]] for n in range(columns)]
    longest = [max(map(len, column), default=0) for column in cells]
    fixed = [int((n + 2.5) * CHAR_WIDTH) if column and n <= SHORT_CELL and all(map(_whole, column[1:])) else 0
             for n, column in zip(longest, cells)]  # column[0] is the header, which may wrap at a blank
    if all(fixed) or sum(fixed) > text_width * 0.6:  # no room to spare: all in proportion
        fixed = [0] * columns
    needs = [0 if f else min(40, n) + 3 for f, n in zip(fixed, longest)]
    left = text_width - sum(fixed)
    return [f or int(left * need / sum(needs)) for f, need in zip(fixed, needs)]


def data_table(doc, caption: str, header: tuple[str, ...], rows) -> None:
    """A captioned table in the table style, as wide as the text, its columns as wide as their
    text needs; its header row repeated on every page, the columns whose cells are all numbers
    right-aligned (header included); kept on one page when it is short enough."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Emu

    doc.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
    rows = [tuple(values) for values in rows]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles[TABLE_STYLE if TABLE_STYLE in style_names(doc) else _FALLBACK_TABLE_STYLE]
    numeric = [bool(rows) and all(_numeric(r[n]) for r in rows if n < len(r) and r[n]) and
               any(n < len(r) and r[n] for r in rows) for n in range(len(header))]
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    repeat_header(table.rows[0])
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    section = doc.sections[-1]
    widths = [Emu(w) for w in column_widths(section.page_width - section.left_margin - section.right_margin,
                                            [header, *rows])]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    keep_whole = len(table.rows) <= KEEP_WHOLE_ROWS
    cell_style = doc.styles[CELL_STYLE] if CELL_STYLE in style_names(doc) else None
    for r, row in enumerate(table.rows):
        _cant_split(row)  # rows are kept whole across a page end
        for n, cell in enumerate(row.cells):
            cell.width = widths[n]
            for paragraph in cell.paragraphs:
                if cell_style is not None:
                    paragraph.style = cell_style
                if n < len(numeric) and numeric[n]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if keep_whole and r < len(table.rows) - 1:
                    paragraph.paragraph_format.keep_with_next = True


def _cant_split(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.insert(0, OxmlElement("w:cantSplit"))

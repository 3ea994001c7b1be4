"""Word-processing XML the python-docx API does not write: fields, links, bookmarks, the contents.

Helpers for ``word``: a Word field (PAGE, TITLE, PAGEREF, SEQ) with the text it
shows until updated, a hyperlink, a bookmark, a TOC field whose cached entries
link to the headings and show their pages, an outline level, the document
language, the briefing's table style, a table in it with its header row
repeated and numbers right-aligned, and saving with fixed zip timestamps so
the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

TABLE_STYLE = "Briefing Table"  # defined in reference.docx by add_table_style
_FALLBACK_TABLE_STYLE = "Table Grid"  # an edited reference without it
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def make_run(*pieces: tuple[str, str]):
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


def field_runs(instruction: str, shown: str) -> list:
    return [make_run(("begin", "")), make_run(("instr", instruction)), make_run(("separate", "")),
            make_run(("text", shown)), make_run(("end", ""))]


def field(paragraph, instruction: str, shown: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES, TITLE) to a paragraph, showing ``shown`` until updated."""
    for run in field_runs(instruction, shown):
        paragraph._p.append(run)


def has_field(part, name: str) -> bool:
    return any(name in (node.text or "") for node in part._element.iter() if node.tag.endswith("}instrText"))


def fill_fields(part, values: dict[str, str]) -> None:
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


def hyperlink(paragraph, text: str, url: str) -> None:
    """Append a clickable link to ``url`` (character style Hyperlink from the reference document)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    links = getattr(paragraph.part, "_briefing_links", None)
    rel = links.get(url) if links is not None else None
    if rel is None:  # python-docx finds an existing relationship by walking them all
        rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        if links is not None:
            links[url] = rel
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    run.style = style_or_none(paragraph.part.document, "Hyperlink")
    link.append(run._r)
    paragraph._p.append(link)


def bookmark(paragraph, name: str, number: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


@dataclass(frozen=True)
class Entry:
    """A contents entry: its level (1, 2; 0 in a list of figures), text, bookmark and cached page."""

    level: int
    text: str
    anchor: str
    page: str = ""


def toc(doc, placeholder, entries: list[Entry], instruction: str, style: str | None = None) -> None:
    """A Word TOC field in place of ``placeholder`` (``TOC \\o "1-2" \\h \\z \\u`` for the contents,
    ``TOC \\h \\z \\c "Figure"`` for the list of figures), holding as its cached result one entry per
    heading or caption: in style TOC 1, TOC 2 (or ``style``), a link to its bookmark, a tab and a
    PAGEREF field showing its page. Every viewer shows the entries as they are; Word's
    "Update Table" recomputes them.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraphs = []
    for entry in entries:
        p = placeholder.insert_paragraph_before(style=style_or_none(doc, style or f"TOC {entry.level}"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), entry.anchor)
        link.set(qn("w:history"), "1")
        for run in (make_run(("text", entry.text)), make_run(("tab", "")),
                    *field_runs(f"PAGEREF {entry.anchor} \\h", entry.page)):
            link.append(run)
        p._p.append(link)
        paragraphs.append(p)
    if paragraphs:
        first, last = paragraphs[0]._p, paragraphs[-1]._p
        begin = [make_run(("begin", "")), make_run(("instr", instruction)), make_run(("separate", ""))]
        at = 1 if first.pPr is not None else 0
        for n, run in enumerate(begin):
            first.insert(at + n, run)
        last.append(make_run(("end", "")))
    placeholder._p.getparent().remove(placeholder._p)


def outline_level(style, level: int) -> None:
    """Give a paragraph style an outline level (1 to 9), as headings have: Word's navigation pane
    and a TOC field with ``\\u`` see its paragraphs at that level."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level - 1))
    ppr.append(element)


# Word proofs a language by language and region: a bare language gets its usual region.
_WORD_REGIONS = {"en": "en-US", "zh": "zh-CN", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "ja": "ja-JP", "ko": "ko-KR"}


def set_language(doc, language: str, east_asia: str = "zh-CN") -> None:
    """The document's language (BCP 47, e.g. "en"), for spelling, hyphenation and screen readers;
    Chinese text is marked ``east_asia``."""
    language = _WORD_REGIONS.get(language.lower(), language)
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), east_asia)


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


def save(doc, path_or_buffer, when: dt.datetime) -> bytes:
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


def remember_styles(doc) -> None:
    """Look each style up once while the briefing is written.

    python-docx finds a style given by name by walking every style of the
    document, and then the type's default style the same way, on each
    paragraph and run it styles; with thousands of items that walk was most of
    the DOCX's time. The styles do not change while the body is written, so the
    answers are remembered per document (names, and the id of each name and type).
    """
    part = doc.part
    lookup, ids = part.get_style_id, {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in ids:
            ids[key] = lookup(style_or_name, style_type)
        return ids[key]

    part.get_style_id = get_style_id
    part._briefing_style_names = frozenset(style.name for style in doc.styles)
    part._briefing_links = {}  # a link's relationship id by its address


def style_names(doc) -> frozenset[str]:
    known = getattr(doc.part, "_briefing_style_names", None)
    return known if known is not None else frozenset(style.name for style in doc.styles)


def style_or_none(doc, name: str) -> str | None:
    """``name`` when the reference document defines it (an edited one may not), else the default style."""
    return name if name in style_names(doc) else None


def repeat_header(row) -> None:
    """Mark a table row as the header row (repeated on each page, read as headers by screen readers)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


_NUMBER = re.compile(r"[+\-−±~≈<>]?\s*[$¥€£]?\d")
_DAY = re.compile(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?")


def _numeric(text: str) -> bool:
    """A number (with its unit, sign or range) rather than words or a date."""
    return bool(_NUMBER.match(text)) and not _DAY.fullmatch(text)


KEEP_WHOLE_ROWS = 25  # a table of at most this many rows is kept on one page; a longer one runs on


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
    text_width = section.page_width - section.left_margin - section.right_margin
    needs = [min(40, max(len(r[n]) if n < len(r) else 0 for r in [header, *rows])) + 3 for n in range(len(header))]
    widths = [Emu(int(text_width * need / sum(needs))) for need in needs]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    keep_whole = len(table.rows) <= KEEP_WHOLE_ROWS
    for r, row in enumerate(table.rows):
        _cant_split(row)  # rows are kept whole across a page end
        for n, cell in enumerate(row.cells):
            cell.width = widths[n]
            for paragraph in cell.paragraphs:
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

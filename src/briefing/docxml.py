"""Word-processing XML the python-docx API does not write: fields, links, bookmarks, the contents.

Helpers for ``word``: a Word field (PAGE, TITLE, PAGEREF) with the text it
shows until updated, a hyperlink, a bookmark, contents entries linking to
the headings, a table in the table style with its header row repeated,
and saving with fixed zip timestamps so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

TABLE_STYLE = "Light List Accent 1"
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

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
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


def toc(doc, placeholder, headings: list[tuple[int, str, str]]) -> None:
    """The table of contents in place of ``placeholder``: one entry per heading, in styles TOC 1 and TOC 2.

    Each entry links to its heading's bookmark and ends in a PAGEREF field,
    which LibreOffice fills with the page number as it lays the document out
    and Word fills when it updates fields (``updateFields`` asks it to on opening).
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for level, text, anchor in headings:
        p = placeholder.insert_paragraph_before(style=style_or_none(doc, f"TOC {level}"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        for run in (make_run(("text", text)), make_run(("tab", "")), *field_runs(f"PAGEREF {anchor} \\h", "")):
            link.append(run)
        p._p.append(link)
    placeholder._p.getparent().remove(placeholder._p)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


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


def style_names(doc) -> set[str]:
    return {style.name for style in doc.styles}


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


def data_table(doc, caption: str, header: tuple[str, ...], rows) -> None:
    """A captioned table in the table style, its header row repeated on every page."""
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    repeat_header(table.rows[0])
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text

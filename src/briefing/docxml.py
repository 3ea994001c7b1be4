"""Word-processing XML the python-docx API does not write: fields, links, bookmarks, the contents.

Helpers for ``word``: a Word field (PAGE, TITLE, PAGEREF, SEQ) with the text it
shows until updated, a hyperlink, a bookmark, a TOC field whose cached entries
link to the headings and show their pages, an outline level, the document
language, and saving with fixed zip timestamps so the same input gives the
same bytes. Tables are in ``docxtable``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

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
    """A contents entry: its level (1, 2; 0 in a list of figures), text, bookmark, and the id of the
    same heading in the HTML, whose page in the PDF is the entry's cached page."""

    level: int
    text: str
    anchor: str
    target: str = ""


def toc(doc, placeholder, entries: list[Entry], instruction: str, pages: dict[str, int],
        style: str | None = None) -> None:
    """A Word TOC field in place of ``placeholder`` (``TOC \\o "1-2" \\h \\z \\u`` for the contents,
    ``TOC \\h \\z \\c "Figure"`` for the list of figures), holding as its cached result one entry per
    heading or caption: in style TOC 1, TOC 2 (or ``style``), a link to its bookmark, a tab and a
    PAGEREF field showing its page (``pages``: the PDF's page of each HTML id). Every viewer shows the entries as they are; Word's
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
                    *field_runs(f"PAGEREF {entry.anchor} \\h", str(pages.get(entry.target, "")))):
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


def clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)

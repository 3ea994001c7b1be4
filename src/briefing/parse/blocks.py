"""The body blocks once every line is read: a table's rows joined to the paragraph before them, a table of
contents and lists of other articles set apart, a tag line left at the end, a title's series tag, and
paragraphs given twice (a dek that says the title again, a summary the text repeats).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .furniture import contents_lines, is_tag, link_lists
from .patterns import BULLET, GLUED_BULLET, ITEM, LABEL, PRICE_LOG, SERIES, TITLE_TAG, is_heading, is_headline
from .titles import facts, repeated, restates
from .sitelinks import interleaved_links

if TYPE_CHECKING:
    from .page import Page

__all__ = ["EntryDate", "Lead", "finish", "split_physical"]


class Lead(str):
    """A story's first paragraph after its press marker ("本报讯 记者X报道"): the story's text, never a dek."""


class EntryDate(str):
    """A body block that is a listing entry's date line ("Jan 3, 2023 - 02:01 pm"), with its day."""

    value: dt.date

    def __new__(cls, text: str, value: dt.date) -> "EntryDate":
        made = super().__new__(cls, text)
        made.value = value
        return made


def finish(page: Page) -> None:
    """A tag line left at the end, a title's series tag, and paragraphs given twice."""
    blocks = page.blocks = _tables_joined(page.blocks)
    while blocks and is_tag(blocks[-1]) and not ITEM.match(blocks[-1]) and not PRICE_LOG.match(blocks[-1]) \
            and not isinstance(blocks[-1], EntryDate) and not _last_label(blocks):
        page.keep("tag", blocks.pop())
    if page.title and (tag := TITLE_TAG.search(page.title)) and SERIES.match(tag["tag"].strip()):
        page.keep("series", tag.group(0).strip())
        page.title = page.title[:tag.start()].strip() or page.title
    for n in sorted(contents_lines(blocks), reverse=True):
        page.keep("contents", blocks.pop(n))
    for n in sorted(link_lists(blocks), reverse=True):
        page.keep("related", blocks.pop(n))
    if not any(ITEM.match(b) for b in blocks):  # one story: other stories' headlines between its paragraphs
        for n in sorted(interleaved_links(blocks), reverse=True):
            page.keep("related", blocks.pop(n))
    seen: list[tuple[set[str], set[str]]] = [facts(page.highlights)] if page.highlights else []
    kept: list[str] = []
    story = not any(ITEM.match(b) for b in blocks)  # no bracket items: the page tells one story
    for block in blocks:
        if not kept and page.title and not isinstance(block, Lead) and restates(block, page.title) \
                and not (story and page.highlights and block.startswith(page.highlights)):
            if page.highlights:
                page.keep("duplicate", block)
            else:
                page.highlights = block  # a dek: the title said again as one sentence
                seen.append(facts(block))
            continue
        if len(block) > 60 and not ITEM.match(block) and not BULLET.match(block):
            hit = repeated(block, seen)
            if hit is not None and story and not page.highlights and len(kept) == 1 and len(seen) == 1:
                page.highlights = kept.pop()  # a story's summary, then its text, which opens by saying it again
                if is_headline(block) or is_heading(block):
                    page.keep("duplicate", block)  # a second subtitle saying the first again in other words
                    continue
            elif hit is not None and not (hit == len(seen) - 1 and kept and is_headline(kept[-1])) \
                    and not (story and not kept and hit == 0 and block.startswith(page.highlights)):
                # (the text under a headline that opens by telling it again is its body, not a repeat; so is the
                # first paragraph of a story that opens with its dek word for word: the dek was its first sentence)
                page.keep("duplicate", block)
                continue
            seen.append(facts(block))
        kept.append(block)
    page.blocks = kept
    if not kept:
        # a photo page: its caption is the only text, and the story (said twice, under the picture and beside it)
        captions = [f.text for f in page.furniture if f.kind == "caption" and len(f.text) >= 60]
        page.blocks = captions[:1]


def _last_label(blocks: list[str]) -> bool:
    """The last of a run of ``Label: text`` paragraphs, however short ("Nickel: LME nickel slump" after
    "Zinc: LME zinc ..."): an item cut off, not a tag line."""
    return len(blocks) >= 3 and all(LABEL.match(b) for b in blocks[-3:])


_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def _tables_joined(blocks: list[str]) -> list[str]:
    """Rows of a table (``a | b | c``) belong to the paragraph before them, as one block."""
    out: list[str] = []
    for block in blocks:
        if not any(c.isalnum() for c in block) and "|" in block:
            continue  # a table's border left alone on its line
        if block.count("|") == 1 and block.endswith("|"):
            block = type(block)(block[:-1].rstrip()) if not isinstance(block, EntryDate) else block  # one cell
        if block.count("|") >= 2 and out:
            if not _TABLE_RULE.match(block.replace(" ", "")):
                out[-1] += "\n" + block
            continue
        out.append(block)
    return out


def split_physical(line: str) -> list[str]:
    """Several items on one physical line (listing pages) and glued bullets become separate lines."""
    if line.count("【") >= 2:
        parts = [p.strip() for p in re.split(r"(?=【)", line) if p.strip()]
        if all(p.startswith("【") for p in parts[1:]):
            return parts
    if line.startswith("[") and line.count("[") >= 2:
        parts = [p.strip() for p in re.split(r"(?<=[.)）。])\s*(?=\[[^\]\d][^\]]{6,}\]\s*\S)", line) if p.strip()]
        if len(parts) > 1:
            return parts
    if BULLET.match(line) and GLUED_BULLET.search(line):
        return ["- " + p.strip() for p in GLUED_BULLET.split(line[1:].strip()) if p.strip()]
    return [line]



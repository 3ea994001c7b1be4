"""The page: its lines sorted into furniture and the article's body blocks.

Furniture is recognised and kept apart, never turned into news: breadcrumb,
publication stamp, source line, site menu, contact notes and staff lists,
related news, promotion lines, image links, a tag line at the end, a summary
given twice. What is left, in order, are the body blocks, plus what the
furniture tells: title, stamp, source, highlights, dateline, statement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import dates
from ..models import Furniture, Source
from . import sitelinks, wrapping
from .blocks import EntryDate, Lead, finish, split_physical
from .furniture import BYLINE_PREFIX, CAPTION, CHROME, LONG_CHROME, MORE_LINK, is_contact, is_tag, menu_lines
from .patterns import (BREADCRUMB, BULLET, CJK, IMAGE, ITEM, RELATED, SOURCE, SECTION_PAGE, STATEMENT, SUMMARY, TITLE_TAG,
                       WHERE_AM_I, is_heading)
from .stamps import dated_entries, press_dateline, read_stamp, search_head, stamp_line
from .titles import repeats, retitled_below, retitles, series_head, is_title, site_title, words

__all__ = ["EntryDate", "Page", "lines_of", "read", "repeats", "split_physical", "words"]


@dataclass
class Page:
    """What the page's lines hold, once furniture is set apart."""

    title: str = ""  # the page's title (series tag removed)
    raw_title: str = ""  # the title as written
    stamp: dt.datetime | None = None
    source: str = ""
    highlights: str = ""
    statement: str = ""
    dateline: tuple[int, int] | None = None  # (month, day)
    dateline_text: str = ""
    blocks: list[str] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    title_line: bool = False  # the title is the page's first heading-like line (not a sidecar or breadcrumb)
    results: bool = False  # a page of search results or a document list, under its head ("Search documents")
    signed_off: bool = False  # the story's text was followed by its credit or a site notice: the story has ended

    def keep(self, kind: str, line: str) -> None:
        self.furniture.append(Furniture(kind, line))


_INDENTED = re.compile(r"^ {2,8}\S")
_DAY_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},$")
_YEAR_START = re.compile(r"^(?:19|20)\d{2}\b")
_GOES_ON = re.compile(r"\b(?:and|or|of|the|a|an|to|in|on|at|for|with|by|from|as|that|which|than|its|their|was|were|is|"
                      r"are|has|have|had)$|[,(\-–]$", re.I)


def lines_of(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\ufeff", "")
    return _unwrapped([line.rstrip() for line in text.split("\n")])


def _unwrapped(lines: list[str]) -> list[str]:
    """Text wrapped at a fixed width (wire stories) joined back into its lines: a line that stops
    mid-sentence ("... in London and") goes on in the next, unless that one is indented or a list entry.
    Each test looks at the two physical lines only, so joining stays linear in the text."""
    out: list[list[str]] = []
    previous = ""
    indented = sum(1 for line in lines[:400] if _INDENTED.match(line)) >= 3  # paragraphs open indented
    for line in lines:
        if out and line and _DAY_END.search(previous[-16:]) and _YEAR_START.match(line):
            out[-1].append(line.strip())  # a date broken after its day ("SINGAPORE, Sept. 3," / "2024 /PRNewswire/")
        elif out and line and not line[0].isspace() and len(previous.strip()) >= 25 and (
                line[0].islower() or _GOES_ON.search(previous[-24:])
                or (indented and not previous.rstrip().endswith((".", ":", "!", "?", "”", "\"")))) \
                and not line.lstrip().startswith(("-", "*", "•", "[", "【")) \
                and not (len(previous.strip()) < 50 and is_heading(previous.strip())) \
                and not dates.find_stamp(line[:60]):
            out[-1].append(line.strip())
        else:
            out.append([line])
        previous = line
    return [" ".join(part.rstrip() if n == 0 else part for n, part in enumerate(parts)) for parts in out]


def read(source: Source) -> Page:
    """Sort the source's lines into furniture and body blocks."""
    lines = lines_of(source.text)
    page = Page(title=source.sidecar.title or source.found.title or "",
                source=source.sidecar.source or source.found.source or "")
    page.raw_title = page.title
    in_related = want_summary = False
    entry_dates = dated_entries(lines)
    head = search_head(lines) if entry_dates else None  # a list of search results under its page's chrome
    page.results = head is not None
    menu = menu_lines(lines) if len(lines) > 6 and sum(0 < len(x) <= 30 for x in lines) >= 6 else set()
    for n, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if head is not None and n <= head:
            page.keep("chrome", line)
            continue
        if in_related:
            page.keep("related", line)
            continue
        if line[0] in "[【" and page.blocks and "](" not in line and "@" not in line:
            if wrapping.recognise(line, page) is None:  # a button in brackets ("【打印】"), else an item line
                page.blocks.extend(split_physical(line))
            continue
        if n in menu:
            page.keep("menu", line)
            continue
        if n in entry_dates:  # a listing's entry dates: none of them is the page's own stamp
            cut = entry_dates[n] - (len(raw) - len(raw.lstrip()))
            if len(line[cut:].split()) <= 3:
                page.keep("entry-date", line)
                if (stamp := dates.find_stamp(line)) is not None:
                    page.blocks.append(EntryDate(line, stamp[0].date()))  # the recognisers give it to its entry
                continue
            if (stamp := dates.find_stamp(line[:cut])) is not None and stamp[1].start() == 0:
                page.keep("entry-date", line[:cut])  # "July 21, 2023 Headline ...": the entry's date, then the entry
                page.blocks.append(EntryDate(line[:cut], stamp[0].date()))
                line = line[cut:].strip()
            page.blocks.extend(split_physical(line))
            continue
        if "](" in line and "![" in line:
            for m in IMAGE.finditer(line):
                page.keep("image", m.group(0))
            line = IMAGE.sub("", line).strip()
            if not line:
                continue
        if line.startswith(("**", "__")) and line.endswith(line[:2]) and len(line) > 4:
            line = line[2:-2].strip()  # a line set in bold (Markdown): a heading
        if page.title and page.blocks == [] and len(line) > len(page.title) + 10 and line.startswith(page.title) \
                and line[len(page.title)].isspace():
            page.keep("title", page.title)  # "Title 7月18日,...": the story's paragraph opens with its title again
            line = line[len(page.title):].strip()
        if (by := BYLINE_PREFIX.match(line)) and len(line) > by.end() + 20:
            page.keep("byline", by.group(0).strip())  # "BY ONOME AMUGE Copper plunged ...": the name, then the text
            line = line[by.end():]
        if page.blocks and line == page.blocks[-1] and not BULLET.match(line):
            page.keep("duplicate", line)  # a line printed twice in a row (a card's headline and its link)
            continue
        if (lead := wrapping.PRESS_LEAD.match(line)) and lead.end() and len(line) > lead.end() + 10:
            page.keep("byline", lead.group(0).strip())  # "本报讯 记者X报道 9月27日晚,...": the story opens after it
            page.blocks.append(Lead(line[lead.end():]))
            continue
        if page.title_line and not page.blocks and not entry_dates and retitled_below(page, line, lines[n + 1:n + 4]):
            continue
        if (outcome := wrapping.recognise(line, page)) == "related" \
                and not (page.blocks and sitelinks.RELATED_HEAD.match(line)):
            outcome = "chrome"  # a list on one line, or a "Related" header over the story: what follows is the text
        elif outcome is None and page.signed_off and sitelinks.listed_link(line):
            page.keep(outcome := "related", line)  # a headline listed after the story's sign-off: the site's
        outcome = outcome or _head(page, line)
        if outcome in ("source", "stamp"):
            _over_head(page, outcome)
        if outcome is None and want_summary:
            want_summary = False
            if not page.highlights:
                page.highlights = line  # the paragraph under a lone "Highlights:"
                continue
        if outcome is None:
            outcome = _furniture(page, line)
        page.signed_off = page.signed_off or (outcome in wrapping.SIGN_OFF and bool(page.blocks))
        if outcome == "caption" and page.title and len(page.blocks) == 1 and not page.highlights:
            page.highlights = page.blocks.pop()  # a dek: the summary over the lead image, above the text
        elif outcome == "related":
            in_related = True
        elif outcome == "summary-next":
            want_summary = True
        elif outcome is None:
            page.blocks.extend(split_physical(line))
    finish(page)
    return page


def _over_head(page: Page, outcome: str) -> None:
    """The few lines over a page's source or stamp line: a channel's name or an ad's words between the title and
    its source line are chrome; a line in brackets alone over the stamp ("【Tag】Title") is the title, with its tag."""
    if outcome == "source" and page.title and 0 < len(page.blocks) <= 2 \
            and all(is_tag(b) and len(b) <= 20 for b in page.blocks):
        for block in page.blocks:
            page.keep("chrome", block)
        page.blocks.clear()
    elif outcome == "stamp" and not page.title and len(page.blocks) == 1 \
            and (m := ITEM.match(page.blocks[0])) and m["body"].strip():
        page.title = page.raw_title = page.blocks.pop()
        page.title_line = True
        page.keep("title", page.raw_title)


def _head(page: Page, line: str) -> str | None:
    """Breadcrumb, stamp, source and summary lines, recorded; None for any other line."""
    first = line[0].upper()  # each test below can only match lines opening with certain characters
    if first in "CTA" and not page.title and not page.blocks and SECTION_PAGE.match(line):
        page.keep("breadcrumb", line)  # "Category: CATL" over a category page: the site's section, not the title
        return "breadcrumb"
    if first in "当您你所" and WHERE_AM_I.match(line):
        page.keep("breadcrumb", line)
        return "breadcrumb"
    if first in "H首" and BREADCRUMB.match(line):
        page.keep("breadcrumb", line)
        if not page.title:
            page.title = page.raw_title = re.split(r"\s*(?:/|>|›|»)\s*", line)[-1].strip()
        return "breadcrumb"
    if page.stamp is None and (stamp := read_stamp(page, line)):
        return stamp
    if page.stamp is not None and len(line) < 80 and stamp_line(line):
        page.keep("stamp", line)  # the stamp printed again ("September 28, 2018 / 4:08 AM / Updated 2 hours ago")
        return "stamp"
    if first in "S来" and (m := SOURCE.match(line)):
        page.source = page.source or m["source"]
        page.keep("source", line)
        return "source"
    if first in "HKPSA" and (m := SUMMARY.match(line)):
        return _summary(page, line, (m["text"] or "").strip())
    return None


def _furniture(page: Page, line: str) -> str | None:
    """Record ``line`` if it is furniture (or the title, a dateline ...); None when it is body text."""
    first = line[0].upper()
    if first.isupper() and (m := (dates.DATELINE.match(line) or dates.WIRE_DATELINE.match(line)
                                  or dates.PLACE_DATELINE.match(line))):
        if page.dateline is None:
            page.dateline, page.dateline_text = (dates.month_number(m["month"]), int(m["day"])), m.group(0).strip()
        page.keep("dateline", m.group(0).strip())
        rest = line[m.end():].strip()
        if rest:
            page.blocks.append(rest)
        return "dateline"
    if first.isupper() and (m := dates.PRESS_DATELINE.match(line)) and len(line) > m.end() + 20:
        return press_dateline(page, line, m)
    if CJK.match(first) and (m := dates.CJK_DATELINE.match(line)) and len(line) > m.end() + 10:
        if page.dateline is None:
            page.dateline = (int(m["month"] or m["month2"]), int(m["day"] or m["day2"]))
            page.dateline_text = m.group(0).strip()
        page.keep("dateline", m.group(0).strip())
        page.blocks.append(line[m.end():].strip())
        return "dateline"
    if first in "-–•" and (m := dates.FEED_DAY.match(line)):
        if page.dateline is None:
            page.dateline, page.dateline_text = (dates.month_number(m["month"]), int(m["day"])), line
        page.keep("dateline", line)
        return "dateline"
    if first in "-–•" and dates.FEED_TIME.match(line):
        page.keep("time", line)
        return "time"
    if first in "RM相" and RELATED.match(line):
        page.keep("related", line)
        return "related"
    if first == "D" and (m := STATEMENT.match(line)):
        page.statement = m["text"].strip()
        if page.blocks and is_tag(page.blocks[-1]):
            page.keep("tag", page.blocks.pop())
        return "statement"
    if is_contact(line):
        page.keep("contact", line)
        return "contact"
    if first == "》":
        page.keep("promo", line)
        return "promo"
    if len(line) < 300 and CAPTION.search(line):
        page.keep("caption", line)
        return "caption"
    if len(line) < 30 and MORE_LINK.match(line):
        page.keep("more", line)
        return "more"
    if len(line) < 120 and CHROME.match(line) or any(chrome.match(line) for chrome in LONG_CHROME):
        page.keep("chrome", line)
        return "chrome"
    if page.title and (line in (page.title, page.raw_title) or retitles(line, page.title) or site_title(line, page.title)):
        page.keep("title", line)
        return "title"
    if not page.title and not page.blocks and (outcome := series_head(page, line)):
        return outcome
    if is_title(page, line):
        page.title = page.raw_title = line
        page.title_line = True
        return "title"
    if page.title and not page.blocks and (tag := TITLE_TAG.search(line)) and line[:tag.start()].strip() == page.title:
        return "title"
    return None


def _summary(page: Page, line: str, text: str) -> str:
    if not text:
        return "summary-next"
    if not page.highlights:
        page.highlights = text
    elif text == page.highlights or repeats(text, [words(page.highlights)]):
        page.keep("duplicate", line)
    else:
        page.blocks.append(text)
    return "summary"

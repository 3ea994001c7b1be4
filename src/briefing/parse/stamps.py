"""Stamps and datelines: the page's publication stamp in its many forms, a stamp printed again, a
listing's entry dates, and a press release's dateline that opens its story.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .. import dates
from .furniture import GLUED_LINKS
from .patterns import RELATED
from .sitelinks import RELATED_HEAD

if TYPE_CHECKING:
    from .page import Page


def press_dateline(page: Page, line: str, m: re.Match) -> str:
    """A press release's dateline ("SINGAPORE, Dec. 16, 2025 /PRNewswire/ -- ..."): it dates the page when
    nothing else does, and its story starts here. The few short lines before it are the release's
    headline (the title, when there is none), subheads, wire and logo lines."""
    try:
        day = dt.datetime(int(m["year"]), dates.month_number(m["month"]), int(m["day"]))
    except ValueError:
        return ""
    page.stamp = page.stamp or day
    if page.dateline is None:
        page.dateline, page.dateline_text = (day.month, day.day), m.group(0).strip(" -–—")
    page.keep("dateline", m.group(0).strip())
    if len(page.blocks) <= 5 and all(len(b) < 200 for b in page.blocks):
        if page.blocks and not page.title:
            page.title = page.raw_title = page.blocks.pop(0)
            page.title_line = True
        for block in page.blocks:
            page.keep("title", block)
        page.blocks.clear()
    page.blocks.append(line[m.end():].strip())
    return "dateline"


# a second date after a dash, not a time ("-2025.3.14)", " - 3.14", never " - 02:01 pm")
_RANGE_END = re.compile(r"\s*[-–—~至到]\s*(?:(?:19|20)\d{2}[.\-/年]\d|\d{1,2}[.\-/月]\d{1,2}(?![\d:]))")
UPDATED = re.compile(r"[/|·\s]*(?:Updated|Last updated|更新)\b.*$", re.I)


def dated_entries(lines: list[str]) -> dict[int, int]:
    """Lines that are only a date (perhaps after its site, "Site· 2025-08-25 21:22"), or open with one, when two
    or more stand before any related news, or one under the head of a page of search results: the dates of a
    listing's entries (line number -> where the date ends)."""
    found: dict[int, int] = {}
    for n, raw in enumerate(lines):
        line = raw.strip()
        if RELATED.match(line) or RELATED_HEAD.match(line):
            break
        stamp = dates.find_stamp(line[:60]) if line[:1].isalnum() else None
        if stamp is None:
            continue
        m = stamp[1]
        if len(line) < 40 and len((line[:m.start()] + line[m.end():]).split()) <= 3 or m.start() == 0 \
                or (len(line) < 60 and line[:m.start()].rstrip().endswith("·")):  # "Xin Hua Cai Jing· 2025-07-18"
            found[n] = m.end()
    return found if len(found) >= 2 or (found and search_head(lines[:min(found)]) is not None) else {}


def search_head(lines: list[str]) -> int | None:
    """Where the head of a page of search results or of a document list ends ("Search documents", "为您找到相关
    结果约1601"), when one of its first few lines says so: the lines down to it are the page's chrome."""
    shown = [n for n, line in enumerate(lines) if line.strip()][:6]
    return next((n for n in shown if SEARCH_HEAD.match(lines[n].strip())), None)


# the head of a page of search results or of a document list: its dates are its entries', even when one shows
SEARCH_HEAD = re.compile(r"^(?:Search(?:\s+(?:documents|results|news))?|搜索文档|搜索结果|为您找到相关结果约?\s*\d+\S*)$", re.I)


def stamp_line(line: str) -> bool:
    """A short line that is only a full date, perhaps with its time and an 'Updated ...' tail."""
    found = dates.find_stamp(line)
    if not found:
        return False
    m = found[1]
    rest = re.sub(r"[/|·]", " ", line[:m.start()] + " " + UPDATED.sub("", line[m.end():]))
    return len(rest.split()) <= 2 and not re.search(r"\d{3,}", rest)


def read_stamp(page: Page, line: str) -> str | None:
    """A publication stamp: a short line that is mostly a full date ("iconNov 20, 2025 16:13",
    "Sep 28, 2021 06:32 AM (GMT+8) · Site", "来源:SMM发布时间:2025-11-20 18:17"), or a full date at
    the very start of a line, perhaps after a label ("date 2021-09-10 Before we ..."), whose rest is text."""
    found = dates.find_stamp(line[:200])
    if not found:
        return None
    when, m = found
    if _RANGE_END.match(line[m.end():]):
        return None  # the first day of a range ("周报(2025.3.10-2025.3.14)"): the period a title names
    before, after = line[:m.start()], UPDATED.sub("", line[m.end():]).strip()
    if len(line) < 80 and len((before + " " + after).split()) <= 4:
        page.stamp = when
        page.keep("stamp", line)
        if (src := re.match(r"^\s*(?:Source|来源)\s*[:：]\s*(?P<source>.+?)(?:发布时间|发布日期|时间|日期|Published|$)", before, re.I)):
            page.source = page.source or src["source"].strip(" ·|")
        return "stamp"
    if dates.STAMP_LABEL.match(before) and not page.blocks:
        page.stamp = when
        page.keep("stamp", line[:m.end()].strip())
        if after and GLUED_LINKS.match(after):
            page.keep("chrome", after)  # "date 2018-09-28 FinancialGovernment SolutionsLegal...": the site's links
        elif after:
            page.blocks.append(after)
        return "stamp"
    return None

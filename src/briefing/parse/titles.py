"""Titles, and text said again: a first line opening with the series' bracket, a section name over the
title, the title said again (reordered, with the site's name, as a dek), and paragraphs that repeat an
earlier one (a summary given twice, a second translation).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import dates
from .furniture import CHROME
from .patterns import CJK, ITEM, SERIES, is_heading, is_headline

if TYPE_CHECKING:
    from .page import Page


def retitles(line: str, title: str) -> bool:
    """A short line that says the title again in other order or with a series name ("SMM Daily
    Report: Prices Stabilize" under "Prices Stabilize: SMM Daily Report")."""
    if len(line) > 1.5 * len(title) + 20:
        return False
    mine, theirs = words(line), words(title)
    return len(theirs) >= 3 and len(mine & theirs) >= 0.8 * max(len(mine), len(theirs))


def retitled_below(page: Page, line: str, after: list[str]) -> bool:
    """A short first line ("Steel Products", "Metals News") over a longer headline that the byline or stamp
    follows: the first names the site's section, the headline is the title."""
    if len(page.title.split()) > 3 or len(line.split()) < len(page.title.split()) + 3 or len(line) > 200 \
            or line.endswith((".", "。", "!", "?")) or not line[:1].isupper():
        return False
    if not any(CHROME.match(x.strip()) or (len(x) < 80 and dates.find_stamp(x)) for x in after if x.strip()):
        return False
    page.keep("breadcrumb", page.title)
    page.title = page.raw_title = line
    return True


def site_title(line: str, title: str) -> bool:
    """The title with the site's name after it, as a browser tab shows it ("Prices Fall - Shanghai Metals Market")."""
    if not line.startswith(title) or len(title.split()) < 3:
        return False
    rest = line[len(title):]
    return bool(re.match(r"^\s*[-–—|·]\s*\S", rest)) and len(rest.split()) <= 8 and not rest.rstrip().endswith(".")


def restates(block: str, title: str) -> bool:
    """A first paragraph that is the title said again as a sentence (a dek)."""
    if len(block) > 400 or ITEM.match(block):
        return False
    mine, theirs = words(block), words(title)
    return len(mine) >= 5 and len(mine & theirs) >= 0.6 * len(mine)


_SENTENCE_END = (".", "。", "!", "?", "！", "？", "…", "...")


def series_head(page: Page, line: str) -> str | None:
    """A first line that opens with the series' bracket: "[SMM Analysis] Nickel Prices Rise" (the title),
    "[SMM Daily Commentary: Prices Rise on May 8]" (the title in the bracket), or "【SMM Spot Copper】 Prices
    rose. ..." (the series' summary of the page, in sentences)."""
    m = ITEM.match(line)
    if not m:
        return None
    series, _, named = m["inner"].replace("：", ":").partition(":")
    body = m["body"].strip()
    if not SERIES.match(series.strip()) or (not body and not named.strip()):
        return None
    page.keep("series", f"[{series.strip()}]")
    if body.endswith(_SENTENCE_END) and len(body.split()) > 1 or len(body) > 160:
        page.highlights = page.highlights or body
        return "summary"
    page.title, page.raw_title, page.title_line = body or named.strip(), line, True
    return "title"


def is_title(page: Page, line: str) -> bool:
    """The first heading-like line of a page that has no title yet: in title case, with a date
    code, a short Chinese line, or a headline in sentence case (no closing full stop)."""
    return not page.title and not page.blocks and not ITEM.match(line) and bool(
        is_heading(line) or (len(line) < 120 and (dates.TITLE_DDMM.search(line) or dates.TITLE_CODE.search(line)))
        or (len(line) <= 40 and CJK.search(line) and not re.search(r"[。，；！？]", line))
        or is_headline(line))


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower()) if len(w) > 2 or not w.isascii()}


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def facts(text: str) -> tuple[set[str], set[str]]:
    """The words and the numbers of a text."""
    return words(text), {n.replace(",", "") for n in _NUMBER.findall(text)}


def repeated(text: str, earlier: list[tuple[set[str], set[str]]]) -> int | None:
    """Which earlier paragraph ``text`` says again (a repeat or a second translation), else None. A text
    that gives numbers the other does not tell something else ("Cold Rolled Coil: ... $735-$770" under
    "Hot Rolled Coil: ... $635-$665"), and one much longer than it is its full text, not its repeat."""
    mine, numbers = facts(text)
    if len(mine) < 8:
        return None
    for n, (other, their_numbers) in enumerate(earlier):
        if not numbers <= their_numbers or len(mine) > 2 * len(other):
            continue
        common = len(mine & other)
        shorter = min(len(mine), len(other))  # a headline's words inside its summary make no repeat
        if common / max(1, len(mine | other)) >= 0.45 or (shorter >= 15 and common / shorter >= 0.7):
            return n
    return None


def repeats(text: str, earlier: list[set[str]]) -> bool:
    """True when ``text`` says what an earlier paragraph said."""
    return repeated(text, [(other, {n.replace(",", "") for n in _NUMBER.findall(text)}) for other in earlier]) \
        is not None

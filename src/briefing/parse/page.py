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
from .patterns import (BREADCRUMB, BULLET, CJK, GLUED_BULLET, IMAGE, ITEM, MENU_WORD, PRICE_LOG, RELATED, SERIES,
                       SOURCE, STATEMENT, SUMMARY, TITLE_TAG, is_heading, is_headline)

_CONTACT_START = re.compile(
    r"\s*(?:\**Note:?\**|For queries|For more information|Phone\s*:|Tel\s*:|Contact\s*:|E-?mail\s*:|"
    r"(?:Analysts?|Editors?|Reporters?|Authors?|Staff|Contacts?|Team|Writers?)\s*[:：])", re.I)
_PLEASE = re.compile(r"please (?:contact|email)", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.]+")  # each run of name characters is tried once
_PHONE = re.compile(r"(?:\+?86[-\s]?)?(?<!\d)(?:0\d{2,3}[-\s]\d{7,8}|0\d{2,3}[-\s]\d{4}[-\s]\d{4}|1[3-9]\d{9})(?!\d)"
                    r"|\+\d{1,3}[-\s]\d{1,4}[-\s]\d{3,4}[-\s]\d{4}(?!\d)")
# contact notes and staff lists, as one pattern (``is_contact`` tries its parts one by one)
CONTACT = re.compile(rf"^{_CONTACT_START.pattern}|{_PLEASE.pattern}|{_EMAIL.pattern}|{_PHONE.pattern}", re.I)
_DIGITS = re.compile(r"\d{4}")
# an image caption ending with its credit ("... substation in Northern Cape. Image: Eskom.")
CAPTION = re.compile(r"(?:^|[.!?)]\s)(?:Image|Photo|Picture|Credit|Photograph)s?\s*(?:credit)?\s*[:：]\s*[^.]{1,60}\.?$", re.I)
# a blog's comment form, and template placeholders or language switches left in a saved page
CHROME = re.compile(r"^(?:Leave a (?:Reply|Comment)|Submit a Comment|Post a Comment|Cancel reply|Your email address will "
                    r"not be published|Required fields are marked|Share (?:this|on)\b|Print this|Subscribe to (?:our )?newsletter)"
                    r"|^\{[\w-]+\}$|^[A-Z][a-z]+_[A-Z][a-z]+$"
                    r"|^(?:分享至|分享到|Share|Language|语言|Tags?|标签)\s*[:：]?$"
                    r"|^\d{1,2}\s*min(?:ute)?s?\s+read$|\blogo$"
                    r"|^(?:Written by|By|Posted by|Author:?)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$"
                    r"|^[A-Z][\w]+ (?:Staff|Newsroom|Editorial Team)$", re.I)
BYLINE_PREFIX = re.compile(r"^BY:?\s+(?:[A-Z][A-Z.'’-]+\s+){1,3}(?=[A-Z][a-z])")
MORE_LINK = re.compile(r"^(?:Read more|Read the full (?:story|article)|Continue reading|More|Learn more|Click here)"
                       r"\s*(?:[>»›→…]+|\.{3})?$", re.I)


def is_contact(line: str) -> bool:
    """Contact notes and staff lists: the same test as ``CONTACT``, each part tried only when it can match."""
    if _CONTACT_START.match(line):
        return True
    if "@" in line:
        return bool(_EMAIL.search(line))
    if len(line) >= 200:
        return False
    if ("lease" in line or "LEASE" in line) and _PLEASE.search(line):
        return True
    return bool(_DIGITS.search(line) and _PHONE.search(line))


class EntryDate(str):
    """A body block that is a listing entry's date line ("Jan 3, 2023 - 02:01 pm"), with its day."""

    value: dt.date

    def __new__(cls, text: str, value: dt.date) -> "EntryDate":
        made = super().__new__(cls, text)
        made.value = value
        return made


def is_tag(line: str) -> bool:
    """A topic tag line: a few words (or, in Chinese, a few characters), no sentence."""
    return (len(line.split()) <= 4 and len(line) <= 40 and not line.endswith((".", ":", "：", "。"))
            and not re.search(r"[。，；！？]", line))


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

    def keep(self, kind: str, line: str) -> None:
        self.furniture.append(Furniture(kind, line))


_INDENTED = re.compile(r"^ {2,8}\S")
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
        if out and line and not line[0].isspace() and len(previous.strip()) >= 25 and (
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
    entry_dates = _entry_dates(lines)
    menu = _menu_lines(lines) if len(lines) > 6 and sum(0 < len(x) <= 30 for x in lines) >= 6 else set()
    for n, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if in_related:
            page.keep("related", line)
            continue
        if line[0] in "[【" and page.blocks and "](" not in line and "@" not in line:
            page.blocks.extend(split_physical(line))  # an item line: no furniture test can match it
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
            page.blocks.extend(split_physical(line))  # an entry that opens with its date keeps it
            continue
        if "](" in line and "![" in line:
            for m in IMAGE.finditer(line):
                page.keep("image", m.group(0))
            line = IMAGE.sub("", line).strip()
            if not line:
                continue
        if (by := BYLINE_PREFIX.match(line)) and len(line) > by.end() + 20:
            page.keep("byline", by.group(0).strip())  # "BY ONOME AMUGE Copper plunged ...": the name, then the text
            line = line[by.end():]
        if page.blocks and line == page.blocks[-1] and not BULLET.match(line):
            page.keep("duplicate", line)  # a line printed twice in a row (a card's headline and its link)
            continue
        outcome = _head(page, line)
        if outcome is None and want_summary:
            want_summary = False
            if not page.highlights:
                page.highlights = line  # the paragraph under a lone "Highlights:"
                continue
        if outcome is None:
            outcome = _furniture(page, line)
        if outcome == "related":
            in_related = True
        elif outcome == "summary-next":
            want_summary = True
        elif outcome is None:
            page.blocks.extend(split_physical(line))
    _finish(page)
    return page


def _head(page: Page, line: str) -> str | None:
    """Breadcrumb, stamp, source and summary lines, recorded; None for any other line."""
    first = line[0].upper()  # each test below can only match lines opening with certain characters
    if first in "H首" and BREADCRUMB.match(line):
        page.keep("breadcrumb", line)
        if not page.title:
            page.title = page.raw_title = re.split(r"\s*(?:/|>|›|»)\s*", line)[-1].strip()
        return "breadcrumb"
    if page.stamp is None and (stamp := _stamp(page, line)):
        return stamp
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
    if first.isupper() and (m := (dates.DATELINE.match(line) or dates.WIRE_DATELINE.match(line))):
        if page.dateline is None:
            page.dateline, page.dateline_text = (dates.month_number(m["month"]), int(m["day"])), m.group(0).strip()
        page.keep("dateline", m.group(0).strip())
        rest = line[m.end():].strip()
        if rest:
            page.blocks.append(rest)
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
    if len(line) < 120 and CHROME.match(line):
        page.keep("chrome", line)
        return "chrome"
    if page.title and (line in (page.title, page.raw_title) or _retitles(line, page.title)):
        page.keep("title", line)
        return "title"
    if _is_title(page, line):
        page.title = page.raw_title = line
        page.title_line = True
        return "title"
    if page.title and not page.blocks and (tag := TITLE_TAG.search(line)) and line[:tag.start()].strip() == page.title:
        return "title"
    return None


_UPDATED = re.compile(r"[/|·\s]*(?:Updated|Last updated|更新)\b.*$", re.I)


def _entry_dates(lines: list[str]) -> dict[int, int]:
    """Lines that are only a date, or open with one, when two or more stand before any related
    news: the dates of a listing's entries (line number -> where the date ends)."""
    found: dict[int, int] = {}
    for n, raw in enumerate(lines):
        line = raw.strip()
        if RELATED.match(line):
            break
        stamp = dates.find_stamp(line[:60]) if line[:1].isalnum() else None
        if stamp is None:
            continue
        m = stamp[1]
        if len(line) < 40 and len((line[:m.start()] + line[m.end():]).split()) <= 3 or m.start() == 0:
            found[n] = m.end()
    return found if len(found) >= 2 else {}


def _stamp(page: Page, line: str) -> str | None:
    """A publication stamp: a short line that is mostly a full date ("iconNov 20, 2025 16:13",
    "Sep 28, 2021 06:32 AM (GMT+8) · Site", "来源:SMM发布时间:2025-11-20 18:17"), or a full date at
    the very start of a line, perhaps after a label ("date 2021-09-10 Before we ..."), whose rest is text."""
    found = dates.find_stamp(line[:200])
    if not found:
        return None
    when, m = found
    before, after = line[:m.start()], _UPDATED.sub("", line[m.end():]).strip()
    if len(line) < 80 and len((before + " " + after).split()) <= 4:
        page.stamp = when
        page.keep("stamp", line)
        if (src := re.match(r"^\s*(?:Source|来源)\s*[:：]\s*(?P<source>.+?)(?:发布时间|发布日期|时间|日期|Published|$)", before, re.I)):
            page.source = page.source or src["source"].strip(" ·|")
        return "stamp"
    if dates.STAMP_LABEL.match(before) and not page.blocks:
        page.stamp = when
        page.keep("stamp", line[:m.end()].strip())
        if after:
            page.blocks.append(after)
        return "stamp"
    return None


def _retitles(line: str, title: str) -> bool:
    """A short line that says the title again in other order or with a series name ("SMM Daily
    Report: Prices Stabilize" under "Prices Stabilize: SMM Daily Report")."""
    if len(line) > 1.5 * len(title) + 20:
        return False
    mine, theirs = words(line), words(title)
    return len(theirs) >= 3 and len(mine & theirs) >= 0.8 * max(len(mine), len(theirs))


def _restates(block: str, title: str) -> bool:
    """A first paragraph that is the title said again as a sentence (a dek)."""
    if len(block) > 400 or ITEM.match(block):
        return False
    mine, theirs = words(block), words(title)
    return len(mine) >= 5 and len(mine & theirs) >= 0.6 * len(mine)


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


def _is_title(page: Page, line: str) -> bool:
    """The first heading-like line of a page that has no title yet: in title case, with a date
    code, a short Chinese line, or a headline in sentence case (no closing full stop)."""
    return not page.title and not page.blocks and not ITEM.match(line) and bool(
        is_heading(line) or (len(line) < 120 and (dates.TITLE_DDMM.search(line) or dates.TITLE_CODE.search(line)))
        or (len(line) <= 40 and CJK.search(line) and not re.search(r"[。，；！？]", line))
        or is_headline(line))


def _finish(page: Page) -> None:
    """A tag line left at the end, a title's series tag, and paragraphs given twice."""
    blocks = page.blocks
    while blocks and is_tag(blocks[-1]) and not ITEM.match(blocks[-1]) and not PRICE_LOG.match(blocks[-1]) \
            and not isinstance(blocks[-1], EntryDate):
        page.keep("tag", blocks.pop())
    if page.title and (tag := TITLE_TAG.search(page.title)) and SERIES.match(tag["tag"].strip()):
        page.keep("series", tag.group(0).strip())
        page.title = page.title[:tag.start()].strip() or page.title
    joined = _tables_joined(blocks)
    told = [words(b) if len(b) > 60 and not ITEM.match(b) and not BULLET.match(b) else None for b in joined]
    seen = _Said([words(page.highlights)] if page.highlights else [], told)
    kept: list[str] = []
    for block, mine in zip(joined, told):
        if not kept and page.title and _restates(block, page.title):
            if page.highlights:
                page.keep("duplicate", block)
            else:
                page.highlights = block  # a dek: the title said again as one sentence
                seen.add(words(block))
            continue
        if mine is not None:
            if seen.repeated(mine):
                page.keep("duplicate", block)
                continue
            seen.add(mine)
        kept.append(block)
    page.blocks = kept


class _Said:
    """The word sets of the paragraphs kept so far, found by their rarest words, so that a paragraph is
    compared only with those that can share enough words to repeat it, not with every one (prefix
    filtering: two paragraphs that repeat each other share at least 45 % of the smaller one's words, so
    one of the rarest ``n - floor(0.45 n) + 1`` words of the smaller one is in the other)."""

    CHECKED = 300  # paragraphs compared at most, the first ones (a page of thousands of near-equal paragraphs)

    def __init__(self, first: list[set[str]], coming: list[set[str] | None]):
        counts: dict[str, int] = {}
        for group in (first, coming):
            for told in group:
                for w in told or ():
                    counts[w] = counts.get(w, 0) + 1
        self.rank = {w: n for n, w in enumerate(sorted(counts, key=lambda w: (counts[w], w)))}
        self.sets: list[set[str]] = []
        self.holding: dict[str, list[int]] = {}  # word -> paragraphs that hold it
        self.prefixed: dict[str, list[int]] = {}  # word -> paragraphs among whose rarest words it is
        for told in first:
            self.add(told)

    def _prefix(self, told: set[str]) -> list[str]:
        return sorted(told, key=lambda w: self.rank.get(w, -1))[:len(told) - int(0.45 * len(told)) + 1]

    def add(self, told: set[str]) -> None:
        n = len(self.sets)
        self.sets.append(told)
        for w in told:
            self.holding.setdefault(w, []).append(n)
        for w in self._prefix(told):
            self.prefixed.setdefault(w, []).append(n)

    def repeated(self, mine: set[str]) -> bool:
        if len(mine) < 8:
            return False
        found: set[int] = set()
        for w in self._prefix(mine):
            found.update(self.holding.get(w, ()))
        for w in mine:
            found.update(self.prefixed.get(w, ()))
        return _repeats(mine, [self.sets[n] for n in sorted(found)[:self.CHECKED]])


_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def _tables_joined(blocks: list[str]) -> list[str]:
    """Rows of a table (``a | b | c``) belong to the paragraph before them, as one block."""
    out: list[str] = []
    for block in blocks:
        if block.count("|") >= 2 and out:
            if not _TABLE_RULE.match(block.replace(" ", "")):
                out[-1] += "\n" + block
            continue
        out.append(block)
    return out


def _menu_lines(lines: list[str]) -> set[int]:
    """Indices of a site menu: a run of six or more short navigation lines."""
    out: set[int] = set()
    run: list[int] = []
    for n, raw in enumerate(lines + ["."]):
        line = raw.strip().lstrip("•·*>-– ").strip()  # a menu may be a list of bullets
        if not line:
            continue
        parts = line.split()
        if len(parts) <= 5 and len(line) <= 40 and all(MENU_WORD.match(w.rstrip(":")) for w in parts) \
                and line[:1].isupper():
            run.append(n)
            continue
        if len(run) >= 6:
            out.update(run)
        run = []
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


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower()) if len(w) > 2 or not w.isascii()}


def repeats(text: str, earlier: list[set[str]]) -> bool:
    """True when ``text`` says what an earlier paragraph said (a repeat or a second translation)."""
    return _repeats(words(text), earlier)


def _repeats(mine: set[str], earlier: list[set[str]]) -> bool:
    if len(mine) < 8:
        return False
    size = len(mine)
    for other in earlier:
        common = len(mine & other)
        shorter = min(size, len(other))  # a headline's words inside its summary make no repeat
        if common / max(1, size + len(other) - common) >= 0.45 or (shorter >= 15 and common / shorter >= 0.7):
            return True
    return False

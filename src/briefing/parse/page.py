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
CAPTION = re.compile(r"(?:^|[.!?)]\s)(?:Image|Photo|Picture|Credit|Photograph)s?\s*(?:credit|source)?\s*[:：]\s*"
                     r"(?:https?://\S+|[^.]{1,60}\.?)$", re.I)
# a blog's comment form, and template placeholders or language switches left in a saved page
CHROME = re.compile(r"^(?:Leave a (?:Reply|Comment)|Submit a Comment|Post a Comment|Cancel reply|Your email address will "
                    r"not be published|Required fields are marked|Share (?:this|on)\b|Print this|Subscribe to (?:our )?newsletter)"
                    r"|^\{[\w-]+\}$|^[A-Z][a-z]+_[A-Z][a-z]+$"
                    r"|^(?:分享至|分享到|Share|Language|语言|Tags?|标签)\s*[:：]?$"
                    r"|^(?:微信|新浪微博|微博|QQ空间|朋友圈|Facebook|Twitter|LinkedIn|WhatsApp|Weibo|WeChat)$"
                    r"|^\d{1,2}\s*min(?:ute)?s?\s+read$|^.{0,60}\blogo$"
                    r"|^(?:Written by|By|Posted by|Author)\s*:?\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$"
                    # consent and banner buttons, "latest news" strips, a time ago, social counters, a post's stamp label
                    r"|^(?:Got it|Accept(?: all)?(?: cookies)?|I agree|OK|Close|Dismiss)\s*[!.]?$|.{0,80}\bstay tuned!?$"
                    r"|^(?:Latest|Latest News|Top Stories|Breaking News|Trending)$|^\d{1,2}\s*(?:m|min|h|hr|d)\s+ago$"
                    r"|^(?:top of page|back to top|skip to (?:main )?content)$|^(?:Last )?Updated\s*[:：]?\s*\S.{0,24}$"
                    r"|^Dear [\w ]{2,30},$"
                    r"|^(?:(?:发布于|發佈於|发表于|發表於)[\s:：]*)?(?:[\u4e00-\u9fff]{0,6}\s*[:：]\s*\d+\s*){2,}$"
                    r"|^(?:发布于|發佈於|发表于|發表於)\s*[:：]?$|^(?:风险提示|風險提示|免责声明|免責聲明|Disclaimer)\s*[:：]"
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
        if line.startswith(("**", "__")) and line.endswith(line[:2]) and len(line) > 4:
            line = line[2:-2].strip()  # a line set in bold (Markdown): a heading
        if (by := BYLINE_PREFIX.match(line)) and len(line) > by.end() + 20:
            page.keep("byline", by.group(0).strip())  # "BY ONOME AMUGE Copper plunged ...": the name, then the text
            line = line[by.end():]
        if page.blocks and line == page.blocks[-1] and not BULLET.match(line):
            page.keep("duplicate", line)  # a line printed twice in a row (a card's headline and its link)
            continue
        if page.title_line and not page.blocks and not entry_dates and _retitled_below(page, line, lines[n + 1:n + 4]):
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
    if page.stamp is not None and len(line) < 80 and _stamp_line(line):
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
        return _press_dateline(page, line, m)
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
    if len(line) < 120 and CHROME.match(line):
        page.keep("chrome", line)
        return "chrome"
    if page.title and (line in (page.title, page.raw_title) or _retitles(line, page.title) or _site_title(line, page.title)):
        page.keep("title", line)
        return "title"
    if not page.title and not page.blocks and (outcome := _series_head(page, line)):
        return outcome
    if _is_title(page, line):
        page.title = page.raw_title = line
        page.title_line = True
        return "title"
    if page.title and not page.blocks and (tag := TITLE_TAG.search(line)) and line[:tag.start()].strip() == page.title:
        return "title"
    return None


def _press_dateline(page: Page, line: str, m: re.Match) -> str:
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


def _stamp_line(line: str) -> bool:
    """A short line that is only a full date, perhaps with its time and an 'Updated ...' tail."""
    found = dates.find_stamp(line)
    if not found:
        return False
    m = found[1]
    rest = re.sub(r"[/|·]", " ", line[:m.start()] + " " + _UPDATED.sub("", line[m.end():]))
    return len(rest.split()) <= 2 and not re.search(r"\d{3,}", rest)


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


def _retitled_below(page: Page, line: str, after: list[str]) -> bool:
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


def _site_title(line: str, title: str) -> bool:
    """The title with the site's name after it, as a browser tab shows it ("Prices Fall - Shanghai Metals Market")."""
    if not line.startswith(title) or len(title.split()) < 3:
        return False
    rest = line[len(title):]
    return bool(re.match(r"^\s*[-–—|·]\s*\S", rest)) and len(rest.split()) <= 8 and not rest.rstrip().endswith(".")


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


_SENTENCE_END = (".", "。", "!", "?", "！", "？", "…", "...")


def _series_head(page: Page, line: str) -> str | None:
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
    seen: list[tuple[set[str], set[str]]] = [_facts(page.highlights)] if page.highlights else []
    kept: list[str] = []
    story = not any(ITEM.match(b) for b in blocks)  # no bracket items: the page tells one story
    for block in _tables_joined(blocks):
        if not kept and page.title and _restates(block, page.title):
            if page.highlights:
                page.keep("duplicate", block)
            else:
                page.highlights = block  # a dek: the title said again as one sentence
                seen.append(_facts(block))
            continue
        if len(block) > 60 and not ITEM.match(block) and not BULLET.match(block):
            hit = repeated(block, seen)
            if hit is not None and story and not page.highlights and len(kept) == 1 and len(seen) == 1:
                page.highlights = kept.pop()  # a story's summary, then its text, which opens by saying it again
            elif hit is not None:
                page.keep("duplicate", block)
                continue
            seen.append(_facts(block))
        kept.append(block)
    page.blocks = kept


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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _facts(text: str) -> tuple[set[str], set[str]]:
    """The words and the numbers of a text."""
    return words(text), {n.replace(",", "") for n in _NUMBER.findall(text)}


def repeated(text: str, earlier: list[tuple[set[str], set[str]]]) -> int | None:
    """Which earlier paragraph ``text`` says again (a repeat or a second translation), else None. A text
    that gives numbers the other does not tell something else ("Cold Rolled Coil: ... $735-$770" under
    "Hot Rolled Coil: ... $635-$665"), and one much longer than it is its full text, not its repeat."""
    mine, numbers = _facts(text)
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

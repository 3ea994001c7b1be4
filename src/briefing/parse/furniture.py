"""Furniture lines: contact notes and staff lists, captions, site chrome (comment forms, consent buttons,
bylines, share widgets, counters), read-more links, tag lines and site menus. ``page`` keeps them apart
from the article's text.
"""

from __future__ import annotations

import re

from .patterns import MENU_WORD


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
CAPTION = re.compile(r"(?:^|[.!?)]\s)(?:(?:File|Stock|Cover|Top|Main|Lead) )?(?:Image|Photo|Picture|Credit|Photograph)s?\s*(?:credit|source)?\s*[:：]\s*"
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
                    r"|^Dear [\w ]{2,30},$|^In this (?:section|issue|edition|newsletter|report),? (?:we|you)\b[^.]{0,100}\.?$"
                    r"|^(?:(?:发布于|發佈於|发表于|發表於)[\s:：]*)?(?:[\u4e00-\u9fff]{0,6}\s*[:：]\s*\d+\s*){2,}$"
                    r"|^(?:发布于|發佈於|发表于|發表於)\s*[:：]?$|^(?:风险提示|風險提示|免责声明|免責聲明|Disclaimer)\s*[:：]"
                    r"|^[A-Z][\w]+ (?:Staff|Newsroom|Editorial Team)$"
                    # a wire story's note on its version: "(Adds comment, updates prices)", "(Recasts, adds details)"
                    r"|^\((?:Adds|Updates|Recasts|Corrects|Repeats|Refiles|Rewrites|Writes through|Changes)\b[^()]{0,80}\)$",
                    re.I)


# a site's links saved without the spaces between them ("FinancialGovernment SolutionsLegalReuters News"):
# three or more words glued to the next one's capital, and no sentence
GLUED_LINKS = re.compile(r"^(?=(?:[^.!?。]*?[a-z]{2}[A-Z][a-z]){3})[^.!?。]*$")


# a newsletter's greeting, which tells what the issue is, not news ("Welcome to our January newsletter. We ...")
GREETING = re.compile(r"^(?:Welcome to|Thank you for reading)\b[^.]{0,80}?\b(?:newsletter|issue|edition|digest|briefing)\b",
                      re.I)


# a pointer elsewhere ("To see all our methodology documents, go to https://..."), and a price reporter's note on
# how it treats the numbers it is given ("... uses its expert judgment to exclude outlying ...")
POINTER = re.compile(r"^To (?:see|read|find|view|learn|access|download)\b[^.]{0,120}?,?\s*(?:go to|visit|see|click)\s+\S+"
                     r"|^[^.]{0,60}\buses its (?:expert )?judge?ment to (?:exclude|discard|discount)\b"
                     # a note pointing at a picture ("SMU Note: Below is a graphic showing ...")
                     r"|^(?:[\w ]{0,20}\bNote\s*[:：]\s*)?(?:Below|Above) (?:is|are) (?:a|an|the|our)\s+"
                     r"(?:graphic|chart|graph|table|image|picture|map)s?\b", re.I)


# chrome of any length: tried on every line that no other furniture test took
LONG_CHROME = (GLUED_LINKS, GREETING, POINTER)


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


def is_tag(line: str) -> bool:
    """A topic tag line: a few words (or, in Chinese, a few characters), no sentence."""
    return (len(line.split()) <= 4 and len(line) <= 40 and not line.endswith((".", ":", "：", "。"))
            and not re.search(r"[。，；！？]", line))


def menu_lines(lines: list[str]) -> set[int]:
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


_LIST_MARK = re.compile(r"^[-•·*]\s+|^\d{1,2}[.、]\s*")


def contents_lines(blocks: list[str]) -> set[int]:
    """A table of contents: a run of two or more short list entries, one or more of them repeated further
    down as a heading of its own ("• Battery Industry Highlights" ... "Battery Industry Highlights"), with the
    line that introduces them ("Newsletter structure:"). The indices of those blocks."""
    out: set[int] = set()
    n = 0
    while n < len(blocks):
        end = n
        while end < len(blocks) and _LIST_MARK.match(blocks[end]) and len(blocks[end]) <= 60 \
                and not blocks[end].rstrip().endswith((".", "。")):
            end += 1
        if end - n >= 2:
            entries = {_LIST_MARK.sub("", blocks[k]).strip().rstrip(":：") for k in range(n, end)}
            if any(b.strip().rstrip(":：") in entries for b in blocks[end:]):
                out.update(range(n, end))
                if n and blocks[n - 1].rstrip().endswith((":", "：")) and len(blocks[n - 1]) <= 60:
                    out.add(n - 1)
        n = max(end, n + 1)
    return out


_LINK_DATE = re.compile(r"(?:^|\s)\d{1,2}/\d{1,2}/\d{4}\s*:\s")


def link_lists(blocks: list[str]) -> set[int]:
    """Lists of other articles run together on one line, each headline after its date ("5/29/2024: Anglo rejects
    ... 5/27/2024: India's ..."), with the heading over them: links to elsewhere, not this page's news."""
    out: set[int] = set()
    for n, block in enumerate(blocks):
        if len(_LINK_DATE.findall(block)) >= 2 and _LINK_DATE.match(block):
            out.add(n)
            if n and len(blocks[n - 1].split()) <= 4 and not blocks[n - 1].rstrip().endswith((".", "。")):
                out.add(n - 1)
    return out


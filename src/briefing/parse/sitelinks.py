"""Links to elsewhere on a story's page, recognised by their form: the header of the site's list of other stories
("Recent News", "相关阅读"), "See all >" and read-the-original links, other stories' headlines run together on one
line, listed after the story's sign-off, or set between its paragraphs. ``wrapping`` tries the line recognisers
among its own; ``blocks`` sets the headlines between paragraphs apart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .page import Page

__all__ = ["RELATED_HEAD", "SENTENCE", "headline_run", "interleaved_links", "listed_link", "more", "related", "short_line"]

SENTENCE = re.compile(r"[.!?。！？;；](?:\s|$)|[，。；]")


_MORE = re.compile(r"^(?:(?:See|View|Show)\s+(?:all|more)\b[^.]{0,20}|More\s*[>»›]+|更多\s*[>»›]*|查看更多\s*[>»›]*|"
                   r"阅读全文|閱讀全文|阅读原文|閱讀原文|查看原文|"
                   r"Read (?:the )?(?:full|original) (?:story|article|report|text)\b(?:\s*(?:on|at|:)\s*[^.]{1,40})?|"
                   # the links to the site's story before and after this one ("上一篇: ...", "Next article: ...")
                   r"(?:上一篇|下一篇|上一条|下一条|上一則|下一則|Previous|Next)(?: (?:article|post|story))?\s*[:：]\s*.{1,60})"
                   r"\s*[>»›:：]*$", re.I)


def short_line(pattern: re.Pattern, longest: int) -> Callable[[str, Page], bool]:
    """The test of a line shape: a line of at most ``longest`` characters that ``pattern`` matches."""
    return lambda line, page: len(line) <= longest and bool(pattern.match(line))


# a link to more of the site, to the story's original or to the stories beside it: "See all >", "查看更多",
# "Read full article on X", "上一篇: <headline>"
more = short_line(_MORE, 80)


RELATED_HEAD = re.compile(
    r"^(?:Recent (?:News|Posts|Stories|Articles)|Related(?: (?:News|Articles|Reading|Posts|Stories|Content|Coverage|"
    r"Links|Topics))?|More (?:News|Stories|Articles)(?: from [\w .&'-]{1,30})?|You (?:may|might) also like|"
    r"Recommended(?: for you| reading| stories)?|Further reading|Most (?:read|popular)|"
    r"相关(?:新闻|阅读|内容|文章|报道|推荐)|相關(?:新聞|閱讀|內容|文章|報導|報道)|延伸阅读|延伸閱讀|"
    r"推荐(?:阅读|内容|文章)|推薦(?:閱讀|內容|文章)|热门(?:推荐|文章|新闻)|熱門(?:推薦|文章|新聞)|猜你喜欢|"
    r"更多(?:阅读|新闻|资讯)|更多(?:閱讀|新聞|資訊))\s*[=\-:：>»]*$", re.I)


# the header of the site's list of other stories ("Recent News", "相关阅读"); what follows it is that list
# (``page`` keeps it apart when the story came before it)
related = short_line(RELATED_HEAD, 50)


def headline_run(line: str, page: Page) -> bool:
    """Other stories' headlines run together on one line between bullets ("Summary at 1630 GMT • Urgent: ...
    • Minister resigns • ..."): three bullets or more, no part a sentence. A short line over it is its box's
    heading ("Off the wire"), not the page's title."""
    parts = [p.strip() for p in re.split(r"\s*[•▪]\s*", line) if p.strip()]
    if len(parts) < 4 or any(len(p.split()) > 16 or p.endswith((".", "。", "!", "?")) for p in parts):
        return False
    if page.blocks and len(page.blocks[-1].split()) <= 4 and not SENTENCE.search(page.blocks[-1] + " "):
        page.keep("related", page.blocks.pop())
    elif not page.blocks and page.title_line and len(page.title.split()) <= 4:
        page.keep("related", page.title)
        page.title = page.raw_title = ""
        page.title_line = False
    return True


_LISTED = re.compile(r"^[-•·*▪►]\s*(?P<text>\S.{4,150})$")


def listed_link(line: str) -> bool:
    """A listed headline ("• Headline | Series ..."): a list entry with no sentence in it."""
    m = _LISTED.match(line)
    return bool(m) and not SENTENCE.search(m["text"]) and not m["text"].rstrip().endswith((".", "。", ":", "："))


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_SMALL = frozenset("with from into than that this their after over under about amid says said reports".split())


def _title_cased(line: str) -> bool:
    words = line.split()
    long = [w for w in words if len(w) > 3]
    return (6 <= len(words) <= 20 and len(line) <= 140 and line[:1].isupper() and not SENTENCE.search(line + " ")
            and not line.endswith((".", ":", "：")) and bool(long)
            and sum(w[:1].isupper() for w in long) >= 0.7 * len(long))


def _paragraph(block: str) -> bool:
    return len(block) >= 60 and block.rstrip().endswith((".", "!", "?", "。", "”", '"'))


def _content(text: str) -> set[str]:
    return {w.casefold().rstrip("s") for w in _WORD.findall(text)} - _SMALL


def interleaved_links(blocks: list[str]) -> set[int]:
    """Headlines of other stories set between a story's paragraphs: a line in title case, six words or more and
    no sentence, between two paragraphs, that names almost nothing the paragraph after it says (a subheading
    names what its paragraphs go on to tell). Their indices."""
    out: set[int] = set()
    for n in range(1, len(blocks) - 1):
        line = blocks[n]
        if not (_title_cased(line) and _paragraph(blocks[n - 1]) and _paragraph(blocks[n + 1])):
            continue
        mine = _content(line)
        if mine and len(mine & _content(blocks[n + 1])) < 0.25 * len(mine):
            out.add(n)
    return out

"""The line shapes the parser recognises, as regular expressions shared by its modules.

Each pattern is anchored or bounded so that it runs in time linear in its
line: no nested repetition over the same characters.
"""

from __future__ import annotations

import re

BREADCRUMB = re.compile(r"^\s*(?:Home|首页)\s*(?:/|>|›|»)")
# "当前位置: 爱股网 > 股票新闻 > 正文": a Chinese site's "you are here" line, whose last step names no article
WHERE_AM_I = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|所在位置)\s*[:：].*(?:>|›|»|/)")
# the first line of a site's category or tag page ("Category: CATL", "Tag: lithium", "Archives: Battery")
SECTION_PAGE = re.compile(r"^(?:Category|Tag|Topic|Archives?)\s*[:：]\s*\S.{0,40}$", re.I)
# a Chinese report's section names ("核心驱动因素", "行业发展现状", "未来发展趋势", "锂产品市场本周概要"): parts of one
# story, never a piece of news of their own
CJK_SECTION = re.compile(r"^[\u4e00-\u9fff]{0,10}(?:现状|趋势|因素|概况|概要|展望|背景|总结|结论|前景|回顾|综述)$")
SOURCE = re.compile(r"^\s*(?:Source|来源)\s*[:：]\s*(?P<source>.+?)\s*$", re.I)
SUMMARY = re.compile(r"^\s*(?:Highlights|Key Points|Preface|Summary|Abstract)\s*[:：]\s*(?P<text>.*\S)?\s*$", re.I)
# the inner text is taken whole (an atomic group), so a bracket followed by a long run never backtracks
ITEM = re.compile(r"^\s*[\[【](?P<inner>(?>[^\]】\[【]{3,}))[\]】]\s*[:：]?\s*(?P<body>.*)$")
STATEMENT = re.compile(r"^\s*Data Source Statement\s*[:：]\s*(?P<text>.+)$", re.I)
RELATED = re.compile(r"^\s*(?:Related (?:news|articles|reading)|More news|Recommended(?: reading)?|相关新闻|相关阅读)"
                     r"\s*[=\-:：]*\s*$", re.I)
PROMO = re.compile(r"^\s*》")
FORECAST = re.compile(r"\b(?:projection|projected|forecast|expected to|estimated|outlook|by (?:19|20)\d{2})\b", re.I)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*(?:\][^\]]*)?)\]\((?P<url>[^)\s]*)[^)]*\)")
# A bracket that names the series, not the news: "[SMM Weekly Review]", "Prices Edge Up [SMM Weekly Review]"
# (and "[SMM Weekly Review of Lithium Battery Anode Raw Material Market]", "【SMM分析】", "[SMM Cobalt & Lithium
# Morning Meeting Summary]")
SERIES = re.compile(
    r"^(?:SMM|Mysteel|Fastmarkets|Argus|Reuters)?\s*(?:(?:[A-Z][\w&-]*|&)\s+){0,6}?"
    r"(?:Weekly|Daily|Monthly|Morning|Evening|Market|Price|Quarterly)\s+(?:Meeting\s+)?"
    r"(?:Review|Report|Hot|Outlook|Summary|Brief(?:ing)?|Comment(?:ary)?|Wrap|Digest|Update|Watch|Survey)"
    r"(?:\s+of(?:\s+[\w&-]+){1,8})?(?:\s+\d{3,4})?$"
    r"|^(?:SMM|Mysteel)[\u4e00-\u9fff]{0,4}(?:\s+\w+){0,2}$", re.I)
TITLE_TAG = re.compile(r"\s*[\[【](?P<tag>[^\]】]{3,40})[\]】]\s*$")
ROMAN = re.compile(r"^(?P<num>(?:X{0,3})(?:IX|IV|V?I{0,3}))[.、)]\s+(?P<title>\S.{0,80})$")
NUMBERED = re.compile(r"^(?P<num>\d{1,2})(?:[.、)]\s+|[.、](?=[A-Z\u4e00-\u9fff]))(?P<rest>\S.*)$")  # "2. X", "2.X"
# the colon of a clock time ("September 28, 2018 / 4:08 AM") is no label's
LABEL = re.compile(r"^(?P<label>[A-Z\u4e00-\u9fff][^:：.!?]{0,50}?)\s*[:：](?<!\d[:：](?=\d))\s*(?P<body>\S.*)$")
LABEL_ALONE = re.compile(r"^(?P<label>[A-Z\u4e00-\u9fff][^:：.!?]{0,50}?)\s*[:：]$")
DASH_LABEL = re.compile(r"^(?P<label>[A-Z][\w/&'’ ]{1,30}?)\s+[-–—]\s+(?P<body>[A-Z0-9“\"].+)$")
BULLET = re.compile(r"^[-•·*]\s+(?P<body>\S.*)$")
GLUED_BULLET = re.compile(r"(?<=[.!?;。])\s*-\s+(?=[A-Z\"“\u4e00-\u9fff])")
PRICE_LOG = re.compile(
    r"^(?:Sale|Sold|Sales|Purchase|Purchased|Bought|Offer(?:ed)?|Bid|Deal|Transaction|Traded|Trade)s?\b.{0,80}?\d"
    r".{0,40}?(?:yuan|RMB|USD|US\$|\$|元)", re.I)
CREDIT = re.compile(r"(?<=[.。!?！？”\"])\s*[(（](?P<credit>[^()（）]{2,30})[)）]\s*$")
STRUCTURAL_HEADINGS = re.compile(r"^(?:Outlook|Forecasts?|Market (?:Overview|Outlook|Review)|Overview|Summary|"
                                 r"Conclusions?|Introduction|Background|Progress of .*)$", re.I)
# a label that sums the page up ("Market Overview for September 2024: ...", "Summary: ..."), not a piece of news
SUMMARY_LABEL = re.compile(r"^(?:Market\s+)?(?:Overview|Summary|Introduction|Abstract|Key\s+Takeaways)\b", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")
# a colon after words like these ends a clause ("The company said: ..."), not a label
CLAUSE_VERB = re.compile(r"\b(?:said|says|stated|states|noted|added|told|announced|explained|is|are|was|were|will|"
                         r"has|have)\b")
# a Chinese paragraph that goes on with the story before it: "公告表示，", "根据公告，", "其中，", "本次集采", "截至今日收盘"
CJK_GOES_ON = re.compile(r"^(?:其中|此外|另外|同时|同時|对此|對此|公告|根据|根據|据悉|據悉|该|該|这|這|此次|本次|截至|截止|公司|"
                         r"对上市公司|對上市公司|[\u4e00-\u9fff]{0,6}(?:显示|顯示|表示|指出|称|稱)[,，:：])")
MENU_WORD = re.compile(r"^[A-Za-z&'’/-]+$")


def is_heading(line: str) -> bool:
    """A short line in title case with no closing punctuation."""
    words = line.split()
    long_words = [w for w in words if len(w) > 3]
    return (
        0 < len(words) <= 12 and len(line) <= 160
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "?", "\"", "”", "。", "；", "！", "？"))
        and line[:1].isupper()
        and sum(w[:1].isupper() for w in long_words) >= max(1, len(long_words) // 2)
    )


def is_headline(line: str) -> bool:
    """A headline in sentence case: 4 to 20 words, a capital first, no closing punctuation."""
    return (4 <= len(line.split()) <= 20 and len(line) <= 160 and line[:1].isupper()
            and not line.endswith((".", ",", ";", ":", "!", "?", "。", "：", "…")) and "|" not in line)


def is_field(line: str) -> bool:
    """A field of a specification sheet: ``Quantity: Min 100 tonnes`` (a short label, a short value)."""
    m = LABEL.match(line)
    return bool(m) and len(m["label"].split()) <= 3 and len(m["body"]) <= 80 and not m["body"].endswith((".", "。"))


def runs(blocks: list[str], test, least: int = 3) -> set[int]:
    """Indices of blocks in runs of at least ``least`` consecutive blocks that pass ``test``."""
    out: set[int] = set()
    start = 0
    for n in range(len(blocks) + 1):
        if n == len(blocks) or not test(blocks[n]):
            if n - start >= least:
                out.update(range(start, n))
            start = n + 1
    return out


# a paragraph that opens with the day its news happened ("On January 18, ...", "On 21 August, ...", "12月4日，...")
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
DATED_LEAD = re.compile(rf"^(?:On|In (?:early|mid|late)(?:-| )?)\s*(?:{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?|"
                        rf"\d{{1,2}}\s+{_MONTH_WORD}|{_MONTH_WORD})(?:,?\s+\d{{4}})?,\s|"
                        r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日[，,]")



def is_plain(block: str) -> bool:
    """A paragraph of text: no marker of any item shape."""
    return not (ITEM.match(block) or ROMAN.match(block) or BULLET.match(block) or LABEL_ALONE.match(block)
                or (is_heading(block) and not block.endswith(".")))

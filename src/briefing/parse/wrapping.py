"""The furniture that wraps one story on a newspaper, aggregator or portal page, recognised by its form.

A story copied from such a page comes between lines that are not its text: a byline block under the title
("April 18, 2018 / site.com / Article Link"), credit lines after it (an editor, a proofreader, "(Reporting by
...; Editing by ...)"), share, print and font-size buttons, a copyright or reprint notice, a "See all >" link,
and the header of the site's list of other stories ("Recent News", "相关阅读") with that list under it (the
recognisers of such links live in ``sitelinks``).

``WRAPPERS`` holds one small recogniser per shape, in the order they are tried: a name (the furniture kind it
records) and a ``test(line, page)``. ``recognise`` gives the first that takes a line; a byline's date is the
page's publication date when no stamp came before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .. import dates
from .sitelinks import SENTENCE, headline_run, more, related, short_line

if TYPE_CHECKING:
    from .page import Page

__all__ = ["PRESS_LEAD", "SIGN_OFF", "WRAPPERS", "Wrapper", "recognise"]


@dataclass(frozen=True)
class Wrapper:
    name: str
    test: Callable[[str, "Page"], bool]


_SITE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|cn|hk|co|uk|io|news|info)$|^Article Link$|^By\s", re.I)
_PARTS = re.compile(r"\s+[/|·丨]\s+|\s*[|·丨]\s*|,\s+")


_FIELD = r"发布时间|發佈時間|发布日期|發佈日期|更新时间|更新時間|时间|時間|日期|来源|來源|作者|编辑|編輯|责任编辑|責任編輯|分类|分類|栏目|欄目"
_FIELD_LABEL = re.compile(rf"(?:{_FIELD})\s*[:：]\s*")
_COUNTER = re.compile(r"(?:点击|點擊|浏览|瀏覽|阅读|閱讀|阅读量|評論|评论)\s*[:：]?\s*\d*\s*次?")
_SOURCE_FIELD = re.compile(rf"(?:来源|來源)\s*[:：]\s*(?P<source>(?:(?!{_FIELD})[^\s:：/|]){{1,20}})")
# a portal's two-digit year after its date label ("时间:19-07-23"): read as 20YY
_SHORT_DAY = re.compile(r"(?:时间|時間|日期|发布时间|發佈時間)\s*[:：]\s*(?P<y>\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d:-])")


def _fields(line: str, page: Page) -> bool:
    """A Chinese portal's byline of labelled fields: its date, source, author, counters ("发布时间:2024-04-19
    来源:X 作者:Y 点击: 次", "时间:19-07-23来源:X"): every part a short field, the date the page's."""
    if len(line) > 120 or len(_FIELD_LABEL.findall(line)) < 2 or SENTENCE.search(line):
        return False
    found = dates.find_stamp(line)
    short = _SHORT_DAY.search(line) if not found else None
    if not (found or short):
        return False
    m = found[1] if found else short
    if found and len(line) < 80 and len((line[:m.start()] + " " + line[m.end():]).split()) <= 4:
        return False  # a stamp line with its label and source ("来源:SMM发布时间:2025-11-20"): read as a stamp
    rest = _COUNTER.sub(" ", _FIELD_LABEL.sub(" / ", line[:m.start()] + " " + line[m.end():]))
    rest = _FIELD_LABEL.sub(" / ", re.sub(r"^\s*/", "", rest))
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s{2,}", rest) if p.strip()]
    if any(len(p) > 20 or re.search(r"\d", p) for p in parts):
        return False
    if page.stamp is None:
        try:
            page.stamp = found[0] if found else dt.datetime(2000 + int(short["y"]), int(short["m"]), int(short["d"]))
        except ValueError:
            return False
    if not page.source and (src := _SOURCE_FIELD.search(line)):
        page.source = src["source"]
    return True


def _byline(line: str, page: Page) -> bool:
    """A short line of a full date and a few short parts beside it (site, author, "Article Link", a section),
    no sentence among them and no other number: "April 18, 2018 / news.site.com / Article Link",
    "Agency, September 8, 2015". Its date is the page's when none came before it."""
    if len(line) > 100 or SENTENCE.search(line.rstrip(":：")):
        return False
    found = dates.find_stamp(line)
    if not found:
        return False
    when, m = found
    rest = (line[:m.start()] + " / " + _widgetless(line[m.end():])).strip(" /|·,:：")
    parts = [p.strip(" :：") for p in _PARTS.split(rest) if p.strip(" :：/")]
    if not parts or any(len(p.split()) > 4 or len(p) > 40 or re.search(r"\d", p) for p in parts):
        return False
    separated = re.search(r"\s[/|·丨]\s", line) is not None
    agency = bool(re.fullmatch(r"[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,2},\s*", line[:m.start()])) and len(parts) == 1
    if not (separated or agency or any(_SITE.search(p) for p in parts)):
        return False
    if page.stamp is None:
        page.stamp = when
    return True


_ROLE = (r"校对|校對|责编|責編|责任编辑|責任編輯|编辑|編輯|审核|審核|审校|審校|终审|終審|监制|監製|主编|主編|美编|美編|"
         r"制图|製圖|制圖|摄影|攝影|撰文|作者|记者|記者|实习生|實習生|通讯员|通訊員|数据来源|數據來源|图片来源|圖片來源")
_CJK_CREDIT = re.compile(rf"^[(（]?(?:(?:{_ROLE})\s*[:：]\s*[^:：。，,;；()（）]{{1,20}}?\s*){{1,4}}[)）]?$")
_CJK_BYLINE_NOTE = re.compile(rf"^[(（](?:{_ROLE})\s*[:：]?\s*[^()（）:：。，]{{1,12}}[)）]$")
_WIRE_CREDIT = re.compile(r"^\(?(?:(?:additional\s+)?(?:reporting|reported|writing|written|editing|edited|compiled)"
                          r"\s+by\s+[^;()]{2,60}?[;,]?\s*(?:and\s+)?){1,4}\)?\.?$", re.I)


# a note on the story's writer after it: "Jane Doe is a reporter at Example News. She previously ..."
_AUTHOR_NOTE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2} (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,2}"
                          r"(?i:reporter|editor|journalist|writer|correspondent|columnist|contributor)\b")


def _credit(line: str, page: Page) -> bool:
    """Who wrote, edited or checked the story, or where its picture or data came from, on a line of its own:
    "校对:X 责编:Y", "(记者王政)", "(Reporting by X in Bengaluru; Editing by Y)"; after the story, a note on
    its writer ("Jane Doe is a reporter at ...")."""
    if len(line) <= 400 and page.blocks and _AUTHOR_NOTE.match(line):
        return True
    return len(line) <= 90 and bool(_CJK_CREDIT.match(line) or _CJK_BYLINE_NOTE.match(line)
                                    or _WIRE_CREDIT.match(line))


_WIDGET_WORDS = re.compile(
    r"(?i:\b(?:share(?:\s+(?:to|on|via|this))?|print(?:\s+this)?|e-?mail|adjust\s+font\s+size|font\s+size|"
    r"text\s+size|facebook|twitter|linkedin|youtube|tiktok|whatsapp|weibo|wechat|reddit|pinterest|telegram|"
    r"copy\s+link|bookmark|save)\b|A\+|A-)"
    r"|打\s*印|分享(?:到|至)?|收藏|微信|新浪微博|微博|QQ空间|朋友圈|字号|字體|字体|[大中小](?=\s|$|[】\]|])|关闭窗口|關閉窗口|返回顶部|返回頂部")
_STRONG = re.compile(r"(?i:share|print|font|facebook|twitter|linkedin)|打\s*印|分享|字号|字體|字体")
_QR = re.compile(r"二维码|二維碼|扫码|掃碼")


def _widgetless(text: str) -> str:
    return _WIDGET_WORDS.sub(" ", text)


_COMMENTS = re.compile(r"^(?:评论|評論|我要评论|我要評論|发表评论|發表評論|网友评论|網友評論|最新评论|最新評論|"
                       r"暂无评论|暫無評論|Comments?|Leave a comment|No comments(?: yet)?)\s*[:：(（]?\s*\d*\s*[)）]?"
                       r"(?:[,，!！]?\s*[^。.]{0,16}[!！]?)?$", re.I)


def _widget(line: str, page: Page) -> bool:
    """Share, print and font-size buttons, a QR code's prompt, a comment box: nothing but the buttons' words
    ("Share to Facebook Share to Twitter", "【打 印】", "Adjust font size:", "扫描二维码访问移动版")."""
    if len(line) > 160:
        return False
    if len(line) <= 80 and _QR.search(line) and not SENTENCE.search(line) or len(line) <= 40 and _COMMENTS.match(line):
        return True  # a QR code's prompt; a comment box ("评论", "暂无评论哦,快来评价一下吧!", "Comments (3)")
    rest = re.sub(r"[\s【】\[\]|/:：·•>»()（）]+", "", _widgetless(line))
    return bool(_STRONG.search(line)) and not rest


_NOTICE = re.compile(r"^(?:©|\(c\)\s|Copyright\b|All rights reserved|版权所有|版權所有|版权声明|版權聲明|"
                     # a call to follow the site ("欢迎关注X官方微信", "更多资讯请关注公众号", "Follow us on ...")
                     r"(?:更多(?:资讯|精彩|内容)[^。]{0,8})?(?:欢迎|請|请)?(?:关注|關注|扫码关注)[^。]{0,30}(?:微信|公众号|公眾號|微博)|"
                     r"Follow us on\b|"
                     r"未经.{0,12}(?:授权|许可|同意).{0,12}转载|未經.{0,12}(?:授權|許可|同意).{0,12}轉載|"
                     r"(?:转载|轉載)请注明|本(?:站|网|網|网站|網站)[^。]{0,40}(?:仅供|僅供|不代表|不承担|不承擔|网友|網友|版权|版權)|"
                     r"This article,? (?:images )?and content belong to)"
                     r"|ICP备|ICP證|ICP证|公网安备|公網安備|\ball rights reserved\b", re.I)


def _notice(line: str, page: Page) -> bool:
    """A copyright, reprint or site notice: "© 2025 Site", "未经授权严禁转载", "本站资料均由网友...", a filing
    number, a call to follow the site's account."""
    m = _NOTICE.search(line)
    return bool(m) and len(line) <= 300 and (m.start() == 0 or len(line) <= 120)


# a disclaimer, however long its paragraph ("免责声明:本网站内容主要来自 ...", "Disclaimer: ...")
_disclaimer = short_line(re.compile(r"^(?:免责声明|免責聲明|风险提示|風險提示|Disclaimer)\s*[:：]", re.I), 5000)


_REPORTER = (r"(?:本报|本報)?(?:记者|記者|通讯员|通訊員)\s*[\u4e00-\u9fff·]{2,4}(?:\s*[、\s]\s*[\u4e00-\u9fff·]{2,4}){0,3}"
             r"\s*(?:报道|報道|报导|報導)")
# a newspaper's own-report marker opening its story's first paragraph: "本报讯 记者X报道", "(记者X Y报道)"
PRESS_LEAD = re.compile(rf"^(?:(?:本报讯|本報訊)\s*(?:[(（]?{_REPORTER}[)）]?)?|[(（]?{_REPORTER}[)）]?)\s*[:：,，]?\s*")


_CHROME = re.compile(
    r"^\[(?:ad_?\d*|ads?|advert(?:isement)?)\]$|^(?:Advertisement|广告|廣告)$"  # an ad's place or its template tag
    r"|^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|cn|hk|co|uk|io|news|info)(?:/\S*)?$"  # a site alone
    r"|^(?:\d{1,2}|an?)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago$"  # when, relative to the visit
    r"|^(?:Source link|Original (?:article|story|post)|\(full story\)|Redirecting to (?:the )?full article\W*)$", re.I)


# an aggregator's chrome around the story: an ad's place ("[ad_1]"), the source site's address alone on its line,
# a time relative to the visit ("8 days ago"), a "Source link" or "(full story)" pointer
_chrome = short_line(_CHROME, 80)


_WHERE = re.compile(r"^(?:You are here|You're here)\s*[:：]", re.I)
_SECTIONS = re.compile(r"^[A-Z][A-Z&' -]{1,20}(?:\s*[/>›»]\s*[A-Z][A-Z&' -]{1,20}){1,4}$")


# a "You are here: Home > ..." line: the site's path, never the story's text nor its title
_where = short_line(_WHERE, 120)


def _sections(line: str, page: Page) -> bool:
    """A path of section names in capitals over everything else ("PHOTO / BIZ", "MARKETS > METALS"): the site's."""
    return not page.title and not page.blocks and len(line) <= 60 and bool(_SECTIONS.match(line))


WRAPPERS = (
    Wrapper("related", related),
    Wrapper("related", headline_run),
    Wrapper("breadcrumb", _where),
    Wrapper("breadcrumb", _sections),
    Wrapper("chrome", _chrome),
    Wrapper("more", more),
    Wrapper("credit", _credit),
    Wrapper("widget", _widget),
    Wrapper("notice", _notice),
    Wrapper("notice", _disclaimer),
    Wrapper("byline", _byline),
    Wrapper("byline", _fields),
)


# the furniture that closes a story: what comes after it is the site's, not the story's
SIGN_OFF = frozenset({"credit", "notice", "contact"})
def recognise(line: str, page: Page) -> str | None:
    """The name of the first wrapper that takes ``line`` (recorded in the page's furniture), or None."""
    for wrapper in WRAPPERS:
        if wrapper.test(line, page):
            page.keep(wrapper.name, line)
            return wrapper.name
    return None



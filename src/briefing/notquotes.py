"""Price figures that quote no market: what the words around a price say it is instead.

A figure with a currency and a unit of weight is a market's quote unless its
sentence makes it something else: a bid's or an investment's price, an
outlook, the desk's own view, a chart level or threshold ("support at",
"struggled to stay above"), the level before
("from $1,050 per ton last week", "versus $80-100 per tonne a week ago"), or
a cost ("the cost of prebaked anodes reached", "AISC rose to"). ``reason``
names which, or gives "" for a quote.
"""

from __future__ import annotations

import datetime as dt
import re

from . import dates

# a bid, a tender or an investment states what one buyer pays once, not a market's quote
_DEAL = re.compile(r"\b(?:bids?|bidding|tenders?|winning|won|unit price (?:of|limit)|price (?:cap|limit)|invest\w*"
                   r"|subsid\w+|procurement)\b|中标|中標|招标|招標|投标|投標|限价|限價", re.I)
# a price looked forward to is an outlook, not a quote: "is likely to trade at", "are seen lower at"
_OUTLOOK = re.compile(r"\b(?:likely|expected|expect|projected|forecast|anticipated|estimated|seen)\b[^.;]{0,40}?"
                      r"\b(?:to (?:trade|range|move|fluctuate|hover|hold|stay|reach|be)|at|around|between)\b|"
                      r"\b(?:will|may|could|might) (?:trade|range|move|fluctuate|hover)\b", re.I)
# the desk's own view ("We see it trading at", "we expect it to weaken in a range of") looks forward too
_OUR_VIEW = re.compile(r"\b(?:we|analysts?|traders?)\s(?:see|expect|forecast|anticipate|predict)\b", re.I)
# a chart level a price is measured against is no quote: "support at $2,100/mt", "struggled to break the $3,300/mt
# level" (but "hit the $6,300/mt level" is the day's high)
_LEVEL_BEFORE = re.compile(r"\b(?:support|resistance|break|barrier|threshold|ceiling|floor)\b[^,;.]{0,20}$", re.I)
# a threshold crossed or held, not a level traded at: "surged above 78,500 yuan/mt", "quotes at or above $630/mt"
_THRESHOLD = re.compile(r"\b(?:above|below|beyond|under|over)\s+(?:the\s+)?(?:level\s+of\s+)?$"
                        r"|(?:超过|超過|高于|高於|低于|低於|突破|跌破|站上)\s*$", re.I)
# ... or written after it: "priced at $620/mt and above", "达到0.7元/kWh时" (once it reaches)
_THRESHOLD_AFTER = re.compile(r"\s*(?:(?:and|or)\s+(?:above|below|higher|lower|more)\b|以上|以下|时|時)", re.I)
# the level a change started from: "from $1,050 per ton", "versus $80-100", "its previous level of over $110"
_EARLIER_BEFORE = re.compile(
    r"(?<!range)(?<!ranged)(?<!ranging)\s(?:from(?:\s+the)?|versus|vs\.?|compared\s+(?:with|to)"
    r"|previous\s+level\s+of(?:\s+over)?)\s+$|(?:从|從|较|較)\s*$", re.I)
_TO_NEXT = re.compile(r"\s*(?:(?:to|down to|up to)\s|(?:下滑|下跌|下降|回落|上涨|上升|降|涨|升)?(?:到了|到|至))", re.I)
# ... and the words after it that date it before the quote: "a week ago", "last week", "early this week"
_EARLIER_AFTER = re.compile(
    r"\s*(?:\([^()]{1,30}\)\s*)?(?:a\s+(?:day|week|month|year)\s+(?:ago|earlier)|(?:last|early\s+this|earlier\s+this)"
    r"\s+(?:week|month|year)|the\s+(?:previous|prior)\s+(?:\w+\s+)?(?:day|week|month|session)|yesterday"
    r"|in\s+(?:early|mid|late)[\s-]\w+)\b", re.I)
# ... unless a calendar day follows, the day that earlier level was the quote of: "from 65-67% on June 3"
_DAY_AFTER = re.compile(r"\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?" + dates._MONTH
                        + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b", re.I)
# a payable: a share of a metal's price, quoted as a percent ("62-65% of the standard-grade cobalt metal price")
_OF_PRICE = re.compile(r"\s+of\s+(?:the\s+)?[^.;,]{0,60}?\bprice\b", re.I)
# a producer's cost is no market quote: "the cost of prebaked anodes reached", "AISC rose to"
_COST = re.compile(r"\b(?:costs?|AISC)\b", re.I)


def reason(text: str, start: int, at: int, after: int, end: int, words: str, ranged: bool) -> str:
    """Why the price figure at ``text[at:after]`` (its sentence ``text[start:end]``, the words that describe it
    ``words``, ``ranged`` when it is a range) is no quote, or "" when it is one."""
    sentence, near = text[start:end], text[max(start, at - 30):at]
    if _DEAL.search(sentence):
        return "deal"
    if _OUTLOOK.search(text, start, at) or _OUR_VIEW.search(text, start, at):
        return "outlook"
    if _LEVEL_BEFORE.search(near) or _THRESHOLD.search(near) or _THRESHOLD_AFTER.match(text, after):
        return "level"
    if _EARLIER_BEFORE.search(text, max(start, at - 30), at) and not _DAY_AFTER.match(text, after) and (
            not ranged or _TO_NEXT.match(text, after) or _EARLIER_AFTER.match(text, after)):
        return "earlier"
    if re.match(r"\s*ago\b", text[after:after + 8]) or (
            _EARLIER_AFTER.match(text, after) and re.search(r"\b(?:versus|vs|than)\b", near)):
        return "earlier"
    if _COST.search(words):
        return "cost"
    return ""


_WORDS_BEFORE_DAY = re.compile(r"[^,;.\d]{0,60}?(?=\s+on\s)")


def day_after(text: str, after: int, near: dt.date | None, reach: bool = False) -> dt.date | None:
    """The calendar day written right after a figure ("on June 3", "on Wednesday November 11"), or with
    ``reach`` a few words after it in its clause ("of the metal price (low-end) on Friday June 5"), in the year
    of ``near`` (the year before when the day would fall after it)."""
    if reach and (words := _WORDS_BEFORE_DAY.match(text, after)):
        after = words.end()
    m = _DAY_AFTER.match(text, after)
    if not (m and near):
        return None
    try:
        day = dt.date(near.year, dates.MONTHS[m["month"][:3].lower()], int(m["day"]))
    except ValueError:
        return None
    return day if day <= near else day.replace(year=day.year - 1)


def payable(text: str, after: int, unit: str) -> bool:
    """A percent figure that is a share of a metal's price: a payable indicator."""
    return unit == "%" and bool(_OF_PRICE.match(text, after))

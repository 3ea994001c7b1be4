"""The metric of a figure, one of ``METRICS``, from its words, its unit and the words around it."""

from __future__ import annotations

import re

from ..units import COUNTED
from .model import Span

_RULES = [
    ("CAGR", r"\bCAGR\b|compound(?:ed)?\s+(?:annual\s+)?(?:average\s+)?growth|annual\s+compound|复合增长|复合增速"),
    ("penetration rate", r"penetration|渗透率"),
    ("market size", r"market\s+(?:size|space|scale|value|capacity)|size\s+of\s+the\s+market|市场规模|市场空间"),
    ("share", r"market\s+share|\bshare\s+of\b|\bshares?\b(?!\s+price)|accounted|accounting\s+for|proportion|stake"
              r"|voting\s+rights|equity|市占率|占比|份额|股权"),
    ("premium", r"premiums?|discounts?|升水|贴水|升贴水"),
    ("inventory", r"inventor(?:y|ies)|stockpiles?|warehouse|warrants|库存|仓单"),
    ("investment", r"invest(?:ment|ed|s|ing)?|capex|capital\s+expenditure|(?<!working\s)\bcapital\b|funding|financing"
                   r"|投资|募资"),
    ("contract value", r"contracts?|orders?|bid(?:s|ding)?\b|winning|won|deal|tender|procurement|acquisition|takeover"
                       r"|agreement|worth|合同|中标|订单|收购"),
    ("imports", r"imports?|imported|进口"),
    ("exports", r"exports?|exported|出口"),
    ("shipments", r"shipments?|shipped|出货"),
    ("installations", r"install(?:ation|ations|ed)|装机|装车"),
    ("demand", r"demand|consumption|需求|消费"),
    ("capacity", r"capacity|capacities|产能|(?<!in\s)\blines?\b|gigafactor(?:y|ies)|\bfactor(?:y|ies)\b|生产线|产线|工厂"
                 r"|manufactur\w*|\bcell\s+plants?\b|年产|电池项目|電池項目|电芯项目|生产基地"),
    ("output", r"\boutput|production|produced|yield|产量|生产"),
    ("sales", r"\bsales?\b|sold|revenue|turnover|销量|销售|营收|收入"),
    ("energy density", r"energy\s+density|能量密度"),
    ("cycle life", r"cycle\s+life|循环寿命"),
]
_RULES = [(name, re.compile(rule, re.I)) for name, rule in _RULES]
_MADE_UNIT = re.compile(r"(?:[GMk]Wh|[GMk]W|t|mt|tonnes?|tons?|kt|Mt|万吨|吨|GWh/year|t/year)$", re.I)
_PRICE = re.compile(r"price|prices|priced|quot(?:e|es|ed|ation)|index|indices|futures|contract|spot|\bLME\b|\bSHFE\b"
                    r"|\bCOMEX\b|\bGFEX\b|\bDCE\b|\bCME\b|traded|trading|transaction|offers?|offered|assessment|settle"
                    r"|closed|opened|payables?|indicator|copper|alumini?um|zinc|nickel|\blead\b|\btin\b|cobalt|lithium"
                    r"|carbonate|hydroxide|sulphate|sulfate|silicon|polysilicon|alloy|\bores?\b|concentrate|steel|iron"
                    r"|gold|silver|platinum|palladium|manganese|vanadium|antimony|tungsten|molybdenum|rare\s+earth"
                    r"|neodymium|praseodymium|graphite|coke|cathode|anode|electrolyte|metal|stocks?\b|shares?\b"
                    r"|价|报价|均价|期货|现货|指数|成交|股价|收盘|收于|铜|铝|锌|镍|钴|锂|锡|铅", re.I)
# words that make a money or percent figure no price: a cost, a tax, a profit, a utilisation rate, a volume traded
_NOT_PRICE = re.compile(r"\bcosts?\b|tariffs?|dut(?:y|ies)|\btax(?:es)?\b|profits?|margins?|utili[sz]ation|operating\s+rate"
                        r"|trading\s+volume|turnover|earnings|income|loss(?:es)?\b|loan|subsid|成本|关税|利润|毛利|开工率",
                        re.I)
_CHANGE = re.compile(r"\b(?:r[io]se[ns]?|rising|f[ae]ll(?:s|en|ing)?|drop(?:ped|s)?|declin\w*|decreas\w*|increas\w*"
                     r"|gain(?:ed|s)?|lost|loss|jump(?:ed|s)?|surg\w*|slipp\w*|slid|edg(?:ed|ing)|eas(?:ed|ing)"
                     r"|climb\w*|tumbl\w*|plung\w*|soar\w*|rall\w*|rebound\w*|up|down|higher|lower|change[sd]?"
                     r"|WoW|MoM|DoD|YoY|week-on-week|month-on-month|day-on-day|year-on-year|growth|grew|grow"
                     r"|weekly|daily|monthly|cut|raised|lowered|dipp\w*|advanc\w*|retreat\w*|spik\w*|slump\w*)\b"
                     r"|涨|跌|上调|下调|环比|同比|增长|下降|上升|回落|反弹", re.I)
_GROWTH = re.compile(r"\b(?:YoY|year-on-year|y-o-y|growth|grew|grow(?:s|n|ing)?|increas\w*|decreas\w*|declin\w*"
                     r"|r[io]se[ns]?|f[ae]ll\w*|up|down|jump\w*|surg\w*|drop\w*|MoM|month-on-month|WoW|QoQ)\b"
                     r"|同比|环比|增长|下降|增速", re.I)
_TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
               "minutes", "天", "个月", "年", "小时", "分钟", "h"}


_FILL = (r"(?:\s+(?:about|around|approximately|approx\.?|nearly|almost|roughly|some|over|more\sthan|less\sthan|a|an"
         r"|the|further|slightly|sharply|another|just|only|marginally|modestly|significantly|as\smuch\sas|up\sto"
         r"|nearly|close\sto|約|约|近|超|逾))*\s*$")
_CHANGE_LEFT = re.compile(
    r"(?:\b(?:up|down|by|r[io]se[ns]?|f[ae]ll|gain(?:ed|s)?|lost|los(?:es|ing)|add(?:ed|s|ing)|shed|drop(?:ped|s)?"
    r"|declin(?:ed|es)|decreas(?:ed|es)|increas(?:ed|es)|climb(?:ed|s)?|jump(?:ed|s)?|surg(?:ed|es)|slipp(?:ed|ing)"
    r"|slid|edg(?:ed|es)(?:\s(?:up|down|higher|lower))?|eas(?:ed|es)|tumbl(?:ed|es)|plung(?:ed|es)|soar(?:ed|s)"
    r"|rall(?:ied|ies)|rebound(?:ed|s)?|dipp(?:ed)|dips?|advanc(?:ed|es)|retreat(?:ed|s)|slump(?:ed|s)|spik(?:ed|es)"
    r"|widen(?:ed|s)|narrow(?:ed|s)|raised|lowered|cut|hike[ds]?|higher|lower|softened|firmed|strengthened"
    r"|weakened|(?:rise|fall|drop|decline|increase|decrease|gain|loss|change|jump|surge|rebound|dip|slump|plunge"
    r"|hike|cut|growth)s?\s(?:of|by))|[+±]|涨|漲|跌|上涨|上漲|下跌|上调|上調|下调|下調|涨幅|漲幅|跌幅|回落|反弹|反彈|上升|下降"
    r"|增加|减少|減少|环比|環比|同比|较上\S{0,3}|較上\S{0,3}"
    r"|(?:涨幅|跌幅|降幅|增幅)(?:为|达到|达|约为))"
    + _FILL, re.I)
_LEVEL_LEFT = re.compile(r"(?:\b(?:to|at|from|was|were|is|are|be|reach(?:ed|es|ing)?|hit|touch(?:ed|ing)?|clos(?:ed|ing)"
                         r"|settl(?:ed|ing)|end(?:ed|ing)|averag(?:ed|ing)|stood|between|and|high|low|open(?:ed|ing)?"
                         r"|quot(?:ed|ing)|price[sd]?|traded|assessed|near|range|ranged|of)|报|为|至|在|于)" + _FILL, re.I)
_CHANGE_RIGHT = re.compile(r"^\s*(?:(?:drop|rise|increase|decline|fall|gain|jump|slump|decrease|surge|dip|climb)s?\b"
                           r"|\(?(?:higher|lower|up|down|WoW|MoM|DoD|YoY|QoQ|w/w|m/m|y/y|week-on-week"
                           r"|month-on-month|day-on-day|year-on-year|compared|on\sthe\s(?:week|day|month)|from\s(?:the\s)?"
                           r"(?:previous|prior|last|a\s(?:week|day|month))|over\sthe\s(?:previous|prior|last))\b)", re.I)
_SPEC_LEFT = re.compile(r"(?:\b(?:content|grade|purity|moisture|min(?:imum)?|max(?:imum)?)|含量|品位|纯度)\s*(?:of\s)?"
                        r"(?:about\s|around\s|at\s|is\s|was\s|:\s?)?$", re.I)
_SPEC_RIGHT = re.compile(r"^\s?(?:[A-Z][a-z]?\d?(?:O\d?)?\s|[a-z]+\s){0,2}(?:min(?:imum)?|max(?:imum)?|min/max|content"
                         r"|grade|purity)\b|^\s?(?:Li2O|Li2CO3|LiOH|Fe2O3|Ni|Co)\b|^\s?(?:含量|品位|纯度)")
_RATE = re.compile(r"tariffs?|\bdut(?:y|ies)\b|\btax(?:es)?\b|utili[sz]ation|operating\s+rate|\bIRR\b|internal\s+rate"
                   r"|interest\s+rate|关税|税率|开工率|利用率", re.I)
_METAL_STOCKS = re.compile(r"\b(?:copper|alumini?um|zinc|nickel|lead|tin|cobalt|metal|SHFE|LME|COMEX|exchange|social"
                           r"|port|warehouse|bonded)(?:\s[a-z-]+)?\s+(?:stocks|stockpiles)\b", re.I)
_VOLUME = {"inventory", "imports", "exports", "demand", "output", "sales", "capacity", "shipments", "installations"}
_SHARE_UNITS = {"%", "percent", "per cent", "pct", "pc", "percentage points", "percentage point", "个百分点", "百分点",
                "pp"}
_TO_AT = re.compile(r"\s*(?:to|at|from|between|and|of|报|为|至|在|于)\b", re.I)
_SHARE_RIGHT = re.compile(r"^\)?\s?(?:of\s(?:the\s)?(?:total|market|global|all|overall|world)|market\sshare|share\sof)"
                          r"\b", re.I)
_PRICE_OF = re.compile(r"\s(?:prices?|quotes?|quotations?|index|indices)\b", re.I)
_EXCHANGE = re.compile(r"most[-\s]traded|most[-\s]active|futures|\bexchange\b|\bSHFE\b|\bLME\b|\bCOMEX\b|期货|主力合约",
                       re.I)


def _change(left: str, right: str) -> bool | None:
    """True when the words right around a figure make it a change ("rose 120 yuan/mt", "up 2%", "50 yuan/mt
    higher", "opened 4% higher"), False when they make it a level ("closed at", "fell 2% to $9,348"), None when
    they do not say."""
    if _CHANGE_LEFT.search(left):
        return True
    level = _LEVEL_LEFT.search(left)
    if _CHANGE_RIGHT.match(right) and not (level and _TO_AT.match(level[0])):
        return True
    return False if level else None


def metric_of(words: str, span: Span, left: str = "", right: str = "", after_price: bool = False) -> str:
    """The metric a figure's words and unit say it is, one of ``METRICS``; ``left`` and ``right`` are the words
    right around it, which tell a change from a level."""
    unit = span.unit.split("/")[0] if span.unit else ""
    share_unit = unit in _SHARE_UNITS
    return (_by_unit(words, span, unit, left, right) or _by_rule(words, span, share_unit, _change(left, right), right)
            or _by_value(words, span, share_unit, _change(left, right), left, after_price))


def _by_unit(words: str, span: Span, unit: str, left: str, right: str) -> str:
    """The metric a figure's unit says alone: a duration, cycles, an energy density, a multiple, a specification."""
    if span.unit in _TIME_UNITS or unit in _TIME_UNITS:
        if re.match(r"\s?(?:moving\s+averages?|[ES]?MA)\b", right, re.I):
            return "other"  # "the 40-day moving average": a chart's window, not a time anything takes
        return "inventory" if re.search(r"inventor|库存", words, re.I) else "duration"
    if unit in ("Ah", "mAh", "ah"):
        return "capacity"  # a cell's charge capacity
    if unit in ("cycles", "cycle", "次"):
        return "cycle life"
    if span.unit in ("Wh/kg", "Wh/L"):
        return "energy density"
    if span.unit and span.unit.endswith(("/mile", "/km")) and not span.currency:
        return "other"  # "2 kWh per mile": what a vehicle uses, no market's demand
    if span.unit and span.unit.endswith(("/year", "/week", "/month", "/day")) and unit in COUNTED:
        return "output"  # "1,000 vehicles per week": things made in a time
    if span.unit in ("mt/year", "GWh/year", "MWh/year") and not span.currency:
        return "capacity"  # "4万吨/年": what a plant makes in a year
    if unit in ("倍", "times", "fold"):
        return "growth rate"  # "1.2倍", "20 times the 2020 level": a multiple of what it was
    if unit in _SHARE_UNITS and (_SPEC_LEFT.search(left[-30:]) or _SPEC_RIGHT.match(right)):
        return "other"  # "4% Zn max", "moisture content 35-40%", "99.5% min Li2CO3": a specification
    if unit in _SHARE_UNITS and _RATE.search(words):
        return "other"  # a tariff, a tax, a utilisation rate, a return: a rate, no growth
    return ""


def _by_rule(words: str, span: Span, share_unit: bool, change: bool | None, right: str) -> str:
    """The metric the first of ``_RULES`` that fits the figure's words and unit names; "" when none fits."""
    money, priced = bool(span.currency), bool(span.currency) and bool(span.per)
    if share_unit and _SHARE_RIGHT.match(right):
        return "share"  # "(67.6%) of the total", "48% of global demand"
    for name, rule in _RULES:
        m = rule.search(words)
        if not m:
            continue
        if name in _VOLUME and (priced or _PRICE_OF.match(words, m.end())):
            continue  # "imported zinc concentrate index $50/dmt", "import prices": a price of the thing
        if name in ("contract value", "investment", "market size") and (not money or priced) and not (
                name == "market size" and share_unit):
            continue
        if name == "contract value" and _EXCHANGE.search(words):
            continue  # "the most-traded copper contract", "futures contract": a price
        if name in ("penetration rate", "CAGR", "share") and not share_unit:
            continue
        if name == "premium" and not (money or share_unit):
            continue
        if name == "capacity" and not re.match(r"capacit|产能", m[0], re.I) and not _MADE_UNIT.match(span.unit or ""):
            continue  # a line's or a factory's GWh or tonnes is its capacity; its trucks' 500 miles are not
        if name in _VOLUME and share_unit:
            return "growth rate" if change or _GROWTH.search(words) else "share" if re.search(
                r"share|accounted|proportion|占比", words, re.I) else "growth rate"
        if name == "premium" and change:
            return "price change"
        return name
    return ""


def _by_value(words: str, span: Span, share_unit: bool, change: bool | None, left: str, after_price: bool) -> str:
    """A price, a price change, a growth rate, an energy or a power, from the figure's kind of value."""
    unit = span.unit.split("/")[0] if span.unit else ""
    money, priced = bool(span.currency), bool(span.currency) and bool(span.per)
    near = re.split(r"[,，;；]", left)[-1]  # "supported by costs, smelters offered 88,000 yuan/mt" is a price
    costed = (money or share_unit) and _NOT_PRICE.search(near if priced else words)  # no MWh is a cost
    if costed and not (priced and not re.search(r"\bcosts?\b|profit|margin|成本|利润", near, re.I)):
        return "growth rate" if share_unit and change else "other"  # "a 20% drop in Q1 net profit"
    if not money and not share_unit and re.search(r"\bstocks?\b|warrants|仓单", words, re.I):
        return "inventory"
    if share_unit and _METAL_STOCKS.search(words):
        return "inventory"  # "SHFE copper stocks rose 5.7%": a change of stocks held
    priced_words = bool(_PRICE.search(words))
    if share_unit and re.search(r"payables?|indicator|系数", words, re.I):
        return "price change" if change else "price"  # cobalt hydroxide payables are a price, in percent
    if money:
        if priced or priced_words:
            return "price change" if change else "price"
        return "other"
    if share_unit:
        if priced_words:
            return "price change" if change is not False else "other"
        if after_price and change:
            return "price change"  # "RMB89,100/tonne, up 5.32% week-on-week"
        if change or _GROWTH.search(words):
            return "growth rate"
        return "other"
    if unit in ("GWh", "MWh", "kWh", "Wh", "gigawatt hours"):
        return "energy"
    if unit in ("GW", "MW", "kW", "gigawatts", "gigawatt"):
        return "power"
    return "other"

"""The vocabulary figures are read with: multipliers, units as written and their names, currencies and the
weights a price is per. ``figures`` builds its patterns from these tables; edit them to read a new unit."""

from __future__ import annotations

import re

MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6,
        "k": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
CJK_MULT = ("万", "萬", "亿", "億")
# the multipliers; a letter (M, bn, k) only right after a currency: "$137.5M", "$4.3 bn"
MULT_RE = r"million|billion|thousand|trillion|万|萬|亿|億|(?(cur)(?:bn|mn|[MBmbk])(?![A-Za-z])|(?!))"
UNITS = [
    # energy, power and other measures, as written
    "Wh/kg", "Wh/L", "g/m²", "g/m2", "GWh", "MWh", "kWh", "GW", "MW", "kW", "kV", "Ah", "μm", "um", "nm", "mu",
    "square meters", "km/h", "km", "miles", "mile", "mm", "℃", "°C", "gigawatt hours", "gigawatt-hours",
    "gigawatt-hour", "gigawatt hour", "megawatt-hours", "megawatt-hour", "kilowatt-hours", "kilowatt-hour",
    "gigawatts", "gigawatt",
    "千瓦时", "千瓦", "兆瓦时", "兆瓦", "吉瓦时", "吉瓦", "瓦时", "千瓦時", "兆瓦時", "吉瓦時", "瓦時", "公里", "毫米", "倍",
    # mass
    "metric tonnes", "metric tons", "metric tonne", "metric ton", "kt", "mt", "tonnes", "tonne", "tons", "kg",
    "吨", "噸",
    # shares
    "%", "percentage points", "percentage point", "per cent", "percent", "pct", "个百分点", "百分点",
    # money written after the number
    "元", "美元", "美金", "yuan", "Yuan", "USD", "RMB", "CNY", "euros", "euro", "won", "rupees", "yen", "dollars",
    "U.S. dollars", "US dollars", "U.S. dollar", "US dollar",
    # time and counts
    "days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour", "minutes", "minute",
    "天", "个月", "年", "小时", "分钟", "cycles", "cycle", "次", "lots", "lot", "points",
]
UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
PERCENT = {"%", "percent", "per cent", "pct", "pc"}
TIME = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes",
        "天", "个月", "年", "小时", "分钟", "h"}
# units are kept as written but for these: Chinese power units, tonnes in Chinese, and a share written out
UNIT_NAMES = {"千瓦时": "kWh", "千瓦": "kW", "兆瓦时": "MWh", "兆瓦": "MW", "噸": "mt", "吨": "mt", "吉瓦时": "GWh",
              "吉瓦": "GW", "瓦时": "Wh", "千瓦時": "kWh", "兆瓦時": "MWh", "吉瓦時": "GWh", "瓦時": "Wh",
              "gigawatt hour": "GWh", "gigawatt hours": "GWh", **{p: "%" for p in PERCENT}}
CASED = {"gwh": "GWh", "mwh": "MWh", "kwh": "kWh", "wh/kg": "Wh/kg", "ah": "Ah",  # "70.6 GWH", "115ah"
         "gigawatt-hours": "GWh", "gigawatt-hour": "GWh", "megawatt-hours": "MWh", "megawatt-hour": "MWh",
         "kilowatt-hours": "kWh", "kilowatt-hour": "kWh"}
CURRENCY_UNIT = {"yuan": ("yuan", "CNY"), "rmb": ("yuan", "CNY"), "cny": ("yuan", "CNY"), "元": ("yuan", "CNY"),
                 "usd": ("USD", "USD"), "us$": ("USD", "USD"), "$": ("USD", "USD"), "美元": ("USD", "USD"),
                 "美金": ("USD", "USD"), "dollars": ("USD", "USD"), "u.s. dollars": ("USD", "USD"),
                 "us dollars": ("USD", "USD"), "u.s. dollar": ("USD", "USD"), "us dollar": ("USD", "USD"),
                 "¥": ("yuan", "CNY"), "€": ("EUR", "EUR"),
                 "eur": ("EUR", "EUR"), "euros": ("euros", "EUR"), "euro": ("euros", "EUR"), "£": ("GBP", "GBP"),
                 "₹": ("INR", "INR"), "rupees": ("rupees", "INR"), "won": ("won", "KRW"), "yen": ("yen", "JPY"),
                 "hk$": ("HKD", "HKD"), "a$": ("AUD", "AUD"), "c$": ("CAD", "CAD"), "s$": ("SGD", "SGD")}
CURRENCY = r"RMB|CNY|USD|EUR|US\$|HK\$|A\$|C\$|S\$|\$|¥|€|£|₹"
PER = (r"(?:MWh|MW|kW)/(?:year|yr)|dmtu|mtu|dmt|(?:metric|net|short|long)\s(?:tonnes?|tons?)|mt|tonnes?|tons?|t"
       r"|kg|kWh|Wh|W|lb|pound|oz|ounce|cwt|吨|噸|磅|千瓦时|公斤")
PER_NAMES = {"dmt": "dmt", "t": "mt", "mt": "mt", "tonne": "mt", "tonnes": "mt", "ton": "mt", "tons": "mt",
             "metric ton": "mt", "metric tons": "mt", "metric tonne": "mt", "metric tonnes": "mt", "吨": "mt",
             "噸": "mt", "wh": "Wh", "kwh": "kWh", "千瓦时": "kWh", "kg": "kg", "公斤": "kg", "w": "W", "lb": "lb",
             "pound": "lb", "oz": "oz", "dmtu": "dmtu", "mtu": "mtu", "cwt": "cwt", "mw/year": "MW/year",
             "mwh/year": "MWh/year", "kw/year": "kW/year"}
# numbers written in words
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "hundred": 100}
CJK_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# the things a rate counts: "1,000 vehicles per week", "300,000 EVs a year"
COUNTED = frozenset({"vehicles", "cars", "EVs", "cells", "trucks", "batteries"})
# words that make a sentence look ahead: "may" the verb, not the month; 将 only as "will" ("将达到"), not as an object marker
FORECAST = re.compile(
    r"\b(?:expected|projected|forecast|estimated|will|(?-i:may)|projection|outlook|by (?:19|20)\d{2})\b"
    r"|预计|預計|预测|預測|预期|預期|有望|展望|(?:到|至)(?:19|20)\d{2}年|(?:19|20)\d{2}年(?:前|底前)"
    r"|[将將](?:达|達|超|突破|增|提升|降|下降|回落|维持|維持|保持|继续|繼續|实现|實現|成为|成為|迎来|迎來|进入|進入)", re.I)
# "three-month copper", "LME 3-month prices": the tenor of a contract, not a duration
TENOR = re.compile(r"\s{1,2}(?:LME|SHFE|COMEX|copper|alumini?um|nickel|zinc|lead|tin|contracts?|futures|forwards?"
                   r"|prices?)\b", re.I)
# "the first five months of the year", "for the first time in seven years": the period a figure is told for
PERIOD_BEFORE = re.compile(r"\b(?:the\s+first|first\s+time\s+in(?:\s+(?:almost|nearly|over|about))?)\s+$", re.I)

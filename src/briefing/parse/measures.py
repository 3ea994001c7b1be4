"""What a figure measures: its subject, metric, period and forecaster, read from its sentence.

``figures.figures`` finds the quantities of a text; this module reads, for
each, the words around it:

- the **subject**, what is measured, as the sentence names it: the noun phrase
  before the verb that leads to the figure ("all-solid-state battery shipments
  are expected to reach 13.5 GWh"), the phrase a figure qualifies ("the
  200MW/800MWh semi-solid-state BESS project"), what it is of ("50 million
  square meters of composite aluminum foil"), a "for ..." right after it ("4%
  for all-solid-state batteries"), or, for a clause without a subject of its
  own ("... and is projected to reach 116.23 billion yuan", "with a compound
  growth rate of 98%"), the subject of the figure before it in the sentence.
  Lists written with *respectively* pair one to one: "growth rates for
  lithium-ion battery demand in EVs, ESS and consumer electronics at 11%, 27%
  and 10%, respectively" gives "lithium-ion battery demand, EVs" and so on.
  A subject the sentence does not name stays "".
- the **metric**, one of ``METRICS``: from the words of the subject and the
  clause, the verb and the unit ("shipments", "CAGR", "price change" ...).
- the **period**: "from 2024 to 2030", "2024-2030", "between 2025 and 2026" in
  the figure's clause gives a first and a last year.
- the **forecaster** of a forecast: "According to SMM projections", "a report
  by Guosen Securities", "Guosen Securities expects", "据SMM预测"; a
  forecaster named once holds for the forecasts after it in the same text.

Every pattern is a sequence of bounded pieces, so each runs in time linear in
its input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The metric vocabulary (the labelling guide's, tests/realworld/labels/README.md)
METRICS = ("shipments", "demand", "output", "sales", "installations", "capacity", "power", "energy", "market size",
           "penetration rate", "growth rate", "CAGR", "price", "price change", "premium", "contract value",
           "investment", "inventory", "imports", "exports", "share", "duration", "cycle life", "energy density",
           "other")


@dataclass(frozen=True)
class Measure:
    """What one figure measures."""

    subject: str = ""
    metric: str = "other"
    start_year: int | None = None
    end_year: int | None = None
    forecaster: str = ""


@dataclass(frozen=True)
class Span:
    """A figure's place in its sentence and what its unit says."""

    start: int
    end: int
    unit: str
    currency: str | None = None
    per: str | None = None


# --- clauses and verbs -----------------------------------------------------------------------------------------

_BE = r"is|are|was|were|be|been|being|will|would|may|might|could|should|can|must|shall|has|have|had"
_VERB = (
    r"reach(?:ed|es|ing)?|r[io]se[ns]?|rising|f[ae]ll(?:s|en|ing)?|drop(?:ped|s|ping)?|declin(?:ed|es|ing|e)"
    r"|decreas(?:ed|es|ing|e)|increas(?:ed|es|ing|e)|gr[eo]w(?:s|n|ing)?|climb(?:ed|s|ing)?|gain(?:ed|s|ing)?"
    r"|lost|los(?:es|ing)|jump(?:ed|s)?|surg(?:ed|es|ing)|slipp(?:ed|ing)|slid|edg(?:ed|ing)|eas(?:ed|ing)"
    r"|tumbl(?:ed|ing)|plung(?:ed|ing)|soar(?:ed|ing)|rall(?:ied|ying)|rebound(?:ed|ing)?|stood|stands?|hit|hits"
    r"|total(?:l?ed|l?ing|s)|amount(?:ed|ing|s)|averag(?:ed|ing)|trad(?:ed|ing)|clos(?:ed|ing)|settl(?:ed|ing)"
    r"|end(?:ed|ing)|remain(?:ed|s|ing)?|stay(?:ed|s|ing)?|hover(?:ed|ing)|fluctuat(?:ed|ing)|record(?:ed|ing)"
    r"|register(?:ed|ing)|post(?:ed|ing)|expand(?:ed|ing)|shr[ai]nk|shrank|narrow(?:ed|ing)|widen(?:ed|ing)"
    r"|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|approach(?:ed|es|ing)?|touch(?:ed|ing)|open(?:ed|ing)"
    r"|held|hold(?:s|ing)|came|come|saw|see[sn]?|show(?:ed|s|n)?|accounted|accounting|maintain(?:ed|s|ing)?"
    r"|quoted|offered|priced|valued|worth|sign(?:ed|s|ing)|won|winning|plans?|planned|planning"
    r"|purchas(?:ed|es|e|ing)|acquir(?:ed|es|e|ing)|invest(?:ed|s|ing)?|produc(?:ed|es|e|ing)|ship(?:ped|s)?"
    r"|sold|sell(?:s|ing)?|bought|add(?:ed|s|ing)?|expected|projected|forecast|estimated|predicted|set|seen"
    r"|cover(?:ed|s|ing)?|covers|achiev(?:ed|es|e|ing)|deliver(?:ed|s|ing)?|receiv(?:ed|es|e|ing)|lower(?:ed)?"
    r"|rais(?:ed|es|e|ing)|cut|rang(?:ed|ing)|moved?|hitting|kept|keep(?:s|ing)?|registered|reported|slump(?:ed)?"
    r"|dipp(?:ed|ing)|advanc(?:ed|ing)|retreat(?:ed|ing)|spik(?:ed|ing)|extend(?:ed|ing)|approached|tops?|topped"
    r"|inch(?:ed|es)|revers(?:ed|es)|recover(?:ed|s)|par(?:ed|es)|trimm(?:ed)|eras(?:ed|es)|crept|bounc(?:ed|es)"
    r"|stag(?:ed|es)|logg(?:ed)|notch(?:ed|es)|mark(?:ed|s|ing)|return(?:ed|s)|continu(?:ed|es)|resum(?:ed|es)"
    r"|firm(?:ed|s)|soften(?:ed|s)|strengthen(?:ed|s)|weaken(?:ed|s)|outperform(?:ed|s)|underperform(?:ed|s)"
    r"|track(?:ed|s)|follow(?:ed|s)|mirror(?:ed|s)"
    r"|order(?:ed|s)|expects?|trade|consolidate|fluctuate|weaken|strengthen|struggles?|finish(?:ed)?|test(?:ed)?"
    r"|up|down"
)
_VERB_RE = re.compile(rf"(?<![\w-])(?:{_BE}|{_VERB})(?![\w-])", re.I)
# words between a verb group and its figure: "expected to reach about", "fell by", "traded at around"
_FILLER = (r"to|be|reach|at|about|around|approximately|approx\.?|nearly|almost|roughly|some|over|above|below|under"
           r"|more|less|than|up|down|by|of|only|just|further|slightly|sharply|another|(?-i:an|a)|the|average|averaging"
           r"|between|from|as|high|low|as much as|as many as|close to|in excess of|upwards|respectively|total|totaling"
           r"|mainly|mostly|still|already|again|even|nearly|around|marginally|modestly|significantly|steadily|sharply"
           r"|further|week-on-week|month-on-month|year-on-year|wow|mom|yoy|dod|to be|record|new|its|their|only|also")
_TAIL = re.compile(rf"(?:\s+(?:{_FILLER}))+\s*$", re.I)
_HEAD_WORDS = re.compile(r"^(?:(?:the|a|an|and|its|their|his|her|this|that|these|those|which|while|whereas|but|with"
                         r"|of|as|at|by|in|on|to|for|from|also|then|meanwhile|moreover|however|overall|currently"
                         r"|specifically|respectively|among them|among which|where|when|including|such as|so|thus"
                         r"|namely|here|there)(?:\s+|$))+", re.I)
# the boundaries of a clause: a figure's subject is never read across them
_HARD = re.compile(r";|；|:(?!\d)|：|\s(?:while|whereas|but|although|though|as|which|where|when|after|before"
                   r"|because|since|after|with|if|then|thereby)\s|\s(?:and|or)\s+(?=(?:" + _BE + r"|" + _VERB
                   + r")\b)|\s(?:that|(?:showed|shows|said|says)\s(?=[a-z]))\s?|[，。、！？]|\[|\]|“|”|\"", re.I)
_LIST_GLUE = re.compile(r"^[\s,]*(?:and|or|&|to|versus|vs\.?)?[\s,]*(?:approximately|about|around|roughly|nearly"
                        r"|an?|the)?\s*$", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")

# --- what a figure's words say of its metric ----------------------------------------------------------------

_RULES = [
    ("CAGR", r"\bCAGR\b|compound(?:ed)?\s+(?:annual\s+)?(?:average\s+)?growth|annual\s+compound|复合增长|复合增速"),
    ("penetration rate", r"penetration|渗透率"),
    ("market size", r"market\s+(?:size|space|scale|value|capacity)|size\s+of\s+the\s+market|市场规模|市场空间"),
    ("share", r"market\s+share|\bshare\s+of\b|\bshares?\b(?!\s+price)|accounted|accounting\s+for|proportion|stake"
              r"|voting\s+rights|equity|市占率|占比|份额|股权"),
    ("premium", r"premiums?|discounts?|升水|贴水|升贴水"),
    ("inventory", r"inventor(?:y|ies)|stockpiles?|warehouse|warrants|库存|仓单"),
    ("investment", r"invest(?:ment|ed|s|ing)?|capex|capital\s+expenditure|funding|financing|投资|募资"),
    ("contract value", r"contracts?|orders?|bid(?:s|ding)?\b|winning|won|deal|tender|procurement|acquisition|takeover"
                       r"|agreement|worth|合同|中标|订单|收购"),
    ("imports", r"imports?|imported|进口"),
    ("exports", r"exports?|exported|出口"),
    ("shipments", r"shipments?|shipped|出货"),
    ("installations", r"install(?:ation|ations|ed)|装机|装车"),
    ("demand", r"demand|consumption|需求|消费"),
    ("capacity", r"capacity|capacities|产能"),
    ("output", r"\boutput|production|produced|yield|产量|生产"),
    ("sales", r"\bsales?\b|sold|revenue|turnover|销量|销售|营收|收入"),
    ("energy density", r"energy\s+density|能量密度"),
    ("cycle life", r"cycle\s+life|循环寿命"),
]
_RULES = [(name, re.compile(rule, re.I)) for name, rule in _RULES]
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
    r"|hike|cut|growth)s?\s(?:of|by))|[+±]|涨|跌|上涨|下跌|上调|下调|涨幅|跌幅|回落|反弹|上升|下降|增加|减少|环比|同比|较上\S{0,3})"
    + _FILL, re.I)
_LEVEL_LEFT = re.compile(r"(?:\b(?:to|at|from|was|were|is|are|be|reach(?:ed|es|ing)?|hit|touch(?:ed|ing)?|clos(?:ed|ing)"
                         r"|settl(?:ed|ing)|end(?:ed|ing)|averag(?:ed|ing)|stood|between|and|high|low|open(?:ed|ing)?"
                         r"|quot(?:ed|ing)|price[sd]?|traded|assessed|near|range|ranged|of)|报|为|至|在|于)" + _FILL, re.I)
_CHANGE_RIGHT = re.compile(r"^\s*(?:\(?(?:higher|lower|up|down|WoW|MoM|DoD|YoY|QoQ|w/w|m/m|y/y|week-on-week"
                           r"|month-on-month|day-on-day|year-on-year|compared|on\sthe\s(?:week|day|month)|from\s(?:the\s)?"
                           r"(?:previous|prior|last|a\s(?:week|day|month))|over\sthe\s(?:previous|prior|last))\b)", re.I)
_VOLUME = {"inventory", "imports", "exports", "demand", "output", "sales", "capacity", "shipments", "installations"}
_SHARE_UNITS = {"%", "percentage points", "percentage point", "个百分点", "百分点", "pp"}


def _change(left: str, right: str) -> bool | None:
    """True when the words right around a figure make it a change ("rose 120 yuan/mt", "up 2%", "50 yuan/mt
    higher"), False when they make it a level ("closed at", "fell 2% to $9,348"), None when they do not say."""
    if _CHANGE_LEFT.search(left):
        return True
    if _LEVEL_LEFT.search(left):
        return False
    return True if _CHANGE_RIGHT.match(right) else None


def metric_of(words: str, span: Span, left: str = "", right: str = "", after_price: bool = False) -> str:
    """The metric a figure's words and unit say it is, one of ``METRICS``; ``left`` and ``right`` are the words
    right around it, which tell a change from a level."""
    unit = span.unit.split("/")[0] if span.unit else ""
    money = bool(span.currency)
    priced = money and bool(span.per)
    share_unit = unit in _SHARE_UNITS
    change = _change(left, right)
    if span.unit in _TIME_UNITS or unit in _TIME_UNITS:
        return "inventory" if re.search(r"inventor|库存", words, re.I) else "duration"
    if unit in ("cycles", "cycle", "次"):
        return "cycle life"
    if span.unit in ("Wh/kg", "Wh/L"):
        return "energy density"
    for name, rule in _RULES:
        if not rule.search(words):
            continue
        if name in _VOLUME and priced or name in ("contract value", "investment", "market size") and (
                not money or priced) and not (name == "market size" and share_unit):
            continue  # "imported zinc concentrate index $50/dmt" is a price of the thing, not its volume
        if name in ("penetration rate", "CAGR") and not share_unit:
            continue
        if name == "share" and not share_unit:
            continue
        if name == "premium" and not (money or share_unit):
            continue
        if name in _VOLUME and share_unit:
            return "growth rate" if change or _GROWTH.search(words) else "share" if re.search(
                r"share|accounted|proportion|占比", words, re.I) else "growth rate"
        if name == "premium" and change:
            return "price change"
        return name
    if _NOT_PRICE.search(words) and not (priced and not re.search(r"\bcosts?\b|profit|margin|成本|利润", words, re.I)):
        return "other"
    if not money and not share_unit and re.search(r"\bstocks?\b|warrants|仓单", words, re.I):
        return "inventory"
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


# --- subjects --------------------------------------------------------------------------------------------------

_METRIC_ONLY = re.compile(
    r"^(?:(?:average|annual|total|planned|estimated|expected|projected|overall|cumulative|combined|new|global|further"
    r"|compound(?:ed)?|year-on-year|yearly|monthly|weekly|daily|unit|contract|bid|winning|overall)\s+)*"
    r"(?:(?:growth\s+)?rates?|growth|CAGR|compound\s+(?:annual\s+)?growth\s+rates?|price|prices|investment|value"
    r"|increase|decrease|rise|drop|decline|gain|loss|change|area|amount|sum|scale|figure|level|total|volume|average|mean"
    r"|median|high|low|close|range)$", re.I)
# a noun phrase after a figure: up to six words, none a preposition, conjunction or verb that ends it
_STOP = r"by|in|for|from|to|and|or|at|with|on|than|which|that|is|are|was|were|will|has|have|had|per"
_WORD = r"[A-Za-z][\w./+-]*"


def _phrase(words: int) -> str:
    return rf"{_WORD}(?:\s+(?!(?:{_STOP})\b){_WORD}){{0,{words}}}"


_AFTER_NOUN = re.compile(rf"\s{{0,2}}(?:[-‐]?\s*(?!(?:{_STOP}|of|year|yuan)\b)(?P<np>{_phrase(5)}))")
_OF_AFTER = re.compile(rf"\s{{0,2}}(?:of|worth of)\s+(?P<np>(?:the\s+|an?\s+)?{_phrase(5)})", re.I)
_FOR_AFTER = re.compile(rf"\s{{0,2}}for\s+(?P<np>(?:the\s+)?{_phrase(4)})(?=\s{{0,2}}(?:by|in|from|$|[,.;]))")
_MODIFIER_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the|its|their|his|her|this|of\s+a|with\s+a|total(?:ing)?|new"
                              r"|planned|proposed|first|second|largest|combined|cumulative)\s*$", re.I)
_DROP_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_NOT_SUBJECT = re.compile(r"^(?:it|they|this|that|which|there|who|he|she|we|i|you|these|those|one|each|both|all"
                          r"|company|the company|its|the)$", re.I)
_PLACE_PREFIX = re.compile(r"^(?:on|in|at|by|from|since|as of|until|during|after|before|for)\s+(?:(?:the\s+)?"
                           r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
                           r"|\d{4}|(?:first|second|third|fourth|last|next)\s+\w+|this\s+\w+|last\s+\w+|today"
                           r"|yesterday|Q[1-4]|H[12])[\s,]*)+", re.I)


def _clause_start(text: str, end: int) -> int:
    """Where the clause holding position ``end`` starts."""
    start = 0
    for m in _HARD.finditer(text, 0, end):
        start = m.end()
    return start


def _tidy(phrase: str) -> str:
    phrase = _DROP_PAREN.sub("", phrase) if phrase.count("(") == phrase.count(")") else phrase
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.'\"“”‘’-–—")
    phrase = _PLACE_PREFIX.sub("", phrase)
    for _ in range(3):
        phrase = _HEAD_WORDS.sub("", phrase).strip(" ,")
        phrase = _TAIL.sub("", " " + phrase).strip(" ,")
    words = phrase.split()
    if not words or _NOT_SUBJECT.match(phrase) or not any(c.isalpha() for c in phrase):
        return ""
    return " ".join(words[-10:])


_SHARED = re.compile(r"\s(?:and|or)\s+$")  # "... and settled at": a clause sharing the subject of the one before
IT = "\0it"  # a pronoun's place: the subject said before stands for it
_PRONOUN = re.compile(r"^(?:it|they|we|it also|they also)$", re.I)


def _subject_before(text: str, clause: int, start: int) -> tuple[str, bool]:
    """(subject, whether a verb leads to the figure): the noun phrase before the verb group that ends at the
    figure ("shipments are expected to reach" -> "shipments"), or the phrase right before it ("LME copper")."""
    left = text[clause:start]
    # the last comma-separated part that holds a verb, else the whole left of the clause
    verbs = list(_VERB_RE.finditer(left))
    if not verbs:
        part = left.rsplit(",", 1)[-1] if left.count(",") and len(left.rsplit(",", 1)[-1].split()) >= 2 else left
        return _tidy(part), False
    first = next((v for v in verbs if not re.search(r"(?:^|\s)(?:a|an|the|its|their|this)\s*$", left[:v.start()],
                                                       re.I)), None)
    if first is None:
        return _tidy(left), False
    # the subject runs from the part's start (after a comma that is no list's) to the first verb
    before = left[:first.start()]
    pieces = before.split(",")
    subject = pieces[-1]
    if len(pieces) > 1 and len(subject.split()) <= 1 and re.match(r"\s*(?:Ltd|Inc|Co|LLC|Corp)\b", subject):
        subject = ",".join(pieces[-2:])
    if _PRONOUN.match(subject.strip()):
        return IT, True  # "We expect it to trade at ...", "It rose 2%": the subject said before
    subject = _tidy(subject)
    # "bought battery-grade lithium carbonate at 82,000 yuan/mt": what the verb acts on, priced at the figure
    last = verbs[-1]
    rest = left[last.end():]
    if re.search(r"\s(?:at|for)\s*$", rest) and (not subject or _ACTION.fullmatch(last[0])):
        thing = _tidy(re.sub(r"\s(?:at|for)\s*$", "", rest))
        if thing and not _METRIC_ONLY.match(thing):
            return thing, True
    return subject, True


def _subject_after(text: str, end: int, limit: int, span: Span) -> str:
    """The phrase a figure qualifies or is of: "200MW/800MWh energy storage area", "50 million square meters of
    composite aluminum foil"."""
    if span.unit == "%":
        return ""
    m = _OF_AFTER.match(text, end, limit)
    if m:
        return _tidy(m["np"])
    return ""


def _qualified(text: str, start: int, end: int, limit: int) -> str:
    """The noun a figure used as a modifier stands before: "the 200MW/800MWh semi-solid-state BESS project"."""
    if not _MODIFIER_BEFORE.search(text, max(0, start - 14), start):
        return ""
    m = _AFTER_NOUN.match(text, end, limit)
    return _tidy(m["np"]) if m else ""


# --- respectively -------------------------------------------------------------------------------------------

_MEMBER = r"[A-Za-z][\w.+/&'-]*(?:\s[A-Za-z][\w.+/&'-]*){0,4}"
_FIRST = r"[A-Za-z][\w.+/&'-]*(?:\s[A-Za-z][\w.+/&'-]*){0,7}"  # the first may hold what all qualify
_LIST = re.compile(rf"(?P<prep>\b(?:in|for|of|among|across|at|from|by|to)\s)?(?P<list>{_FIRST}(?:,\s{_MEMBER}){{0,8}}"
                   rf",?\s(?:and|or)\s{_MEMBER})", re.I)


def _respectively(text: str, spans: list[Span]) -> dict[int, str]:
    """Subjects of figures listed with "respectively", paired one to one with the list of names the sentence
    gives; {index of span: subject}."""
    if not re.search(r"\brespectively\b|分别", text):
        return {}
    out: dict[int, str] = {}
    # groups of figures written as a list: only commas, "and", "approximately" between them
    groups, current = [], [0] if spans else []
    for n in range(1, len(spans)):
        if _LIST_GLUE.match(text[spans[n - 1].end:spans[n].start]):
            current.append(n)
        else:
            groups.append(current)
            current = [n]
    if current:
        groups.append(current)
    for group in groups:
        if len(group) < 2:
            continue
        first, last = spans[group[0]], spans[group[-1]]
        names = _names(text, first.start, last.end, len(group))
        if names:
            for n, name in zip(group, names):
                out[n] = name
    return out


def _names(text: str, start: int, end: int, count: int) -> list[str]:
    """The list of ``count`` names nearest to the figures at ``start``-``end``, before or after them in the
    clause, each with the phrase it qualifies: "lithium-ion battery demand in EVs, ESS and consumer electronics"
    gives "lithium-ion battery demand, EVs", ...; "prices of A, B and C" gives "A prices", ..."""
    clause = _clause_start(text, start)
    stop = len(text)
    for m in re.finditer(r";|\.\s|respectively", text[end:]):
        stop = end + m.start()
        break
    best: tuple[int, list[str]] | None = None
    for region, base_at in ((text[clause:start], clause), (text[end:stop], end)):
        for m in _LIST.finditer(region):
            members = [re.sub(r"^(?:and|or)\s", "", p.strip()) for p in re.split(r",\s(?:and\s|or\s)?|\s(?:and|or)\s",
                                                                                m["list"])]
            members = [_VERB_RE.split(p, 1)[0].strip() for p in members]
            members = [p for p in members if p]
            if len(members) != count:
                # a longer first member may hold the phrase they qualify: "demand in EVs, ESS and ..."
                continue
            distance = abs((base_at + m.start()) - start) if base_at == end else abs(start - (base_at + m.end()))
            if best and best[0] <= distance:
                continue
            lead, names = members[0], members
            base = ""
            inner = (re.search(r"^(?P<base>.+)\s(?P<prep>in|for|among|across)\s(?P<first>[^\s].*)$", lead)
                     or re.search(r"^(?P<base>.+?)\s(?P<prep>of)\s(?P<first>[^\s].*)$", lead))
            prep = (m["prep"] or "").strip().lower()
            if inner:
                base, prep, names = inner["base"], inner["prep"].lower(), [inner["first"], *members[1:]]
            elif prep:
                before = text[clause:base_at + m.start()] if base_at == clause else ""
                base = re.split(r"\b(?:for|from|of|in|at|with)\s", before)[-1] if before else ""
                base = re.sub(r"\b(?:from\s)?(?:19|20)\d{2}\s(?:to|-)\s(?:19|20)\d{2}\b", "", base)
            head, of, rest = base.partition(" of ")
            if of and _METRIC_ONLY.match(_tidy(head) or "rate"):
                base = rest  # "growth rates of widget demand in A, B and C": the demand is what is measured
            base = _tidy(base)
            names = [_tidy(x) or x.strip() for x in names]
            if base and _METRIC_ONLY.match(base):
                base = ""
            if base:
                names = [f"{x} {base}" if prep == "of" else f"{base}, {x}" for x in names]
            best = (distance, names)
    return best[1] if best else []


# --- periods and forecasters --------------------------------------------------------------------------------

_PERIOD = re.compile(r"(?:from|between)?\s?\b(?P<a>(?:19|20)\d{2})\s?(?:to|-|–|—|and|through|until)\s?"
                     r"(?P<b>(?:19|20)\d{2})\b")
_NAME = r"(?:the\s)?(?P<name>[A-Z][\w&.'-]{0,30}(?:\s(?:[A-Z][\w&.'-]{0,30}|of|and|&)(?=\s[A-Z]|[\s,.;'])){0,5})"
_BY = [
    re.compile(rf"\b(?:according\sto|per|citing|cited\sby)\s{_NAME}(?:'s?)?(?:\s(?:latest\s|new\s|recent\s)?"
               r"(?:projections?|forecasts?|estimates?|data|statistics|reports?|research|analysis|survey|calculations"
               r"|predictions?))?(?=[\s,.;])"),
    re.compile(rf"\b(?i:an?|the)\s(?:\w+\s)?(?:report|study|survey|forecast|analysis|research\snote|note)\s(?:by|from)"
               rf"\s{_NAME}(?=[\s,.;])"),
    re.compile(rf"\b(?i:an?|the)\s{_NAME}\s(?:report|study|survey|forecast|analysis|research\snote|note)\b"),
    re.compile(rf"{_NAME}\s(?:projections?|forecasts?|estimates?|predictions?)\b(?!\s(?:to|that))"),
    re.compile(rf"(?<![\w,] ){_NAME}\s(?:projects|forecasts|expects|estimates|predicts|anticipates|sees|believes)\b"),
    re.compile(r"(?:据|根据)(?P<name>[\u3400-\u9fffA-Za-z]{2,12}?)(?:预测|预计|测算|统计|数据|报告)"),
]
_NOT_FORECASTER = re.compile(r"^(?:By|In|On|The|This|It|We|They|According|Currently|However|China|Chinese|Global"
                             r"|Industry|Market|Analysts?|Experts?|Sources?|Some|Many|Most|Data|Report|Meanwhile)$")


def forecaster(text: str) -> str:
    """Who a sentence says forecasts: "SMM", "Guosen Securities"; "" when it names none."""
    text = text[:LONG]
    for rule in _BY:
        for m in rule.finditer(text):
            name = m["name"].strip(" .,'")
            name = re.sub(r"'s$", "", name)
            name = re.sub(r"^(?:the|The)\s", "", name)
            if name and not _NOT_FORECASTER.match(name.split()[0]) and len(name) >= 2:
                return name
    return ""


def period(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The years "from 2024 to 2030", "2024-2030" in the clause of the figure at ``start``-``end``."""
    clause = _clause_start(text, start)
    stop = len(text)
    m = _HARD.search(text, end)
    if m:
        stop = m.start()
    found = [p for p in _PERIOD.finditer(text, clause, stop)]
    if not found:
        return None
    near = min(found, key=lambda p: min(abs(p.start() - end), abs(p.end() - start)))
    a, b = int(near["a"]), int(near["b"])
    return (a, b) if a < b <= a + 50 else None


# --- a sentence's figures -----------------------------------------------------------------------------------

def _window(text: str, clause: int, start: int, end: int) -> str:
    """The words a metric is read from: the clause up to the figure and a few words after it."""
    after = text[end:end + 40]
    cut = re.search(r"[,;.，。；]|\s(?:and|while|with)\s", after)
    return text[clause:start] + " " + (after[:cut.start()] if cut else after)


def _cjk_subject(text: str, start: int) -> str:
    left = re.split(r"[，,；;：:。、（(]", text[:start])[-1]
    left = re.sub(r"(?:为|达|达到|报|约|至|在|收于|录得|上涨|下跌|涨|跌|增长|下降|同比|环比|均价|约为|已达|超过|突破|共计|合计"
                  r"|分别|累计|预计|将|有望|左右|以上)+\s*$", "", left)
    left = re.sub(r"^\s*(?:\d{1,2}月\d{1,2}日|今日|本周|上周|其中|截至\S{0,8}|据\S{0,8})", "", left)
    return left.strip()[-16:]


LONG, MANY, WINDOW = 3000, 60, 240  # a sentence longer, or with more figures, is read figure by figure


def describe(sentence: str, spans: list[Span], before: str = "") -> list[Measure]:
    """What each figure of one sentence measures (subject, metric, period); the forecaster is the caller's.
    ``before`` is the last subject of the sentences before, which a pronoun ("it rose 2%") stands for."""
    if len(sentence) > LONG or len(spans) > MANY:
        # no sentence is this long: a table run together, or hostile input; its figures keep their unit's metric
        return [Measure(metric=metric_of("", span)) for span in spans]
    paired = _respectively(sentence, spans)
    out: list[Measure] = []
    previous = ""  # the subject of the figure before, for a clause without one of its own
    for n, span in enumerate(spans):
        clause = _clause_start(sentence, span.start)
        limit = len(sentence)
        cut = _HARD.search(sentence, span.end)
        if cut:
            limit = cut.start()
        if _CJK.search(sentence[max(0, span.start - 6):span.start]):
            subject, led = _cjk_subject(sentence, span.start), True
        elif n in paired:
            subject, led = paired[n], True
        elif n and spans[n - 1].start >= clause and previous and not _VERB_RE.search(
                sentence, spans[n - 1].end, span.start) and not _between(sentence, spans[n - 1].end, span.start):
            subject, led = previous, True  # "... 50 million square meters of foil, specifically 20 million in 2026"
        else:
            floor = spans[n - 1].end if n and spans[n - 1].start >= clause else clause
            subject, led = _subject_before(sentence, floor, span.start)
            if subject == IT:
                subject = previous or before
            after = _subject_after(sentence, span.end, limit, span)
            qualified = "" if led else _qualified(sentence, span.start, span.end, limit)
            if qualified:
                subject = qualified
            elif after and (not subject or _metric_words(subject) or led and _action(sentence, clause, span.start)):
                subject = after
            if not subject and not previous and _SHARED.search(sentence[:clause]):
                # "LME copper inched up and hit a high of $6,959/mt": the subject of the clause before
                main, _ = _subject_before(sentence, _clause_start(sentence, max(0, clause - 5)), clause - 5)
                subject = before if main == IT else main
            if not subject and re.search(r",?\s(?:which|who)\s$", sentence[:clause]):
                subject = _antecedent(sentence[:clause])
            if not subject or _METRIC_ONLY.match(subject):
                # "and is projected to reach ...", "with a growth rate of 98%": the subject said before
                subject = previous
            over = _FOR_AFTER.match(sentence, span.end, limit)
            if over and subject and span.unit == "%":
                qualifier = _tidy(over["np"])
                if qualifier:
                    subject = (f"{subject.split(' of ')[0]} of {qualifier}" if " of " in subject
                               else f"{subject}, {qualifier}")
        words = f"{subject} {_window(sentence, clause, span.start, span.end)}"
        years = period(sentence, span.start, span.end)
        near = sentence[max(clause, span.start - 40):span.start]
        after_price = any(p.currency and p.per for p in spans[:n])
        out.append(Measure(subject=subject, metric=metric_of(words, span, near, sentence[span.end:span.end + 40],
                                                             after_price),
                           start_year=years[0] if years else None, end_year=years[1] if years else None))
        if subject and not (n in paired):
            previous = subject
    return out


_JOIN = re.compile(r"\b(?:(?:from|in|by|to|and|between|through|until)\s)?(?:19|20)\d{2}\b|\b(?:specifically|including"
                   r"|of\swhich|namely|each|apiece|respectively|or|and|to|from|with|about|around|approximately"
                   r"|nearly|over|above|under|below|up\sto|more\sthan|less\sthan|while|versus|vs)\b|[,;()\s.-]", re.I)


def _between(text: str, start: int, end: int) -> str:
    """The words between two figures that may name the second's subject ("$9,348, aluminium $2,600")."""
    return _JOIN.sub("", re.sub(r"^\s*(?:worth\s)?of\s[^,;]*", "", text[start:end]))


def _antecedent(text: str) -> str:
    """What a "which" clause is about: "Other London metals include aluminium, which" -> "aluminium"."""
    before = re.sub(r",?\s(?:which|who)\s$", "", text)
    part = re.split(r"[,;:(]|\s(?:include|includes|including|such as|and|or|like)\s", before)[-1]
    part = _VERB_RE.split(part)[-1]
    return _tidy(" ".join(part.split()[-5:]))


def _metric_words(phrase: str) -> bool:
    return bool(_METRIC_ONLY.match(phrase))


_ACTION = re.compile(r"\b(?:purchas\w*|buy\w*|bought|sign\w*|order\w*|build\w*|built|produc\w*|ship\w*|suppl\w*"
                     r"|deliver\w*|add\w*|import\w*|export\w*|sold|sell\w*|acquir\w*|procur\w*|install\w*"
                     r"|offer\w*|quot\w*|trad\w*)\b", re.I)


def _action(text: str, clause: int, start: int) -> bool:
    """The verb leading to the figure acts on it ("plans to purchase over 50 million square meters of ...")."""
    return bool(_ACTION.search(text, clause, start))

"""A figure's subject: the noun phrase its sentence gives for what is measured."""

from __future__ import annotations

import re

from .clauses import BE, METRIC_ONLY, VERB_RE, tidy
from .model import Span
from .phrase import noun_phrase

# a noun phrase after a figure: up to six words, none a preposition, conjunction or verb that ends it
_STOP = r"by|in|for|from|to|and|or|at|with|on|than|which|that|is|are|was|were|will|has|have|had|per"
_WORD = r"[A-Za-z][\w./+-]*"


def _phrase(words: int) -> str:
    return rf"{_WORD}(?:\s+(?!(?:{_STOP})\b){_WORD}){{0,{words}}}"


_AFTER_NOUN = re.compile(rf"\s{{0,2}}(?:[-‐]?\s*(?!(?:{_STOP}|of|year|yuan)\b)(?P<np>{_phrase(5)}))")
_OF_AFTER = re.compile(rf"\s{{0,2}}(?:of|worth of)\s+(?P<np>(?:the\s+|an?\s+)?{_phrase(5)})", re.I)
FOR_AFTER = re.compile(rf"\s{{0,2}}for\s+(?P<np>(?:the\s+)?{_phrase(4)})(?=\s{{0,2}}(?:by|in|from|$|[,.;]))")
_MODIFIER_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the|its|their|his|her|this|of\s+a|with\s+a|total(?:ing)?|new"
                              r"|planned|proposed|first|second|largest|combined|cumulative)\s*$", re.I)

SHARED = re.compile(r"\s(?:and|or|with)\s+$")  # "... and settled at": a clause sharing the subject of the one before
IT = "\0it"  # a pronoun's place: the subject said before stands for it
_MANNER = re.compile(r"(?:range-?bound|sideways|flat|steady|firm|higher|lower|weak|strong|stable|\w+ly)"
                    r"(?:\s(?:range-?bound|higher|lower|today))?", re.I)  # "to trade rangebound at": how, not what
_PRONOUN = re.compile(r"^(?:it|they|we|it also|they also)$", re.I)
_VIEW = re.compile(r"(?:see|sees|expect|expects|forecast|forecasts|anticipate|anticipates)\s(?P<np>[^,;]{1,60}?)"
                   r"\s(?=to\s\w+|\w+ing\b)", re.I)


_DETERMINED = re.compile(r"(?:^|\s)(?:a|an|the|its|their|this)\s*$", re.I)
_IN_NOUN_PHRASE = re.compile(r"(?:^|\s)(?:a|an|the|its|their|this|total|combined|cumulative)(?:\s[\w-]+){0,2}\s*$",
                             re.I)
_BE_RE = re.compile(rf"(?:{BE})", re.I)
# a noun that names a measure, not a thing: "an annual capacity of", "an energy density of"
_MEASURE_NOUN = re.compile(r"\b(?:capacity|output|production|shipments|sales|demand|volume|total|premium|discount|density"
                           r"|availability|uptime|rate|ratio|efficiency|life|range|share|speed|duration|size)$", re.I)
_PARTICIPLE_NOUNS = {"base", "capacity", "volume", "volumes", "quantity", "price", "prices", "value", "output", "scale",
                     "amount", "demand", "shipments", "sales", "power", "energy", "storage", "cost", "costs"}


def _modifier(left: str, verb: re.Match, verbs: list[re.Match]) -> bool:
    """A verb's word that is a noun phrase's modifier: "the trade", "the total registered volume ... was"
    (a participle after a determiner, with a form of "be" or "have" still to come)."""
    before = left[:verb.start()]
    if _DETERMINED.search(before) or re.search(r"(?:^|\s)(?:most|best|least|widely|heavily|actively|as)\s*$", before, re.I):
        return True  # "the most traded copper contract", "the price as traded in China"
    later = [v for v in verbs if v.start() > verb.start()]
    if verb[0].casefold().endswith("ed") and re.search(r"(?:^|,)\s*$", before) and later and re.match(
            r"\s(?:prices?|volumes?|quantit(?:y|ies)|values?|amounts?|capacity|output)\b", left[verb.end():]):
        return True  # "traded prices of didymium oxide stood at": a participle opening its noun phrase
    nxt = re.match(r"\s([a-z]+)\b", left[verb.end():])
    if (verb[0].casefold().endswith("ed") and nxt and nxt[1] in _PARTICIPLE_NOUNS
            and any(_BE_RE.fullmatch(v[0]) for v in later)):
        return True  # "CATL's power battery installed base in March was": the participle names a kind of base
    return (verb[0].casefold().endswith(("ed", "ing")) and bool(_IN_NOUN_PHRASE.search(before))
            and any(_BE_RE.fullmatch(v[0]) for v in later))


def subject_before(text: str, clause: int, start: int) -> tuple[str, bool]:
    """(subject, whether a verb leads to the figure): the noun phrase before the verb group that ends at the
    figure ("shipments are expected to reach" -> "shipments"), or the phrase right before it ("LME copper")."""
    left = text[clause:start]
    # the last comma-separated part that holds a verb, else the whole left of the clause
    verbs = list(VERB_RE.finditer(left))
    if not verbs:
        part = left.rsplit(",", 1)[-1] if left.count(",") and len(left.rsplit(",", 1)[-1].split()) >= 2 else left
        return tidy(part), False
    first = next((v for v in verbs if not _modifier(left, v, verbs)), None)
    if first is None:
        return tidy(left), False
    # the subject runs from the part's start (after a comma that is no list's) to the first verb
    before = left[:first.start()]
    pieces = before.split(",")
    subject = pieces[-1]
    if len(pieces) > 1 and len(subject.split()) <= 1 and re.match(r"\s*(?:Ltd|Inc|Co|LLC|Corp)\b", subject):
        subject = ",".join(pieces[-2:])
    seen = _VIEW.match(left, first.start())
    if seen and re.fullmatch(r"\s*(?:we|they|analysts?|traders?)\s*", subject, re.I):
        # "We expect LME aluminium to trade at", "We see it hovering around": what is expected
        subject = seen["np"]
    if _PRONOUN.match(subject.strip()):
        return IT, True  # "We expect it to trade at ...", "It rose 2%": the subject said before
    subject = tidy(subject)
    # "bought battery-grade lithium carbonate at 82,000 yuan/mt": what the verb acts on, priced at the figure
    last = verbs[-1]
    rest = left[last.end():]
    kind = re.fullmatch(r"\s*(?:a|an|the|its|their)\s+(?P<np>[^,;]+?)\s+of\s*", rest, re.I)
    if kind and noun_phrase(kind["np"]) and not METRIC_ONLY.match(kind["np"]) and not _MEASURE_NOUN.search(kind["np"]):
        return tidy(kind["np"]), True  # "plan a pilot line of 2GWh", "signed a contract of": the thing measured
    if re.search(r"\s(?:at|for|of)\s*$", rest) and (not subject or _ACTION.fullmatch(last[0])):
        thing = tidy(re.sub(r"\s(?:at|for|of)\s*$", "", rest))
        if noun_phrase(thing) and not METRIC_ONLY.match(thing) and not _MANNER.fullmatch(thing):
            return thing, True
    return subject, True


def subject_after(text: str, end: int, limit: int, span: Span) -> str:
    """The phrase a figure qualifies or is of: "200MW/800MWh energy storage area", "50 million square meters of
    composite aluminum foil"."""
    if span.unit == "%":
        return ""
    m = _OF_AFTER.match(text, end, limit)
    if m:
        return tidy(m["np"])
    return ""


def qualified_noun(text: str, start: int, end: int, limit: int) -> str:
    """The noun a figure used as a modifier stands before: "the 200MW/800MWh semi-solid-state BESS project"."""
    if not _MODIFIER_BEFORE.search(text, max(0, start - 14), start):
        return ""
    m = _AFTER_NOUN.match(text, end, limit)
    if not m:
        return ""
    words = m["np"].split()
    verb = next((n for n, w in enumerate(words) if VERB_RE.fullmatch(w) or w.endswith("ed")), len(words))
    return tidy(" ".join(words[:verb]))  # "the 500 MW sought by", "a 115Ah product launched by": no verb


def window(text: str, clause: int, start: int, end: int) -> str:
    """The words a metric is read from: the clause up to the figure and a few words after it."""
    after = text[end:end + 40]
    cut = re.search(r"[,;.，。；]|\s(?:and|while|with)\s", after)
    return text[clause:start] + " " + (after[:cut.start()] if cut else after)


_CJK_TAIL = re.compile(r"(?:为|為|达到|達到|达|達|报|報|约为|約為|约|約|至|在|收于|收於|录得|錄得|上涨|上漲|下跌|涨|漲|跌|增长|增長"
                       r"|下降|同比|环比|環比|均价|均價|已达|已達|超过|超過|突破|共计|共計|合计|合計|分别|分別|累计|累計|预计|預計"
                       r"|将|將|有望|左右|以上)+\s*$")
_CJK_HEAD = re.compile(r"^\s*(?:(?:到|至|截至|截止|预计|預計|预测|預測|据|據|根据|根據)?(?:(?:19|20)\d{2}年(?:底|末|前|内|內)?"
                       r"|(?:\d{1,2}月)?\d{1,2}日|今日|本周|本週|上周|上週|其中)|截至\S{0,8}|(?:据|據)\S{0,8}?(?:预计|預計|预测|預測"
                       r"|数据|數據|统计|統計|显示|顯示)|(?:据|據)\S{0,8})+")

# the figure before in the same clause, with the verb that led to it: "上涨5000元/吨至" before "18万元/吨"
_CJK_FIGURE = re.compile(r"(?:上涨|上漲|下跌|涨|漲|跌|上调|上調|下调|下調|增长|增長|下降)?[\d.,~\-–]+\s*(?:万|萬|亿|億)?\s*"
                         r"(?:元|美元|美金)?(?:/(?:吨|噸|磅|千克|公斤|kg|t))?\s*(?:至|到)$")
# words that name only a metric or a comparison, not what is measured
_CJK_METRIC = re.compile(r"(?:涨幅|漲幅|跌幅|降幅|增幅|均价|均價|价格|價格|报价|報價|环比|環比|同比|较上\S{0,4}|環比上\S{0,4}|环比上\S{0,4})"
                         r"(?:近|约|約|为|為)?")


def cjk_subject(text: str, start: int) -> str:
    """The subject of a figure in Chinese: the words of its clause before it, without the time it holds for
    ("到2030年"), the source ("据SMM预计") or the verb that leads to it ("将达到")."""
    left = re.split(r"[，,；;：:。、（(）)\]】*]|\s+(?=\S*[\u3400-\u9fff])", text[:start])[-1]
    left = re.sub(r"(?:从|從)[\d.,~\-–]\S*$", "", left)  # "氯化钴报价从5.4-5.6万元下调至": what falls, not from what
    left = _CJK_TAIL.sub("", _CJK_FIGURE.sub("", _CJK_HEAD.sub("", left))).strip()[-16:]
    left = re.sub(r"^\d{0,3}年", "", left).strip()
    left = re.sub(r"(?:从|從|仍|还|還|也|已|都|创下了|創下了|创下|創下|创|創)+$", "", left).strip()  # "钴精矿也从": from
    return "" if _CJK_METRIC.fullmatch(left) else left


# the plant or project a size written before it measures: "建设10GWh动力储能电池项目", "规模达1.6GWh的大型储能项目"
_CJK_FACILITY = re.compile(r"\s*的?(?P<np>[\u4e00-\u9fff]{0,14}?(?:项目|項目|电站|電站|基地|工厂|工廠|生产线|生產線|产线|產線"
                           r"|储能系统|儲能系統))")


_CJK_BOUND = re.compile(r"(?:不低于|不低於|不少于|不少於|不超过|不超過|不高于|不高於|高于|高於|低于|低於|超过|超過)\s*$")
# the words before such a figure that are no name of a place or an owner but a verb or a measure word
_CJK_NOT_NAME = re.compile(r"投资|投資|建设|建設|新建|打造|签署|簽署|签约|簽約|包含|涉及|具体|具體|拟|擬|将|將|为|為|达|達|在|约|約"
                           r"|一个|一個|一座|规模|規模|容量|总|總|共|其中|分别|分別")


def cjk_facility(text: str, start: int, end: int) -> str:
    """The facility a Chinese size figure (``text[start:end]``) stands before, with the place or owner named
    right before the figure ("贺兰县金贵镇200MW/400MWh电网侧共享储能电站" -> "贺兰县金贵镇电网侧共享储能电站"), or ""."""
    m = _CJK_FACILITY.match(text, end)
    if not m or _CJK_BOUND.search(text, max(0, start - 4), start):
        return ""  # "容量不低于30MWh的电站": a bound of the capacity before, not the plant's size
    before = cjk_subject(text, start)
    named = before if re.fullmatch(r"[\u3400-\u9fff]{2,12}", before) and not _CJK_NOT_NAME.search(before) else ""
    return named + m["np"]


def cjk_subject_or(text: str, start: int, previous: str) -> str:
    """A Chinese figure's subject, else the one of the figure before it ("均价3.6万元/吨", "涨幅近3%")."""
    return noun_phrase(cjk_subject(text, start)) or previous


_JOIN = re.compile(r"\b(?:(?:from|in|by|to|and|between|through|until)\s)?(?:19|20)\d{2}\b|\b(?:specifically|including"
                   r"|of\swhich|namely|each|apiece|respectively|or|and|to|from|with|about|around|approximately"
                   r"|nearly|over|above|under|below|up\sto|more\sthan|less\sthan|while|versus|vs|at|on|lower|higher|the|previous"
                   r"|prior|last|today|yesterday|overnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|session|close)\b"
                   r"|[,;()\s.-]", re.I)


def between(text: str, start: int, end: int) -> str:
    """The words between two figures that may name the second's subject ("$9,348, aluminium $2,600")."""
    return _JOIN.sub("", re.sub(r"^\s*(?:worth\s)?of\s(?:(?!\sand\s)[^,;])*", "", text[start:end]))


def antecedent(text: str) -> str:
    """What a "which" clause is about: "Other London metals include aluminium, which" -> "aluminium"."""
    before = re.sub(r",?\s(?:which|who)\s$", "", text)
    part = re.split(r"[,;:(]|\s(?:include|includes|including|such as|and|or|like)\s", before)[-1]
    part = VERB_RE.split(part)[-1]
    return tidy(" ".join(part.split()[-5:]))


def metric_words(phrase: str) -> bool:
    return bool(METRIC_ONLY.match(phrase))


_ACTION = re.compile(r"\b(?:purchas\w*|buy\w*|bought|sign\w*|order\w*|build\w*|built|produc\w*|ship\w*|suppl\w*"
                     r"|deliver\w*|add\w*|import\w*|export\w*|sold|sell\w*|acquir\w*|procur\w*|install\w*"
                     r"|offer\w*|quot\w*|trad\w*|posted|reported|recorded)\b", re.I)


def action(text: str, clause: int, start: int) -> bool:
    """The verb leading to the figure acts on it ("plans to purchase over 50 million square meters of ...")."""
    return bool(_ACTION.search(text, clause, start))


_SPEC_AFTER = re.compile(r"\s?(?P<np>(?:[A-Za-z]\w*\s){0,2}?(?:min(?:imum)?|max(?:imum)?|min/max))(?=[\s,;.)]|$)")


def specified(text: str, span: Span) -> str:
    """The element a specification's figure bounds: "4% Zn max", "30-45% nickel min/max"; "" for other figures."""
    if span.unit != "%":
        return ""
    m = _SPEC_AFTER.match(text, span.end)
    return m["np"] if m else ""


_CHANGE_IN = re.compile(rf"\s{{0,2}}(?:drop|rise|increase|decline|fall|gain|growth|jump|slump|cut|reduction|decrease"
                        rf"|surge|dip|climb)s?\s+(?:in|of)\s+(?P<np>(?:the\s+)?{_phrase(5)})", re.I)
_LABEL = re.compile(r"(?:^|[\n.;])\s*(?P<label>[A-Za-z][\w/&'-]*(?:\s[\w/&'-]+){0,5})\s?[:：]\s*(?:[A-Za-z]+\s)?$")


def changed(text: str, end: int, limit: int) -> str:
    """What a change after its figure is of: "a 20% drop in Q1 net profit" -> "Q1 net profit"."""
    m = _CHANGE_IN.match(text, end, limit)
    np = tidy(m["np"]) if m else ""
    return "" if re.fullmatch(r"[A-Z][\w-]*", np) else np  # "a 4.1 percent drop in Shanghai": a place


def labelled(text: str, start: int) -> str:
    """The label a figure is the value of: "Hot Rolled Lead Times: 3-6 weeks", "Quantity: Min 100 tonnes"."""
    m = _LABEL.search(text, max(0, start - 80), start)
    return tidy(m["label"]) if m and not VERB_RE.search(m["label"]) else ""


"""Clauses and verbs of a sentence, and the tidying of a phrase read from one."""

from __future__ import annotations

import re

LONG = 3000  # no sentence is longer: a table run together, or hostile input

BE = r"is|are|was|were|be|been|being|will|would|may|might|could|should|can|must|shall|has|have|had"
_VERB = (
    r"reach(?:ed|es|ing)?|r[io]se[ns]?|rising|f[ae]ll(?:s|en|ing)?|drop(?:ped|s|ping)?|declin(?:ed|es|ing|e)"
    r"|decreas(?:ed|es|ing|e)|increas(?:ed|es|ing|e)|gr[eo]w(?:s|n|ing)?|climb(?:ed|s|ing)?|gain(?:ed|s|ing)?"
    r"|lost|los(?:es|ing)|jump(?:ed|s)?|surg(?:ed|es|ing)|slipp(?:ed|ing)|slid|edg(?:ed|ing)|eas(?:ed|ing)"
    r"|tumbl(?:ed|ing)|plung(?:ed|ing)|soar(?:ed|ing)|rall(?:ied|ying)|rebound(?:ed|ing)?|stood|stands?|hit|hits"
    r"|total(?:l?ed|l?ing|s)|amount(?:ed|ing|s)|averag(?:ed|ing)|trad(?:ed|ing)|clos(?:ed|ing)|settl(?:ed|ing)"
    r"|end(?:ed|ing)|remain(?:ed|s|ing)?|stay(?:ed|s|ing)?|hover(?:ed|ing)|fluctuat(?:ed|ing)|record(?:ed|ing)"
    r"|register(?:ed|ing)|post(?:ed|ing)|expand(?:ed|ing)|shr[ai]nk|shrank|narrow(?:ed|ing)|widen(?:ed|ing)"
    r"|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|approach(?:ed|es|ing)?|touch(?:ed|ing)|open(?:ed|ing)"
    r"|held|hold(?:s|ing)|came|come|saw|see[sn]?|show(?:ed|s|n)?|accounted|accounting|accounts?|install(?:ed|s|ing)?|rank(?:ed|s|ing)?|maintain(?:ed|s|ing)?"
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
VERB_RE = re.compile(rf"(?<![\w-])(?:{BE}|{_VERB})(?![\w-])", re.I)
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
# "as" ends a clause, but not in "as much as", "such as", "as well as"
_AS = (r"(?<!much\s)(?<!many\s)(?<!high\s)(?<!low\s)(?<!well\s)(?<!far\s)(?<!soon\s)(?<!long\s)"
       r"as(?!\s(?:much|many|high|low|well|far|soon|long|a\sresult|expected|usual|(?:traded|quoted|assessed"
       r"|reported|measured|calculated|defined|listed|shown)\s(?:in|on|by|at))\b)")  # "price ... as traded in China"
HARD = re.compile(r";|；|:(?!\d)|：|\s(?:while|whereas|but|although|though|" + _AS + r"|which|where|when|after|before"
                   r"|because|since|after|with|if|then|thereby)\s|\s(?:and|or)\s+(?=(?:" + BE + r"|" + _VERB
                   + r")\b)|\s(?:that|(?:showed|shows|said|says)\s(?=[a-z]))\s?|[，。、！？]|\[|\]|“|”|\"", re.I)
LIST_GLUE = re.compile(r"^[\s,]*(?:and|or|&|to|versus|vs\.?)?[\s,]*(?:approximately|about|around|roughly|nearly"
                        r"|an?|the)?\s*$", re.I)
CJK = re.compile(r"[\u3400-\u9fff]")

METRIC_ONLY = re.compile(
    r"^(?:(?:average|annual|total|planned|estimated|expected|projected|overall|cumulative|combined|new|global|further"
    r"|compound(?:ed)?|year-on-year|yearly|monthly|weekly|daily|unit|contract|bid|winning|overall)\s+)*"
    r"(?:(?:growth\s+)?rates?|growth|CAGR|compound\s+(?:annual\s+)?growth\s+rates?|price|prices|investment|value"
    r"|increase|decrease|rise|drop|decline|gain|loss|change|area|amount|sum|scale|figure|level|total|volume|average|mean"
    r"|median|high|low|close|range)$", re.I)
_AS_QUALIFIER = re.compile(r"\s+as\s+(?:traded|quoted|assessed|reported|measured|calculated|defined|listed|shown)\b.*$",
                           re.I)
_DROP_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_NOT_SUBJECT = re.compile(r"^(?:it|they|this|that|which|there|who|he|she|we|i|you|these|those|one|each|both|all"
                          r"|company|the company|its|the|having|being)$", re.I)
_PLACE_PREFIX = re.compile(r"^(?:on|in|at|by|from|since|as of|until|during|after|before|for)\s+(?:(?:the\s+)?"
                           r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
                           r"|\d{4}|(?:first|second|third|fourth|last|next)\s+\w+|this\s+\w+|last\s+\w+|today"
                           r"|yesterday|Q[1-4]|H[12])[\s,]*)+", re.I)


def clause_start(text: str, end: int) -> int:
    """Where the clause holding position ``end`` starts."""
    start = 0
    for m in HARD.finditer(text, 0, end):
        start = m.end()
    return start


def tidy(phrase: str) -> str:
    phrase = _DROP_PAREN.sub("", phrase) if phrase.count("(") == phrase.count(")") else phrase
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.'\"“”‘’-–—")
    phrase = _PLACE_PREFIX.sub("", phrase)
    phrase = _AS_QUALIFIER.sub("", phrase)  # "black mass price ... as traded in the Chinese market": the price
    for _ in range(3):
        phrase = _HEAD_WORDS.sub("", phrase).strip(" ,")
        phrase = _TAIL.sub("", " " + phrase).strip(" ,")
    words = phrase.split()
    if not words or _NOT_SUBJECT.match(phrase) or not any(c.isalpha() for c in phrase):
        return ""
    return " ".join(words[-10:])

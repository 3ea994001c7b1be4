"""Lists written with *respectively*: each figure paired with its own name."""

from __future__ import annotations

import re

from .clauses import LIST_GLUE, METRIC_ONLY, VERB_RE, clause_start, tidy
from .model import Span

_MEMBER = r"[A-Za-z][\w.+/&'-]*(?:\s[A-Za-z][\w.+/&'-]*){0,4}"
_FIRST = r"[A-Za-z][\w.+/&'-]*(?:\s[A-Za-z][\w.+/&'-]*){0,7}"  # the first may hold what all qualify
_LIST = re.compile(rf"(?P<prep>\b(?:in|for|of|among|across|at|from|by|to)\s)?(?P<list>{_FIRST}(?:,\s{_MEMBER}){{0,8}}"
                   rf",?\s(?:and|or)\s{_MEMBER})", re.I)


def pairs(text: str, spans: list[Span]) -> dict[int, str]:
    """Subjects of figures listed with "respectively", paired one to one with the list of names the sentence
    gives; {index of span: subject}."""
    if not re.search(r"\brespectively\b|分别", text):
        return {}
    out: dict[int, str] = {}
    # groups of figures written as a list: only commas, "and", "approximately" between them
    groups, current = [], [0] if spans else []
    for n in range(1, len(spans)):
        if LIST_GLUE.match(text[spans[n - 1].end:spans[n].start]):
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
    clause = clause_start(text, start)
    stop = len(text)
    for m in re.finditer(r";|\.\s|respectively", text[end:]):
        stop = end + m.start()
        break
    best: tuple[int, list[str]] | None = None
    for region, base_at in ((text[clause:start], clause), (text[end:stop], end)):
        for m in _LIST.finditer(region):
            members = [re.sub(r"^(?:and|or)\s", "", p.strip()) for p in re.split(r",\s(?:and\s|or\s)?|\s(?:and|or)\s",
                                                                                m["list"])]
            members = [VERB_RE.split(p, 1)[0].strip() for p in members]
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
            if of and METRIC_ONLY.match(tidy(head) or "rate"):
                base = rest  # "growth rates of widget demand in A, B and C": the demand is what is measured
            base = tidy(base)
            names = [tidy(x) or x.strip() for x in names]
            if base and METRIC_ONLY.match(base):
                base = ""
            if base:
                names = [f"{x} {base}" if prep == "of" else f"{base}, {x}" for x in names]
            best = (distance, names)
    return best[1] if best else []

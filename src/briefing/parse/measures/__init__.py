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

from .clauses import CJK, HARD, LONG, METRIC_ONLY, VERB_RE, clause_start, tidy
from .forecast import forecaster, period
from .metric import metric_of
from ..units import COUNTED
from .model import METRICS, Measure, Span
from .phrase import noun_phrase
from .respectively import pairs
from .subject import (FOR_AFTER, IT, SHARED, action, antecedent, between, changed, cjk_facility, cjk_subject_or,
                      labelled,
                      metric_words,
                      qualified_noun, specified, subject_after, subject_before, window)

__all__ = ["METRICS", "Measure", "Span", "describe", "forecaster", "metric_of", "period"]

_ADVERBS = {"up", "down", "lower", "higher"}  # "closed 1% lower from Wednesday at $13,905/mt": no new verb
_HEADS = {"contract", "metal", "company", "index", "project", "plant", "market", "product"}  # a definite noun
MANY = 60  # a sentence with more figures is a table run together: its figures keep their unit's metric


def describe(sentence: str, spans: list[Span], before: str = "") -> list[Measure]:
    """What each figure of one sentence measures (subject, metric, period); the forecaster is the caller's.
    ``before`` is the last subject of the sentences before, which a pronoun ("it rose 2%") stands for."""
    if len(sentence) > LONG or len(spans) > MANY:
        # no sentence is this long: a table run together, or hostile input; its figures keep their unit's metric
        return [Measure(metric=metric_of("", span)) for span in spans]
    paired = pairs(sentence, spans)
    out: list[Measure] = []
    previous = agent = ""  # the subject of the figure before, and of its clause (for a clause without one)
    for n, span in enumerate(spans):
        holder = ""  # the clause's subject, when the figure's own is what a verb acts on
        clause = clause_start(sentence, span.start)
        cut = HARD.search(sentence, span.end)
        limit = cut.start() if cut else len(sentence)
        if CJK.search(sentence[max(0, span.start - 6):span.start]):
            facility = "" if span.currency else cjk_facility(sentence, span.start, span.end)
            subject = facility or cjk_subject_or(sentence, span.start, previous)
        elif specified(sentence, span):
            subject = specified(sentence, span)
        elif n in paired:
            subject = paired[n]
        elif n and spans[n - 1].start >= clause and previous and not any(
                v[0].casefold() not in _ADVERBS for v in VERB_RE.finditer(sentence, spans[n - 1].end, span.start)
        ) and not between(sentence, spans[n - 1].end, span.start):
            subject = previous  # "... 50 million square meters of foil, specifically 20 million in 2026"
        else:
            subject, holder = _said(sentence, spans, n, clause, limit, agent or before)
            after = spans[n - 1].end if n else 0  # where the figure before ends
            subject = _fallback(sentence, span, (after, clause, limit), noun_phrase(subject), agent, before)
        subject = subject if n in paired else noun_phrase(subject)
        things = span.unit.split("/")[0] if span.unit and "/" in span.unit and not span.currency else ""
        if things in COUNTED and things.casefold() not in subject.casefold():
            subject = f"{subject} {things}".strip()  # "Tesla can equip 1,000 vehicles per week": Tesla vehicles
        words = f"{subject} {window(sentence, clause, span.start, span.end)}"
        years = period(sentence, span.start, span.end)
        near = sentence[max(clause, span.start - 40):span.start]
        after_price = any(p.currency and p.per for p in spans[:n])
        out.append(Measure(subject=subject, metric=metric_of(words, span, near, sentence[span.end:span.end + 40],
                                                             after_price),
                           start_year=years[0] if years else None, end_year=years[1] if years else None))
        if subject and not (n in paired):
            previous, agent = subject, holder or subject
    return out


def _said(sentence: str, spans: list[Span], n: int, clause: int, limit: int, said_before: str) -> tuple[str, str]:
    """The subject the words around figure ``n`` name: the noun phrase before its verb, the noun it qualifies
    or the phrase it is of; ``said_before`` stands for a pronoun. Returns it with the clause's own subject when
    the figure's is what the clause's verb acts on ("BYD installed 7.40 GWh of power batteries": BYD)."""
    span = spans[n]
    floor = spans[n - 1].end if n and spans[n - 1].start >= clause else clause
    of_previous = re.match(r"\s*(?:for|of)\s[^,;]*,", sentence[floor:span.start])
    if of_previous and n and span.currency:
        floor += of_previous.end()  # "RMB 29,500/mt for lanthanum oxide, RMB 28,000/mt for ..."
    subject, led = subject_before(sentence, floor, span.start)
    if n and floor == spans[n - 1].end and re.match(r"\s*of\s", sentence[floor:]) and " and " in subject:
        subject = subject.rsplit(" and ", 1)[-1]  # "500 miles of range and energy use of 2 kWh": the second's
    if subject == IT or subject.casefold() in _HEADS and subject.casefold() in said_before.casefold():
        subject = said_before  # "it", or "the contract" after "the SHFE 1811 contract"
    subject = noun_phrase(subject)
    after = subject_after(sentence, span.end, limit, span)
    # a figure before a noun names it ('its 100 MW/800 MWh Griffith BESS'), even after a verb; but a price
    # is the verb's, and 'a 4 percent gain' the subject's
    qualified = qualified_noun(sentence, span.start, span.end, limit) if not (led and span.currency) else ""
    if qualified and not (subject and metric_words(qualified)):
        return qualified, ""
    if after and (not subject or metric_words(subject) or led and action(sentence, clause, span.start)):
        return after, subject if led and action(sentence, clause, span.start) else ""
    return subject, ""


def _fallback(sentence: str, span: Span, bounds: tuple[int, int, int], subject: str, previous: str,
              before: str) -> str:
    """The subject when the words around the figure name none or only a metric: the clause's before, a
    "which" clause's antecedent, a "for ..." after a price, what a change is of, a label, the figure's before."""
    after, clause, limit = bounds
    main_start = clause_start(sentence, max(0, clause - 5))
    if not subject and (not previous or after <= main_start) and SHARED.search(sentence[:clause]):
        # "LME copper inched up and hit a high of $6,959/mt", "Eve Energy ranked fifth with a 3.86 percent
        # share": the subject of the clause before
        main, _ = subject_before(sentence, main_start, clause - 5)
        subject = before if main == IT else noun_phrase(main)
    if not subject and re.search(r",?\s(?:which|who)\s$", sentence[:clause]):
        subject = antecedent(sentence[:clause])
    over = FOR_AFTER.match(sentence, span.end, limit)
    if over and span.currency and (not subject or metric_words(subject)):
        subject = tidy(over["np"]) or subject  # "Prices were RMB 29,500/mt for lanthanum oxide"
    subject = changed(sentence, span.end, limit) or subject or labelled(sentence, span.start)
    if not subject or METRIC_ONLY.match(subject):
        # "and is projected to reach ...", "with a growth rate of 98%": the subject said before
        subject = previous
    if over and subject and span.unit == "%":
        qualifier = tidy(over["np"])
        if qualifier:
            subject = f"{subject.split(' of ')[0]} of {qualifier}" if " of " in subject else f"{subject}, {qualifier}"
    return subject
